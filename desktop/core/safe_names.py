"""File names that Windows accepts, made from names the officer or a colleague typed.

The store keeps every file under its hash and the original name in the database, so any
name is *stored* fine (``CON.pdf``, ``a<b>.pdf``). A real file name is only needed when a
file leaves the store: opening it in its default program, exporting, bundling.
"""

from __future__ import annotations

import re
import unicodedata

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10)}
MAX_NAME = 120  # keeps the full path well under Windows' 260 characters


def windows_safe_name(name: str, *, fallback: str = "tep") -> str:
    """``CON.pdf`` → ``_CON.pdf``; ``123/BC-UBND.pdf`` → ``123_BC-UBND.pdf``.

    Keeps the extension, Vietnamese letters (as NFC) and the look of the name.
    """
    name = unicodedata.normalize("NFC", name)
    name = _FORBIDDEN.sub("_", name).strip().rstrip(". ")
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, ext = name, ""
    if len(ext) > 10 or " " in ext:
        stem, ext = name, ""
    if stem.split(".")[0].upper().strip() in _RESERVED:
        stem = "_" + stem
    if not stem.strip("_ ."):
        stem = fallback
    stem = stem[: MAX_NAME - len(ext) - 1].rstrip(". ")
    return f"{stem}.{ext}" if ext else stem
