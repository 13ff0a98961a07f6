"""A year's commune name and appraising body for the main window's first screen, read
with the standard library's sqlite3 (read-only, no SQLAlchemy) by ``years_read``, the
reader ``years.year_settings`` uses too."""

from __future__ import annotations

from pathlib import Path

from db.dbfile import connect_read_only
from desktop.core.years.eras import YearSettings
from desktop.core.years.read import year_settings


def year_view(db_path: Path, year: int) -> YearSettings:
    con = connect_read_only(db_path)
    try:
        return year_settings(con, year)
    finally:
        con.close()
