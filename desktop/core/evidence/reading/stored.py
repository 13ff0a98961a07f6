"""Digital signatures of the files already in the store, kept on each file row.

A file is read once (``EvidenceFile.signed`` is None until then; ``text_key`` keeps the hash
of its text for finding the same document again): when a document is added
with it, or, for files stored before this was known, in one pass over a year
(``check_year_signatures``, with progress and cancel). Only PDFs and Word files can carry a
signature; other files are recorded as unsigned.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.filestore import FileStore
from db.models import EvidenceDocument, EvidenceFile
from desktop.core.evidence.reading.read import read_document
from desktop.core.evidence.reading.signature import SignatureInfo
from desktop.core.progress import NO_PROGRESS, Progress

SIGNABLE = (".pdf", ".docx", ".docm")


def apply_reading(row: EvidenceFile, info: SignatureInfo, text_key: str = "") -> None:
    row.signed = info.present
    row.signed_by = info.signer[:255]
    row.signed_at = info.signed_at.replace(tzinfo=None) if info.signed_at else None
    row.text_key = text_key


def record_signatures(session: Session, store: FileStore, rows: Iterable[EvidenceFile]) -> int:
    """Read each file row not read yet (its signature, the hash of its text) and keep
    what was found; returns how many were read. A damaged file counts as unsigned."""
    done = 0
    for row in rows:
        if row.signed is not None:
            continue
        if not store.has(row.sha256):
            continue
        if Path(row.original_name).suffix.lower() in SIGNABLE:
            reading = read_document(store.path_for(row.sha256), row.original_name)
            apply_reading(row, reading.signature, reading.content_key)
        else:
            apply_reading(row, SignatureInfo())
        done += 1
    session.flush()
    return done


def unchecked_file_ids(session: Session, year: int) -> list[int]:
    return list(
        session.scalars(
            select(EvidenceFile.id)
            .join(EvidenceDocument, EvidenceDocument.id == EvidenceFile.document_id)
            .where(EvidenceDocument.year == year, EvidenceFile.signed.is_(None))
            .order_by(EvidenceFile.id)
        )
    )


def check_year_signatures(
    session: Session, store: FileStore, year: int, progress: Progress = NO_PROGRESS
) -> int:
    """Read the signatures of the year's files not read yet (cancelling keeps none)."""
    ids = unchecked_file_ids(session, year)
    done = 0
    for i, file_id in enumerate(ids):
        row = session.get(EvidenceFile, file_id)
        if row is None:
            continue
        progress.update(i, len(ids), f"Đang đọc chữ ký số: {row.original_name}")
        done += record_signatures(session, store, [row])
    progress.update(len(ids), len(ids), "Đã đọc chữ ký số")
    return done
