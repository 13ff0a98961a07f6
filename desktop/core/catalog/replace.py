"""Saving an imported catalog over the year's existing one, only when nothing is lost.

Scoring rules the officer set by hand (``node_scoring_rule.source = manual``) stay on the
node of the same code when it is still a sub-criterion (they win over a rule read from the
file); ``rule_losses`` lists the ones that cannot stay, so the caller can ask first.

``init`` gives a year the built-in catalog (often the 10 areas only); the officer later
imports the province's full table. Replacing is safe while no evidence, self-score or
other per-node work hangs on the old nodes. Appraised results and responsible officers
are moved to the new nodes by code (an areas-only result survives a full catalog); if a
code they use is not in the new catalog, the replacement is refused and nothing changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from base.errors import ValidationError
from db.base import Base
from db.models import Catalog, CatalogNode
from db.models_results import AppraisedScore, NodeAssignment
from db.models_selfassess import NodeScoringRule
from desktop.core.catalog.store import NodeRow, catalog_for_year, parent_code, save_catalog

# Tables whose rows are moved to the new nodes by code.
MOVED_BY_CODE = {AppraisedScore.__tablename__, NodeAssignment.__tablename__}
# Tables that are part of the catalog itself (scoring rules, the bonus mark): replaced with it.
REPLACED_WITH_CATALOG = {"node_scoring_rule", "bonus_area"}
# What a blocking row is called in the refusal (other tables show their table name).
ATTACHED_NAMES = {
    "evidence_link": "liên kết tài liệu kiểm chứng",
    "self_score": "điểm tự chấm",
    "assessment_entry": "số liệu kê khai, giải trình",
}


@dataclass(frozen=True)
class ReplaceOutcome:
    catalog_id: int
    node_count: int
    total_points: Decimal
    replaced: bool
    replaced_name: str = ""
    moved_results: int = 0
    moved_assignments: int = 0
    rules_kept: tuple[str, ...] = ()  # codes whose hand-set scoring rule stayed
    rules_lost: tuple[str, ...] = ()  # codes whose hand-set scoring rule could not stay


def hand_set_rules(session: Session, catalog_id: int) -> dict[str, tuple[str, str]]:
    """code → (kind, notation) of the rules the officer set by hand in a catalog."""
    return {
        code: (kind, notation)
        for code, kind, notation in session.execute(
            select(CatalogNode.code, NodeScoringRule.kind, NodeScoringRule.notation)
            .join(NodeScoringRule, NodeScoringRule.node_id == CatalogNode.id)
            .where(CatalogNode.catalog_id == catalog_id, NodeScoringRule.source == "manual")
            .order_by(CatalogNode.position)
        )
    }


def _leaf_codes(rows: Sequence) -> set[str]:
    """The codes without sub-items among ``rows`` (anything with a ``code``)."""
    parents = {parent_code(r.code) for r in rows}
    return {r.code for r in rows if r.code not in parents}


def rule_losses(session: Session, year: int, rows: Sequence) -> list[str]:
    """Codes of hand-set scoring rules that replacing the year's catalog with ``rows``
    would drop (the code is gone, or now has sub-items of its own)."""
    old = catalog_for_year(session, year)
    if old is None:
        return []
    leaves = _leaf_codes(rows)
    return [code for code in hand_set_rules(session, old.id) if code not in leaves]


def attached_work(session: Session, catalog_id: int) -> dict[str, int]:
    """Rows of any table pointing at the catalog's nodes (except those moved by code).

    Found through the metadata so a table added later by another feature also counts.
    """
    node_ids = select(CatalogNode.id).where(CatalogNode.catalog_id == catalog_id)
    found: dict[str, int] = {}
    for table in Base.metadata.sorted_tables:
        if table.name == CatalogNode.__tablename__ or table.name in (
            MOVED_BY_CODE | REPLACED_WITH_CATALOG
        ):
            continue
        for fk in table.foreign_keys:
            if fk.column.table.name != CatalogNode.__tablename__:
                continue
            count = session.scalar(
                select(func.count()).select_from(table).where(fk.parent.in_(node_ids))
            )
            if count:
                found[table.name] = found.get(table.name, 0) + int(count)
    return found


def _moved_rows(session: Session, catalog_id: int) -> tuple[list, list]:
    scores = session.execute(
        select(CatalogNode.code, AppraisedScore)
        .join(AppraisedScore, AppraisedScore.node_id == CatalogNode.id)
        .where(CatalogNode.catalog_id == catalog_id)
    ).all()
    people = session.execute(
        select(CatalogNode.code, NodeAssignment)
        .join(NodeAssignment, NodeAssignment.node_id == CatalogNode.id)
        .where(CatalogNode.catalog_id == catalog_id)
    ).all()
    return scores, people


def save_or_replace_catalog(
    session: Session, year: int, rows: list[NodeRow], **meta
) -> ReplaceOutcome:
    """``save_catalog`` for a new year; for a year that has a catalog, replace it if safe."""
    old = catalog_for_year(session, year)
    if old is None:
        cat = save_catalog(session, year, rows, **meta)
        return ReplaceOutcome(cat.id, len(rows), _total(rows), replaced=False)
    blockers = attached_work(session, old.id)
    if blockers:
        listed = ", ".join(f"{n} {ATTACHED_NAMES.get(t, t)}" for t, n in blockers.items())
        raise ValidationError(
            f"Năm {year} đã có bộ tiêu chí “{old.name}” và đã có dữ liệu gắn với nó ({listed}). "
            "Không thay thế để khỏi mất dữ liệu. Hãy nhập bộ tiêu chí cho một năm khác, "
            "hoặc chuyển năm mới bằng chức năng chuyển năm (ánh xạ mã cũ → mã mới)."
        )
    scores, people = _moved_rows(session, old.id)
    new_codes = {r.code for r in rows}
    lost = sorted({code for code, _ in [*scores, *people] if code not in new_codes})
    if lost:
        raise ValidationError(
            f"Năm {year} đã có kết quả thẩm định hoặc người phụ trách ở các mục "
            f"{', '.join(lost)} nhưng bộ tiêu chí mới không có các mã này. Chưa thay thế; "
            "hãy sửa tệp hoặc xóa các dữ liệu đó trước."
        )
    kept_scores = [(code, s.result_id, s.score, s.rank, s.applicable, s.note) for code, s in scores]
    rules = hand_set_rules(session, old.id)
    leaves = _leaf_codes(rows)
    kept_people = [(code, a.officer, a.note) for code, a in people]
    old_name, old_id = old.name, old.id
    old_nodes = set(session.scalars(select(CatalogNode.id).where(CatalogNode.catalog_id == old_id)))
    # The database cascades the delete to nodes and to the rows moved below.
    session.execute(delete(Catalog).where(Catalog.id == old_id))
    _forget(session, old_id, old_nodes)
    cat = save_catalog(session, year, rows, **meta)
    ids = dict(
        session.execute(
            select(CatalogNode.code, CatalogNode.id).where(CatalogNode.catalog_id == cat.id)
        ).all()
    )
    for code, result_id, score, rank, applicable, note in kept_scores:
        session.add(
            AppraisedScore(
                node_id=ids[code],
                result_id=result_id,
                score=score,
                rank=rank,
                applicable=applicable,
                note=note,
            )
        )
    for code, officer, note in kept_people:
        session.add(NodeAssignment(node_id=ids[code], officer=officer, note=note))
    for code, (kind, notation) in rules.items():
        if code in leaves:
            session.add(
                NodeScoringRule(node_id=ids[code], kind=kind, notation=notation, source="manual")
            )
    session.flush()
    return ReplaceOutcome(
        cat.id,
        len(rows),
        _total(rows),
        replaced=True,
        replaced_name=old_name,
        moved_results=len(kept_scores),
        moved_assignments=len(kept_people),
        rules_kept=tuple(c for c in rules if c in leaves),
        rules_lost=tuple(c for c in rules if c not in leaves),
    )


def _forget(session: Session, catalog_id: int, node_ids: set[int]) -> None:
    """Drop the deleted rows from the session (SQLite may hand their ids to the new nodes)."""
    for key in list(session.identity_map.keys()):
        cls, pk = key[0], key[1]
        gone = (cls is Catalog and pk == (catalog_id,)) or (
            cls in (CatalogNode, AppraisedScore, NodeAssignment, NodeScoringRule)
            and pk[0] in node_ids
        )
        if gone:
            session.expunge(session.identity_map[key])
    session.expire_all()


def _total(rows: list[NodeRow]) -> Decimal:
    return sum((r.max_points for r in rows if r.level == 1), Decimal(0))
