"""Pieces shared by the app's Word and Excel exports (remediation plan, reports, evidence
index): writing a file atomically with Vietnamese messages for the usual failures, and
python-docx helpers (Times New Roman runs, table header rows, rows kept on one page)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from base.errors import ValidationError
from base.os_reason import os_reason
from desktop.core.office.docx_xml import FONT, parse_wml, run_props, run_text

CELL_SPACING_TWIPS = Pt(2).twips  # above and below a table cell's lines


def write_atomic(path: Path, save: Callable[[Path], None]) -> None:
    """``save(tmp)`` then rename onto ``path``, so a failed export leaves no half file.

    A missing folder (USB stick pulled out), a read-only folder or a file open in
    Word/Excel (Windows refuses to replace it) become messages naming the file."""
    if not path.parent.is_dir():
        raise ValidationError(f"Thư mục {path.parent} không tồn tại (USB đã rút ra?).")
    tmp = path.with_name(f".{path.stem}-{uuid.uuid4().hex[:8]}.tmp{path.suffix}")
    try:
        save(tmp)
        os.replace(tmp, path)
    except PermissionError as exc:
        raise ValidationError(
            f"Không ghi được tệp {path.name}: tệp đang mở trong Word/Excel hoặc thư mục chỉ "
            "cho đọc. Hãy đóng tệp hoặc chọn nơi lưu khác."
        ) from exc
    except OSError as exc:
        raise ValidationError(f"Không ghi được tệp {path}: {os_reason(exc)}.") from exc
    finally:
        if tmp.exists():
            tmp.unlink()


def set_run_font(run, size: float | None = None, *, bold=False, italic=False) -> None:
    run.font.name = FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    if size:
        run.font.size = Pt(size)
    run.bold = bold or None
    run.italic = italic or None


def fill_cell(cell, text: str, size: float, *, center: bool, bold: bool = False) -> None:
    """A table cell's text, one paragraph per line, with 2 pt above and below (written as
    WordprocessingML text: tables of thousands of cells are common in the evidence index)."""
    ppr = (
        f'<w:pPr><w:spacing w:before="{CELL_SPACING_TWIPS}" w:after="{CELL_SPACING_TWIPS}"/>'
        f'<w:jc w:val="{"center" if center else "left"}"/></w:pPr>'
    )
    rpr = run_props(size, bold=bold)
    paragraphs = "".join(
        f"<w:p>{ppr}<w:r>{rpr}{run_text(line)}</w:r></w:p>"
        for line in (text.split("\n") if text else [""])
    )
    tc = cell._tc
    tc.clear_content()  # keeps the cell's properties (width, vertical alignment, shading)
    tc.extend(list(parse_wml("w:tc", paragraphs)))


def repeat_as_header(row) -> None:
    """The row is repeated at the top of every page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def page_numbers(section, size: float = 12) -> None:
    """Page numbers at the top centre from page 2 (ND 30/2020); the first page's header
    stays empty."""
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
        '<w:p><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="center"/></w:pPr>'
        f"<w:r>{run_props(size)}{field}</w:r></w:p>",
    )
    old = header.paragraphs[0]._p
    old.getparent().replace(old, number)
    section.first_page_header.is_linked_to_previous = False


def set_properties(document, *, title: str, author: str) -> None:
    """The file's properties as Word shows them: the title (the trích yếu), the author and
    last editor (the unit), created and modified now; nothing of the template's (its
    "python-docx", its 2013 dates)."""
    from datetime import datetime, timezone

    cp = document.core_properties
    when = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)  # written as UTC
    cp.title = " ".join(title.split())
    cp.author = cp.last_modified_by = " ".join(author.split())
    cp.created = cp.modified = when
    cp.comments = cp.subject = cp.keywords = cp.category = ""
    cp.revision = 1


def cant_split(row) -> None:
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


# --- landscape tables (remediation plan, evidence index) ----------------------------------


def export_docx_or_xlsx(path: Path, build_docx, build_xlsx, what: str) -> Path:
    """Write ``path`` as .docx or .xlsx depending on its suffix (atomically)."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        doc = build_docx()
        write_atomic(path, lambda tmp: doc.save(str(tmp)))
    elif suffix == ".xlsx":
        wb = build_xlsx()
        write_atomic(path, lambda tmp: wb.save(str(tmp)))
    else:
        raise ValidationError(
            f"Không xuất được {what} ra “{path.name}”: chỉ hỗ trợ tệp .docx hoặc .xlsx."
        )
    return path


def landscape_document(body_pt: float = 13, *, title: str = "", author: str = ""):
    """An A4 landscape document in Times New Roman (margins 20/20/20/15 mm) with its
    title and author."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(body_pt)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(20), Mm(15)
    section.header_distance = Mm(10)
    page_numbers(section)
    set_properties(doc, title=title, author=author)
    return doc


def centered(doc, text: str, size: float, *, bold=False, italic=False, after: float = 0):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(after)
    set_run_font(p.add_run(text), size, bold=bold, italic=italic)
    return p


def grid_table(doc, headers, widths_mm, rows: int, size: float):
    """A bordered table of fixed column widths whose bold header row repeats on every page."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.shared import Mm

    table = doc.add_table(rows=1 + rows, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [Mm(w) for w in widths_mm]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:  # row by row: asking a column for its cells reads the whole table
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    header = table.rows[0]
    repeat_as_header(header)
    cant_split(header)
    for i, name in enumerate(headers):
        fill_cell(header.cells[i], name, size, center=True, bold=True)
        header.cells[i].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    return table
