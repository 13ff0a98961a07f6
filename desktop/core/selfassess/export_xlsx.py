"""The self-assessment table as .xlsx, for portals that take a sheet.

One sheet: a title, the commune, the column headers (printed on every page), one row per
area / criterion / sub-criterion (areas bold on grey, criteria bold), scores as numbers so
they paste as numbers, the totals without and with bonus points below. Landscape A4 fitted
to the page width, page numbers in the footer.
"""

from __future__ import annotations

import math
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from desktop.core.office.docx_common import write_atomic
from desktop.core.office.xlsx_common import print_landscape
from desktop.core.progress import NO_PROGRESS, Progress
from desktop.core.selfassess.report import COLUMNS, ReportRow, SelfAssessmentReport

FONT = "Times New Roman"
HEADER_ROW = 4
SIZE = 11
AREA_FILL = PatternFill("solid", fgColor="D9D9D9")
_THIN = Side(style="thin")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def title_of(report: SelfAssessmentReport) -> str:
    return f"BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {report.year}"


def _cells(r: ReportRow) -> list:
    score: object = r.score_cell  # "Chưa chấm", never an empty cell read as 0
    if r.applicable and r.self_scored and r.self_score is not None:
        score = float(r.self_score)
    return [
        r.code,
        f"{r.title}\nCách tính: {r.rule}" if r.rule else r.title,
        float(r.max_points),
        r.declared if r.is_leaf else "",
        score,
        r.documents,
        r.remark,
    ]


def build_xlsx(report: SelfAssessmentReport) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = f"Tự đánh giá {report.year}"
    last = get_column_letter(len(COLUMNS))
    where = report.profile.place_line if report.profile else ""
    for row, text, size in ((1, title_of(report), 14), (2, where, 12)):
        c = ws.cell(row=row, column=1, value=text)
        c.font = Font(name=FONT, size=size, bold=row == 1, italic=row == 2)
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.merge_cells(f"A{row}:{last}{row}")
    ws.row_dimensions[1].height = 22
    for i, (name, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
        c = ws.cell(row=HEADER_ROW, column=i, value=name)
        c.font = Font(name=FONT, size=SIZE, bold=True)
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = BORDER
    ws.row_dimensions[HEADER_ROW].height = 32

    r = HEADER_ROW
    for row in report.rows:
        r += 1
        values = _cells(row)
        bold = row.level == 1 or (row.level == 2 and not row.bonus)
        for i, value in enumerate(values, start=1):
            c = ws.cell(row=r, column=i, value=value if value != "" else None)
            c.font = Font(name=FONT, size=SIZE, bold=bold)
            c.alignment = Alignment(
                horizontal="center" if i in (1, 3, 4, 5) else "left",
                vertical="top",
                wrap_text=True,
            )
            c.border = BORDER
            if row.level == 1:
                c.fill = AREA_FILL
        ws.row_dimensions[r].height = 15 * _lines(values) + 3
    for label, value in report.total_lines():
        r += 1
        ws.cell(row=r, column=1, value=label)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        ws.cell(row=r, column=5, value=value)
        for i in range(1, len(COLUMNS) + 1):
            c = ws.cell(row=r, column=i)
            c.font = Font(name=FONT, size=SIZE, bold=True)
            c.alignment = Alignment(
                horizontal="center" if i == 5 else "left", vertical="center", wrap_text=True
            )
            c.border = BORDER
        ws.row_dimensions[r].height = 30

    print_landscape(ws, HEADER_ROW, freeze_column=3)
    return wb


def _lines(values: list) -> int:
    """Text lines the row needs (Excel does not grow wrapped rows by itself)."""
    most = 1
    for (_name, width), value in zip(COLUMNS, values, strict=True):
        if isinstance(value, str) and value:
            usable = max(width - 2, 1)
            n = sum(max(1, math.ceil(len(part) / usable)) for part in value.split("\n"))
            most = max(most, n)
    return most


def write_xlsx(report: SelfAssessmentReport, path: Path, progress: Progress = NO_PROGRESS) -> Path:
    progress.update(0, 0, f"Đang ghi {path.name}…")
    wb = build_xlsx(report)
    write_atomic(path, lambda tmp: wb.save(str(tmp)))
    return path


def xlsx_bytes(report: SelfAssessmentReport) -> bytes:
    """The workbook in memory (the copy kept when a round is submitted)."""
    buf = BytesIO()
    build_xlsx(report).save(buf)
    return buf.getvalue()
