"""Importing a year's catalog from the province's .xlsx/.xls table, through a preview.

``read_catalog_file`` reads the sheet into a ``CatalogPreview`` (plain, editable rows and
the problems found, each naming sheet and row); nothing touches the database until
``save_preview`` is called with the user's acceptance. A screen edits rows with
``edit_row``/``remove_row`` and calls ``revalidate`` to refresh the problem list.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from base.errors import ValidationError
from desktop.core.catalog.replace import ReplaceOutcome, save_or_replace_catalog
from desktop.core.catalog.rules_import import (
    RULE_COLUMN,
    adjust_for_bonus,
    bonus_codes,
    rule_for_row,
    rule_problems,
    save_rules,
)
from desktop.core.catalog.store import (
    CatalogProblem,
    NodeRow,
    ProblemReport,
    check_rows,
    code_depth,
    normalize_code,
)
from desktop.core.office.sheet_reader import (
    Grid,
    Header,
    cell_points,
    data_rows,
    find_decision,
    find_header,
    other_year_line,
    read_grids,
    title_lines,
)
from desktop.core.office.text import fold
from desktop.core.office.vnformat import format_points, parse_points
from desktop.core.progress import NO_PROGRESS, Progress

CODE_FIELDS = {
    "code": (
        lambda s: s in ("ma", "ma so", "ma tc", "ky hieu") or s.startswith("ma tieu chi"),
        lambda s: s == "tieu chi",
    ),
    "number": (lambda s: s in ("stt", "tt", "so tt", "so thu tu"),),
    "title": (
        lambda s: "noi dung" in s or "linh vuc" in s,
        lambda s: s.startswith("ten tieu chi") or (s.startswith("tieu chi") and s != "tieu chi"),
        lambda s: s in ("ten", "ten chi so"),
    ),
}
CATALOG_FIELDS = {
    **CODE_FIELDS,
    "max": (
        lambda s: "toi da" in s or "diem chuan" in s,
        lambda s: s in ("diem", "so diem", "thang diem", "diem so"),
    ),
    "guide": (
        lambda s: any(w in s for w in ("cach tinh", "cach cham", "huong dan", "phuong phap")),
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
_GUIDE_BULLETS = ("-", "+", "•", "*", "–", "—")
SURVEY_WORDS = ("dieu tra xa hoi hoc", "xhh", "sipas", "hai long")


@dataclass
class PreviewRow:
    """One catalog row as read (and possibly edited) before saving."""

    sheet: str
    row: int  # 1-based, as Excel shows it
    code: str
    title: str
    max_points: Decimal | None
    max_text: str = ""
    scoring_guide: str = ""
    evidence_required: str = ""
    written_code: str = ""  # the code as the file writes it (``1,5``, ``II``)
    rule_text: str = ""  # the scoring rule in notation (desktop.core.scoring.rules), "" = none

    @property
    def level(self) -> int:
        return code_depth(self.code)

    @property
    def where(self) -> str:
        return f"Sheet “{self.sheet}”, dòng {self.row}"

    def to_node_row(self) -> NodeRow:
        if self.max_points is None:
            raise ValidationError(f"{self.where}: mã {self.code} chưa có điểm tối đa hợp lệ.")
        return NodeRow(
            code=self.code,
            title=self.title.strip(),
            max_points=self.max_points,
            scoring_guide=self.scoring_guide.strip(),
            evidence_required=self.evidence_required.strip(),
        )


@dataclass
class CatalogPreview(ProblemReport):
    """What an import would save, and what is wrong with it."""

    path: Path
    sheet: str
    rows: list[PreviewRow]
    name: str = ""
    decision_number: str = ""
    decision_date: date | None = None
    issuer: str = ""
    stated_total: Decimal | None = None
    notes: list[CatalogProblem] = field(default_factory=list)  # found while reading
    problems: list[CatalogProblem] = field(default_factory=list)

    def revalidate(self) -> list[CatalogProblem]:
        found = [*self.notes, *check_rows(self.rows), *rule_problems(self.rows)]
        self.problems = adjust_for_bonus(found, self.rows)
        bonus = bonus_codes(self.rows)
        areas = [r.max_points for r in self.rows if r.level == 1 and r.code not in bonus]
        if self.stated_total is not None and areas and None not in areas:
            total = sum(areas, Decimal(0))  # type: ignore[arg-type]
            if total != self.stated_total:
                self.problems.append(
                    CatalogProblem(
                        "warning",
                        f"Sheet “{self.sheet}”: dòng Tổng ghi {format_points(self.stated_total)}"
                        f" điểm nhưng các lĩnh vực cộng lại được {format_points(total)}.",
                        sheet=self.sheet,
                    )
                )
        return self.problems


class CodeResolver:
    """Turns what the code/STT column says into a dotted code.

    Dotted codes are taken as written (``1.1.1``, ``1,5``, ``5.4.3.4``). When areas are
    numbered in Roman (``I``, ``II``), a plain number below is a criterion of that area
    (``II`` then ``3`` → ``2.3``) and ``3.1`` below criterion ``3`` is ``2.3.1``; letters
    (``a``, ``b``, ``đ``) number the children of the last numbered row.
    """

    def __init__(self) -> None:
        self.roman = False
        self.area: str | None = None
        self.criterion: str | None = None
        self.last: str | None = None

    def resolve(self, marker: str) -> str | None:
        m = marker.strip().rstrip(".):").strip()
        if not m:
            return None
        if m.isupper() and _ROMAN.match(m):
            self.roman, self.area, self.criterion = True, str(_roman_value(m)), None
            self.last = self.area
            return self.area
        if len(m) == 1 and m.lower() in _LETTERS and self.last:
            return f"{self.last}.{_LETTERS.index(m.lower()) + 1}"
        code = normalize_code(m)
        if not re.fullmatch(r"\d+(\.\d+)*", code):
            return None
        if self.roman and self.area:
            parts = code.split(".")
            if len(parts) == 1:
                self.criterion = code
                code = f"{self.area}.{code}"
            elif parts[0] == self.criterion:
                code = f"{self.area}.{code}"
        self.last = code
        return code


def _roman_value(text: str) -> int:
    values = [_ROMAN_VALUES[ch] for ch in text.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _code_key(code: str) -> tuple[int, ...]:
    return tuple(int(p) for p in code.split("."))


def is_total_label(text: str) -> bool:
    t = fold(text)
    return t.startswith("tong") or t in ("cong", "cong:")


def _is_survey(title: str) -> bool:
    t = fold(title)
    return any(w in t for w in SURVEY_WORDS)


def pick_table(
    grids: list[Grid],
    fields: dict,
    required: tuple[str | tuple[str, ...], ...],
    path: Path,
    sheet: str | None,
) -> tuple[Grid, Header]:
    """The requested sheet, or the first one whose header names the ``required`` columns."""
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


def read_catalog_file(
    path: Path,
    *,
    year: int | None = None,
    sheet: str | None = None,
    progress: Progress = NO_PROGRESS,
) -> CatalogPreview:
    """Read a catalog table into a preview (no database involved)."""
    progress.update(0, 0, f"Đang đọc {path.name}…")
    grid, header = pick_table(read_grids(path), CATALOG_FIELDS, ("title", "max"), path, sheet)
    lines = title_lines(grid, header)
    preview = CatalogPreview(path=path, sheet=grid.name, rows=[])
    preview.name = _catalog_name(lines, path)
    decision = find_decision(lines)
    if decision is not None:
        preview.decision_number = decision.number
        preview.decision_date = decision.date
        preview.issuer = decision.issuer
    if year is not None:
        other = other_year_line(lines, year)
        if other is not None:
            r, shown = other
            preview.notes.append(
                CatalogProblem(
                    "warning",
                    f"{grid.where(r)}: tiêu đề ghi năm {shown}, khác năm {year} đang nhập. "
                    "Hãy kiểm tra đúng bộ tiêu chí của năm.",
                    sheet=grid.name,
                    row=r + 1,
                )
            )
    _read_rows(grid, header, preview, progress)
    _fill_blank_parents(preview)
    preview.revalidate()
    return preview


def _catalog_name(lines: list[tuple[int, str]], path: Path) -> str:
    for _, text in lines:
        t = fold(text)
        if ("chi so" in t or "tieu chi" in t) and "quyet dinh" not in t:
            return text.strip()
    return path.stem


def _note(preview: CatalogPreview, grid: Grid, r: int, severity: str, message: str) -> None:
    preview.notes.append(
        CatalogProblem(severity, f"{grid.where(r)}: {message}", sheet=grid.name, row=r + 1)
    )


def _read_rows(grid: Grid, header: Header, preview: CatalogPreview, progress: Progress) -> None:
    resolver = CodeResolver()
    c_code, c_num = header.col("code"), header.col("number")
    c_title, c_max = header.col("title"), header.col("max")
    for r in data_rows(grid, header):
        progress.update(r + 1, grid.height, f"Dòng {r + 1}")
        written = grid.text(r, c_code) or grid.text(r, c_num)
        title = grid.text(r, c_title)
        if is_total_label(written) or (not written and is_total_label(title)):
            with contextlib.suppress(ValidationError):
                preview.stated_total, _ = cell_points(grid.value(r, c_max), what="Tổng điểm")
            break
        if not written:
            m = _TITLE_MARKER.match(title)
            if m:
                written = next(g for g in m.groups()[:-1] if g)
                title = m.group("rest")
        if not written:
            if title.startswith(_GUIDE_BULLETS) and preview.rows:
                prev = preview.rows[-1]
                extra = grid.text(r, c_max)
                line = f"{title} ({extra} điểm)" if extra else title
                prev.scoring_guide = f"{prev.scoring_guide}\n{line}".strip()
            else:
                shown = title[:60] or grid.text(r, c_max)
                _note(preview, grid, r, "warning", f"bỏ qua dòng không có mã tiêu chí “{shown}”.")
            continue
        code = resolver.resolve(written)
        if code is None:
            _note(preview, grid, r, "error", f"mã “{written}” không đọc được (ví dụ đúng: 1.2.3).")
            continue
        max_cell = grid.value(r, c_max)
        try:
            max_points, max_text = cell_points(max_cell, what="Điểm tối đa")
        except ValidationError:
            max_points, max_text = None, grid.text(r, c_max)
        rule_text, guide, rule_note = rule_for_row(
            grid.text(r, header.col("rule")), grid.text(r, header.col("guide")), max_points
        )
        if rule_note:
            _note(preview, grid, r, "warning", rule_note)
        preview.rows.append(
            PreviewRow(
                sheet=grid.name,
                row=r + 1,
                code=code,
                title=title,
                max_points=max_points,
                max_text=max_text,
                scoring_guide=guide,
                evidence_required=grid.text(r, header.col("evidence")),
                written_code=written,
                rule_text=rule_text,
            )
        )
    if not preview.rows:
        raise ValidationError(
            f"Sheet “{grid.name}” không có dòng tiêu chí nào dưới dòng tiêu đề cột "
            f"(dòng {header.last_row + 1})."
        )


def _fill_blank_parents(preview: CatalogPreview) -> None:
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


def edit_row(
    preview: CatalogPreview,
    index: int,
    *,
    code: str | None = None,
    title: str | None = None,
    max_text: str | None = None,
    scoring_guide: str | None = None,
    evidence_required: str | None = None,
    rule_text: str | None = None,
) -> list[CatalogProblem]:
    """Change a preview row as the user typed it, then re-check the whole preview."""
    row = preview.rows[index]
    if code is not None:
        row.code = normalize_code(code)
    if title is not None:
        row.title = " ".join(title.split())
    if max_text is not None:
        row.max_text = max_text.strip()
        try:
            row.max_points = (
                parse_points(row.max_text, what="Điểm tối đa") if row.max_text else None
            )
        except ValidationError:
            row.max_points = None
    if scoring_guide is not None:
        row.scoring_guide = scoring_guide
    if evidence_required is not None:
        row.evidence_required = evidence_required
    if rule_text is not None:
        row.rule_text = " ".join(rule_text.split())
    # A problem noted while reading is about the row as read; drop those of an edited row.
    preview.notes = [n for n in preview.notes if n.row != row.row or n.sheet != row.sheet]
    return preview.revalidate()


def remove_row(preview: CatalogPreview, index: int) -> list[CatalogProblem]:
    del preview.rows[index]
    return preview.revalidate()


def save_preview(
    session: Session,
    year: int,
    preview: CatalogPreview,
    *,
    name: str | None = None,
    accept_warnings: bool = False,
) -> ReplaceOutcome:
    """Save the previewed catalog as the catalog of ``year`` (the caller owns the transaction).

    Errors always refuse; warnings refuse unless the user accepted them. An existing
    catalog of the year is replaced only when that is safe (see ``catalog_replace``).
    """
    preview.revalidate()
    if preview.errors:
        listed = " ".join(p.message for p in preview.errors[:5])
        more = f" (và {len(preview.errors) - 5} lỗi khác)" if len(preview.errors) > 5 else ""
        raise ValidationError(
            f"Bộ tiêu chí trong tệp {preview.path.name} có lỗi, chưa lưu: {listed}{more}"
        )
    if preview.warnings and not accept_warnings:
        raise ValidationError(
            f"Bộ tiêu chí trong tệp {preview.path.name} có {len(preview.warnings)} cảnh báo; "
            "hãy xem lại và chấp nhận (--accept) để lưu."
        )
    # Tree order (parents before children) whatever order the rows were edited into.
    rows = sorted((r.to_node_row() for r in preview.rows), key=lambda r: _code_key(r.code))
    surveys = tuple(r.code for r in rows if r.level == 1 and _is_survey(r.title))
    bonus = bonus_codes(preview.rows)
    scored_areas = {r.code for r in rows if r.level == 1 and r.code not in (*surveys, *bonus)}
    with_children = {r.code.split(".")[0] for r in rows if r.level > 1}
    outcome = save_or_replace_catalog(
        session,
        year,
        rows,
        name=(name or preview.name or preview.path.stem).strip(),
        decision_number=preview.decision_number,
        decision_date=preview.decision_date,
        issuer=preview.issuer,
        source="imported",
        complete=scored_areas <= with_children,
        note=f"Nhập từ tệp {preview.path.name}, sheet “{preview.sheet}”.",
        survey_codes=surveys,
        allow_warnings=True,
    )
    save_rules(session, outcome.catalog_id, preview.rows)
    return outcome
