"""Appraised results of a year as plain data, and entering them by hand.

The appraising body (the district before 2025, the province after) publishes a score and
rank per area (``11,84/15``, ``9/19``), often per criterion and sub-criterion, and the
total (``87,75/100``, ``9/20``) in a decision. Import lives in ``results_import``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models_results import AppraisalResult, AppraisedScore
from desktop.core.catalog import catalog_info
from desktop.core.errors import ValidationError
from desktop.core.evidence import nodes_by_code
from desktop.core.text import nfc
from desktop.core.vnformat import format_points, parse_rank


@dataclass(frozen=True)
class ResultNode:
    id: int
    code: str
    title: str
    level: int
    parent_id: int | None
    max_points: Decimal
    score: Decimal | None
    rank: str
    applicable: bool
    note: str
    self_scored: bool

    @property
    def lost(self) -> Decimal | None:
        """Points lost: maximum − appraised (None when not appraised or not applicable)."""
        if self.score is None or not self.applicable:
            return None
        return self.max_points - self.score


@dataclass(frozen=True)
class ResultsInfo:
    year: int
    decision_number: str = ""
    decision_date: date | None = None
    publisher: str = ""
    total: Decimal | None = None
    total_rank: str = ""
    total_is_sum: bool = False  # True when no total was published and areas were added up
    max_total: Decimal = Decimal(100)
    group_label: str = ""
    source_file: str = ""
    nodes: list[ResultNode] = field(default_factory=list)

    @property
    def has_scores(self) -> bool:
        return any(n.score is not None for n in self.nodes)

    def by_code(self) -> dict[str, ResultNode]:
        return {n.code: n for n in self.nodes}

    @property
    def total_text(self) -> str:
        """``87,75/100`` as the report writes it."""
        if self.total is None:
            return ""
        return f"{format_points(self.total)}/{format_points(self.max_total)}"


def results_info(session: Session, year: int) -> ResultsInfo:
    """Every node of the year's catalog with its appraised score (None where none)."""
    cat = catalog_info(session, year)
    result = _result_row(session, year)
    scores: dict[int, AppraisedScore] = {}
    if result is not None:
        scores = {
            s.node_id: s
            for s in session.scalars(
                select(AppraisedScore).where(AppraisedScore.result_id == result.id)
            )
        }
    nodes = []
    for n in cat.nodes:
        s = scores.get(n.id)
        nodes.append(
            ResultNode(
                id=n.id,
                code=n.code,
                title=n.title,
                level=n.level,
                parent_id=n.parent_id,
                max_points=n.max_points,
                score=s.score if s else None,
                rank=s.rank if s else "",
                applicable=s.applicable if s else True,
                note=s.note if s else "",
                self_scored=n.self_scored,
            )
        )
    areas = [n for n in nodes if n.parent_id is None]
    total, is_sum = (result.total if result else None), False
    if total is None and areas and all(a.score is not None for a in areas):
        total, is_sum = sum((a.score for a in areas), Decimal(0)), True  # type: ignore[misc]
    if result is None:
        return ResultsInfo(
            year=year, nodes=nodes, total=total, total_is_sum=is_sum, max_total=cat.total_points
        )
    return ResultsInfo(
        year=year,
        decision_number=result.decision_number,
        decision_date=result.decision_date,
        publisher=result.publisher,
        total=total,
        total_rank=result.total_rank,
        total_is_sum=is_sum,
        max_total=cat.total_points,
        group_label=result.group_label,
        source_file=result.source_file,
        nodes=nodes,
    )


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
