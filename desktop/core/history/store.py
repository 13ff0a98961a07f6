"""Where the former communes' history lives, and what each history folder holds.

Standard library only (no SQLAlchemy): the main window lists the units at start-up.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from db.dbfile import DB_FILE_NAME, connect_read_only
from desktop.core.office.text import fold
from desktop.core.office.vnformat import format_int

HISTORY_DIR_NAME = "lich-su"
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in range(1, 10)}


def history_root(data_dir: Path) -> Path:
    return data_dir / HISTORY_DIR_NAME


def slug(name: str) -> str:
    """``Hồng Phong`` → ``hong-phong``: a folder name Windows accepts, one per commune."""
    text = _NOT_SLUG.sub("-", fold(name))[:60].strip("-") or "xa"
    return f"xa-{text}" if text in _RESERVED else text


def history_dir(data_dir: Path, name: str) -> Path:
    return history_root(data_dir) / slug(name)


@dataclass(frozen=True)
class HistoryInfo:
    """One former commune's history folder, read without migrating it."""

    folder: Path
    name: str  # the former commune's name (its own profile)
    province: str = ""
    district: str | None = None
    years: tuple[int, ...] = ()
    documents: int = 0
    files: int = 0
    scores: int = 0  # self-scores
    results: int = 0  # appraised scores (areas, criteria, sub-criteria)
    result_years: tuple[int, ...] = ()
    reports: int = 0  # report files (BaoCao/) brought by the bundles, kept with their year

    @property
    def key(self) -> str:
        return fold(self.name)

    @property
    def display_name(self) -> str:
        return (
            f"Xã {self.name}" if not fold(self.name).startswith(("xa ", "phuong ")) else self.name
        )

    def summary(self) -> str:
        """``năm 2023, 2024; 6 tài liệu, 8 tệp, 4 điểm tự chấm, 20 điểm thẩm định``"""
        years = ", ".join(map(str, self.years)) or "chưa có năm"
        reports = f", {self.reports} tệp báo cáo" if self.reports else ""
        return (
            f"năm {years}; {format_int(self.documents)} tài liệu, {format_int(self.files)} tệp, "
            f"{self.scores} điểm "
            f"tự chấm, {self.results} điểm thẩm định{reports}"
        )

    def to_json(self) -> dict:
        return {
            "folder": str(self.folder),
            "name": self.name,
            "province": self.province,
            "district": self.district,
            "years": list(self.years),
            "documents": self.documents,
            "files": self.files,
            "scores": self.scores,
            "results": self.results,
            "result_years": list(self.result_years),
            "reports": self.reports,
        }


YEARS_SQL = """
SELECT DISTINCT year FROM evidence_document UNION SELECT year FROM appraisal_result
UNION SELECT DISTINCT c.year FROM self_score s JOIN catalog_node n ON n.id = s.node_id
JOIN catalog c ON c.id = n.catalog_id"""


def covered_years(con: sqlite3.Connection) -> set[int]:
    """Years with documents, self-scores or results (a bare catalog is not history)."""
    return {r[0] for r in con.execute(YEARS_SQL)}


def read_history(folder: Path) -> HistoryInfo | None:
    db = folder / DB_FILE_NAME
    if not db.is_file():
        return None
    try:
        con = connect_read_only(db)
    except sqlite3.Error:
        return None
    try:
        row = con.execute(
            "SELECT commune_name, province, district FROM commune_profile WHERE id = 1"
        ).fetchone()
        if row is None:
            return None
        one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        years = covered_years(con)
        result_years = tuple(r[0] for r in con.execute("SELECT year FROM appraisal_result"))
        reports = sum(
            len(json.loads(v).get("reports", []))
            for (v,) in con.execute(
                "SELECT value FROM app_setting WHERE key LIKE 'history.source.%'"
            )
        )
        return HistoryInfo(
            folder=folder,
            name=row[0],
            province=row[1] or "",
            district=row[2],
            years=tuple(sorted(years)),
            documents=one("SELECT count(*) FROM evidence_document"),
            files=one("SELECT count(*) FROM evidence_file"),
            scores=one("SELECT count(*) FROM self_score"),
            results=one("SELECT count(*) FROM appraised_score"),
            result_years=tuple(sorted(result_years)),
            reports=reports,
        )
    except (sqlite3.Error, ValueError, AttributeError):
        return None
    finally:
        con.close()


def former_names(data_dir: Path) -> list[str]:
    """The profile's former communes, in their order (read without SQLAlchemy)."""
    try:
        con = connect_read_only(data_dir / DB_FILE_NAME)
        try:
            return [r[0] for r in con.execute("SELECT name FROM former_commune ORDER BY position")]
        finally:
            con.close()
    except sqlite3.Error:
        return []


def list_histories(data_dir: Path) -> list[HistoryInfo]:
    """Every history folder with data: in the order of the profile's list of former
    communes, then any other by name."""
    root = history_root(data_dir)
    if not root.is_dir():
        return []
    found = [
        i
        for p in sorted(root.iterdir())
        # ".tam-…": a zipped backup being unpacked by an import, not a history yet
        if p.is_dir() and not p.name.startswith(".") and (i := read_history(p))
    ]
    order = {fold(n): i for i, n in enumerate(former_names(data_dir))}
    return sorted(found, key=lambda i: (order.get(i.key, len(order)), fold(i.name)))


def find_history(data_dir: Path, name: str) -> HistoryInfo | None:
    return next((h for h in list_histories(data_dir) if h.key == fold(name)), None)
