"""Reporting periods: the statistical periods of ND 09/2019/ND-CP, calendar quarters, and
any from–to range (inclusive calendar dates).

ND 09 counts from 15 December of the previous year: Q1 ends on 14/3, six months on 14/6,
nine months on 14/9, the year on 14/12. Seed 002 used 15/12/2022–30/3/2023, so a preset is
only a starting point: any range can be used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from base.errors import ValidationError
from desktop.core.office.vnformat import format_date, parse_date

# kind -> (Vietnamese label, month the period ends in)
ND09_KINDS = {
    "q1": ("Quý I năm", 3),
    "6m": ("6 tháng đầu năm", 6),
    "9m": ("9 tháng năm", 9),
    "year": ("Năm", 12),
}


@dataclass(frozen=True)
class Period:
    start: date  # first day (inclusive)
    end: date  # last day (inclusive)
    label: str = ""

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError(
                f"Kỳ báo cáo không hợp lệ: ngày kết thúc {format_date(self.end)} trước "
                f"ngày bắt đầu {format_date(self.start)}."
            )

    @property
    def start_at(self) -> datetime:
        return datetime.combine(self.start, time())

    @property
    def end_at(self) -> datetime:
        """The first moment after the period (exclusive bound)."""
        return datetime.combine(self.end + timedelta(days=1), time())

    @property
    def last_moment(self) -> datetime:
        """The end of the period's last day (23:59:59)."""
        return datetime.combine(self.end, time(23, 59, 59))

    @property
    def title(self) -> str:
        dates = f"từ ngày {format_date(self.start)} đến ngày {format_date(self.end)}"
        return f"{self.label} ({dates})" if self.label else dates.capitalize()


def nd09_period(kind: str, year: int) -> Period:
    """``nd09_period("q1", 2023)`` → 15/12/2022–14/03/2023."""
    if kind not in ND09_KINDS:
        raise ValidationError(f"Kỳ thống kê “{kind}” không có (chọn: {', '.join(ND09_KINDS)}).")
    label, month = ND09_KINDS[kind]
    return Period(date(year - 1, 12, 15), date(year, month, 14), f"{label} {year}")


def nd09_quarter(quarter: int, year: int) -> Period:
    """Quarter n of ND 09: 15/12–14/3, 15/3–14/6, 15/6–14/9, 15/9–14/12."""
    _check_quarter(quarter)
    start = date(year - 1, 12, 15) if quarter == 1 else date(year, 3 * quarter - 3, 15)
    roman = ("I", "II", "III", "IV")[quarter - 1]
    return Period(start, date(year, 3 * quarter, 14), f"Quý {roman} năm {year}")


def calendar_quarter(quarter: int, year: int) -> Period:
    _check_quarter(quarter)
    first_month = 3 * quarter - 2
    start = date(year, first_month, 1)
    nxt = date(year + 1, 1, 1) if quarter == 4 else date(year, first_month + 3, 1)
    roman = ("I", "II", "III", "IV")[quarter - 1]
    return Period(start, nxt - timedelta(days=1), f"Quý {roman} năm {year} (theo quý dương lịch)")


def custom_period(start: str | date, end: str | date) -> Period:
    """From–to, each a date or ``dd/mm/yyyy`` text."""
    s = start if isinstance(start, date) else parse_date(start, what="Ngày bắt đầu")
    e = end if isinstance(end, date) else parse_date(end, what="Ngày kết thúc")
    return Period(s, e)


def _check_quarter(quarter: int) -> None:
    if quarter not in (1, 2, 3, 4):
        raise ValidationError(f"Quý {quarter} không hợp lệ (chọn 1, 2, 3 hoặc 4).")


def presets(year: int) -> list[Period]:
    """The periods a period picker offers for a year (ND 09 first)."""
    return [
        *(nd09_period(k, year) for k in ND09_KINDS),
        *(nd09_quarter(q, year) for q in (2, 3, 4)),
        *(calendar_quarter(q, year) for q in (1, 2, 3, 4)),
    ]
