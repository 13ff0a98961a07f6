"""Reading the tables provinces and districts publish as .xlsx/.xls (python-calamine).

Real sheets have title rows above the table, headers over one or two rows with merged
cells, a row of column numbers ``(1) (2) (3)``, numbers typed as text with a decimal comma,
a ``Tổng`` row and signatures below. This module finds the header by what the columns are
called and hands back the data rows with their sheet name and 1-based row number, so every
message can say where the problem is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import python_calamine as calamine

from base.errors import ValidationError
from base.os_reason import log_original
from desktop.core.office.crypto import is_password_protected, password_message
from desktop.core.office.tables import Grid, cell_text  # noqa: F401 - re-exported
from desktop.core.office.text import fold, nfc
from desktop.core.office.vnformat import parse_date, parse_points

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")
HEADER_SCAN_ROWS = 40
STOP_AFTER_BLANK_ROWS = 3
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")
_YEAR = re.compile(r"\bnam\s+(20\d\d)\b")
_YEAR_RANGE = re.compile(r"\b(20\d\d)\s*[-–—]\s*(20\d\d)\b")
_DATE_IN_TEXT = re.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}")
_DECISION = re.compile(
    r"(?:Quyết định|QĐ)\s*(?:số)?\s*:?\s*(\d+[^\s,;)]*)\s*,?\s*ngày\s*"
    r"(\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4})(?:\s*của\s*([^)(;]+))?",
    re.IGNORECASE,
)

Matcher = Callable[[str], bool]


@dataclass(frozen=True)
class Header:
    first_row: int
    last_row: int
    columns: dict[str, int]

    def col(self, key: str) -> int | None:
        return self.columns.get(key)


def cell_points(value: object, *, what: str, places: int = 3) -> tuple[Decimal | None, str]:
    """A number cell or text such as ``18,5`` / ``1,5 điểm`` → (points, text as written).

    Float noise from formulas (16.740000000000002) is rounded to ``places``; text with more
    decimals than ``places`` raises ``ValidationError``. Blank → (None, "").
    """
    if isinstance(value, bool):
        raise ValidationError(f"{what} “{value}” không phải là số.")
    if isinstance(value, int | float):
        d = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places))
        return d, cell_text(value)
    text = cell_text(value)
    if text in ("", "-", "–"):
        return None, text
    return parse_points(text, what=what, places=places), text


def _password_protected(path: Path) -> bool:
    try:
        return is_password_protected(path.read_bytes())
    except OSError:
        return False


def read_grids(path: Path) -> list[Grid]:
    """Every visible worksheet of an .xlsx/.xls file, with a Vietnamese message on failure."""
    if not path.is_file():
        raise ValidationError(f"Không tìm thấy tệp {path}.")
    if path.suffix.lower() not in EXCEL_SUFFIXES:
        raise ValidationError(
            f"Tệp {path.name} không phải bảng tính Excel (.xlsx, .xls); hãy lưu lại dưới dạng .xlsx."
        )
    try:
        wb = calamine.CalamineWorkbook.from_path(str(path))
    except PermissionError as exc:
        raise ValidationError(
            f"Không mở được tệp {path.name}: tệp đang mở trong chương trình khác hoặc không có "
            "quyền đọc. Hãy đóng Excel rồi thử lại."
        ) from exc
    except Exception as exc:  # calamine raises its own error types for damaged files
        if isinstance(exc, calamine.PasswordError) or _password_protected(path):
            raise ValidationError(password_message(path.name)) from None
        log_original(exc, path.name)
        raise ValidationError(
            f"Không đọc được tệp {path.name}: tệp hỏng, bị cắt cụt hoặc không phải bảng tính "
            "Excel. Hãy mở tệp bằng Excel, chọn Lưu thành (Save As) dạng .xlsx rồi nhập lại."
        ) from None
    grids = []
    try:
        for meta in wb.sheets_metadata:
            if str(meta.visible) != str(calamine.SheetVisibleEnum.Visible):
                continue
            sheet = wb.get_sheet_by_name(meta.name)
            cells = sheet.to_python(skip_empty_area=False)
            merged_to: dict[tuple[int, int], tuple[int, int]] = {}
            for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []:
                for r in range(r0, r1 + 1):
                    for c in range(c0, c1 + 1):
                        if (r, c) != (r0, c0):
                            merged_to[(r, c)] = (r0, c0)
            grids.append(Grid(nfc(meta.name), cells, merged_to))
    except Exception as exc:
        log_original(exc, path.name)
        raise ValidationError(
            f"Không đọc được nội dung tệp {path.name}: tệp bị hỏng. Hãy mở tệp bằng Excel, "
            "chọn Lưu thành (Save As) dạng .xlsx rồi nhập lại."
        ) from None
    finally:
        wb.close()
    return grids


def find_header(
    grid: Grid, fields: dict[str, Sequence[Matcher]], required: Sequence[str | tuple[str, ...]]
) -> Header | None:
    """The first row (or pair of rows, for two-row headers) naming every ``required`` field
    (a tuple in ``required`` means any one of those fields).

    ``fields`` maps a key to matchers tried in order on the folded column label; a column
    serves one key only, and keys claim columns in the order given.
    """
    for r in range(min(grid.height, HEADER_SCAN_ROWS)):
        if grid.row_is_blank(r):
            continue
        for last in (r + 1, r) if _spans_two_rows(grid, r) else (r, r + 1):
            if last >= grid.height:
                continue
            width = max(len(grid.cells[i]) for i in range(r, last + 1))
            labels = []
            for c in range(width):
                parts: list[str] = []
                for i in range(r, last + 1):
                    t = fold(grid.header_text(i, c))
                    if t and t not in parts:
                        parts.append(t)
                labels.append(" ".join(parts))
            columns = _assign(labels, fields)
            if all(
                any(k in columns for k in ((need,) if isinstance(need, str) else need))
                for need in required
            ):
                return Header(r, last, columns)
    return None


def _spans_two_rows(grid: Grid, r: int) -> bool:
    """Row ``r`` heads a two-row header: a cell merged down into ``r + 1``, or a group
    label merged across columns (``Điểm`` over ``Tối đa`` / ``Tự chấm``)."""
    for (mr, mc), (r0, c0) in grid.merged_to.items():
        if r0 == r and (mr == r + 1 or (mr == r and mc != c0)):
            return True
    return False


def _assign(labels: list[str], fields: dict[str, Sequence[Matcher]]) -> dict[str, int]:
    taken: set[int] = set()
    out: dict[str, int] = {}
    for key, matchers in fields.items():
        for match in matchers:
            hit = next(
                (c for c, lab in enumerate(labels) if lab and c not in taken and match(lab)), None
            )
            if hit is not None:
                out[key] = hit
                taken.add(hit)
                break
    return out


def data_rows(grid: Grid, header: Header) -> Iterator[int]:
    """Row indexes below the header: skips a column-number row and blank rows, stops after
    a run of blank rows (the signature block is usually below one)."""
    blank = 0
    for r in range(header.last_row + 1, grid.height):
        if grid.row_is_blank(r):
            blank += 1
            if blank >= STOP_AFTER_BLANK_ROWS:
                return
            continue
        blank = 0
        texts = [grid.text(r, c) for c in header.columns.values()]
        filled = [t for t in texts if t]
        if filled and all(_COLUMN_NUMBER.match(t) for t in filled) and len(filled) > 2:
            continue
        yield r


def title_lines(grid: Grid, header: Header) -> list[tuple[int, str]]:
    """The non-blank rows above the header, as (row index, joined text)."""
    out = []
    for r in range(header.first_row):
        text = " ".join(t for t in (grid.text(r, c) for c in range(len(grid.cells[r]))) if t)
        if text:
            out.append((r, text))
    return out


@dataclass(frozen=True)
class DecisionRef:
    number: str
    date: date | None
    issuer: str


def find_decision(lines: Sequence[tuple[int, str]]) -> DecisionRef | None:
    """``(Kèm theo Quyết định số 766/QĐ-UBND ngày 16/3/2023 của UBND huyện Ninh Giang)``."""
    for _, text in lines:
        m = _DECISION.search(text)
        if m:
            try:
                when = parse_date(m.group(2))
            except ValidationError:
                when = None
            issuer = (m.group(3) or "").strip().rstrip(".")
            return DecisionRef(m.group(1).rstrip("."), when, issuer)
    return None


def years_mentioned(text: str) -> tuple[set[int], list[tuple[int, int]]]:
    """Years (``năm 2022``) and ranges (``giai đoạn 2022 - 2030``) a title line is about.

    Dates inside the line (``ngày 15/12/2022`` of a decision) do not count.
    """
    folded = _DATE_IN_TEXT.sub(" ", fold(text))
    ranges = [(int(a), int(b)) for a, b in _YEAR_RANGE.findall(folded)]
    years = {int(y) for y in _YEAR.findall(_YEAR_RANGE.sub(" ", folded))}
    return years, ranges


def other_year_line(lines: Sequence[tuple[int, str]], year: int) -> tuple[int, int] | None:
    """When the title rows speak of other years only: (row index, first year named)."""
    first: tuple[int, int] | None = None
    for r, text in lines:
        years, ranges = years_mentioned(text)
        if year in years or any(a <= year <= b for a, b in ranges):
            return None
        if first is None and (years or ranges):
            first = (r, min(years) if years else ranges[0][0])
    return first
