"""A year's appraised results as plain data, read in plain SQL without SQLAlchemy
(``results`` enters them, ``results_import`` imports them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from db.sqlconn import row, rows
from db.values import date_from_db, result_points_from_db
from desktop.core.catalog.read import catalog_info
from desktop.core.office.vnformat import format_points

if TYPE_CHECKING:
    from db.sqlconn import Source


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


def results_info(src: Source, year: int) -> ResultsInfo:
    """Every node of the year's catalog with its appraised score (None where none)."""
    cat = catalog_info(src, year)
    result = row(
        src,
        "SELECT id, decision_number, decision_date, publisher, total, total_rank, "
        "group_label, source_file FROM appraisal_result WHERE year = ?",
        (year,),
    )
    scores = {}
    if result is not None:
        scores = {
            s["node_id"]: s
            for s in rows(
                src,
                "SELECT node_id, score, rank, applicable, note FROM appraised_score "
                "WHERE result_id = ?",
                (result["id"],),
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
                score=result_points_from_db(s["score"]) if s else None,
                rank=s["rank"] if s else "",
                applicable=bool(s["applicable"]) if s else True,
                note=s["note"] if s else "",
                self_scored=n.self_scored,
            )
        )
    areas = [n for n in nodes if n.parent_id is None]
    total = result_points_from_db(result["total"]) if result else None
    is_sum = False
    if total is None and areas and all(a.score is not None for a in areas):
        total, is_sum = sum((a.score for a in areas), Decimal(0)), True  # type: ignore[misc]
    if result is None:
        return ResultsInfo(
            year=year, nodes=nodes, total=total, total_is_sum=is_sum, max_total=cat.total_points
        )
    return ResultsInfo(
        year=year,
        decision_number=result["decision_number"],
        decision_date=date_from_db(result["decision_date"]),
        publisher=result["publisher"],
        total=total,
        total_rank=result["total_rank"],
        total_is_sum=is_sum,
        max_total=cat.total_points,
        group_label=result["group_label"],
        source_file=result["source_file"],
        nodes=nodes,
    )
