"""A minimal administrative document (ND 30/2020/ND-CP, Phụ lục I) as .docx.

Stand-in until the BC-UBND report's writer (``desktop.core.report.docx_writer`` with
``desktop.core.report.layout``, built on another branch) is merged: the names here
(``ReportDocument``, ``Block``, ``STYLES`` keys, ``build_docx``, ``para``) are the same, so
folding it is an import change. A4 portrait, margins 20/20/30/15 mm, Times New Roman; a
borderless two-column header (issuing body with a short rule; Quốc hiệu and tiêu ngữ with
a rule; ``Số:``; place and date in italics); kind and trích yếu; justified 14 pt body with a
first-line indent and 6 pt after; ``Nơi nhận:`` and the signature block side by side; page
numbers at the top centre from page 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from desktop.core.plan_export import (
    _cant_split,
    _fill_cell,
    _repeat_as_header,
    _set_font,
    _write_atomic,
)

# The shared helpers under the names ``desktop.core.docx_common`` gives them on the reports
# branch, so the self-assessment writers import them from here only.
set_run_font = _set_font
cant_split = _cant_split
repeat_as_header = _repeat_as_header
write_atomic = _write_atomic


def fill_cell(cell, text: str, size: float, *, center: bool, bold: bool = False) -> None:
    """A table cell's text, one paragraph per line, in ``size`` points."""
    _fill_cell(cell, text, center=center, bold=bold)
    for p in cell.paragraphs:
        for run in p.runs:
            run.font.size = Pt(size)


FONT = "Times New Roman"
NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
A4_MM = (210, 297)
MARGINS_MM = (20, 20, 30, 15)  # top, bottom, left, right
LEFT_COL_MM, RIGHT_COL_MM = 60.0, 105.0
SIGN_LEFT_MM, SIGN_RIGHT_MM = 80.0, 85.0
RULES_MM = {"body": 20.0, "motto": 62.7, "summary": 40.0}
INDENT_MM = 12.7


@dataclass(frozen=True)
class TextStyle:
    size: float
    bold: bool = False
    italic: bool = False
    align: str = "justify"
    indent: bool = True
    space_before: float = 0.0
    space_after: float = 6.0
    keep_with_next: bool = False


def _centred(size: float, **kw) -> TextStyle:
    return TextStyle(size, align="center", indent=False, space_after=0, **kw)


STYLES: dict[str, TextStyle] = {
    "body_name": _centred(13, bold=True),
    "number": _centred(13),
    "national": _centred(13, bold=True),
    "motto": _centred(14, bold=True),
    "place_date": _centred(14, italic=True),
    "title": TextStyle(14, bold=True, align="center", indent=False, space_before=18, space_after=0),
    "summary": _centred(14, bold=True),
    "h1": TextStyle(14, bold=True, keep_with_next=True),
    "h2": TextStyle(14, bold=True, keep_with_next=True),
    "body": TextStyle(14),
    "recipients_label": TextStyle(
        12, bold=True, italic=True, align="left", indent=False, space_after=0
    ),
    "recipients": TextStyle(11, align="left", indent=False, space_after=0),
    "sign_authority": _centred(13, bold=True),
    "sign_title": _centred(13, bold=True),
    "signer": _centred(14, bold=True),
    "page_number": _centred(13),
}
_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
}


@dataclass(frozen=True)
class Block:
    style: str
    text: str


@dataclass(frozen=True)
class ReportDocument:
    body_name: list[str]
    number_line: str
    place_date: str
    title: str
    summary: list[str]
    blocks: list[Block]
    recipients: list[str]
    sign_authority: str
    sign_title: str
    signer: str


def long_date(place: str, value: date | None) -> str:
    """``Đồng Tâm, ngày 04 tháng 4 năm 2023`` (ND 30: day padded, months 1–2 padded)."""
    if value is None:
        text = "ngày      tháng      năm"
    else:
        month = f"{value.month:02d}" if value.month < 3 else str(value.month)
        text = f"ngày {value.day:02d} tháng {month} năm {value.year}"
    return f"{place}, {text}" if place else text.capitalize()


