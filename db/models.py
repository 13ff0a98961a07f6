"""Typed SQLAlchemy 2.0 models of Sổ CCHC.

The shape is meant to last: later features (appraised results, dossiers, reports, bundles)
add their own tables that point at these; they do not reshape them.
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
from db.values import now

_now = now  # when a row was made or changed (local time, to the second)


class AppSetting(Base):
    """Small key/value settings kept with the data (last year shown, window state...)."""

    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class CommuneProfile(Base):
    """The commune using the app. One row (id = 1)."""

    __tablename__ = "commune_profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_kind: Mapped[str] = mapped_column(String(20), default="xã")
    commune_name: Mapped[str] = mapped_column(String(200))
    district: Mapped[str | None] = mapped_column(String(200))
    province: Mapped[str] = mapped_column(String(200))
    chairman: Mapped[str] = mapped_column(String(200), default="")
    officer: Mapped[str] = mapped_column(String(200), default="")
    # The decision that formed the merged commune (two-tier government from 01/7/2025).
    merger_decision_number: Mapped[str | None] = mapped_column(String(100))
    merger_decision_date: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)


class Catalog(Base):
    """A year's criteria catalog (bộ tiêu chí), as issued by a decision of the province."""

    __tablename__ = "catalog"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(500))
    decision_number: Mapped[str] = mapped_column(String(100), default="")
    decision_date: Mapped[date | None] = mapped_column(Date)
    issuer: Mapped[str] = mapped_column(String(200), default="")
    # builtin | imported | sample
    source: Mapped[str] = mapped_column(String(20), default="builtin")
    # False when the set stops above sub-criterion level (the UI says so where it is shown).
    complete: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)

    nodes: Mapped[list[CatalogNode]] = relationship(
        back_populates="catalog",
        cascade="all, delete-orphan",
        order_by="CatalogNode.position",
    )


class CatalogNode(Base):
    """Area (lĩnh vực) → criterion (tiêu chí) → sub-criterion (tiêu chí thành phần) → ..."""

    __tablename__ = "catalog_node"
    __table_args__ = (UniqueConstraint("catalog_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    catalog_id: Mapped[int] = mapped_column(
        ForeignKey("catalog.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("catalog_node.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(30))
    level: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    max_points: Mapped[Decimal] = mapped_column(Points)
    scoring_guide: Mapped[str] = mapped_column(Text, default="")
    evidence_required: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    # False for survey parts (XHH, SIPAS) that the appraising body publishes.
    self_scored: Mapped[bool] = mapped_column(Boolean, default=True)
    deadline: Mapped[date | None] = mapped_column(Date)

    catalog: Mapped[Catalog] = relationship(back_populates="nodes")
    parent: Mapped[CatalogNode | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[CatalogNode]] = relationship(
        back_populates="parent", order_by="CatalogNode.position"
    )


class Blob(Base):
    """One stored file content in the content-addressed file store."""

    __tablename__ = "blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)


class EvidenceDocument(Base):
    """An evidence document (tài liệu kiểm chứng) of an assessment year."""

    __tablename__ = "evidence_document"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    number: Mapped[str] = mapped_column(String(100), default="")
    issue_date: Mapped[date | None] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(50), default="Khác")
    summary: Mapped[str] = mapped_column(Text, default="")
    issuer: Mapped[str] = mapped_column(String(300), default="")
    signer: Mapped[str] = mapped_column(String(200), default="")
    responsible: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # Number, summary and issuer folded (no diacritics, lower case, NFC) for searching.
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    files: Mapped[list[EvidenceFile]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="EvidenceFile.position"
    )
    links: Mapped[list[EvidenceLink]] = relationship(
        back_populates="document", cascade="all, delete-orphan"
    )


class EvidenceFile(Base):
    """A file of a document: a pointer to a blob plus the original file name."""

    __tablename__ = "evidence_file"
    __table_args__ = (UniqueConstraint("document_id", "sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("evidence_document.id", ondelete="CASCADE"), index=True
    )
    sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256", ondelete="RESTRICT"), index=True)
    original_name: Mapped[str] = mapped_column(String(255))
    position: Mapped[int] = mapped_column(Integer, default=0)
    added_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    # The digital signature read from the file (not verified): None = not read yet.
    signed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    signed_by: Mapped[str] = mapped_column(String(255), default="", server_default="")
    signed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # sha256 of the file's folded text ("" when none was read): the same document
    # re-exported or re-saved is recognised although its bytes differ.
    text_key: Mapped[str] = mapped_column(String(64), default="", server_default="", index=True)

    document: Mapped[EvidenceDocument] = relationship(back_populates="files")
    blob: Mapped[Blob] = relationship()


class EvidenceLink(Base):
    """A document proves a sub-criterion (node) of its year."""

    __tablename__ = "evidence_link"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("evidence_document.id", ondelete="CASCADE"), primary_key=True
    )
    node_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_node.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)

    document: Mapped[EvidenceDocument] = relationship(back_populates="links")
    node: Mapped[CatalogNode] = relationship()


class SelfScore(Base):
    """The commune's own score for a node, or "không áp dụng" (applicable = False)."""

    __tablename__ = "self_score"

    node_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_node.id", ondelete="CASCADE"), primary_key=True
    )
    score: Mapped[Decimal | None] = mapped_column(Points)
    applicable: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    node: Mapped[CatalogNode] = relationship()


# Feature tables live in their own modules (imported last so they can point at the above).
from db import (  # noqa: E402, F401
    models_bundles,
    models_dossiers,
    models_evidence,
    models_reports,
    models_results,
    models_years,
)
from db.models_evidence import CatalogScoringRule, DismissedFinding  # noqa: E402, F401

from db import models_selfassess  # noqa: E402, F401  # isort: skip
