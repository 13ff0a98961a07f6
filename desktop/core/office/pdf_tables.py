"""Reading the ruled tables of a PDF with a text layer (pypdfium2), as ``Grid``s.

Provinces publish decisions as PDFs exported from Word: the table's cell borders are
drawn lines, which ``pdf_rulings`` turns into cells, merged cells included (a covered
cell comes back empty). Each cell's text is the page's characters whose middle falls in
its box, put into lines by their baseline. A table broken over pages is one ``Grid``
per page (``Trang 3``); joining them is for the caller, who knows the header. Lines that
Word wrapped inside a cell are joined again; a line starting a list item (``-``, ``+``,
``a)``), or a capital after ``;``, ``.`` or ``… điểm``, keeps its own line. A scan without text gets its own message: no OCR here.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass
from pathlib import Path

from base.errors import ValidationError
from desktop.core.office.pdf_rulings import Table, page_tables
from desktop.core.office.tables import KIND_PAGE, Grid, fill_merges
from desktop.core.office.text import nfc

_ITEM_START = re.compile(r"^(?:[-+•*–—]|[a-zđ]\)|\d+(?:\.\d+)*[.)]\s)")
_LINE = 3.0  # characters whose baselines are this close are on one line
_GAP = 3.0  # a wider gap between two characters is a space


class ImageOnlyPdf(ValidationError):
    """A PDF whose pages carry no text (a scan)."""


@dataclass
class _Char:
    text: str
    x0: float
    x1: float
    top: float  # top-down, like the rulings
    bottom: float
    base: float  # the baseline, for lines
    bold: bool
    middle: tuple[float, float] = (0.0, 0.0)  # which cell it is in

    def __post_init__(self) -> None:
        self.middle = (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


def read_pdf_tables(path: Path) -> list[Grid]:
    """The tables of every page, in reading order, each with the page's text above it."""
    if not path.is_file():
        raise ValidationError(f"Không tìm thấy tệp {path}.")
    try:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
    except PermissionError as exc:
        raise _locked(path) from exc
    except Exception as exc:  # PDFium's errors for damaged or encrypted files
        raise _open_error(path, exc) from None
    grids: list[Grid] = []
    chars = 0
    pending: list[str] = []
    try:
        for number in range(1, len(pdf) + 1):
            page = pdf[number - 1]
            try:
                tables = page_tables(page)
                text = _chars(page)
            finally:
                page.close()
            chars += len(text)
            top = float("-inf")
            for i, table in enumerate(tables):
                x0, table_top, x1, table_bottom = table.bbox
                pending.extend(_lines([ch for ch in text if top <= ch.middle[1] < table_top]))
                top = table_bottom
                inside = [
                    ch
                    for ch in text
                    if x0 <= ch.middle[0] <= x1 and table_top <= ch.middle[1] <= table_bottom
                ]
                label = f"Trang {number}" if len(tables) == 1 else f"Trang {number} (bảng {i + 1})"
                grid = _grid(table, inside, label, pending)
                if grid is not None:
                    grids.append(grid)
                    pending = []
            pending.extend(_lines([ch for ch in text if ch.middle[1] >= top]))
    except ValidationError:
        raise
    except Exception as exc:
        raise _open_error(path, exc) from None
    finally:
        pdf.close()
    if chars == 0:
        raise ImageOnlyPdf(
            f"Tệp {path.name} là bản quét (chỉ có hình ảnh, không có chữ) nên không đọc được "
            "bảng. Hãy dùng bản Word (.docx) của quyết định, hoặc mở tệp PDF bằng Word để "
            "chuyển thành .docx, hoặc gõ lại vào tệp mẫu (Tải tệp mẫu) rồi nhập tệp đó."
        )
    if grids:
        grids[-1].after = pending  # type: ignore[attr-defined]
    return grids


def _grid(table: Table, chars: list[_Char], label: str, before: list[str]) -> Grid | None:
    """The table's cells, merges and bold cells; None when all its cells are empty."""
    cells = [[""] * (len(table.xs) - 1) for _ in range(len(table.ys) - 1)]
    strong: set[tuple[int, int]] = set()
    for cell in table.cells:
        x0, top, x1, bottom = table.box(cell)
        inside = [ch for ch in chars if x0 <= ch.middle[0] < x1 and top <= ch.middle[1] < bottom]
        r, c = cell[0], cell[1]
        cells[r][c] = _cell("\n".join(_lines(inside)))
        marks = [ch.bold for ch in inside if not ch.text.isspace()]
        if marks and all(marks):
            strong.add((r, c))
    if not any(any(row) for row in cells):
        return None
    spans = [cell for cell in table.cells if cell[2] > 1 or cell[3] > 1]
    merged = fill_merges(cells, spans)
    return Grid(
        label,
        cells,  # type: ignore[arg-type]
        merged,
        kind=KIND_PAGE,
        origins=[(label, r + 1) for r in range(len(cells))],
        before=before,
        strong=strong,
    )


