"""Importing the appraising body's published results (full and areas-only sheets)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook
from results_sheets import import_results, results_areas, results_full

from base.errors import NotFoundError, ValidationError
from desktop.core.catalog.store import load_builtin
from desktop.core.results.importer import match_results, read_results_file
from desktop.core.results.store import results_info, set_result, set_result_header


@pytest.fixture
def sample_2023(ws):
    with ws.transaction() as s:
        load_builtin(s, 2023, "mau-minh-hoa")


def test_full_sheet_with_fraction_cells_and_total_row(tmp_path, ws, sample_2023):
    preview, saved = import_results(ws, results_full(tmp_path / "kq.xlsx"), 2023)

    assert preview.problems == []
    assert saved.node_count == 72
    with ws.session() as s:
        info = results_info(s, 2023)
    n = info.by_code()
    assert n["1.4.2"].score == 0 and n["1.4.2"].max_points == Decimal("1.5")
    assert n["4.2"].score == Decimal("2.2439")  # "2,2439/3": four decimals kept exactly
    assert n["3.5.1"].score == 2  # "2/3 điểm"
    assert n["5.4.3.4"].score == 0
    assert n["1"].rank == "9/19" and n["3"].rank == "2/20"
    assert (info.total, info.total_rank) == (Decimal("90.963"), "9/20")
    assert info.total_text == "90,963/100"
    assert (info.decision_number, info.decision_date) == ("766/QĐ-UBND", date(2023, 3, 16))
    assert info.publisher == "UBND huyện Ninh Giang"


def test_areas_only_sheet_on_the_builtin_areas_catalog(tmp_path, ws, initialized):
    preview, saved = import_results(ws, results_areas(tmp_path / "tong-hop.xlsx"), 2022)

    assert preview.problems == []
    assert saved.node_count == 10
    with ws.session() as s:
        info = results_info(s, 2022)
    scores = [(n.code, n.score, n.rank) for n in info.nodes]
    assert scores[0] == ("1", Decimal("11.84"), "9/19")
    assert scores[7] == ("8", Decimal("1.577"), "14/20")
    assert (info.total, info.total_rank, info.total_is_sum) == (Decimal("87.75"), "9/20", False)


def test_areas_only_sheet_on_a_full_catalog_leaves_sub_criteria_empty(tmp_path, ws, sample_2023):
    preview, _ = import_results(ws, results_areas(tmp_path / "tong-hop.xlsx", year=2023), 2023)
    assert preview.errors == []
    with ws.session() as s:
        info = results_info(s, 2023)
    assert info.by_code()["1"].score == Decimal("11.84")
    assert info.by_code()["1.1"].score is None


def test_detailed_rows_beyond_an_areas_only_catalog_are_skipped_with_a_warning(
    tmp_path, ws, initialized
):
    preview, saved = import_results(ws, results_full(tmp_path / "kq.xlsx", year=2022), 2022)
    assert saved.node_count == 10
    assert preview.errors == []
    assert any(
        w.message.startswith("Sheet “Kết quả”, dòng 7: bộ tiêu chí năm 2022 chưa có mục 1.1")
        for w in preview.warnings
    )


def test_sheet_of_another_year_is_refused_naming_the_row(tmp_path, ws, initialized):
    preview, saved = import_results(ws, results_areas(tmp_path / "kq.xlsx", title_year=2021), 2022)
    assert saved is None
    assert [p.message for p in preview.errors] == [
        "Sheet “Tổng hợp”, dòng 1: tiêu đề ghi kết quả năm 2021, nhưng đang nhập kết quả năm 2022."
    ]
    with ws.session() as s:
        assert not results_info(s, 2022).has_scores


def _sheet(tmp_path, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "KQ"
    ws.append(["Mã tiêu chí", "Nội dung", "Điểm tối đa", "Điểm đạt", "Xếp hạng"])
    for r in rows:
        ws.append(r)
    wb.save(tmp_path / "kq.xlsx")
    return tmp_path / "kq.xlsx"


def test_bad_cells_unknown_codes_and_wrong_maxima_name_sheet_and_row(tmp_path, ws, initialized):
    path = _sheet(
        tmp_path,
        [
            ["1", "Công tác chỉ đạo", 15, "mười một", "9/19"],
            ["2", "Cải cách thể chế", 5, "6", ""],
            ["3", "Cải cách TTHC", 20, "16,62", ""],
            ["11", "Lĩnh vực lạ", 1, "1", ""],
            ["4", "Cải cách tổ chức bộ máy", 6, "6", "hạng nhất"],
            ["4", "Cải cách tổ chức bộ máy", 6, "6", ""],
        ],
    )
    preview, saved = import_results(ws, path, 2022)
    assert saved is None
    assert [p.message for p in preview.errors] == [
        "Sheet “KQ”, dòng 2: Điểm đạt “mười một” không phải là số (ví dụ: 1,5).",
        "Sheet “KQ”, dòng 6: Xếp hạng “hạng nhất” không đúng dạng thứ hạng (ví dụ 9 hoặc 9/19).",
        "Sheet “KQ”, dòng 3: điểm đạt 6 của 2 nằm ngoài khoảng 0 – 5.",
        "Sheet “KQ”, dòng 4: điểm tối đa của 3 trong tệp là 20, bộ tiêu chí năm 2022 ghi 18,5. "
        "Tệp có phải kết quả năm khác hoặc theo bộ tiêu chí khác không?",
        "Sheet “KQ”, dòng 5: không có tiêu chí 11 trong bộ tiêu chí năm 2022.",
        "Sheet “KQ”, dòng 7: tiêu chí 4 có hai dòng điểm (dòng 6 và 7).",
    ]


def test_reimport_replaces_the_year_and_rows_matched_by_title(tmp_path, ws, initialized):
    import_results(ws, results_areas(tmp_path / "tong-hop.xlsx"), 2022)
    path = _sheet(tmp_path, [["", "Cải cách thể chế", "", "5", "1/3"]])
    preview, saved = import_results(ws, path, 2022)
    assert saved.replaced == 10 and saved.node_count == 1
    with ws.session() as s:
        info = results_info(s, 2022)
    assert info.by_code()["2"].score == 5
    assert info.by_code()["1"].score is None
    assert info.total is None and info.decision_number == "766/QĐ-UBND"  # header kept


def test_results_need_the_catalog_of_the_year(tmp_path, ws):
    preview = read_results_file(results_areas(tmp_path / "kq.xlsx", year=2019), year=2019)
    with pytest.raises(NotFoundError, match="Năm 2019 chưa có bộ tiêu chí"), ws.session() as s:
        match_results(s, preview)


def test_manual_entry_and_total_computed_from_areas(ws, initialized):
    with ws.transaction() as s:
        for i, mx in enumerate(["15", "5", "18.5", "6", "11", "7", "11.5", "2", "14", "10"]):
            set_result(s, 2022, str(i + 1), Decimal(mx) - Decimal("0.5"))
        set_result_header(s, 2022, decision_number="766/QĐ-UBND", total_rank="9/20")
        with pytest.raises(ValidationError, match="nằm ngoài khoảng 0 – 5"):
            set_result(s, 2022, "2", Decimal("5.5"))
    with ws.session() as s:
        info = results_info(s, 2022)
    assert (info.total, info.total_is_sum, info.total_rank) == (Decimal(95), True, "9/20")
