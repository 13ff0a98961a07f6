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


@pytest.fixture
def report(ws, make_file):
    filled_year(ws, make_file, YEAR)
    with ws.session() as s:
        return gather_report(s, YEAR)


def test_xlsx_table_by_area_criterion_and_sub_criterion(report, tmp_path: Path) -> None:
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
        "Tài liệu kiểm chứng (số, ký hiệu)",
        "Giải trình",
    ]
    rows = {r[0]: r for r in ws.iter_rows(min_row=5, values_only=True) if r[0]}
    assert rows["1"][:3] == ("1", "Công tác chỉ đạo, điều hành cải cách hành chính", 15)
    assert rows["1.1.1"][3:6] == ("Có", 1, "05/KH-UBND")
    assert rows["3.5.1"][3:5] == ("99,48%", 2)  # 98 to under 100 %
    assert rows["1.2.1"][6] == "Đã gửi đủ 4 báo cáo quý, lưu tại Văn phòng."
    assert rows["9"][4:7] == ("—", None, "Do cơ quan thẩm định đánh giá")
    assert rows["11.1"][4] == 2 and rows["11"][4] == 2
    labels = {r[0]: r[4] for r in ws.iter_rows(min_row=5, values_only=True) if r[0]}
    assert (
        labels[
            "Tổng điểm tự đánh giá, không gồm điểm cộng (chưa gồm 24 điểm do cơ quan thẩm định "
            "đánh giá)"
        ]
        == "5,5/76"
    )
    assert labels["Điểm cộng"] == "2/5"
    assert labels["Tổng điểm tự đánh giá, gồm điểm cộng"] == "7,5"
    assert ws["A1"].font.name == "Times New Roman"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$4:$4"


def test_docx_report_in_the_state_format(report, tmp_path: Path) -> None:
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
        "đánh giá): 5,5/76 điểm." in body
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
    assert cells["1.1.1"][3:6] == ["Có", "1", "05/KH-UBND"]
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
