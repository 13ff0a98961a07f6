"""The evidence index (Danh mục tài liệu kiểm chứng) for the appraisal team: per
sub-criterion in catalog order, each document's number, date, summary, issuer and file
names; sub-criteria without a document say so. As .docx (A4 landscape, header row repeated
on every page) and .xlsx (the same columns, printable)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db.models import EvidenceDocument, EvidenceLink
from desktop.core.catalog import catalog_info
from desktop.core.docx_common import (
    FONT,
    cant_split,
    fill_cell,
    repeat_as_header,
    set_run_font,
    write_atomic,
)
from desktop.core.errors import ValidationError
from desktop.core.profile import get_profile
from desktop.core.vnformat import format_date

COLUMNS = (
    "STT",
    "Tiêu chí",
    "Nội dung tiêu chí",
    "Số, ký hiệu",
    "Ngày ban hành",
    "Trích yếu",
    "Cơ quan ban hành",
    "Tệp đính kèm",
)
DOCX_WIDTHS_MM = (12, 18, 48, 28, 22, 58, 32, 42)
XLSX_WIDTHS = (6, 9, 40, 18, 12, 50, 24, 34)
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


def evidence_index(session: Session, year: int) -> EvidenceIndex:
    cat = catalog_info(session, year)
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
                )
            )
    return out


def export_evidence_index(index: EvidenceIndex, path: Path) -> Path:
    suffix = path.suffix.lower()
    if suffix == ".docx":
        doc = build_docx(index)
        write_atomic(path, lambda tmp: doc.save(str(tmp)))
    elif suffix == ".xlsx":
        wb = build_xlsx(index)
        write_atomic(path, lambda tmp: wb.save(str(tmp)))
    else:
        raise ValidationError(
            f"Không xuất được danh mục ra “{path.name}”: chỉ hỗ trợ tệp .docx hoặc .xlsx."
        )
    return path


def _centered(doc, text: str, size: float, *, bold=False, italic=False, after: float = 0):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(after)
    set_run_font(p.add_run(text), size, bold=bold, italic=italic)


def build_docx(index: EvidenceIndex):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    s = doc.sections[0]
    s.orientation = WD_ORIENT.LANDSCAPE
    s.page_width, s.page_height = Mm(297), Mm(210)
    s.top_margin = s.bottom_margin = Mm(20)
    s.left_margin, s.right_margin = Mm(20), Mm(15)
    _centered(doc, index.title, 14, bold=True)
    if index.unit:
        _centered(doc, f"({index.unit})", 13, italic=True, after=10)
    table = doc.add_table(rows=1 + len(index.rows), cols=len(COLUMNS))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for i, width in enumerate(DOCX_WIDTHS_MM):
        table.columns[i].width = Mm(width)
        for cell in table.columns[i].cells:
            cell.width = Mm(width)
    header = table.rows[0]
    repeat_as_header(header)
    cant_split(header)
    for i, name in enumerate(COLUMNS):
        fill_cell(header.cells[i], name, TABLE_PT, center=True, bold=True)
    for r, row in enumerate(index.rows, start=1):
        cells = table.rows[r].cells
        cant_split(table.rows[r])
        if row.kind == "area":
            merged = cells[1].merge(cells[-1])
            fill_cell(cells[0], "", TABLE_PT, center=True)
            fill_cell(merged, f"{row.code}. {row.title}", TABLE_PT, center=False, bold=True)
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
    last = get_column_letter(len(COLUMNS))
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws["A1"] = index.title
    ws["A1"].font = Font(name=FONT, size=14, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.merge_cells(f"A1:{last}1")
    ws["A2"] = f"({index.unit})" if index.unit else None
    ws["A2"].font = Font(name=FONT, size=13, italic=True)
    ws["A2"].alignment = Alignment(horizontal="center")
    ws.merge_cells(f"A2:{last}2")
    head = 4
    for i, (name, width) in enumerate(zip(COLUMNS, XLSX_WIDTHS, strict=True), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
        c = ws.cell(row=head, column=i, value=name)
        c.font = Font(name=FONT, size=TABLE_PT, bold=True)
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = border
    area_fill = PatternFill("solid", fgColor="EDEDED")
    for offset, row in enumerate(index.rows, start=1):
        r = head + offset
        values = row.cells() if row.kind != "area" else ("", f"{row.code}. {row.title}")
        for i in range(len(COLUMNS)):
            text = values[i] if i < len(values) else ""
            c = ws.cell(row=r, column=i + 1, value=text or None)
            c.font = Font(
                name=FONT,
                size=TABLE_PT,
                bold=row.kind == "area",
                italic=row.kind == "missing" and i == 5,
            )
            c.alignment = Alignment(
                horizontal="center" if i in CENTERED else "left", vertical="top", wrap_text=True
            )
            c.border = border
            if row.kind == "area":
                c.fill = area_fill
        if row.kind == "area":
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=len(COLUMNS))
    ws.freeze_panes = ws.cell(row=head + 1, column=1)
    ws.print_title_rows = f"{head}:{head}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "Trang &P/&N"
    return wb