def build_docx(doc: ReportDocument):
    d = Document()
    normal = d.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    section = d.sections[0]
    section.page_width, section.page_height = Mm(A4_MM[0]), Mm(A4_MM[1])
    top, bottom, left, right = MARGINS_MM
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance = Mm(10)
    _page_numbers(section)
    width = A4_MM[0] - left - right

    header = d.add_table(rows=2, cols=2)
    _borderless(header, (LEFT_COL_MM, RIGHT_COL_MM))
    lc, rc = header.cell(0, 0), header.cell(0, 1)
    for i, line in enumerate(doc.body_name):
        _cell_para(lc, "body_name", line, i == 0)
    _rule(lc.add_paragraph(), RULES_MM["body"], LEFT_COL_MM - 3.8, after=6)
    _cell_para(rc, "national", NATIONAL, True)
    _cell_para(rc, "motto", MOTTO, False)
    _rule(rc.add_paragraph(), RULES_MM["motto"], RIGHT_COL_MM - 3.8, after=6)
    _cell_para(header.cell(1, 0), "number", doc.number_line, True)
    _cell_para(header.cell(1, 1), "place_date", doc.place_date, True)
    for row in header.rows:
        cant_split(row)

    para(d, "title", doc.title)
    for line in doc.summary:
        para(d, "summary", line)
    _rule(d.add_paragraph(), RULES_MM["summary"], width, after=12)
    for b in doc.blocks:
        para(d, b.style, b.text)

    sign = d.add_table(rows=1, cols=2)
    _borderless(sign, (SIGN_LEFT_MM, SIGN_RIGHT_MM))
    cant_split(sign.rows[0])
    sl, sr = sign.cell(0, 0), sign.cell(0, 1)
    _cell_para(sl, "recipients_label", "Nơi nhận:", True).paragraph_format.space_before = Pt(6)
    for line in doc.recipients:
        _cell_para(sl, "recipients", line, False)
    _cell_para(sr, "sign_authority", doc.sign_authority, True).paragraph_format.space_before = Pt(6)
    _cell_para(sr, "sign_title", doc.sign_title, False)
    for _ in range(5):  # room for the signature and the seal
        _cell_para(sr, "signer", "", False)
    _cell_para(sr, "signer", doc.signer, False)
    return d


def _format(p, style: str) -> None:
    st = STYLES[style]
    pf = p.paragraph_format
    p.alignment = _ALIGN[st.align]
    pf.first_line_indent = Mm(INDENT_MM) if st.indent else None
    pf.space_before, pf.space_after = Pt(st.space_before), Pt(st.space_after)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    pf.keep_with_next = st.keep_with_next or None
    pf.widow_control = True


def para(container, style: str, text: str):
    st = STYLES[style]
    p = container.add_paragraph()
    _format(p, style)
    set_run_font(p.add_run(text), st.size, bold=st.bold, italic=st.italic)
    return p


def _cell_para(cell, style: str, text: str, first: bool):
    p = cell.paragraphs[0] if first else cell.add_paragraph()
    _format(p, style)
    st = STYLES[style]
    set_run_font(p.add_run(text), st.size, bold=st.bold, italic=st.italic)
    return p


def _el(tag: str, **attrs: str):
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(k), v)
    return el


def _rule(p, length_mm: float, width_mm: float, *, after: float = 0) -> None:
    """A centred horizontal rule: an empty 2 pt paragraph with a bottom border."""
    pf = p.paragraph_format
    pf.left_indent = pf.right_indent = Mm(max((width_mm - length_mm) / 2, 0))
    pf.space_before, pf.space_after = Pt(2), Pt(after)
    pf.line_spacing = Pt(2)
    p_pr = p._p.get_or_add_pPr()
    mark = _el("w:rPr")
    mark.append(_el("w:sz", **{"w:val": "2"}))
    p_pr.append(mark)
    borders = _el("w:pBdr")
    borders.append(
        _el("w:bottom", **{"w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "000000"})
    )
    p_pr.append(borders)


def _borderless(table, widths_mm: tuple[float, ...]) -> None:
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    borders = _el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_el(f"w:{side}", **{"w:val": "nil"}))
    tbl_pr.append(borders)
    tbl_pr.append(_el("w:tblLayout", **{"w:type": "fixed"}))
    for i, w in enumerate(widths_mm):
        table.columns[i].width = Mm(w)
        for cell in table.columns[i].cells:
            cell.width = Mm(w)


def _page_numbers(section) -> None:
    """Page number at the top centre from page 2 (the first page's header stays empty)."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    _format(p, "page_number")
    run = p.add_run()
    set_run_font(run, STYLES["page_number"].size)
    for el in (
        _el("w:fldChar", **{"w:fldCharType": "begin"}),
        _el("w:instrText", **{"xml:space": "preserve"}),
        _el("w:fldChar", **{"w:fldCharType": "separate"}),
        _el("w:t"),
        _el("w:fldChar", **{"w:fldCharType": "end"}),
    ):
        run._r.append(el)
    run._r[-4].text = " PAGE "
    run._r[-2].text = "2"
    section.first_page_header.is_linked_to_previous = False
