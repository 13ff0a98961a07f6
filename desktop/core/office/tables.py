"""The one shape every table reader hands back: ``Grid`` rows of cells, whatever the source.

A sheet of a workbook, a table of a Word document, the table on one page of a PDF, a
table of a web page or a pasted one: each becomes a ``Grid`` with its cells as text (or
numbers, for sheets), its merged ranges, the lines of text above it (a decision's
opening, an annex title) and, for every row, where it is in the source
(``Bảng 3, dòng 5``, ``Trang 2, dòng 4``) so that every message can name the place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from desktop.core.office.text import nfc

# kind → how a part is named in messages
KIND_SHEET, KIND_TABLE, KIND_PAGE, KIND_PASTE = "sheet", "table", "page", "paste"


@dataclass
class Grid:
    """One table: raw cell values (row 0 = the first row) and its merged ranges.

    ``merged_to`` maps every covered cell of a merged range (not its top-left cell) to the
    top-left one. ``origins`` (when set) gives each row's place in the source as
    (part, 1-based row), e.g. ("Bảng 3", 5); a sheet's row r is (name, r + 1).
    """

    name: str
    cells: list[list[object]]
    merged_to: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    kind: str = KIND_SHEET
    origins: list[tuple[str, int]] | None = None
    before: list[str] = field(default_factory=list)  # text lines above the table
    strong: set[tuple[int, int]] = field(default_factory=set)  # cells all in bold

    @property
    def height(self) -> int:
        return len(self.cells)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.cells), default=0)

    def value(self, r: int, c: int) -> object:
        if 0 <= r < len(self.cells) and 0 <= c < len(self.cells[r]):
            return self.cells[r][c]
        return ""

    def text(self, r: int, c: int | None) -> str:
        """The cell as one line of NFC text (``""`` for blanks and missing columns)."""
        if c is None:
            return ""
        return cell_text(self.value(r, c))

    def lines(self, r: int, c: int | None) -> str:
        """The cell's text keeping its line breaks (each line's spaces collapsed)."""
        if c is None:
            return ""
        return cell_lines(self.value(r, c))

    def header_text(self, r: int, c: int) -> str:
        """Like ``text`` but a merged header cell reads its top-left value everywhere."""
        return cell_text(self.value(*self.merged_to.get((r, c), (r, c))))

    def is_strong(self, r: int, c: int | None) -> bool:
        """The cell's text is all bold (an area's row, as annexes set them)."""
        return c is not None and (r, c) in self.strong

    def origin(self, r: int) -> tuple[str, int]:
        if self.origins is not None and 0 <= r < len(self.origins):
            return self.origins[r]
        return self.name, r + 1

    def where(self, r: int) -> str:
        part, row = self.origin(r)
        return place(self.kind, part, row)

    def row_is_blank(self, r: int) -> bool:
        return all(cell_text(v) == "" for v in self.cells[r])


def place(kind: str, part: str, row: int | None) -> str:
    """``Sheet “Bộ chỉ số”, dòng 12`` / ``Bảng 3, dòng 5`` / ``Trang 2, dòng 4``."""
    head = f"Sheet “{part}”" if kind == KIND_SHEET else part
    return f"{head}, dòng {row}" if row else head


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.10g}"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return " ".join(nfc(str(value)).split())


def cell_lines(value: object) -> str:
    if not isinstance(value, str):
        return cell_text(value)
    lines = (" ".join(line.split()) for line in nfc(value).splitlines())
    return "\n".join(line for line in lines if line)


def fill_merges(cells: list[list[str]], spans: list[tuple[int, int, int, int]]) -> dict:
    """``merged_to`` for (row, col, rowspan, colspan) ranges whose top-left cell is at
    (row, col); covered cells are set to ``""`` in ``cells``."""
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    for r0, c0, rs, cs in spans:
        for r in range(r0, r0 + rs):
            for c in range(c0, c0 + cs):
                if (r, c) != (r0, c0) and r < len(cells) and c < len(cells[r]):
                    merged[(r, c)] = (r0, c0)
                    cells[r][c] = ""
    return merged
