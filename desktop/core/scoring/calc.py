"""The roll-up arithmetic of self-scores, with no database import (the first screen uses it
through ``overview``; ``score_rollup.score_tree`` feeds it from a session).

Every node gets, as plain data:
- ``max_points``: the catalog's maximum;
- ``applicable``: False for a sub-criterion marked "không áp dụng", and for a parent whose
  children are all not applicable;
- ``self_score``: the node's score on its own scale (a leaf: what was entered; a parent:
  its applicable children added up and, under the default rule, rescaled to its maximum);
- ``effective_max`` / ``effective_score``: what the node weighs in the 100-point index
  after the "không áp dụng" points were redistributed.
Sums are exact (``Decimal``); figures are rounded to 3 decimals only when handed out.
Survey parts (XHH, SIPAS) are applicable but not self-scored: they stay out of the total.
Areas marked as the bonus section (điểm cộng, ``node_rules.set_bonus``) stay out of the
index too: their items add up as entered, capped at each node's maximum (nothing is
redistributed), and the tree gives ``bonus_score``/``bonus_max`` apart and
``combined_score`` = index + bonus. A catalog without a bonus area rolls up as before.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from desktop.core.records import NodeInfo

ZERO = Decimal(0)
_QUANTUM = Decimal("0.001")


@dataclass(frozen=True)
class NaRule:
    name: str
    label: str
    description: str


NA_RULES = {
    r.name: r
    for r in (
        NaRule(
            "rescale",
            "Chia lại điểm theo tỷ lệ",
            "Điểm tối đa của mục cha được chia lại theo tỷ lệ cho các mục con còn áp dụng "
            "(điểm của mục con không áp dụng không bị mất).",
        ),
        NaRule(
            "full",
            "Tính đủ điểm",
            "Mục không áp dụng được tính đủ điểm tối đa.",
        ),
        NaRule(
            "exclude",
            "Loại khỏi tổng điểm",
            "Mục không áp dụng bị loại khỏi điểm tối đa; tổng điểm tối đa giảm tương ứng.",
        ),
    )
}
DEFAULT_NA_RULE = "rescale"

NODE_STATUS_LABELS = {
    "no_evidence": "Chưa có tài liệu",
    "evidence": "Có tài liệu, chưa chấm",
    "scored": "Đã chấm điểm",
    "na": "Không áp dụng",
    "survey": "Do cơ quan thẩm định đánh giá",
}


def _percent(part: int, whole: int) -> Decimal | None:
    return (Decimal(100) * part / whole).quantize(Decimal("0.1")) if whole else None


@dataclass(frozen=True)
class Entered:
    """What the officer entered for a sub-criterion (a ``self_score`` row)."""

    applicable: bool = True
    score: Decimal | None = None
    note: str = ""


@dataclass(frozen=True)
class NodeScore:
    node_id: int
    code: str
    title: str
    level: int
    parent_id: int | None
    is_leaf: bool
    self_scored: bool
    max_points: Decimal
    applicable: bool
    self_score: Decimal | None
    effective_max: Decimal | None
    effective_score: Decimal | None
    leaves: int  # applicable, self-scored sub-criteria at or below this node
    scored: int  # ... of which have a self-score
    with_evidence: int  # ... of which have at least one document
    doc_count: int  # documents linked to this node itself
    note: str
    status: str
    bonus: bool = False  # in the bonus section (điểm cộng)

    @property
    def status_label(self) -> str:
        return NODE_STATUS_LABELS[self.status]

    @property
    def evidence_percent(self) -> Decimal | None:
        """Share of the sub-criteria at or below this node that have evidence (0..100)."""
        return _percent(self.with_evidence, self.leaves)

    @property
    def gap(self) -> Decimal | None:
        """Points not secured by the self-score (on the index scale)."""
        if not self.applicable or not self.self_scored or self.effective_max is None:
            return None
        return _round(self.effective_max - (self.effective_score or ZERO))


@dataclass(frozen=True)
class ScoreTree:
    year: int
    rule: NaRule
    nodes: list[NodeScore]
    max_points: Decimal  # the catalog's total (100)
    effective_max: Decimal  # after redistribution (100 unless the rule excludes)
    self_score: Decimal | None
    survey_max: Decimal  # part of the index the appraising body scores (XHH, SIPAS)
    by_code: dict[str, NodeScore] = field(default_factory=dict)
    bonus_max: Decimal = ZERO  # the bonus section's own maximum (0: the set has none)
    bonus_score: Decimal | None = None
    leaves: int = 0  # applicable, self-scored sub-criteria of the index
    scored: int = 0
    with_evidence: int = 0

    @property
    def combined_score(self) -> Decimal | None:
        """The index self-score plus the bonus points."""
        if self.self_score is None and self.bonus_score is None:
            return None
        return _round((self.self_score or ZERO) + (self.bonus_score or ZERO))

    def areas(self) -> list[NodeScore]:
        """The area summary: per area ``max_points`` / ``effective_max``, the self-score on
        the index scale (``effective_score``), ``evidence_percent`` and ``gap``."""
        return [n for n in self.nodes if n.parent_id is None]

    @property
    def gap(self) -> Decimal:
        """Self-scorable points of the index not secured by the self-score."""
        return _round(self.effective_max - self.survey_max - (self.self_score or ZERO))

    @property
    def evidence_percent(self) -> Decimal | None:
        """Share of the index's sub-criteria that have evidence (0..100)."""
        return _percent(self.with_evidence, self.leaves)


