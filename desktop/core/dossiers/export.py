"""Write a period's figures as form Biểu số 06/VPCP/KSTT (TT 01/2020/TT-VPCP) to .xlsx.

13 columns: STT | Lĩnh vực | received: Tổng số, Trực tuyến, Trực tiếp và dịch vụ bưu
chính, Từ kỳ trước | resolved: Tổng số, Trước hạn, Đúng hạn, Quá hạn | in progress:
Tổng số, Trong hạn, Quá hạn; one row per field, the total row first.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from base.errors import CchcError
from base.os_reason import os_reason
from desktop.core.dossiers.stats import DossierFigures

FORM_CODE = "Biểu số 06/VPCP/KSTT"
TITLE = (
    "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC"
)
GROUPS = (
    ("Số hồ sơ nhận giải quyết", 3, 6),
    ("Kết quả giải quyết", 7, 10),
    ("Số hồ sơ đang giải quyết", 11, 13),
)
SUB_HEADERS = (
    "Tổng số",
    "Trực tuyến",
    "Trực tiếp và dịch vụ bưu chính",
    "Từ kỳ trước",
    "Tổng số",
    "Trước hạn",
    "Đúng hạn",
    "Quá hạn",
    "Tổng số",
    "Trong hạn",
    "Quá hạn",
)
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_FONT = "Times New Roman"


def build_form06(figures: DossierFigures, unit_name: str = "") -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "Biểu 06"
    bold = Font(name=_FONT, bold=True, size=12)
    normal = Font(name=_FONT, size=12)
    ws["A1"] = unit_name.upper() if unit_name else ""
    ws["A1"].font = bold
    ws["K1"] = FORM_CODE
    ws["K1"].font = Font(name=_FONT, italic=True, size=11)
    for row, text, font in (
        (3, TITLE, bold),
        (4, f"(Kỳ báo cáo: {figures.period.title})", Font(name=_FONT, italic=True, size=12)),
        (5, "Đơn vị tính: Số hồ sơ TTHC", Font(name=_FONT, italic=True, size=11)),
    ):
        ws.cell(row, 1, text).font = font
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=13)
        ws.cell(row, 1).alignment = _CENTER
    top, sub = 7, 8
    for col, text in ((1, "STT"), (2, "Lĩnh vực, công việc giải quyết theo cấp")):
        ws.cell(top, col, text)
        ws.merge_cells(start_row=top, start_column=col, end_row=sub, end_column=col)
    for text, first, last in GROUPS:
        ws.cell(top, first, text)
        ws.merge_cells(start_row=top, start_column=first, end_row=top, end_column=last)
    for i, text in enumerate(SUB_HEADERS, start=3):
        ws.cell(sub, i, text)
    for col in range(1, 14):
        ws.cell(sub + 1, col, f"({col})")
    rows = [
        ("", "Tổng số", figures.total),
        *((str(i), f.field, f) for i, f in enumerate(figures.by_field, start=1)),
    ]
    for r, (stt, name, fig) in enumerate(rows, start=sub + 2):
        ws.cell(r, 1, stt)
        ws.cell(r, 2, name)
        for c, value in enumerate(fig.form06_cells(), start=3):
            ws.cell(r, c, value)
    last_row = sub + 1 + len(rows)
    for row in ws.iter_rows(min_row=top, max_row=last_row, max_col=13):
        for cell in row:
            cell.border = _BOX
            cell.font = bold if cell.row <= sub + 2 else normal
            if cell.column != 2 or cell.row <= sub + 1:
                cell.alignment = _CENTER
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 36
    for col in range(3, 14):
        ws.column_dimensions[get_column_letter(col)].width = 11
    ws.row_dimensions[sub].height = 48
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.print_title_rows = f"{top}:{sub + 1}"
    return wb


def write_form06(figures: DossierFigures, path: Path | str, unit_name: str = "") -> Path:
    """Save the table; written to a temporary file first so a failure leaves no half file."""
    path = Path(path)
    wb = build_form06(figures, unit_name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".bieu06-", suffix=".xlsx", dir=path.parent)
        os.close(fd)
        try:
            wb.save(tmp)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except PermissionError:
        raise CchcError(
            f"Không ghi được tệp {path.name}: tệp đang mở trong Excel hoặc thư mục không "
            "cho phép ghi. Hãy đóng tệp rồi thử lại."
        ) from None
    except OSError as exc:
        raise CchcError(f"Không ghi được tệp {path.name}: {os_reason(exc)}.") from None
    return path
