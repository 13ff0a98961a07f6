"""``Danh muc tai lieu kiem chung.xlsx``: the bundle's index, one row per file, in the
order of the folders, each file name a link that opens the file (in a folder bundle)."""

from __future__ import annotations

from datetime import date
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from desktop import __version__
from desktop.core.bundle.plan import ExportPlan
from desktop.core.office.vnformat import format_date

HEADERS = (
    ("STT", 6),
    ("Lĩnh vực / thư mục", 28),
    ("Tiêu chí", 10),
    ("Tên tiêu chí", 40),
    ("Số, ký hiệu", 16),
    ("Ngày ban hành", 13),
    ("Loại văn bản", 12),
    ("Trích yếu", 50),
    ("Cơ quan ban hành", 22),
    ("Người ký", 18),
    ("Tệp trong gói", 60),
    ("Dung lượng (KB)", 12),
    ("Mã SHA-256", 20),
)


def write_index(plan: ExportPlan, out: BinaryIO) -> None:
    titles = {n["code"]: n["title"] for n in (plan.catalog or {}).get("nodes", [])}
    docs = {d.key: d for d in plan.documents}
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh mục"
    ws["A1"] = f"DANH MỤC TÀI LIỆU KIỂM CHỨNG NĂM {plan.scope.year}"
    ws["A1"].font = Font(bold=True, size=14)
    place = plan.commune.get("commune_name", "")
    if place:
        kind = str(plan.commune.get("unit_kind", "xã")).capitalize()
        place = f"{kind} {place}, {plan.commune.get('province', '')}"
    ws["A2"] = (
        f"{place + ' — ' if place else ''}lập ngày {format_date(plan.created_at.date())} "
        f"bằng Sổ CCHC {__version__}; gói “{plan.bundle_name}”"
    )
    ws["A2"].font = Font(italic=True)
    header_row = 4
    for col, (title, width) in enumerate(HEADERS, 1):
        cell = ws.cell(header_row, col, title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(col)].width = width
    row = header_row
    for n, f in enumerate(sorted(plan.files, key=lambda f: f.path), 1):
        row += 1
        doc = docs.get(f.document or "")
        code = f.codes[0] if f.codes else ""
        issue = date.fromisoformat(doc.issue_date) if doc and doc.issue_date else None
        values = (
            n,
            f.path.split("/")[0] if f.role == "evidence" else "Báo cáo",
            code,
            titles.get(code, ""),
            doc.number if doc else "",
            format_date(issue),
            doc.kind if doc else "",
            doc.summary if doc else f.original_name,
            doc.issuer if doc else "",
            doc.signer if doc else "",
            f.path,
            round(f.size / 1024, 1),
            f.sha256,
        )
        for col, value in enumerate(values, 1):
            ws.cell(row, col, value)
        link = ws.cell(row, 11)
        link.hyperlink = f.path
        link.font = Font(color="0563C1", underline="single")
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(HEADERS))}{max(row, header_row)}"
    wb.save(out)
