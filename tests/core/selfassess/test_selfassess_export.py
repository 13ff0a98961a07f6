"""The self-assessment report written as .xlsx and .docx, read back as a user would."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from openpyxl import load_workbook
from selfassess_data import filled_year

from base.errors import ValidationError
from desktop.core.selfassess.export_docx import export_self_assessment
from desktop.core.selfassess.report import gather_report

YEAR = 2024
RULE_1_1_1 = "Có: 1 điểm; Không: 0 điểm."  # the rule "co/khong" set on 1.1.1, in words


def _unscored(report) -> int:
    """Sub-criteria the commune scores that the fixture left without a score."""
    return sum(
        1
        for r in report.rows
        if r.is_leaf and r.self_scored and r.applicable and r.self_score is None
    )


@pytest.fixture
def report(ws, make_file):
    filled_year(ws, make_file, YEAR)
    with ws.session() as s:
        return gather_report(s, YEAR)


def test_xlsx_table_by_area_criterion_and_sub_criterion(report, tmp_path: Path) -> None:
    UNSCORED = _unscored(report)  # noqa: N806
    assert UNSCORED > 0
    path = export_self_assessment(report, tmp_path / "tu-danh-gia.xlsx")
    wb = load_workbook(path)
    ws = wb.active
    assert ws.title == f"Tự đánh giá {YEAR}"
    assert ws["A1"].value == f"BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {YEAR}"
    assert [c.value for c in ws[4]] == [
        "Mã",
        "Nội dung",
        "Điểm tối đa",
        "Số liệu kê khai",
        "Điểm tự chấm",
        "Tài liệu kiểm chứng (số, ngày, trích yếu)",
        "Giải trình",
    ]
    rows = {r[0]: r for r in ws.iter_rows(min_row=5, values_only=True) if r[0]}
    assert rows["1"][:3] == ("1", "Công tác chỉ đạo, điều hành cải cách hành chính", 15)
    assert rows["1.1.1"][3:6] == ("Có", 1, f"05/KH-UBND ngày 12/01/{YEAR}")
    assert rows["1.1.1"][1].endswith("\nCách tính: " + RULE_1_1_1)
    assert rows["3.5.1"][3:5] == ("99,48%", 2)  # 98 to under 100 %
    assert rows["1.2.1"][6] == "Đã gửi đủ 4 báo cáo quý, lưu tại Văn phòng."
    assert rows["9"][4:7] == ("—", None, "Do cơ quan thẩm định đánh giá")
    assert rows["11.1"][4] == 2 and rows["11"][4] == 2
    labels = {r[0]: r[4] for r in ws.iter_rows(min_row=5, values_only=True) if r[0]}
    assert (
        labels[
            "Tổng điểm tự đánh giá, không gồm điểm cộng (chưa gồm 24 điểm do cơ quan thẩm định "
            f"đánh giá) (còn {UNSCORED} tiêu chí thành phần chưa chấm, chưa tính vào tổng)"
        ]
        == "5,5/76"
    )
    assert labels["Điểm cộng"] == "2/5"
    assert labels["Tổng điểm tự đánh giá, gồm điểm cộng"] == "7,5"
    assert ws["A1"].font.name == "Times New Roman"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$4:$4"


def test_docx_report_in_the_state_format(report, tmp_path: Path) -> None:
    UNSCORED = _unscored(report)  # noqa: N806
    path = export_self_assessment(report, tmp_path / "bao-cao.docx")
    doc = Document(str(path))
    header = doc.tables[0]
    assert header.cell(0, 0).text.split("\n")[:2] == ["ỦY BAN NHÂN DÂN", "XÃ ĐỒNG TÂM"]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.cell(0, 1).text
    assert header.cell(1, 0).text == "Số: 15/BC-UBND"
    assert header.cell(1, 1).text == f"Đồng Tâm, ngày 05 tháng 01 năm {YEAR + 1}"
    texts = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in texts
    assert f"Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {YEAR}" in texts
    body = "\n".join(texts)
    assert (
        "Tổng điểm tự đánh giá, không gồm điểm cộng (chưa gồm 24 điểm do cơ quan thẩm định "
        f"đánh giá) (còn {UNSCORED} tiêu chí thành phần chưa chấm, chưa tính vào tổng): 5,5/76 "
        "điểm." in body
    )
    assert (
        f"- Còn {UNSCORED} tiêu chí thành phần chưa chấm điểm (chưa tính vào tổng điểm): " in body
    )
    assert texts.index("Kính gửi: UBND huyện Ninh Giang.") < texts.index(
        next(t for t in texts if t.startswith("Ủy ban nhân dân xã Đồng Tâm báo cáo"))
    )
    assert "Điểm cộng: 2/5 điểm." in body
    assert "Tổng điểm tự đánh giá, gồm điểm cộng: 7,5 điểm." in body
    assert "- Lĩnh vực 1 (Công tác chỉ đạo, điều hành cải cách hành chính): 2/15 điểm;" in body
    assert "- Phần điểm cộng: 2/5 điểm;" in body
    assert (
        "- Tiêu chí 1.2.1 (Báo cáo định kỳ đầy đủ về số lượng và nội dung): Đã gửi đủ 4 báo "
        "cáo quý, lưu tại Văn phòng." in body
    )
    assert body.index("III. KHÓ KHĂN, VƯỚNG MẮC") < body.index("Bộ phận Một cửa còn thiếu")
    assert body.index("IV. KIẾN NGHỊ, ĐỀ XUẤT") < body.index("Đề nghị hỗ trợ máy quét")
    sign = doc.tables[1]
    assert sign.cell(0, 0).text.startswith("Nơi nhận:\n- UBND huyện Ninh Giang;")
    assert sign.cell(0, 1).text.split("\n")[:2] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert sign.cell(0, 1).text.endswith("Nguyễn Văn A")
    # the table is a landscape appendix, its header row repeated on every page
    portrait, landscape = doc.sections
    assert portrait.orientation == WD_ORIENT.PORTRAIT and round(portrait.left_margin.mm) == 30
    assert landscape.orientation == WD_ORIENT.LANDSCAPE
    table = doc.tables[2]
    assert [c.text for c in table.rows[0].cells][:5] == [
        "Mã",
        "Nội dung",
        "Điểm tối đa",
        "Số liệu kê khai",
        "Điểm tự chấm",
    ]
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    cells = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert cells["3.5.1"][3:5] == ["99,48%", "2"]
    assert cells["1.1.1"][3:6] == ["Có", "1", f"05/KH-UBND ngày 12/01/{YEAR}"]
    assert cells["1.1.1"][1].endswith("Cách tính: " + RULE_1_1_1)
    assert cells["1.1.2"][4] == "Chưa chấm"  # listed as such, never an empty cell read as 0
    assert cells["11"][1] == "Điểm cộng"
    assert table.rows[-1].cells[0].text == "Tổng điểm tự đánh giá, gồm điểm cộng"
    assert table.rows[-1].cells[4].text == "7,5"
    runs = [r for p in doc.paragraphs for r in p.runs if r.text]
    assert all(r.font.name == "Times New Roman" for r in runs)
    assert "PAGE" in doc.sections[0].header._element.xml


def test_other_suffixes_are_refused(report, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as exc:
        export_self_assessment(report, tmp_path / "bao-cao.pdf")
    assert "chỉ hỗ trợ tệp .docx hoặc .xlsx" in str(exc.value)
    assert not (tmp_path / "bao-cao.pdf").exists()


def test_no_legal_basis_line_without_the_catalogs_decision(ws, make_file, tmp_path) -> None:
    from datetime import date

    from desktop.core.years.setup import set_catalog_decision

    filled_year(ws, make_file, YEAR)  # "Bộ có điểm cộng": no decision
    with ws.session() as s:
        report = gather_report(s, YEAR)
    body = "\n".join(p.text for p in Document(str(export_self_assessment(
        report, tmp_path / "a.docx"))).paragraphs)  # fmt: skip
    assert "Căn cứ" not in body
    with ws.transaction() as s:
        set_catalog_decision(s, YEAR, number="12/QĐ-UBND", decision_date=date(2023, 12, 20),
                             issuer="UBND tỉnh Hải Dương")  # fmt: skip
    with ws.session() as s:
        report = gather_report(s, YEAR)
    body = "\n".join(p.text for p in Document(str(export_self_assessment(
        report, tmp_path / "b.docx"))).paragraphs)  # fmt: skip
    assert "Căn cứ Quyết định số 12/QĐ-UBND ngày 20/12/2023 của UBND tỉnh Hải Dương" in body


@pytest.mark.slow
@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="no LibreOffice")
def test_appendix_pages_are_numbered_on(report, tmp_path: Path) -> None:
    """The landscape appendix goes on numbering the report's pages: page n says n."""
    import subprocess

    path = export_self_assessment(report, tmp_path / "sa.docx")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "sa.pdf"), "-"], capture_output=True, text=True
    ).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    appendix = next(n for n, p in enumerate(pages, start=1) if "PHỤ LỤC" in p)
    assert appendix > 1
    for n, page in enumerate(pages[1:], start=2):
        assert page.strip().splitlines()[0].strip() == str(n)
