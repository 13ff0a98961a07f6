"""Realistic annexes of a province's decision on the commune CCHC index, built in tests.

One annex (``ANNEX``) rendered the ways provinces publish it: the whole decision as Word
(opening header table, articles, a signature table, a Phụ lục I table assigning areas,
then the criteria table split into three Word tables: two repeating the two-row header,
the last one continuing without it), the annex alone as Word, the scoring portal's page
(form and layout tables around the criteria table, rowspan/colspan), and the same
decision as a PDF exported by LibreOffice (``tests/core/data/phu-luc-chi-so-cchc.pdf``,
see ``tests/core/data/make_annex_pdf.py``).

Areas are numbered I, II, III; criteria restart at 1 in each area; sub-criteria are
lettered a), b) in areas I and III and numbered 1.1, 1.2 in area II; method rows without
a number carry points (in the text or in the points column); a "Tổng cộng" row, then a
bonus area ("ĐIỂM THƯỞNG", no number) after it; points with a decimal comma; a
non-breaking space and line breaks inside cells; the evidence cell merged down over two
sub-criteria.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

DECISION_NUMBER = "3395/QĐ-UBND"
YEAR = 2025


@dataclass
class Row:
    stt: str
    title: str
    points: str = ""
    guide: str = ""
    evidence: str = ""
    evidence_down: int = 1  # the evidence cell merged down over this many rows
    area: bool = False


ANNEX: list[Row] = [
    Row("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", "40", area=True),
    Row("1", "Kế hoạch cải cách hành chính năm", "6"),
    Row(
        "a)",
        "Ban hành kế hoạch CCHC năm đúng thời hạn",
        "2",
        evidence="Kế hoạch CCHC năm của UBND xã",
    ),
    Row("", "- Ban hành trước ngày 31/12 năm trước: 2 điểm"),
    Row("", "- Ban hành sau ngày 31/12: 1 điểm"),
    Row("", "- Không ban hành: 0 điểm"),
    Row("b)", "Mức độ hoàn thành kế hoạch\xa0CCHC", "4", evidence="Báo cáo CCHC năm"),
    Row("", "- Hoàn thành 100% kế hoạch: 4 điểm"),
    Row("", "- Từ 80% đến dưới 100% kế hoạch: 2 điểm"),
    Row("", "- Dưới 80% kế hoạch: 0 điểm"),
    Row("2", "Công tác tuyên truyền cải cách hành chính", "34"),
    Row(
        "a)",
        "Ban hành kế hoạch tuyên truyền CCHC",
        "4",
        guide="Có kế hoạch: 4 điểm\nKhông có: 0 điểm",
        evidence="Kế hoạch tuyên truyền;\nBáo cáo kết quả tuyên truyền",
        evidence_down=3,
    ),
    Row("b)", "Đa dạng hình thức tuyên truyền", "30"),
    Row("", "+ Mỗi hình thức tuyên truyền không thực hiện trừ 0,5 điểm"),
    Row("II", "CẢI CÁCH THỂ CHẾ", "25,5", area=True),
    Row("1", "Xây dựng và ban hành văn bản quy phạm pháp luật", "12,5"),
    Row("1.1", "Ban hành văn bản đúng thẩm quyền, đúng trình tự", "6,25", evidence="Văn bản QPPL"),
    Row("1.2", "Rà soát, hệ thống hóa văn bản", "6,25", evidence="Báo cáo rà soát"),
    Row("2", "Kiểm tra việc thực hiện văn bản tại địa phương", "13", evidence="Kế hoạch kiểm tra"),
    Row("III", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "34,5", area=True),
    Row("1", "Công khai thủ tục hành chính", "14,5"),
    Row("a)", "Công khai đầy đủ, đúng quy định", "10", evidence="Ảnh chụp nơi niêm yết"),
    Row("b)", "Cập nhật kịp thời", "4,5"),
    Row("2", "Kết quả giải quyết hồ sơ thủ tục hành chính", "20"),
    Row("a)", "Tỷ lệ hồ sơ giải quyết đúng hạn", "20", evidence="Báo cáo thống kê"),
    Row("", "- Đạt 100%", "20"),
    Row("", "- Từ 95% đến dưới 100%", "10"),
    Row("", "- Dưới 95%", "0"),
    Row("", "Tổng cộng (I+II+III)", "100"),
    Row("", "ĐIỂM THƯỞNG", "3", area=True),
    Row("1", "Có sáng kiến CCHC được công nhận", "2"),
    Row("2", "Được cấp có thẩm quyền khen thưởng về CCHC", "1"),
]
SPLITS = (14, 19)  # the Word tables start at these rows (area II, area III)

# What a correct import gives: code, title, max, parent
EXPECTED = [
    ("1", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", "40", None),
    ("1.1", "Kế hoạch cải cách hành chính năm", "6", "1"),
    ("1.1.1", "Ban hành kế hoạch CCHC năm đúng thời hạn", "2", "1.1"),
    ("1.1.2", "Mức độ hoàn thành kế hoạch CCHC", "4", "1.1"),
    ("1.2", "Công tác tuyên truyền cải cách hành chính", "34", "1"),
    ("1.2.1", "Ban hành kế hoạch tuyên truyền CCHC", "4", "1.2"),
    ("1.2.2", "Đa dạng hình thức tuyên truyền", "30", "1.2"),
    ("2", "CẢI CÁCH THỂ CHẾ", "25.5", None),
    ("2.1", "Xây dựng và ban hành văn bản quy phạm pháp luật", "12.5", "2"),
    ("2.1.1", "Ban hành văn bản đúng thẩm quyền, đúng trình tự", "6.25", "2.1"),
    ("2.1.2", "Rà soát, hệ thống hóa văn bản", "6.25", "2.1"),
    ("2.2", "Kiểm tra việc thực hiện văn bản tại địa phương", "13", "2"),
    ("3", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "34.5", None),
    ("3.1", "Công khai thủ tục hành chính", "14.5", "3"),
    ("3.1.1", "Công khai đầy đủ, đúng quy định", "10", "3.1"),
    ("3.1.2", "Cập nhật kịp thời", "4.5", "3.1"),
    ("3.2", "Kết quả giải quyết hồ sơ thủ tục hành chính", "20", "3"),
    ("3.2.1", "Tỷ lệ hồ sơ giải quyết đúng hạn", "20", "3.2"),
    ("4", "ĐIỂM THƯỞNG", "3", None),
    ("4.1", "Có sáng kiến CCHC được công nhận", "2", "4"),
    ("4.2", "Được cấp có thẩm quyền khen thưởng về CCHC", "1", "4"),
]
HEADER_TOP = [
    "STT",
    "Lĩnh vực/Tiêu chí/Tiêu chí thành phần",
    "Điểm",
    "",
    "",
    "Phương pháp đánh giá",
    "Tài liệu kiểm chứng",
]
HEADER_LOW = ["", "", "Tối đa", "Tự đánh giá", "Thẩm định", "", ""]
WIDTHS_CM = (1.3, 9.5, 1.6, 1.9, 1.9, 5.0, 5.0)


# --- Word --------------------------------------------------------------------------------


def _repeat_header(row) -> None:
    pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    pr.append(el)


def _set(cell, text: str, *, bold: bool = False) -> None:
    cell.text = ""
    lines = text.split("\n")
    p = cell.paragraphs[0]
    run = p.add_run(lines[0])
    run.bold = bold
    for line in lines[1:]:  # a line break inside the cell (Shift+Enter)
        run.add_break()
        run = p.add_run(line)
        run.bold = bold


def _criteria_table(doc, rows: list[Row], *, header: bool, first_row_index: int):
    table = doc.add_table(rows=0, cols=7)
    table.style = "Table Grid"
    if header:
        top, low = table.add_row(), table.add_row()
        for i, text in enumerate(HEADER_TOP):
            if text:
                _set(top.cells[i], text, bold=True)
        for i, text in enumerate(HEADER_LOW):
            if text:
                _set(low.cells[i], text, bold=True)
        top.cells[2].merge(top.cells[4])
        _set(top.cells[2], "Điểm", bold=True)
        for i in (0, 1, 5, 6):
            merged = top.cells[i].merge(low.cells[i])
            _set(merged, HEADER_TOP[i], bold=True)
        _repeat_header(top)
        _repeat_header(low)
    start = len(table.rows)
    for r in rows:
        cells = table.add_row().cells
        _set(cells[0], r.stt, bold=r.area)
        _set(cells[1], r.title, bold=r.area)
        _set(cells[2], r.points.replace(".", ","), bold=r.area)
        _set(cells[5], r.guide)
        _set(cells[6], r.evidence)
    for offset, r in enumerate(rows):
        if r.evidence_down > 1:
            top = table.rows[start + offset].cells[6]
            bottom = table.rows[start + offset + r.evidence_down - 1].cells[6]
            merged = top.merge(bottom)
            _set(merged, r.evidence)
        if r.area:  # an area's row: the method and evidence cells merged across
            row = table.rows[start + offset]
            row.cells[5].merge(row.cells[6])
    table.autofit = False
    for i, width in enumerate(WIDTHS_CM):
        table.columns[i].width = Cm(width)
        for row in table.rows:
            row.cells[i].width = Cm(width)
    return table


def _annex(doc, *, reference: bool) -> None:
    doc.add_paragraph("Phụ lục II")
    doc.add_paragraph(f"BỘ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA UBND CẤP XÃ NĂM {YEAR}")
    if reference:
        doc.add_paragraph(
            f"(Kèm theo Quyết định số {DECISION_NUMBER} ngày 15/12/2024 của UBND tỉnh Hải Dương)"
        )
    a, b = SPLITS
    _criteria_table(doc, ANNEX[:a], header=True, first_row_index=0)
    doc.add_paragraph()
    _criteria_table(doc, ANNEX[a:b], header=True, first_row_index=a)
    _criteria_table(doc, ANNEX[b:], header=False, first_row_index=b)  # continues without header


def _document():
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(11)
    return doc


def whole_decision_docx(path: Path, *, reference: bool = False) -> Path:
    """The decision as issued: opening, articles, signature, Phụ lục I, then the annex."""
    doc = _document()
    head = doc.add_table(rows=1, cols=2)  # the ND 30 header: a borderless table
    _set(head.cell(0, 0), f"ỦY BAN NHÂN DÂN\nTỈNH HẢI DƯƠNG\n\nSố: {DECISION_NUMBER}", bold=True)
    _set(
        head.cell(0, 1),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Hải Dương, ngày 15 tháng 12 năm 2024",
        bold=True,
    )
    for text in (
        "QUYẾT ĐỊNH",
        f"Ban hành Bộ Chỉ số cải cách hành chính của UBND cấp xã năm {YEAR}",
        "ỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;",
        "QUYẾT ĐỊNH:",
        "Điều 1. Ban hành kèm theo Quyết định này Bộ Chỉ số cải cách hành chính của UBND "
        "cấp xã (Phụ lục II) và phân công theo dõi (Phụ lục I).",
        "Điều 2. Quyết định có hiệu lực kể từ ngày ký.",
    ):
        doc.add_paragraph(text)
    sign = doc.add_table(rows=1, cols=2)
    _set(sign.cell(0, 0), "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.")
    _set(sign.cell(0, 1), "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An")
    doc.add_page_break()
    doc.add_paragraph("Phụ lục I")
    doc.add_paragraph("PHÂN CÔNG CƠ QUAN THEO DÕI, ĐÁNH GIÁ CÁC LĨNH VỰC")
    assign = doc.add_table(rows=1, cols=4)
    assign.style = "Table Grid"
    for i, text in enumerate(("STT", "Lĩnh vực", "Điểm tối đa", "Cơ quan chủ trì")):
        _set(assign.cell(0, i), text, bold=True)
    for stt, title, pts, who in (
        ("I", "Công tác chỉ đạo, điều hành", "40", "Sở Nội vụ"),
        ("II", "Cải cách thể chế", "25,5", "Sở Tư pháp"),
        ("III", "Cải cách thủ tục hành chính", "34,5", "Văn phòng UBND tỉnh"),
    ):
        cells = assign.add_row().cells
        for i, text in enumerate((stt, title, pts, who)):
            _set(cells[i], text)
    doc.add_page_break()
    _annex(doc, reference=reference)
    doc.add_paragraph()
    after = doc.add_table(rows=1, cols=2)
    _set(after.cell(0, 1), "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH")
    doc.save(path)
    return path


def annex_docx(path: Path) -> Path:
    """The annex alone, with its "Kèm theo Quyết định …" line."""
    doc = _document()
    _annex(doc, reference=True)
    doc.save(path)
    return path


# --- the scoring portal's page ------------------------------------------------------------


def portal_html(path: Path) -> Path:
    """A saved page of the scoring portal: a login form table, a layout table with a menu,
    and inside it the criteria table with rowspan/colspan, <br> and &nbsp;."""
    body: list[str] = []
    body.append(
        "<tr><th rowspan='2'>STT</th><th rowspan='2'>Nội dung tiêu chí</th>"
        "<th colspan='3'>Điểm</th><th rowspan='2'>Phương pháp<br>đánh giá</th>"
        "<th rowspan='2'>Tài liệu kiểm chứng</th></tr>"
        "<tr><th>Tối đa</th><th>Tự đánh giá</th><th>Thẩm định</th></tr>"
    )
    skip = 0
    for r in ANNEX:
        cells = [
            f"<td>{escape(r.stt)}</td>",
            f"<td>{escape(r.title).replace(chr(160), '&nbsp;')}</td>",
            f"<td>{escape(r.points)}</td><td><input type='text' value=''></td><td></td>",
            f"<td>{escape(r.guide).replace(chr(10), '<br>')}</td>",
        ]
        if skip:
            skip -= 1
        elif r.evidence_down > 1:
            cells.append(
                f"<td rowspan='{r.evidence_down}'>{escape(r.evidence).replace(chr(10), '<br/>')}</td>"
            )
            skip = r.evidence_down - 1
        else:
            cells.append(f"<td>{escape(r.evidence)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    page = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Bộ chỉ số CCHC</title>
<style>td {{ border: 1px solid #999 }}</style><script>var x = "<table>";</script></head>
<body>
<form action="/dang-nhap"><table><tr><td>Tên đăng nhập</td><td><input name="u"></td></tr>
<tr><td>Mật khẩu</td><td><input type="password" name="p"></td></tr></table></form>
<table class="layout"><tr><td><ul><li>Trang chủ</li><li>Chấm điểm</li></ul></td>
<td><h3>BỘ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA UBND CẤP XÃ NĂM {YEAR}</h3>
<p>(Kèm theo Quyết định số {DECISION_NUMBER} ngày 15/12/2024 của UBND tỉnh Hải Dương)</p>
<table class="grid" border="1">{"".join(body)}</table>
</td></tr></table>
<table><tr><td>© Sở Nội vụ</td><td>Điểm tối đa</td></tr></table>
</body></html>"""
    path.write_text(page, encoding="utf-8")
    return path


def clipboard_tsv() -> str:
    """The annex as Excel puts it on the clipboard (tab-separated, quoted line breaks)."""

    def q(text: str) -> str:
        return f'"{text}"' if "\n" in text else text

    lines = ["STT\tNội dung\tĐiểm tối đa\tCách tính điểm\tTài liệu kiểm chứng"]
    for r in ANNEX:
        lines.append("\t".join((r.stt, r.title, r.points, q(r.guide), q(r.evidence))))
    return "\r\n".join(lines) + "\r\n"
