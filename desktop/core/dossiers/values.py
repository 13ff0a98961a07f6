"""Cell values of the portals' exports turned into typed values.

Every parser takes what python-calamine gives (str, float, int, bool, date, datetime,
time, timedelta or None) and either returns the value or raises ``BadValue`` with a short
Vietnamese reason. Dates are always day first: ``05/01/2023`` is the 5th of January.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from desktop.core.office.text import fold

EXCEL_EPOCH = datetime(1899, 12, 30)
# Serials between 1950 and 2100: anything else in a date column is not a date.
_SERIAL_MIN, _SERIAL_MAX = 18264, 73051
END_OF_DAY = time(23, 59, 59)

# AM/PM, or SA/CH (sáng/chiều) as Windows writes them in Vietnamese
_TIME = r"(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp]\.?[Mm]\.?|[Ss][Aa]|[Cc][Hh]))?"
_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?:[\sT,]+" + _TIME + r")?$")
_YMD = re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})(?:[\sT]+" + _TIME + r")?$")
_TIME_FIRST = re.compile(r"^" + _TIME + r"[\s,]+(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_SPACES = re.compile(r"\s+")


class BadValue(ValueError):
    """A cell that cannot be read as what its column holds; ``str()`` is the reason."""


def cell_text(value: object) -> str:
    """The cell as display text: ``12.0`` → ``12``, ``None`` → ``""``, spaces collapsed."""
    if value is None:
        return ""
    if type(value) is str:
        return " ".join(value.split())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return _SPACES.sub(" ", str(value)).strip()


def _build(text: str, y: int, mo: int, d: int, hh, mm, ss, ampm) -> tuple[datetime, bool]:
    if not 1 <= mo <= 12:
        raise BadValue(f"ngày “{text}” không tồn tại (không có tháng {mo})")
    try:
        day = date(y, mo, d)
    except ValueError:
        raise BadValue(
            f"ngày “{text}” không tồn tại (tháng {mo} năm {y} không có ngày {d})"
        ) from None
    if hh is None:
        return datetime.combine(day, time()), False
    h, m, s = int(hh), int(mm), int(ss or 0)
    if ampm:
        if not 1 <= h <= 12:
            raise BadValue(f"giờ trong “{text}” không hợp lệ")
        h = h % 12 + (12 if ampm[0].lower() in "pc" else 0)
    if h > 23 or m > 59 or s > 59:
        raise BadValue(f"giờ trong “{text}” không hợp lệ")
    # 00:00:00 is how exports write "no time", as for Excel date cells
    return datetime.combine(day, time(h, m, s)), (h, m, s) != (0, 0, 0)


def parse_datetime(value: object) -> tuple[datetime, bool] | None:
    """A date cell → ``(datetime, has_time)``; ``None`` for an empty cell.

    Accepts Excel dates, Excel serial numbers, and text ``dd/mm/yyyy``, ``dd/mm/yyyy HH:mm``,
    ``dd/mm/yyyy HH:mm:ss``, ``dd-mm-yyyy``, ``dd.mm.yyyy``, ``yyyy-mm-dd[ HH:mm[:ss]]``
    (also ``yyyy/mm/dd``) and ``HH:mm dd/mm/yyyy``; a time may end in AM/PM or SA/CH.
    Never month first. Midnight exactly counts as "no time".
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        v = value.replace(microsecond=0)
        return v, v.time() != time()
    if isinstance(value, date):
        return datetime.combine(value, time()), False
    if isinstance(value, bool):
        raise BadValue(f"“{value}” không phải là ngày")
    if isinstance(value, int | float):
        if not _SERIAL_MIN <= value <= _SERIAL_MAX:
            raise BadValue(f"“{cell_text(value)}” không phải là ngày")
        v = EXCEL_EPOCH + timedelta(seconds=round(float(value) * 86400))
        return v, v.time() != time()
    if isinstance(value, time | timedelta):
        raise BadValue(f"“{value}” là giờ, không có ngày")
    # a leading apostrophe is Excel's "this is text" mark, kept by some exports
    text = _SPACES.sub(" ", str(value)).strip().lstrip("'").strip()
    if not text:
        return None
    if m := _DMY.match(text):
        d, mo, y, hh, mm, ss, ap = m.groups()
        return _build(text, int(y), int(mo), int(d), hh, mm, ss, ap)
    if m := _YMD.match(text):
        y, mo, d, hh, mm, ss, ap = m.groups()
        return _build(text, int(y), int(mo), int(d), hh, mm, ss, ap)
    if m := _TIME_FIRST.match(text):
        hh, mm, ss, ap, d, mo, y = m.groups()
        return _build(text, int(y), int(mo), int(d), hh, mm, ss, ap)
    raise BadValue(f"“{text}” không phải là ngày (cần dạng dd/mm/yyyy)")


def parse_due(value: object) -> datetime | None:
    """A due value; without a time it means the end of that day."""
    parsed = parse_datetime(value)
    if parsed is None:
        return None
    moment, has_time = parsed
    return moment if has_time else datetime.combine(moment.date(), END_OF_DAY)


