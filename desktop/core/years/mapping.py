"""The old code → new code mapping between two years' catalogs: suggested from codes and
titles, or as saved (``year_rollover`` saves it when a year starts). Reads in plain SQL,
without SQLAlchemy, so the loss report compares years on the report command's path."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from db.sqlconn import rows
from desktop.core.catalog.read import catalog_info
from desktop.core.office.text import similarity

if TYPE_CHECKING:
    from db.sqlconn import Source

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


def mapping_rows(src: Source, from_year: int, to_year: int) -> list[MappingRow]:
    """The saved mapping between two years, or a suggestion when none is saved."""
    old = catalog_info(src, from_year).nodes
    new = catalog_info(src, to_year).nodes
    saved = {
        m["from_code"]: m
        for m in rows(
            src,
            "SELECT from_code, to_code, similarity, confirmed FROM code_mapping "
            "WHERE from_year = ? AND to_year = ? ORDER BY id",
            (from_year, to_year),
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
                m["to_code"],
                titles.get(m["to_code"] or "", ""),
                m["similarity"],
                "đã lưu",
                bool(m["confirmed"]),
            )
        )
    return out


def area_mapping(src: Source, from_year: int, to_year: int) -> dict[str, list[str]]:
    """New area code → the old area codes that map to it (areas only)."""
    out: dict[str, list[str]] = {}
    for r in mapping_rows(src, from_year, to_year):
        if r.old_level == 1 and r.new_code and "." not in r.new_code:
            out.setdefault(r.new_code, []).append(r.old_code)
    return out
