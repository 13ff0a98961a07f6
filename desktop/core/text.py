"""Vietnamese text helpers: folding for diacritic-, case- and Unicode-form-insensitive search."""

from __future__ import annotations

import unicodedata

_SPECIAL = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})


def fold(text: str) -> str:
    """``Kế hoạch`` → ``ke hoach``; NFD and NFC input fold the same way."""
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
