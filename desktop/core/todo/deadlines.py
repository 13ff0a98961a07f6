"""Per-year deadlines (hạn nộp tự đánh giá, hạn gửi báo cáo), kept in the settings table as
``deadline:<year>:<kind>`` = ISO date, and the days left until them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from base.errors import ValidationError
from db.models import AppSetting
from desktop.core.office.vnformat import format_date

# kind -> (label, the step it belongs to)
DEADLINE_KINDS: dict[str, tuple[str, str]] = {
    "self_assessment": ("Hạn nộp tự đánh giá", "self_assessment"),
    "report": ("Hạn gửi báo cáo", "report"),
}
SOON_DAYS = 7  # a step not done this close to its deadline needs attention


def _key(year: int, kind: str) -> str:
    return f"deadline:{year}:{kind}"


def _check_kind(kind: str) -> None:
    if kind not in DEADLINE_KINDS:
        raise ValidationError(f"Không có loại hạn “{kind}” (chọn: {', '.join(DEADLINE_KINDS)}).")


@dataclass(frozen=True)
class Deadline:
    kind: str
    due: date
    today: date

    @property
    def label(self) -> str:
        return DEADLINE_KINDS[self.kind][0]

    @property
    def days_left(self) -> int:
        return (self.due - self.today).days

    @property
    def soon(self) -> bool:
        return self.days_left <= SOON_DAYS

    def text(self) -> str:
        """``hạn 15/10/2026, còn 12 ngày`` / ``hạn hôm nay`` / ``quá hạn 3 ngày``."""
        due = format_date(self.due)
        left = self.days_left
        if left > 0:
            return f"hạn {due}, còn {left} ngày"
        if left == 0:
            return f"hạn {due} là hôm nay"
        return f"hạn {due}, đã quá hạn {-left} ngày"


def deadlines(session: Session, year: int, today: date | None = None) -> dict[str, Deadline]:
    """The deadlines set for ``year``, by kind."""
    today = today or date.today()
    prefix = f"deadline:{year}:"
    out: dict[str, Deadline] = {}
    for key, value in session.execute(
        select(AppSetting.key, AppSetting.value).where(AppSetting.key.startswith(prefix))
    ):
        kind = key[len(prefix) :]
        if kind not in DEADLINE_KINDS or not value:
            continue
        try:
            out[kind] = Deadline(kind, date.fromisoformat(value), today)
        except ValueError:
            continue
    return out


def set_deadline(session: Session, year: int, kind: str, due: date | None) -> None:
    """Set (or, with ``None``, clear) a deadline of ``year``."""
    _check_kind(kind)
    row = session.get(AppSetting, _key(year, kind))
    if due is None:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        session.add(AppSetting(key=_key(year, kind), value=due.isoformat()))
    else:
        row.value = due.isoformat()
