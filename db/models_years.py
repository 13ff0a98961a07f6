"""Per-year facts that change with the July 2025 reform, and the communes merged into ours."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.models import _now


class AssessmentYear(Base):
    """What was true of an assessment year: the commune's name then, its district then,
    and who appraised it (a district until 2025, the province since). Snapshotted when
    the year is created, so changing the profile never rewrites past years."""

    __tablename__ = "assessment_year"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    commune_name: Mapped[str] = mapped_column(String(200), default="")
    district: Mapped[str | None] = mapped_column(String(200))
    province: Mapped[str] = mapped_column(String(200), default="")
    appraiser: Mapped[str] = mapped_column(String(300), default="")
    # district | province
    appraiser_level: Mapped[str] = mapped_column(String(20), default="district")
    # True once the officer has set the appraiser (not just the default)
    appraiser_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    # The evidence checks' window for documents of the year (None: 01/10 of the year
    # before to 31/01 of the year after).
    evidence_from: Mapped[date | None] = mapped_column(Date)
    evidence_to: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)


class FormerCommune(Base):
    """A commune merged into ours on 01/7/2025 (or later)."""

    __tablename__ = "former_commune"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    district: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
