"""Digital signatures of the files already in the store, kept on each file row.

A file is read once (``EvidenceFile.signed`` is None until then): when a document is added
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
from desktop.core.evidence.reading.signature import SignatureInfo, docx_signatures
from desktop.core.progress import NO_PROGRESS, Progress

SIGNABLE = (".pdf", ".docx", ".docm")


def signature_of_file(path: Path, name: str) -> SignatureInfo:
    """The signature of a stored blob (``name`` gives its kind); unreadable → unsigned."""
    suffix = Path(name).suffix.lower()
    try:
        if suffix == ".pdf":
            import pypdfium2 as pdfium

            from desktop.core.evidence.reading.signature import pdf_signatures

            pdf = pdfium.PdfDocument(str(path))
            try:
                return pdf_signatures(pdf)
            finally:
                pdf.close()
        if suffix in (".docx", ".docm"):
            return docx_signatures(path)
    except Exception:  # a damaged file: nothing to say about a signature
        return SignatureInfo()
    return SignatureInfo()


def apply_signature(row: EvidenceFile, info: SignatureInfo) -> None:
    row.signed = info.present
    row.signed_by = info.signer[:255]
    row.signed_at = info.signed_at.replace(tzinfo=None) if info.signed_at else None


def record_signatures(session: Session, store: FileStore, rows: Iterable[EvidenceFile]) -> int:
    """Read and keep the signature of each file row not read yet; returns how many."""
    done = 0
    for row in rows:
        if row.signed is not None:
            continue
        if not store.has(row.sha256):
            continue
        apply_signature(row, signature_of_file(store.path_for(row.sha256), row.original_name))
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
