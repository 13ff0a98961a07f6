"""Evidence documents (tài liệu kiểm chứng): add with files and links to sub-criteria."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.filestore import FileStore
from db.models import Blob, CatalogNode, EvidenceDocument, EvidenceFile, EvidenceLink
from desktop.core.catalog import catalog_for_year, normalize_code
from desktop.core.errors import NotFoundError, ValidationError
from desktop.core.text import fold, nfc

KINDS = (
    "Kế hoạch",
    "Báo cáo",
    "Quyết định",
    "Công văn",
    "Thông báo",
    "Tờ trình",
    "Biên bản",
    "Khác",
)


@dataclass(frozen=True)
class NewDocument:
    year: int
    number: str = ""
    issue_date: date | None = None
    kind: str = "Khác"
    summary: str = ""
    issuer: str = ""
    signer: str = ""
    responsible: str = ""
    note: str = ""


def search_text_of(number: str, summary: str, issuer: str) -> str:
    return fold(" ".join((number, summary, issuer)))


def nodes_by_code(session: Session, year: int, codes: Sequence[str]) -> list[CatalogNode]:
    catalog = catalog_for_year(session, year)
    if catalog is None:
        raise NotFoundError(f"Năm {year} chưa có bộ tiêu chí.")
    wanted = [normalize_code(c) for c in codes]
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


def add_document(
    session: Session,
    store: FileStore,
    doc: NewDocument,
    files: Sequence[Path],
    codes: Sequence[str],
) -> EvidenceDocument:
    """Store the files, then add the document and its links (caller commits).

    Blobs are written before the rows; if the transaction fails the blobs stay as orphans
    that the integrity check lists, never as rows pointing at nothing.
    """
    if doc.kind not in KINDS:
        raise ValidationError(f"Loại văn bản “{doc.kind}” không hợp lệ ({', '.join(KINDS)}).")
    nodes = nodes_by_code(session, doc.year, codes)
    for f in files:
        if not f.is_file():
            raise ValidationError(f"Không tìm thấy tệp {f}.")
        if f.stat().st_size == 0:
            raise ValidationError(f"Tệp {f.name} rỗng (0 byte).")
    number = nfc(doc.number.strip())
    summary = nfc(doc.summary.strip())
    issuer = nfc(doc.issuer.strip())
    row = EvidenceDocument(
        year=doc.year,
        number=number,
        issue_date=doc.issue_date,
        kind=doc.kind,
        summary=summary,
        issuer=issuer,
        signer=nfc(doc.signer.strip()),
        responsible=nfc(doc.responsible.strip()),
        note=nfc(doc.note.strip()),
        search_text=search_text_of(number, summary, issuer),
    )
    session.add(row)
    seen: set[str] = set()
    for pos, f in enumerate(files):
        stored = store.put_file(f)
        if stored.sha256 in seen:
            continue
        seen.add(stored.sha256)
        if session.get(Blob, stored.sha256) is None:
            session.add(Blob(sha256=stored.sha256, size=stored.size))
        row.files.append(
            EvidenceFile(sha256=stored.sha256, original_name=nfc(f.name), position=pos)
        )
    for node in nodes:
        row.links.append(EvidenceLink(node_id=node.id))
    session.flush()
    return row
