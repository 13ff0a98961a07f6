"""Submission rounds: locking a year as submitted keeps a copy; later edits are the next round.

``lock_year`` refuses while explanations or scores are missing (``readiness``), or when
nothing changed since the last submitted round. It keeps every node's score, declared
figure, explanation and override reason (by code), the totals, and the report (.docx)
as it was, in the file store. ``round_diff`` lists what changed since a submitted round;
``year_status`` says which round the year is in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from io import BytesIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from base.errors import NotFoundError, ValidationError
from db.filestore import FileStore
from db.models_selfassess import AssessmentRound, RoundEntry
from desktop.core.evidence.files import ensure_blob_row
from desktop.core.office.vnformat import format_date, format_points
from desktop.core.selfassess.export_docx import build_selfassess_docx
from desktop.core.selfassess.readiness import readiness
from desktop.core.selfassess.report import gather_report, score_text


@dataclass(frozen=True)
class RoundInfo:
    year: int
    number: int
    submitted_at: datetime
    note: str
    max_points: Decimal
    self_score: Decimal | None
    bonus_max: Decimal
    bonus_score: Decimal | None
    report_sha256: str | None
    report_name: str

    @property
    def label(self) -> str:
        return f"vòng {self.number} (nộp ngày {format_date(self.submitted_at.date())})"


@dataclass(frozen=True)
class Change:
    code: str
    title: str
    what: str  # Điểm tự chấm | Số liệu kê khai | Giải trình | Lý do chấm khác | Mục
    before: str
    after: str


@dataclass
class RoundDiff:
    year: int
    round: RoundInfo
    changes: list[Change] = field(default_factory=list)
    totals: list[Change] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changes or self.totals)


@dataclass(frozen=True)
class YearStatus:
    year: int
    submitted: RoundInfo | None
    current_round: int
    changes: int  # since the last submitted round

    def summary(self) -> str:
        if self.submitted is None:
            return f"Năm {self.year} chưa nộp (đang soạn vòng 1)."
        if not self.changes:
            return f"Năm {self.year} đã nộp {self.submitted.label}; chưa sửa gì sau đó."
        return (
            f"Năm {self.year} đã nộp {self.submitted.label}; đang sửa vòng "
            f"{self.current_round} ({self.changes} thay đổi so với vòng đã nộp)."
        )


def _info(r: AssessmentRound) -> RoundInfo:
    return RoundInfo(
        r.year,
        r.number,
        r.submitted_at,
        r.note,
        r.max_points,
        r.self_score,
        r.bonus_max,
        r.bonus_score,
        r.report_sha256,
        r.report_name,
    )


def rounds(session: Session, year: int) -> list[RoundInfo]:
    return [
        _info(r)
        for r in session.scalars(
            select(AssessmentRound)
            .where(AssessmentRound.year == year)
            .order_by(AssessmentRound.number)
        )
    ]


def lock_year(session: Session, store: FileStore, year: int, *, note: str = "") -> RoundInfo:
    """Mark the year's self-assessment as submitted: the next round starts after it."""
    state = readiness(session, store, year)
    if not state.ready:
        raise ValidationError(
            f"Chưa khóa được năm {year} là đã nộp. {state.summary()} Hãy ghi giải trình "
            "(cchc explain) và chấm đủ điểm trước."
        )
    previous = rounds(session, year)
    if previous:
        diff = round_diff(session, year)
        if not diff.changed:
            raise ValidationError(
                f"Năm {year} không có thay đổi nào so với {previous[-1].label}: không cần nộp lại."
            )
    number = (previous[-1].number if previous else 0) + 1
    report = gather_report(session, year)
    buf = BytesIO()
    build_selfassess_docx(report).save(buf)
    blob = store.put_bytes(buf.getvalue())
    ensure_blob_row(session, blob)
    t = report.tree
    row = AssessmentRound(
        year=year,
        number=number,
        note=" ".join(note.split()),
        max_points=t.effective_max - t.survey_max,
        self_score=t.self_score,
        bonus_max=t.bonus_max,
        bonus_score=t.bonus_score,
        report_sha256=blob.sha256,
        report_name=f"bao-cao-tu-danh-gia-{year}-vong-{number}.docx",
    )
    session.add(row)
    for pos, r in enumerate(report.rows):
        row.entries.append(
            RoundEntry(
                position=pos,
                code=r.code,
                title=r.title,
                level=r.level,
                is_leaf=r.is_leaf,
                bonus=r.bonus,
                max_points=r.max_points,
                applicable=r.applicable,
                self_score=r.self_score if r.self_scored else None,
                declared=r.declared,
                override_reason=r.override_reason,
                explanation=r.explanation,
            )
        )
    session.flush()
    return _info(row)


