"""A year's commune name and appraising body for the main window's first screen, read
with the standard library's sqlite3 (read-only, no SQLAlchemy), resolved by the same
rules as ``years.year_settings``."""

from __future__ import annotations

from pathlib import Path

from db.dbfile import connect_read_only
from desktop.core.eras import YearSettings, fresh_settings, resolve


def year_view(db_path: Path, year: int) -> YearSettings:
    con = connect_read_only(db_path)
    try:
        p = con.execute(
            "SELECT commune_name, district, province FROM commune_profile WHERE id = 1"
        ).fetchone()
        row = con.execute(
            "SELECT year, commune_name, district, province, appraiser, appraiser_level, "
            "appraiser_confirmed FROM assessment_year WHERE year = ?",
            (year,),
        ).fetchone()
    finally:
        con.close()
    fresh = fresh_settings(year, *(p if p else ("", None, "")))
    stored = None
    if row is not None:
        stored = YearSettings(*row[:6], confirmed=bool(row[6]))
    return resolve(stored, fresh)
