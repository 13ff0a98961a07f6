"""The report as a .docx per ND 30/2020/ND-CP Phụ lục I (python-docx).

A4 portrait; margins from the report (20/20/30/15 mm by default); Times New Roman; a
two-column borderless header table (issuing body with a short rule, Quốc hiệu and tiêu ngữ
with a rule as long as it, ``Số:`` and the place and date on one row); the title and
trích yếu with a short rule; justified body paragraphs with a first-line indent and 6 pt
after; page numbers at the top centre from page 2 (a different, empty first-page header);
the ``Nơi nhận:`` list and the signature block side by side in a borderless table.

python-docx gives the template, the section, the page headers and the saving; the body is
written as WordprocessingML text and parsed once (formatting hundreds of paragraphs one
python-docx property at a time took most of the export's time). Each style's paragraph and
run properties are made once (``_ppr``, ``_rpr``) and are the same elements python-docx
would write, in the schema's order.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from docx import Document
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from desktop.core.office.docx_common import set_properties, write_atomic
from desktop.core.office.docx_xml import FONTS, parse_wml, run_text
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
CELL_PADDING_MM = 3.8  # a cell's text is this much narrower than its column
_JC = {"justify": "both", "center": "center", "left": "left"}
_SINGLE = 'w:line="240" w:lineRule="auto"'
_NO_BORDERS = (
    "<w:tblBorders>"
    + "".join(
        f'<w:{side} w:val="nil"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders>"
)
_TABLE_LOOK = (  # what python-docx gives a new table
    '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
    'w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
)


def write_docx(doc: ReportDocument, path: Path, progress: Progress = NO_PROGRESS) -> Path:
    """Write ``path`` (atomically: a failed export leaves no half file)."""
    progress.update(0, 0, f"Đang ghi {path.name}…")
    document = build_docx(doc)
    write_atomic(path, lambda tmp: document.save(str(tmp)))
    return path


def build_docx(doc: ReportDocument):
    d = Document()
    set_properties(d, title=" ".join(doc.summary) or doc.title, author=doc.author)
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

    xml = [_header_table(doc), _p("title", doc.title)]
    xml += [_p("summary", line) for line in doc.summary]
    xml.append(_rule(SUMMARY_RULE_MM, text_width, after=12))
    if doc.addressee:
        xml.append(_p("addressee", doc.addressee_line))
    # The closing paragraph keeps with the signature table (its row cannot split), so
    # "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / name" and "Nơi nhận" never stand apart nor alone.
    last = len(doc.blocks) - 1
    xml += [_p(b.style, b.text, keep=i == last) for i, b in enumerate(doc.blocks)]
    xml.append(_signature_table(doc))
    body = d.element.body
    at = body.index(body.sectPr)
    body[at:at] = list(parse_wml("w:body", "".join(xml)))
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
    """A paragraph of ``text`` in one of the layout's styles, added to ``container`` (a
    document or a table cell); python-docx's paragraph, to be adjusted further."""
    p = container.add_paragraph()
    p._p.extend(list(parse_wml("w:p", _ppr(style) + _run(style, text))))
    return p


@cache
def _ppr(
    style: str, space_before: float | None = None, page_header: bool = False, keep: bool = False
) -> str:
    """A style's paragraph properties: alignment, first-line indent, spacing (single
    lines), kept with the next paragraph (the style's or ``keep``), widow control."""
    st = STYLES[style]
    before = st.space_before if space_before is None else space_before
    return "".join(
        (
            "<w:pPr>",
            '<w:pStyle w:val="Header"/>' if page_header else "",
            "<w:keepNext/>" if st.keep_with_next or keep else "",
            "<w:widowControl/>",
            f'<w:spacing w:before="{Pt(before).twips}" w:after="{Pt(st.space_after).twips}" '
            f"{_SINGLE}/>",
            f'<w:ind w:firstLine="{Mm(FIRST_LINE_INDENT_MM).twips}"/>' if st.indent else "",
            f'<w:jc w:val="{_JC[st.align]}"/>',
            "</w:pPr>",
        )
    )


@cache
def _rpr(style: str) -> str:
    """A style's run properties: Times New Roman (also for East Asian text), size, bold,
    italic."""
    st = STYLES[style]
    return "".join(
        (
            "<w:rPr>",
            FONTS,
            "<w:b/>" if st.bold else "",
            "<w:i/>" if st.italic else "",
            f'<w:sz w:val="{int(Pt(st.size).pt * 2)}"/>',  # half-points
            "</w:rPr>",
        )
    )


