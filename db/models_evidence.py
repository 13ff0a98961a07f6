"""Tables of the evidence register, self-scoring and checks (issue 4).

``DismissedFinding``: a check finding the officer set aside with a reason; it stays set
aside while the same finding (same kind, sub-criterion, document and detail) comes back.
``CatalogScoringRule``: how a catalog redistributes the points of "không áp dụng" nodes;
a catalog without a row uses the default rule (``rescale``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.values import now

_now = now  # local time, to the second


class DismissedFinding(Base):
    __tablename__ = "dismissed_finding"
    __table_args__ = (UniqueConstraint("year", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    # kind|code|evidence_id|detail, see desktop.core.evidence.checks.finding_key
    key: Mapped[str] = mapped_column(String(400))
    kind: Mapped[str] = mapped_column(String(40))
    code: Mapped[str | None] = mapped_column(String(30))
    evidence_id: Mapped[int | None] = mapped_column(
        ForeignKey("evidence_document.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(Text)
    # The message at the time of dismissal, so the list of dismissals reads on its own.
    message: Mapped[str] = mapped_column(Text, default="")
    dismissed_at: Mapped[datetime] = mapped_column(DateTime, default=_now)


class CatalogScoringRule(Base):
    __tablename__ = "catalog_scoring_rule"

    catalog_id: Mapped[int] = mapped_column(
        ForeignKey("catalog.id", ondelete="CASCADE"), primary_key=True
    )
    # rescale | full | exclude (desktop.core.scoring.scores.NA_RULES)
    na_rule: Mapped[str] = mapped_column(String(20), default="rescale")
