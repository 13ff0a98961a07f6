"""Importing the appraising body's published results from an .xlsx/.xls table.

Columns such as "Mã tiêu chí" / "STT", "Nội dung", "Điểm tối đa", "Điểm đạt" or
"Điểm thẩm định", "Xếp hạng"; a "Tổng" row with the total and its rank; partial sheets
(areas only) are fine. Cells like ``0,2439/1,5`` carry score and maximum together.
``read_results_file`` reads without the database; ``match_results`` checks the rows
against the year's catalog; ``save_results`` replaces the year's results in one go.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from base.errors import NotFoundError, ValidationError
from db.models import Catalog, CatalogNode
from db.models_results import AppraisalResult, AppraisedScore
from desktop.core.catalog.importer import CODE_FIELDS, CodeResolver, is_total_label, pick_table
from desktop.core.catalog.store import CatalogProblem, ProblemReport, catalog_for_year
from desktop.core.office.sheet_reader import (
    Grid,
    cell_points,
    cell_text,
    data_rows,
    find_decision,
    other_year_line,
    read_grids,
    title_lines,
)
from desktop.core.office.text import fold, similarity
from desktop.core.office.vnformat import format_points, parse_fraction, parse_rank
from desktop.core.progress import NO_PROGRESS, Progress

PLACES = 4
REPLACE_BACKUP_LABEL = "truoc-thay-the"  # the backup made before stored results are replaced
TOLERANCE = Decimal("0.01")  # published figures are often rounded to 2 decimals
NOT_APPLICABLE = ("khong ap dung", "kad", "kap", "k/a", "n/a")


def _score_label(s: str) -> bool:
    return not any(w in s for w in ("toi da", "chuan", "tu cham", "tu danh gia", "xep"))


RESULT_FIELDS = {
    **CODE_FIELDS,
    "max": (lambda s: "toi da" in s or "diem chuan" in s,),
    "score": (
        lambda s: "tham dinh" in s and _score_label(s),
        lambda s: "diem dat" in s or "ket qua dat" in s,
        lambda s: ("ket qua" in s or "diem" in s) and _score_label(s),
    ),
    "rank": (lambda s: "xep hang" in s or "thu hang" in s or s in ("hang", "xep thu"),),
    "note": (lambda s: any(w in s for w in ("ghi chu", "ly do", "nguyen nhan")),),
}


@dataclass
class ResultRow:
    sheet: str
    row: int
    code: str  # as resolved from the file ("" when only a title is given)
    title: str
    score: Decimal | None
    max_points: Decimal | None = None  # as the sheet states it, if it does
    rank: str = ""
    applicable: bool = True
    note: str = ""
    node_code: str = ""  # the catalog node it matched

    @property
    def where(self) -> str:
        return f"Sheet “{self.sheet}”, dòng {self.row}"


@dataclass
class ResultsPreview(ProblemReport):
    path: Path
    sheet: str
    year: int
    rows: list[ResultRow] = field(default_factory=list)
    total: Decimal | None = None
    total_rank: str = ""
    decision_number: str = ""
    decision_date: date | None = None
    publisher: str = ""
    problems: list[CatalogProblem] = field(default_factory=list)

    @property
    def matched(self) -> list[ResultRow]:
        return [r for r in self.rows if r.node_code]

    def problem(self, severity: str, where: str, message: str, *, row: int | None, code=""):
        self.problems.append(CatalogProblem(severity, f"{where}: {message}", code, self.sheet, row))


def read_results_file(
    path: Path, *, year: int, sheet: str | None = None, progress: Progress = NO_PROGRESS
) -> ResultsPreview:
    progress.update(0, 0, f"Đang đọc {path.name}…")
    grid, header = pick_table(
        read_grids(path), RESULT_FIELDS, ("score", ("code", "number", "title")), path, sheet
    )
    preview = ResultsPreview(path=path, sheet=grid.name, year=year)
    lines = title_lines(grid, header)
    decision = find_decision(lines)
    if decision is not None:
        preview.decision_number = decision.number
        preview.decision_date = decision.date
        preview.publisher = decision.issuer
    other = other_year_line(lines, year)
    if other is not None:
        r, shown = other
        preview.problem(
            "error",
            grid.where(r),
            f"tiêu đề ghi kết quả năm {shown}, nhưng đang nhập kết quả năm {year}.",
            row=r + 1,
        )
    resolver = CodeResolver()
    col = header.col
    for r in data_rows(grid, header):
        progress.update(r + 1, grid.height, f"Dòng {r + 1}")
        written = grid.text(r, col("code")) or grid.text(r, col("number"))
        title = grid.text(r, col("title"))
        if is_total_label(written) or (not written and is_total_label(title)):
            score, _, _, _ = _read_score(preview, grid, r, col("score"), col("max"))
            preview.total = score
            preview.total_rank = _read_rank(preview, grid, r, col("rank"))
            break
        code = resolver.resolve(written) if written else ""
        if code is None:
            preview.problem("error", grid.where(r), f"mã “{written}” không đọc được.", row=r + 1)
            continue
        if not code and not title:
            continue
        score, maximum, applicable, ok = _read_score(preview, grid, r, col("score"), col("max"))
        if not ok:
            continue
        if score is None and applicable and not grid.text(r, col("rank")):
            continue  # a heading row without figures
        preview.rows.append(
            ResultRow(
                sheet=grid.name,
                row=r + 1,
                code=code,
                title=title,
                score=score,
                max_points=maximum,
                rank=_read_rank(preview, grid, r, col("rank")),
                applicable=applicable,
                note=grid.text(r, col("note")),
            )
        )
    if not preview.rows:
        raise ValidationError(f"Sheet “{grid.name}” của tệp {path.name} không có dòng điểm nào.")
    return preview


def _read_score(
    preview: ResultsPreview, grid: Grid, r: int, c_score: int | None, c_max: int | None
) -> tuple[Decimal | None, Decimal | None, bool, bool]:
    """(score, maximum, applicable, readable) of a row."""
    raw = grid.value(r, c_score) if c_score is not None else ""
    text = cell_text(raw)
    if fold(text) in NOT_APPLICABLE:
        return None, None, False, True
    try:
        if isinstance(raw, str) and "/" in text:
            score, maximum = parse_fraction(text, what="Điểm đạt", places=PLACES)
        else:
            score, _ = cell_points(raw, what="Điểm đạt", places=PLACES)
            maximum = None
        if maximum is None and c_max is not None:
            maximum, _ = cell_points(grid.value(r, c_max), what="Điểm tối đa", places=PLACES)
    except ValidationError as exc:
        preview.problem("error", grid.where(r), str(exc), row=r + 1)
        return None, None, True, False
    return score, maximum, True, True


def _read_rank(preview: ResultsPreview, grid: Grid, r: int, c_rank: int | None) -> str:
    text = grid.text(r, c_rank)
    if not text:
        return ""
    try:
        return parse_rank(text)
    except ValidationError as exc:
        preview.problem("error", grid.where(r), str(exc), row=r + 1)
        return ""


def match_results(session: Session, preview: ResultsPreview) -> ResultsPreview:
    """Find each row's node in the year's catalog and check the figures against it."""
    catalog = catalog_for_year(session, preview.year)
    if catalog is None:
        raise NotFoundError(
            f"Năm {preview.year} chưa có bộ tiêu chí; hãy nạp hoặc nhập bộ tiêu chí trước "
            f"(cchc init --year {preview.year} hoặc cchc catalog import)."
        )
    nodes = list(
        session.scalars(
            select(CatalogNode)
            .where(CatalogNode.catalog_id == catalog.id)
            .order_by(CatalogNode.position)
        )
    )
    by_code = {n.code: n for n in nodes}
    deepest = max((n.level for n in nodes), default=1)
    seen: dict[str, int] = {}
    for row in preview.rows:
        node = by_code.get(row.code) if row.code else _by_title(nodes, row.title)
        if node is None:
            shown = row.code or f"“{row.title[:50]}”"
            if row.code and row.code.count(".") + 1 > deepest:
                preview.problem(
                    "warning",
                    row.where,
                    f"bộ tiêu chí năm {preview.year} chưa có mục {shown} (chỉ đến cấp "
                    f"{deepest}); bỏ qua dòng này. Nhập bộ tiêu chí đầy đủ để giữ điểm chi tiết.",
                    row=row.row,
                    code=row.code,
                )
            else:
                preview.problem(
                    "error",
                    row.where,
                    f"không có tiêu chí {shown} trong bộ tiêu chí năm {preview.year}.",
                    row=row.row,
                    code=row.code,
                )
            continue
        if node.code in seen:
            preview.problem(
                "error",
                row.where,
                f"tiêu chí {node.code} có hai dòng điểm (dòng {seen[node.code]} và {row.row}).",
                row=row.row,
                code=node.code,
            )
            continue
        seen[node.code] = row.row
        row.node_code = node.code
        _check_figures(preview, row, node)
    _check_sums(preview, nodes)
    return preview


def _by_title(nodes: list[CatalogNode], title: str) -> CatalogNode | None:
    if not title:
        return None
    best, best_score = None, 0.0
    for n in nodes:
        score = similarity(n.title, title)
        if score > best_score:
            best, best_score = n, score
    return best if best_score >= 0.85 else None


def _check_figures(preview: ResultsPreview, row: ResultRow, node: CatalogNode) -> None:
    mx = node.max_points
    if row.max_points is not None and row.max_points != mx:
        preview.problem(
            "error",
            row.where,
            f"điểm tối đa của {node.code} trong tệp là {format_points(row.max_points)}, bộ "
            f"tiêu chí năm {preview.year} ghi {format_points(mx)}. Tệp có phải kết quả năm "
            "khác hoặc theo bộ tiêu chí khác không?",
            row=row.row,
            code=node.code,
        )
    if row.score is not None and (row.score < 0 or row.score > mx):
        preview.problem(
            "error",
            row.where,
            f"điểm đạt {format_points(row.score)} của {node.code} nằm ngoài khoảng 0 – "
            f"{format_points(mx)}.",
            row=row.row,
            code=node.code,
        )


def _check_sums(preview: ResultsPreview, nodes: list[CatalogNode]) -> None:
    scores = {r.node_code: r for r in preview.matched if r.score is not None}
    codes = {n.id: n.code for n in nodes}
    kids: dict[str, list[str]] = {}
    for n in nodes:
        if n.parent_id is not None:
            kids.setdefault(codes[n.parent_id], []).append(n.code)
    for parent, children in kids.items():
        if parent in scores and children and all(c in scores for c in children):
            total = sum((scores[c].score for c in children), Decimal(0))  # type: ignore[misc]
            row = scores[parent]
            if abs(total - row.score) > TOLERANCE:  # type: ignore[operator]
                preview.problem(
                    "warning",
                    row.where,
                    f"điểm của {parent} là {format_points(row.score)} nhưng các mục con cộng "
                    f"lại được {format_points(total)}.",
                    row=row.row,
                    code=parent,
                )
    areas = [n.code for n in nodes if n.parent_id is None]
    if preview.total is not None and all(a in scores for a in areas):
        total = sum((scores[a].score for a in areas), Decimal(0))  # type: ignore[misc]
        if abs(total - preview.total) > TOLERANCE:
            preview.problem(
                "warning",
                f"Sheet “{preview.sheet}”",
                f"dòng Tổng ghi {format_points(preview.total)} điểm nhưng các lĩnh vực cộng "
                f"lại được {format_points(total)}.",
                row=None,
            )


@dataclass(frozen=True)
class ResultsReplacement:
    """What saving a results file would replace: the year's scores now stored."""

    year: int
    existing: int  # scores stored now
    source_file: str  # where they came from ("" when typed in)
    dropped: list[str]  # codes scored now that the file has no score for
    changed: list[str]  # codes whose score the file changes

    def describe(self) -> str:
        source = f"từ tệp {self.source_file}" if self.source_file else "nhập tay"
        text = (
            f"Năm {self.year} đã có kết quả thẩm định: {self.existing} điểm đã có ({source}). "
            "Lưu tệp này sẽ THAY THẾ toàn bộ kết quả cũ của năm"
        )
        if self.dropped:
            shown = ", ".join(self.dropped[:8]) + ("…" if len(self.dropped) > 8 else "")
            text += f"; {len(self.dropped)} mục sẽ không còn điểm thẩm định ({shown})"
        if self.changed:
            text += f"; {len(self.changed)} mục đổi điểm"
        return text + "."

    def to_json(self) -> dict:
        return {
            "existing": self.existing,
            "source_file": self.source_file,
            "dropped": self.dropped,
            "changed": self.changed,
        }