def _run(style: str, text: str) -> str:
    return f"<w:r>{_rpr(style)}{run_text(text)}</w:r>"


def _p(style: str, text: str, *, space_before: float | None = None, keep: bool = False) -> str:
    return f"<w:p>{_ppr(style, space_before, keep=keep)}{_run(style, text)}</w:p>"


def _rule(length_mm: float, width_mm: float, *, after: float = 0) -> str:
    """A horizontal rule of ``length_mm`` centred in ``width_mm``: an empty paragraph 2 pt
    high (its mark 1 pt) with a bottom border, indented from both sides."""
    indent = Mm(max((width_mm - length_mm) / 2, 0)).twips
    return (
        "<w:p><w:pPr><w:pBdr>"
        f'<w:bottom w:val="single" w:sz="{round(RULE_PT * 8)}" w:space="1" w:color="000000"/>'
        "</w:pBdr>"  # eighths of a point
        f'<w:spacing w:before="{Pt(2).twips}" w:after="{Pt(after).twips}" '
        f'w:line="{Pt(2).twips}" w:lineRule="exact"/>'
        f'<w:ind w:left="{indent}" w:right="{indent}"/>'
        '<w:rPr><w:sz w:val="2"/></w:rPr>'  # half-points
        "</w:pPr></w:p>"
    )


def _table(widths_mm: tuple[float, ...], rows: list[list[str]]) -> str:
    """A centred borderless table of fixed column widths whose rows stay on one page;
    ``rows`` holds each cell's paragraphs."""
    widths = [Mm(w).twips for w in widths_mm]
    out = [
        '<w:tbl><w:tblPr><w:tblW w:type="auto" w:w="0"/><w:jc w:val="center"/>',
        _NO_BORDERS,
        '<w:tblLayout w:type="fixed"/>',
        _TABLE_LOOK,
        "</w:tblPr><w:tblGrid>",
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    for row in rows:
        out.append('<w:tr><w:trPr><w:cantSplit w:val="true"/></w:trPr>')
        for w, cell in zip(widths, row, strict=True):
            out.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{w}"/></w:tcPr>{cell}</w:tc>')
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _header_table(doc: ReportDocument) -> str:
    body_name = "".join(_p("body_name", line) for line in doc.body_name)
    body_rule = _rule(BODY_RULE_MM, LEFT_COL_MM - CELL_PADDING_MM, after=RULE_GAP_PT)
    motto_rule = _rule(MOTTO_RULE_MM, RIGHT_COL_MM - CELL_PADDING_MM, after=RULE_GAP_PT)
    return _table(
        (LEFT_COL_MM, RIGHT_COL_MM),
        [
            [body_name + body_rule, _p("national", NATIONAL) + _p("motto", MOTTO) + motto_rule],
            [_p("number", doc.number_line), _p("place_date", doc.place_date)],
        ],
    )


def _signature_table(doc: ReportDocument) -> str:
    left = [_p("recipients_label", "Nơi nhận:", space_before=SIGN_GAP_PT)]
    left += [_p("recipients", line) for line in doc.recipients]
    right = [
        _p("sign_authority", doc.sign_authority, space_before=SIGN_GAP_PT),
        _p("sign_title", doc.sign_title),
        *(_p("signer", "") for _ in range(SIGN_SPACE_LINES)),
        _p("signer", doc.signer),
    ]
    return _table((SIGN_LEFT_MM, SIGN_RIGHT_MM), [["".join(left), "".join(right)]])


def _page_numbers(section) -> None:
    """Page number at the top centre from page 2; the first page's header stays empty."""
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    field = (  # a PAGE field showing 2 until Word updates it
        '<w:fldChar w:fldCharType="begin"/>'
        '<w:instrText xml:space="preserve"> PAGE </w:instrText>'
        '<w:fldChar w:fldCharType="separate"/><w:t>2</w:t><w:fldChar w:fldCharType="end"/>'
    )
    (number,) = parse_wml(
        "w:hdr",
        f"<w:p>{_ppr('page_number', page_header=True)}"
        f"<w:r>{_rpr('page_number')}{field}</w:r></w:p>",
    )
    old = header.paragraphs[0]._p
    old.getparent().replace(old, number)
    first = section.first_page_header
    first.is_linked_to_previous = False