@dataclass
class _N:
    id: int
    code: str
    title: str
    level: int
    parent_id: int | None
    max: Decimal
    self_scored: bool
    children: list[_N] = field(default_factory=list)
    na: bool = False
    entered: Decimal | None = None
    note: str = ""
    docs: int = 0
    applicable: bool = True
    score: Decimal | None = None  # exact, on the node's own scale
    scale: Decimal = ZERO  # the maximum of that scale
    eff_max: Decimal | None = None
    leaves: int = 0
    scored: int = 0
    with_evidence: int = 0
    bonus: bool = False


def _up_bonus(n: _N) -> None:
    """A bonus node: applicable items added up as entered, capped at the node's maximum."""
    n.bonus, n.scale = True, n.max
    if not n.children:
        n.applicable = not n.na
        n.score = n.entered if n.applicable and n.self_scored else None
        if n.applicable and n.self_scored:
            n.leaves, n.scored, n.with_evidence = 1, int(n.score is not None), int(n.docs > 0)
        n.eff_max = n.max if n.applicable else None
        return
    for c in n.children:
        _up_bonus(c)
        n.leaves += c.leaves
        n.scored += c.scored
        n.with_evidence += c.with_evidence
    app = [c for c in n.children if c.applicable]
    n.applicable = bool(app)
    n.eff_max = n.max if n.applicable else None
    parts = [c.score for c in app if c.score is not None]
    n.score = min(sum(parts, ZERO), n.max) if parts else None


def _up(n: _N, rule: str) -> None:
    """Post-order: applicability, own-scale score and scale, counts."""
    if not n.children:
        n.applicable = not n.na
        n.score = n.entered if (n.applicable and n.self_scored) else None
        n.scale = n.max
        if n.applicable and n.self_scored:
            n.leaves, n.scored, n.with_evidence = 1, int(n.score is not None), int(n.docs > 0)
        return
    for c in n.children:
        _up(c, rule)
        n.leaves += c.leaves
        n.scored += c.scored
        n.with_evidence += c.with_evidence
    app = [c for c in n.children if c.applicable]
    n.applicable = bool(app)
    if not app:
        return
    parts = [c.score for c in app if c.score is not None]
    if rule == "full":
        parts += [c.max for c in n.children if not c.applicable]
    if rule == "exclude":
        n.scale = sum((c.scale for c in app), ZERO)
        factor = Decimal(1)
    elif rule == "full":
        n.scale = n.max
        factor = Decimal(1)
    else:
        n.scale = n.max
        denom = sum((c.max for c in app), ZERO)
        factor = n.max / denom if denom else ZERO
    n.score = factor * sum(parts, ZERO) if parts else None


