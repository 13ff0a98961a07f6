"""Numbers and dates the way Vietnamese documents write them, and parsing them back.

``87,75`` (decimal comma, no trailing zeros), ``dd/mm/yyyy``; a date that does not exist
(31/02/2023) is refused with a message, never guessed.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from desktop.core.errors import ValidationError

_DATE_RE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")


def format_points(value: Decimal | int | float | None) -> str:
    """``Decimal('18.500')`` → ``18,5``; ``15`` → ``15``; ``None`` → ``""``."""
    if value is None:
        return ""
    d = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    text = f"{d.normalize():f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace(".", ",")


def parse_points(text: str, *, what: str = "Điểm") -> Decimal:
    """Accept ``1,5`` or ``1.5`` (up to 3 decimals); refuse anything else with a message."""
    raw = text.strip().replace(" ", "")
    if raw.count(",") == 1 and "." not in raw:
        raw = raw.replace(",", ".")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(f"{what} “{text}” không phải là số (ví dụ: 1,5).") from None
    if not value.is_finite():
        raise ValidationError(f"{what} “{text}” không phải là số (ví dụ: 1,5).")
    if value.as_tuple().exponent < -3:  # type: ignore[operator]
        raise ValidationError(f"{what} “{text}” có quá 3 chữ số thập phân.")
    return value


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def parse_date(text: str, *, what: str = "Ngày") -> date:
    """``dd/mm/yyyy`` (also ``d/m/yyyy``, ``dd.mm.yyyy``, ``dd-mm-yyyy``); day always first."""
    m = _DATE_RE.match(text)
    if not m:
        raise ValidationError(f"{what} “{text}” không đúng dạng ngày/tháng/năm (dd/mm/yyyy).")
    day, month, year = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        raise ValidationError(f"{what} “{text}” không tồn tại (không có tháng {month}).")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(
            f"{what} “{text}” không tồn tại (tháng {month} năm {year} không có ngày {day})."
        ) from None