def replacement_for(session: Session, preview: ResultsPreview) -> ResultsReplacement | None:
    """What the year's stored results would lose to ``preview`` (None: nothing stored)."""
    result = session.scalar(select(AppraisalResult).where(AppraisalResult.year == preview.year))
    if result is None or not result.scores:
        return None
    codes = dict(
        session.execute(
            select(CatalogNode.id, CatalogNode.code).where(
                CatalogNode.id.in_([sc.node_id for sc in result.scores])
            )
        ).all()
    )
    now = {codes[sc.node_id]: sc for sc in result.scores if sc.node_id in codes}
    new = {r.node_code: r for r in preview.matched}
    order = sorted(
        now, key=lambda c: [(0, int(x), "") if x.isdigit() else (1, 0, x) for x in c.split(".")]
    )
    dropped = [c for c in order if c not in new]
    changed = [
        c
        for c in order
        if c in new and (new[c].score != now[c].score or new[c].applicable != now[c].applicable)
    ]
    return ResultsReplacement(
        preview.year, len(result.scores), result.source_file or "", dropped, changed
    )


@dataclass(frozen=True)
class SavedResults:
    year: int
    node_count: int
    replaced: int  # scores that were there before and are now replaced
    total: Decimal | None
    total_rank: str


def save_results(session: Session, preview: ResultsPreview) -> SavedResults:
    """Replace the year's appraised scores with the preview's (caller owns the transaction)."""
    if preview.errors:
        listed = " ".join(p.message for p in preview.errors[:5])
        raise ValidationError(f"Kết quả trong tệp {preview.path.name} có lỗi, chưa lưu: {listed}")
    if not preview.matched:
        raise ValidationError(f"Tệp {preview.path.name} không có dòng điểm nào khớp bộ tiêu chí.")
    result = session.scalar(select(AppraisalResult).where(AppraisalResult.year == preview.year))
    if result is None:
        result = AppraisalResult(year=preview.year)
        session.add(result)
        session.flush()
    replaced = len(result.scores)
    session.execute(delete(AppraisedScore).where(AppraisedScore.result_id == result.id))
    session.expire(result, ["scores"])
    if preview.decision_number:
        result.decision_number = preview.decision_number
        result.decision_date = preview.decision_date
        result.publisher = preview.publisher or result.publisher
    result.total = preview.total
    result.total_rank = preview.total_rank
    result.source_file = preview.path.name
    ids = dict(
        session.execute(
            select(CatalogNode.code, CatalogNode.id)
            .join(Catalog, Catalog.id == CatalogNode.catalog_id)
            .where(Catalog.year == preview.year)
        ).all()
    )
    for row in preview.matched:
        session.add(
            AppraisedScore(
                node_id=ids[row.node_code],
                result_id=result.id,
                score=row.score,
                rank=row.rank,
                applicable=row.applicable,
                note=row.note,
            )
        )
    session.flush()
    return SavedResults(
        preview.year, len(preview.matched), replaced, preview.total, preview.total_rank
    )
