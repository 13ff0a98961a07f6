"""Entering a year's appraised results by hand (``results_read`` reads them as plain data).

The appraising body (the district before 2025, the province after) publishes a score and
rank per area (``11,84/15``, ``9/19``), often per criterion and sub-criterion, and the
total (``87,75/100``, ``9/20``) in a decision. Import lives in ``results_import``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from base.errors import ValidationError
from db.models_results import AppraisalResult, AppraisedScore
from desktop.core.evidence.documents import nodes_by_code
from desktop.core.office.text import nfc
from desktop.core.office.vnformat import format_points, parse_rank
from desktop.core.results.read import ResultNode, ResultsInfo, results_info  # noqa: F401


def _result_row(session: Session, year: int) -> AppraisalResult | None:
    return session.scalar(select(AppraisalResult).where(AppraisalResult.year == year))


def _ensure_result(session: Session, year: int) -> AppraisalResult:
    result = _result_row(session, year)
    if result is None:
        result = AppraisalResult(year=year)
        session.add(result)
        session.flush()
    return result


def set_result_header(
    session: Session,
    year: int,
    *,
    decision_number: str | None = None,
    decision_date: date | None = None,
    publisher: str | None = None,
    total: Decimal | None = None,
    total_rank: str | None = None,
    group_label: str | None = None,
) -> None:
    """Enter the decision and the total by hand (``None`` leaves a field as it was)."""
    result = _ensure_result(session, year)
    if decision_number is not None:
        result.decision_number = nfc(decision_number.strip())
    if decision_date is not None:
        result.decision_date = decision_date
    if publisher is not None:
        result.publisher = nfc(publisher.strip())
    if total is not None:
        if not 0 <= total <= 100:
            raise ValidationError(f"Tổng điểm {format_points(total)} nằm ngoài khoảng 0 – 100.")
        result.total = total
    if total_rank is not None:
        result.total_rank = parse_rank(total_rank) if total_rank.strip() else ""
    if group_label is not None:
        result.group_label = nfc(group_label.strip())
    session.flush()


def set_result(
    session: Session,
    year: int,
    code: str,
    score: Decimal | None,
    *,
    rank: str = "",
    applicable: bool = True,
    note: str = "",
) -> None:
    """Enter one node's appraised score by hand (``score=None`` clears it)."""
    (node,) = nodes_by_code(session, year, [code])
    if score is not None and not 0 <= score <= node.max_points:
        raise ValidationError(
            f"Điểm thẩm định {format_points(score)} của {node.code} nằm ngoài khoảng 0 – "
            f"{format_points(node.max_points)}."
        )
    result = _ensure_result(session, year)
    row = session.get(AppraisedScore, node.id)
    if score is None and applicable and not rank.strip():
        if row is not None:
            session.delete(row)
        session.flush()
        return
    if row is None:
        row = AppraisedScore(node_id=node.id, result_id=result.id)
        session.add(row)
    row.score = score if applicable else None
    row.rank = parse_rank(rank) if rank.strip() else ""
    row.applicable = applicable
    row.note = nfc(note.strip())
    session.flush()