def _round_row(session: Session, year: int, number: int | None) -> AssessmentRound:
    stmt = select(AssessmentRound).where(AssessmentRound.year == year)
    if number is None:
        stmt = stmt.order_by(AssessmentRound.number.desc()).limit(1)
    else:
        stmt = stmt.where(AssessmentRound.number == number)
    row = session.scalar(stmt)
    if row is None:
        raise NotFoundError(
            f"Năm {year} chưa nộp vòng nào."
            if number is None
            else f"Năm {year} không có vòng {number}."
        )
    return row


def round_diff(session: Session, year: int, number: int | None = None) -> RoundDiff:
    """What changed since submitted round ``number`` (default: the last one), leaf by leaf."""
    old = _round_row(session, year, number)
    report = gather_report(session, year)
    diff = RoundDiff(year, _info(old))
    before = {e.code: e for e in old.entries}
    now = {r.code: r for r in report.rows}
    for r in report.rows:
        e = before.get(r.code)
        if e is None:
            diff.changes.append(Change(r.code, r.title, "Mục", "", "mục mới trong bộ tiêu chí"))
            continue
        if not r.is_leaf:
            continue
        pairs = [
            (
                "Điểm tự chấm",
                score_text(e.applicable, r.self_scored, e.self_score) or "chưa chấm",
                r.score_text or "chưa chấm",
            ),
            ("Số liệu kê khai", e.declared, r.declared),
            ("Giải trình", e.explanation, r.explanation),
            ("Lý do chấm khác", e.override_reason, r.override_reason),
        ]
        for what, a, b in pairs:
            if a != b:
                diff.changes.append(Change(r.code, r.title, what, a, b))
    for code, e in before.items():
        if code not in now:
            diff.changes.append(Change(code, e.title, "Mục", "", "không còn trong bộ tiêu chí"))
    t = report.tree
    for what, a, b in [
        ("Tổng điểm tự đánh giá", old.self_score, t.self_score),
        ("Điểm cộng", old.bonus_score, t.bonus_score),
    ]:
        if a != b:
            diff.totals.append(Change("", "", what, _pts(a), _pts(b)))
    return diff


def _pts(value: Decimal | None) -> str:
    return format_points(value) if value is not None else "—"


def year_status(session: Session, year: int) -> YearStatus:
    count = session.scalar(select(func.count()).where(AssessmentRound.year == year)) or 0
    if not count:
        return YearStatus(year, None, 1, 0)
    diff = round_diff(session, year)
    return YearStatus(year, diff.round, diff.round.number + 1, len(diff.changes))


def round_report(session: Session, store: FileStore, year: int, number: int) -> tuple[bytes, str]:
    """The report (.docx) kept when round ``number`` was submitted: (content, file name)."""
    row = _round_row(session, year, number)
    if row.report_sha256 is None:
        raise NotFoundError(f"Vòng {number} năm {year} không giữ bản báo cáo.")
    with store.open_blob(row.report_sha256, row.report_name) as fh:
        return fh.read(), row.report_name
