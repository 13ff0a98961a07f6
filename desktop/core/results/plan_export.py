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

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from desktop.core.office.docx_common import (
    cant_split,
    centered,
    export_docx_or_xlsx,
    fill_cell,
    grid_table,
    landscape_document,
)
from desktop.core.office.xlsx_common import (
    BORDER,
    EXCEL_MAX_ROW_PT,
    FONT,
    LINE_PT,
    chunks,
    header_row,
    print_landscape,
    title_row,
    wrap_lines,
)
from desktop.core.progress import NO_PROGRESS, Progress
from desktop.core.results.plan import PLAN_COLUMNS, NumberedRow, PlanInfo, numbered

# Widths in mm (sum 256 ≤ 297 − 20 − 15 − margins) and in Excel characters.
DOCX_WIDTHS_MM = (12, 30, 17, 21, 38, 61, 26, 28, 23)
XLSX_WIDTHS = (6, 22, 12, 12, 32, 50, 20, 22, 16)
CENTERED = {0, 2, 3, 8}  # STT, code, result, time
TABLE_PT = 12
CHARS_PER_MM = 0.45  # Times New Roman 12 pt, roughly
MAX_UNSPLIT_LINES = 24  # about three quarters of a landscape page
HEADER_ROW_XLSX = 4


def plan_warnings(plan: PlanInfo) -> list[str]:
    """What the plan still lacks: rows without a solution or a lead (said on screen and on
    stderr, never in the file)."""
    out = []
    for nr in numbered(plan.rows):
        r = nr.row
        what = [name for name, value in (("Giải pháp", r.solution), ("Cơ quan chủ trì", r.lead))
                if not value.strip()]  # fmt: skip
        if what:
            where = r.criterion or r.area_title
            out.append(f"Dòng “{where}” chưa có {' và '.join(what)}.")
    return out


def export_plan(plan: PlanInfo, path: Path, progress: Progress = NO_PROGRESS) -> Path:
    """Write ``path`` as .docx or .xlsx depending on its suffix."""
    progress.update(0, 0, f"Đang xuất {path.name}…")
    return export_docx_or_xlsx(path, lambda: build_docx(plan), lambda: build_xlsx(plan), "kế hoạch")


# --- DOCX -------------------------------------------------------------------------------


def _unit_of(plan: PlanInfo) -> str:
    """The commune named by the appendix line: ``… của UBND xã Đồng Tâm)``."""
    _, found, unit = plan.attachment_line.rpartition(" của ")
    return unit.rstrip(")").strip() if found else ""


def build_docx(plan: PlanInfo):
    doc = landscape_document(title=plan.title, author=_unit_of(plan))
    centered(doc, plan.title, 14, bold=True, after=2)
    if plan.attachment_line:
        centered(doc, plan.attachment_line, 13, italic=True, after=10)

    rows = numbered(plan.rows)
    table = grid_table(doc, PLAN_COLUMNS, DOCX_WIDTHS_MM, len(rows), TABLE_PT)
    trs = list(table.rows)  # once: table.rows[r] walks the table from the top each time
    for r, nr in enumerate(rows, start=1):
        if _docx_lines(nr.cells()) <= MAX_UNSPLIT_LINES:
            cant_split(trs[r])  # keep a row on one page, as long as it fits one
        cells = trs[r].cells
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


MAX_XLSX_LINES = (EXCEL_MAX_ROW_PT - 4) // LINE_PT  # 25 lines fit Excel's 409 pt


def sheet_rows(rows: list[NumberedRow]) -> list[tuple[NumberedRow, tuple[str, ...], int]]:
    """The sheet's rows: (plan row, cell texts, lines). A plan row whose text needs more
    lines than an Excel row can be high is split over rows that continue it (Excel cuts a
    row at 409 pt; the rest would never print)."""
    out = []
    for nr in rows:
        cells = nr.cells()
        pieces = [
            chunks(text, XLSX_WIDTHS[i], MAX_XLSX_LINES) if i != 1 else [text]
            for i, text in enumerate(cells)
        ]
        count = max(len(p) for p in pieces)
        for k in range(count):
            texts = tuple(p[k] if k < len(p) else "" for p in pieces)
            lines = max(
                len(wrap_lines(t, XLSX_WIDTHS[i])) if t else 1
                for i, t in enumerate(texts)
                if i != 1 or nr.group_size == 1
            )
            out.append((nr, texts, min(lines, MAX_XLSX_LINES)))
    return out


def build_xlsx(plan: PlanInfo) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = f"Kế hoạch khắc phục {plan.year}"
    ncols = len(PLAN_COLUMNS)
    border = BORDER
    title_row(ws, 1, plan.title, ncols, 14, bold=True)
    ws.row_dimensions[1].height = 40
    title_row(ws, 2, plan.attachment_line, ncols, 13, italic=True)
    header_row(ws, HEADER_ROW_XLSX, PLAN_COLUMNS, XLSX_WIDTHS, TABLE_PT)
    ws.row_dimensions[HEADER_ROW_XLSX].height = 48

    physical = sheet_rows(numbered(plan.rows))
    groups: list[tuple[int, int]] = []  # (first sheet row, rows) of each area group
    for offset, (nr, texts, lines) in enumerate(physical):
        r = HEADER_ROW_XLSX + 1 + offset
        first = offset == 0 or physical[offset - 1][0] is not nr
        if first and nr.group_size > 0:
            groups.append((r, 0))
        if groups:
            start, n = groups[-1]
            groups[-1] = (start, n + 1)
        for i, text in enumerate(texts):
            value = text if (first or i not in (0, 1)) else ""
            c = ws.cell(row=r, column=i + 1, value=value or None)
            c.font = Font(name=FONT, size=TABLE_PT)
            c.alignment = Alignment(
                horizontal="center" if i in CENTERED else "left",
                vertical="center" if i in (0, 1) else "top",
                wrap_text=True,
            )
            c.border = border
        ws.row_dimensions[r].height = min(LINE_PT * lines + 4, EXCEL_MAX_ROW_PT)
    for start, n in groups:
        if n > 1:
            for col in (1, 2):
                ws.merge_cells(
                    start_row=start, start_column=col, end_row=start + n - 1, end_column=col
                )
                for k in range(n):
                    ws.cell(row=start + k, column=col).border = border
        need = len(wrap_lines(ws.cell(row=start, column=2).value or "", XLSX_WIDTHS[1]))
        have = sum(ws.row_dimensions[start + k].height // LINE_PT for k in range(n))
        if need > have:  # the area's title needs more room than its rows give
            last = start + n - 1
            ws.row_dimensions[last].height = min(
                ws.row_dimensions[last].height + LINE_PT * (need - have), EXCEL_MAX_ROW_PT
            )

    print_landscape(ws, HEADER_ROW_XLSX)
    return wb


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
