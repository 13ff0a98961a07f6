"""The handoff log: which state of each document left on which bundle, so that "only what
changed since the last handoff" can be exported (a document's fingerprint covers its
metadata, file hashes and sub-criteria)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import EvidenceDocument
from db.models_bundles import Handoff, HandoffDocument


@dataclass(frozen=True)
class NewHandoff:
    """What left on a bundle, as ``export`` knows it from its plan and what it wrote."""

    bundle_id: str
    year: int
    scope: dict
    path: Path
    is_zip: bool
    files: int
    total_bytes: int
    fingerprints: Mapping[int, str]  # document id -> fingerprint


@dataclass(frozen=True)
class HandoffInfo:
    """A past handoff, as the bundle screen lists it."""

    created_at: datetime
    year: int
    bundle_name: str
    target: str
    kind: str  # folder | zip
    file_count: int
    total_bytes: int
    documents: int


def list_handoffs(session: Session, year: int | None = None) -> list[HandoffInfo]:
    """Newest first; every year when ``year`` is None."""
    query = select(Handoff).order_by(Handoff.created_at.desc(), Handoff.id.desc())
    if year is not None:
        query = query.where(Handoff.year == year)
    return [
        HandoffInfo(
            h.created_at,
            h.year,
            h.bundle_name,
            h.target,
            h.kind,
            h.file_count,
            h.total_bytes,
            len(h.documents),
        )
        for h in session.scalars(query)
    ]


def fingerprint(doc: EvidenceDocument, codes: Sequence[str]) -> str:
    """Changes when the document's metadata, files or sub-criteria change."""
    body = [
        doc.number,
        doc.issue_date.isoformat() if doc.issue_date else None,
        doc.kind,
        doc.summary,
        doc.issuer,
        doc.signer,
        doc.responsible,
        doc.note,
        sorted(f.sha256 for f in doc.files),
        sorted(codes),
    ]
    return hashlib.sha256(json.dumps(body, ensure_ascii=False).encode()).hexdigest()


def last_handoff(session: Session, year: int) -> datetime | None:
    return session.scalar(select(func.max(Handoff.created_at)).where(Handoff.year == year))


def handed_off(session: Session) -> set[tuple[int, str]]:
    rows = session.execute(select(HandoffDocument.document_id, HandoffDocument.fingerprint))
    return {(d, fp) for d, fp in rows}


def record_handoff(session: Session, new: NewHandoff) -> int:
    """Remember what was handed off (for "only what changed since the last handoff")."""
    handoff = Handoff(
        bundle_id=new.bundle_id,
        year=new.year,
        bundle_name=new.path.name,
        target=str(new.path.parent),
        kind="zip" if new.is_zip else "folder",
        scope=json.dumps(new.scope, ensure_ascii=False),
        file_count=new.files,
        total_bytes=new.total_bytes,
    )
    for doc_id, fp in new.fingerprints.items():
        if session.get(EvidenceDocument, doc_id) is not None:  # not deleted meanwhile
            handoff.documents.append(HandoffDocument(document_id=doc_id, fingerprint=fp))
    session.add(handoff)
    session.flush()
    return handoff.id