def parse_moment(value: object) -> datetime | None:
    parsed = parse_datetime(value)
    return parsed[0] if parsed else None


# --- channel, status, flags -------------------------------------------------------------
# Their values repeat down a column, so each parser remembers its answers.

CHANNELS = ("online", "direct", "postal")
CHANNEL_LABELS = {"online": "Trực tuyến", "direct": "Trực tiếp", "postal": "Bưu chính"}
_CHANNEL_CODES = {"1": "direct", "2": "online", "3": "postal"}


def _words(value: object) -> tuple[str, set[str]]:
    folded = fold(cell_text(value)).replace("-", " ").replace("_", " ")
    folded = re.sub(r"[^\w\s]", " ", folded)
    return " ".join(folded.split()), set(folded.split())


@lru_cache(maxsize=4096)
def parse_channel(value: object) -> str | None:
    """Trực tuyến / Trực tiếp / (Dịch vụ) bưu chính (công ích), or codes 1/2/3."""
    text, words = _words(value)
    if not text:
        return None
    if text in _CHANNEL_CODES:
        return _CHANNEL_CODES[text]
    if "buu chinh" in text or "buu dien" in text or "bcci" in words:
        return "postal"
    if "truc tuyen" in text or "online" in words or "dvc" in words or "mang" in words:
        return "online"
    if "truc tiep" in text or "mot cua" in text or "tai quay" in text:
        return "direct"
    return None


STATUS_KINDS = ("processing", "done", "returned", "withdrawn", "rejected")
# One such system's codes: 3 not received at the desk, 7 withdrawn, 8 stopped, 9 done, 10 returned.
_STATUS_CODES = {
    "1": "processing",
    "2": "processing",
    "3": "rejected",
    "4": "processing",
    "5": "processing",
    "6": "processing",
    "7": "withdrawn",
    "8": "withdrawn",
    "9": "done",
    "10": "returned",
}


@lru_cache(maxsize=4096)
def parse_status(value: object) -> str:
    """The kind of a status text: rejected, withdrawn, returned, done, processing or ""."""
    text, words = _words(value)
    if not text:
        return ""
    if text in _STATUS_CODES:
        return _STATUS_CODES[text]
    if "khong duoc tiep nhan" in text or "tu choi" in text or "khong tiep nhan" in text:
        return "rejected"
    if "huy" in words or "rut" in words or "dung xu ly" in text:
        return "withdrawn"
    if "tra ket qua" in text and "chua" not in words and "cho" not in words:
        return "returned"
    if (
        "xu ly xong" in text
        or "hoan thanh" in text
        or "da giai quyet" in text
        or "co ket qua" in text
        or "da xu ly" in text
    ):
        return "done"
    return "processing"


_NO_WORDS = {"khong", "chua", "cho", "no", "false", "huy", "hoan", "0"}
_YES_WORDS = {"co", "x", "yes", "true", "1", "2", "3", "da", "dat", "v"}


@lru_cache(maxsize=4096)
def parse_flag(value: object) -> bool:
    """A yes/no column (digitised ...): blank or "không"/"chưa"/0 is no; x/có/đã/1–3 is yes."""
    if isinstance(value, bool):
        return value
    text, words = _words(value)
    if not text or words & _NO_WORDS:
        return False
    return bool(words & _YES_WORDS) or "so hoa" in text or "tai su dung" in text


@lru_cache(maxsize=4096)
def parse_payment(value: object) -> bool | None:
    """Online payment: True paid online, False a fee unpaid/paid otherwise, None no fee."""
    text, words = _words(value)
    if not text or text in {"mien phi", "khong thu phi", "khong co phi", "0 d"}:
        return None
    if words & _NO_WORDS or "tien mat" in text or "truc tiep" in text:
        return False
    return parse_flag(value) or "thanh toan" in text


@lru_cache(maxsize=4096)
def parse_online_level(value: object) -> str | None:
    """Toàn trình (level 4) → full; một phần (level 3) → partial."""
    text, words = _words(value)
    if "toan trinh" in text or text in {"4", "muc do 4", "md4"}:
        return "full"
    if "mot phan" in text or text in {"3", "muc do 3", "md3"}:
        return "partial"
    return None


@lru_cache(maxsize=4096)
def is_e_certified(procedure: str) -> bool:
    """Procedures issuing electronic certified copies (chứng thực bản sao điện tử)."""
    text = fold(procedure)
    return "chung thuc" in text and "dien tu" in text


_DIGIT = re.compile(r"\d")


def clean_code(value: object) -> str:
    """A dossier code as stored: trimmed, no spaces, ``12.0`` read as ``12``."""
    return cell_text(value).replace(" ", "")


def looks_like_code(code: str) -> bool:
    """Codes always carry digits; "Người lập biểu" in the code column is not a dossier."""
    return bool(_DIGIT.search(code))
