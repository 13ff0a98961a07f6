"""Reading the commune profile (one row) in plain SQL: no SQLAlchemy, so the report
command and the first screen read it the same way as the GUI (``profile`` writes it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.sqlconn import row
from db.values import date_from_db
from desktop.core.records import ProfileInfo

if TYPE_CHECKING:
    from db.sqlconn import Source

PROFILE_ID = 1


def get_profile(src: Source) -> ProfileInfo | None:
    r = row(
        src,
        "SELECT unit_kind, commune_name, district, province, chairman, officer, "
        "merger_decision_number, merger_decision_date FROM commune_profile WHERE id = ?",
        (PROFILE_ID,),
    )
    if r is None:
        return None
    return ProfileInfo(
        unit_kind=r["unit_kind"],
        commune_name=r["commune_name"],
        district=r["district"],
        province=r["province"],
        chairman=r["chairman"],
        officer=r["officer"],
        merger_decision_number=r["merger_decision_number"],
        merger_decision_date=date_from_db(r["merger_decision_date"]),
    )
