"""The evidence index (Danh mục tài liệu kiểm chứng) for the appraisal team: per
sub-criterion in catalog order, each document's number, date, summary, issuer and file
names, and what the pre-upload checks still find about it; sub-criteria without a document
say so. As .docx (A4 landscape, header row repeated on every page, page numbers, an area's
heading kept with its first row) and .xlsx (the same columns, printable)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db.models import EvidenceDocument, EvidenceLink
from desktop.core.catalog.store import catalog_info
from desktop.core.office.docx_common import (
    FONT,
    cant_split,
    centered,
    export_docx_or_xlsx,
    fill_cell,
    grid_table,
    landscape_document,
)
from desktop.core.office.vnformat import format_date
from desktop.core.office.xlsx_common import BORDER, header_row, print_landscape, title_row
from desktop.core.years.profile import get_profile

if TYPE_CHECKING:
    from db.filestore import FileStore

COLUMNS = (
    "STT",
    "Tiêu chí",
    "Nội dung tiêu chí",
    "Số, ký hiệu",
    "Ngày ban hành",
    "Trích yếu",
    "Cơ quan ban hành",
    "Tệp đính kèm",
    "Kết quả kiểm tra",
)
DOCX_WIDTHS_MM = (10, 16, 42, 26, 20, 50, 28, 34, 36)  # 262 = 297 − 20 − 15
XLSX_WIDTHS = (6, 9, 40, 18, 12, 50, 24, 34, 30)
CENTERED = {0, 1, 4}
TABLE_PT = 11
NO_DOCUMENT = "Chưa có tài liệu kiểm chứng"


@dataclass(frozen=True)
class IndexRow:
    kind: str  # area | document | missing
    code: str
    title: str
    number: str = ""
    issue_date: str = ""
    summary: str = ""
    issuer: str = ""
    files: str = ""
    stt: str = ""
    findings: str = ""  # the document's open check findings, one per line

    def cells(self) -> tuple[str, ...]:
        return (
            self.stt,
            self.code,
            self.title,
            self.number,
            self.issue_date,
            self.summary,
            self.issuer,
            self.files,
            self.findings,
        )


@dataclass
class EvidenceIndex:
    year: int
    title: str
    unit: str
    rows: list[IndexRow] = field(default_factory=list)

    @property
    def document_count(self) -> int:
        return len({(r.number, r.summary) for r in self.rows if r.kind == "document"})

    @property
    def missing_count(self) -> int:
        return sum(1 for r in self.rows if r.kind == "missing")


def open_findings(session: Session, store: FileStore, year: int) -> dict[int, list[str]]:
    """Per document, what the pre-upload checks still find (dismissed findings left out)."""
    from desktop.core.evidence.checks import FINDING_KINDS, run_checks

    out: dict[int, list[str]] = {}
    for f in run_checks(session, store, year).findings:
        if f.evidence_id is not None and f.scope == "document":
            label = FINDING_KINDS[f.kind][1]
            if label not in out.setdefault(f.evidence_id, []):
                out[f.evidence_id].append(label)
    return out


def evidence_index(session: Session, year: int, store: FileStore | None = None) -> EvidenceIndex:
    """The year's index; with the file store, each document's open check findings too."""
    cat = catalog_info(session, year)
    findings = open_findings(session, store, year) if store is not None else {}
    profile = get_profile(session)
    unit = f"UBND {profile.unit_kind} {profile.commune_name}" if profile else ""
    ids = [n.id for n in cat.nodes]
    docs_by_node: dict[int, list[EvidenceDocument]] = {}
    stmt = (
        select(EvidenceLink)
        .where(EvidenceLink.node_id.in_(ids))
        .options(selectinload(EvidenceLink.document).selectinload(EvidenceDocument.files))
    )
    for link in session.scalars(stmt):
        docs_by_node.setdefault(link.node_id, []).append(link.document)
    out = EvidenceIndex(
        year, f"DANH MỤC TÀI LIỆU KIỂM CHỨNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year}", unit
    )
    n = 0
    for node in cat.nodes:
        if node.level == 1:
            out.rows.append(IndexRow("area", node.code, node.title.upper()))
            continue
        docs = sorted(
            docs_by_node.get(node.id, []),
            key=lambda d: (d.issue_date is None, d.issue_date, d.number),
        )
        if not node.is_leaf and not docs:
            continue  # a criterion: its sub-criteria carry the documents
        if not docs:
            if node.self_scored:
                n += 1
                out.rows.append(
                    IndexRow("missing", node.code, node.title, summary=NO_DOCUMENT, stt=str(n))
                )
            continue
        for i, d in enumerate(docs):
            n += 1
            out.rows.append(
                IndexRow(
                    "document",
                    node.code if i == 0 else "",
                    node.title if i == 0 else "",
                    d.number,
                    format_date(d.issue_date),
                    d.summary,
                    d.issuer,
                    "\n".join(f.original_name for f in d.files),
                    str(n),
                    "\n".join(findings.get(d.id, [])),
                )
            )
    return out


def export_evidence_index(index: EvidenceIndex, path: Path) -> Path:
    return export_docx_or_xlsx(
        path, lambda: build_docx(index), lambda: build_xlsx(index), "danh mục"
    )


def build_docx(index: EvidenceIndex):
    doc = landscape_document(title=index.title, author=index.unit)
    centered(doc, index.title, 14, bold=True)
    if index.unit:
        centered(doc, f"({index.unit})", 13, italic=True, after=10)
    table = grid_table(doc, COLUMNS, DOCX_WIDTHS_MM, len(index.rows), TABLE_PT)
    rows = list(table.rows)  # once: table.rows[r] walks the table from the top each time
    for tr, row in zip(rows[1:], index.rows, strict=True):
        cells = tr.cells
        cant_split(tr)
        if row.kind == "area":
            merged = cells[1].merge(cells[-1])
            fill_cell(cells[0], "", TABLE_PT, center=True)
            fill_cell(merged, f"{row.code}. {row.title}", TABLE_PT, center=False, bold=True)
            for cell in (cells[0], merged):  # never alone at the foot of a page
                for p in cell.paragraphs:
                    p.paragraph_format.keep_with_next = True
            continue
        for i, text in enumerate(row.cells()):
            fill_cell(cells[i], text, TABLE_PT, center=i in CENTERED)
            if row.kind == "missing" and i == 5:
                for run in cells[i].paragraphs[0].runs:
                    run.italic = True
    return doc


def build_xlsx(index: EvidenceIndex) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = f"Danh mục TLKC {index.year}"
    ncols = len(COLUMNS)
    title_row(ws, 1, index.title, ncols, 14, bold=True)
    title_row(ws, 2, f"({index.unit})" if index.unit else None, ncols, 13, italic=True)
    head = 4
    header_row(ws, head, COLUMNS, XLSX_WIDTHS, TABLE_PT)
    area_fill = PatternFill("solid", fgColor="EDEDED")
    # one style object per look, shared by the cells (thousands of rows are common)
    fonts = {
        (bold, italic): Font(name=FONT, size=TABLE_PT, bold=bold, italic=italic)
        for bold in (False, True)
        for italic in (False, True)
    }
    aligns = [
        Alignment(horizontal="center" if i in CENTERED else "left", vertical="top", wrap_text=True)
        for i in range(ncols)
    ]
    for offset, row in enumerate(index.rows, start=1):
        r = head + offset
        values = row.cells() if row.kind != "area" else ("", f"{row.code}. {row.title}")
        for i in range(ncols):
            text = values[i] if i < len(values) else ""
            c = ws.cell(row=r, column=i + 1, value=text or None)
            c.font = fonts[row.kind == "area", row.kind == "missing" and i == 5]
            c.alignment = aligns[i]
            c.border = BORDER
            if row.kind == "area":
                c.fill = area_fill
        if row.kind == "area":
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=ncols)
    print_landscape(ws, head)
    return wb
