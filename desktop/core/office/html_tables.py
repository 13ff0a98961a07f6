"""Reading the tables of a web page (a saved page of the scoring portal, or the HTML a
browser, Word or Excel puts on the clipboard) and of tab-separated text, as ``Grid``s.

``rowspan``/``colspan`` become merges, ``<br>`` and paragraphs inside a cell become line
breaks, ``&nbsp;`` a space; scripts and styles are skipped. A table nested in a cell (a
page laid out with tables) is read as a table of its own and does not count as text of
the outer cell. Which table holds the catalog is for the caller to decide.
"""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

from base.errors import ValidationError
from desktop.core.office.tables import KIND_PASTE, KIND_TABLE, Grid, fill_merges
from desktop.core.office.text import nfc

_BLOCKS = {"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "section"}
_SKIP = {"script", "style", "head", "title", "noscript", "template", "select", "option"}


def read_html_file(path: Path) -> list[Grid]:
    if not path.is_file():
        raise ValidationError(f"Không tìm thấy tệp {path}.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(
            f"Không mở được tệp {path.name}: tệp đang mở trong chương trình khác hoặc không có "
            "quyền đọc."
        ) from exc
    return read_html(_decode(data), name=path.name)


_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def _decode(data: bytes) -> str:
    """The page's text: a BOM, else the charset its <meta> names (Word saves windows-1252
    with entities, old pages windows-1258), else UTF-8, else Vietnamese Windows."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    m = _CHARSET.search(data[:4096])
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace")


def read_html(text: str, *, name: str = "", kind: str = KIND_TABLE) -> list[Grid]:
    """The tables of an HTML text in document order (``Bảng 1`` …)."""
    parser = _TableParser(kind)
    try:
        parser.feed(text)
        parser.close()
    except Exception as exc:  # html.parser is lenient; anything else is a broken file
        raise ValidationError(f"Không đọc được trang web {name}: nội dung hỏng.") from exc
    return [t for t in parser.finished if t.cells]


class _Table:
    def __init__(self, before: list[str]) -> None:
        self.rows: list[list[tuple[str, int, int, bool]]] = []  # (text, rowspan, colspan, bold)
        self.row: list[tuple[str, int, int, bool]] | None = None
        self.cell: list[str] | None = None
        self.bold_parts: list[bool] = []  # for each piece of the cell's text: in bold?
        self.header_cell = False
        self.span = (1, 1)
        self.before = before


class _TableParser(HTMLParser):
    def __init__(self, kind: str) -> None:
        super().__init__(convert_charrefs=True)
        self.kind = kind
        self.stack: list[_Table] = []
        self.finished: list[Grid] = []
        self.order: list[Grid] = []
        self.outside: list[str] = [""]  # text lines outside any table
        self.skip = 0
        self.bold = 0

    # text ----------------------------------------------------------------------------------

    def _sink(self) -> list[str]:
        if self.stack and self.stack[-1].cell is not None:
            return self.stack[-1].cell
        return self.outside

    def _newline(self) -> None:
        sink = self._sink()
        if sink and sink[-1].strip():
            sink.append("")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.stack and self.stack[-1].cell is None:
            return  # text between cells
        sink = self._sink()
        if not sink:
            sink.append("")
        sink[-1] += data.replace("\n", " ").replace("\r", " ")
        if self.stack and self.stack[-1].cell is not None and data.strip():
            t = self.stack[-1]
            t.bold_parts.append(self.bold > 0 or t.header_cell)

    # tags ----------------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        a = dict(attrs)
        if tag == "table":
            before = [" ".join(t.split()) for t in self.outside if t.strip()]
            self.outside = [""]
            self.stack.append(_Table(before))
            grid = Grid("", [], kind=self.kind)
            self.order.append(grid)  # numbered in the order tables open
            self.stack[-1].grid = grid  # type: ignore[attr-defined]
        elif tag == "tr" and self.stack:
            t = self.stack[-1]
            self._close_cell(t)
            t.row = []
            t.rows.append(t.row)
        elif tag in ("td", "th") and self.stack:
            t = self.stack[-1]
            self._close_cell(t)
            if t.row is None:
                t.row = []
                t.rows.append(t.row)
            t.cell = [""]
            t.bold_parts, t.header_cell = [], tag == "th"
            t.span = (_span(a.get("rowspan")), _span(a.get("colspan")))
        elif tag in ("b", "strong"):
            self.bold += 1
        elif tag == "br":
            self._sink().append("")
        elif tag in _BLOCKS:
            self._newline()
        elif tag == "input" and a.get("type") not in ("hidden", "checkbox", "radio"):
            value = a.get("value") or ""
            if value:
                self.handle_data(value)

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _SKIP:
            self.skip -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag == "table" and self.stack:
            t = self.stack.pop()
            self._close_cell(t)
            self._finish(t)
        elif tag in ("td", "th") and self.stack:
            self._close_cell(self.stack[-1])
        elif tag in ("b", "strong"):
            self.bold = max(0, self.bold - 1)
        elif tag == "tr" and self.stack:
            t = self.stack[-1]
            self._close_cell(t)
            t.row = None
        elif tag in _BLOCKS:
            self._newline()

    def close(self) -> None:
        super().close()
        while self.stack:
            t = self.stack.pop()
            self._close_cell(t)
            self._finish(t)

    def _close_cell(self, t: _Table) -> None:
        if t.cell is not None and t.row is not None:
            text = "\n".join(" ".join(line.split()) for line in t.cell)
            bold = bool(t.bold_parts) and all(t.bold_parts)
            t.row.append((text.strip("\n"), *t.span, bold))
        t.cell = None

    def _finish(self, t: _Table) -> None:
        grid: Grid = t.grid  # type: ignore[attr-defined]
        cells: list[list[str]] = []
        spans: list[tuple[int, int, int, int]] = []
        taken: set[tuple[int, int]] = set()
        strong: set[tuple[int, int]] = set()
        for r, row in enumerate(t.rows):
            c = 0
            for text, rs, cs, bold in row:
                while (r, c) in taken:
                    c += 1
                for rr in range(r, r + rs):
                    for cc in range(c, c + cs):
                        taken.add((rr, cc))
                while len(cells) <= r:
                    cells.append([])
                line = cells[r]
                while len(line) <= c + cs - 1:
                    line.append("")
                line[c] = nfc(text).replace("\xa0", " ")
                if bold and text:
                    strong.add((r, c))
                if rs > 1 or cs > 1:
                    spans.append((r, c, rs, cs))
                c += cs
        height = len(t.rows)
        cells = cells[:height] if height else cells
        while len(cells) < height:
            cells.append([])
        width = max((len(r) for r in cells), default=0)
        for line in cells:
            line.extend([""] * (width - len(line)))
        grid.merged_to = fill_merges(cells, spans)
        grid.cells = cells  # type: ignore[assignment]
        grid.strong = strong
        grid.before = t.before
        if any(any(str(v).strip() for v in line) for line in cells):
            grid.name = f"Bảng {len([g for g in self.finished if g.cells]) + 1}"
            grid.origins = [(grid.name, r + 1) for r in range(len(cells))]
            self.finished.append(grid)
            self.finished.sort(key=self.order.index)
            for i, g in enumerate(self.finished):  # numbered in document order
                g.name = f"Bảng {i + 1}"
                g.origins = [(g.name, r + 1) for r in range(len(g.cells))]


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(str(value).strip()), 1000))
    except (TypeError, ValueError):
        return 1


def read_tsv(text: str) -> Grid:
    """Tab-separated text (a copy from Excel, Word or a PDF reader); a cell holding line
    breaks comes quoted, as Excel writes it."""
    rows = list(csv.reader(io.StringIO(nfc(text).replace("\r\n", "\n")), delimiter="\t"))
    cells: list[list[object]] = [[c.replace("\xa0", " ").strip() for c in r] for r in rows]
    width = max((len(r) for r in cells), default=0)
    for r in cells:
        r.extend([""] * (width - len(r)))
    return Grid(
        "Bảng dán",
        cells,
        kind=KIND_PASTE,
        origins=[("Bảng dán", r + 1) for r in range(len(cells))],
    )
