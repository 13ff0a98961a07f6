"""What the main window shows for a year: profile, years, the catalog and evidence counts.

Read with the standard library's sqlite3 (read-only) so the first screen is drawn before
SQLAlchemy is even imported; the queries are few and fixed.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from desktop.core.records import CatalogInfo, NodeInfo, ProfileInfo

_THOUSAND = Decimal(1000)


@dataclass(frozen=True)
class YearOverview:
    profile: ProfileInfo | None
    years: list[int]
    year: int | None
    catalog: CatalogInfo | None
    # distinct documents linked to the node or anything below it
    evidence_counts: dict[int, int] = field(default_factory=dict)
    documents_in_year: int = 0


def _points(v: int) -> Decimal:
    return (Decimal(v) / _THOUSAND).quantize(Decimal("0.001"))


def _profile(con: sqlite3.Connection) -> ProfileInfo | None:
    row = con.execute(
        "SELECT unit_kind, commune_name, district, province, chairman, officer "
        "FROM commune_profile WHERE id = 1"
    ).fetchone()
    return ProfileInfo(*row) if row else None


def _catalog(con: sqlite3.Connection, year: int) -> CatalogInfo | None:
    cat = con.execute(
        "SELECT id, year, name, decision_number, decision_date, issuer, source, complete, note "
        "FROM catalog WHERE year = ?",
        (year,),
    ).fetchone()
    if cat is None:
        return None
    rows = con.execute(
        "SELECT id, code, level, title, max_points, parent_id, position, scoring_guide, "
        "evidence_required, self_scored FROM catalog_node WHERE catalog_id = ? "
        "ORDER BY position, id",
        (cat[0],),
    ).fetchall()
    parents = {r[5] for r in rows if r[5] is not None}
    nodes = [
        NodeInfo(
            id=r[0],
            code=r[1],
            level=r[2],
            title=r[3],
            max_points=_points(r[4]),
            parent_id=r[5],
            position=r[6],
            scoring_guide=r[7],
            evidence_required=r[8],
            self_scored=bool(r[9]),
            is_leaf=r[0] not in parents,
        )
        for r in rows
    ]
    return CatalogInfo(
        id=cat[0],
        year=cat[1],
        name=cat[2],
        decision_number=cat[3],
        decision_date=date.fromisoformat(cat[4]) if cat[4] else None,
        issuer=cat[5],
        source=cat[6],
        complete=bool(cat[7]),
        note=cat[8],
        total_points=sum((n.max_points for n in nodes if n.parent_id is None), Decimal(0)),
        node_count=len(nodes),
        nodes=nodes,
    )


def _evidence_counts(con: sqlite3.Connection, catalog: CatalogInfo) -> dict[int, int]:
    parent_of = {n.id: n.parent_id for n in catalog.nodes}
    docs_under: dict[int, set[int]] = {}
    rows = con.execute(
        "SELECT l.node_id, l.document_id FROM evidence_link l "
        "JOIN catalog_node n ON n.id = l.node_id WHERE n.catalog_id = ?",
        (catalog.id,),
    )
    for node_id, doc_id in rows:
        nid: int | None = node_id
        while nid is not None:
            docs_under.setdefault(nid, set()).add(doc_id)
            nid = parent_of.get(nid)
    return {nid: len(docs) for nid, docs in docs_under.items()}


def year_overview(db_path: Path, year: int | None = None) -> YearOverview:
    """The overview of ``year`` (default: the last year shown, else the latest)."""
    con = sqlite3.connect(f"file:{db_path.as_posix()}?mode=ro", uri=True)
    try:
        years = [r[0] for r in con.execute("SELECT year FROM catalog ORDER BY year")]
        if year is None:
            row = con.execute("SELECT value FROM app_setting WHERE key = 'last_year'").fetchone()
            year = int(row[0]) if row and row[0].isdigit() else None
        if year not in years:
            year = years[-1] if years else None
        profile = _profile(con)
        catalog = _catalog(con, year) if year is not None else None
        if catalog is None:
            return YearOverview(profile, years, None, None)
        docs = con.execute(
            "SELECT count(*) FROM evidence_document WHERE year = ?", (year,)
        ).fetchone()[0]
        return YearOverview(profile, years, year, catalog, _evidence_counts(con, catalog), docs)
    finally:
        con.close()
