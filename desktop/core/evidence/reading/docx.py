"""A .docx draft read with python-docx: the header table, the paragraphs, the signature table.

Nghị định 30 drafts put the header in a two-column borderless table (left: organ, number,
V/v; right: motto, place and date) and the signature block in another (left: Nơi nhận,
right: the title and the name). A draft that uses tabs instead of a table
(``ỦY BAN NHÂN DÂN<TAB>CỘNG HÒA …``) is split at the tab.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table
from docx.text.paragraph import Paragraph

from desktop.core.evidence.reading.layout import DocumentText, Line, clean_line, is_rule


def _cell_lines(cell) -> list[str]:
    out = []
    for p in cell.paragraphs:
        for part in p.text.splitlines():
            line = clean_line(part)
            if line and not is_rule(line):
                out.append(line)
    return out


def _blocks(doc) -> list[Paragraph | Table]:
    body = doc.element.body
    out: list[Paragraph | Table] = []
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(Paragraph(child, doc))
        elif tag == "tbl":
            out.append(Table(child, doc))
    return out


def _table_columns(table: Table) -> tuple[list[str], list[str]]:
    left: list[str] = []
    right: list[str] = []
    for row in table.rows:
        cells = row.cells
        if not cells:
            continue
        left += _cell_lines(cells[0])
        if len(cells) > 1 and cells[-1]._tc is not cells[0]._tc:
            right += _cell_lines(cells[-1])
    return left, right


def read_docx(path: Path) -> DocumentText:
    doc = Document(str(path))
    blocks = _blocks(doc)
    text = DocumentText(pages=1)
    content: list[str] = []
    start = 0
    # the header table: among the first blocks, before any text
    for i, block in enumerate(blocks[:4]):
        if isinstance(block, Table):
            text.header_left, text.header_right = _table_columns(block)
            start = i + 1
            break
        if clean_line(block.text):
            break
    content += text.header_left + text.header_right
    # the signature table: the last table after the body
    end = len(blocks)
    for i in range(len(blocks) - 1, start - 1, -1):
        if isinstance(blocks[i], Table):
            _left, right = _table_columns(blocks[i])
            if right and i > start:
                text.closing = right
                end = i
            break
    gap = False
    tab_header = not text.has_header
    for block in blocks[start:end]:
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    content += _cell_lines(cell)
            continue
        centred = block.alignment == WD_ALIGN_PARAGRAPH.CENTER
        parts = [clean_line(p) for p in block.text.splitlines()]
        if not any(parts):
            gap = True
            continue
        for part in parts:
            if not part or is_rule(part):
                gap = True
                continue
            if tab_header and not text.body and "\t" in block.text:
                # a header laid out with tabs: the left part is the organ / number
                left, _, right = (clean_line(s) for s in block.text.partition("\t"))
                if left:
                    text.header_left.append(left)
                if right:
                    text.header_right.append(right)
                content.append(part)
                break
            text.body.append(Line(part, centered=centred, gap_before=gap))
            content.append(part)
            gap = False
    if not text.closing:
        # no signature table: the last lines of the document
        text.closing = [ln.text for ln in text.body[-12:]]
    content += text.closing
    text.content = "\n".join(content)
    text.text_layer = bool(text.content.strip())
    return text
