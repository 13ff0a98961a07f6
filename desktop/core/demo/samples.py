"""The demo's files, written without Qt: Word documents that say "TÀI LIỆU MẪU" in large
red letters, and the portal's dossier export (.xlsx) as a one-stop system writes it."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

from docx import Document
from docx.shared import Pt, RGBColor
from openpyxl import Workbook

SAMPLE_MARK = "TÀI LIỆU MẪU"
SAMPLE_NOTE = "Đây là tài liệu mẫu do Sổ CCHC tạo ra để minh họa, không có giá trị pháp lý."

DOSSIER_HEADER = [
    "Mã hồ sơ",
    "Tên thủ tục",
    "Lĩnh vực",
    "Hình thức nộp",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày có kết quả",
    "Trạng thái",
    "Số hóa hồ sơ",
    "Số hóa kết quả",
    "Mức độ",
]
# (procedure, field, days allowed)
PROCEDURES = [
    ("Đăng ký khai sinh", "Hộ tịch", 1),
    ("Đăng ký kết hôn", "Hộ tịch", 3),
    ("Đăng ký khai tử", "Hộ tịch", 1),
    ("Chứng thực bản sao từ bản chính", "Chứng thực", 1),
    ("Chứng thực chữ ký", "Chứng thực", 1),
    ("Xác nhận tình trạng hôn nhân", "Hộ tịch", 3),
    ("Đăng ký thường trú", "Đăng ký, quản lý cư trú", 7),
    ("Xác nhận hồ sơ hưởng trợ cấp", "Lao động - Thương binh và Xã hội", 5),
    ("Hòa giải tranh chấp đất đai", "Đất đai", 30),
]


def sample_docx(
    path: Path,
    *,
    issuer: str,
    number: str,
    kind: str,
    summary: str,
    issued: date,
    signer: str,
) -> Path:
    d = Document()
    style = d.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    run = d.add_paragraph().add_run(SAMPLE_MARK)
    run.bold = True
    run.font.size = Pt(24)
    run.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
    d.add_paragraph(f"{issuer.upper()}\nSố: {number}")
    d.add_paragraph(f"ngày {issued.day:02d} tháng {issued.month} năm {issued.year}")
    d.add_paragraph(kind.upper()).runs[0].bold = True
    d.add_paragraph(summary)
    d.add_paragraph(f"Người ký: {signer}")
    d.add_paragraph(SAMPLE_NOTE)
    d.save(str(path))
    return path


def _t(moment: datetime) -> str:
    return moment.strftime("%d/%m/%Y %H:%M:%S")


def dossier_rows(rng: random.Random, start: date, end: date, count: int) -> list[list]:
    """``count`` dossiers received between ``start`` and ``end`` (a few still in progress,
    a few late, some withdrawn), as the portal's export lists them."""
    days = (end - start).days + 1
    rows = []
    for i in range(count):
        received = datetime.combine(
            start + timedelta(days=rng.randrange(days)), datetime.min.time()
        )
        received += timedelta(hours=7 + rng.randrange(10), minutes=rng.randrange(60))
        procedure, field, allowed = PROCEDURES[rng.randrange(len(PROCEDURES))]
        due = received + timedelta(days=allowed)
        online = rng.random() < 0.8
        roll = rng.random()
        if roll < 0.03:
            result, status = None, "Đang xử lý"
        elif roll < 0.05:
            result, status = None, "Công dân yêu cầu rút hồ sơ"
        else:
            late = rng.random() < 0.01
            result = (
                due + timedelta(days=2)
                if late
                else received + timedelta(hours=rng.randrange(4, max(5, allowed * 24)))
            )
            status = "Đã trả kết quả"
        rows.append(
            [
                f"H{start:%y%m}-{i + 1:04d}",
                procedure,
                field,
                "Trực tuyến" if online else "Trực tiếp",
                _t(received),
                _t(due),
                _t(result) if result else None,
                status,
                "x" if rng.random() < 0.97 else None,
                "x" if result and rng.random() < 0.9 else None,
                ("Toàn trình" if rng.random() < 0.3 else "Một phần") if online else None,
            ]
        )
    rows.sort(key=lambda r: datetime.strptime(r[4], "%d/%m/%Y %H:%M:%S"))
    return rows


def dossier_export(path: Path, title: str, rows: list[list]) -> Path:
    wb = Workbook()
    sheet = wb.active
    sheet.title = "Danh sách hồ sơ"
    sheet["A1"] = title
    sheet["A2"] = SAMPLE_MARK
    sheet.append([])
    sheet.append(DOSSIER_HEADER)
    for row in rows:
        sheet.append(row)
    wb.save(path)
    return path
