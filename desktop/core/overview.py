"""What the main window shows for a year: profile, years, the catalog, evidence counts and
the self-scores rolled up (``score_calc``).

Read with the standard library's sqlite3 (read-only) so the first screen is drawn before
SQLAlchemy is even imported; the queries are few and fixed.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from db.dbfile import connect_read_only
from desktop.core.records import CatalogInfo, NodeInfo, ProfileInfo
from desktop.core.score_calc import DEFAULT_NA_RULE, NA_RULES, Entered, ScoreTree, roll_up

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
    scores: ScoreTree | None = None


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


def _scores(con: sqlite3.Connection, catalog: CatalogInfo, own: dict[int, int]) -> ScoreTree:
    rule_row = con.execute(
        "SELECT na_rule FROM catalog_scoring_rule WHERE catalog_id = ?", (catalog.id,)
    ).fetchone()
    rule = NA_RULES.get(rule_row[0] if rule_row else DEFAULT_NA_RULE, NA_RULES[DEFAULT_NA_RULE])
    entered = {
        node_id: Entered(bool(applicable), None if score is None else _points(score), note or "")
        for node_id, score, applicable, note in con.execute(
            "SELECT s.node_id, s.score, s.applicable, s.note FROM self_score s "
            "JOIN catalog_node n ON n.id = s.node_id WHERE n.catalog_id = ?",
            (catalog.id,),
        )
    }
    bonus = {
        r[0]
        for r in con.execute(
            "SELECT b.node_id FROM bonus_area b JOIN catalog_node n ON n.id = b.node_id "
            "WHERE n.catalog_id = ?",
            (catalog.id,),
        )
    }
    return roll_up(catalog.year, rule, catalog.nodes, entered, own, bonus)


def year_overview(db_path: Path, year: int | None = None) -> YearOverview:
    """The overview of ``year`` (default: the last year shown, else the latest)."""
    con = connect_read_only(db_path)
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
        counts, own = _evidence_counts(con, catalog)
        return YearOverview(profile, years, year, catalog, counts, docs, _scores(con, catalog, own))
    finally:
        con.close()
