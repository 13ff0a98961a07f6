"""The signature block ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / name", with "Nơi nhận") is never
split across pages nor left alone on a page: it stays with the closing paragraph, in the
app's PDF and in the DOCX (as LibreOffice lays it out). Reports of about nine pages whose
end falls at every place around a page break are checked; before the fix the app's PDF put
"CHỦ TỊCH" on page 8 and the name on page 9 for some of them."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from datetime import date

import pytest
from docx import Document
from report_seed import PERIOD, fill_seed_002

from desktop.core.report.docx_writer import write_docx
from desktop.core.report.layout import Block, build_document
from desktop.core.report.store import create_index_report
from desktop.ui.report.printing import write_pdf

FILLER = (
    "Tiếp tục rà soát, cập nhật tài liệu kiểm chứng của từng tiêu chí thành phần, bảo đảm "
    "đúng thời gian và đúng tiêu chí."
)
SIGNATURE = ("Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn Hùng")
CLOSING = "Trên đây là báo cáo"


@pytest.fixture
def document(ws, tmp_path):
    fill_seed_002(ws, tmp_path)
    with ws.transaction() as s:
        outcome = create_index_report(
            s, index_year=2022, period=PERIOD, number="7", report_date=date(2023, 4, 4)
        )
    return build_document(outcome.report)


def _longer(doc, extra: int):
    """The report with ``extra`` paragraphs more before its closing paragraph."""
    return dataclasses.replace(
        doc, blocks=[*doc.blocks[:-1], *[Block("body", FILLER)] * extra, doc.blocks[-1]]
    )


def _pages(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    return [" ".join(p.split()) for p in text.split("\f") if p.strip()]


def _where(pages: list[str], phrase: str) -> list[int]:
    return [n for n, p in enumerate(pages, start=1) if phrase in p]


def _assert_whole(pages: list[str], what: str) -> None:
    (closing,) = _where(pages, CLOSING)
    for phrase in SIGNATURE:
        assert _where(pages, phrase) == [closing], f"{what}: “{phrase}” not with the closing"
    assert closing == len(pages), f"{what}: a page after the signature"


def test_app_pdf_keeps_the_signature_block_whole(qapp, document, tmp_path) -> None:
    counts = set()
    for extra in range(46, 58):
        pdf = tmp_path / f"bc-{extra}.pdf"
        counts.add(write_pdf(_longer(document, extra), pdf))
        _assert_whole(_pages(pdf), f"{extra} đoạn thêm")
    assert 9 in counts  # the nine-page report of the issue is among them


def test_docx_keeps_the_closing_paragraph_with_an_unsplittable_signature(document, tmp_path):
    docx = write_docx(document, tmp_path / "bc.docx")
    d = Document(str(docx))
    closing = next(p for p in d.paragraphs if p.text.startswith(CLOSING))
    assert closing._p.pPr.keepNext is not None
    sign = d.tables[-1]
    assert "CHỦ TỊCH" in sign.cell(0, 1).text
    (row,) = sign.rows
    assert (
        row._tr.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit")
        is not None
    )


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_docx_as_laid_out_keeps_the_signature_block_whole(document, tmp_path) -> None:
    files = [
        str(write_docx(_longer(document, extra), tmp_path / f"bc-{extra}.docx"))
        for extra in range(49, 55)
    ]
    out = tmp_path / "lo"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), *files],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for extra in range(49, 55):
        _assert_whole(_pages(out / f"bc-{extra}.pdf"), f"DOCX, {extra} đoạn thêm")
