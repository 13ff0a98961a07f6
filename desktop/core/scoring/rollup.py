"""Roll the self-scores up to criterion, area and index; the area summary.

The arithmetic lives in ``score_calc``; ``score_tree`` reads a year's catalog,
self-scores, links and bonus areas in plain SQL (no SQLAlchemy), so the first screen, the
report command and the GUI share it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.sqlconn import rows
from db.values import points_from_db
from desktop.core.catalog.read import catalog_info
from desktop.core.records import CatalogInfo
from desktop.core.scoring.calc import (  # noqa: F401 - the names callers import from here
    NODE_STATUS_LABELS,
    ZERO,
    Entered,
    NodeScore,
    ScoreTree,
    roll_up,
)
from desktop.core.scoring.scores_read import bonus_ids, na_rule_of

if TYPE_CHECKING:
    from db.sqlconn import Source


def score_tree(src: Source, year: int) -> ScoreTree:
    return catalog_score_tree(src, catalog_info(src, year))


def entered_scores(src: Source, catalog_id: int) -> dict[int, Entered]:
    """The self-scores entered on the catalog's nodes."""
    return {
        r["node_id"]: Entered(bool(r["applicable"]), points_from_db(r["score"]), r["note"] or "")
        for r in rows(
            src,
            "SELECT s.node_id, s.score, s.applicable, s.note FROM self_score s "
            "JOIN catalog_node n ON n.id = s.node_id WHERE n.catalog_id = ?",
            (catalog_id,),
        )
    }


def link_counts(src: Source, catalog_id: int) -> dict[int, int]:
    """Evidence links on each node of the catalog (the node's own, not those below it)."""
    return {
        r["node_id"]: r["links"]
        for r in rows(
            src,
            "SELECT l.node_id, count(*) AS links FROM evidence_link l "
            "JOIN catalog_node n ON n.id = l.node_id WHERE n.catalog_id = ? GROUP BY l.node_id",
            (catalog_id,),
        )
    }


def catalog_score_tree(
    src: Source, catalog: CatalogInfo, counts: dict[int, int] | None = None
) -> ScoreTree:
    """The roll-up of a catalog already read (``counts``: its link counts, when known)."""
    return roll_up(
        catalog.year,
        na_rule_of(src, catalog.id),
        catalog.nodes,
        entered_scores(src, catalog.id),
        link_counts(src, catalog.id) if counts is None else counts,
        bonus_ids(src, catalog.id),
    )
