"""Reading the ruled tables of a PDF with a text layer (pdfplumber), as ``Grid``s.

Provinces publish decisions as PDFs exported from Word: the table's cell borders are
drawn lines, which pdfplumber's ``lines`` strategy turns into cells, merged cells
included (a covered cell comes back empty). A table broken over pages is one ``Grid``
per page (``Trang 3``); joining them is for the caller, who knows the header. Lines that
Word wrapped inside a cell are joined again; a line starting a list item (``-``, ``+``,
``a)``), or a capital after ``;``, ``.`` or ``… điểm``, keeps its own line. A scan without text gets its own message: no OCR here.
"""

from __future__ import annotations

import re
from pathlib import Path

from base.errors import ValidationError
from desktop.core.office.tables import KIND_PAGE, Grid, fill_merges
from desktop.core.office.text import nfc

_ITEM_START = re.compile(r"^(?:[-+•*–—]|[a-zđ]\)|\d+(?:\.\d+)*[.)]\s)")
_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


class ImageOnlyPdf(ValidationError):
    """A PDF whose pages carry no text (a scan)."""


def read_pdf_tables(path: Path) -> list[Grid]:
    """The tables of every page, in reading order, each with the page's text above it."""
    if not path.is_file():
        raise ValidationError(f"Không tìm thấy tệp {path}.")
    try:
        import pdfplumber

        pdf = pdfplumber.open(str(path))
    except PermissionError as exc:
        raise ValidationError(
            f"Không mở được tệp {path.name}: tệp đang mở trong chương trình khác hoặc không có "
            "quyền đọc."
        ) from exc
    except Exception as exc:  # pdfminer's own errors for damaged or encrypted files
        raise _open_error(path, exc) from None
    grids: list[Grid] = []
    chars = 0
    pending: list[str] = []
    try:
        with pdf:
            for number, page in enumerate(pdf.pages, start=1):
                chars += len(page.chars)
                tables = sorted(page.find_tables(_TABLE_SETTINGS), key=lambda t: t.bbox[1])
                top = 0.0
                for i, table in enumerate(tables):
                    pending.extend(_text_between(page, top, table.bbox[1]))
                    top = table.bbox[3]
                    rows = table.extract()
                    cells = [[_cell(v) for v in row] for row in rows]
                    if not any(any(c for c in row) for row in cells):
                        continue
                    width = max(len(r) for r in cells)
                    for row in cells:
                        row.extend([""] * (width - len(row)))
                    merged = fill_merges(cells, _spans(table))
                    strong = _bold_cells(page, table)
                    label = (
                        f"Trang {number}" if len(tables) == 1 else f"Trang {number} (bảng {i + 1})"
                    )
                    grids.append(
                        Grid(
                            label,
                            cells,  # type: ignore[arg-type]
                            merged,
                            kind=KIND_PAGE,
                            origins=[(label, r + 1) for r in range(len(cells))],
                            before=pending,
                            strong=strong,
                        )
                    )
                    pending = []
                pending.extend(_text_between(page, top, page.height))
    except ValidationError:
        raise
    except Exception as exc:
        raise _open_error(path, exc) from None
    if chars == 0:
        raise ImageOnlyPdf(
            f"Tệp {path.name} là bản quét (chỉ có hình ảnh, không có chữ) nên không đọc được "
            "bảng. Hãy dùng bản Word (.docx) của quyết định, hoặc mở tệp PDF bằng Word để "
            "chuyển thành .docx, hoặc gõ lại vào tệp mẫu (Tải tệp mẫu) rồi nhập tệp đó."
        )
    if grids:
        grids[-1].after = pending  # type: ignore[attr-defined]
    return grids


def _spans(table) -> list[tuple[int, int, int, int]]:
    """Merged cells of a ruled table, from the cells' boxes: (row, col, rowspan, colspan)."""
    xs = sorted({round(c[0], 1) for c in table.cells})
    ys = sorted({round(c[1], 1) for c in table.cells})
    out = []
    for x0, top, x1, bottom in table.cells:
        x0, top = round(x0, 1), round(top, 1)
        cs = sum(1 for x in xs if x0 <= x < x1 - 0.5)
        rs = sum(1 for y in ys if top <= y < bottom - 0.5)
        if cs > 1 or rs > 1:
            out.append((ys.index(top), xs.index(x0), rs, cs))
    return out


def _bold_cells(page, table) -> set[tuple[int, int]]:
    """Cells whose characters are all in a bold font (an area's row, as annexes set it)."""
    x0, top, x1, bottom = table.bbox
    chars = [  # (middle x, middle y, bold?) of the characters inside the table
        (
            (ch["x0"] + ch["x1"]) / 2,
            (ch["top"] + ch["bottom"]) / 2,
            "bold" in str(ch.get("fontname", "")).lower(),
        )
        for ch in page.chars
        if ch["text"].strip()
    ]
    chars = [ch for ch in chars if x0 <= ch[0] <= x1 and top <= ch[1] <= bottom]
    out: set[tuple[int, int]] = set()
    for r, row in enumerate(table.rows):
        _, rtop, _, rbottom = row.bbox
        line = [ch for ch in chars if rtop <= ch[1] < rbottom]  # this row's, once
        for c, box in enumerate(row.cells):
            if box is None:
                continue
            cx0, _, cx1, _ = box
            inside = [b for x, _, b in line if cx0 <= x < cx1]
            if inside and all(inside):
                out.add((r, c))
    return out


def _open_error(path: Path, exc: Exception) -> ValidationError:
    text = f"{type(exc).__name__} {exc}".lower()
    if "password" in text or "encrypt" in text:
        return ValidationError(
            f"Tệp {path.name} được đặt mật khẩu. Hãy mở bằng trình đọc PDF, in hoặc lưu ra bản "
            "không mật khẩu, rồi nhập lại."
        )
    return ValidationError(f"Không đọc được tệp {path.name}: tệp PDF bị hỏng hoặc không đầy đủ.")


def _text_between(page, top: float, bottom: float) -> list[str]:
    if bottom - top < 1:
        return []
    try:
        region = page.within_bbox((0, max(0.0, top), page.width, min(bottom, page.height)))
        text = region.extract_text() or ""
    except ValueError:
        return []
    return [" ".join(line.split()) for line in nfc(text).splitlines() if line.strip()]


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
