"""Sorting Vietnamese text by letters first (``Đồng`` next to ``Dong``), cheaply."""

from __future__ import annotations

import unicodedata


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
    """A key that sorts Vietnamese words with their base letters, ignoring case.

    Expects NFC text (what the app stores); a plain ``str.translate``, so it is cheap
    enough for sorting tens of thousands of register rows.
    """
    return text.translate(_BASE_LETTERS).casefold()
