"""What the main window shows for a year: profile, years, the catalog, evidence counts and
the self-scores rolled up (``score_calc``).

Read with the standard library's sqlite3 (read-only) so the first screen is drawn before
SQLAlchemy is even imported, by the same plain-SQL readers the rest of the app uses
(``profile_read``, ``catalog_read``, ``score_rollup``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from db.dbfile import connect_read_only
from desktop.core.catalog.read import catalog_info, catalog_years
from desktop.core.records import CatalogInfo, ProfileInfo
from desktop.core.scoring.calc import ScoreTree
from desktop.core.scoring.rollup import catalog_score_tree
from desktop.core.years.profile_read import get_profile


@dataclass(frozen=True)
class YearOverview:
    profile: ProfileInfo | None
    years: list[int]
    year: int | None
    catalog: CatalogInfo | None
    # distinct documents linked to the node or anything below it
    evidence_counts: dict[int, int] = field(default_factory=dict)
    documents_in_year: int = 0
    scores: ScoreTree | None = None


def _evidence_counts(
    con: sqlite3.Connection, catalog: CatalogInfo
) -> tuple[dict[int, int], dict[int, int]]:
    """Distinct documents at or below each node, and documents linked to each node itself."""
    parent_of = {n.id: n.parent_id for n in catalog.nodes}
    docs_under: dict[int, set[int]] = {}
    own: dict[int, int] = {}
    rows = con.execute(
        "SELECT l.node_id, l.document_id FROM evidence_link l "
        "JOIN catalog_node n ON n.id = l.node_id WHERE n.catalog_id = ?",
        (catalog.id,),
    )
    for node_id, doc_id in rows:
        own[node_id] = own.get(node_id, 0) + 1
        nid: int | None = node_id
        while nid is not None:
            docs_under.setdefault(nid, set()).add(doc_id)
            nid = parent_of.get(nid)
    return {nid: len(docs) for nid, docs in docs_under.items()}, own


def year_overview(db_path: Path, year: int | None = None) -> YearOverview:
    """The overview of ``year`` (default: the last year shown, else the latest)."""
    con = connect_read_only(db_path)
    try:
        years = catalog_years(con)
        if year is None:
            row = con.execute("SELECT value FROM app_setting WHERE key = 'last_year'").fetchone()
            year = int(row[0]) if row and row[0].isdigit() else None
        if year not in years:
            year = years[-1] if years else None
        profile = get_profile(con)
        if year is None:
            return YearOverview(profile, years, None, None)
        catalog = catalog_info(con, year)
        docs = con.execute(
            "SELECT count(*) FROM evidence_document WHERE year = ?", (year,)
        ).fetchone()[0]
        counts, own = _evidence_counts(con, catalog)
        scores = catalog_score_tree(con, catalog, own)
        return YearOverview(profile, years, year, catalog, counts, docs, scores)
    finally:
        con.close()
