"""``cchc-desktop --demo``: a demo commune in its own data folder, with sample documents.

The sample PDFs are drawn with Qt (QPdfWriter) and the sample DOCX with python-docx; every
one says "TÀI LIỆU MẪU" so nobody mistakes it for a real document.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from docx import Document
from docx.shared import Pt
from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

from desktop.core.catalog.store import load_builtin
from desktop.core.evidence.documents import NewDocument, add_document
from desktop.core.settings import set_setting
from desktop.core.workspace import Workspace
from desktop.core.years.profile import get_profile, save_profile

SAMPLE_MARK = "TÀI LIỆU MẪU"


def demo_year() -> int:
    return date.today().year - 1


def _documents(year: int) -> list[tuple[NewDocument, list[str], str]]:
    issuer = "UBND xã Đồng Tâm"
    return [
        (
            NewDocument(
                year,
                "135/KH-UBND",
                date(year - 1, 12, 28),
                "Kế hoạch",
                f"Kế hoạch cải cách hành chính năm {year}",
                issuer,
                "Nguyễn Văn An",
                "Trần Thị Bình",
            ),
            ["1.1.1"],
            "pdf",
        ),
        (
            NewDocument(
                year,
                "12/KH-UBND",
                date(year, 1, 20),
                "Kế hoạch",
                f"Kế hoạch tuyên truyền cải cách hành chính năm {year}",
                issuer,
                "Nguyễn Văn An",
                "Trần Thị Bình",
            ),
            ["1.4.1", "1.4.3"],
            "pdf",
        ),
        (
            NewDocument(
                year,
                "45/BC-UBND",
                date(year, 6, 15),
                "Báo cáo",
                f"Báo cáo công tác cải cách hành chính 6 tháng đầu năm {year}",
                issuer,
                "Nguyễn Văn An",
                "Trần Thị Bình",
            ),
            ["1.2.1", "1.2.2"],
            "pdf",
        ),
        (
            NewDocument(
                year,
                "20/KH-UBND",
                date(year, 2, 10),
                "Kế hoạch",
                f"Kế hoạch kiểm tra công tác cải cách hành chính năm {year}",
                issuer,
                "Nguyễn Văn An",
                "Trần Thị Bình",
            ),
            ["1.3.1"],
            "docx",
        ),
        (
            NewDocument(
                year,
                "08/BB-UBND",
                date(year, 9, 5),
                "Biên bản",
                "Biên bản kiểm tra việc niêm yết công khai thủ tục hành chính",
                issuer,
                "Lê Văn Cường",
                "Phạm Thị Dung",
            ),
            ["3.1.1"],
            "pdf",
        ),
        (
            NewDocument(
                year,
                "102/BC-UBND",
                date(year, 12, 10),
                "Báo cáo",
                f"Báo cáo kết quả giải quyết thủ tục hành chính năm {year}",
                issuer,
                "Nguyễn Văn An",
                "Phạm Thị Dung",
            ),
            ["3.5.1", "7.3.3"],
            "pdf",
        ),
    ]


def _pdf(path: Path, doc: NewDocument) -> None:
    writer = QPdfWriter(str(path))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(30, 20, 15, 20),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(150)
    writer.setTitle(f"{SAMPLE_MARK} {doc.number}")
    painter = QPainter(writer)
    try:
        area = QRectF(painter.viewport())
        painter.setPen(QColor("#b00020"))
        painter.setFont(QFont("Times New Roman", 28, QFont.Weight.Bold))
        painter.drawText(
            area.adjusted(0, 0, 0, -area.height() * 0.8), Qt.AlignmentFlag.AlignCenter, SAMPLE_MARK
        )
        painter.setPen(QColor("black"))
        painter.setFont(QFont("Times New Roman", 13))
        body = (
            f"UBND XÃ ĐỒNG TÂM\nSố: {doc.number}\n\n{doc.kind.upper()}\n{doc.summary}\n\n"
            f"Ngày ban hành: {doc.issue_date:%d/%m/%Y}\nNgười ký: {doc.signer}\n\n"
            "Đây là tài liệu mẫu do Sổ CCHC tạo ra để minh họa, không có giá trị pháp lý."
        )
        painter.drawText(
            area.adjusted(0, area.height() * 0.22, 0, 0),
            int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap),
            body,
        )
    finally:
        painter.end()


def _docx(path: Path, doc: NewDocument) -> None:
    d = Document()
    style = d.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    head = d.add_paragraph()
    run = head.add_run(SAMPLE_MARK)
    run.bold = True
    run.font.size = Pt(20)
    d.add_paragraph(f"UBND XÃ ĐỒNG TÂM – Số: {doc.number}")
    d.add_paragraph(doc.kind.upper()).runs[0].bold = True
    d.add_paragraph(doc.summary)
    d.add_paragraph("Đây là tài liệu mẫu do Sổ CCHC tạo ra để minh họa, không có giá trị pháp lý.")
    d.save(str(path))


def create_demo(ws: Workspace) -> bool:
    """Fill an empty data folder with the demo commune. Returns False if already there."""
    with ws.session() as s:
        if get_profile(s) is not None:
            return False
    year = demo_year()
    with tempfile.TemporaryDirectory(prefix="so-cchc-demo-") as tmp:
        files: list[tuple[NewDocument, list[str], Path]] = []
        for doc, codes, ext in _documents(year):
            safe = doc.number.replace("/", "-")
            path = Path(tmp) / f"{safe} {doc.issue_date:%d.%m.%Y} ({SAMPLE_MARK}).{ext}"
            (_pdf if ext == "pdf" else _docx)(path, doc)
            files.append((doc, codes, path))
        with ws.transaction() as s:
            save_profile(
                s,
                commune_name="Đồng Tâm",
                district="Ninh Giang",
                province="Hải Dương",
                chairman="Nguyễn Văn An",
                officer="Trần Thị Bình",
            )
            load_builtin(s, 2022)
            load_builtin(s, year, demo=True)
            for doc, codes, path in files:
                add_document(s, ws.store, doc, [path], codes)
            set_setting(s, "last_year", str(year))
    return True
