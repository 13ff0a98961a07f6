"""Understanding a province's criteria table, whatever file it came in.

The readers (``desktop.core.office``: sheets, Word tables, PDF pages, web tables, pastes)
hand over ``Grid``s; this module finds the criteria table among them (its header names
the columns and its rows carry points; a decision's other tables, a signature table, a
portal's form and layout tables are passed over), joins a table split into several
tables or pages (each repeating its header, or not), and reads its rows into
``PreviewRow``s:

- codes normalised to dotted codes in document order: Roman areas ``I``, ``II`` → ``1``,
  ``2``; criteria restarting at 1 in each area → ``<area>.<n>``; sub-criteria ``a)``,
  ``b)`` or ``1.1`` → ``<area>.<crit>.<n>``; the source's numbering is kept beside;
- rows without a number that only carry a scoring method (``- Ban hành trước 31/12:
  1 điểm``) go into the scoring guide of the row above, and a rule in the notation of
  ``desktop.core.scoring.rules`` is proposed from them where they state steps;
- ``Tổng cộng`` rows are not nodes: their value is checked against the areas; reading
  goes on past them, for the bonus area (``Điểm thưởng``) that often follows;
- the decision's number, date and issuer are read from the opening lines.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from base.errors import ValidationError
from desktop.core.catalog.preview import CatalogPreview, PreviewRow
from desktop.core.catalog.rules_import import RULE_COLUMN, is_bonus_title, prose_steps, rule_for_row
from desktop.core.catalog.store import CatalogProblem, normalize_code
from desktop.core.office.sheet_reader import (
    HEADER_SCAN_ROWS,
    DecisionRef,
    Header,
    cell_points,
    data_rows,
    find_decision,
    find_header,
    other_year_line,
)
from desktop.core.office.tables import KIND_PAGE, KIND_SHEET, Grid
from desktop.core.office.text import fold
from desktop.core.office.vnformat import format_points, parse_points
from desktop.core.progress import NO_PROGRESS, Progress
from desktop.core.scoring.rules import RuleError, parse_rule

CODE_FIELDS = {
    "code": (
        lambda s: s in ("ma", "ma so", "ma tc", "ky hieu") or s.startswith("ma tieu chi"),
        lambda s: s == "tieu chi",
    ),
    "number": (lambda s: s in ("stt", "tt", "so tt", "so thu tu") or s.startswith("stt "),),
    "title": (
        lambda s: "noi dung" in s or "linh vuc" in s,
        lambda s: s.startswith("ten tieu chi") or (s.startswith("tieu chi") and s != "tieu chi"),
        lambda s: s in ("ten", "ten chi so"),
    ),
}
CATALOG_FIELDS = {
    # "Tiêu chí" alone names the content beside an STT column, the codes beside "Nội dung"
    "code": CODE_FIELDS["code"][:1],
    "number": CODE_FIELDS["number"],
    "title": (*CODE_FIELDS["title"], lambda s: s == "tieu chi"),
    "code_alt": (lambda s: s == "tieu chi",),
    "max": (
        lambda s: "toi da" in s or "diem chuan" in s,
        lambda s: s in ("diem", "so diem", "thang diem", "diem so"),
    ),
    "guide": (
        lambda s: any(
            w in s for w in ("cach tinh", "cach cham", "huong dan", "phuong phap", "cach thuc")
        ),
    ),
    "evidence": (lambda s: any(w in s for w in ("kiem chung", "minh chung", "tai lieu")),),
    "rule": RULE_COLUMN,  # the notation of desktop.core.scoring.rules, when a sheet has its own column
}
_ROMAN = re.compile(r"^L?X{0,3}(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
_LETTERS = "abcdđeghiklmnopqrstuvxy"  # Vietnamese list order: a, b, c, d, đ, e, g ...
_TITLE_MARKER = re.compile(
    r"^(?:(?P<roman>[IVXL]+)[.):]|(?P<dotted>\d+(?:[.,]\d+)+)\.?|(?P<num>\d+)[.):]"
    r"|(?P<letter>[a-zđ])\))\s+(?P<rest>\S.*)$"
)
_NAMED_MARKER = re.compile(
    r"^(?:lĩnh vực|tiêu chí)\s+(?P<m>[IVXL]+|\d+(?:[.,]\d+)*)\s*[.:\-–]\s*(?P<rest>\S.*)$",
    re.IGNORECASE,
)
_GUIDE_BULLETS = ("-", "+", "•", "*", "–", "—")
_POINTS_IN_TEXT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:điểm|đ)\b", re.IGNORECASE)
_GUIDE_STEP = re.compile(r"([^:;\n]+?)\s*:\s*(\d+(?:[.,]\d+)?)\s*điểm", re.IGNORECASE)
_DEDUCTION = re.compile(r"\btru\s*(\d+(?:[.,]\d+)?)\s*(?:diem|d)\b")
SURVEY_WORDS = ("dieu tra xa hoi hoc", "xhh", "sipas", "hai long")
_OPENING_NUMBER = re.compile(r"^Số\s*:?\s*(\d+[^\s,;]*/[^\s,;]+)", re.IGNORECASE)
_OPENING_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_ISSUER = re.compile(r"^(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND)\s+(.+)$", re.IGNORECASE)


class CodeResolver:
    """Turns what the code/STT column says into a dotted code.

    Dotted codes are taken as written (``1.1.1``, ``1,5``, ``5.4.3.4``). When areas are
    numbered in Roman (``I``, ``II``), a plain number below is a criterion of that area
    (``II`` then ``3`` → ``2.3``) and ``3.1`` below criterion ``3`` is ``2.3.1``; letters
    (``a``, ``b``, ``đ``) number the children of the last numbered row.
    """

    def __init__(self) -> None:
        self.roman = False
        self.caps_areas = False  # areas told apart by their capitals (``1 CẢI CÁCH …``)
        self.area: str | None = None
        self.criterion: str | None = None
        self.last: str | None = None
        self.areas_seen = 0

    def resolve(self, marker: str, title: str = "", *, strong: bool = False) -> str | None:
        """``strong``: the row is set in bold, as an area's row usually is."""
        m = marker.strip().rstrip(".):").strip()
        if not m:
            return None
        if m.isdigit() and not self.roman and (_is_caps(title) or strong):
            # ``1 CÔNG TÁC CHỈ ĐẠO …``: an area whose criteria restart at 1 below it
            self.caps_areas, self.area, self.criterion = True, str(int(m)), None
            self.last = self.area
            self.areas_seen = max(self.areas_seen, int(m))
            return self.area
        if m.isupper() and _ROMAN.match(m):
            self.roman, self.area, self.criterion = True, str(_roman_value(m)), None
            self.last = self.area
            self.areas_seen = max(self.areas_seen, int(self.area))
            return self.area
        if len(m) == 1 and m.lower() in _LETTERS and self.last:
            return f"{self.last}.{_LETTERS.index(m.lower()) + 1}"
        code = normalize_code(m)
        if not re.fullmatch(r"\d+(\.\d+)*", code):
            return None
        if (self.roman or self.caps_areas) and self.area:
            parts = code.split(".")
            if len(parts) == 1:
                self.criterion = code
                code = f"{self.area}.{code}"
            elif parts[0] == self.criterion:
                code = f"{self.area}.{code}"
        if "." not in code:
            self.areas_seen = max(self.areas_seen, int(code))
        self.last = code
        return code

    def next_area(self) -> str:
        """An area without a number (a ``Điểm thưởng`` row after the total): the next one."""
        self.areas_seen += 1
        self.area, self.criterion = str(self.areas_seen), None
        self.last = self.area
        return self.area


