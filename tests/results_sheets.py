"""Real-style sheets for the catalog / results tests, built with openpyxl.

Shapes seen in provinces' files: title rows above the table, a decision line, headers over
two rows with merged cells, a column-number row, Roman area numbers, numbers typed as text
with a decimal comma, a ``Tổng`` row, a signature block.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from desktop.core.catalog.store import read_catalog_csv
from desktop.core.paths import resource_path

AREA_MAXIMA = ["15", "5", "18,5", "6", "11", "7", "11,5", "2", "14", "10"]
AREA_TITLES = [
    "Công tác chỉ đạo, điều hành cải cách hành chính",
    "Cải cách thể chế",
    "Cải cách thủ tục hành chính",
    "Cải cách tổ chức bộ máy",
    "Cải cách chế độ công vụ",
    "Cải cách tài chính công",
    "Xây dựng chính quyền điện tử, chính quyền số",
    "Đánh giá tác động đến sự phát triển kinh tế - xã hội",
    "Đánh giá của các tổ chức đối với CCHC (điều tra xã hội học)",
    "Chỉ số hài lòng của người dân, tổ chức (SIPAS)",
]


def sample_rows():
    return read_catalog_csv(resource_path("catalogs", "bo-tieu-chi-mau.csv"))


def catalog_with_codes(path: Path, *, year: int = 2023) -> Path:
    """A 'Mã tiêu chí' column with 4-level codes (5.4.3.4), guide and evidence columns,
    some codes written badly (``1,5``, ``7.2.``), a column-number row and a Tổng row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Bộ chỉ số"
    ws["A1"] = "ỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG"
    ws["A2"] = f"BỘ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA UBND CẤP XÃ NĂM {year}"
    ws["A3"] = (
        "(Ban hành kèm theo Quyết định số 3395/QĐ-UBND ngày 15/12/2022 của UBND tỉnh Hải Dương)"
    )
    ws.append([])
    ws.append(
        [
            "Mã tiêu chí",
            "Lĩnh vực, tiêu chí, tiêu chí thành phần",
            "Điểm tối đa",
            "Cách tính điểm",
            "Tài liệu kiểm chứng",
        ]
    )
    ws.append(["(1)", "(2)", "(3)", "(4)", "(5)"])
    written = {"1.5": "1,5", "7.2": "7.2.", "3.1.1": " 3.1.1 "}
    for r in sample_rows():
        max_cell = int(r.max_points) if r.max_points == int(r.max_points) else float(r.max_points)
        ws.append(
            [
                written.get(r.code, r.code),
                r.title,
                max_cell,
                r.scoring_guide,
                r.evidence_required,
            ]
        )
    ws.append(["", "Tổng cộng", 100])
    ws.append([])
    ws.append([])
    ws.append([])
    ws.append(["", "", "", "CHỦ TỊCH"])
    wb.save(path)
    return path


def catalog_with_roman(path: Path, *, year: int = 2024, sheet: str = "Phụ lục I") -> Path:
    """Roman area numbers in an STT column (no code column), criteria numbered 1, 2 and
    sub-criteria 1.1 under them, a two-row merged header ('Điểm' over 'Tối đa'/'Tự chấm'),
    merged title rows, numbers as text with a decimal comma and scoring-guide lines."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws["A1"] = "UBND TỈNH NAM ĐỊNH"
    ws.merge_cells("A1:E1")
    ws["A2"] = f"PHỤ LỤC I. BỘ TIÊU CHÍ XÁC ĐỊNH CHỈ SỐ CCHC CẤP XÃ NĂM {year}"
    ws.merge_cells("A2:E2")
    ws["A2"].alignment = Alignment(horizontal="center")
    ws["A2"].font = Font(bold=True)
    ws["A5"], ws["B5"], ws["C5"], ws["E5"] = "STT", "Nội dung", "Điểm", "Ghi chú"
    ws.merge_cells("A5:A6")
    ws.merge_cells("B5:B6")
    ws.merge_cells("C5:D5")
    ws.merge_cells("E5:E6")
    ws["C6"], ws["D6"] = "Tối đa", "Tự chấm"
    rows: list[list[str]] = []
    for i, (title, mx) in enumerate(zip(AREA_TITLES, AREA_MAXIMA, strict=True), start=1):
        rows.append([_roman(i), title.upper(), mx])
        if i == 1:
            rows += [
                ["1", "Kế hoạch CCHC năm", "6,5"],
                ["1.1", "Ban hành kế hoạch CCHC kịp thời", "1,5"],
                ["", "- Ban hành trước ngày 31/12 năm trước", "1,5"],
                ["", "- Ban hành muộn", "0"],
                ["1.2", "Mức độ hoàn thành kế hoạch CCHC", "5"],
                ["2", "Công tác tuyên truyền CCHC", "8,5"],
            ]
        elif i == 3:
            rows += [
                ["1", "Công khai thủ tục hành chính", "8,25"],
                ["2", "Tỷ lệ hồ sơ giải quyết đúng hạn", "10,25"],
            ]
    for offset, values in enumerate(rows):
        for col, value in enumerate(values, start=1):
            ws.cell(row=7 + offset, column=col, value=value)
    last = 7 + len(rows)
    ws.cell(row=last, column=2, value="TỔNG ĐIỂM")
    ws.cell(row=last, column=3, value="100")
    wb.save(path)
    return path


def catalog_broken(path: Path) -> Path:
    """Duplicated code, a child without parent, a maximum that is not a number."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["STT", "Nội dung", "Điểm tối đa"])
    ws.append(["1", "Công tác chỉ đạo, điều hành", "15"])
    ws.append(["1.1", "Kế hoạch CCHC", "mười"])
    ws.append(["1.1", "Kế hoạch CCHC (lặp)", "5"])
    ws.append(["2.3", "Tiêu chí lạc", "2"])
    ws.append(["3", "Cải cách thủ tục hành chính", "85"])
    wb.save(path)
    return path


