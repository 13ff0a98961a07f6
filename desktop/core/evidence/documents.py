"""Evidence documents (tài liệu kiểm chứng): add, edit, delete, link to sub-criteria.

Every function takes a session; the caller owns the transaction, so a refused change
leaves nothing half-saved. Confirmation ("Xóa tài liệu này?") is the screen's job.
A document's files are pointers to blobs: linking a document to more sub-criteria, or to
fewer, never copies a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from base.errors import NotFoundError, ValidationError
from db.filestore import FileStore
from db.models import CatalogNode, EvidenceDocument, EvidenceFile, EvidenceLink
from desktop.core.catalog.store import catalog_for_year, normalize_code
from desktop.core.evidence.files import (
    check_sources,
    drop_unused_blob_rows,
    ensure_blob_row,
    forget_created,
    store_sources,
)
from desktop.core.office.text import fold, nfc
from desktop.core.progress import NO_PROGRESS, Progress

KIND_OTHER = "Khác"
KINDS = (
    "Kế hoạch",
    "Báo cáo",
    "Quyết định",
    "Công văn",
    "Thông báo",
    "Tờ trình",
    "Biên bản",
    KIND_OTHER,
)
MAX_NUMBER = 100
EARLIEST_YEAR = 1945


@dataclass(frozen=True)
class DocumentFields:
    """What the officer types about a document (the add and edit dialogs)."""

    number: str = ""
    issue_date: date | None = None
    kind: str = KIND_OTHER
    summary: str = ""
    issuer: str = ""
    signer: str = ""
    responsible: str = ""
    note: str = ""


@dataclass(frozen=True)
class NewDocument:
    """A document to add: its year, then the same fields as ``DocumentFields``."""

    year: int
    number: str = ""
    issue_date: date | None = None
    kind: str = KIND_OTHER
    summary: str = ""
    issuer: str = ""
    signer: str = ""
    responsible: str = ""
    note: str = ""

    def as_fields(self) -> DocumentFields:
        return DocumentFields(**{f.name: getattr(self, f.name) for f in fields(DocumentFields)})


def kind_of(text: str) -> str:
    """``bao cao`` / ``BÁO CÁO`` → ``Báo cáo``; refuses an unknown kind with the list."""
    wanted = fold(text)
    for k in KINDS:
        if fold(k) == wanted:
            return k
    raise ValidationError(
        f"Loại văn bản “{text}” không hợp lệ. Chọn một trong: {', '.join(KINDS)}."
    )


def _one_line(text: str) -> str:
    return " ".join(nfc(text).split())


def clean_fields(f: DocumentFields) -> DocumentFields:
    """NFC, trimmed, kind recognised, number and date sane; raises ``ValidationError``."""
    number = _one_line(f.number)
    if len(number) > MAX_NUMBER:
        raise ValidationError(f"Số ký hiệu “{number[:40]}…” dài quá {MAX_NUMBER} ký tự.")
    if f.issue_date is not None and not EARLIEST_YEAR <= f.issue_date.year <= 2100:
        raise ValidationError(f"Ngày ban hành {f.issue_date:%d/%m/%Y} không hợp lý.")
    return replace(
        f,
        number=number,
        kind=kind_of(f.kind or KIND_OTHER),
        summary=nfc(f.summary).strip(),
        issuer=_one_line(f.issuer),
        signer=_one_line(f.signer),
        responsible=_one_line(f.responsible),
        note=nfc(f.note).strip(),
    )


def search_text_of(number: str, summary: str, issuer: str) -> str:
    return fold(" ".join((number, summary, issuer)))


def _apply(row: EvidenceDocument, f: DocumentFields) -> None:
    for fld in fields(DocumentFields):
        setattr(row, fld.name, getattr(f, fld.name))
    row.search_text = search_text_of(f.number, f.summary, f.issuer)


def nodes_by_code(session: Session, year: int, codes: Sequence[str]) -> list[CatalogNode]:
    """The nodes of ``year`` with these codes (any level), in the given order."""
    catalog = catalog_for_year(session, year)
    if catalog is None:
        raise NotFoundError(f"Năm {year} chưa có bộ tiêu chí.")
    wanted = list(dict.fromkeys(normalize_code(c) for c in codes))
    if any(not c for c in wanted):
        raise ValidationError("Mã tiêu chí bị để trống.")
    found = {
        n.code: n
        for n in session.scalars(
            select(CatalogNode).where(
                CatalogNode.catalog_id == catalog.id, CatalogNode.code.in_(wanted)
            )
        )
    }
    missing = [c for c in wanted if c not in found]
    if missing:
        raise NotFoundError(f"Bộ tiêu chí năm {year} không có tiêu chí {', '.join(missing)}.")
    return [found[c] for c in wanted]


def sub_criteria_by_code(session: Session, year: int, codes: Sequence[str]) -> list[CatalogNode]:
    """Like ``nodes_by_code``, but only sub-criteria (leaves): evidence is filed there."""
    nodes = nodes_by_code(session, year, codes)
    with_children = set(
        session.scalars(
            select(CatalogNode.parent_id).where(CatalogNode.parent_id.in_([n.id for n in nodes]))
        )
    )
    for node in nodes:
        if node.id in with_children:
            kids = session.scalars(
                select(CatalogNode.code)
                .where(CatalogNode.parent_id == node.id)
                .order_by(CatalogNode.position)
            )
            raise ValidationError(
                f"{node.code} có các tiêu chí thành phần ({', '.join(kids)}); hãy gắn tài liệu "
                "vào tiêu chí thành phần."
            )
    return nodes


def get_document(session: Session, doc_id: int) -> EvidenceDocument:
    row = session.get(EvidenceDocument, doc_id)
    if row is None:
        raise NotFoundError(f"Không có tài liệu số {doc_id} trong sổ.")
    return row


def _attach_files(session: Session, row: EvidenceDocument, sources, blobs) -> list[EvidenceFile]:
    have = {f.sha256 for f in row.files}
    pos = max((f.position for f in row.files), default=-1) + 1
    added: list[EvidenceFile] = []
    for src, blob in zip(sources, blobs, strict=True):
        if blob.sha256 in have:
            continue  # the same content twice in one document: keep one
        have.add(blob.sha256)
        ensure_blob_row(session, blob)
        ef = EvidenceFile(sha256=blob.sha256, original_name=nfc(src.name), position=pos)
        row.files.append(ef)
        added.append(ef)
        pos += 1
    return added


def add_document(
    session: Session,
    store: FileStore,
    doc: NewDocument,
    files: Sequence[Path],
    codes: Sequence[str],
    *,
    progress: Progress = NO_PROGRESS,
) -> EvidenceDocument:
    """Check everything, store the files (streamed), then add the document and its links.

    Nothing is copied before the input is known to be good; if writing the rows fails,
    the blobs created here are removed again. ``progress`` counts bytes copied; cancelling
    it raises ``Cancelled`` and leaves nothing behind.
    """
    clean = clean_fields(doc.as_fields())
    nodes = sub_criteria_by_code(session, doc.year, codes)
    sources = check_sources(files)
    blobs = store_sources(store, sources, progress)
    try:
        row = EvidenceDocument(year=doc.year)
        _apply(row, clean)
        session.add(row)
        _attach_files(session, row, sources, blobs)
        for node in nodes:
            row.links.append(EvidenceLink(node_id=node.id))
        session.flush()
    except BaseException:
        forget_created(store, blobs)
        raise
    return row


def update_document(session: Session, doc_id: int, changes: DocumentFields) -> EvidenceDocument:
    row = get_document(session, doc_id)
    _apply(row, clean_fields(changes))
    session.flush()
    return row


def add_files(
    session: Session,
    store: FileStore,
    doc_id: int,
    files: Sequence[Path],
    *,
    progress: Progress = NO_PROGRESS,
) -> list[EvidenceFile]:
    row = get_document(session, doc_id)
    sources = check_sources(files)
    blobs = store_sources(store, sources, progress)
    try:
        added = _attach_files(session, row, sources, blobs)
        session.flush()
    except BaseException:
        forget_created(store, blobs)
        raise
    return added


def remove_file(session: Session, doc_id: int, file_id: int) -> list[str]:
    """Take one file off a document; returns the blobs now unused (see ``release_blobs``)."""
    row = get_document(session, doc_id)
    ef = next((f for f in row.files if f.id == file_id), None)
    if ef is None:
        raise NotFoundError(f"Tài liệu số {doc_id} không có tệp số {file_id}.")
    row.files.remove(ef)
    return drop_unused_blob_rows(session, [ef.sha256])


def delete_document(session: Session, doc_id: int) -> list[str]:
    """Delete a document, its links and file entries. Blobs another document still uses
    stay; the hashes returned are no longer used by anything: after the commit, pass
    them to ``evidence_files.release_blobs`` to remove the files from the store."""
    row = get_document(session, doc_id)
    shas = [f.sha256 for f in row.files]
    session.delete(row)
    return drop_unused_blob_rows(session, shas)


def link_document(session: Session, doc_id: int, codes: Sequence[str]) -> list[str]:
    """Link a document to more sub-criteria of its year; returns the codes newly linked."""
    row = get_document(session, doc_id)
    nodes = sub_criteria_by_code(session, row.year, codes)
    have = {link.node_id for link in row.links}
    added = []
    for node in nodes:
        if node.id not in have:
            row.links.append(EvidenceLink(node_id=node.id))
            added.append(node.code)
    session.flush()
    return added


def unlink_document(session: Session, doc_id: int, codes: Sequence[str]) -> None:
    """Take sub-criteria off a document (the document and its files stay in the register)."""
    row = get_document(session, doc_id)
    wanted = list(dict.fromkeys(normalize_code(c) for c in codes))
    by_code = {link.node.code: link for link in row.links}
    missing = [c for c in wanted if c not in by_code]
    if missing:
        label = row.number or f"số {row.id}"
        raise NotFoundError(f"Tài liệu {label} không gắn với tiêu chí {', '.join(missing)}.")
    for c in wanted:
        row.links.remove(by_code[c])
    session.flush()
