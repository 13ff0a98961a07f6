"""Dossier statistics tables: dossiers (hồ sơ TTHC) imported from the portal's exports,
the import history, saved column-mapping profiles and the figures entered by hand.

Datetimes are naive local time (the portal's clock), stored as integers YYYYMMDDhhmmss
(``Stamp``): still readable in a database browser, and compared as integers, which keeps
the statistics fast. A due value given without a time is stored as the end of that day
(23:59:59), so "result at or before due" is one comparison.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from db.base import Base, Points
from db.values import from_stamp, now, stamp_of


class Stamp(TypeDecorator[datetime]):
    """A naive datetime (to the second) stored as the integer YYYYMMDDhhmmss."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> int | None:
        return None if value is None else stamp_of(value)

    def process_result_value(self, value: int | None, dialect) -> datetime | None:
        return None if value is None else from_stamp(value)


_now = now  # local time, to the second


class DossierImport(Base):
    """One import of an export file (kept for history and to trace a dossier's source)."""

    __tablename__ = "dossier_import"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    sheet: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    profile_name: Mapped[str] = mapped_column(String(200), default="")
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    imported: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=_now)


class Dossier(Base):
    """A dossier (hồ sơ TTHC), stored once per code whatever the number of exports."""

    __tablename__ = "dossier"
    # Covering indexes: a period's figures read only these, never the table's rows.
    __table_args__ = (
        Index("ix_dossier_received_scope", "received_at", "result_at", "due_at", "klass", "field"),
        Index("ix_dossier_result_scope", "result_at", "received_at", "due_at", "klass", "field"),
        # A period's figures: one pass in (klass, field) order, no sort (core.dossiers.stats).
        Index("ix_dossier_class_scan", "klass", "field", "received_at", "result_at", "due_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(100), unique=True)
    procedure: Mapped[str] = mapped_column(Text, default="")
    field: Mapped[str] = mapped_column(String(300), default="")
    applicant: Mapped[str] = mapped_column(String(300), default="")
    # online | direct | postal, or None when the export does not say.
    channel: Mapped[str | None] = mapped_column(String(10))
    received_at: Mapped[datetime] = mapped_column(Stamp)
    due_at: Mapped[datetime | None] = mapped_column(Stamp)
    result_at: Mapped[datetime | None] = mapped_column(Stamp)
    returned_at: Mapped[datetime | None] = mapped_column(Stamp)
    status: Mapped[str] = mapped_column(String(200), default="")
    # processing | done | returned | withdrawn | rejected | "" (see core.dossiers.values)
    status_kind: Mapped[str] = mapped_column(String(12), default="")
    # None: the export has no such column.
    digitised_on_receipt: Mapped[bool | None] = mapped_column(Boolean)
    result_digitised: Mapped[bool | None] = mapped_column(Boolean)
    # True paid online, False a fee not paid online, None no fee / not in the export.
    online_payment: Mapped[bool | None] = mapped_column(Boolean)
    # full (toàn trình) | partial (một phần) | None
    online_level: Mapped[str | None] = mapped_column(String(10))
    e_certified: Mapped[bool] = mapped_column(Boolean, default=False)
    # The row's period-independent classes packed in one integer (channel, timeliness,
    # withdrawn/rejected, digital flags): see desktop.core.dossiers.klass. Recomputed
    # whenever the row is written.
    klass: Mapped[int] = mapped_column(Integer, default=0)
    import_id: Mapped[int | None] = mapped_column(
        ForeignKey("dossier_import.id", ondelete="SET NULL"), index=True
    )
    source_row: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now)


class DossierMappingProfile(Base):
    """A named column mapping, applied again when the same header appears."""

    __tablename__ = "dossier_mapping_profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # Folded header labels joined by "|": the header this profile was made for.
    signature: Mapped[str] = mapped_column(Text, index=True)
    # JSON object: folded header label -> field key (code, received, ...).
    mapping: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)


class DossierManualFigures(Base):
    """Figures only the portal knows, entered by hand for one period."""

    __tablename__ = "dossier_manual_figures"
    __table_args__ = (UniqueConstraint("date_from", "date_to"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    date_from: Mapped[date] = mapped_column(Date)
    date_to: Mapped[date] = mapped_column(Date)
    service_index: Mapped[Decimal | None] = mapped_column(Points)
    service_rank: Mapped[int | None] = mapped_column(Integer)
    service_rank_of: Mapped[int | None] = mapped_column(Integer)
    online_payment_rate: Mapped[Decimal | None] = mapped_column(Points)
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
