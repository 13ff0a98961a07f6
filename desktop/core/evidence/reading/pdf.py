"""A PDF's text layer read by positions, with pypdfium2 (PDFium; Apache-2.0/BSD-3).

PDFium hands the text of a page as rectangles, one per run of text on a line; the two
columns of the header table come out as separate rectangles, so the left column (organ,
number, V/v) and the right one (motto, place and date) are told apart by where they stand.
Only the first page (the header, the kind and the trích yếu) and the last page (the
signature block) are read: a ten-page report costs what a two-page one does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from desktop.core.evidence.reading.layout import DocumentText, Line, clean_line, is_rule
from desktop.core.evidence.reading.signature import SignatureInfo, pdf_signatures
from desktop.core.office.text import fold

# "Số: 45/KH-UBND", "S6: 478 /UBND-NV"; "ngày 28 tháng 12 năm 2022"
_NUMBER_START = re.compile(r"^\s*s[o0-9b]\s*[:;.]?\s*\d{0,5}\s*/", re.IGNORECASE)
_DATE_WORDS = re.compile(r"ng\w{0,2}y\s*\d{1,2}\s*th\w{0,3}ng\s*\d{1,2}\s*n\w{0,2}m\s*\d{4}")


@dataclass
class _Run:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)


def _runs(page: pdfium.PdfPage) -> list[_Run]:
    textpage = page.get_textpage()
    try:
        out = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            text = clean_line(textpage.get_text_bounded(left, bottom, right, top))
            if text:
                out.append(_Run(text, left, right, top, bottom))
    finally:
        textpage.close()
    # top to bottom, then left to right (PDF y grows upwards)
    out.sort(key=lambda r: (-round(r.top / 3), r.x0))
    return out


def _lines(runs: list[_Run], centre: float, width: float) -> list[Line]:
    """Body lines: runs on the same baseline joined, centred ones marked, gaps noted."""
    lines: list[Line] = []
    prev: _Run | None = None
    for run in runs:
        if prev is not None and abs(run.top - prev.top) < run.height / 2:
            lines[-1].text += " " + run.text
            prev = run
            continue
        # a blank line, not a paragraph's spacing (text runs are ~0.75 of the line pitch)
        gap = prev is not None and prev.bottom - run.top > 1.6 * run.height
        centred = abs(run.centre - centre) < 0.04 * width and (run.x1 - run.x0) < 0.92 * width
        lines.append(Line(run.text, centered=centred, gap_before=gap))
        prev = run
    return lines


def _split_header(runs: list[_Run], page_height: float, centre: float) -> int:
    """How many runs (from the top) form the two-column header; 0 when none is seen."""
    top_part = [
        (i, r) for i, r in enumerate(runs) if r.top > page_height * 0.55
    ]  # the header sits in the upper part of page 1
    number_i = next((i for i, r in top_part if _NUMBER_START.match(fold(r.text))), None)
    date_i = next((i for i, r in top_part if _DATE_WORDS.search(fold(r.text))), None)
    found = [i for i in (number_i, date_i) if i is not None]
    if not found:
        return 0
    last = max(found)
    # both columns of the number/date row belong to the header
    row_top = runs[last].top
    end = last + 1
    while end < len(runs) and abs(runs[end].top - row_top) < runs[end].height / 2:
        end += 1
    # the V/v lines under the number stay in the left column
    if number_i is not None:
        prev = runs[end - 1]
        while end < len(runs):
            run = runs[end]
            close = prev.bottom - run.top < 1.2 * run.height
            if run.x1 < centre and close:
                prev = run
                end += 1
            else:
                break
    return end


def _closing(runs: list[_Run], centre: float, width: float) -> list[str]:
    """The signature block: the right-hand runs under the last full-width line."""
    full = [i for i, r in enumerate(runs) if (r.x1 - r.x0) > 0.7 * width]
    start = full[-1] + 1 if full else 0
    block = [r for r in runs[start:] if not is_rule(r.text)]
    right = [r.text for r in block if r.centre > centre]
    # a block set with tabs at the left, or one that spilled onto the last page alone
    return right or [r.text for r in block]


def read_pdf(path: Path) -> tuple[DocumentText, SignatureInfo]:
    """The first and last pages' lines, and the signatures."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        signature = pdf_signatures(pdf)
        pages = len(pdf)
        if pages == 0:
            return DocumentText(pages=0, text_layer=False), signature
        first = pdf[0]
        page_width, page_height = first.get_size()
        runs = _runs(first)
        last_runs = runs if pages == 1 else _runs(pdf[pages - 1])
    finally:
        pdf.close()
    if not runs and not last_runs:
        return DocumentText(pages=pages, text_layer=False), signature
    xs = [r.x0 for r in runs] + [r.x1 for r in runs]
    left, right = (min(xs), max(xs)) if xs else (0.0, page_width)
    centre, width = (left + right) / 2, max(right - left, 1.0)

    n = _split_header(runs, page_height, centre)
    text = DocumentText(pages=pages)
    header = [r for r in runs[:n] if not is_rule(r.text)]
    for run in header:
        # on a row of two runs the left one is the left column, whatever its width
        row = [r for r in header if abs(r.top - run.top) < run.height / 2]
        left = run is min(row, key=lambda r: r.x0) if len(row) > 1 else run.centre < centre
        (text.header_left if left else text.header_right).append(run.text)
    text.body = _lines(runs[n:], centre, width)
    text.closing = _closing(last_runs, centre, width)
    text.content = "\n".join(r.text for r in runs + (last_runs if pages > 1 else []))
    return text, signature


def open_only(path: Path) -> int:
    """Open the PDF and count its pages (the benchmark's baseline)."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()
