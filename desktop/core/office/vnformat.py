"""Numbers and dates the way Vietnamese documents write them, and parsing them back.

THE one place for these forms in the whole app (screens, CLI, reports):

- points and numbers: ``87,75``, ``1,577``, ``15`` (decimal comma, no trailing zeros),
  a thousand and more grouped with dots: ``1.234``, ``45.734``, ``1.234,5`` (CLDR ``vi``,
  checked against Babel in the tests);
  a score out of its maximum ``87,75/100``; a rank ``9/20``;
- percentages: ``97,9%``, ``84,89%``, ``100%``;
- counts as documents write them: below 10 padded, ``01 hồ sơ``, ``07 nội dung``,
  ``1.234 hồ sơ``;
- dates: ``dd/mm/yyyy`` on screen; in a document's text the ND 30/2020 habit (day below 10
  and month below 3 padded): ``16/3/2023``, ``24/02/2023``, and in full
  ``ngày 04 tháng 4 năm 2023``, ``ngày 15 tháng 01 năm 2024``.

A date that does not exist (31/02/2023) is refused with a message, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from base.errors import ValidationError

_DATE_RE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
_POINTS_WORD = re.compile(r"\s*(điểm|đ)\.?\s*$", re.IGNORECASE)
_RANK_WORDS = re.compile(r"(hạng|thứ|xếp)", re.IGNORECASE)
_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_RANK_RE = re.compile(r"^\s*(\d+)\s*(?:/\s*(\d+))?\s*$")


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
    whole, _, frac = text.partition(".")
    return group_thousands(whole) + ("," + frac if frac else "")


def group_thousands(digits: str) -> str:
    """``45734`` → ``45.734``; ``-1234`` → ``-1.234``; ``999`` → ``999``."""
    sign, digits = ("-", digits[1:]) if digits.startswith("-") else ("", digits)
    groups = []
    while len(digits) > 3:
        digits, tail = digits[:-3], digits[-3:]
        groups.insert(0, tail)
    return sign + ".".join([digits, *groups])


def format_number(value: Decimal | int | float | None, places: int | None = None) -> str:
    """Any number the Vietnamese way; ``places`` rounds half up first (``97,94`` → ``97,9``)."""
    if value is None:
        return ""
    d = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if places is not None:
        d = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return format_points(d)


def format_percent(value: Decimal | int | float | None, places: int | None = None) -> str:
    """``Decimal('97.90')`` → ``97,9%``; ``84.89`` → ``84,89%``; ``None`` → ``""``."""
    if value is None:
        return ""
    return f"{format_number(value, places)}%"


def format_count(n: int) -> str:
    """Counts as documents write them: ``1`` → ``01``, ``9`` → ``09``, ``0`` → ``0``,
    ``192`` → ``192``, ``45734`` → ``45.734``."""
    return f"{n:02d}" if 0 < n < 10 else group_thousands(str(n))


def format_int(n: int) -> str:
    """A count on screen: ``45734`` → ``45.734`` (no padding)."""
    return group_thousands(str(n))


def format_dossiers(n: int, noun: str = "hồ sơ") -> str:
    """``1`` → ``01 hồ sơ``."""
    return f"{format_count(n)} {noun}"


def format_rank(place: int | str | None, out_of: int | None = None) -> str:
    """``(9, 20)`` → ``9/20``; a stored rank text (``9/19``) is returned as it is."""
    if place is None or place == "":
        return ""
    if isinstance(place, str):
        return place.strip()
    return f"{place}/{out_of}" if out_of else str(place)


def parse_points(text: str, *, what: str = "Điểm", places: int = 3) -> Decimal:
    """Accept ``1,5`` or ``1.5`` (up to ``places`` decimals; appraised results publish 4, as
    in ``0,2439``); a trailing ``điểm`` is ignored; refuse anything else with a message."""
    raw = _POINTS_WORD.sub("", unicodedata.normalize("NFC", text)).strip().replace(" ", "")
    if raw.count(",") == 1 and _GROUPED.match(raw.partition(",")[0]):
        raw = raw.replace(".", "")  # 1.234,5: dots group the thousands
    if raw.count(",") == 1 and "." not in raw:
        raw = raw.replace(",", ".")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(f"{what} “{text}” không phải là số (ví dụ: 1,5).") from None
    if not value.is_finite():
        raise ValidationError(f"{what} “{text}” không phải là số (ví dụ: 1,5).")
    if value.as_tuple().exponent < -places:  # type: ignore[operator]
        raise ValidationError(f"{what} “{text}” có quá {places} chữ số thập phân.")
    return value


def parse_fraction(
    text: str, *, what: str = "Điểm", places: int = 4
) -> tuple[Decimal, Decimal | None]:
    """``0,2439/1,5`` or ``1/3 điểm`` → (score, maximum); ``11,84`` → (11.84, None)."""
    raw = text.strip()
    if "/" not in raw:
        return parse_points(raw, what=what, places=places), None
    left, _, right = raw.partition("/")
    if "/" in right:
        raise ValidationError(f"{what} “{text}” không đúng dạng điểm/điểm tối đa (ví dụ 0,5/1,5).")
    return (
        parse_points(left, what=what, places=places),
        parse_points(right, what=what, places=places),
    )


def format_fraction(score: Decimal | None, maximum: Decimal | None) -> str:
    """``(0.2439, 1.5)`` → ``0,2439/1,5`` (as the district writes a result)."""
    if score is None:
        return ""
    if maximum is None:
        return format_points(score)
    return f"{format_points(score)}/{format_points(maximum)}"


def parse_rank(text: str, *, what: str = "Xếp hạng") -> str:
    """``9/19``, `` 9 / 19 hạng``, ``9`` → ``9/19`` or ``9``; refuse text that is no rank."""
    raw = _RANK_WORDS.sub("", unicodedata.normalize("NFC", text)).strip()
    if raw.endswith(".0") and raw[:-2].isdigit():  # a number cell read as 9.0
        raw = raw[:-2]
    m = _RANK_RE.match(raw)
    if not m:
        raise ValidationError(f"{what} “{text}” không đúng dạng thứ hạng (ví dụ 9 hoặc 9/19).")
    place, out_of = m.group(1), m.group(2)
    return f"{int(place)}/{int(out_of)}" if out_of else str(int(place))


def format_date(value: date | None) -> str:
    """``04/04/2023`` (screens, file contents, tables)."""
    return value.strftime("%d/%m/%Y") if value else ""


def _nd30_day_month(value: date) -> tuple[str, str]:
    """ND 30/2020: a day below 10 and a month below 3 get a leading zero."""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"{value.day:02d}", month


def format_doc_date(value: date | None) -> str:
    """A date inside a document's text: ``15/12/2022``, ``16/3/2023``, ``24/02/2023``."""
    if value is None:
        return ""
    day, month = _nd30_day_month(value)
    return f"{day}/{month}/{value.year}"


def format_long_date(value: date | None) -> str:
    """``ngày 04 tháng 4 năm 2023``; ``ngày 15 tháng 01 năm 2024`` (ND 30/2020)."""
    if value is None:
        return "ngày      tháng      năm     "
    day, month = _nd30_day_month(value)
    return f"ngày {day} tháng {month} năm {value.year}"


def format_place_date(place: str, value: date | None) -> str:
    """The place-and-date line of a document: ``Đồng Tâm, ngày 04 tháng 4 năm 2023``."""
    return f"{place}, {format_long_date(value)}" if place else format_long_date(value).capitalize()


def format_datetime(value: datetime | None) -> str:
    """``05/01/2024 15:30``."""
    return value.strftime("%d/%m/%Y %H:%M") if value else ""


def format_size(n: int) -> str:
    """File sizes as the officer reads them: ``0 KB``, ``12 KB``, ``3,4 MB``, ``1,25 GB``."""
    if n >= 1_000_000_000:
        return f"{n / 1e9:.2f} GB".replace(".", ",")
    if n >= 1_000_000:
        return f"{n / 1e6:.1f} MB".replace(".", ",")
    return f"{format_int(max(1, round(n / 1000)))} KB" if n else "0 KB"


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
