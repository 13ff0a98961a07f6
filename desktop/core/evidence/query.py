"""The evidence register as screens and the CLI read it: filtered, searched, sorted rows.

Three set-based queries per listing (documents, their sub-criteria, their files), whatever
the number of documents, so the register of 20,000 documents opens quickly and a search
(``ke hoach`` finds ``Kế hoạch``; NFD input finds NFC text) stays well under 30 ms.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter

from sqlalchemy import Select, String, and_, case, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from base.errors import ValidationError
from db.models import Blob, CatalogNode, EvidenceDocument, EvidenceFile, EvidenceLink
from desktop.core.catalog.store import normalize_code
from desktop.core.evidence.documents import get_document
from desktop.core.office.text import fold
from desktop.core.office.text_sort import sort_key

# Document status in the register (its own completeness; sub-criteria have their own).
STATUS_LABELS = {
    "unlinked": "Chưa gắn tiêu chí",
    "incomplete": "Thiếu số, ngày hoặc tệp",
    "complete": "Đủ thông tin",
}
# A document's digital signature, from its files (read when they were added).
SIGNATURE_LABELS = {
    "signed": "Đã ký số",
    "unsigned_pdf": "PDF chưa ký số",
}
SORT_KEYS = ("date", "number", "kind", "summary", "issuer", "responsible", "id")
CHUNK = 500  # document ids per query for their sub-criteria and files


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
    files: tuple[FileInfo, ...] = ()  # empty in RegisterIndex rows: see document_row
    file_count: int = 0
    search_text: str = field(default="", repr=False, compare=False)  # folded, for RegisterIndex
    # "signed" (a file carries a digital signature), "unsigned_pdf" (PDFs, none signed),
    # "unknown" (a PDF not read yet), "" (no PDF)
    signature: str = ""
    signed_by: str = ""

    @property
    def status(self) -> str:
        if not self.codes:
            return "unlinked"
        if not (self.number and self.issue_date and self.file_count):
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
    signature: str = ""  # one of SIGNATURE_LABELS


def _doc_select(flt: RegisterFilter) -> Select:
    d = EvidenceDocument
    q = select(
        d.id,
        d.year,
        d.number,
        type_coerce(d.issue_date, String),  # ISO text: date.fromisoformat is faster
        d.kind,
        d.summary,
        d.issuer,
        d.signer,
        d.responsible,
        d.note,
        d.search_text,
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


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Building tens of thousands of small objects triggers the cyclic garbage collector
    over and over (it doubles the time); nothing built here forms cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _fetch(session: Session, flt: RegisterFilter, *, with_files: bool = True) -> list[RegisterRow]:
    """The rows; ``with_files=False`` gives only each document's file count (the register
    table shows no more; the selected document's files come from ``document_row``)."""
    conn = session.connection()
    docs = conn.execute(_doc_select(flt)).all()
    ids = [r[0] for r in docs]
    if not ids:
        return []
    link_q = select(EvidenceLink.document_id, CatalogNode.code, CatalogNode.position).join(
        CatalogNode, CatalogNode.id == EvidenceLink.node_id
    )
    if with_files:
        file_q = select(
            EvidenceFile.document_id,
            EvidenceFile.position,
            EvidenceFile.id,
            EvidenceFile.original_name,
            EvidenceFile.sha256,
            Blob.size,
        ).join(Blob, Blob.sha256 == EvidenceFile.sha256)
    else:
        file_q = select(EvidenceFile.document_id, func.count()).group_by(EvidenceFile.document_id)
    f = EvidenceFile
    is_pdf = func.lower(f.original_name).like("%.pdf")
    sig_q = select(
        f.document_id,
        func.max(case((f.signed.is_(True), 1), else_=0)),
        func.sum(case((and_(is_pdf, f.signed.is_(False)), 1), else_=0)),
        func.sum(case((and_(is_pdf, f.signed.is_(None)), 1), else_=0)),
        func.max(case((f.signed.is_(True), f.signed_by), else_="")),
    ).group_by(f.document_id)
    with _gc_paused():
        links: list = []
        files: list = []
        sigs: dict[int, tuple[str, str]] = {}
        for part in _chunks(ids):  # by id, a chunk at a time: index lookups only
            links += conn.execute(link_q.where(EvidenceLink.document_id.in_(part))).all()
            files += conn.execute(file_q.where(EvidenceFile.document_id.in_(part))).all()
            for doc_id, signed, unsigned, unknown, by in conn.execute(
                sig_q.where(f.document_id.in_(part))
            ):
                if signed:
                    sigs[doc_id] = ("signed", by or "")
                elif unknown:
                    sigs[doc_id] = ("unknown", "")
                elif unsigned:
                    sigs[doc_id] = ("unsigned_pdf", "")
        links.sort(key=itemgetter(2))
        codes: dict[int, list[str]] = defaultdict(list)
        for doc_id, code, _pos in links:
            codes[doc_id].append(code)
        infos: dict[int, list[FileInfo]] = defaultdict(list)
        if with_files:
            files.sort(key=itemgetter(1, 2))
            for doc_id, _pos, *info in files:
                infos[doc_id].append(FileInfo(*info))
            counts = {doc_id: len(found) for doc_id, found in infos.items()}
        else:
            counts = dict(files)
        iso = date.fromisoformat
        return [
            RegisterRow(
                i,
                year,
                number,
                iso(when) if when else None,
                kind,
                summary,
                issuer,
                signer,
                responsible,
                note,
                tuple(codes[i]) if i in codes else (),
                tuple(infos[i]) if i in infos else (),
                counts.get(i, 0),
                search_text,
                *sigs.get(i, ("", "")),
            )
            for i, year, number, when, kind, summary, issuer, signer, responsible, note, search_text in docs
        ]


