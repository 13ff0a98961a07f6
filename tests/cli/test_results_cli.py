"""``cchc catalog import``, ``results import/show``, ``losses``, ``plan export``."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

from docx import Document
from openpyxl import load_workbook
from results_sheets import (
    LOSSES,
    catalog_broken,
    catalog_with_codes,
    catalog_with_roman,
    results_areas,
    results_full,
)

from desktop.core.results.plan import PLAN_COLUMNS


def test_catalog_import_saves_a_clean_sheet(cli, initialized, tmp_path):
    r = cli("catalog", "import", str(catalog_with_codes(tmp_path / "bo.xlsx")), "--year", "2023")
    assert r.code == 0, r.err
    assert "Đọc 72 mục (cấp 1, 2, 3, 4)" in r.out
    assert "Đã lưu bộ tiêu chí năm 2023: 72 mục, tổng 100 điểm." in r.out
    listed = cli("catalog", "list", "--year", "2023", "--json").json()
    assert listed["catalog"]["decision_number"] == "3395/QĐ-UBND"
    assert {n["code"]: n["max_points"] for n in listed["nodes"]}["5.4.3.4"] == 0.5


def test_catalog_import_json_report_and_refusal_of_errors(cli, initialized, tmp_path):
    r = cli(
        "catalog", "import", str(catalog_broken(tmp_path / "hong.xlsx")), "--year", "2024", "--json"
    )
    assert r.code == 1
    doc = r.json()
    assert doc["saved"] is False and doc["errors"] == 3
    assert doc["problems"][0] == {
        "severity": "error",
        "sheet": "Sheet1",
        "row": 3,
        "code": "1.1",
        "message": "Sheet “Sheet1”, dòng 3: Điểm tối đa “mười” của 1.1 không phải là số.",
    }
    assert "Chưa lưu" in r.err
    assert cli("catalog", "list", "--year", "2024").code == 1  # nothing saved


def test_warnings_need_accept(cli, initialized, tmp_path):
    path = catalog_with_codes(tmp_path / "bo.xlsx", year=2021)  # the title names 2021
    r = cli("catalog", "import", str(path), "--year", "2023")
    assert r.code == 1
    assert "Cảnh báo: Sheet “Bộ chỉ số”, dòng 2: tiêu đề ghi năm 2021" in r.err
    assert "--accept" in r.err
    r = cli("catalog", "import", str(path), "--year", "2023", "--accept")
    assert r.code == 0 and "Đã lưu bộ tiêu chí năm 2023" in r.out


def test_import_over_the_builtin_areas_says_it_replaces(cli, initialized, tmp_path):
    path = catalog_with_roman(tmp_path / "b.xlsx", year=2022)
    r = cli("catalog", "import", str(path), "--year", "2022", "--name", "Bộ chỉ số tỉnh")
    assert r.code == 0, r.err
    assert "Đã thay thế bộ tiêu chí “Bộ Chỉ số CCHC của UBND cấp xã tỉnh Hải Dương" in r.out
    assert cli("catalog", "list", "--year", "2022", "--json").json()["catalog"]["name"] == (
        "Bộ chỉ số tỉnh"
    )


def test_import_refused_when_evidence_is_attached(cli, initialized, tmp_path):
    from desktop.core.evidence.documents import NewDocument, add_document
    from desktop.core.workspace import open_workspace

    scan = tmp_path / "kh.pdf"
    scan.write_bytes(b"%PDF-1.4")
    ws = open_workspace(tmp_path / "du-lieu")
    try:
        with ws.transaction() as s:
            add_document(s, ws.store, NewDocument(year=2022, number="1/KH-UBND"), [scan], ["3"])
    finally:
        ws.close()
    r = cli(
        "catalog",
        "import",
        str(catalog_with_roman(tmp_path / "b.xlsx", year=2022)),
        "--year",
        "2022",
    )
    assert r.code == 1
    assert "đã có dữ liệu gắn với nó (1 liên kết tài liệu kiểm chứng)" in r.err


def test_results_import_and_show(cli, initialized, tmp_path):
    r = cli("results", "import", str(results_areas(tmp_path / "kq.xlsx")), "--year", "2022")
    assert r.code == 0, r.err
    assert "Đã nhập kết quả thẩm định năm 2022: 10 mục; tổng 87,75, xếp hạng 9/20." in r.out
    doc = cli("results", "show", "--year", "2022", "--json").json()
    assert (doc["total"], doc["total_rank"]) == (87.75, "9/20")
    first = doc["nodes"][0]
    assert {k: first[k] for k in ("code", "max_points", "score", "rank")} == {
        "code": "1",
        "max_points": 15,
        "score": 11.84,
        "rank": "9/19",
    }
    text = cli("results", "show", "--year", "2022").out
    assert "1  Công tác chỉ đạo, điều hành cải cách hành chính: 11,84/15  hạng 9/19" in text
    assert "Tổng: 87,75/100, xếp hạng 9/20." in text


def test_results_import_refuses_another_years_sheet(cli, initialized, tmp_path):
    path = results_areas(tmp_path / "kq.xlsx", title_year=2021)
    r = cli("results", "import", str(path), "--year", "2022")
    assert r.code == 1
    assert "LỖI: Sheet “Tổng hợp”, dòng 1: tiêu đề ghi kết quả năm 2021" in r.err
    assert cli("results", "show", "--year", "2022", "--json").json()["total"] is None


def test_losses_and_plan_export_from_a_full_year(cli, initialized, tmp_path):
    assert (
        cli(
            "catalog", "import", str(catalog_with_codes(tmp_path / "bo.xlsx")), "--year", "2023"
        ).code
        == 0
    )
    assert (
        cli("results", "import", str(results_full(tmp_path / "kq.xlsx")), "--year", "2023").code
        == 0
    )

    doc = cli("losses", "--year", "2023", "--json").json()
    assert [row["code"] for row in doc["rows"]][:2] == ["9", "1.4.2"]
    assert {row["code"]: Decimal(str(row["lost"])) for row in doc["rows"]} == {
        c: Decimal(v) for c, v in LOSSES.items()
    }
    assert doc["lost_total"] == 9.037
    text = cli("losses", "--year", "2023").out
    assert "  4.2  mất 0,7561  (2,2439/3)  Thực hiện quy định về sử dụng biên chế" in text

    r = cli("plan", "export", "--year", "2023", "--out", str(tmp_path / "ke-hoach.docx"))
    assert r.code == 0, r.err
    assert "bản dự thảo lập từ kết quả thẩm định" in r.out
    table = Document(str(tmp_path / "ke-hoach.docx")).tables[0]
    assert tuple(c.text for c in table.rows[0].cells) == PLAN_COLUMNS
    r = cli("plan", "export", "--year", "2023", "--out", str(tmp_path / "ke-hoach.xlsx"))
    assert r.code == 0, r.err
    ws = load_workbook(tmp_path / "ke-hoach.xlsx").active
    assert tuple(c.value for c in ws[4]) == PLAN_COLUMNS
    r = cli("plan", "export", "--year", "2023", "--out", str(tmp_path / "ke-hoach.odt"))
    assert r.code == 1 and "chỉ hỗ trợ tệp .docx hoặc .xlsx" in r.err


def test_check_only_reads(cli, initialized, tmp_path):
    path = catalog_with_codes(tmp_path / "bo.xlsx")
    r = cli("catalog", "import", str(path), "--year", "2023", "--check")
    assert r.code == 0 and "Đã lưu" not in r.out
    assert cli("catalog", "list", "--year", "2023").code == 1


def test_results_import_over_detailed_scores_says_what_it_replaces_and_asks(
    cli, initialized, tmp_path, data_dir
):
    bo = catalog_with_codes(tmp_path / "bo.xlsx")
    assert cli("catalog", "import", str(bo), "--year", "2023").code == 0
    full = results_full(tmp_path / "kq.xlsx")
    assert cli("results", "import", str(full), "--year", "2023").code == 0
    before = cli("results", "show", "--year", "2023", "--json").json()["nodes"]
    scored = sum(1 for n in before if n["score"] is not None)
    assert scored > 10

    areas = results_areas(tmp_path / "linh-vuc.xlsx", year=2023)
    r = cli("results", "import", str(areas), "--year", "2023")
    assert r.code == 1
    assert f"{scored} điểm đã có" in r.out and f"{scored - 10} mục" in r.out
    assert "--replace" in r.out and "Chưa lưu" in r.out
    assert cli("results", "show", "--year", "2023", "--json").json()["nodes"] == before
    doc = cli("results", "import", str(areas), "--year", "2023", "--json").json()
    assert doc["saved"] is False and doc["replaces"]["existing"] == scored
    assert len(doc["replaces"]["dropped"]) == scored - 10

    r = cli("results", "import", str(areas), "--year", "2023", "--replace")
    assert r.code == 0, r.err
    after = cli("results", "show", "--year", "2023", "--json").json()["nodes"]
    assert sum(1 for n in after if n["score"] is not None) == 10
    kept = list((data_dir / "backups").glob("so-cchc-truoc-thay-the-*.sqlite3"))
    assert len(kept) == 1 and f"Đã sao lưu trước khi thay: {kept[0]}" in r.out
    con = sqlite3.connect(kept[0])
    assert con.execute("SELECT count(*) FROM appraised_score").fetchone() == (scored,)
    con.close()


def _renamed(path, old: str, new: str):
    wb = load_workbook(path)
    for row in wb.active.iter_rows():
        if str(row[0].value).strip() == old:
            row[0].value = new
    wb.save(path)
    return path


def _rules(cli) -> dict[str, str]:
    return {
        x["code"]: x["rule"]
        for x in cli("rule", "list", "--year", "2023", "--json").json()["rules"]
    }


def test_catalog_replace_keeps_hand_set_rules_and_asks_for_those_lost(cli, initialized, tmp_path):
    bo = catalog_with_codes(tmp_path / "bo.xlsx")
    assert cli("catalog", "import", str(bo), "--year", "2023").code == 0
    from_file = _rules(cli)
    for code in ("1.1.1", "1.1.2", "1.4.2"):
        assert cli("rule", "set", code, "tru 0,25/loi", "--year", "2023").code == 0
    hand_set = _rules(cli)
    assert hand_set["1.1.2"] != from_file["1.1.2"]  # the officer changed the file's rule
    new = _renamed(catalog_with_codes(tmp_path / "bo-moi.xlsx"), "1.4.2", "1.4.9")

    r = cli("catalog", "import", str(new), "--year", "2023")
    assert r.code == 1, r.out
    assert "cách tính điểm đặt tay ở 1 mục không còn trong bộ mới: 1.4.2" in r.err
    assert "--accept" in r.err
    assert _rules(cli) == hand_set  # nothing changed

    r = cli("catalog", "import", str(new), "--year", "2023", "--accept", "--json")
    doc = r.json()
    assert r.code == 0 and doc["saved"] and doc["replaced"]
    assert doc["rules_kept"] == ["1.1.1", "1.1.2"] and doc["rules_lost"] == ["1.4.2"]
    after = _rules(cli)
    assert after["1.1.1"] == after["1.1.2"] == hand_set["1.1.1"]  # kept, over the file's
    assert "1.4.2" not in after
    assert cli("catalog", "import", str(new), "--year", "2023").code == 0  # nothing lost now
    assert _rules(cli) == after