def _down(n: _N, eff: Decimal | None, rule: str) -> None:
    """Pre-order: the node's weight in the index after redistribution."""
    n.eff_max = eff if n.applicable else None
    if not n.children:
        return
    app = [c for c in n.children if c.applicable]
    denom = sum((c.max for c in app), ZERO)
    for c in n.children:
        if n.eff_max is None or not c.applicable:
            child_eff = None
        elif rule == "exclude":
            child_eff = c.scale
        elif rule == "full":
            child_eff = n.eff_max * c.max / n.max if n.max else ZERO
        else:
            child_eff = n.eff_max * c.max / denom if denom else ZERO
        _down(c, child_eff, rule)


def _status(n: _N) -> str:
    if not n.applicable:
        return "na"
    if not n.self_scored:
        return "survey"
    if n.leaves and n.scored == n.leaves:
        return "scored"
    if n.leaves and n.with_evidence == n.leaves:
        return "evidence"
    if not n.children and n.docs:
        return "evidence"
    return "no_evidence"


def _round(value: Decimal) -> Decimal:
    return value.quantize(_QUANTUM, rounding=ROUND_HALF_UP)


def _r(value: Decimal | None) -> Decimal | None:
    return None if value is None else _round(value)


def roll_up(
    year: int,
    rule: NaRule,
    catalog_nodes: Sequence[NodeInfo],
    entered: Mapping[int, Entered],
    doc_counts: Mapping[int, int],
    bonus_areas: Collection[int] = (),
) -> ScoreTree:
    """The scores of every node, from what was entered per sub-criterion (by node id), the
    number of documents linked to each node itself and the ids of the bonus areas."""
    nodes = [
        _N(n.id, n.code, n.title, n.level, n.parent_id, n.max_points, n.self_scored)
        for n in catalog_nodes
    ]
    for n in nodes:
        e = entered.get(n.id)
        if e is not None:
            n.na, n.entered, n.note = not e.applicable, e.score, e.note
        n.docs = doc_counts.get(n.id, 0)
    kids: dict[int | None, list[_N]] = defaultdict(list)
    for n in nodes:
        kids[n.parent_id].append(n)
    for n in nodes:
        n.children = kids.get(n.id, [])
    # The index itself as a virtual root, so one rule serves every level.
    index_areas = [a for a in kids[None] if a.id not in bonus_areas]
    bonus = [a for a in kids[None] if a.id in bonus_areas]
    root = _N(0, "", "Chỉ số CCHC", 0, None, sum((a.max for a in index_areas), ZERO), True)
    root.children = index_areas
    _up(root, rule.name)
    _down(root, root.scale, rule.name)
    for a in bonus:
        _up_bonus(a)
    bonus_parts = [a.score for a in bonus if a.score is not None]
    out = []
    for n in nodes:
        eff_score = None
        if n.score is not None and n.eff_max is not None and n.scale:
            eff_score = n.score * n.eff_max / n.scale
        out.append(
            NodeScore(
                node_id=n.id,
                code=n.code,
                title=n.title,
                level=n.level,
                parent_id=n.parent_id,
                is_leaf=not n.children,
                self_scored=n.self_scored,
                max_points=n.max,
                applicable=n.applicable,
                self_score=_r(n.score),
                effective_max=_r(n.eff_max),
                effective_score=_r(eff_score),
                leaves=n.leaves,
                scored=n.scored,
                with_evidence=n.with_evidence,
                doc_count=n.docs,
                note=n.note,
                status=_status(n),
                bonus=n.bonus,
            )
        )
    survey = sum((n.eff_max or ZERO for n in nodes if not n.children and not n.self_scored), ZERO)
    return ScoreTree(
        year=year,
        rule=rule,
        nodes=out,
        max_points=root.max,
        effective_max=_round(root.scale),
        self_score=_r(root.score),
        survey_max=_round(survey),
        by_code={n.code: n for n in out},
        bonus_max=_round(sum((a.max for a in bonus), ZERO)),
        bonus_score=_round(sum(bonus_parts, ZERO)) if bonus_parts else None,
        leaves=root.leaves,
        scored=root.scored,
        with_evidence=root.with_evidence,
    )
