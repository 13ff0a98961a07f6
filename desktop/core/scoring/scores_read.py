"""A catalog's scoring settings read in plain SQL, without SQLAlchemy: its rule for
"không áp dụng" nodes (set in ``scoring``) and its bonus areas (set in ``node_rules``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.sqlconn import rows, value
from desktop.core.scoring.calc import DEFAULT_NA_RULE, NA_RULES, NaRule

if TYPE_CHECKING:
    from db.sqlconn import Source


def na_rule_of(src: Source, catalog_id: int) -> NaRule:
    stored = value(
        src, "SELECT na_rule FROM catalog_scoring_rule WHERE catalog_id = ?", (catalog_id,)
    )
    return NA_RULES.get(stored or DEFAULT_NA_RULE, NA_RULES[DEFAULT_NA_RULE])


def bonus_ids(src: Source, catalog_id: int) -> set[int]:
    """The areas of a catalog that are its bonus section (điểm cộng)."""
    return {
        r["node_id"]
        for r in rows(
            src,
            "SELECT b.node_id FROM bonus_area b JOIN catalog_node n ON n.id = b.node_id "
            "WHERE n.catalog_id = ?",
            (catalog_id,),
        )
    }
