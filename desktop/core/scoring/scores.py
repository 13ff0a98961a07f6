"""Self-scoring (tự chấm điểm): a score per sub-criterion, or "không áp dụng".

A score is entered on a sub-criterion (a leaf of the catalog tree): 0..max, decimal comma
accepted, at most 3 decimals. Criteria, areas and the index are never typed: they are
rolled up (``score_rollup``) using the catalog's rule for "không áp dụng" nodes.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from base.errors import NotFoundError, ValidationError
from db.models import Catalog, CatalogNode, CatalogScoringRule, SelfScore
from desktop.core.catalog.store import catalog_for_year, normalize_code
from desktop.core.office.text import fold
from desktop.core.office.vnformat import format_points, parse_points
from desktop.core.scoring.calc import DEFAULT_NA_RULE, NA_RULES, NaRule  # noqa: F401
from desktop.core.scoring.scores_read import na_rule_of  # noqa: F401 - the reader, re-exported

NA_WORDS = {"na", "n/a", "kad", "khong ap dung", "k/ad", "-"}


def set_na_rule(session: Session, year: int, rule: str) -> NaRule:
    if rule not in NA_RULES:
        raise ValidationError(
            f"Không có cách tính “{rule}” cho mục không áp dụng ({', '.join(NA_RULES)})."
        )
    catalog = require_catalog(session, year)
    row = session.get(CatalogScoringRule, catalog.id)
    if row is None:
        session.add(CatalogScoringRule(catalog_id=catalog.id, na_rule=rule))
    else:
        row.na_rule = rule
    session.flush()
    return NA_RULES[rule]


def require_catalog(session: Session, year: int) -> Catalog:
    catalog = catalog_for_year(session, year)
    if catalog is None:
        raise NotFoundError(f"Năm {year} chưa có bộ tiêu chí.")
    return catalog


def leaf_node(session: Session, year: int, code: str) -> CatalogNode:
    """The sub-criterion ``code`` of ``year`` (a leaf of the catalog tree)."""
    catalog = require_catalog(session, year)
    wanted = normalize_code(code)
    node = session.scalar(
        select(CatalogNode).where(CatalogNode.catalog_id == catalog.id, CatalogNode.code == wanted)
    )
    if node is None:
        raise NotFoundError(f"Bộ tiêu chí năm {year} không có tiêu chí {wanted or code}.")
    has_children = session.scalar(select(exists().where(CatalogNode.parent_id == node.id)))
    if has_children:
        raise ValidationError(
            f"{node.code} có các tiêu chí thành phần: điểm của {node.code} được cộng từ các "
            "tiêu chí thành phần, không nhập trực tiếp."
        )
    return node


def scorable_node(session: Session, year: int, code: str) -> CatalogNode:
    """The sub-criterion ``code`` of ``year`` if the commune scores it itself."""
    node = leaf_node(session, year, code)
    if not node.self_scored:
        raise ValidationError(
            f"{node.code} là phần điều tra xã hội học: điểm do cơ quan thẩm định công bố, "
            "xã không tự chấm."
        )
    return node


def parse_score(text: str) -> Decimal | None:
    """``1,5`` → 1.5; ``na`` / ``không áp dụng`` → None (not applicable)."""
    if fold(text) in NA_WORDS:
        return None
    return parse_points(text, what="Điểm")


def _check_value(node: CatalogNode, value: Decimal) -> Decimal:
    if value.as_tuple().exponent < -3:  # type: ignore[operator]
        raise ValidationError(f"Điểm {format_points(value)} có quá 3 chữ số thập phân.")
    if value < 0:
        raise ValidationError(f"Điểm của {node.code} không được âm ({format_points(value)}).")
    if value > node.max_points:
        raise ValidationError(
            f"Điểm {format_points(value)} của {node.code} vượt điểm tối đa "
            f"{format_points(node.max_points)}."
        )
    return value


def set_score(
    session: Session,
    year: int,
    code: str,
    value: Decimal | None,
    *,
    applicable: bool = True,
    note: str | None = None,
) -> SelfScore:
    """Set the self-score of a sub-criterion; ``applicable=False`` marks it không áp dụng
    (the value is then ignored). ``note=None`` keeps the note as it was."""
    node = scorable_node(session, year, code)
    if applicable:
        if value is None:
            raise ValidationError(f"Chưa nhập điểm cho {node.code}.")
        value = _check_value(node, Decimal(value))
    row = session.get(SelfScore, node.id)
    if row is None:
        row = SelfScore(node_id=node.id, note="")
        session.add(row)
    row.applicable = applicable
    row.score = value if applicable else None
    if note is not None:
        row.note = note.strip()
    session.flush()
    return row


def set_score_text(
    session: Session, year: int, code: str, text: str, *, note: str | None = None
) -> SelfScore:
    """What the score box and ``cchc score set`` send: a number or ``na``."""
    value = parse_score(text)
    return set_score(session, year, code, value, applicable=value is not None, note=note)


def clear_score(session: Session, year: int, code: str) -> None:
    """Forget the score of a sub-criterion (back to "chưa chấm"); the note stays."""
    node = scorable_node(session, year, code)
    row = session.get(SelfScore, node.id)
    if row is not None:
        row.score = None
        row.applicable = True
        session.flush()


def set_note(session: Session, year: int, code: str, note: str) -> None:
    """The officer's note on a sub-criterion (shown in its pane and the reports)."""
    node = leaf_node(session, year, code)
    row = session.get(SelfScore, node.id)
    if row is None:
        row = SelfScore(node_id=node.id, applicable=True, note="")
        session.add(row)
    row.note = note.strip()
    session.flush()
