"""Realistic evidence documents laid out like Nghị định 30/2020 (Phụ lục I), built with
python-docx: the header is a two-column borderless table (left: the organ and the number,
with "V/v …" under it for a công văn; right: the national motto and "place, ngày … tháng …
năm …"), then the kind in capitals and the trích yếu, the body, and the signature block as
a second borderless table (left: Nơi nhận, right: TM./KT./TL. title, title, name).

``DOCUMENTS`` lists each document with what an officer would read off it;
``tests/core/evidence/data/make_fixtures.py`` exports them to PDF with LibreOffice once
(the PDFs are committed, so the tests need no LibreOffice).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

BODY = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ "
    "sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày "
    "22 tháng 11 năm 2019;",
    "Căn cứ Quyết định số 3395/QĐ-UBND ngày 15/12/2022 của UBND tỉnh Hải Dương ban hành Quy "
    "định đánh giá, xác định Chỉ số cải cách hành chính của UBND cấp xã;",
    "Để thực hiện tốt công tác cải cách hành chính (CCHC), nâng cao chất lượng giải quyết thủ "
    "tục hành chính (TTHC) và sự hài lòng của người dân, tổ chức, các cơ quan, đơn vị triển "
    "khai thực hiện các nội dung sau:",
    "1. Tiếp tục quán triệt, triển khai đầy đủ các văn bản chỉ đạo của cấp trên về công tác "
    "CCHC; gắn trách nhiệm của người đứng đầu với kết quả thực hiện nhiệm vụ được giao.",
    "2. Niêm yết công khai, đầy đủ, kịp thời các TTHC tại Bộ phận Một cửa; tiếp nhận và giải "
    "quyết hồ sơ đúng hạn; xin lỗi bằng văn bản khi hồ sơ bị trễ hạn.",
    "3. Đẩy mạnh cung cấp dịch vụ công trực tuyến (DVC), số hóa hồ sơ, kết quả giải quyết TTHC; "
    "báo cáo kết quả thực hiện định kỳ hằng quý, 6 tháng và năm.",
)


@dataclass(frozen=True)
class NdDocument:
    """One document and the fields an officer reads off it."""

    stem: str
    organ: tuple[str, ...]  # the left header lines above the number
    number_line: str  # as printed, e.g. "Số: 45/KH-UBND"
    place_date: str  # "Đồng Tâm, ngày 28 tháng 12 năm 2022"
    kind_line: str  # "KẾ HOẠCH"; "" for a công văn
    summary_lines: tuple[str, ...]  # under the kind, or the V/v lines (công văn)
    sign_lines: tuple[str, ...]  # "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
    signer_name: str
    recipients: tuple[str, ...] = ("Như trên;", "Lưu: VT.")
    authority_line: str = ""  # "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN …" (quyết định)
    greeting: str = ""  # "Kính gửi: …" (công văn)
    extra_pages: int = 0  # more body paragraphs: a longer document
    # what an officer would type
    number: str = ""
    issue_date: date | None = None
    kind: str = ""
    summary: str = ""
    issuer: str = ""
    codes: tuple[str, ...] = field(default=())  # the sub-criteria it should serve


DOCUMENTS = (
    NdDocument(
        stem="ke-hoach-cchc-2023",
        organ=("UBND HUYỆN NINH GIANG", "ỦY BAN NHÂN DÂN XÃ ĐỒNG TÂM"),
        number_line="Số: 45/KH-UBND",
        place_date="Đồng Tâm, ngày 28 tháng 12 năm 2022",
        kind_line="KẾ HOẠCH",
        summary_lines=(
            "Cải cách hành chính nhà nước năm 2023",
            "trên địa bàn xã Đồng Tâm",
        ),
        sign_lines=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        signer_name="Nguyễn Văn An",
        extra_pages=1,
        number="45/KH-UBND",
        issue_date=date(2022, 12, 28),
        kind="Kế hoạch",
        summary="Cải cách hành chính nhà nước năm 2023 trên địa bàn xã Đồng Tâm",
        issuer="UBND xã Đồng Tâm",
        codes=("1.1.1",),
    ),
    NdDocument(
        stem="bao-cao-ket-qua-chi-so-2022",
        organ=("ỦY BAN NHÂN DÂN", "XÃ ĐỒNG TÂM"),
        number_line="Số: 123/BC-UBND",
        place_date="Đồng Tâm, ngày 04 tháng 4 năm 2023",
        kind_line="BÁO CÁO",
        summary_lines=(
            "Kết quả đánh giá Chỉ số cải cách hành chính năm 2022",
            "và nhiệm vụ trọng tâm năm 2023",
        ),
        sign_lines=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        signer_name="Nguyễn Văn An",
        recipients=("UBND huyện Ninh Giang;", "Phòng Nội vụ huyện;", "Lưu: VT."),
        extra_pages=2,
        number="123/BC-UBND",
        issue_date=date(2023, 4, 4),
        kind="Báo cáo",
        summary=(
            "Kết quả đánh giá Chỉ số cải cách hành chính năm 2022 và nhiệm vụ trọng tâm năm 2023"
        ),
        issuer="UBND xã Đồng Tâm",
        codes=("1.1.2",),
    ),
    NdDocument(
        stem="quyet-dinh-huyen-cong-bo-chi-so",
        organ=("ỦY BAN NHÂN DÂN", "HUYỆN NINH GIANG"),
        number_line="Số: 766/QĐ-UBND",
        place_date="Ninh Giang, ngày 16 tháng 3 năm 2023",
        kind_line="QUYẾT ĐỊNH",
        summary_lines=(
            "Về việc phê duyệt và công bố Chỉ số cải cách hành chính năm 2022",
            "của Ủy ban nhân dân các xã, thị trấn",
        ),
        authority_line="CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN NINH GIANG",
        sign_lines=("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        signer_name="Trần Văn Bình",
        recipients=("Như Điều 3;", "UBND tỉnh (để b/c);", "Lưu: VT."),
        number="766/QĐ-UBND",
        issue_date=date(2023, 3, 16),
        kind="Quyết định",
        summary=(
            "Về việc phê duyệt và công bố Chỉ số cải cách hành chính năm 2022 "
            "của Ủy ban nhân dân các xã, thị trấn"
        ),
        issuer="UBND huyện Ninh Giang",
    ),
    NdDocument(
        stem="cong-van-ky-cuong-hanh-chinh",
        organ=("ỦY BAN NHÂN DÂN", "XÃ ĐỒNG TÂM"),
        number_line="Số: 215/UBND-VP",
        place_date="Đồng Tâm, ngày 5 tháng 01 năm 2023",
        kind_line="",
        summary_lines=(
            "V/v tăng cường kỷ luật, kỷ cương",
            "hành chính và văn hóa công vụ",
        ),
        greeting="Kính gửi: Các ban, ngành, đoàn thể xã",
        sign_lines=("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        signer_name="Lê Thị Hoa",
        number="215/UBND-VP",
        issue_date=date(2023, 1, 5),
        kind="Công văn",
        summary="tăng cường kỷ luật, kỷ cương hành chính và văn hóa công vụ",
        issuer="UBND xã Đồng Tâm",
        codes=("5.4.1",),
    ),
    NdDocument(
        stem="thong-bao-ket-luan-kiem-tra",
        organ=("UBND HUYỆN NINH GIANG", "PHÒNG NỘI VỤ"),
        number_line="Số: 18/TB-PNV",
        place_date="Ninh Giang, ngày 09 tháng 9 năm 2023",
        kind_line="THÔNG BÁO",
        summary_lines=(
            "Kết luận kiểm tra công tác cải cách hành chính",
            "năm 2023 tại UBND xã Đồng Tâm",
        ),
        sign_lines=("TL. CHỦ TỊCH", "TRƯỞNG PHÒNG NỘI VỤ"),
        signer_name="Phạm Minh Đức",
        number="18/TB-PNV",
        issue_date=date(2023, 9, 9),
        kind="Thông báo",
        summary="Kết luận kiểm tra công tác cải cách hành chính năm 2023 tại UBND xã Đồng Tâm",
        issuer="Phòng Nội vụ huyện Ninh Giang",
    ),
)
BY_STEM = {d.stem: d for d in DOCUMENTS}


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = tbl_pr.makeelement(qn("w:tblBorders"), {})
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(borders.makeelement(qn(f"w:{edge}"), {qn("w:val"): "nil"}))
    tbl_pr.append(borders)


def _para(container, text: str, *, bold=False, italic=False, size=13, align="center", space=0):
    p = container.add_paragraph()
    p.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    p.paragraph_format.space_after = Pt(space)
    p.paragraph_format.space_before = Pt(0)
    if text:
        run = p.add_run(text)
        run.bold = bold
        run.italic = italic
        run.font.size = Pt(size)
    return p


def _cell(cell, lines) -> None:
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    for text, kw in lines:
        _para(cell, text, **kw)


def build_docx(doc: NdDocument, path: Path) -> Path:
    d = Document()
    section = d.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    style = d.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)

    header = d.add_table(rows=2, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(header)
    header.columns[0].width = Cm(6.5)
    header.columns[1].width = Cm(9.5)
    for row in header.rows:
        row.cells[0].width, row.cells[1].width = Cm(6.5), Cm(9.5)
    organ = [
        (line, {"bold": i == len(doc.organ) - 1, "size": 12}) for i, line in enumerate(doc.organ)
    ]
    _cell(header.cell(0, 0), [*organ, ("_______", {"size": 12})])
    _cell(
        header.cell(0, 1),
        [
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {"bold": True, "size": 12}),
            ("Độc lập - Tự do - Hạnh phúc", {"bold": True, "size": 13}),
            ("_______________________", {"size": 12}),
        ],
    )
    left = [(doc.number_line, {"size": 13})]
    if not doc.kind_line:  # a công văn: the trích yếu under the number
        left += [(line, {"size": 12}) for line in doc.summary_lines]
    _cell(header.cell(1, 0), left)
    _cell(header.cell(1, 1), [(doc.place_date, {"italic": True, "size": 14})])

    _para(d, "", space=6)
    if doc.kind_line:
        _para(d, doc.kind_line, bold=True, size=14)
        for line in doc.summary_lines:
            _para(d, line, bold=True, size=14)
        _para(d, "_____________", size=12, space=6)
    if doc.authority_line:
        _para(d, doc.authority_line, bold=True, size=14, space=6)
    if doc.greeting:
        _para(d, doc.greeting, size=14, space=6)
    body = list(BODY) * (1 + 3 * doc.extra_pages)
    for text in body:
        p = _para(d, text, size=14, align="justify", space=6)
        p.paragraph_format.first_line_indent = Cm(1.27)

    sign = d.add_table(rows=1, cols=2)
    _no_borders(sign)
    for cell, width in zip(sign.rows[0].cells, (Cm(8), Cm(8)), strict=True):
        cell.width = width
    _cell(
        sign.cell(0, 0),
        [
            ("Nơi nhận:", {"bold": True, "italic": True, "size": 12, "align": "left"}),
            *[(f"- {r}", {"size": 11, "align": "left"}) for r in doc.recipients],
        ],
    )
    _cell(
        sign.cell(0, 1),
        [
            *[(line, {"bold": True, "size": 14}) for line in doc.sign_lines],
            ("", {}),
            ("", {}),
            ("", {}),
            (doc.signer_name, {"bold": True, "size": 14}),
        ],
    )
    d.save(path)
    return path


# A draft typed without the header table: the two columns set apart with a tab, the
# signature block pushed right with a tab (it may spill onto the last page alone).
TAB_DOCUMENT = NdDocument(
    stem="to-trinh-khong-bang",
    organ=("ỦY BAN NHÂN DÂN", "XÃ ĐỒNG TÂM"),
    number_line="Số:  07 /TTr-UBND",
    place_date="Đồng Tâm, ngày  12  tháng  3  năm  2024",
    kind_line="TỜ TRÌNH",
    summary_lines=(
        "Về việc đề nghị phê duyệt Kế hoạch kiểm tra công tác",
        "cải cách hành chính năm 2024",
    ),
    greeting="Kính gửi: Ủy ban nhân dân huyện Ninh Giang",
    sign_lines=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    signer_name="Nguyễn Văn An",
    number="07/TTr-UBND",
    issue_date=date(2024, 3, 12),
    kind="Tờ trình",
    summary=("Về việc đề nghị phê duyệt Kế hoạch kiểm tra công tác cải cách hành chính năm 2024"),
    issuer="UBND xã Đồng Tâm",
)


def build_docx_tabs(doc: NdDocument, path: Path) -> Path:
    d = Document()
    motto = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
    for left, right in zip(doc.organ, motto, strict=True):
        _para(d, f"{left}\t{right}", bold=True, size=12, align="left")
    _para(d, f"{doc.number_line}\t{doc.place_date}", size=13, align="left")
    _para(d, "")
    _para(d, doc.kind_line, bold=True, size=14, space=8)
    for line in doc.summary_lines:
        _para(d, line, bold=True, size=14, space=8)
    _para(d, doc.greeting, size=14, space=8)
    for text in BODY * 3:
        _para(d, text, size=14, align="justify", space=8)
    for line in doc.sign_lines:
        _para(d, f"\t\t\t{line}", bold=True, size=14, align="left")
    for _ in range(3):
        _para(d, "")
    _para(d, f"\t\t\t{doc.signer_name}", bold=True, size=14, align="left")
    d.save(path)
    return path
