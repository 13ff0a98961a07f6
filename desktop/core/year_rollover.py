"""Starting a new assessment year, and the old code → new code mapping between years.

A new year's catalog comes from last year's (copied) or from an import. The mapping is
suggested from codes and titles, edited by the user, and kept; it serves comparisons
between years and carries the responsible officer and notes forward. Evidence is never
carried: each year needs its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.models import CatalogNode
from db.models_results import CodeMapping, NodeAssignment
from desktop.core.catalog import NodeRow, catalog_for_year, catalog_info, normalize_code
from desktop.core.catalog_import import CatalogPreview, save_preview
from desktop.core.catalog_replace import ReplaceOutcome, save_or_replace_catalog
from desktop.core.errors import NotFoundError, ValidationError
from desktop.core.node_rules import copy_rules
from desktop.core.text import similarity

SAME_CODE_MIN = 0.5  # same code and titles at least this alike: the same node
MOVED_MIN = 0.7  # another code with titles this alike: the node moved
SAME_CODE_BONUS = 0.1  # a near tie goes to the node that kept its code


class NodeLike(Protocol):
    code: str
    title: str
    level: int


@dataclass
class MappingRow:
    """One old node and where it went (``new_code`` None: dropped). Editable by the user."""

    old_code: str
    old_title: str
    old_level: int
    new_code: str | None
    new_title: str = ""
    similarity: int = 0  # percent, title likeness of the suggestion
    reason: str = ""
    confirmed: bool = False


def suggest_mapping(old: Sequence[NodeLike], new: Sequence[NodeLike]) -> list[MappingRow]:
    """For each old node, the most alike title at the same level (keeping its code wins a
    near tie); failing that the same code with a low score; else nothing."""
    new_by_code = {n.code: n for n in new}
    by_level: dict[int, list[NodeLike]] = {}
    for n in new:
        by_level.setdefault(n.level, []).append(n)
    out = []
    for o in old:
        best, best_sim, best_rank = None, 0.0, 0.0
        for n in by_level.get(o.level, []):
            sim = similarity(o.title, n.title)
            rank = sim + (SAME_CODE_BONUS if n.code == o.code else 0.0)
            if rank > best_rank:
                best, best_sim, best_rank = n, sim, rank
        same = new_by_code.get(o.code)
        if best is not None and best is same and best_sim >= SAME_CODE_MIN:
            out.append(_row(o, best, best_sim, "cùng mã"))
        elif best is not None and best_sim >= MOVED_MIN:
            out.append(_row(o, best, best_sim, "nội dung gần giống"))
        elif same is not None:
            out.append(_row(o, same, similarity(o.title, same.title), "cùng mã, nội dung khác"))
        else:
            out.append(MappingRow(o.code, o.title, o.level, None, reason="không có mục tương ứng"))
    return out


def _row(o: NodeLike, n: NodeLike, sim: float, reason: str) -> MappingRow:
    return MappingRow(o.code, o.title, o.level, n.code, n.title, round(sim * 100), reason)


def mapping_rows(session: Session, from_year: int, to_year: int) -> list[MappingRow]:
    """The saved mapping between two years, or a suggestion when none is saved."""
    old = catalog_info(session, from_year).nodes
    new = catalog_info(session, to_year).nodes
    saved = {
        m.from_code: m
        for m in session.scalars(
            select(CodeMapping).where(
                CodeMapping.from_year == from_year, CodeMapping.to_year == to_year
            )
        )
    }
    if not saved:
        return suggest_mapping(old, new)
    titles = {n.code: n.title for n in new}
    out = []
    for o in old:
        m = saved.get(o.code)
        if m is None:
            out.append(MappingRow(o.code, o.title, o.level, None, reason="chưa ánh xạ"))
            continue
        out.append(
            MappingRow(
                o.code,
                o.title,
                o.level,
                m.to_code,
                titles.get(m.to_code or "", ""),
                m.similarity,
                "đã lưu",
                m.confirmed,
            )
        )
    return out


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


def area_mapping(session: Session, from_year: int, to_year: int) -> dict[str, list[str]]:
    """New area code → the old area codes that map to it (areas only)."""
    out: dict[str, list[str]] = {}
    for r in mapping_rows(session, from_year, to_year):
        if r.old_level == 1 and r.new_code and "." not in r.new_code:
            out.setdefault(r.new_code, []).append(r.old_code)
    return out


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
