"""Issue 16's "Done when", through the command line only, from an empty data folder: init,
results import, dossiers import, the portal figures, one Kế hoạch in the register; the
report is refused while a required field is blank (each named), ``report set`` fills the
rest, and ``report index`` then writes a DOCX and a PDF with every reference written out,
no "…" and no note of the app's. Then the fields', sections' and bad values' contracts."""

from __future__ import annotations

import json
import subprocess

import pytest
from docx import Document
from report_seed import write_dossier_export

INDEX = [
    "report",
    "index",
    "--index-year",
    "2022",
    "--from",
    "15/12/2022",
    "--to",
    "30/03/2023",
    "--number",
    "7",
    "--date",
    "04/04/2023",
]


def _docx_text(path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)


def _pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


@pytest.fixture
def from_scratch(cli, tmp_path):
    """Everything a new user does before the report, through the CLI only."""
    from results_sheets import results_areas

    ok = cli("init", "--commune", "Đồng Tâm", "--district", "Ninh Giang", "--province",
             "Hải Dương", "--chairman", "Nguyễn Văn Hùng", "--officer", "Trần Thị B",
             "--year", "2022")  # fmt: skip
    assert ok.code == 0, ok.err
    r = cli("results", "import", str(results_areas(tmp_path / "kq.xlsx")), "--year", "2022")
    assert r.code == 0, r.err
    r = cli("dossiers", "import", str(write_dossier_export(tmp_path / "hs.xlsx")))
    assert r.code == 0, r.err
    r = cli("dossiers", "manual", "--from", "15/12/2022", "--to", "30/03/2023",
            "--service-index", "65,67", "--rank", "14/20", "--online-payment", "84,89")  # fmt: skip
    assert r.code == 0, r.err
    plan = tmp_path / "1332-KH-UBND.pdf"
    plan.write_bytes(b"%PDF-1.4 ke hoach")
    r = cli("evidence", "add", str(plan), "--year", "2022", "--criterion", "1",
            "--number", "1332/KH-UBND", "--date", "31/12/2021", "--kind", "Kế hoạch",
            "--summary", "Kế hoạch cải cách hành chính năm 2022")  # fmt: skip
    assert r.code == 0, r.err
    return tmp_path