def _check_sort(sort: str, status: str) -> None:
    if sort not in SORT_KEYS:
        raise ValidationError(f"Không sắp xếp được theo “{sort}” ({', '.join(SORT_KEYS)}).")
    if status and status not in STATUS_LABELS:
        raise ValidationError(f"Trạng thái “{status}” không hợp lệ.")


def list_register(
    session: Session, flt: RegisterFilter, *, sort: str = "date", descending: bool = False
) -> list[RegisterRow]:
    """The register rows matching ``flt``, sorted (Vietnamese letter order for text).

    One query for the documents, one for their sub-criteria, one for their files. For a
    screen that filters the same year again and again, ``RegisterIndex`` is faster.
    """
    _check_sort(sort, flt.status)
    rows = _fetch(session, flt)
    if flt.status:
        rows = [r for r in rows if r.status == flt.status]
    if flt.signature:
        rows = [r for r in rows if r.signature == flt.signature]
    rows.sort(key=register_sort_key(sort), reverse=descending)
    return rows


class RegisterIndex:
    """A year's register held in memory for the register screen.

    Typing in the search box or changing a filter runs ``query`` over the rows already
    loaded (a few milliseconds for 20,000 documents) instead of asking the database
    again. Rebuild it with ``load`` after any change to the year's documents.
    """

    def __init__(self, year: int, rows: list[RegisterRow]) -> None:
        self.year = year
        self.rows = rows
        self._orders: dict[tuple[str, bool], tuple[list[RegisterRow], list[str]]] = {}

    @classmethod
    def load(cls, session: Session, year: int) -> RegisterIndex:
        """Rows carry ``file_count`` but not ``files`` (see ``document_row``)."""
        return cls(year, _fetch(session, RegisterFilter(year=year), with_files=False))

    def __len__(self) -> int:
        return len(self.rows)

    def _ordered(self, sort: str, descending: bool) -> tuple[list[RegisterRow], list[str]]:
        key = (sort, descending)
        if key not in self._orders:
            rows = sorted(self.rows, key=register_sort_key(sort), reverse=descending)
            self._orders[key] = rows, [r.search_text for r in rows]
        return self._orders[key]

    def query(
        self, flt: RegisterFilter, *, sort: str = "date", descending: bool = False
    ) -> list[RegisterRow]:
        """The same answer as ``list_register`` (``node_id`` aside: filter by ``code``)."""
        _check_sort(sort, flt.status)
        if flt.year != self.year:
            raise ValidationError(f"Sổ đang mở là năm {self.year}, không phải năm {flt.year}.")
        rows, texts = self._ordered(sort, descending)
        words = fold(flt.search).split()
        if words:  # the first word over the cached texts: no attribute look-ups
            first = words.pop(0)
            rows = [r for r, t in zip(rows, texts, strict=True) if first in t]
        for word in words:
            rows = [r for r in rows if word in r.search_text]
        if flt.kind:
            rows = [r for r in rows if r.kind == flt.kind]
        if flt.responsible:
            rows = [r for r in rows if r.responsible == flt.responsible]
        if flt.ids:
            wanted = set(flt.ids)
            rows = [r for r in rows if r.id in wanted]
        if flt.code:
            code = normalize_code(flt.code)
            below = code + "."
            rows = [r for r in rows if any(c == code or c.startswith(below) for c in r.codes)]
        if flt.status:
            rows = [r for r in rows if r.status == flt.status]
        if flt.signature:
            rows = [r for r in rows if r.signature == flt.signature]
        return list(rows)


def register_sort_key(sort: str):
    """The key ordering register rows by ``sort`` (one of ``SORT_KEYS``), as the register
    screen's columns sort too: dates with undated first, numbers by their leading number,
    text in Vietnamese letter order."""
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
