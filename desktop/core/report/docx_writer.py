"""The report as a .docx per ND 30/2020/ND-CP Phụ lục I (python-docx).

A4 portrait; margins from the report (20/20/30/15 mm by default); Times New Roman; a
two-column borderless header table (issuing body with a short rule, Quốc hiệu and tiêu ngữ
with a rule as long as it, ``Số:`` and the place and date on one row); the title and
trích yếu with a short rule; justified body paragraphs with a first-line indent and 6 pt
after; page numbers at the top centre from page 2 (a different, empty first-page header);
the ``Nơi nhận:`` list and the signature block side by side in a borderless table.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from desktop.core.docx_common import cant_split, set_run_font, write_atomic
from desktop.core.progress import NO_PROGRESS, Progress
from desktop.core.report.layout import (
    BODY_RULE_MM,
    FIRST_LINE_INDENT_MM,
    FONT,
    HEADER_DISTANCE_MM,
    LEFT_COL_MM,
    MOTTO,
    MOTTO_RULE_MM,
    NATIONAL,
    RIGHT_COL_MM,
    RULE_GAP_PT,
    RULE_PT,
    SIGN_GAP_PT,
    SIGN_LEFT_MM,
    SIGN_RIGHT_MM,
    SIGN_SPACE_LINES,
    STYLES,
    SUMMARY_RULE_MM,
    ReportDocument,
)

A4_MM = (210, 297)
_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
}


def write_docx(doc: ReportDocument, path: Path, progress: Progress = NO_PROGRESS) -> Path:
    """Write ``path`` (atomically: a failed export leaves no half file)."""
    progress.update(0, 0, f"Đang ghi {path.name}…")
    document = build_docx(doc)
    write_atomic(path, lambda tmp: document.save(str(tmp)))
    return path


def build_docx(doc: ReportDocument):
    d = Document()
    _normal_style(d)
    section = d.sections[0]
    section.page_width, section.page_height = Mm(A4_MM[0]), Mm(A4_MM[1])
    m = doc.margins
    section.top_margin, section.bottom_margin = Mm(m.top), Mm(m.bottom)
    section.left_margin, section.right_margin = Mm(m.left), Mm(m.right)
    section.header_distance = Mm(HEADER_DISTANCE_MM)
    section.footer_distance = Mm(HEADER_DISTANCE_MM)
    _page_numbers(section)
    text_width = A4_MM[0] - m.left - m.right

    _header_table(d, doc)
    para(d, "title", doc.title)
    for line in doc.summary:
        para(d, "summary", line)
    _rule(d.add_paragraph(), SUMMARY_RULE_MM, text_width, after=12)
    for b in doc.blocks:
        para(d, b.style, b.text)
    _signature_table(d, doc)
    return d


def _normal_style(d) -> None:
    normal = d.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(STYLES["body"].size)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    pf = normal.paragraph_format
    pf.space_before, pf.space_after = Pt(0), Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE


def para(container, style: str, text: str):
    """A paragraph of ``text`` in one of the layout's styles."""
    st = STYLES[style]
    p = container.add_paragraph()
    _format(p, style)
    set_run_font(p.add_run(text), st.size, bold=st.bold, italic=st.italic)
    return p


def _format(p, style: str) -> None:
    st = STYLES[style]
    pf = p.paragraph_format
    p.alignment = _ALIGN[st.align]
    pf.first_line_indent = Mm(FIRST_LINE_INDENT_MM) if st.indent else None
    pf.space_before, pf.space_after = Pt(st.space_before), Pt(st.space_after)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    pf.keep_with_next = st.keep_with_next or None
    pf.widow_control = True


def _cell_para(cell, style: str, text: str, first: bool):
    p = cell.paragraphs[0] if first else cell.add_paragraph()
    _format(p, style)
    st = STYLES[style]
    set_run_font(p.add_run(text), st.size, bold=st.bold, italic=st.italic)
    return p


def _rule(p, length_mm: float, width_mm: float, *, after: float = 0) -> None:
    """A horizontal rule of ``length_mm`` centred in ``width_mm``: an empty paragraph 2 pt
    high (its mark 1 pt) with a bottom border, indented from both sides."""
    pf = p.paragraph_format
    indent = max((width_mm - length_mm) / 2, 0)
    pf.left_indent = pf.right_indent = Mm(indent)
    pf.space_before, pf.space_after = Pt(2), Pt(after)
    pf.line_spacing = Pt(2)
    pf.first_line_indent = None
    p_pr = p._p.get_or_add_pPr()
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")  # half-points
    mark.append(size)
    p_pr.append(mark)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(round(RULE_PT * 8)))  # eighths of a point
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    p_pr.append(borders)


def _borderless(table, widths_mm: tuple[float, ...]) -> None:
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for i, w in enumerate(widths_mm):
        table.columns[i].width = Mm(w)
        for cell in table.columns[i].cells:
            cell.width = Mm(w)


def _header_table(d, doc: ReportDocument) -> None:
    t = d.add_table(rows=2, cols=2)
    _borderless(t, (LEFT_COL_MM, RIGHT_COL_MM))
    left, right = t.cell(0, 0), t.cell(0, 1)
    for i, line in enumerate(doc.body_name):
        _cell_para(left, "body_name", line, i == 0)
    _rule(left.add_paragraph(), BODY_RULE_MM, LEFT_COL_MM - 3.8, after=RULE_GAP_PT)
    _cell_para(right, "national", NATIONAL, True)
    _cell_para(right, "motto", MOTTO, False)
    _rule(right.add_paragraph(), MOTTO_RULE_MM, RIGHT_COL_MM - 3.8, after=RULE_GAP_PT)
    _cell_para(t.cell(1, 0), "number", doc.number_line, True)
    _cell_para(t.cell(1, 1), "place_date", doc.place_date, True)
    for row in t.rows:
        cant_split(row)


def _signature_table(d, doc: ReportDocument) -> None:
    t = d.add_table(rows=1, cols=2)
    _borderless(t, (SIGN_LEFT_MM, SIGN_RIGHT_MM))
    cant_split(t.rows[0])
    left, right = t.cell(0, 0), t.cell(0, 1)
    label = _cell_para(left, "recipients_label", "Nơi nhận:", True)
    label.paragraph_format.space_before = Pt(SIGN_GAP_PT)
    for line in doc.recipients:
        _cell_para(left, "recipients", line, False)
    top = _cell_para(right, "sign_authority", doc.sign_authority, True)
    top.paragraph_format.space_before = Pt(SIGN_GAP_PT)
    _cell_para(right, "sign_title", doc.sign_title, False)
    for _ in range(SIGN_SPACE_LINES):
        _cell_para(right, "signer", "", False)
    _cell_para(right, "signer", doc.signer, False)


def _field(run, instruction: str) -> None:
    """A Word field (``PAGE``) inside ``run``."""
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "2"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for el in (begin, instr, sep, shown, end):
        run._r.append(el)


def _page_numbers(section) -> None:
    """Page number at the top centre from page 2; the first page's header stays empty."""
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    _format(p, "page_number")
    run = p.add_run()
    set_run_font(run, STYLES["page_number"].size)
    _field(run, "PAGE")
    first = section.first_page_header
    first.is_linked_to_previous = False