def _chars(page) -> list[_Char]:
    """The page's characters, top-down, with the spaces PDFium sees between words."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        out = []
        left, bottom, right, top = (ctypes.c_double() for _ in range(4))
        x, y = ctypes.c_double(), ctypes.c_double()
        name = ctypes.create_string_buffer(256)
        flags = ctypes.c_int()
        fonts: dict[tuple[bytes, int], bool] = {}
        for i in range(pdfium_c.FPDFText_CountChars(raw)):
            code = pdfium_c.FPDFText_GetUnicode(raw, i)
            if pdfium_c.FPDFText_IsGenerated(raw, i) == 1 and code != 0x20:
                continue  # its line ends; the spaces it sees between words are kept
            if code == 0 or code in (0xFFFE, 0xFFFF) or 0xD800 <= code < 0xE000:
                continue
            box = pdfium_c.FS_RECTF()
            if pdfium_c.FPDFText_GetLooseCharBox(raw, i, box):
                x0, x1, ytop, ybottom = box.left, box.right, box.top, box.bottom
            elif pdfium_c.FPDFText_GetCharBox(raw, i, left, right, bottom, top):
                x0, x1, ytop, ybottom = left.value, right.value, top.value, bottom.value
            else:
                continue
            if not pdfium_c.FPDFText_GetCharOrigin(raw, i, x, y):
                y.value = ybottom
            weight = pdfium_c.FPDFText_GetFontWeight(raw, i)
            pdfium_c.FPDFText_GetFontInfo(raw, i, name, len(name), flags)
            key = (name.value, weight)
            if key not in fonts:
                fonts[key] = b"bold" in name.value.lower() or weight >= 600
            out.append(_Char(chr(code), x0, x1, -ytop, -ybottom, -y.value, fonts[key]))
        return out
    finally:
        textpage.close()


def _lines(chars: list[_Char]) -> list[str]:
    """The characters as lines of text, top to bottom, each left to right."""
    lines: list[list[_Char]] = []
    for ch in sorted(chars, key=lambda ch: ch.base):
        if lines and ch.base - lines[-1][-1].base <= _LINE:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    out = []
    for line in lines:
        text, prev = "", None
        for ch in sorted(line, key=lambda ch: ch.x0):
            if prev is not None and ch.x0 - prev.x1 > _GAP:
                text += " "
            text += ch.text
            prev = ch
        text = " ".join(nfc(text).split())
        if text:
            out.append(text)
    return out


def _locked(path: Path) -> ValidationError:
    return ValidationError(
        f"Không mở được tệp {path.name}: tệp đang mở trong chương trình khác hoặc không có "
        "quyền đọc."
    )


def _open_error(path: Path, exc: Exception) -> ValidationError:
    text = f"{type(exc).__name__} {exc}".lower()
    if "file access" in text:  # PDFium: the file is locked by another program
        return _locked(path)
    if "password" in text or "encrypt" in text or "security" in text:
        return ValidationError(
            f"Tệp {path.name} được đặt mật khẩu. Hãy mở bằng trình đọc PDF, in hoặc lưu ra bản "
            "không mật khẩu, rồi nhập lại."
        )
    return ValidationError(f"Không đọc được tệp {path.name}: tệp PDF bị hỏng hoặc không đầy đủ.")


def _ends_sentence(before: str, line: str) -> bool:
    """``…: 4 điểm`` / ``…;`` then a capital: a line of its own, not a wrapped one."""
    ends = before.endswith((";", ".", ":")) or before.lower().endswith(("điểm", "điểm."))
    return ends and line[:1].isupper()


def _cell(value: str | None) -> str:
    """A cell's text with Word's wrapping undone (list items keep their own lines)."""
    if not value:
        return ""
    out: list[str] = []
    for raw in nfc(value).replace("\xa0", " ").splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        if out and not _ITEM_START.match(line) and not _ends_sentence(out[-1], line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)
