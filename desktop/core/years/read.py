"""Reading a year's settings (appraising body, the commune's name that year) and the
former communes in plain SQL, without SQLAlchemy; ``years`` writes them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.sqlconn import row, rows
from desktop.core.years.eras import YearSettings, fresh_settings, province_full, resolve  # noqa: F401
from desktop.core.years.profile_read import get_profile

if TYPE_CHECKING:
    from db.sqlconn import Source


def fresh_year(src: Source, year: int) -> YearSettings:
    """A year's values taken from the current profile (the era's default appraiser)."""
    p = get_profile(src)
    if p is None:
        return fresh_settings(year, "", None, "")
    return fresh_settings(year, p.commune_name, p.district, p.province)


def stored_year(src: Source, year: int) -> YearSettings | None:
    """The values stored for the year, as they are (None when never snapshotted)."""
    r = row(
        src,
        "SELECT year, commune_name, district, province, appraiser, appraiser_level, "
        "appraiser_confirmed FROM assessment_year WHERE year = ?",
        (year,),
    )
    if r is None:
        return None
    return YearSettings(
        year=r["year"],
        commune_name=r["commune_name"],
        district=r["district"],
        province=r["province"],
        appraiser=r["appraiser"],
        appraiser_level=r["appraiser_level"],
        confirmed=bool(r["appraiser_confirmed"]),
    )


def year_settings(src: Source, year: int) -> YearSettings:
    """The year's values. A year never snapshotted, or snapshotted before the profile was
    entered, takes what is missing from the current profile."""
    return resolve(stored_year(src, year), fresh_year(src, year))


def former_communes(src: Source) -> list[str]:
    return [r["name"] for r in rows(src, "SELECT name FROM former_commune ORDER BY position")]