def _is_caps(title: str) -> bool:
    letters = [ch for ch in title if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


def _roman_value(text: str) -> int:
    values = [_ROMAN_VALUES[ch] for ch in text.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


_SUBTOTAL = re.compile(r"^cộng\s*(?:lĩnh vực|phần|mục|[ivxl]+\b|\(|:|$)", re.IGNORECASE)


def is_total_label(text: str) -> bool:
    """``Tổng cộng``, ``Tổng số điểm (I+II+…)``, ``TỔNG``, a sub-total ``Cộng lĩnh vực I``."""
    t = fold(text)
    raw = " ".join(text.lower().split())
    return (
        t.startswith("tong")
        or t in ("cong", "cong:")
        or t.startswith("cong (")
        or bool(_SUBTOTAL.match(raw))
    )


def _is_grand_total(text: str) -> bool:
    t = fold(text)
    return t.startswith("tong") and "linh vuc" not in t and "phan " not in t


def is_survey(title: str) -> bool:
    t = fold(title)
    return any(w in t for w in SURVEY_WORDS)


# --- finding the table --------------------------------------------------------------------


def pick_table(
    grids: list[Grid],
    fields: dict,
    required: tuple[str | tuple[str, ...], ...],
    path,
    sheet: str | None,
) -> tuple[Grid, Header]:
    """The requested sheet, or the first one whose header names the ``required`` columns
    (the appraised results' sheet)."""
    if sheet is not None:
        chosen = [g for g in grids if g.name == sheet]
        if not chosen:
            names = ", ".join(f"“{g.name}”" for g in grids)
            raise ValidationError(f"Tệp {path.name} không có sheet “{sheet}” (có: {names}).")
        grids = chosen
    for g in grids:
        header = find_header(g, fields, required)
        if header is not None:
            return g, header
    names = ", ".join(f"“{g.name}”" for g in grids) or "(không có sheet nào)"
    raise ValidationError(
        f"Không tìm thấy dòng tiêu đề cột của bảng trong tệp {path.name} (sheet {names}). "
        "Bảng cần có các cột như “STT”/“Mã tiêu chí”, “Nội dung” và “Điểm tối đa”."
    )


@dataclass
class Part:
    """One table (or page) of the criteria table, with its own header (or, when it goes on
    without repeating it, the first part's columns from row 0)."""

    grid: Grid
    header: Header
    continued: bool = False  # the first rows may finish the last row of the previous part


def _headerless(header: Header) -> Header:
    return Header(-1, -1, dict(header.columns))


def _point_rows(grid: Grid, header: Header) -> int:
    c_max = header.col("max")
    count = 0
    for r in range(header.last_row + 1, grid.height):
        with contextlib.suppress(ValidationError):
            value, _ = (
                cell_points(grid.value(r, c_max), what="Điểm") if c_max is not None else (None, "")
            )
            if value is not None:
                count += 1
    return count


def _continues(grid: Grid, main: Grid, header: Header) -> bool:
    """A table without a header of its own that goes on with the criteria table: the same
    columns, and rows with points or numbers."""
    if grid.width != main.width or grid.height == 0:
        return False
    return _point_rows(grid, _headerless(header)) > 0


def pick_parts(grids: list[Grid], name: str, sheet: str | None = None) -> list[Part]:
    """The criteria table: the part whose header names the columns (content and maximum)
    and whose rows carry the most points, with the tables or pages that continue it.

    Sheets are not joined (a workbook's sheets are separate tables); the first sheet with
    such a header is taken, or the one named ``sheet``.
    """
    if sheet is not None:
        chosen = [g for g in grids if g.name == sheet]
        if not chosen:
            names = ", ".join(f"“{g.name}”" for g in grids)
            raise ValidationError(f"Tệp {name} không có sheet “{sheet}” (có: {names}).")
        grids = chosen
    headers = [find_header(g, CATALOG_FIELDS, ("title", "max")) for g in grids]
    if grids and grids[0].kind == KIND_SHEET:
        for g, h in zip(grids, headers, strict=True):
            if h is not None:
                return [Part(g, h)]
        raise _no_table(grids, name)
    best: list[Part] = []
    best_score = 0
    i = 0
    while i < len(grids):
        h = headers[i]
        if h is None:
            i += 1
            continue
        parts = [Part(grids[i], h)]
        j = i + 1
        while j < len(grids):
            hj = headers[j]
            if hj is not None and set(hj.columns) >= {"title", "max"}:
                same = _same_columns(hj, h) or grids[j].width == grids[i].width
                if same and hj.first_row <= 1:
                    parts.append(Part(grids[j], hj, continued=True))
                    j += 1
                    continue
                break
            if _continues(grids[j], grids[i], h):
                parts.append(Part(grids[j], _headerless(h), continued=True))
                j += 1
                continue
            if not any(not grids[j].row_is_blank(r) for r in range(grids[j].height)):
                j += 1
                continue
            break
        score = sum(_point_rows(p.grid, p.header) for p in parts)
        if score > best_score:
            best, best_score = parts, score
        i = j
    if not best:
        raise _no_table(grids, name)
    return best


def _same_columns(a: Header, b: Header) -> bool:
    return set(a.columns) == set(b.columns)


def _no_table(grids: list[Grid], name: str) -> ValidationError:
    if grids and grids[0].kind == KIND_SHEET:
        names = ", ".join(f"“{g.name}”" for g in grids) or "(không có sheet nào)"
        return ValidationError(
            f"Không tìm thấy dòng tiêu đề cột của bảng trong tệp {name} (sheet {names}). "
            "Bảng cần có các cột như “STT”/“Mã tiêu chí”, “Nội dung” và “Điểm tối đa”."
        )
    found = (
        f"Tệp có {len(grids)} bảng nhưng không bảng nào"
        if grids
        else "Tệp không có bảng nào, nên không có bảng"
    )
    return ValidationError(
        f"Không tìm thấy bảng tiêu chí trong tệp {name}: {found} có dòng tiêu đề cột "
        "như “STT”, “Nội dung” (hoặc “Tiêu chí”), “Điểm tối đa” và các dòng có điểm. Hãy "
        "kiểm tra đúng tệp phụ lục của quyết định, hoặc gõ bảng vào tệp mẫu (Tải tệp mẫu)."
    )


# --- the opening: title, decision, year ---------------------------------------------------


def opening_lines(grids: list[Grid], parts: list[Part]) -> list[str]:
    """Text above the criteria table: paragraphs and other tables before it (a decision's
    opening and its header table), then the title rows inside the table above its header."""
    first = parts[0]
    lines: list[str] = []
    for g in grids:
        if g is first.grid:
            break
        lines.extend(g.before)
        for r in range(min(g.height, HEADER_SCAN_ROWS)):
            for c in range(g.width):
                text = g.lines(r, c)
                lines.extend(t for t in text.split("\n") if t)
    lines.extend(first.grid.before)
    for r in range(max(first.header.first_row, 0)):
        text = " ".join(t for t in (first.grid.text(r, c) for c in range(first.grid.width)) if t)
        if text:
            lines.append(text)
    return lines


def annex_lines(parts: list[Part]) -> list[str]:
    """The lines nearest the table (an annex's own title), nearest last."""
    first = parts[0]
    lines = list(first.grid.before[-6:])
    for r in range(max(first.header.first_row, 0)):
        text = " ".join(t for t in (first.grid.text(r, c) for c in range(first.grid.width)) if t)
        if text:
            lines.append(text)
    return lines


def catalog_name(near: list[str], lines: list[str], fallback: str) -> str:
    for group in (near, lines):
        for text in group:
            t = fold(text)
            if ("chi so" in t or "tieu chi" in t) and "quyet dinh" not in t and len(t) < 250:
                return text.strip()
    return fallback


def decision_from_opening(lines: list[str]) -> DecisionRef | None:
    """``(Kèm theo Quyết định số … ngày … của …)`` near the table, else the decision's own
    opening: ``Số: 3395/QĐ-UBND``, ``…, ngày 15 tháng 12 năm 2022`` and the issuing body
    (``ỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG``)."""
    ref = find_decision([(i, t) for i, t in enumerate(lines)])
    if ref is not None:
        return ref
    number, when, issuer = "", None, ""
    for i, text in enumerate(lines[:40]):
        if not number and (m := _OPENING_NUMBER.search(text)):
            number = m.group(1).rstrip(".")
        if when is None and (m := _OPENING_DATE.search(text)):
            with contextlib.suppress(ValueError):
                when = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if issuer:
            continue
        m = _ISSUER.match(_left_column(text))
        if m and fold(m.group(2)).startswith(_PLACES):
            issuer = "UBND " + _place_case(m.group(2))
        elif m or fold(_left_column(text)) in ("uy ban nhan dan", "ubnd"):
            below = _left_column(lines[i + 1]) if i + 1 < len(lines) else ""
            if fold(below).startswith(_PLACES):
                issuer = "UBND " + _place_case(below)
    if not number:
        return None
    return DecisionRef(number, when, issuer)


_PLACES = ("tinh ", "thanh pho ")
_RIGHT_COLUMN = re.compile(r"\s*(?:CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐỘC LẬP)\b.*$")


def _left_column(text: str) -> str:
    """A line of the two-column heading as a PDF gives it: the issuer's side only."""
    return _RIGHT_COLUMN.sub("", text.strip())


def _place_case(text: str) -> str:
    """``TỈNH HẢI DƯƠNG`` → ``tỉnh Hải Dương``; ``THÀNH PHỐ HẢI PHÒNG`` → ``thành phố Hải Phòng``."""
    words = text.split()
    if not words:
        return ""
    lead = 2 if fold(" ".join(words[:2])) == "thanh pho" else 1
    head = " ".join(w.lower() for w in words[:lead])
    rest = " ".join(w[:1].upper() + w[1:].lower() for w in words[lead:])
    return f"{head} {rest}".strip()


def apply_opening(preview: CatalogPreview, grids, parts, year: int | None, fallback: str) -> None:
    lines = opening_lines(grids, parts)
    near = annex_lines(parts)
    preview.name = catalog_name(list(reversed(near)), lines, fallback)
    decision = decision_from_opening(near) or decision_from_opening(lines)
    if decision is not None:
        preview.decision_number = decision.number
        preview.decision_date = decision.date
        preview.issuer = decision.issuer
    if year is None:
        return
    first = parts[0]
    # the annex's own title first; a decision's date (ngày … tháng … năm 2024) is no year
    titled = [t for t in lines if any(w in fold(t) for w in ("chi so", "tieu chi"))]
    indexed = [(-1, _OPENING_DATE.sub(" ", t)) for t in [*reversed(near), *titled]]
    if first.grid.kind == KIND_SHEET:
        indexed = [
            (r, t)
            for r in range(max(first.header.first_row, 0))
            if (
                t := " ".join(
                    x for x in (first.grid.text(r, c) for c in range(first.grid.width)) if x
                )
            )
        ]
    other = other_year_line(indexed, year)
    if other is None:
        return
    r, shown = other
    where = first.grid.where(r) if r >= 0 else first.grid.name
    if first.grid.kind != KIND_SHEET and r < 0:
        where = f"Phần đầu {preview.source_name}"
    preview.notes.append(
        CatalogProblem(
            "warning",
            f"{where}: tiêu đề ghi năm {shown}, khác năm {year} đang nhập. "
            "Hãy kiểm tra đúng bộ tiêu chí của năm.",
            sheet=first.grid.name if r >= 0 else "",
            row=r + 1 if r >= 0 else None,
        )
    )


# --- the rows -----------------------------------------------------------------------------


def _note(preview: CatalogPreview, grid: Grid, r: int, severity: str, message: str) -> None:
    part, row = grid.origin(r)
    preview.notes.append(
        CatalogProblem(severity, f"{grid.where(r)}: {message}", sheet=part, row=row)
    )


def _title_marker(title: str) -> tuple[str, str]:
    m = _TITLE_MARKER.match(title)
    if m:
        return next(g for g in m.groups()[:-1] if g), m.group("rest")
    m = _NAMED_MARKER.match(title)
    if m:
        return m.group("m"), m.group("rest")
    return "", title


def _points_of_line(text: str, extra: str) -> Decimal | None:
    if extra:
        with contextlib.suppress(ValidationError):
            return parse_points(extra, what="Điểm")
    hits = _POINTS_IN_TEXT.findall(text)
    if hits:
        with contextlib.suppress(ValidationError):
            return parse_points(hits[-1], what="Điểm")
    return None


def read_rows(parts: list[Part], preview: CatalogPreview, progress: Progress = NO_PROGRESS) -> None:
    resolver = CodeResolver()
    total_rows = sum(p.grid.height for p in parts)
    done = 0
    after_total = False
    for part in parts:
        grid, header = part.grid, part.header
        c_code, c_num = header.col("code"), header.col("number")
        if c_code is None:
            c_code = header.col("code_alt")
        c_title, c_max = header.col("title"), header.col("max")
        c_guide, c_evidence = header.col("guide"), header.col("evidence")
        first_data = True
        rows = list(data_rows(grid, header))
        if grid.kind != KIND_SHEET and rows:
            _area_above(part, rows[0], c_code if c_code is not None else c_num, resolver, preview)
        for r in rows:
            progress.update(done + r + 1, total_rows, f"{grid.name}, dòng {r + 1}")
            continuing, first_data = part.continued and first_data, False
            written = grid.text(r, c_code) or grid.text(r, c_num)
            title = grid.text(r, c_title)
            if written and all(ch in "-+•*–—" for ch in written):  # a bullet in the STT column
                title, written = f"{written} {title}", ""
            elif written and not title and " " in written:
                # an area's row merged across STT and content: ``I. CÔNG TÁC CHỈ ĐẠO …``
                marker, rest = _title_marker(written)
                written, title = marker, rest if marker else written
            if is_total_label(written) or (not written and is_total_label(title)):
                grand = _is_grand_total(written or title)
                if preview.stated_total is None and grand:
                    with contextlib.suppress(ValidationError):
                        preview.stated_total, _ = cell_points(grid.value(r, c_max), what="Tổng")
                        if grid.kind != KIND_SHEET:
                            preview.total_where = grid.where(r)
                after_total = after_total or (grand and bool(preview.rows))  # not a total above
                if grid.kind == KIND_SHEET and preview.rows and not _has_more_rows(grid, header, r):
                    break
                continue
            if not written:
                written, title = _title_marker(title)
            code = None
            if not written and is_bonus_title(title) and grid.text(r, c_max):
                code = resolver.next_area()
            elif not written:
                extra = grid.text(r, c_max)
                prev = preview.rows[-1] if preview.rows else None
                points = _points_of_line(title, extra)
                if prev is not None and (title.startswith(_GUIDE_BULLETS) or points is not None):
                    line = f"{title} ({extra} điểm)" if extra else title
                    prev.scoring_guide = f"{prev.scoring_guide}\n{line}".strip()
                    prev.methods.append((title.lstrip("-+•*–— ").strip(), points))
                elif prev is not None and continuing and grid.kind == KIND_PAGE:
                    _finish_broken_row(prev, grid, header, r)
                elif title or extra:
                    shown = title[:60] or extra
                    _note(
                        preview, grid, r, "warning", f"bỏ qua dòng không có mã tiêu chí “{shown}”."
                    )
                continue
            if code is None:
                code = resolver.resolve(
                    written,
                    title.upper() if is_bonus_title(title) else title,
                    strong=_strong_row(grid, rows[0], r, c_title),
                )
            if code is None:
                _note(
                    preview, grid, r, "error", f"mã “{written}” không đọc được (ví dụ đúng: 1.2.3)."
                )
                continue
            if after_total and code and "." not in code and not is_bonus_title(title):
                _note(
                    preview,
                    grid,
                    r,
                    "warning",
                    f"lĩnh vực {code} “{title[:60]}” nằm sau dòng Tổng cộng; hãy kiểm tra "
                    "đây có phải phần điểm thưởng/điểm cộng không.",
                )
            try:
                max_points, max_text = cell_points(grid.value(r, c_max), what="Điểm tối đa")
            except ValidationError:
                max_points, max_text = None, grid.text(r, c_max)
            rule_text, guide, rule_note = rule_for_row(
                grid.text(r, header.col("rule")), grid.lines(r, c_guide), max_points
            )
            if rule_note:
                _note(preview, grid, r, "warning", rule_note)
            part_name, row_no = grid.origin(r)
            preview.rows.append(
                PreviewRow(
                    sheet=part_name,
                    row=row_no,
                    code=code,
                    title=title,
                    max_points=max_points,
                    max_text=max_text,
                    scoring_guide=guide,
                    evidence_required=_evidence(grid, r, c_evidence),
                    written_code=written,
                    rule_text=rule_text,
                    kind=grid.kind,
                )
            )
        done += grid.height
    if not preview.rows:
        first = parts[0]
        raise ValidationError(
            f"{first.grid.where(max(first.header.last_row, 0)).split(',')[0]} không có dòng "
            f"tiêu chí nào dưới dòng tiêu đề cột (dòng {first.header.last_row + 1})."
        )
    for row in preview.rows:
        if row.rule_text:
            continue
        methods = row.methods or _guide_methods(row.scoring_guide)
        if methods:
            row.rule_text = propose_rule(methods, row.max_points)


def _guide_methods(guide: str) -> list[tuple[str, Decimal | None]]:
    """``Có kế hoạch: 4 điểm; Không có: 0 điểm`` in the guide cell, as method lines."""
    found = []
    for text, pts in _GUIDE_STEP.findall(guide):
        with contextlib.suppress(ValidationError):
            found.append((text.strip(" -+•*–—"), parse_points(pts, what="Điểm")))
    return found if len(found) >= 2 else []


_AREA_HEADING = re.compile(
    r"^(?:(?:lĩnh vực|phần)\s+)?(?P<m>[IVXL]+)\s*[.:\-–]\s*(?P<title>\S.*?)"
    r"(?:\s*\(\s*(?P<pts>\d+(?:[.,]\d+)?)\s*điểm\s*\))?\s*$",
    re.IGNORECASE,
)


def _area_above(
    part: Part, first: int, c_mark: int | None, resolver: CodeResolver, preview: CatalogPreview
) -> None:
    """One Word table per area with the area as a heading above it (``II. CẢI CÁCH THỂ CHẾ
    (15 điểm)``) rather than as a row: the heading becomes the area's row."""
    if not part.grid.before:
        return
    m = _AREA_HEADING.match(part.grid.before[-1])
    if not m or not m.group("m").isupper():
        return
    written = part.grid.text(first, c_mark) if c_mark is not None else ""
    if written and written.rstrip(".)").isupper() and _ROMAN.match(written.rstrip(".)")):
        return  # the table has its own area row
    code = resolver.resolve(m.group("m"))
    if code is None:
        return
    points = None
    if m.group("pts"):
        with contextlib.suppress(ValidationError):
            points = parse_points(m.group("pts"), what="Điểm")
    preview.rows.append(
        PreviewRow(
            sheet=part.grid.name,
            row=0,
            code=code,
            title=m.group("title").strip(),
            max_points=points,
            written_code=m.group("m"),
            kind=part.grid.kind,
        )
    )


def _strong_row(grid: Grid, first: int, r: int, c_title: int | None) -> bool:
    """An area's row told by bold: its content cell in bold, while the rows are not bold
    throughout (a table all in bold tells nothing). ``first``: the first data row."""
    if not grid.is_strong(r, c_title):
        return False
    bold = sum(1 for rr in range(first, grid.height) if grid.is_strong(rr, c_title))
    return bold * 2 <= grid.height - first


def _has_more_rows(grid: Grid, header: Header, r: int) -> bool:
    """Whether rows with a number or a bonus title follow a sheet's total row."""
    for rr in range(r + 1, min(grid.height, r + 40)):
        title = grid.text(rr, header.col("title"))
        written = grid.text(rr, header.col("code")) or grid.text(rr, header.col("number"))
        if is_bonus_title(title) or (written and _ROMAN.match(written.rstrip(".)"))):
            return True
    return False


def _evidence(grid: Grid, r: int, c: int | None) -> str:
    """The evidence cell; a cell merged down over several rows counts for each of them."""
    if c is None:
        return ""
    text = grid.lines(r, c)
    if not text and (r, c) in grid.merged_to:
        r0, c0 = grid.merged_to[(r, c)]
        if c0 == c and r0 < r:
            text = grid.lines(r0, c0)
    return text


def _finish_broken_row(prev: PreviewRow, grid: Grid, header: Header, r: int) -> None:
    """A row that a page break cut in two: its rest, at the top of the next page, goes on
    the texts of the row above."""
    title = grid.text(r, header.col("title"))
    if title:
        prev.title = f"{prev.title} {title}".strip()
    guide = grid.lines(r, header.col("guide"))
    if guide:
        prev.scoring_guide = f"{prev.scoring_guide}\n{guide}".strip()
    evidence = grid.lines(r, header.col("evidence"))
    if evidence:
        prev.evidence_required = f"{prev.evidence_required}\n{evidence}".strip()


def propose_rule(methods: list[tuple[str, Decimal | None]], max_points: Decimal | None) -> str:
    """A rule in the notation, from the method lines under a sub-criterion, where they
    state steps: percentage steps (``Đạt 100%: 1 điểm``, ``Từ 90% đến dưới 100%: 0,5
    điểm``), steps on a count (``Từ 3 hình thức trở lên: 2 điểm``, ``2 hình thức: 1
    điểm``, ``Không thực hiện: 0 điểm``), a yes/no pair (the maximum or nothing) or points
    taken off per fault (``Mỗi … trừ 0,25 điểm``). "" when they do not."""
    if not methods:
        return ""
    stated = [(text, pts) for text, pts in methods if pts is not None]
    candidates = []
    if len(stated) == len(methods) and len(stated) >= 2:
        prose = "; ".join(
            f"{_POINTS_IN_TEXT.sub('', text).rstrip(' :.,;(')}: {pts} điểm" for text, pts in stated
        )
        steps = prose_steps(prose)
        if steps:
            candidates.append(steps)
        counted = _count_steps(stated)
        if counted:
            candidates.append(counted)
        values = sorted(p for _, p in stated)
        if (
            len(stated) == 2
            and values[0] == 0
            and max_points is not None
            and values[1] == max_points
        ):
            candidates.append("co/khong")
    for text, _ in methods:
        m = _DEDUCTION.search(fold(text))
        if m and ("moi" in fold(text) or "/" in text):
            candidates.append(f"tru {m.group(1)}/loi")
            break
    for notation in candidates:
        try:
            rule = parse_rule(notation)
            if max_points is not None:
                rule.check_max(max_points)
            return rule.notation()
        except RuleError:
            continue
    return ""


_COUNT_FORMS = (
    (re.compile(r"\btu\s*(\d+)\s*(?:\D*?)\s*den\s*(\d+)\b"), "{0}-{1}"),
    (re.compile(r"\btu\s*(\d+)\b.*\btro len\b"), ">={0}"),
    (re.compile(r"^(\d+)\b.*\btro len\b"), ">={0}"),
    (re.compile(r"\b(?:tren|hon)\s*(\d+)\b"), ">{0}"),
    (re.compile(r"\b(?:duoi|it hon)\s*(\d+)\b"), "<{0}"),
    (re.compile(r"^(?:co|dat|thuc hien|ban hanh)?\s*(\d+)\s+[^\d/]*$"), "{0}"),
)


def _count_steps(stated: list[tuple[str, Decimal | None]]) -> str:
    """``bac so: >=3=2; 2=1; 1=0,5; 0=0`` from lines that count things; "" otherwise."""
    steps = []
    for text, pts in stated:
        t = fold(_POINTS_IN_TEXT.sub("", text)).strip(" -+•*:.,;(")
        if "%" in t or "/" in t:
            return ""
        rng = next(
            (
                form.format(*m.groups())
                for pattern, form in _COUNT_FORMS
                if (m := pattern.search(t))
            ),
            None,
        )
        if rng is None and re.match(r"^khong\b", t) and not re.search(r"\d", t):
            rng = "0"
        if rng is None:
            return ""
        steps.append(f"{rng}={pts}")
    return "bac so: " + "; ".join(steps)


def fill_blank_parents(preview: CatalogPreview) -> None:
    """A parent whose maximum cell is blank takes the sum of its children (with a warning)."""
    for row in reversed(preview.rows):
        if row.max_points is not None or row.max_text:
            continue
        kids = [
            r
            for r in preview.rows
            if r.code.startswith(row.code + ".") and r.level == row.level + 1
        ]
        if kids and all(k.max_points is not None for k in kids):
            row.max_points = sum((k.max_points for k in kids), Decimal(0))  # type: ignore[misc]
            preview.notes.append(
                CatalogProblem(
                    "warning",
                    f"{row.where}: điểm tối đa của {row.code} để trống, lấy tổng các mục con "
                    f"là {format_points(row.max_points)}.",
                    code=row.code,
                    sheet=row.sheet,
                    row=row.row,
                )
            )
