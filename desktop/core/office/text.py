"""Vietnamese text helpers: folding for diacritic-, case- and Unicode-form-insensitive search."""

from __future__ import annotations

import unicodedata
from difflib import SequenceMatcher

_SPECIAL = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})


def fold(text: str) -> str:
    """``Kế hoạch`` → ``ke hoach``; NFD and NFC input fold the same way."""
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Abbreviations that titles of the same criterion use in one year and spell out in another.
_ABBREVIATIONS = {
    "cchc": "cai cach hanh chinh",
    "tthc": "thu tuc hanh chinh",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "cbcc": "can bo cong chuc",
    "xhh": "xa hoi hoc",
}


def _words(text: str) -> list[str]:
    words = "".join(ch if ch.isalnum() else " " for ch in fold(text)).split()
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words).split()


def similarity(a: str, b: str) -> float:
    """0..1: how alike two titles read, word by word, ignoring diacritics, case,
    punctuation and common abbreviations (``CCHC`` = ``cải cách hành chính``)."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio()
