"""A data folder filled like seed 002 (commune Đồng Tâm, index year 2022, period
15/12/2022 – 30/03/2023), with the figures typed in from the seed.

Results (QĐ 766/QĐ-UBND of 16/3/2023): total 87,75/100 rank 9/20 "hoàn thành tốt nhiệm
vụ"; areas 11,84/15 (9/19), 4,75/5 (2/3), 16,62/18,5 (2/20), 6/6 (1/5), 11/11 (1/14), 5/7
(12/12), 10,19/11,5 (9/16), 1,577/2 (14/20), 11,49/14 (5/19), 9,28/10 (12/18).

Dossiers, hand-counted for the period: received 192 = direct 03 + online 186 + carried over
03; resolved 191 = on time 190 + late 01 (Lao động - Thương binh và Xã hội); in progress 01;
digitised on receipt 188/192 = 97,9%; results digitised 167/191 = 87,4%; fully online 19,
partly online 167; e-certified copies 74. By hand: service index 65,67 rank 14/20, online
payment 84,89%.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook

from desktop.core.catalog.store import builtin_catalog, save_catalog
from desktop.core.dossiers import custom_period, import_dossiers, set_manual_figures
from desktop.core.evidence.documents import NewDocument, add_document
from desktop.core.results.plan import create_plan
from desktop.core.results.store import set_result, set_result_header
from desktop.core.workspace import Workspace
from desktop.core.years.profile import save_profile

if TYPE_CHECKING:
    from desktop.core.report.layout import ReportDocument

YEAR = 2022
PERIOD = custom_period("15/12/2022", "30/03/2023")
CHAIRMAN = "Nguyễn Văn Hùng"

AREAS = {  # code: (score, rank)
    "1": ("11.84", "9/19"),
    "2": ("4.75", "2/3"),
    "3": ("16.62", "2/20"),
    "4": ("6", "1/5"),
    "5": ("11", "1/14"),
    "6": ("5", "12/12"),
    "7": ("10.19", "9/16"),
    "8": ("1.577", "14/20"),
    "9": ("11.49", "5/19"),
    "10": ("9.28", "12/18"),
}
# Where the points were lost (sums match the areas' losses).
LOSSES = {  # code: (score, note)
    "1.2.1": ("0.84", ""),
    "1.3.2": ("0", "Không có biên bản kiểm tra"),
    "1.4.3": ("0.5", ""),
    "1.5": ("0", "Chưa có sáng kiến được công nhận"),
    "2.2.2": ("0.75", ""),
    "3.5.1": ("2", ""),
    "3.5.3": ("1.12", ""),
    "6.2": ("1", "Tài liệu kiểm chứng thiếu chính xác"),
    "6.3": ("1", ""),
    "7.1": ("1.5", "Thiếu thông tin quy hoạch sử dụng đất"),
    "7.4": ("2.19", ""),
    "7.5": ("0.5", ""),
    "8.1": ("0.577", ""),
}

HEADER = [
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


def _t(d: datetime) -> str:
    return d.strftime("%d/%m/%Y %H:%M:%S")


def dossier_rows() -> list[list]:
    rows = []
    for i in range(1, 4):  # carried over from before 15/12/2022, resolved on time
        r = datetime(2022, 12, 10, 8)
        rows.append([f"C{i:02d}", "Đăng ký khai sinh", "Hộ tịch", "Trực tiếp", _t(r),
                     _t(r + timedelta(days=10)), _t(datetime(2022, 12, 16, 10)),
                     "Đã trả kết quả", "x", "x", None])  # fmt: skip
    for i in range(1, 4):  # direct
        r = datetime(2023, 1, 5, 8)
        rows.append([f"D{i:02d}", "Đăng ký kết hôn", "Hộ tịch", "Trực tiếp", _t(r),
                     _t(r + timedelta(days=5)), _t(r + timedelta(days=1)), "Đã trả kết quả",
                     None if i == 1 else "x", "x", None])  # fmt: skip
    for i in range(1, 187):  # online
        r = datetime(2022, 12, 16, 8) + timedelta(hours=12 * (i - 1))
        procedure, field = "Đăng ký khai sinh", "Hộ tịch"
        due, result, status = r + timedelta(days=5), r + timedelta(days=1), "Đã trả kết quả"
        if i == 100:  # the one late dossier
            procedure, field = "Xác nhận hồ sơ hưởng trợ cấp", "Lao động - Thương binh và Xã hội"
            due, result = r + timedelta(days=1), r + timedelta(days=3)
        if 101 <= i <= 174:
            procedure, field = "Chứng thực bản sao điện tử từ bản chính", "Chứng thực"
        if i == 186:  # still in progress on 30/3, not yet due
            due, result, status = datetime(2023, 4, 5, 17), None, "Đang xử lý"
        digitised = None if i in (10, 11, 12) else "x"
        result_digitised = None if 20 <= i <= 43 else "x"
        level = "Toàn trình" if i <= 19 else "Một phần"
        rows.append([f"O{i:03d}", procedure, field, "Trực tuyến", _t(r), _t(due),
                     _t(result) if result else None, status, digitised, result_digitised,
                     level])  # fmt: skip
    return rows


def write_dossier_export(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách hồ sơ"
    ws["A1"] = "DANH SÁCH HỒ SƠ TIẾP NHẬN - UBND XÃ ĐỒNG TÂM"
    ws.append([])
    ws.append(HEADER)
    for row in dossier_rows():
        ws.append(row)
    wb.save(path)
    return path


def fill_profile_and_catalog(ws: Workspace) -> None:
    with ws.transaction() as s:
        save_profile(
            s,
            commune_name="Đồng Tâm",
            district="Ninh Giang",
            province="Hải Dương",
            chairman=CHAIRMAN,
            officer="Trần Thị B",
        )
        sample = builtin_catalog("mau-minh-hoa")
        save_catalog(
            s,
            YEAR,
            sample.rows(),
            name=(
                "Quy định đánh giá, xác định Chỉ số cải cách hành chính của Ủy ban nhân dân "
                "cấp xã thuộc tỉnh Hải Dương, giai đoạn 2022-2030"
            ),
            decision_number="3395/QĐ-UBND",
            decision_date=date(2022, 12, 15),
            issuer="UBND tỉnh Hải Dương",
            source="imported",
            survey_codes=("9", "10"),
        )


def fill_results(ws: Workspace) -> None:
    with ws.transaction() as s:
        set_result_header(
            s,
            YEAR,
            decision_number="766/QĐ-UBND",
            decision_date=date(2023, 3, 16),
            publisher="UBND huyện Ninh Giang",
            total=Decimal("87.75"),
            total_rank="9/20",
            group_label="hoàn thành tốt nhiệm vụ",
        )
        for code, (score, rank) in AREAS.items():
            set_result(s, YEAR, code, Decimal(score), rank=rank)
        for code, (score, note) in LOSSES.items():
            set_result(s, YEAR, code, Decimal(score), note=note)
        create_plan(s, YEAR)


def fill_dossiers(ws: Workspace, folder: Path) -> None:
    export = write_dossier_export(folder / "ho-so-quy-1-2023.xlsx")
    with ws.transaction() as s:
        import_dossiers(s, export)
        set_manual_figures(
            s,
            PERIOD,
            service_index=Decimal("65.67"),
            service_rank=14,
            service_rank_of=20,
            online_payment_rate=Decimal("84.89"),
        )


def fill_evidence(ws: Workspace, folder: Path) -> None:
    plan = folder / "ke-hoach-cchc-2022.pdf"
    plan.write_bytes(b"%PDF-1.4 ke hoach")
    report = folder / "bao-cao-tuyen-truyen.docx"
    report.write_bytes(b"PK bao cao")
    with ws.transaction() as s:
        add_document(
            s,
            ws.store,
            NewDocument(
                YEAR,
                "1332/KH-UBND",
                date(2021, 12, 31),
                "Kế hoạch",
                "Kế hoạch cải cách hành chính năm 2022",
                "UBND xã Đồng Tâm",
            ),
            [plan],
            ["1.1.1"],
        )
        add_document(
            s,
            ws.store,
            NewDocument(
                YEAR,
                "45/BC-UBND",
                date(2022, 6, 15),
                "Báo cáo",
                "Báo cáo kết quả tuyên truyền CCHC 6 tháng đầu năm 2022",
                "UBND xã Đồng Tâm",
            ),
            [report, plan],
            ["1.4.1", "1.4.3"],
        )


def fill_seed_002(ws: Workspace, folder: Path) -> None:
    fill_profile_and_catalog(ws)
    fill_results(ws)
    fill_dossiers(ws, folder)
    fill_evidence(ws, folder)


def export_seed_report(root: Path) -> tuple[Path, ReportDocument]:
    """A data folder like seed 002 under ``root``, its report 123/BC-UBND of 04/4/2023
    drafted and exported to ``root/bao-cao.docx``; the file and the laid-out document."""
    from desktop.core.report.docx_writer import write_docx
    from desktop.core.report.layout import build_document
    from desktop.core.report.store import create_index_report
    from desktop.core.workspace import open_workspace

    ws = open_workspace(root / "du-lieu")
    try:
        fill_seed_002(ws, root)
        with ws.transaction() as s:
            outcome = create_index_report(
                s, index_year=YEAR, period=PERIOD, number="123", report_date=date(2023, 4, 4)
            )
    finally:
        ws.close()
    doc = build_document(outcome.report)
    return write_docx(doc, root / "bao-cao.docx"), doc
