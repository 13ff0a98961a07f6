"""Roll the self-scores up to criterion, area and index; the area summary.

The arithmetic lives in ``score_calc`` (no database import, so the first screen can use
it); ``score_tree`` reads a year's catalog, self-scores, links and bonus areas.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import EvidenceLink, SelfScore
from desktop.core.catalog import catalog_info
from desktop.core.node_rules import bonus_ids
from desktop.core.score_calc import (  # noqa: F401 - the names callers import from here
    NODE_STATUS_LABELS,
    ZERO,
    Entered,
    NodeScore,
    ScoreTree,
    roll_up,
)
from desktop.core.scoring import na_rule_of


def score_tree(session: Session, year: int) -> ScoreTree:
    catalog = catalog_info(session, year)
    rule = na_rule_of(session, catalog.id)
    ids = [n.id for n in catalog.nodes]
    entered = {
        s.node_id: Entered(s.applicable, s.score, s.note)
        for s in session.scalars(select(SelfScore).where(SelfScore.node_id.in_(ids)))
    }
    counts = dict(
        session.execute(
            select(EvidenceLink.node_id, func.count())
            .where(EvidenceLink.node_id.in_(ids))
            .group_by(EvidenceLink.node_id)
        ).all()
    )
    return roll_up(year, rule, catalog.nodes, entered, counts, bonus_ids(session, catalog.id))
