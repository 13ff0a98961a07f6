"""How values are stored, without SQLAlchemy: the ORM's column types and the plain-SQL
readers (``db.sqlconn``) both convert through here, so the two never disagree.

- points: exact thousandths as integers (``11,84`` is 11840);
- dates: ISO text ``YYYY-MM-DD``; datetimes: ``YYYY-MM-DD hh:mm:ss.ffffff`` (SQLAlchemy's
  SQLite format);
- dossier stamps: the integer ``YYYYMMDDhhmmss``;
- booleans: 0/1.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

POINTS_QUANTUM = Decimal("0.001")


def to_points(value: Decimal | int | float | str) -> Decimal:
    """Round a value to the 3 decimals the index uses (e.g. ``1,577``)."""
    if isinstance(value, float):
        value = repr(value)
    return Decimal(value).quantize(POINTS_QUANTUM, rounding=ROUND_HALF_UP)


def points_to_db(value: Decimal | None) -> int | None:
    return None if value is None else int(to_points(value) * 1000)


def points_from_db(value: int | None) -> Decimal | None:
    return None if value is None else (Decimal(value) / 1000).quantize(POINTS_QUANTUM)


def date_to_db(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def date_from_db(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value[:10])


def datetime_to_db(value: datetime | None) -> str | None:
    return None if value is None else value.strftime("%Y-%m-%d %H:%M:%S.%f")


def datetime_from_db(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def bool_from_db(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def now() -> datetime:
    """When something happened, as the register keeps it (local time, to the second)."""
    return datetime.now().replace(microsecond=0)


def stamp_of(value: datetime) -> int:
    return (
        value.year * 10_000_000_000
        + value.month * 100_000_000
        + value.day * 1_000_000
        + value.hour * 10_000
        + value.minute * 100
        + value.second
    )


def from_stamp(value: int) -> datetime:
    day, clock = divmod(int(value), 1_000_000)
    y, md = divmod(day, 10_000)
    mo, d = divmod(md, 100)
    hh, ms = divmod(clock, 10_000)
    mi, ss = divmod(ms, 100)
    return datetime(y, mo, d, hh, mi, ss)


RESULT_QUANTUM = Decimal("0.0001")


def result_points_to_db(value: Decimal | None) -> int | None:
    """Published scores carry 4 decimals (``0,2439/1,5``): integer ten-thousandths."""
    if value is None:
        return None
    return int(Decimal(value).quantize(RESULT_QUANTUM, rounding=ROUND_HALF_UP) * 10000)


def result_points_from_db(value: int | None) -> Decimal | None:
    if value is None:
        return None
    return (Decimal(value) / 10000).quantize(RESULT_QUANTUM).normalize()
