"""Importing catalogs from real-style sheets, through the preview, into a year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from results_sheets import catalog_broken, catalog_with_codes, catalog_with_roman, sample_rows
from sqlalchemy import func, select

from base.errors import ValidationError
from db.models import CatalogNode
from desktop.core.catalog.importer import edit_row, read_catalog_file, remove_row, save_preview
from desktop.core.catalog.store import catalog_info, load_builtin, save_catalog
from desktop.core.evidence.documents import NewDocument, add_document
from desktop.core.results.store import results_info, set_result


def test_four_level_codes_are_read_with_levels_guide_and_decision(tmp_path):
    preview = read_catalog_file(catalog_with_codes(tmp_path / "bo.xlsx"), year=2023)

    assert preview.problems == []
    assert preview.sheet == "Bộ chỉ số"
    assert preview.name == "BỘ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA UBND CẤP XÃ NĂM 2023"
    assert (preview.decision_number, preview.decision_date) == ("3395/QĐ-UBND", date(2022, 12, 15))
    assert preview.issuer == "UBND tỉnh Hải Dương"
    assert preview.stated_total == 100
    by_code = {r.code: r for r in preview.rows}
    assert [r.code for r in preview.rows] == [r.code for r in sample_rows()]
    assert by_code["5.4.3.4"].level == 4
    assert by_code["1.5"].written_code == "1,5"  # written badly, normalised
    assert "7.2" in by_code and "3.1.1" in by_code
    assert by_code["3"].max_points == Decimal("18.5")
    assert by_code["1.1.1"].scoring_guide.startswith("Ban hành trước ngày 31/12")
    assert by_code["1.1.1"].evidence_required == "Kế hoạch CCHC năm của UBND xã"
    assert by_code["1.1.1"].row == 9  # the Excel row number, below title and header rows


def test_roman_numbering_merged_two_row_header_and_decimal_comma_text(tmp_path):
    preview = read_catalog_file(catalog_with_roman(tmp_path / "phu-luc.xlsx"), year=2024)

    assert preview.problems == []
    codes = [r.code for r in preview.rows]
    assert codes[:6] == ["1", "1.1", "1.1.1", "1.1.2", "1.2", "2"]
    assert codes[6:9] == ["3", "3.1", "3.2"]
    assert codes[-1] == "10" and len(codes) == 16
    by_code = {r.code: r for r in preview.rows}
    assert by_code["3"].max_points == Decimal("18.5")
    assert by_code["3.1"].max_points == Decimal("8.25")
    assert by_code["1.1.1"].written_code == "1.1"  # sub-criterion 1.1 under criterion 1 of area I
    # the "- ..." lines below a sub-criterion are its scoring guide, not nodes
    assert by_code["1.1.1"].scoring_guide.splitlines() == [
        "- Ban hành trước ngày 31/12 năm trước (1,5 điểm)",
        "- Ban hành muộn (0 điểm)",
    ]
    # the max column is the "Tối đa" half of the merged "Điểm" header, not "Tự chấm"
    assert by_code["1.2"].max_points == Decimal("8.5")


def test_broken_sheet_is_refused_with_sheet_and_row_and_nothing_saved(tmp_path, ws, initialized):
    preview = read_catalog_file(catalog_broken(tmp_path / "hong.xlsx"), year=2024)
    messages = [p.message for p in preview.errors]

    assert "Sheet “Sheet1”, dòng 3: Điểm tối đa “mười” của 1.1 không phải là số." in messages
    assert "Sheet “Sheet1”, dòng 4: Mã 1.1 bị trùng (đã có ở dòng 3)." in messages
    assert "Sheet “Sheet1”, dòng 5: Mã 2.3 không có mục cha 2." in messages
    with pytest.raises(ValidationError, match="có lỗi, chưa lưu"), ws.transaction() as s:
        save_preview(s, 2024, preview, accept_warnings=True)
    with ws.session() as s:
        assert s.scalar(select(func.count()).select_from(CatalogNode)) == 10  # 2022 only


def test_editing_the_preview_fixes_it_and_warnings_need_acceptance(tmp_path, ws):
    preview = read_catalog_file(catalog_broken(tmp_path / "hong.xlsx"), year=2024)
    edit_row(preview, 1, max_text="5")  # "mười" → 5
    remove_row(preview, 2)  # the duplicate
    problems = edit_row(preview, 2, code="3.1")  # the orphan 2.3 becomes a child of 3
    assert [p.severity for p in problems] == ["warning", "warning"]
    assert "Sheet “Sheet1”, dòng 2: Tổng điểm các mục con của 1 là 5, khác điểm tối đa 15." in [
        p.message for p in problems
    ]
    assert "Tổng điểm các lĩnh vực là 100" not in " ".join(p.message for p in problems)

    with pytest.raises(ValidationError, match="cảnh báo"), ws.transaction() as s:
        save_preview(s, 2024, preview)
    with ws.transaction() as s:
        outcome = save_preview(s, 2024, preview, accept_warnings=True)
    assert not outcome.replaced
    with ws.session() as s:
        info = catalog_info(s, 2024)
    assert [n.code for n in info.nodes] == ["1", "1.1", "3", "3.1"]
    assert info.source == "imported"


def test_title_of_another_year_is_a_warning_naming_the_row(tmp_path):
    preview = read_catalog_file(catalog_with_codes(tmp_path / "bo.xlsx", year=2021), year=2023)
    assert [p.message for p in preview.warnings] == [
        "Sheet “Bộ chỉ số”, dòng 2: tiêu đề ghi năm 2021, khác năm 2023 đang nhập. "
        "Hãy kiểm tra đúng bộ tiêu chí của năm."
    ]


def test_import_replaces_the_builtin_areas_and_keeps_area_results(tmp_path, ws, initialized):
    with ws.transaction() as s:
        set_result(s, 2022, "1", Decimal("11.84"), rank="9/19")
    preview = read_catalog_file(catalog_with_codes(tmp_path / "bo.xlsx", year=2022), year=2022)
    with ws.transaction() as s:
        outcome = save_preview(s, 2022, preview)
    assert outcome.replaced and outcome.moved_results == 1
    assert outcome.replaced_name.startswith("Bộ Chỉ số CCHC của UBND cấp xã tỉnh Hải Dương")
    with ws.session() as s:
        info = catalog_info(s, 2022)
        area1 = results_info(s, 2022).by_code()["1"]
    assert info.node_count == 72 and info.complete
    assert (area1.score, area1.rank) == (Decimal("11.84"), "9/19")
    # survey areas (XHH, SIPAS) are recognised from their titles
    assert [n.code for n in info.nodes if not n.self_scored] == ["9", "10"]


def test_replacing_a_catalog_with_evidence_attached_is_refused(tmp_path, ws, initialized):
    scan = tmp_path / "kh.pdf"
    scan.write_bytes(b"%PDF-1.4 ke hoach")
    with ws.transaction() as s:
        add_document(s, ws.store, NewDocument(year=2022, number="05/KH-UBND"), [scan], ["1"])
    preview = read_catalog_file(catalog_with_codes(tmp_path / "bo.xlsx", year=2022), year=2022)
    with pytest.raises(ValidationError) as err, ws.transaction() as s:
        save_preview(s, 2022, preview)
    assert "1 liên kết tài liệu kiểm chứng" in str(err.value)
    assert "Không thay thế" in str(err.value)
    with ws.session() as s:
        assert catalog_info(s, 2022).node_count == 10


def test_replacing_refuses_when_a_result_code_disappears(tmp_path, ws):
    with ws.transaction() as s:
        load_builtin(s, 2023, "mau-minh-hoa")
        set_result(s, 2023, "5.4.3.4", Decimal(0))
    preview = read_catalog_file(catalog_with_roman(tmp_path / "b.xlsx", year=2023), year=2023)
    with pytest.raises(ValidationError, match="5.4.3.4"), ws.transaction() as s:
        save_preview(s, 2023, preview)
    with ws.session() as s:
        assert results_info(s, 2023).by_code()["5.4.3.4"].score == 0


def test_sheet_without_a_recognisable_header_says_what_it_looks_for(tmp_path):
    wb = Workbook()
    wb.active.append(["Tên", "Số"])
    wb.save(tmp_path / "khac.xlsx")
    with pytest.raises(ValidationError, match="“Điểm tối đa”"):
        read_catalog_file(tmp_path / "khac.xlsx")


def test_not_an_excel_file_is_refused(tmp_path):
    bad = tmp_path / "bo.xlsx"
    bad.write_text("không phải excel", encoding="utf-8")
    with pytest.raises(ValidationError, match="Không đọc được tệp bo.xlsx"):
        read_catalog_file(bad)
    csv = tmp_path / "bo.csv"
    csv.write_text("code,title\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"\.xlsx, \.xls"):
        read_catalog_file(csv)


def test_password_protected_catalog_sheet_is_named_as_such(tmp_path):
    # a real encrypted Excel 97–2003 file (tests/core/data/README.md)
    xls = tmp_path / "bo-tieu-chi-2025.xls"
    xls.write_bytes((Path(__file__).parents[1] / "data" / "co-mat-khau-123456.xls").read_bytes())
    with pytest.raises(ValidationError, match="bo-tieu-chi-2025.xls được đặt mật khẩu"):
        read_catalog_file(xls)


def test_builtin_save_still_refuses_any_problem(ws):
    rows = [r for r in sample_rows() if r.code != "1.1.2"]  # 1.1 no longer sums
    with pytest.raises(ValidationError, match="mục con của 1.1"), ws.transaction() as s:
        save_catalog(s, 2030, rows, name="x")


def test_old_xls_with_merged_header(tmp_path):
    """``data/phu-luc-roman-2024.xls``: ``catalog_with_roman`` saved as .xls by LibreOffice
    (openpyxl cannot write .xls), so the same expectations hold."""
    xls = Path(__file__).parents[1] / "data" / "phu-luc-roman-2024.xls"
    preview = read_catalog_file(xls, year=2024)
    assert preview.problems == []
    assert [r.code for r in preview.rows][:6] == ["1", "1.1", "1.1.1", "1.1.2", "1.2", "2"]
    assert {r.code: r.max_points for r in preview.rows}["3.2"] == Decimal("10.25")


def test_code_resolver_numbering_without_codes():
    from desktop.core.catalog.importer import CodeResolver

    r = CodeResolver()
    written = ["I", "1", "1.1", "1.2", "2", "a", "b", "đ)", "II", "1", "III", "3.1", "3.1.1"]
    assert [r.resolve(w) for w in written] == [
        "1", "1.1", "1.1.1", "1.1.2", "1.2", "1.2.1", "1.2.2", "1.2.5",
        "2", "2.1", "3", "3.1", "3.1.1",
    ]  # fmt: skip
    assert r.resolve("x.y") is None


def test_blank_parent_maximum_and_a_wrong_total_row(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Bộ tiêu chí"
    ws.append(["Mã", "Nội dung", "Điểm chuẩn"])
    ws.append(["1", "Lĩnh vực một", None])
    ws.append(["1.1", "Tiêu chí một", "60,5"])
    ws.append(["1.2", "Tiêu chí hai", "39,5"])
    ws.append(["", "Tổng", "99"])
    wb.save(tmp_path / "bo.xlsx")
    preview = read_catalog_file(tmp_path / "bo.xlsx")
    assert preview.rows[0].max_points == 100
    assert [p.message for p in preview.warnings] == [
        "Sheet “Bộ tiêu chí”, dòng 2: điểm tối đa của 1 để trống, lấy tổng các mục con là 100.",
        "Sheet “Bộ tiêu chí”: dòng Tổng ghi 99 điểm nhưng các lĩnh vực cộng lại được 100.",
    ]
    assert preview.errors == []


def test_reading_reports_progress_and_can_be_cancelled(tmp_path):
    from desktop.core.progress import Cancelled, Progress

    path = catalog_with_codes(tmp_path / "bo.xlsx")
    seen: list[tuple[int, int]] = []
    read_catalog_file(path, progress=Progress(lambda d, t, _: seen.append((d, t))))
    # rows 7..78 are the 72 nodes, row 79 is "Tổng cộng" (reading stops), row 83 the signature
    assert seen[0] == (0, 0) and seen[1] == (7, 83) and seen[-1] == (79, 83)

    progress = Progress(lambda d, t, _: progress.cancel() if d > 20 else None)
    with pytest.raises(Cancelled):
        read_catalog_file(path, progress=progress)
