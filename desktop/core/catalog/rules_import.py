"""Scoring rules and the bonus section read from a catalog sheet (the import preview).

Where rules come from, per row:
- a column of its own (``Quy tắc tính điểm``, ``Công thức``, ``Mã cách tính``) holding the
  notation of ``desktop.core.scoring.rules``;
- else the first line of the ``Cách tính điểm`` column when it is written in the notation
  (``bac: 100=1; 98-<100=0,5; <98=0``); the lines below stay the scoring guide;
- else that column's prose when every part of it is a percentage step
  (``100%: 3 điểm; từ 98% đến dưới 100%: 2 điểm; dưới 98%: 0 điểm.``).
An area titled ``Điểm cộng`` / ``Điểm thưởng`` is the bonus section (its own maximum, outside
the 100 points). Problems name the sheet and row, like the rest of the preview.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db.models import CatalogNode
from db.models_selfassess import BonusArea, NodeScoringRule
from desktop.core.catalog.store import CatalogProblem, code_depth
from desktop.core.office.text import fold
from desktop.core.office.vnformat import format_points
from desktop.core.scoring.rules import RuleError, looks_like_rule, parse_rule

BONUS_WORDS = ("diem cong", "diem thuong")
RULE_COLUMN = (
    lambda s: "quy tac" in s or "cong thuc" in s or s in ("ma cach tinh", "cach tinh (ma)"),
)
_P = r"(\d+(?:[.,]\d+)?)\s*%"
_PROSE_RANGES = [
    (re.compile(rf"\btu\s*{_P}\s*den\s*duoi\s*{_P}"), "{0}-<{1}"),
    (re.compile(rf"\btren\s*{_P}\s*den\s*duoi\s*{_P}"), ">{0}-<{1}"),
    (re.compile(rf"\btu\s*{_P}\s*den\s*{_P}"), "{0}-{1}"),
    (re.compile(rf"\btren\s*{_P}\s*den\s*{_P}"), ">{0}-{1}"),
    (re.compile(rf"\btu\s*{_P}\s*tro\s*len"), ">={0}"),
    (re.compile(rf"\b{_P}\s*tro\s*len"), ">={0}"),
    (re.compile(rf"\b{_P}\s*tro\s*xuong"), "<={0}"),
    (re.compile(rf"\bduoi\s*{_P}"), "<{0}"),
    (re.compile(rf"\btren\s*{_P}"), ">{0}"),
    (re.compile(rf"^(?:\D*\s)?{_P}(?:\s\D*)?$"), "{0}"),
]
_PROSE_PART = re.compile(r"^(?P<range>.+?)\s*:\s*(?P<pts>\d+(?:[.,]\d+)?)\s*(?:diem|d)?\.?$")


def is_bonus_title(title: str) -> bool:
    t = fold(title)
    return any(t.startswith(w) or f" {w}" in t for w in BONUS_WORDS)


def rule_for_row(rule_cell: str, guide: str, max_points) -> tuple[str, str, str]:
    """(rule notation, scoring guide, note) of a sheet row: the rule column wins; else the
    guide's notation (the rest stays the guide); else prose steps in the guide, dropped
    with a note when they give more than the row's maximum."""
    if rule_cell:
        return rule_cell, guide, ""
    if looks_like_rule(guide):
        first, _, rest = guide.strip().partition("\n")
        return first.strip(), rest.strip(), ""
    notation = prose_steps(guide)
    if notation is None:
        return "", guide, ""
    if max_points is not None:
        try:
            parse_rule(notation).check_max(max_points)
        except RuleError as exc:
            return "", guide, f"cách tính điểm trong lời văn không dùng được ({exc})"
    return notation, guide, ""


def prose_steps(text: str) -> str | None:
    """``100%: 3 điểm; từ 98% đến dưới 100%: 2 điểm; dưới 98%: 0 điểm.`` → the notation,
    when every part is a percentage step and the steps hold together; else None."""
    parts = [p.strip() for p in re.split(r"[;\n]", fold(text)) if p.strip(" .")]
    if len(parts) < 2:
        return None
    steps = []
    for part in parts:
        m = _PROSE_PART.match(part.lstrip("-+• ").strip())
        if not m:
            return None
        rng = next(
            (
                form.format(*hit.groups())
                for pattern, form in _PROSE_RANGES
                if (hit := pattern.search(m.group("range")))
            ),
            None,
        )
        if rng is None:
            return None
        steps.append(f"{rng}={m.group('pts')}")
    notation = "bac: " + "; ".join(steps)
    try:
        return parse_rule(notation).notation()
    except RuleError:
        return None


