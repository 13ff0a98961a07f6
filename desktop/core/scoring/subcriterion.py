"""The sub-criterion pane: everything the screen shows for the node selected in the tree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from base.errors import NotFoundError
from db.models import CatalogNode
from desktop.core.catalog.store import normalize_code
from desktop.core.evidence.query import RegisterFilter, RegisterRow, list_register
from desktop.core.scoring.rollup import NodeScore, ScoreTree, score_tree
from desktop.core.scoring.scores import NaRule


@dataclass(frozen=True)
class SubCriterionPane:
    year: int
    node: NodeScore  # self_score, applicable, note, status, effective_max ...
    path: tuple[tuple[str, str], ...]  # (code, title) of the area and criteria above it
    scoring_guide: str
    evidence_required: str
    deadline: date | None
    documents: list[RegisterRow]
    rule: NaRule


def sub_criterion_pane(
    session: Session, year: int, code: str, *, tree: ScoreTree | None = None
) -> SubCriterionPane:
    """Pass ``tree`` when the screen already rolled the scores up (saves one pass)."""
    tree = tree or score_tree(session, year)
    wanted = normalize_code(code)
    ns = tree.by_code.get(wanted)
    if ns is None:
        raise NotFoundError(f"Bộ tiêu chí năm {year} không có tiêu chí {wanted or code}.")
    row = session.scalar(select(CatalogNode).where(CatalogNode.id == ns.node_id))
    by_id = {n.node_id: n for n in tree.nodes}
    path: list[tuple[str, str]] = []
    parent = by_id.get(ns.parent_id) if ns.parent_id else None
    while parent is not None:
        path.insert(0, (parent.code, parent.title))
        parent = by_id.get(parent.parent_id) if parent.parent_id else None
    docs = list_register(session, RegisterFilter(year=year, node_id=ns.node_id), sort="date")
    return SubCriterionPane(
        year=year,
        node=ns,
        path=tuple(path),
        scoring_guide=row.scoring_guide,
        evidence_required=row.evidence_required,
        deadline=row.deadline,
        documents=docs,
        rule=tree.rule,
    )
