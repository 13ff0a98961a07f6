"""Reading the figures only the portal knows (service index score and rank, online payment
rate), entered by hand for a period: plain SQL, no SQLAlchemy (the report reads them).
Entering them is ``manual.set_manual_figures``."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from db.sqlconn import row
from db.values import date_to_db, points_from_db
from desktop.core.office.vnformat import format_points

if TYPE_CHECKING:
    from db.sqlconn import Source
    from desktop.core.dossiers.periods import Period


@dataclass(frozen=True)
class ManualFigures:
    service_index: Decimal | None = None
    service_rank: int | None = None
    service_rank_of: int | None = None
    online_payment_rate: Decimal | None = None
    note: str = ""

    @property
    def rank_text(self) -> str:
        """``14/20`` as reports write it."""
        if self.service_rank is None:
            return ""
        return (
            f"{self.service_rank}/{self.service_rank_of}"
            if self.service_rank_of
            else str(self.service_rank)
        )

    def to_json(self) -> dict:
        def num(v: Decimal | None) -> float | None:
            return float(v) if v is not None else None

        return {
            "service_index": num(self.service_index),
            "service_index_text": format_points(self.service_index),
            "service_rank": self.service_rank,
            "service_rank_of": self.service_rank_of,
            "online_payment_rate": num(self.online_payment_rate),
            "note": self.note,
        }


def manual_row(src: Source, period: Period) -> sqlite3.Row | None:
    """The stored row of the period's figures (with its ``id``), or None."""
    return row(
        src,
        "SELECT id, service_index, service_rank, service_rank_of, online_payment_rate, note "
        "FROM dossier_manual_figures WHERE date_from = ? AND date_to = ?",
        (date_to_db(period.start), date_to_db(period.end)),
    )


def get_manual_figures(src: Source, period: Period) -> ManualFigures | None:
    r = manual_row(src, period)
    if r is None:
        return None
    return ManualFigures(
        points_from_db(r["service_index"]),
        r["service_rank"],
        r["service_rank_of"],
        points_from_db(r["online_payment_rate"]),
        r["note"],
    )
