"""The exported .docx read back with python-docx: ND 30/2020 Phụ lục I's format."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from report_seed import export_seed_report

from base.errors import ValidationError
from desktop.core.report.docx_writer import write_docx
from desktop.core.report.layout import build_document
from desktop.core.report.records import Margins
from desktop.core.report.store import update_header


def _close(length, mm: float) -> bool:
    return abs(length - Mm(mm)) < Mm(0.1)


@pytest.fixture(scope="module")
def docx_path(tmp_path_factory) -> Path:
    """One report like seed 002, exported once for the read-back tests of this module."""
    return export_seed_report(tmp_path_factory.mktemp("seed-002"))[0]


def _para(doc, text: str):
    for p in doc.paragraphs:
        if p.text == text:
            return p
    for t in doc.tables:
        for row in t.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    if p.text == text:
                        return p
    raise AssertionError(f"no paragraph {text!r}")


def _run(p):
    (run,) = [r for r in p.runs if r.text]
    return run


def test_page_a4_with_nd30_margins(docx_path) -> None:
    s = Document(str(docx_path)).sections[0]
    assert _close(s.page_width, 210) and _close(s.page_height, 297)
    assert [
        round(x / Mm(1)) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)
    ] == [20, 20, 30, 15]


def test_edited_margins_are_used(report, seeded, tmp_path) -> None:
    with seeded.transaction() as s:
        info = update_header(s, report.report.id, margins=Margins(25, 22, 35, 20))
    sec = Document(str(write_docx(build_document(info), tmp_path / "b.docx"))).sections[0]
    assert [
        round(x / Mm(1))
        for x in (sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin)
    ] == [25, 22, 35, 20]


@pytest.mark.parametrize(
    ("text", "size", "bold", "italic"),
    [
        ("ỦY BAN NHÂN DÂN", 13, True, None),
        ("XÃ ĐỒNG TÂM", 13, True, None),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True, None),
        ("Độc lập - Tự do - Hạnh phúc", 14, True, None),
        ("Số: 123/BC-UBND", 13, None, None),
        ("Đồng Tâm, ngày 04 tháng 4 năm 2023", 14, None, True),
        ("BÁO CÁO", 14, True, None),
        ("Kết quả đánh giá Chỉ số cải cách hành chính năm 2022", 14, True, None),
        ("I. KẾT QUẢ CHỈ SỐ CCHC NĂM 2022", 14, True, None),
        ("2.1. Ưu điểm", 14, True, True),
        ("- Cải cách thể chế: đạt 4,75/5 điểm, xếp hạng 2/3;", 14, None, None),
        ("Nơi nhận:", 12, True, True),
        ("- BTV Đảng ủy (để b/c);", 11, None, None),
        ("TM. ỦY BAN NHÂN DÂN", 13, True, None),
        ("CHỦ TỊCH", 13, True, None),
        ("Nguyễn Văn Hùng", 14, True, None),
    ],
)
def test_fonts_sizes_bold_italic(docx_path, text, size, bold, italic) -> None:
    run = _run(_para(Document(str(docx_path)), text))
    assert run.font.name == "Times New Roman"
    assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == "Times New Roman"
    assert run.font.size == Pt(size)
    assert (run.bold, run.italic) == (bold, italic)


def test_body_justified_indented_spaced(docx_path) -> None:
    doc = Document(str(docx_path))
    assert doc.styles["Normal"].font.name == "Times New Roman"
    body = [p for p in doc.paragraphs if p.text.startswith(("- ", "+ ", "Căn cứ", "Năm 2022"))]
    assert len(body) > 30
    for p in body:
        pf = p.paragraph_format
        assert p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY, p.text
        assert _close(pf.first_line_indent, 12.7), p.text
        assert pf.space_after >= Pt(6), p.text
        assert pf.line_spacing is None or pf.line_spacing == 1.0  # single
    title = _para(doc, "BÁO CÁO")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_header_table_has_no_borders_and_two_columns(docx_path) -> None:
    doc = Document(str(docx_path))
    header, signature = doc.tables[0], doc.tables[-1]
    for t in (header, signature):
        assert len(t.columns) == 2
        borders = t._tbl.tblPr.find(qn("w:tblBorders"))
        assert borders is not None
        assert {el.get(qn("w:val")) for el in borders} == {"nil"}
        assert t.style is None or "Grid" not in t.style.name
    assert header.cell(0, 0).text.startswith("ỦY BAN NHÂN DÂN\nXÃ ĐỒNG TÂM")
    assert header.cell(0, 1).text.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert "Nơi nhận:" in signature.cell(0, 0).text
    # the rules: a short one under the body's name, one as long as the motto under it
    rules = [
        p
        for p in header.cell(0, 0).paragraphs + header.cell(0, 1).paragraphs
        if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None
    ]
    assert len(rules) == 2
    left_len = Mm(60 - 3.8) - 2 * rules[0].paragraph_format.left_indent
    motto_len = Mm(105 - 3.8) - 2 * rules[1].paragraph_format.left_indent
    assert Mm(15) < left_len < Mm(30)
    assert abs(motto_len - Mm(62.7)) < Mm(1)


def test_page_numbers_top_centre_from_page_two(docx_path) -> None:
    sec = Document(str(docx_path)).sections[0]
    assert sec.different_first_page_header_footer
    header = sec.header
    assert not header.is_linked_to_previous
    xml = header._element.xml
    assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
    assert header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" not in sec.first_page_header._element.xml
    assert sec.header_distance < sec.top_margin


def test_unwritable_outputs_give_messages_and_leave_no_file(report, tmp_path, monkeypatch):
    doc = build_document(report.report)
    with pytest.raises(ValidationError, match="không tồn tại \\(USB đã rút ra\\?\\)"):
        write_docx(doc, tmp_path / "usb-da-rut" / "bc.docx")
    out = tmp_path / "out"
    out.mkdir()
    target = out / "bc.docx"
    target.write_bytes(b"the copy open in Word")

    def open_in_word(src, dst):  # what Windows does to a file Word holds open
        raise PermissionError(13, "The process cannot access the file", str(dst))

    monkeypatch.setattr("desktop.core.office.docx_common.os.replace", open_in_word)
    with pytest.raises(ValidationError, match="bc.docx: tệp đang mở trong Word/Excel"):
        write_docx(doc, target)
    assert target.read_bytes() == b"the copy open in Word"
    assert [f.name for f in out.iterdir()] == ["bc.docx"]  # no temporary file left


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_renders_the_report(docx_path, tmp_path) -> None:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx_path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "bao-cao.pdf"
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "87,75/100" in text and "188 hồ sơ đạt 97,9%" in text
    pages = text.count("\f")
    assert 4 <= pages <= 8
    assert "\f2\n" in text  # page 2 starts with its number
