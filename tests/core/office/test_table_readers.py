"""The table readers hand back the same Grid: merges, line breaks, NBSP, nested tables."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from desktop.core.office.docx_tables import read_docx_tables
from desktop.core.office.html_tables import read_html, read_tsv
from desktop.core.office.pdf_tables import read_pdf_tables

PDF = Path(__file__).parents[1] / "data" / "phu-luc-chi-so-cchc.pdf"


def test_word_merges_breaks_and_nested_tables(tmp_path):
    doc = Document()
    doc.add_paragraph("Phụ lục\u00a0II")
    outer = doc.add_table(rows=3, cols=3)
    outer.cell(0, 0).merge(outer.cell(0, 2)).text = "Điểm"  # across
    outer.cell(1, 0).merge(outer.cell(2, 0)).text = "STT"  # down
    p = outer.cell(1, 1).paragraphs[0]
    run = p.add_run("dòng một")
    run.add_break()
    p.add_run("dòng\u00a0hai")
    inner = outer.cell(2, 2).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "a", "b"
    path = tmp_path / "t.docx"
    doc.save(path)
    grids, after = read_docx_tables(path)
    assert [g.name for g in grids] == ["Bảng 1", "Bảng 2"]
    g = grids[0]
    assert g.before == ["Phụ lục II"]
    assert g.cells[0] == ["Điểm", "", ""] and g.merged_to[(0, 2)] == (0, 0)
    assert g.cells[2][0] == "" and g.merged_to[(2, 0)] == (1, 0)
    assert g.lines(1, 1) == "dòng một\ndòng hai" and g.text(1, 1) == "dòng một dòng hai"
    assert g.cells[2][2] == ""  # the nested table is a table of its own, not the cell's text
    assert grids[1].cells == [["a", "b"]]
    assert g.where(2) == "Bảng 1, dòng 3" and after == []


def test_html_rowspan_colspan_and_text_around():
    grids = read_html(
        "<p>Trước&nbsp;bảng</p><table><tr><td rowspan=2>A</td><td colspan=2>B<br>C</td></tr>"
        "<tr><td>D</td><td>E</td></tr><tr><td>F</td><td></td><td>G</td></tr></table>"
        "<script>document.write('<table><tr><td>x</td></tr></table>')</script>"
    )
    (g,) = grids
    assert g.cells == [["A", "B\nC", ""], ["", "D", "E"], ["F", "", "G"]]
    assert g.merged_to == {(0, 2): (0, 1), (1, 0): (0, 0)}
    assert g.before == ["Trước bảng"]


def test_tab_separated_text_with_quoted_line_breaks():
    g = read_tsv('STT\tNội dung\r\n1\t"dòng một\ndòng hai"\r\n2\tba\r\n')
    assert g.cells == [["STT", "Nội dung"], ["1", "dòng một\ndòng hai"], ["2", "ba"]]
    assert g.where(1) == "Bảng dán, dòng 2"


def test_pdf_pages_with_merged_header_cells():
    grids = read_pdf_tables(PDF)
    criteria = [g for g in grids if g.cells[0][0] == "STT" and g.width == 7]
    first = criteria[0]
    assert first.name == "Trang 3 (bảng 1)"
    # "Điểm" spans Tối đa / Tự đánh giá / Thẩm định; STT spans the two header rows
    assert first.cells[0][2] == "Điểm" and first.merged_to[(0, 3)] == (0, 2)
    assert first.cells[1][2:5] == ["Tối đa", "Tự đánh giá", "Thẩm định"]
    assert first.merged_to[(1, 0)] == (0, 0)
    assert "BỘ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA UBND CẤP XÃ NĂM 2025" in first.before
    # the area's row is set in bold, its criterion's not
    assert first.cells[2][:2] == ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"]
    assert first.is_strong(2, 1) and not first.is_strong(3, 1)


def test_saved_pages_in_their_own_encoding(tmp_path):
    from desktop.core.office.html_tables import read_html_file

    old = tmp_path / "cu.htm"
    old.write_bytes(
        '<meta charset="windows-1258"><table><tr><td>Công khai</td></tr></table>'.encode("cp1258")
    )
    word = tmp_path / "word.htm"
    word.write_bytes(
        b'<meta content="text/html; charset=windows-1252"><table><tr><td>C&#7897;ng</td>'
        b"</tr></table>"
    )
    assert read_html_file(old)[0].cells == [["Công khai"]]
    assert read_html_file(word)[0].cells == [["Cộng"]]