def test_done_when_the_cli_alone_finishes_the_report(cli, from_scratch) -> None:
    out, pdf = from_scratch / "BC-07.docx", from_scratch / "BC-07.pdf"
    r = cli(*INDEX, "--out", str(out), "--pdf", str(pdf), "--json")
    assert r.code == 1
    blanks = r.json()["blanks"]
    assert set(blanks) == {"guidance_letter", "upper_plan", "next_plan"}
    assert "còn trống Công văn hướng dẫn chấm điểm Chỉ số CCHC năm 2022 (guidance_letter)" in r.err
    assert "đã được lưu trong sổ báo cáo" in r.err
    assert not out.exists() and not pdf.exists()

    fields = cli("report", "fields", "--id", "1", "--json").json()
    assert set(fields) == {"fields", "blanks"}
    assert fields["blanks"] == blanks
    by_key = {f["key"]: f for f in fields["fields"]}
    for f in fields["fields"]:
        assert set(f) == {"key", "label", "kind", "value", "required", "source"}
        assert f["kind"] in ("document", "number", "rank", "percent", "text", "person")
    assert by_key["commune_plan"]["value"] == "1332/KH-UBND 31/12/2021"
    assert "sổ tài liệu kiểm chứng" in by_key["commune_plan"]["source"]
    assert by_key["catalog_decision"]["value"] == "3395/QĐ-UBND 15/12/2022"
    assert by_key["results_decision"]["value"] == "766/QĐ-UBND 16/03/2023"
    assert (by_key["service_index"]["value"], by_key["service_rank"]["value"]) == ("65,67", "14/20")
    assert by_key["online_payment_rate"]["value"] == "84,89%"
    assert by_key["signer"] == {
        "key": "signer",
        "label": "Người ký (Chủ tịch UBND)",
        "kind": "person",
        "value": "Nguyễn Văn Hùng",
        "required": True,
        "source": "thông tin chung của báo cáo",
    }

    for key, *value in (
        ("guidance_letter", "01/UBND-NV", "10/01/2023"),
        ("upper_plan", "15", "20/12/2022"),  # a bare number takes the symbol KH-UBND
        ("next_plan", "1450/KH-UBND", "28/12/2022"),
    ):
        r = cli("report", "set", "--id", "1", key, *value)
        assert r.code == 0, r.err
    assert cli("report", "fields", "--id", "1", "--json").json()["blanks"] == []

    r = cli(*INDEX, "--out", str(out), "--pdf", str(pdf), "--json")
    assert r.code == 0, r.err
    assert r.json()["blanks"] == []
    for text in (_docx_text(out), _pdf_text(pdf)):
        assert "…" not in text
        assert "Soạn lại" not in text and "(Chưa" not in text and "Nhập dữ liệu" not in text
        for phrase in (
            "Số: 07/BC-UBND",
            "Căn cứ Quyết định số 3395/QĐ-UBND ngày 15/12/2022",
            "Căn cứ Công văn số 01/UBND-NV ngày 10/01/2023 của UBND huyện Ninh Giang",
            "Quyết định số 766/QĐ-UBND ngày 16/3/2023",
            "Thực hiện Kế hoạch số 1332/KH-UBND ngày 31/12/2021 của UBND xã",
            "Thực hiện Kế hoạch số 15/KH-UBND ngày 20/12/2022 của UBND huyện Ninh Giang",
            "Ngày 28/12/2022, Ủy ban nhân dân xã Đồng Tâm ban hành Kế hoạch số 1450/KH-UBND",
            "đạt 65,67 điểm, đứng thứ 14/20",
            "Nguyễn Văn Hùng",
        ):
            assert phrase in text, phrase
    assert cli("report", "list", "--json").json()["reports"][0]["status"] == "exported"
    # the plan of 31/12/2021 is the 2022 register's, not "outside the year"
    findings = cli("check", "--year", "2022", "--json").json()["findings"]
    assert not [f for f in findings if f["kind"] == "wrong_year"]


def test_a_field_feeds_its_sentence_but_an_edited_section_is_kept(
    cli, from_scratch, tmp_path
) -> None:
    assert cli(*INDEX, "--out", str(tmp_path / "a.docx")).code == 1  # the draft is kept
    own = tmp_path / "can-cu.txt"
    own.write_text("Căn cứ văn bản của UBND huyện;\n", encoding="utf-8")
    r = cli("report", "section", "--id", "1", "can_cu", "--text-file", str(own))
    assert r.code == 0, r.err
    r = cli("report", "set", "--id", "1", "guidance_letter", "01/UBND-NV", "10/01/2023", "--json")
    assert r.code == 0, r.err
    assert r.json()["redraft_offers"] == ["can_cu"]  # the officer's words are not overwritten
    r = cli("report", "set", "--id", "1", "commune_plan", "1332/KH-UBND 31/12/2021", "--json")
    sections = cli("report", "sections", "--id", "1", "--json").json()["sections"]
    by_key = {s["key"]: s for s in sections}
    assert set(by_key["can_cu"]) == {"key", "heading", "text", "edited"}
    assert by_key["can_cu"] == {
        "key": "can_cu",
        "heading": "",
        "text": "Căn cứ văn bản của UBND huyện;",
        "edited": True,
    }
    assert "Kế hoạch số 1332/KH-UBND ngày 31/12/2021" in by_key["mo_dau"]["text"]
    assert by_key["mo_dau"]["edited"] is False

    # the results screen's decision and the report's field are one value
    r = cli("report", "set", "--id", "1", "results_decision", "800/QĐ-UBND", "20/03/2023")
    assert r.code == 0, r.err
    shown = cli("results", "show", "--year", "2022", "--json").json()
    assert shown["decision_number"] == "800/QĐ-UBND"
    r = cli("report", "set", "--id", "1", "--clear", "service_index", "--json")
    assert "service_index" in r.json()["blanks"]
    assert (
        cli("stats", "--from", "15/12/2022", "--to", "30/03/2023", "--json").json()["manual"][
            "service_index"
        ]
        is None
    )


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("guidance_letter", ["01/UBND-NV", "31/02/2023"], "không tồn tại"),
        ("guidance_letter", ["01/UBND-NV"], "phải có dạng SỐ dd/mm/yyyy"),
        ("service_index", ["6a,5"], "không phải là số"),
        ("online_payment_rate", ["120"], "0–100%"),
        ("no_such_field", ["1"], "không có trường “no_such_field”"),
    ],
)
def test_bad_values_are_refused_in_vietnamese(cli, from_scratch, tmp_path, key, value, message):
    assert cli(*INDEX, "--out", str(tmp_path / "a.docx")).code == 1
    before = cli("report", "fields", "--id", "1", "--json").json()
    r = cli("report", "set", "--id", "1", key, *value)
    assert r.code == 1
    assert message in r.err and "Traceback" not in r.err
    assert cli("report", "fields", "--id", "1", "--json").json() == before


