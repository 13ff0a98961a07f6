"""Handoffs: each bundle written to a stick, and which version of each document it carried.

"Only what changed since the last handoff" compares a document's fingerprint (its metadata,
file hashes and sub-criteria) with the fingerprints already handed off.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base
from db.values import now

_now = now  # local time, to the second


class Handoff(Base):
    """A bundle that was written, read back and checked (bàn giao qua USB)."""

    __tablename__ = "handoff"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bundle_id: Mapped[str] = mapped_column(String(36), unique=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    bundle_name: Mapped[str] = mapped_column(String(255))
    target: Mapped[str] = mapped_column(Text, default="")
    # folder | zip
    kind: Mapped[str] = mapped_column(String(10), default="folder")
    # The scope as JSON (areas, changed only, reports only).
    scope: Mapped[str] = mapped_column(Text, default="{}")
    file_count: Mapped[int] = mapped_column(Integer, default=0)
    total_bytes: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)

    documents: Mapped[list[HandoffDocument]] = relationship(
        back_populates="handoff", cascade="all, delete-orphan"
    )


class HandoffDocument(Base):
    """A document as it was in a handoff (its fingerprint at that time)."""

    __tablename__ = "handoff_document"

    handoff_id: Mapped[int] = mapped_column(
        ForeignKey("handoff.id", ondelete="CASCADE"), primary_key=True
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("evidence_document.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    fingerprint: Mapped[str] = mapped_column(String(64))

    handoff: Mapped[Handoff] = relationship(back_populates="documents")