def rule_problems(rows: Sequence) -> list[CatalogProblem]:
    """Rules of preview rows that cannot be read, give points above the row's maximum, or
    sit on a row with children (ignored there: a parent's score is added up)."""
    codes = {r.code for r in rows}
    out: list[CatalogProblem] = []
    for r in rows:
        if not getattr(r, "rule_text", ""):
            continue
        where = f"{r.where}: " if getattr(r, "sheet", "") else ""
        try:
            rule = parse_rule(r.rule_text)
            if r.max_points is not None:
                rule.check_max(r.max_points)
        except RuleError as exc:
            out.append(
                CatalogProblem(
                    "error",
                    f"{where}cách tính điểm của {r.code}: {exc}",
                    r.code,
                    getattr(r, "sheet", ""),
                    getattr(r, "row", None),
                )
            )
            continue
        if any(c.startswith(r.code + ".") for c in codes):
            out.append(
                CatalogProblem(
                    "warning",
                    f"{where}{r.code} có các mục con nên cách tính điểm “{r.rule_text}” không "
                    "được dùng (điểm của mục được cộng từ các mục con).",
                    r.code,
                    getattr(r, "sheet", ""),
                    getattr(r, "row", None),
                )
            )
    return out


def bonus_codes(rows: Sequence) -> set[str]:
    return {r.code for r in rows if code_depth(r.code) == 1 and is_bonus_title(r.title)}


def adjust_for_bonus(problems: list[CatalogProblem], rows: Sequence) -> list[CatalogProblem]:
    """A bonus area may take the total past 100 and its items past its cap: say so once
    instead of warning about the sums."""
    bonus = bonus_codes(rows)
    if not bonus:
        return problems
    extra = sum(
        (r.max_points for r in rows if r.code in bonus and r.max_points is not None),
        start=0,
    )
    areas = [r.max_points for r in rows if code_depth(r.code) == 1 and r.code not in bonus]
    index_total = sum((a for a in areas if a is not None), start=0)
    kept = [
        p
        for p in problems
        if not (p.code in bonus and "Tổng điểm các mục con" in p.message)
        and not (
            not p.code and p.message.startswith("Tổng điểm các lĩnh vực") and index_total == 100
        )
    ]
    for r in rows:
        if r.code in bonus:
            where = f"{r.where}: " if getattr(r, "sheet", "") else ""
            kept.append(
                CatalogProblem(
                    "warning",
                    f"{where}lĩnh vực {r.code} “{r.title}” được tính là phần điểm cộng (tối đa "
                    f"{format_points(extra)} điểm), riêng ngoài tổng điểm Chỉ số.",
                    r.code,
                    getattr(r, "sheet", ""),
                    getattr(r, "row", None),
                )
            )
    return kept


def save_rules(session: Session, catalog_id: int, rows: Sequence) -> int:
    """After the catalog is saved: its rules and bonus areas. Returns how many rules."""
    nodes = {
        n.code: n
        for n in session.scalars(select(CatalogNode).where(CatalogNode.catalog_id == catalog_id))
    }
    parents = {n.parent_id for n in nodes.values()}
    # A rule the officer set by hand, kept through a replace, wins over the file's.
    hand_set = set(
        session.scalars(
            select(NodeScoringRule.node_id).where(
                NodeScoringRule.node_id.in_([n.id for n in nodes.values()])
            )
        )
    )
    # Core inserts: the nodes are new (a replaced catalog's rows went with its nodes).
    rules = []
    for r in rows:
        node = nodes.get(r.code)
        if node is None or not getattr(r, "rule_text", "") or node.id in parents:
            continue
        if node.id in hand_set:
            continue
        rule = parse_rule(r.rule_text)
        rules.append(
            {"node_id": node.id, "kind": rule.kind, "notation": rule.notation(), "source": "import"}
        )
        if not node.scoring_guide:
            node.scoring_guide = rule.words(node.max_points)
    if rules:
        session.execute(insert(NodeScoringRule), rules)
    bonus = [{"node_id": nodes[c].id} for c in sorted(bonus_codes(rows)) if c in nodes]
    if bonus:
        session.execute(insert(BonusArea), bonus)
    session.flush()
    return len(rules)
