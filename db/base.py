"""Declarative base with a stable naming convention and the exact points type."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Integer, MetaData
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

from db.values import POINTS_QUANTUM, points_from_db, points_to_db, to_points

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

__all__ = ["POINTS_QUANTUM", "Base", "Points", "to_points"]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Points(TypeDecorator[Decimal]):
    """Points (0..100, three decimals) stored exactly as integer thousandths.

    SQLite has no decimal type; storing thousandths keeps sums exact and sortable in SQL.
    """

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect) -> int | None:
        return points_to_db(value)

    def process_result_value(self, value: int | None, dialect) -> Decimal | None:
        return points_from_db(value)
