"""The PDF table reader on hand-made pages: the two ways borders are drawn (Word's thin
filled bars, cells as stroked boxes inside a Form XObject), merged cells, a table carried
over to the next page, bold rows, the text between tables, and no file left open."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from base.errors import ValidationError
from desktop.core.office.pdf_tables import read_pdf_tables

XS = [50, 90, 300, 380, 460]  # the columns' lines, both pages


def _text(x: float, y: float, text: str, bold: bool = False) -> str:
    return f"BT /{'F2' if bold else 'F1'} 10 Tf {x} {y} Td ({text}) Tj ET"


def _bars(xs: list[float], ys: list[float], merges: list[tuple[int, int, int, int]]) -> str:
    """Every cell border as a thin filled rectangle, as Word draws them; none inside a
    merged cell. ``ys`` run top to bottom (PDF y falls)."""
    inner: set[tuple[str, int, int]] = set()  # ("v", line, row) / ("h", line, col)
    for r, c, rs, cs in merges:
        inner |= {("v", k, row) for k in range(c + 1, c + cs) for row in range(r, r + rs)}
        inner |= {("h", k, col) for k in range(r + 1, r + rs) for col in range(c, c + cs)}
    ops = []
    for k, x in enumerate(xs):
        for row in range(len(ys) - 1):
            if ("v", k, row) not in inner:
                ops.append(f"{x - 0.25} {ys[row + 1]} 0.5 {ys[row] - ys[row + 1]} re f")
    for k, y in enumerate(ys):
        for col in range(len(xs) - 1):
            if ("h", k, col) not in inner:
                ops.append(f"{xs[col]} {y - 0.25} {xs[col + 1] - xs[col]} 0.5 re f")
    return "\n".join(ops)


def _pdf(path: Path, pages: list[str], form: str) -> Path:
    """A PDF of these content streams with Helvetica (F1), Helvetica-Bold (F2) and one
    Form XObject (/T0, moved 100 pt down by its matrix)."""
    fonts = "<< /F1 5 0 R /F2 6 0 R >>"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, once the pages are numbered
        b"",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ]
    body = form.encode()
    objs[2] = (
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 942] /Matrix [1 0 0 1 0 -100] "
        b"/Length %d >>\nstream\n" % len(body) + body + b"\nendstream"
    )
    objs[3] = b"<< >>"
    kids = []
    for content in pages:
        data = content.encode()
        objs.append(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font %s /XObject << /T0 3 0 R >> >> >>" % (len(objs), fonts.encode())
        )
        kids.append(b"%d 0 R" % len(objs))
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def _decision(path: Path) -> Path:
    first = [
        _text(50, 760, "PHU LUC II"),
        _text(50, 740, "BO CHI SO"),
        "0.5 w 50 736 m 150 736 l S",  # an underline: crosses no border
        _bars(XS, [700, 680, 660, 640, 600], [(0, 0, 2, 1), (0, 1, 2, 1), (0, 2, 1, 2)]),
        _text(53, 686, "STT"),
        _text(93, 686, "Noi dung"),
        _text(303, 686, "Diem"),
        _text(303, 666, "Toi da"),
        _text(383, 666, "Dat"),
        _text(53, 646, "I", bold=True),
        _text(93, 646, "AREA ONE", bold=True),
        _text(303, 646, "40", bold=True),
        _text(53, 626, "1"),
        _text(93, 626, "Ke hoach", bold=True),  # wrapped by Word; half of it in bold
        _text(93, 614, "nam"),
        _text(303, 626, "6"),
        _text(50, 560, "Ghi chu trang 1"),
    ]
    # page 2: the table goes on, each cell a stroked box, drawn in a Form XObject
    boxes = [(50, 90, 800, 760), (90, 300, 800, 760), (300, 380, 800, 760)]
    boxes += [(380, 460, 800, 760), (50, 300, 760, 740), (300, 380, 760, 740)]
    boxes += [(380, 460, 760, 740)]
    form = "0.5 w " + " ".join(f"{x0} {y1} {x1 - x0} {y0 - y1} re S" for x0, x1, y0, y1 in boxes)
    second = [
        "q /T0 Do Q",
        _text(53, 688, "2"),
        _text(93, 688, "Tieu chi hai"),
        _text(93, 677, "- Co: 2 diem"),
        _text(93, 666, "- Khong: 0 diem"),
        _text(303, 688, "4"),
        _text(53, 646, "Tong cong"),
        _text(303, 646, "100"),
        _text(300, 600, "TM. UBND"),
    ]
    return _pdf(path, ["\n".join(first), "\n".join(second)], form)


def _open_files() -> set[str]:
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        return set()
    out = set()
    for fd in fds.iterdir():
        try:
            out.add(os.readlink(fd))
        except OSError:
            continue
    return out


def test_word_borders_merges_and_a_table_over_two_pages(tmp_path):
    path = _decision(tmp_path / "quyet-dinh.pdf")
    first, second = read_pdf_tables(path)

    assert first.name == "Trang 1" and first.kind == "page"
    assert first.cells == [
        ["STT", "Noi dung", "Diem", ""],
        ["", "", "Toi da", "Dat"],
        ["I", "AREA ONE", "40", ""],
        ["1", "Ke hoach nam", "6", ""],
    ]
    assert first.merged_to == {(1, 0): (0, 0), (1, 1): (0, 1), (0, 3): (0, 2)}
    assert first.before == ["PHU LUC II", "BO CHI SO"]
    assert first.strong == {(2, 0), (2, 1), (2, 2)}  # "Ke hoach nam" is half bold
    assert first.where(3) == "Trang 1, dòng 4"

    assert second.name == "Trang 2"
    assert second.cells == [
        ["2", "Tieu chi hai\n- Co: 2 diem\n- Khong: 0 diem", "4", ""],
        ["Tong cong", "", "100", ""],
    ]
    assert second.merged_to == {(1, 1): (1, 0)}
    assert second.before == ["Ghi chu trang 1"]  # the end of page 1, above this table
    assert second.after == ["TM. UBND"]  # type: ignore[attr-defined]
    assert second.strong == set()


def test_no_file_left_open_even_when_reading_fails(tmp_path, monkeypatch):
    path = _decision(tmp_path / "mo.pdf")
    read_pdf_tables(path)
    assert str(path) not in _open_files()

    def broken(page):
        raise RuntimeError("PDFium: a page it cannot parse")

    monkeypatch.setattr("desktop.core.office.pdf_tables.page_tables", broken)
    with pytest.raises(ValidationError) as err:
        read_pdf_tables(path)
    assert str(err.value) == "Không đọc được tệp mo.pdf: tệp PDF bị hỏng hoặc không đầy đủ."
    assert str(path) not in _open_files()  # while the error (and its traceback) lives
    path.unlink()  # Windows refuses while a handle is open
