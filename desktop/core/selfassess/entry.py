"""A sub-criterion's self-assessment entry: declared figure, rule, score, override, explanation.

The portal takes, per sub-criterion, a declared figure (số liệu kê khai), applies the
catalog's scoring rule to it and wants an explanation (giải trình) where evidence is
missing. Here:

- ``set_entry`` sets any of: the declared figure (checked against the rule), the score
  (``auto`` = computed from the figure by the rule; a number; ``na``), the reason for a score
  that differs from the computed one (required, and kept), the explanation. Everything is
  checked before anything is written; the caller owns the transaction.
- ``set_node_rule`` sets or clears the rule of a sub-criterion and recomputes its score
  when the score was the computed one.
- ``entry_info`` / ``year_entries`` read it back as plain data (screen, CLI, report).
The self-score itself stays in ``self_score`` (``desktop.core.scoring.scores``), so every
existing roll-up, check and report sees it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from base.errors import ValidationError
from db.models import CatalogNode, SelfScore
from db.models_selfassess import AssessmentEntry
from desktop.core.catalog.node_rules import rule_of, rules_for_catalog, store_rule
from desktop.core.office.vnformat import format_points
from desktop.core.scoring.declared import Declared, declared_from_row, parse_declared
from desktop.core.scoring.rules import Rule, RuleError, parse_rule
from desktop.core.scoring.scores import parse_score, require_catalog, scorable_node, set_score

AUTO = "auto"


@dataclass(frozen=True)
class EntryInfo:
    node_id: int
    code: str
    title: str
    max_points: Decimal
    rule: Rule | None
    declared: Declared | None
    declared_source: str
    computed: Decimal | None  # what the rule gives for the declared figure
    self_score: Decimal | None
    applicable: bool
    scored: bool  # a score (or "không áp dụng") has been entered
    override_reason: str
    explanation: str

    @property
    def rule_words(self) -> str:
        if self.rule is None:
            return "Chưa có cách tính điểm tự động: chấm trực tiếp theo hướng dẫn."
        return self.rule.words(self.max_points)

    @property
    def declared_text(self) -> str:
        return self.declared.text() if self.declared is not None else ""

    @property
    def overridden(self) -> bool:
        """The self-score differs from what the rule computes from the declared figure."""
        return (
            self.applicable
            and self.computed is not None
            and self.self_score is not None
            and self.self_score != self.computed
        )


def _info(node: CatalogNode, rule, entry: AssessmentEntry | None, score: SelfScore | None):
    applicable = score.applicable if score is not None else True
    return EntryInfo(
        node_id=node.id,
        code=node.code,
        title=node.title,
        max_points=node.max_points,
        rule=rule,
        declared=declared_from_row(entry.declared_kind, entry.declared_value) if entry else None,
        declared_source=entry.declared_source if entry else "",
        computed=entry.computed if entry else None,
        self_score=score.score if score is not None and applicable else None,
        applicable=applicable,
        scored=score is not None and (score.score is not None or not applicable),
        override_reason=entry.override_reason if entry else "",
        explanation=entry.explanation if entry else "",
    )


def entry_info(session: Session, year: int, code: str) -> EntryInfo:
    node = scorable_node(session, year, code)
    return _info(
        node,
        rule_of(session, node.id),
        session.get(AssessmentEntry, node.id),
        session.get(SelfScore, node.id),
    )


def year_entries(session: Session, year: int) -> dict[int, EntryInfo]:
    """Every self-scored sub-criterion (leaf) of the year, by node id, in catalog order."""
    catalog = require_catalog(session, year)
    nodes = list(
        session.scalars(
            select(CatalogNode)
            .where(CatalogNode.catalog_id == catalog.id)
            .order_by(CatalogNode.position, CatalogNode.id)
        )
    )
    parents = {n.parent_id for n in nodes}
    leaves = [n for n in nodes if n.id not in parents and n.self_scored]
    ids = [n.id for n in leaves]
    entries = {
        e.node_id: e
        for e in session.scalars(select(AssessmentEntry).where(AssessmentEntry.node_id.in_(ids)))
    }
    scores = {
        s.node_id: s for s in session.scalars(select(SelfScore).where(SelfScore.node_id.in_(ids)))
    }
    rules = rules_for_catalog(session, catalog.id)
    return {n.id: _info(n, rules.get(n.id), entries.get(n.id), scores.get(n.id)) for n in leaves}


def preview_score(info: EntryInfo, declared_text: str) -> tuple[Declared | None, Decimal | None]:
    """What a declared figure typed into a screen would give, without saving:
    (figure, computed score); ``ValidationError`` for a figure of the wrong kind."""
    if not declared_text.strip():
        return None, None
    declared = parse_declared(declared_text, info.rule, code=info.code)
    return declared, _computed(info.rule, declared, info.max_points)


def _computed(rule: Rule | None, declared: Declared | None, max_points: Decimal) -> Decimal | None:
    if rule is None or not rule.computes or declared is None or declared.is_na:
        return None
    return rule.score(declared.rule_value, max_points)


def set_entry(
    session: Session,
    year: int,
    code: str,
    *,
    value: str | None = None,
    declared: str | None = None,
    source: str | None = None,
    reason: str | None = None,
    explanation: str | None = None,
) -> EntryInfo:
    """Set what was given (None leaves a part as it is; ``declared=""`` clears the figure).

    ``value``: ``auto`` (the rule's score for the declared figure), a number, or ``na``.
    Without ``value``, a newly declared figure sets the score by the rule unless the score
    was overridden with a reason. A score that differs from the computed one needs
    ``reason`` (or the reason already kept).
    """
    node = scorable_node(session, year, code)
    rule = rule_of(session, node.id)
    entry = session.get(AssessmentEntry, node.id)
    score_row = session.get(SelfScore, node.id)
    old = _info(node, rule, entry, score_row)

    new_decl, new_source = old.declared, old.declared_source
    if declared is not None:
        new_decl = parse_declared(declared, rule, code=node.code) if declared.strip() else None
        new_source = (source or "").strip() if new_decl is not None else ""
    computed = _computed(rule, new_decl, node.max_points)
    kept_reason = " ".join((reason or "").split()) or old.override_reason

    # What the score becomes: (applicable, score), or None to leave it.
    target: tuple[bool, Decimal | None] | None = None
    if value is not None and value.strip().lower() == AUTO:
        target = _auto_target(node.code, rule, new_decl, computed)
    elif value is not None:
        number = parse_score(value)
        if number is None:
            target = (False, None)
            if declared is None and new_decl is not None and rule is not None and rule.computes:
                new_decl, computed = Declared("na"), None
        elif new_decl is not None and new_decl.is_na:
            raise ValidationError(
                f"{node.code} đã kê khai “Không áp dụng” nên không chấm điểm; hãy kê khai lại "
                "số liệu hoặc nhập điểm là na."
            )
        else:
            target = (True, number)
    elif declared is not None and new_decl is not None:
        if new_decl.is_na:
            target = (False, None)
        elif computed is not None and not old.override_reason:
            target = (True, computed)

    final_score = target[1] if target is not None else old.self_score
    final_applicable = target[0] if target is not None else old.applicable
    overriding = (
        final_applicable
        and computed is not None
        and final_score is not None
        and final_score != computed
    )
    if overriding and not kept_reason:
        raise ValidationError(
            f"Điểm {format_points(final_score)} của {node.code} khác điểm tính theo cách tính "
            f"({format_points(computed)} điểm với số liệu kê khai {new_decl.text()}): "  # type: ignore[union-attr]
            "hãy ghi lý do chấm khác."
        )

    if target is not None:
        set_score(session, year, node.code, target[1], applicable=target[0])
    if entry is None:
        entry = AssessmentEntry(
            node_id=node.id, declared_source="", override_reason="", explanation=""
        )
        session.add(entry)
    entry.declared_kind = new_decl.kind if new_decl is not None else None
    entry.declared_value = new_decl.value if new_decl is not None else None
    entry.declared_source = new_source
    entry.computed = computed
    entry.override_reason = kept_reason if overriding else ""
    if explanation is not None:
        entry.explanation = _clean_text(explanation)
    session.flush()
    return entry_info(session, year, node.code)


def _auto_target(code, rule, declared, computed) -> tuple[bool, Decimal | None]:
    if rule is None or not rule.computes:
        raise ValidationError(
            f"{code} chưa có cách tính điểm tự động (chấm trực tiếp): hãy nhập số điểm."
        )
    if declared is None:
        raise ValidationError(
            f"{code} chưa có số liệu kê khai để tính điểm: hãy nhập số liệu kê khai trước."
        )
    if declared.is_na:
        return (False, None)
    return (True, computed)


def _clean_text(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.strip().splitlines()]
    return "\n".join(line for line in lines if line)


def set_explanation(session: Session, year: int, code: str, text: str) -> EntryInfo:
    """The explanation (giải trình) of a sub-criterion for the year; "" removes it."""
    return set_entry(session, year, code, explanation=text)


def set_node_rule(session: Session, year: int, code: str, notation: str | None) -> EntryInfo:
    """Set (or with None/"" clear) the scoring rule of a sub-criterion. A declared figure
    the new rule cannot take is refused; a computed (not overridden) score follows the rule."""
    node = scorable_node(session, year, code)
    rule = None
    if notation and notation.strip():
        try:
            rule = parse_rule(notation)
            rule.check_max(node.max_points)
        except RuleError as exc:
            raise ValidationError(f"Cách tính điểm của {node.code}: {exc}") from None
    entry = session.get(AssessmentEntry, node.id)
    score_row = session.get(SelfScore, node.id)
    old = _info(node, rule_of(session, node.id), entry, score_row)
    if old.declared is not None:
        try:
            parse_declared(old.declared.text(), rule, code=node.code)
        except ValidationError:
            raise ValidationError(
                f"{node.code} đã kê khai “{old.declared.text()}”, không hợp với cách tính "
                f"mới ({rule.label if rule else 'chấm trực tiếp'}). Hãy xóa hoặc kê khai lại "
                "số liệu trước khi đổi cách tính."
            ) from None
    store_rule(session, node.id, rule, source="manual")
    if entry is not None:
        computed = _computed(rule, old.declared, node.max_points)
        was_auto = not old.override_reason and old.computed is not None
        if was_auto and computed is not None and old.applicable:
            set_score(session, year, node.code, computed, applicable=True)
        elif old.override_reason and computed == old.self_score:
            entry.override_reason = ""
        entry.computed = computed
        session.flush()
    return entry_info(session, year, node.code)
