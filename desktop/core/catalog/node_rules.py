"""Where rules and the bonus section are kept: per catalog node (catalog data of a year).

Storage only; ``desktop.core.selfassess.entry`` sets a rule on a sub-criterion and recomputes
its score, ``desktop.core.catalog.rules_import`` fills the rules from a catalog sheet.
"""

from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from base.errors import ValidationError
from db.models import CatalogNode
from db.models_selfassess import BonusArea, NodeScoringRule
from desktop.core.evidence.documents import nodes_by_code
from desktop.core.scoring.rules import Rule, RuleError, parse_rule
from desktop.core.scoring.scores_read import bonus_ids  # noqa: F401 - the reader, re-exported


def rule_of(session: Session, node_id: int) -> Rule | None:
    row = session.get(NodeScoringRule, node_id)
    return _parse_stored(row) if row is not None else None


def rules_for_catalog(session: Session, catalog_id: int) -> dict[int, Rule]:
    rows = session.scalars(
        select(NodeScoringRule)
        .join(CatalogNode, CatalogNode.id == NodeScoringRule.node_id)
        .where(CatalogNode.catalog_id == catalog_id)
    )
    out = {}
    for row in rows:
        rule = _parse_stored(row)
        if rule is not None:
            out[row.node_id] = rule
    return out


def _parse_stored(row: NodeScoringRule) -> Rule | None:
    try:
        return parse_rule(row.notation)
    except RuleError:  # stored by an older version in a notation no longer read
        return None


def store_rule(session: Session, node_id: int, rule: Rule | None, *, source: str) -> None:
    """Write (or with ``None`` remove) the rule of a node."""
    row = session.get(NodeScoringRule, node_id)
    if rule is None:
        if row is not None:
            session.delete(row)
        session.flush()
        return
    if row is None:
        row = NodeScoringRule(node_id=node_id, kind=rule.kind, notation=rule.notation())
        session.add(row)
    row.kind, row.notation, row.source = rule.kind, rule.notation(), source
    session.flush()


def set_bonus(session: Session, year: int, code: str, bonus: bool = True) -> CatalogNode:
    """Mark (or unmark) area ``code`` as the bonus section, with its maximum as the cap."""
    [node] = nodes_by_code(session, year, [code])
    if node.parent_id is not None:
        raise ValidationError(
            f"{node.code} không phải là lĩnh vực: chỉ một lĩnh vực (mã cấp 1) mới là phần "
            "điểm cộng."
        )
    if bonus and not node.self_scored:
        raise ValidationError(
            f"{node.code} là phần điều tra xã hội học, không phải phần điểm cộng."
        )
    if bonus and session.get(BonusArea, node.id) is None:
        session.add(BonusArea(node_id=node.id))
    elif not bonus:
        session.execute(delete(BonusArea).where(BonusArea.node_id == node.id))
    session.flush()
    return node


def copy_rules(session: Session, from_catalog_id: int, to_catalog_id: int) -> int:
    """Give a copied catalog the rules and bonus marks of the one it was copied from, by
    code (a new year started from last year's catalog). Returns how many rules."""
    new_ids = dict(
        session.execute(
            select(CatalogNode.code, CatalogNode.id).where(CatalogNode.catalog_id == to_catalog_id)
        ).all()
    )
    has_rule = set(rules_for_catalog(session, to_catalog_id))
    rules = [
        {"node_id": new_ids[code], "kind": kind, "notation": notation, "source": "import"}
        for code, kind, notation in session.execute(
            select(CatalogNode.code, NodeScoringRule.kind, NodeScoringRule.notation)
            .join(NodeScoringRule, NodeScoringRule.node_id == CatalogNode.id)
            .where(CatalogNode.catalog_id == from_catalog_id)
        )
        if code in new_ids and new_ids[code] not in has_rule
    ]
    if rules:
        session.execute(insert(NodeScoringRule), rules)
    marked = bonus_ids(session, to_catalog_id)
    bonus = [
        {"node_id": new_ids[code]}
        for code in session.scalars(
            select(CatalogNode.code).where(CatalogNode.id.in_(bonus_ids(session, from_catalog_id)))
        )
        if code in new_ids and new_ids[code] not in marked
    ]
    if bonus:
        session.execute(insert(BonusArea), bonus)
    session.flush()
    return len(rules)
