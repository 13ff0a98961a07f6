"""The evidence register as screens and the CLI read it: filtered, searched, sorted rows.

Three set-based queries per listing (documents, their sub-criteria, their files), whatever
the number of documents, so the register of 20,000 documents opens quickly and a search
(``ke hoach`` finds ``Kế hoạch``; NFD input finds NFC text) stays well under 30 ms.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from db.models import Blob, CatalogNode, EvidenceDocument, EvidenceFile, EvidenceLink
from desktop.core.catalog import normalize_code
from desktop.core.errors import ValidationError
from desktop.core.evidence import get_document
from desktop.core.text import fold, sort_key

# Document status in the register (its own completeness; sub-criteria have their own).
STATUS_LABELS = {
    "unlinked": "Chưa gắn tiêu chí",
    "incomplete": "Thiếu số, ngày hoặc tệp",
    "complete": "Đủ thông tin",
}
SORT_KEYS = ("date", "number", "kind", "summary", "issuer", "responsible", "id")


@dataclass(frozen=True)
class FileInfo:
    id: int
    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class RegisterRow:
    """One row of the register table (plain data; no session attached)."""

    id: int
    year: int
    number: str
    issue_date: date | None
    kind: str
    summary: str
    issuer: str
    signer: str
    responsible: str
    note: str
    codes: tuple[str, ...] = ()
    files: tuple[FileInfo, ...] = ()

    @property
    def status(self) -> str:
        if not self.codes:
            return "unlinked"
        if not (self.number and self.issue_date and self.files):
            return "incomplete"
        return "complete"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class RegisterFilter:
    year: int
    search: str = ""
    code: str = ""  # an area, criterion or sub-criterion: documents linked at or below it
    kind: str = ""
    responsible: str = ""
    status: str = ""
    node_id: int | None = None  # exactly one node (the sub-criterion pane)
    ids: tuple[int, ...] = field(default=())


def _doc_select(flt: RegisterFilter) -> Select:
    d = EvidenceDocument
    q = select(
        d.id,
        d.year,
        d.number,
        d.issue_date,
        d.kind,
        d.summary,
        d.issuer,
        d.signer,
        d.responsible,
        d.note,
    ).where(d.year == flt.year)
    for word in fold(flt.search).split():
        q = q.where(func.instr(d.search_text, word) > 0)
    if flt.kind:
        q = q.where(d.kind == flt.kind)
    if flt.responsible:
        q = q.where(d.responsible == flt.responsible)
    if flt.ids:
        q = q.where(d.id.in_(flt.ids))
    if flt.node_id is not None:
        q = q.where(
            d.id.in_(select(EvidenceLink.document_id).where(EvidenceLink.node_id == flt.node_id))
        )
    if flt.code:
        code = normalize_code(flt.code)
        n = CatalogNode
        linked = (
            select(EvidenceLink.document_id)
            .join(n, n.id == EvidenceLink.node_id)
            .where(or_(n.code == code, n.code.startswith(code + ".", autoescape=True)))
        )
        q = q.where(d.id.in_(linked))
    return q


def list_register(
    session: Session, flt: RegisterFilter, *, sort: str = "date", descending: bool = False
) -> list[RegisterRow]:
    """The register rows matching ``flt``, sorted (Vietnamese letter order for text)."""
    if sort not in SORT_KEYS:
        raise ValidationError(f"Không sắp xếp được theo “{sort}” ({', '.join(SORT_KEYS)}).")
    if flt.status and flt.status not in STATUS_LABELS:
        raise ValidationError(f"Trạng thái “{flt.status}” không hợp lệ.")
    docs = _doc_select(flt).subquery()
    codes: dict[int, list[str]] = defaultdict(list)
    for doc_id, code in session.execute(
        select(EvidenceLink.document_id, CatalogNode.code)
        .join(CatalogNode, CatalogNode.id == EvidenceLink.node_id)
        .join(docs, docs.c.id == EvidenceLink.document_id)
        .order_by(CatalogNode.position)
    ):
        codes[doc_id].append(code)
    files: dict[int, list[FileInfo]] = defaultdict(list)
    for doc_id, fid, name, sha, size in session.execute(
        select(
            EvidenceFile.document_id,
            EvidenceFile.id,
            EvidenceFile.original_name,
            EvidenceFile.sha256,
            Blob.size,
        )
        .join(Blob, Blob.sha256 == EvidenceFile.sha256)
        .join(docs, docs.c.id == EvidenceFile.document_id)
        .order_by(EvidenceFile.position, EvidenceFile.id)
    ):
        files[doc_id].append(FileInfo(fid, name, sha, size))
    rows = [
        RegisterRow(*r, codes=tuple(codes.get(r[0], ())), files=tuple(files.get(r[0], ())))
        for r in session.execute(select(docs))
    ]
    if flt.status:
        rows = [r for r in rows if r.status == flt.status]
    rows.sort(key=_sort_key(sort), reverse=descending)
    return rows


def _sort_key(sort: str):
    if sort == "date":
        return lambda r: (r.issue_date or date.min, r.id)
    if sort == "id":
        return lambda r: r.id
    if sort == "number":
        return lambda r: (_leading_int(r.number), sort_key(r.number), r.id)
    return lambda r: (sort_key(getattr(r, sort)), r.id)


def _leading_int(text: str) -> int:
    digits = ""
    for ch in text:
        if not ch.isdigit():
            break
        digits += ch
    return int(digits) if digits else 1 << 62


def document_row(session: Session, doc_id: int) -> RegisterRow:
    """One document as a register row (for the edit dialog and ``cchc evidence show``)."""
    row = get_document(session, doc_id)
    found = list_register(session, RegisterFilter(year=row.year, ids=(doc_id,)))
    return found[0]


def responsible_names(session: Session, year: int) -> list[str]:
    """Distinct responsible officers of the year (for the filter's drop-down)."""
    names = session.scalars(
        select(EvidenceDocument.responsible)
        .where(and_(EvidenceDocument.year == year, EvidenceDocument.responsible != ""))
        .distinct()
    )
    return sorted(names, key=sort_key)
