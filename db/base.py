"""Declarative base with a stable naming convention and the exact points type."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import Integer, MetaData
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

POINTS_QUANTUM = Decimal("0.001")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def to_points(value: Decimal | int | float | str) -> Decimal:
    """Round a value to the 3 decimals the index uses (e.g. ``1,577``)."""
    if isinstance(value, float):
        value = repr(value)
    return Decimal(value).quantize(POINTS_QUANTUM, rounding=ROUND_HALF_UP)


class Points(TypeDecorator[Decimal]):
    """Points (0..100, three decimals) stored exactly as integer thousandths.

    SQLite has no decimal type; storing thousandths keeps sums exact and sortable in SQL.
    """

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect) -> int | None:
        if value is None:
            return None
        return int(to_points(value) * 1000)

    def process_result_value(self, value: int | None, dialect) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(value) / 1000).quantize(POINTS_QUANTUM)
