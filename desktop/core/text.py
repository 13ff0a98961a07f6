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


def _base_letter_table() -> dict[int, str]:
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "D"}
    for cp in range(0xC0, 0x1F00):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii():
            table[cp] = base
    return table


_BASE_LETTERS = _base_letter_table()


def sort_key(text: str) -> str:
    """A fast key that sorts Vietnamese text by letters first (``Đồng`` next to ``Dong``).

    Expects NFC text (what the app stores); a plain ``str.translate``, so it is cheap
    enough for sorting tens of thousands of rows.
    """
    return text.translate(_BASE_LETTERS).casefold()
