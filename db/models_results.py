"""Appraised results, responsible officers, year-to-year code mapping, remediation plans.

New tables only; they point at the foundation's ``catalog_node`` and ``evidence_document``.
Codes (not node ids) are kept where a row must outlive a catalog being replaced (mapping,
plan rows).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, Points
from db.models import CatalogNode, EvidenceDocument, _now
from db.values import RESULT_QUANTUM, result_points_from_db, result_points_to_db  # noqa: F401


class ResultPoints(Points):
    """Published scores carry 4 decimals (``0,2439/1,5``): integer ten-thousandths.

    A ``Points`` subclass so migrations render it as a plain Integer column.
    """

    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect) -> int | None:
        return result_points_to_db(value)

    def process_result_value(self, value: int | None, dialect) -> Decimal | None:
        return result_points_from_db(value)


class AppraisalResult(Base):
    """The appraising body's published result of a year (one per year)."""

    __tablename__ = "appraisal_result"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    decision_number: Mapped[str] = mapped_column(String(100), default="")
    decision_date: Mapped[date | None] = mapped_column(Date)
    publisher: Mapped[str] = mapped_column(String(300), default="")
    total: Mapped[Decimal | None] = mapped_column(ResultPoints)
    total_rank: Mapped[str] = mapped_column(String(20), default="")
    # e.g. "hoàn thành tốt nhiệm vụ" (the group the total falls in)
    group_label: Mapped[str] = mapped_column(String(200), default="")
    source_file: Mapped[str] = mapped_column(String(255), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    scores: Mapped[list[AppraisedScore]] = relationship(
        back_populates="result", cascade="all, delete-orphan"
    )


class AppraisedScore(Base):
    """The appraised score and rank of one node (area, criterion or sub-criterion)."""

    __tablename__ = "appraised_score"

    node_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_node.id", ondelete="CASCADE"), primary_key=True
    )
    result_id: Mapped[int] = mapped_column(
        ForeignKey("appraisal_result.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[Decimal | None] = mapped_column(ResultPoints)
    rank: Mapped[str] = mapped_column(String(20), default="")
    applicable: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")

    result: Mapped[AppraisalResult] = relationship(back_populates="scores")
    node: Mapped[CatalogNode] = relationship()


class NodeAssignment(Base):
    """Who in the commune answers for a node this year, and a note carried across years."""

    __tablename__ = "node_assignment"

    node_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_node.id", ondelete="CASCADE"), primary_key=True
    )
    officer: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    node: Mapped[CatalogNode] = relationship()


class CodeMapping(Base):
    """Old code (``from_year``) → new code (``to_year``); ``to_code`` None = dropped."""

    __tablename__ = "code_mapping"
    __table_args__ = (UniqueConstraint("from_year", "to_year", "from_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    from_year: Mapped[int] = mapped_column(Integer)
    to_year: Mapped[int] = mapped_column(Integer, index=True)
    from_code: Mapped[str] = mapped_column(String(30))
    to_code: Mapped[str | None] = mapped_column(String(30))
    similarity: Mapped[int] = mapped_column(Integer, default=0)  # percent, as suggested
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)


class RemediationPlan(Base):
    """The commune's plan answering the results of ``year`` (seed 004)."""

    __tablename__ = "remediation_plan"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(Text, default="")
    attachment_line: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    rows: Mapped[list[RemediationRow]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="RemediationRow.position"
    )


class RemediationRow(Base):
    """One row of the plan, in seed 004's columns, plus its progress during the year."""

    __tablename__ = "remediation_row"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("remediation_plan.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(10), default="manual")  # loss | keep | manual
    area_code: Mapped[str] = mapped_column(String(30), default="")
    area_title: Mapped[str] = mapped_column(Text, default="")
    criterion: Mapped[str] = mapped_column(String(100), default="")
    result_text: Mapped[str] = mapped_column(String(100), default="")
    cause: Mapped[str] = mapped_column(Text, default="")
    solution: Mapped[str] = mapped_column(Text, default="")
    lead: Mapped[str] = mapped_column(Text, default="")
    partners: Mapped[str] = mapped_column(Text, default="")
    timeframe: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(10), default="todo")  # todo | doing | done
    evidence_id: Mapped[int | None] = mapped_column(
        ForeignKey("evidence_document.id", ondelete="SET NULL"), index=True
    )
    progress_note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    plan: Mapped[RemediationPlan] = relationship(back_populates="rows")
    evidence: Mapped[EvidenceDocument | None] = relationship()
