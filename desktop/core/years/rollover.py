"""Starting a new assessment year, and the old code → new code mapping between years.

A new year's catalog comes from last year's (copied) or from an import. The mapping is
suggested from codes and titles, edited by the user, and kept; it serves comparisons
between years and carries the responsible officer and notes forward. Evidence is never
carried: each year needs its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from base.errors import NotFoundError, ValidationError
from db.models import CatalogNode
from db.models_results import CodeMapping, NodeAssignment
from desktop.core.catalog.importer import CatalogPreview, save_preview
from desktop.core.catalog.node_rules import copy_rules
from desktop.core.catalog.replace import ReplaceOutcome, save_or_replace_catalog
from desktop.core.catalog.store import NodeRow, catalog_for_year, catalog_info, normalize_code
from desktop.core.years.mapping import (  # noqa: F401 - the readers, re-exported
    MOVED_MIN,
    SAME_CODE_BONUS,
    SAME_CODE_MIN,
    MappingRow,
    NodeLike,
    area_mapping,
    mapping_rows,
    suggest_mapping,
)


def save_mapping(session: Session, from_year: int, to_year: int, rows: Sequence[MappingRow]) -> int:
    """Keep the (edited) mapping; codes must exist in their years. Returns rows saved."""
    old_codes = {n.code for n in catalog_info(session, from_year).nodes}
    new_codes = {n.code for n in catalog_info(session, to_year).nodes}
    bad = []
    for r in rows:
        if r.old_code not in old_codes:
            bad.append(f"{r.old_code} (năm {from_year})")
        if r.new_code and normalize_code(r.new_code) not in new_codes:
            bad.append(f"{r.new_code} (năm {to_year})")
    if bad:
        raise ValidationError(f"Ánh xạ mã có mã không tồn tại: {', '.join(bad[:10])}.")
    session.execute(
        delete(CodeMapping).where(
            CodeMapping.from_year == from_year, CodeMapping.to_year == to_year
        )
    )
    for r in rows:
        session.add(
            CodeMapping(
                from_year=from_year,
                to_year=to_year,
                from_code=r.old_code,
                to_code=normalize_code(r.new_code) if r.new_code else None,
                similarity=r.similarity,
                confirmed=r.confirmed,
            )
        )
    session.flush()
    return len(rows)


def carry_forward(session: Session, from_year: int, to_year: int) -> int:
    """Copy responsible officer and note through the mapping to nodes that have none.

    Evidence, self-scores and results stay with their year. Returns the nodes filled.
    """
    old_ids = _node_ids(session, from_year)
    new_ids = _node_ids(session, to_year)
    old_people = {
        a.node_id: a
        for a in session.scalars(
            select(NodeAssignment).where(NodeAssignment.node_id.in_(old_ids.values()))
        )
    }
    taken = set(
        session.scalars(
            select(NodeAssignment.node_id).where(NodeAssignment.node_id.in_(new_ids.values()))
        )
    )
    filled = 0
    for r in mapping_rows(session, from_year, to_year):
        src = old_people.get(old_ids[r.old_code])
        target = new_ids.get(r.new_code or "")
        if src is None or target is None or target in taken:
            continue
        session.add(NodeAssignment(node_id=target, officer=src.officer, note=src.note))
        taken.add(target)
        filled += 1
    session.flush()
    return filled


def _node_ids(session: Session, year: int) -> dict[str, int]:
    catalog = catalog_for_year(session, year)
    if catalog is None:
        raise NotFoundError(f"Năm {year} chưa có bộ tiêu chí.")
    return dict(
        session.execute(
            select(CatalogNode.code, CatalogNode.id).where(CatalogNode.catalog_id == catalog.id)
        ).all()
    )


@dataclass(frozen=True)
class RolloverOutcome:
    year: int
    from_year: int
    catalog: ReplaceOutcome
    mapping: list[MappingRow]
    carried: int

    @property
    def unmapped(self) -> list[str]:
        return [m.old_code for m in self.mapping if m.new_code is None]


def start_year(
    session: Session,
    year: int,
    from_year: int,
    *,
    preview: CatalogPreview | None = None,
    name: str | None = None,
    accept_warnings: bool = False,
    mapping: Sequence[MappingRow] | None = None,
) -> RolloverOutcome:
    """Give ``year`` a catalog (a copy of ``from_year``'s, or the imported ``preview``),
    save the mapping (``mapping`` as the user edited it, else the suggestion) and carry
    officers and notes forward through it (caller commits)."""
    if year == from_year:
        raise ValidationError("Năm mới phải khác năm cũ.")
    old = catalog_info(session, from_year)
    if preview is not None:
        saved = save_preview(session, year, preview, name=name, accept_warnings=accept_warnings)
    else:
        rows = [
            NodeRow(n.code, n.title, n.max_points, n.scoring_guide, n.evidence_required)
            for n in old.nodes
        ]
        saved = save_or_replace_catalog(
            session,
            year,
            rows,
            name=name or old.name,
            decision_number=old.decision_number,
            decision_date=old.decision_date,
            issuer=old.issuer,
            source=old.source,
            complete=old.complete,
            note=f"Chép từ bộ tiêu chí năm {from_year}. {old.note}".strip(),
            survey_codes=tuple(n.code for n in old.nodes if n.level == 1 and not n.self_scored),
            allow_warnings=True,
        )
        copy_rules(session, old.id, saved.catalog_id)
    session.execute(
        delete(CodeMapping).where(CodeMapping.from_year == from_year, CodeMapping.to_year == year)
    )
    chosen = list(mapping) if mapping is not None else mapping_rows(session, from_year, year)
    save_mapping(session, from_year, year, chosen)
    carried = carry_forward(session, from_year, year)
    return RolloverOutcome(year, from_year, saved, chosen, carried)
