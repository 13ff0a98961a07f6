"""Reading a year's catalog (its decision and its nodes in tree order) in plain SQL,
without SQLAlchemy; ``catalog`` saves catalogs and re-exports these readers."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from base.errors import NotFoundError
from db.sqlconn import row, rows, value
from db.values import date_from_db, points_from_db
from desktop.core.records import CatalogInfo, NodeInfo

if TYPE_CHECKING:
    from db.sqlconn import Source


def catalog_id_for_year(src: Source, year: int) -> int | None:
    """The id of the year's catalog (None when the year has none)."""
    return value(src, "SELECT id FROM catalog WHERE year = ?", (year,))


def catalog_years(src: Source) -> list[int]:
    return [r["year"] for r in rows(src, "SELECT year FROM catalog ORDER BY year")]


def catalog_info(src: Source, year: int) -> CatalogInfo:
    """The catalog of ``year`` with its nodes in tree order, as plain data."""
    cat = row(
        src,
        "SELECT id, year, name, decision_number, decision_date, issuer, source, complete, note "
        "FROM catalog WHERE year = ?",
        (year,),
    )
    if cat is None:
        raise NotFoundError(f"Năm {year} chưa có bộ tiêu chí. Hãy chạy “cchc init --year {year}”.")
    found = rows(
        src,
        "SELECT id, code, level, title, max_points, parent_id, position, scoring_guide, "
        "evidence_required, self_scored FROM catalog_node WHERE catalog_id = ? "
        "ORDER BY position, id",
        (cat["id"],),
    )
    parents = {n["parent_id"] for n in found if n["parent_id"] is not None}
    nodes = [
        NodeInfo(
            id=n["id"],
            code=n["code"],
            level=n["level"],
            title=n["title"],
            max_points=points_from_db(n["max_points"]),  # type: ignore[arg-type]
            parent_id=n["parent_id"],
            position=n["position"],
            scoring_guide=n["scoring_guide"],
            evidence_required=n["evidence_required"],
            self_scored=bool(n["self_scored"]),
            is_leaf=n["id"] not in parents,
        )
        for n in found
    ]
    return CatalogInfo(
        id=cat["id"],
        year=cat["year"],
        name=cat["name"],
        decision_number=cat["decision_number"],
        decision_date=date_from_db(cat["decision_date"]),
        issuer=cat["issuer"],
        source=cat["source"],
        complete=bool(cat["complete"]),
        note=cat["note"],
        total_points=sum((n.max_points for n in nodes if n.parent_id is None), Decimal(0)),
        node_count=len(nodes),
        nodes=nodes,
    )
