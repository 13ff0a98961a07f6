"""The remediation plan as a DOCX appendix and as an .xlsx, in seed 004's columns.

DOCX: A4 landscape, Times New Roman, the heading "NỘI DUNG PHÂN CÔNG NHIỆM VỤ KHẮC PHỤC
..." and "(Kèm theo ...)", one table whose header row repeats on every page, STT and
"Nội dung" merged down each area group. XLSX: the same columns, wrapped text, borders,
landscape A4 fitted to the page width with the header row printed on every page.
Files are written to a temporary name and renamed, so a failed export leaves no half file.
"""

from __future__ import annotations

import math
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from desktop.core.docx_common import (
    FONT,
    cant_split,
    fill_cell,
    repeat_as_header,
    set_run_font,
    write_atomic,
)
from desktop.core.errors import ValidationError
from desktop.core.progress import NO_PROGRESS, Progress
from desktop.core.remediation import PLAN_COLUMNS, NumberedRow, PlanInfo, numbered

# Widths in mm (sum 256 ≤ 297 − 20 − 15 − margins) and in Excel characters.
DOCX_WIDTHS_MM = (12, 30, 17, 21, 38, 61, 26, 28, 23)
XLSX_WIDTHS = (6, 22, 12, 12, 32, 50, 20, 22, 16)
CENTERED = {0, 2, 3, 8}  # STT, code, result, time
TABLE_PT = 12
CHARS_PER_MM = 0.45  # Times New Roman 12 pt, roughly
MAX_UNSPLIT_LINES = 24  # about three quarters of a landscape page
HEADER_ROW_XLSX = 4


def export_plan(plan: PlanInfo, path: Path, progress: Progress = NO_PROGRESS) -> Path:
    """Write ``path`` as .docx or .xlsx depending on its suffix."""
    suffix = path.suffix.lower()
    progress.update(0, 0, f"Đang xuất {path.name}…")
    if suffix == ".docx":
        write_atomic(path, lambda tmp: build_docx(plan).save(str(tmp)))
    elif suffix == ".xlsx":
        write_atomic(path, lambda tmp: build_xlsx(plan).save(str(tmp)))
    else:
        raise ValidationError(
            f"Không xuất được kế hoạch ra “{path.name}”: chỉ hỗ trợ tệp .docx hoặc .xlsx."
        )
    return path


# --- DOCX -------------------------------------------------------------------------------


def _paragraph(doc, text: str, size: float, *, bold=False, italic=False, after: float = 0):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(after)
    set_run_font(p.add_run(text), size, bold=bold, italic=italic)
    return p


def build_docx(plan: PlanInfo):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(20), Mm(15)

    _paragraph(doc, plan.title, 14, bold=True, after=2)
    if plan.attachment_line:
        _paragraph(doc, plan.attachment_line, 13, italic=True, after=10)

    rows = numbered(plan.rows)
    table = doc.add_table(rows=1 + len(rows), cols=len(PLAN_COLUMNS))
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
    for i, name in enumerate(PLAN_COLUMNS):
        cell = header.cells[i]
        fill_cell(cell, name, TABLE_PT, center=True, bold=True)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for r, nr in enumerate(rows, start=1):
        if _docx_lines(nr.cells()) <= MAX_UNSPLIT_LINES:
            cant_split(table.rows[r])  # keep a row on one page, as long as it fits one
        cells = table.rows[r].cells
        for i, text in enumerate(nr.cells()):
            fill_cell(cells[i], text, TABLE_PT, center=i in CENTERED)
            cells[i].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for r, nr in enumerate(rows, start=1):
        if nr.group_size > 1:
            for col in (0, 1):
                top = table.cell(r, col)
                merged = top.merge(table.cell(r + nr.group_size - 1, col))
                text = nr.cells()[col]
                fill_cell(merged, text, TABLE_PT, center=col in CENTERED)
                merged.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    return doc


# --- XLSX -------------------------------------------------------------------------------


def build_xlsx(plan: PlanInfo) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = f"Kế hoạch khắc phục {plan.year}"
    ncols = len(PLAN_COLUMNS)
    last = get_column_letter(ncols)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)

    ws["A1"] = plan.title
    ws["A1"].font = Font(name=FONT, size=14, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 40
    ws["A2"] = plan.attachment_line
    ws["A2"].font = Font(name=FONT, size=13, italic=True)
    ws["A2"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.merge_cells(f"A2:{last}2")

    for i, (name, width) in enumerate(zip(PLAN_COLUMNS, XLSX_WIDTHS, strict=True), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
        c = ws.cell(row=HEADER_ROW_XLSX, column=i, value=name)
        c.font = Font(name=FONT, size=TABLE_PT, bold=True)
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = border
    ws.row_dimensions[HEADER_ROW_XLSX].height = 48

    rows = numbered(plan.rows)
    heights = _xlsx_row_lines(rows)
    for offset, nr in enumerate(rows):
        r = HEADER_ROW_XLSX + 1 + offset
        for i, text in enumerate(nr.cells()):
            c = ws.cell(row=r, column=i + 1, value=text or None)
            c.font = Font(name=FONT, size=TABLE_PT)
            c.alignment = Alignment(
                horizontal="center" if i in CENTERED else "left",
                vertical="center" if i in (0, 1) else "top",
                wrap_text=True,
            )
            c.border = border
        ws.row_dimensions[r].height = 16 * heights[offset] + 4
    for offset, nr in enumerate(rows):
        if nr.group_size > 1:
            r = HEADER_ROW_XLSX + 1 + offset
            for col in (1, 2):
                ws.merge_cells(
                    start_row=r, start_column=col, end_row=r + nr.group_size - 1, end_column=col
                )
                for k in range(nr.group_size):
                    ws.cell(row=r + k, column=col).border = border

    ws.freeze_panes = ws.cell(row=HEADER_ROW_XLSX + 1, column=1)
    ws.print_title_rows = f"{HEADER_ROW_XLSX}:{HEADER_ROW_XLSX}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "Trang &P/&N"
    return wb


def _xlsx_row_lines(rows: list[NumberedRow]) -> list[int]:
    """Text lines per row (Excel does not grow wrapped rows by itself); a merged area title
    gets the lines it needs spread over its group."""
    out = []
    for nr in rows:
        cells = nr.cells()
        out.append(
            max(
                _lines(text, XLSX_WIDTHS[i])
                for i, text in enumerate(cells)
                if i != 1 or nr.group_size == 1
            )
        )
    for k, nr in enumerate(rows):
        if nr.group_size > 1:
            need = _lines(nr.cells()[1], XLSX_WIDTHS[1])
            have = sum(out[k : k + nr.group_size])
            if need > have:
                out[k] += need - have
    return out


def _docx_lines(cells: tuple[str, ...]) -> int:
    return max(
        _lines(text, int(width * CHARS_PER_MM))
        for i, (text, width) in enumerate(zip(cells, DOCX_WIDTHS_MM, strict=True))
        if i != 1
    )


def _lines(text: str, width_chars: int) -> int:
    if not text:
        return 1
    usable = max(width_chars - 1, 1)
    return sum(max(1, math.ceil(len(part) / usable)) for part in text.split("\n"))
