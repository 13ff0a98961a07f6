"""When a year's evidence may be dated: a document of year N is not "outside the year" when
it falls in the year's evaluation window. By default 01/10 of N−1 (the CCHC plan for N is
issued before the year starts: seed 002 cites plan 1332/KH-UBND of 31/12/2021 for 2022) to
31/01 of N+1 (yearly reports); the province's guidance may fix another, set per year in
Năm → Thiết lập năm đánh giá… (``cchc year set --evidence-from/--evidence-to``). A
sub-criterion whose catalog row gives a deadline has its own window too (``node_window``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from base.errors import ValidationError
from db.sqlconn import row
from db.values import date_from_db
from desktop.core.office.vnformat import format_date

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db.sqlconn import Source


@dataclass(frozen=True)
class EvidenceWindow:
    start: date
    end: date
    default: bool  # the app's default, not set for the year

    def __contains__(self, when: date) -> bool:
        return self.start <= when <= self.end

    @property
    def text(self) -> str:
        return f"từ {format_date(self.start)} đến {format_date(self.end)}"


def default_window(year: int) -> EvidenceWindow:
    return EvidenceWindow(date(year - 1, 10, 1), date(year + 1, 1, 31), True)


def node_window(deadline: date) -> EvidenceWindow:
    """A sub-criterion's own window when the catalog gives it a deadline ("ban hành trước
    15/01/2023"): the year up to that deadline, whatever the year's window says."""
    try:
        start = deadline.replace(year=deadline.year - 1)
    except ValueError:  # 29/02
        start = date(deadline.year - 1, 2, 28)
    return EvidenceWindow(start, deadline, False)


def evidence_window(src: Source, year: int) -> EvidenceWindow:
    """The year's window (its own, or the default)."""
    r = row(src, "SELECT evidence_from, evidence_to FROM assessment_year WHERE year = ?", (year,))
    d = default_window(year)
    if r is None or (r["evidence_from"] is None and r["evidence_to"] is None):
        return d
    start = date_from_db(r["evidence_from"]) or d.start
    end = date_from_db(r["evidence_to"]) or d.end
    return EvidenceWindow(start, end, False)


def check_window(year: int, start: date, end: date) -> None:
    if start > end:
        raise ValidationError(
            f"Thời gian tài liệu của năm {year}: ngày bắt đầu {format_date(start)} sau ngày kết "
            f"thúc {format_date(end)}."
        )
    if start > date(year, 12, 31) or end < date(year, 1, 1):
        raise ValidationError(
            f"Thời gian tài liệu {format_date(start)} – {format_date(end)} không chứa ngày nào "
            f"của năm {year}."
        )


def set_evidence_window(
    session: Session, year: int, start: date | None, end: date | None
) -> EvidenceWindow:
    """Set the year's window (both None: back to the default)."""
    from desktop.core.years.store import ensure_year

    row_ = ensure_year(session, year)
    if start is None and end is None:
        row_.evidence_from = row_.evidence_to = None
    else:
        d = default_window(year)
        start, end = start or d.start, end or d.end
        check_window(year, start, end)
        row_.evidence_from, row_.evidence_to = start, end
    session.flush()
    return evidence_window(session, year)
