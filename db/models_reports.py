"""The report register: reports (BC-UBND ...) with their editable sections and the history
of their status (draft → exported → printed → signed → handed off → uploaded).

A section keeps two texts: ``text`` is what the officer has (edited or not), ``draft_*`` is
what the app drafted from the data the last time it was accepted. ``text != draft_text``
means the officer edited the section, and a refresh of the figures never overwrites it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base
from db.models import Blob, _now


class Report(Base):
    """One report of the commune (kind ``index``: the yearly CCHC index report, seed 002)."""

    __tablename__ = "report"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="index")
    index_year: Mapped[int] = mapped_column(Integer, index=True)
    # "" until the clerk gives one; unique per symbol within the year of ``report_date``.
    number: Mapped[str] = mapped_column(String(20), default="")
    symbol: Mapped[str] = mapped_column(String(50), default="BC-UBND")
    report_date: Mapped[date | None] = mapped_column(Date)
    period_from: Mapped[date | None] = mapped_column(Date)
    period_to: Mapped[date | None] = mapped_column(Date)
    period_label: Mapped[str] = mapped_column(String(200), default="")
    # draft | exported | printed | signed | handed_off | uploaded
    status: Mapped[str] = mapped_column(String(12), default="draft")
    # Header and signature fields (drafted once from the profile, then the officer's).
    body_name: Mapped[str] = mapped_column(Text, default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(100), default="BÁO CÁO")
    summary: Mapped[str] = mapped_column(Text, default="")
    recipients: Mapped[str] = mapped_column(Text, default="")
    sign_authority: Mapped[str] = mapped_column(String(200), default="")
    sign_title: Mapped[str] = mapped_column(String(200), default="")
    signer: Mapped[str] = mapped_column(String(200), default="")
    # Page margins in millimetres (ND 30/2020: top/bottom 20–25, left 30–35, right 15–20).
    margin_top: Mapped[int] = mapped_column(Integer, default=20)
    margin_bottom: Mapped[int] = mapped_column(Integer, default=20)
    margin_left: Mapped[int] = mapped_column(Integer, default=30)
    margin_right: Mapped[int] = mapped_column(Integer, default=15)
    # The scan of the signed, sealed paper, kept in the file store.
    signed_sha256: Mapped[str | None] = mapped_column(
        ForeignKey("blob.sha256", ondelete="RESTRICT"), index=True
    )
    signed_name: Mapped[str] = mapped_column(String(255), default="")
    uploaded_on: Mapped[date | None] = mapped_column(Date)
    upload_note: Mapped[str] = mapped_column(Text, default="")
    last_docx: Mapped[str] = mapped_column(Text, default="")  # where it was last exported
    last_pdf: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    sections: Mapped[list[ReportSection]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="ReportSection.position"
    )
    events: Mapped[list[ReportEvent]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="ReportEvent.id"
    )
    signed_blob: Mapped[Blob | None] = relationship()


class ReportSection(Base):
    """One editable section of a report (heading lines + body paragraphs)."""

    __tablename__ = "report_section"
    __table_args__ = (UniqueConstraint("report_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer, default=0)
    heading: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    draft_heading: Mapped[str] = mapped_column(Text, default="")
    draft_text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    report: Mapped[Report] = relationship(back_populates="sections")


class ReportEvent(Base):
    """A status change of a report, with when it happened and a note."""

    __tablename__ = "report_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(12))
    at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    note: Mapped[str] = mapped_column(Text, default="")

    report: Mapped[Report] = relationship(back_populates="events")


class ReportField(Base):
    """A blank of a report the officer fills (a document reference, a portal figure) when
    the data has no other home for it: ``value`` typed (``1332/KH-UBND 31/12/2021``,
    ``84,89``), or ``document_id`` the evidence document picked for it. Fields whose value
    lives elsewhere (the catalog's decision, the results' decision, the period's portal
    figures, the signer) are never stored here (one source of truth each)."""

    __tablename__ = "report_field"
    __table_args__ = (UniqueConstraint("report_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(Text, default="")
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("evidence_document.id", ondelete="SET NULL"), index=True
    )
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