def _roman(n: int) -> str:
    return ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][n - 1]


# --- appraised results ------------------------------------------------------------------

# Sub-criteria of the sample catalog that lost points, written as districts write them.
LOSSES_WRITTEN = {
    "1.3.3": 0,
    "1.4.2": "0/1,5",
    "1.5": "0",
    "3.5.1": "2/3 điểm",
    "4.2": "2,2439/3",
    "5.4.3.4": 0,
    "7.2": "1,9491",
    "9": "11,49",
    "10": 9.28,
}
LOSSES = {
    "1.3.3": "1",
    "1.4.2": "1.5",
    "1.5": "1",
    "3.5.1": "1",
    "4.2": "0.7561",
    "5.4.3.4": "0.5",
    "7.2": "0.0509",
    "9": "2.51",
    "10": "0.72",
}
AREA_RANKS = ["9/19", "2/3", "2/20", "1/5", "1/14", "12/12", "9/16", "14/20", "5/19", "12/18"]


def results_full(path: Path, *, year: int = 2023) -> Path:
    """Scores of every node of the sample catalog (4 levels), ranks per area, Tổng row."""
    from decimal import Decimal

    rows = sample_rows()
    codes = [r.code for r in rows]
    leaves = [c for c in codes if not any(o.startswith(c + ".") for o in codes)]
    score = {}
    for r in rows:
        if r.code in leaves:
            score[r.code] = r.max_points - Decimal(LOSSES.get(r.code, "0"))
    for r in reversed(rows):
        if r.code not in score:
            score[r.code] = sum(
                score[c] for c in codes if c.rsplit(".", 1)[0] == r.code and "." in c
            )
    wb = Workbook()
    ws = wb.active
    ws.title = "Kết quả"
    ws["A1"] = "UBND HUYỆN NINH GIANG"
    ws["A2"] = f"KẾT QUẢ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year} CỦA UBND XÃ ĐỒNG TÂM"
    ws["A3"] = "(Kèm theo Quyết định số 766/QĐ-UBND ngày 16/3/2023 của UBND huyện Ninh Giang)"
    ws.append([])
    ws.append(["Mã tiêu chí", "Nội dung", "Điểm tối đa", "Điểm thẩm định", "Xếp hạng"])
    area_no = 0
    for r in rows:
        value = LOSSES_WRITTEN.get(r.code, float(score[r.code]))
        rank = ""
        if r.level == 1:
            rank = AREA_RANKS[area_no]
            area_no += 1
        ws.append([r.code, r.title, float(r.max_points), value, rank])
    total = sum(score[r.code] for r in rows if r.level == 1)
    ws.append(["", "Tổng", 100, float(total), "9/20"])
    wb.save(path)
    return path


SEED_002_AREAS = [
    ("11,84/15", "9/19"),
    ("4,75/5", "2/3"),
    ("16,62/18,5", "2/20"),
    ("6/6", "1/5"),
    ("11/11", "1/14"),
    ("5/7", "12/12"),
    ("10,19/11,5", "9/16"),
    ("1,577/2", "14/20"),
    ("11,49/14", "5/19"),
    ("9,28/10", "12/18"),
]


def results_areas(path: Path, *, year: int = 2022, title_year: int | None = None) -> Path:
    """Seed 002's published figures: areas only, Roman STT, ``11,84/15`` cells, ranks."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Tổng hợp"
    ws["A1"] = f"KẾT QUẢ CHỈ SỐ CCHC NĂM {title_year or year} CỦA CÁC XÃ, THỊ TRẤN"
    ws.merge_cells("A1:D1")
    ws["A2"] = "(Kèm theo Quyết định số 766/QĐ-UBND ngày 16/3/2023 của UBND huyện Ninh Giang)"
    ws.merge_cells("A2:D2")
    ws.append([])
    ws.append(["STT", "Lĩnh vực", "Điểm đạt", "Xếp hạng"])
    for i, (title, (cell, rank)) in enumerate(zip(AREA_TITLES, SEED_002_AREAS, strict=True)):
        ws.append([_roman(i + 1), title, cell, rank])
    ws.append(["", "Tổng cộng", "87,75/100", "9/20"])
    wb.save(path)
    return path


def import_results(ws, path: Path, year: int):
    """Read, match and (when there is no error) save a results sheet, as the CLI does."""
    from desktop.core.results.importer import match_results, read_results_file, save_results

    preview = read_results_file(path, year=year)
    with ws.transaction() as s:
        match_results(s, preview)
        saved = save_results(s, preview) if not preview.errors else None
    return preview, saved
