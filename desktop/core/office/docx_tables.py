"""Reading the tables of a Word (.docx) document, in document order, as ``Grid``s.

Merged cells are kept as merges (``w:gridSpan`` across, ``w:vMerge`` down: the covered
cells are blank and point at the top-left one), line breaks inside a cell stay line
breaks, non-breaking spaces become spaces. The text between tables (a decision's
opening, an annex title) rides along with the table below it. Tables nested inside a
cell (a layout table) are read as tables of their own.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from base.errors import ValidationError
from desktop.core.office.crypto import is_password_protected
from desktop.core.office.tables import KIND_TABLE, Grid, fill_merges
from desktop.core.office.text import nfc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx_tables(path: Path) -> tuple[list[Grid], list[str]]:
    """Every table of the document (``Bảng 1``, ``Bảng 2`` … in order) and the text lines
    after the last table. Raises ``ValidationError`` in Vietnamese for what cannot be read."""
    data = _read_bytes(path)
    if is_password_protected(data):
        raise ValidationError(
            f"Tệp {path.name} được đặt mật khẩu. Hãy mở bằng Word, gỡ mật khẩu (Tệp > Thông tin "
            "> Bảo vệ tài liệu) và lưu lại, rồi nhập lại."
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValidationError(
            f"Tệp {path.name} là tệp Word cũ (.doc). Hãy mở bằng Word và lưu lại dưới dạng "
            ".docx (Tệp > Lưu thành > Tài liệu Word), rồi nhập tệp .docx."
        )
    try:
        import docx

        document = docx.Document(str(path))
        body = document.element.body
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, Exception) as exc:  # noqa: B014
        raise ValidationError(
            f"Không đọc được tệp {path.name}: tệp hỏng hoặc không phải tài liệu Word (.docx)."
        ) from exc
    reader = _BodyReader()
    reader.walk(body)
    return reader.grids, reader.pending


def _read_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise ValidationError(f"Không tìm thấy tệp {path}.")
    try:
        return path.read_bytes()
    except PermissionError as exc:
        raise ValidationError(
            f"Không mở được tệp {path.name}: tệp đang mở trong chương trình khác hoặc không có "
            "quyền đọc. Hãy đóng Word rồi thử lại."
        ) from exc
    except OSError as exc:
        raise ValidationError(f"Không đọc được tệp {path.name}.") from exc


class _BodyReader:
    def __init__(self) -> None:
        self.grids: list[Grid] = []
        self.pending: list[str] = []  # text lines since the last table

    def walk(self, parent) -> None:
        for child in parent.iterchildren():
            tag = child.tag
            if tag == f"{W}p":
                text = paragraph_text(child)
                self.pending.extend(line for line in text.split("\n") if line.strip())
            elif tag == f"{W}tbl":
                self.table(child)
            elif tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
                self.walk(child if tag != f"{W}sdt" else _sdt_content(child))

    def table(self, tbl) -> None:
        before, self.pending = self.pending, []
        index = len(self.grids)
        self.grids.append(Grid(f"Bảng {index + 1}", [], kind=KIND_TABLE))  # keeps the order
        cells: list[list[str]] = []
        spans: list[tuple[int, int, int, int]] = []
        open_down: dict[int, list[int]] = {}  # column → [row, col, rowspan, colspan] of a vMerge
        strong: set[tuple[int, int]] = set()
        for r, tr in enumerate(tbl.iterchildren(f"{W}tr")):
            row: list[str] = []
            col = _grid_before(tr)
            row.extend([""] * col)
            for tc in _row_cells(tr):
                span = _int_prop(tc, "gridSpan", 1)
                vmerge = _vmerge(tc)
                text = self.cell_text(tc)
                if vmerge == "continue" and col in open_down:
                    open_down[col][2] += 1
                    row.extend([""] * span)
                else:
                    row.append(text)
                    row.extend([""] * (span - 1))
                    if text and _all_bold(tc):
                        strong.add((r, col))
                    record = [r, col, 1, span]
                    spans.append(record)  # type: ignore[arg-type]
                    if vmerge == "restart":
                        open_down[col] = record
                    else:
                        open_down.pop(col, None)
                col += span
            cells.append(row)
        width = max((len(r) for r in cells), default=0)
        for row in cells:
            row.extend([""] * (width - len(row)))
        merged = fill_merges(cells, [tuple(s) for s in spans if s[2] > 1 or s[3] > 1])
        grid = self.grids[index]
        grid.cells, grid.merged_to, grid.before = cells, merged, before  # type: ignore[assignment]
        grid.strong = strong
        grid.origins = [(grid.name, r + 1) for r in range(len(cells))]

    def cell_text(self, tc) -> str:
        lines: list[str] = []
        for child in tc.iterchildren():
            if child.tag == f"{W}p":
                lines.append(paragraph_text(child))
            elif child.tag == f"{W}tbl":
                saved, self.pending = self.pending, []
                self.table(child)  # a nested table is a table of its own
                self.pending = saved
            elif child.tag == f"{W}sdt":
                lines.extend(paragraph_text(p) for p in _sdt_content(child).iterchildren(f"{W}p"))
        return "\n".join(line for line in lines if line.strip())


def paragraph_text(p) -> str:
    """A paragraph's text: tabs as spaces, line breaks kept, NBSP as a space."""
    out: list[str] = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
        tag = el.tag
        if tag == f"{W}t":
            out.append(el.text or "")
        elif tag == f"{W}tab":
            out.append(" ")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
        elif el.get(f"{W}type") not in ("page", "column"):
            out.append("\n")
    text = nfc("".join(out)).replace("\xa0", " ").replace("\u202f", " ")
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


def _all_bold(tc) -> bool:
    """Every run with text in the cell's own paragraphs is bold (``w:b`` on the run)."""
    runs = [
        r
        for p in tc.iterchildren(f"{W}p")
        for r in p.iter(f"{W}r")
        if any((t.text or "").strip() for t in r.iterchildren(f"{W}t"))
    ]
    if not runs:
        return False
    for r in runs:
        pr = r.find(f"{W}rPr")
        b = pr.find(f"{W}b") if pr is not None else None
        if b is None or b.get(f"{W}val") in ("0", "false", "off"):
            return False
    return True


def _sdt_content(sdt):
    content = sdt.find(f"{W}sdtContent")
    return content if content is not None else sdt


def _row_cells(tr):
    for child in tr.iterchildren():
        if child.tag == f"{W}tc":
            yield child
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            yield from _row_cells(_sdt_content(child) if child.tag == f"{W}sdt" else child)


def _grid_before(tr) -> int:
    pr = tr.find(f"{W}trPr")
    if pr is None:
        return 0
    el = pr.find(f"{W}gridBefore")
    try:
        return int(el.get(f"{W}val")) if el is not None else 0
    except (TypeError, ValueError):
        return 0


def _int_prop(tc, name: str, default: int) -> int:
    pr = tc.find(f"{W}tcPr")
    el = pr.find(f"{W}{name}") if pr is not None else None
    if el is None:
        return default
    try:
        return max(1, int(el.get(f"{W}val")))
    except (TypeError, ValueError):
        return default


def _vmerge(tc) -> str:
    pr = tc.find(f"{W}tcPr")
    el = pr.find(f"{W}vMerge") if pr is not None else None
    if el is None:
        return ""
    return "restart" if el.get(f"{W}val") == "restart" else "continue"
