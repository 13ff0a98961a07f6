"""Tables of the self-assessment as the scoring portals ask for it (issue 10).

- ``NodeScoringRule``: a sub-criterion's scoring rule (cách tính điểm) in the notation of
  ``desktop.core.scoring.rules``; catalog data, replaced together with the catalog.
- ``BonusArea``: marks an area as the bonus section (điểm cộng), with its own maximum.
- ``AssessmentEntry``: per sub-criterion of a year (a node belongs to one year's catalog):
  the declared figure, the score the rule computed from it, the reason for overriding that
  score, and the explanation (giải trình). The self-score itself stays in ``self_score``.
- ``AssessmentRound`` / ``RoundEntry``: a copy of the scores kept when the year is locked
  as submitted; later edits make the next round. Kept by code, not node id, so a copy
  reads on its own.
- ``SelfAssessmentText``: the report's editable parts per year (number, date,
  difficulties, recommendations, recipients).
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
from db.models import _now


class NodeScoringRule(Base):
    __tablename__ = "node_scoring_rule"

    node_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_node.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # desktop.core.scoring.rules.KINDS
    notation: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(10), default="manual")  # import | manual
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)


class BonusArea(Base):
    __tablename__ = "bonus_area"

    node_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_node.id", ondelete="CASCADE"), primary_key=True
    )


class AssessmentEntry(Base):
    __tablename__ = "assessment_entry"

    node_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_node.id", ondelete="CASCADE"), primary_key=True
    )
    # yes | no | na | percent | count; None = nothing declared
    declared_kind: Mapped[str | None] = mapped_column(String(10))
    # a percentage or a count, exact to 3 decimals (the Points storage)
    declared_value: Mapped[Decimal | None] = mapped_column(Points)
    # where an offered figure came from (dossier statistics of a period), "" when typed
    declared_source: Mapped[str] = mapped_column(Text, default="")
    computed: Mapped[Decimal | None] = mapped_column(Points)
    override_reason: Mapped[str] = mapped_column(Text, default="")
    explanation: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)


class AssessmentRound(Base):
    __tablename__ = "assessment_round"
    __table_args__ = (UniqueConstraint("year", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    number: Mapped[int] = mapped_column(Integer)
    submitted_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    note: Mapped[str] = mapped_column(Text, default="")
    max_points: Mapped[Decimal] = mapped_column(Points)
    self_score: Mapped[Decimal | None] = mapped_column(Points)
    bonus_max: Mapped[Decimal] = mapped_column(Points)
    bonus_score: Mapped[Decimal | None] = mapped_column(Points)
    # The self-assessment report (.xlsx) as it was at submission, in the file store.
    report_sha256: Mapped[str | None] = mapped_column(
        ForeignKey("blob.sha256", ondelete="RESTRICT"), index=True
    )
    report_name: Mapped[str] = mapped_column(String(255), default="")

    entries: Mapped[list[RoundEntry]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="RoundEntry.position"
    )


class RoundEntry(Base):
    __tablename__ = "round_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("assessment_round.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    code: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(Text)
    level: Mapped[int] = mapped_column(Integer)
    is_leaf: Mapped[bool] = mapped_column(Boolean, default=True)
    bonus: Mapped[bool] = mapped_column(Boolean, default=False)
    max_points: Mapped[Decimal] = mapped_column(Points)
    applicable: Mapped[bool] = mapped_column(Boolean, default=True)
    self_score: Mapped[Decimal | None] = mapped_column(Points)
    declared: Mapped[str] = mapped_column(Text, default="")
    override_reason: Mapped[str] = mapped_column(Text, default="")
    explanation: Mapped[str] = mapped_column(Text, default="")

    round: Mapped[AssessmentRound] = relationship(back_populates="entries")


class SelfAssessmentText(Base):
    __tablename__ = "self_assessment_text"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), default="")
    report_date: Mapped[date | None] = mapped_column(Date)
    difficulties: Mapped[str] = mapped_column(Text, default="")
    recommendations: Mapped[str] = mapped_column(Text, default="")
    recipients: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
