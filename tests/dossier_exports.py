"""Portal exports built for the dossier tests, each shaped like a different province's.

The figures the tests expect were counted by hand from these rows (see the comments).
Period used: ND 09 Q1 2023 = 15/12/2022 – 14/03/2023.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

# --- export 1: title rows, a merged two-row header with STT, text dates, channel words ----
# code, procedure, field, channel, received, due, result, status, digitised, result digitised
# fmt: off
EXPORT1_ROWS = [
    # carried over (received before 15/12), no result, due 14/12 -> in progress, overdue
    ("A01", "Đăng ký khai sinh", "Hộ tịch", "Trực tuyến", "10/12/2022 08:00:00", "14/12/2022", None, "Đang xử lý", "x", None),
    # carried over, result 16/12 16:00 before due 16/12 17:00 the same day -> on due
    ("A02", "Đăng ký kết hôn", "Hộ tịch", "Trực tiếp", "12/12/2022 09:00:00", "16/12/2022 17:00:00", "16/12/2022 16:00:00", "Đã trả kết quả", "x", "x"),
    # resolved before the period: not counted at all
    ("A03", "Chứng thực chữ ký", "Chứng thực", "Trực tiếp", "01/12/2022 08:00:00", "05/12/2022", "03/12/2022 10:00:00", "Đã trả kết quả", None, None),
    # first moment of the period, postal, before due
    ("A04", "Đăng ký khai tử", "Hộ tịch", "Dịch vụ bưu chính công ích", "15/12/2022 00:00:00", "20/12/2022", "19/12/2022 10:00:00", "Đã trả kết quả", "x", None),
    # 02/01 is the 2nd of January; result 09:30 after due 08:00 the same day -> late
    ("A05", "Cấp giấy chứng nhận QSDĐ", "Đất đai", "Trực tuyến", "02/01/2023 10:00:00", "05/01/2023 08:00:00", "05/01/2023 09:30:00", "Đã trả kết quả", None, "x"),
    # cancelled, no result -> withdrawn
    ("A06", "Đăng ký biến động đất đai", "Đất đai", "Trực tuyến", "13/01/2023 14:00:00", "20/01/2023", None, "Đã hủy", None, None),
    # due without a time = end of that day -> on due; e-certified copy
    ("A07", "Chứng thực bản sao điện tử từ bản chính", "Chứng thực", "Trực tiếp", "05/02/2023 08:00:00", "05/02/2023", "05/02/2023 16:45:00", "Đã trả kết quả", "x", "x"),
    # listed twice (see below): the later row with a result is the newer information
    ("A08", "Đăng ký khai sinh", "Hộ tịch", "Trực tuyến", "10/03/2023 08:00:00", "20/03/2023", None, "Đang xử lý", None, None),
    # last moment of the period; result after it -> in progress, due 16/03 -> in time
    ("A09", "Đăng ký khai sinh", "Hộ tịch", "Trực tuyến", "14/03/2023 23:59:59", "16/03/2023", "15/03/2023 09:00:00", "Đã trả kết quả", None, None),
    # after the period
    ("A10", "Đăng ký khai sinh", "Hộ tịch", "Trực tiếp", "15/03/2023 00:00:00", "18/03/2023", None, "Đang xử lý", None, None),
    # in progress, due 22/02 -> overdue
    ("A11", "Chứng thực chữ ký", "Chứng thực", "Trực tiếp", "20/02/2023 10:00:00", "22/02/2023", None, "Đang xử lý", None, None),
    # withdrawn before the period: never carried over
    ("A12", "Đăng ký kết hôn", "Hộ tịch", "Trực tiếp", "10/11/2022 08:00:00", "15/11/2022", None, "Rút hồ sơ", None, None),
    # refused at the desk: not a received dossier
    ("A13", "Hòa giải", "Tư pháp", "Trực tiếp", "10/01/2023 08:00:00", "20/01/2023", None, "Không được tiếp nhận", None, None),
    # no code -> skipped and listed
    (None, "Đăng ký khai sinh", "Hộ tịch", "Trực tiếp", "11/01/2023 08:00:00", "13/01/2023", None, "Đang xử lý", None, None),
    # impossible received date -> skipped and listed
    ("A15", "Đăng ký khai sinh", "Hộ tịch", "Trực tiếp", "31/02/2023", "03/03/2023", None, "Đang xử lý", None, None),
    # A08 again, now resolved 12/03 (before due 20/03)
    ("A08", "Đăng ký khai sinh", "Hộ tịch", "Trực tuyến", "10/03/2023 08:00:00", "20/03/2023", "12/03/2023 10:00:00", "Đã trả kết quả", None, None),
]
# fmt: on

# Hand-counted ND 09 Q1 2023 figures of export 1 alone.
EXPORT1_Q1 = {
    "received": {"total": 9, "new": 7, "online": 4, "direct": 2, "postal": 1, "carried_over": 2},
    "resolved": {"total": 5, "on_time": 4, "before_due": 2, "late": 1, "late_percent": 20.0},
    "in_progress": {"total": 3, "in_time": 1, "overdue": 2},
    "withdrawn": 1,
}


def write_export1(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws["A1"] = "UBND XÃ ĐỒNG TÂM"
    ws["A2"] = "DANH SÁCH HỒ SƠ TIẾP NHẬN"
    ws["A3"] = "Từ ngày 01/12/2022 đến ngày 15/03/2023"
    top = [
        "STT",
        "Mã hồ sơ",
        "Tên thủ tục",
        "Lĩnh vực",
        "Hình thức nộp",
        "Thời gian",
        None,
        None,
        "Trạng thái",
        "Số hóa",
        None,
    ]
    sub = [
        None,
        None,
        None,
        None,
        None,
        "Tiếp nhận",
        "Hẹn trả",
        "Có kết quả",
        None,
        "Hồ sơ",
        "Kết quả",
    ]
    ws.append([])
    ws.append(top)
    ws.append(sub)
    for col in "ABCDEI":
        ws.merge_cells(f"{col}5:{col}6")
    ws.merge_cells("F5:H5")
    ws.merge_cells("J5:K5")
    for n, row in enumerate(EXPORT1_ROWS, start=1):
        ws.append([n, *row])
    ws.append(["Tổng cộng", None, None, None, None, len(EXPORT1_ROWS)])
    ws.append([])
    ws.append([None, "NGƯỜI LẬP BIỂU", None, None, None, "Đồng Tâm, ngày 15 tháng 3 năm 2023"])
    ws.append([None, "Trần Thị B"])
    wb.save(path)
    return path


# --- export 2: NFD / upper / no-diacritics headers on one row with line breaks, channel
# codes 1/2/3, Excel dates, serial numbers, dd-mm-yyyy and yyyy-mm-dd text, payment. ----
def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


EXPORT2_HEADER = [
    _nfd("Số\nhồ sơ"),
    "thu tuc hanh chinh",
    "LĨNH VỰC",
    _nfd("Kênh  nộp"),
    "Thời gian\ntiếp nhận",
    "han xu ly",
    _nfd("Ngày hoàn thành"),
    "Tình trạng",
    "Thanh toán trực tuyến",
    "Mức độ",
]
# fmt: off
EXPORT2_ROWS = [
    # online, Excel datetime; due as a serial (6/1/2023); result the due day -> on due
    ("B01", "Đăng ký khai sinh", "Hộ tịch", 2, datetime(2023, 1, 3, 9, 15), 44932, "2023-01-06 08:00", "Đã trả kết quả", "Đã thanh toán", "Toàn trình"),
    # direct, dd-mm-yyyy text (7 February), in progress, due 17/02 -> overdue
    ("B02", "Cấp giấy chứng nhận QSDĐ", "Đất đai", 1, "07-02-2023", "17-02-2023", None, "Đang xử lý", "Chưa thanh toán", None),
    # postal, 11/01 is the 11th of January, result the day before due -> before due
    ("B03", "Chứng thực chữ ký", "Chứng thực", 3, "11/01/2023 14:20", "13/01/2023 17:00", "12/01/2023 10:00:00", "Đã trả kết quả", None, "Một phần"),
    # A01 again, now resolved 20/12 (late: due 14/12): newer than export 1
    ("A01", "Đăng ký khai sinh", "Hộ tịch", 2, "10/12/2022 08:00:00", "14/12/2022", "20/12/2022 10:00", "Đã trả kết quả", None, None),
    # A11 again, the same information
    ("A11", "Chứng thực chữ ký", "Chứng thực", 1, "20/02/2023 10:00:00", "22/02/2023", None, "Đang xử lý", None, None),
    # A09 again, older information (no result yet): export 1 knows better
    ("A09", "Đăng ký khai sinh", "Hộ tịch", 2, "14/03/2023 23:59:59", "16/03/2023", None, "Đang xử lý", None, None),
    # no code -> skipped
    ("", "Đăng ký khai sinh", "Hộ tịch", 1, "12/01/2023", "14/01/2023", None, "Đang xử lý", None, None),
    # impossible result date -> skipped
    ("B05", "Đăng ký khai sinh", "Hộ tịch", 1, "20/02/2023", "25/02/2023", "31/02/2023", "Đã trả kết quả", None, None),
]
# fmt: on

EXPORT2_Q1 = {
    "received": {"total": 6, "new": 5, "online": 2, "direct": 2, "postal": 1, "carried_over": 1},
    "resolved": {"total": 3, "on_time": 2, "before_due": 1, "late": 1, "late_percent": 33.3},
    "in_progress": {"total": 3, "in_time": 1, "overdue": 2},
    "withdrawn": 0,
}

# Both exports, in either order.
BOTH_Q1 = {
    "received": {"total": 12, "new": 10, "online": 5, "direct": 3, "postal": 2, "carried_over": 2},
    "resolved": {"total": 8, "on_time": 6, "before_due": 3, "late": 2, "late_percent": 25.0},
    "in_progress": {"total": 3, "in_time": 1, "overdue": 2},
    "withdrawn": 1,
}


def write_export2(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(EXPORT2_HEADER)
    for row in EXPORT2_ROWS:
        ws.append(list(row))
    ws.cell(2, 5).number_format = "dd/mm/yyyy hh:mm"
    wb.save(path)
    return path


def write_export2_xls(path: Path) -> Path:
    """The same table as export 2 as a legacy .xls (BIFF8, written by xlwt)."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    sheet.write_merge(0, 0, 0, 9, "DANH SÁCH HỒ SƠ")
    for c, text in enumerate(EXPORT2_HEADER):
        sheet.write(1, c, text)
    date_style = xlwt.easyxf(num_format_str="dd/mm/yyyy hh:mm")
    for r, row in enumerate(EXPORT2_ROWS, start=2):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, datetime):
                sheet.write(r, c, value, date_style)
            else:
                sheet.write(r, c, value)
    book.save(str(path))
    return path


def figure_subset(doc: dict, expected: dict) -> dict:
    """The part of a stats JSON document that ``expected`` names."""
    return {
        key: {k: doc[key][k] for k in value} if isinstance(value, dict) else doc[key]
        for key, value in expected.items()
    }


def simulate_excel_lock(monkeypatch, path: Path) -> None:
    """As on Windows while Excel has the workbook open: reading ``path`` raises
    PermissionError (other files read normally)."""
    real = type(path).read_bytes

    def locked(self):
        if self.name == path.name:
            raise PermissionError(13, "The process cannot access the file")
        return real(self)

    monkeypatch.setattr(type(path), "read_bytes", locked)