def test_section_from_a_missing_file_is_refused(cli, from_scratch, tmp_path) -> None:
    assert cli(*INDEX, "--out", str(tmp_path / "a.docx")).code == 1
    r = cli("report", "section", "--id", "1", "ket_luan", "--text-file", str(tmp_path / "x.txt"))
    assert r.code == 1 and "Không có tệp" in r.err


def test_allow_blanks_exports_the_draft_with_blanks(cli, from_scratch, tmp_path) -> None:
    out = tmp_path / "nhap.docx"
    r = cli(*INDEX, "--out", str(out), "--allow-blanks", "--json")
    assert r.code == 0, r.err
    doc = r.json()
    assert set(doc["blanks"]) == {"guidance_letter", "upper_plan", "next_plan"}
    text = _docx_text(out)
    assert "Căn cứ Công văn số …/UBND-NV ngày …" in text
    assert "(Chưa" not in text
    json.dumps(doc)  # one JSON document


def test_an_appraiser_the_app_cannot_know_is_a_field(cli, tmp_path) -> None:
    """A commune entered without its district: the appraising body of 2022 is a blank field
    (never "UBND huyện …" in print); setting it names the district's offices too."""
    from results_sheets import results_areas

    assert cli("init", "--commune", "Đồng Tâm", "--province", "Hải Dương", "--chairman",
               "Nguyễn Văn Hùng", "--year", "2022").code == 0  # fmt: skip
    assert cli("results", "import", str(results_areas(tmp_path / "kq.xlsx")), "--year",
               "2022").code == 0  # fmt: skip
    assert cli("dossiers", "import", str(write_dossier_export(tmp_path / "hs.xlsx"))).code == 0
    out = tmp_path / "bc.docx"
    r = cli(*INDEX, "--out", str(out), "--json")
    assert r.code == 1 and "appraiser" in r.json()["blanks"]
    assert "Cơ quan thẩm định Chỉ số CCHC năm 2022 (appraiser)" in r.err
    r = cli("report", "set", "--id", "1", "appraiser", "UBND huyện Ninh Giang", "--json")
    assert r.code == 0, r.err
    assert "appraiser" not in r.json()["blanks"]
    assert cli("year", "show", "2022", "--json").json()["appraiser"] == "UBND huyện Ninh Giang"
    r = cli(*INDEX, "--out", str(out), "--allow-blanks")
    assert r.code == 0, r.err
    text = _docx_text(out)
    assert "huyện …" not in text
    assert "Phòng Nội vụ huyện Ninh Giang (để b/c)" in text
    assert "của UBND huyện Ninh Giang hướng dẫn đánh giá" in text
