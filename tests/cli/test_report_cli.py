"""``cchc report index`` / ``report list`` on a data folder filled like seed 002, and the
bad inputs: unwritable output, a removed stick, a file open in Word, a number already
used, a period without dossiers, missing results (the draft is kept every time)."""

from __future__ import annotations

import subprocess

import pytest
from docx import Document
from report_seed import fill_profile_and_catalog, fill_seed_002

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
    "123",
    "--date",
    "04/04/2023",
    "--allow-blanks",  # the fields are filled in test_report_fields_cli
]


@pytest.fixture
def seeded(ws, tmp_path):
    fill_seed_002(ws, tmp_path)
    ws.close()
    return ws


def _docx_text(path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)


def test_index_report_docx_and_pdf(cli, seeded, tmp_path) -> None:
    out, pdf = tmp_path / "BC-123.docx", tmp_path / "BC-123.pdf"
    r = cli(*INDEX, "--out", str(out), "--pdf", str(pdf))
    assert r.code == 0, r.err
    assert "Đã xuất báo cáo số 123/BC-UBND" in r.out
    assert "bản nháp có chỗ trống “…”: Công văn hướng dẫn" in r.err
    assert "(guidance_letter)" in r.err
    text = _docx_text(out)
    for phrase in ("87,75/100 điểm", "xếp thứ 9/20", "188 hồ sơ đạt 97,9%", "84,89%"):
        assert phrase in text
    pdf_text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "167 hồ sơ đạt 87,4%" in " ".join(pdf_text.split())  # line breaks follow the fonts
    listed = cli("report", "list", "--json").json()["reports"]
    assert [(x["number_text"], x["status"], x["date"]) for x in listed] == [
        ("123/BC-UBND", "exported", "2023-04-04")
    ]
    assert listed[0]["last_docx"] == str(out.resolve())
    assert listed[0]["last_pdf"] == str(pdf.resolve())


def test_running_again_refreshes_the_same_report(cli, seeded, tmp_path) -> None:
    out = tmp_path / "BC-123.docx"
    assert cli(*INDEX, "--out", str(out)).code == 0
    r = cli(*INDEX, "--out", str(out), "--json")
    assert r.code == 0, r.err
    assert r.json()["id"] == 1
    assert len(cli("report", "list", "--json").json()["reports"]) == 1


def test_a_number_already_used_is_refused(cli, seeded, tmp_path) -> None:
    assert cli(*INDEX, "--out", str(tmp_path / "a.docx")).code == 0
    other = [*INDEX]
    other[other.index("2022")] = "2021"  # another index year, same number in 2023
    r = cli(*other, "--out", str(tmp_path / "b.docx"))
    assert r.code == 1
    assert "Số 123/BC-UBND năm 2023 đã dùng cho báo cáo" in r.err
    assert not (tmp_path / "b.docx").exists()


def test_removed_stick_and_file_open_in_word_keep_the_draft(cli, seeded, tmp_path, monkeypatch):
    r = cli(*INDEX, "--out", str(tmp_path / "usb" / "BC-123.docx"))
    assert r.code == 1
    assert "không tồn tại (USB đã rút ra?)" in r.err
    assert "Bản nháp báo cáo số 123/BC-UBND đã được lưu trong sổ báo cáo" in r.err

    def open_in_word(src, dst):
        raise PermissionError(13, "The process cannot access the file", str(dst))

    monkeypatch.setattr("desktop.core.office.docx_common.os.replace", open_in_word)
    r = cli(*INDEX, "--out", str(tmp_path / "BC-123.docx"))
    assert r.code == 1
    assert "BC-123.docx: tệp đang mở trong Word/Excel hoặc thư mục chỉ cho đọc" in r.err
    (draft,) = cli("report", "list", "--json").json()["reports"]
    assert draft["status"] == "draft"


def test_missing_results_and_no_dossiers(cli, ws, tmp_path) -> None:
    fill_profile_and_catalog(ws)
    ws.close()
    out = tmp_path / "BC-123.docx"
    r = cli(*INDEX, "--out", str(out))
    assert r.code == 1
    assert "Chưa xuất báo cáo: Năm 2022 chưa có kết quả thẩm định Chỉ số CCHC" in r.err
    assert "Kỳ từ ngày 15/12/2022 đến ngày 30/3/2023 chưa có hồ sơ TTHC nào" in r.err
    assert "Bản nháp báo cáo số 123/BC-UBND đã được lưu" in r.err
    assert not out.exists()
    (draft,) = cli("report", "list", "--json").json()["reports"]
    assert draft["status"] == "draft"


def test_bad_arguments(cli, seeded, tmp_path) -> None:
    r = cli(*INDEX, "--out", str(tmp_path / "bc.pdf"))
    assert r.code == 1 and "phải có đuôi .docx" in r.err
    bad = [*INDEX]
    bad[bad.index("04/04/2023")] = "31/04/2023"
    r = cli(*bad, "--out", str(tmp_path / "bc.docx"))
    assert r.code == 1 and "Ngày báo cáo “31/04/2023” không tồn tại" in r.err


def test_status_sign_and_evidence_index(cli, seeded, tmp_path) -> None:
    assert cli(*INDEX, "--out", str(tmp_path / "bc.docx")).code == 0
    assert cli("report", "status", "--id", "1", "--to", "printed").code == 0
    scan = tmp_path / "ban-ky.pdf"
    scan.write_bytes(b"%PDF-1.4 signed")
    assert cli("report", "sign", "--id", "1", str(scan)).code == 0
    assert cli("report", "status", "--id", "1", "--to", "handed_off").code == 0
    r = cli("report", "status", "--id", "1", "--to", "uploaded", "--on", "06/04/2023", "--json")
    assert r.code == 0, r.err
    doc = r.json()
    assert doc["status"] == "uploaded" and doc["uploaded_on"] == "2023-04-06"
    assert [h["status"] for h in doc["history"]] == [
        "draft",
        "exported",
        "printed",
        "signed",
        "handed_off",
        "uploaded",
    ]
    for suffix in (".docx", ".xlsx"):
        r = cli(
            "report", "evidence-index", "--year", "2022", "--out", str(tmp_path / f"dm{suffix}")
        )
        assert r.code == 0, r.err
        assert "(2 tài liệu," in r.out
