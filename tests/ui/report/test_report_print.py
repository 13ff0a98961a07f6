"""The app's own PDF (Qt, no Word) has the DOCX's text, fonts embedded, A4 pages, the page
number from page 2, and the same page breaks as the DOCX rendered by LibreOffice."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from datetime import date

import pytest
from docx import Document
from report_seed import PERIOD, fill_seed_002

from desktop.core.report.docx_writer import write_docx
from desktop.core.report.layout import build_document
from desktop.core.report.store import create_index_report
from desktop.ui.report.printing import write_pdf

PAGE_NUMBER = re.compile(r"^\s*\d+\s*$")


@pytest.fixture
def document(ws, tmp_path):
    fill_seed_002(ws, tmp_path)
    with ws.transaction() as s:
        outcome = create_index_report(
            s, index_year=2022, period=PERIOD, number="123", report_date=date(2023, 4, 4)
        )
    return build_document(outcome.report)


def _pdf_pages(path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    return [p for p in pages if p.strip()]


def _words(text: str) -> list[str]:
    """Words without hyphens: pdftotext joins a word broken after a hyphen (…/KH-UBND at
    the end of a line) and drops the hyphen."""
    return [w.replace("-", "") for w in text.split() if w.replace("-", "")]


def _docx_words(path) -> tuple[list[str], list[str]]:
    """(body words in order, words in the header and signature tables)."""
    doc = Document(str(path))
    body = [w for p in doc.paragraphs for w in _words(p.text)]
    tables = [w for t in doc.tables for row in t.rows for c in row.cells for w in _words(c.text)]
    return body, tables


def _without_page_numbers(page: str) -> str:
    return "\n".join(ln for ln in page.splitlines() if not PAGE_NUMBER.match(ln))


def test_app_pdf_has_the_docx_text(qapp, document, tmp_path) -> None:
    docx = write_docx(document, tmp_path / "bc.docx")
    pdf = tmp_path / "bc.pdf"
    pages = write_pdf(document, pdf)
    texts = _pdf_pages(pdf)
    assert len(texts) == pages >= 4
    body, tables = _docx_words(docx)
    pdf_words = [w for p in texts for w in _words(_without_page_numbers(p))]
    assert Counter(pdf_words) == Counter(body + tables)
    # the body reads in the same order
    start = pdf_words.index("BÁO")
    assert pdf_words[start : start + len(body)] == body
    # page numbers: none on page 1, then 2, 3, ... at the top
    assert not PAGE_NUMBER.match(texts[0].splitlines()[0])
    for n, page in enumerate(texts[1:], start=2):
        assert page.strip().splitlines()[0].strip() == str(n)


def test_app_pdf_is_a4_with_fonts_embedded(qapp, document, tmp_path) -> None:
    pdf = tmp_path / "bc.pdf"
    write_pdf(document, pdf)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size is not None
    w, h = float(size.group(1)), float(size.group(2))
    assert abs(w - 595.3) < 1 and abs(h - 841.9) < 1  # A4
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    rows = [ln.split() for ln in fonts.splitlines()[2:]]
    assert rows and all("yes" in r[-5:-2] for r in rows)  # embedded


def test_a_pdf_that_cannot_be_written_leaves_nothing(qapp, document, tmp_path) -> None:
    from base.errors import ValidationError

    with pytest.raises(ValidationError, match="USB đã rút ra"):
        write_pdf(document, tmp_path / "usb" / "bc.pdf")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_same_page_breaks_as_the_docx(qapp, document, tmp_path) -> None:
    docx = write_docx(document, tmp_path / "bc.docx")
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "lo"),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    word_pages = _pdf_pages(tmp_path / "lo" / "bc.pdf")
    write_pdf(document, tmp_path / "app.pdf")
    app_pages = _pdf_pages(tmp_path / "app.pdf")
    assert len(app_pages) == len(word_pages)
    # Each page starts where Word's does, give or take the two lines that widow and
    # orphan control may move (Qt has none).
    for n in range(1, len(app_pages)):
        opening = " ".join(_words(_without_page_numbers(app_pages[n]))[:5])
        before = _words(_without_page_numbers(word_pages[n - 1]))[-40:]
        after = _words(_without_page_numbers(word_pages[n]))[:40]
        assert opening in " ".join(before + after), f"page {n + 1} starts elsewhere"
