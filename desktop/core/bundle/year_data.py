"""The year's scores in a bundle (``year_data`` in the manifest): the self-scores, the
appraised result with its area scores and ranks, and who appraised the commune that year.

A colleague's import ignores it (a handoff carries evidence); importing a former commune's
bundle as history (``desktop.core.history``) puts it in the former commune's own data.
Codes, not node ids, so it reads on any PC. Points travel as strings (exact decimals).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import CatalogNode, SelfScore
from db.models_results import AppraisalResult, AppraisedScore
from desktop.core.catalog.store import catalog_for_year
from desktop.core.years.store import set_year, year_settings

RESULT_FIELDS = ("decision_number", "publisher", "total_rank", "group_label", "note")


def _num(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _dec(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def collect_year_data(session: Session, year: int) -> dict[str, Any]:
    """What a bundle of ``year`` carries besides the documents."""
    settings = year_settings(session, year)
    data: dict[str, Any] = {
        "settings": {
            "commune_name": settings.commune_name,
            "district": settings.district,
            "province": settings.province,
            "appraiser": settings.appraiser,
            "appraiser_level": settings.appraiser_level,
            "confirmed": settings.confirmed,
        },
        "self_scores": [],
        "result": None,
    }
    catalog = catalog_for_year(session, year)
    if catalog is None:
        return data
    rows = session.execute(
        select(CatalogNode.code, SelfScore)
        .join(SelfScore, SelfScore.node_id == CatalogNode.id)
        .where(CatalogNode.catalog_id == catalog.id)
        .order_by(CatalogNode.position)
    ).all()
    data["self_scores"] = [
        {"code": code, "score": _num(s.score), "applicable": s.applicable, "note": s.note}
        for code, s in rows
    ]
    result = session.scalar(select(AppraisalResult).where(AppraisalResult.year == year))
    if result is not None:
        scores = session.execute(
            select(CatalogNode.code, AppraisedScore)
            .join(AppraisedScore, AppraisedScore.node_id == CatalogNode.id)
            .where(AppraisedScore.result_id == result.id)
            .order_by(CatalogNode.position)
        ).all()
        data["result"] = {
            **{f: getattr(result, f) for f in RESULT_FIELDS},
            "decision_date": result.decision_date.isoformat() if result.decision_date else None,
            "total": _num(result.total),
            "scores": [
                {
                    "code": code,
                    "score": _num(a.score),
                    "rank": a.rank,
                    "applicable": a.applicable,
                    "note": a.note,
                }
                for code, a in scores
            ],
        }
    return data


def _known(rows, nodes: dict[str, int], unknown: list[str]):
    """(node id, row) of the rows whose code this catalog has; the others go to ``unknown``."""
    for row in rows or []:
        node_id = nodes.get(row["code"])
        if node_id is None:
            unknown.append(row["code"])
        else:
            yield node_id, row


def apply_year_data(session: Session, year: int, data: dict[str, Any]) -> list[str]:
    """Write a bundle's ``year_data`` into the caller's transaction (the year's catalog is
    already there). Returns the codes this catalog lacks (their scores are not kept)."""
    catalog = catalog_for_year(session, year)
    nodes = (
        {}
        if catalog is None
        else dict(
            session.execute(
                select(CatalogNode.code, CatalogNode.id).where(CatalogNode.catalog_id == catalog.id)
            ).all()
        )
    )
    unknown: list[str] = []
    for node_id, row in _known(data.get("self_scores"), nodes, unknown):
        session.merge(
            SelfScore(
                node_id=node_id,
                score=_dec(row.get("score")),
                applicable=bool(row.get("applicable", True)),
                note=str(row.get("note") or ""),
            )
        )
    result = data.get("result")
    if result:
        row = AppraisalResult(
            year=year,
            decision_date=date.fromisoformat(result["decision_date"])
            if result.get("decision_date")
            else None,
            total=_dec(result.get("total")),
            **{f: str(result.get(f) or "") for f in RESULT_FIELDS},
        )
        session.add(row)
        session.flush()
        for node_id, s in _known(result.get("scores"), nodes, unknown):
            session.add(
                AppraisedScore(
                    node_id=node_id,
                    result_id=row.id,
                    score=_dec(s.get("score")),
                    rank=str(s.get("rank") or ""),
                    applicable=bool(s.get("applicable", True)),
                    note=str(s.get("note") or ""),
                )
            )
    settings = data.get("settings") or {}
    if settings:
        set_year(
            session,
            year,
            appraiser=settings.get("appraiser") or None,
            commune_name=settings.get("commune_name") or None,
            level=settings.get("appraiser_level") or None,
            district=settings.get("district") or None,
            replace=True,
        )
    session.flush()
    return sorted(set(unknown))
