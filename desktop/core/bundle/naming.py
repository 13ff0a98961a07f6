"""File and folder names that are safe on Windows (and on the portal after upload).

- no ``/ \\ : * ? " < > |`` and no control characters: a document number ``123/BC-UBND``
  becomes ``123-BC-UBND``;
- no reserved device names (``CON``, ``PRN``, ``AUX``, ``NUL``, ``COM1``-``COM9``,
  ``LPT1``-``LPT9``), also not with an extension (``CON.pdf`` opens the console on Windows);
- no trailing dots or spaces (Windows drops them silently, so two names would collide);
- NFC Unicode, or folded to ASCII (``Báo cáo`` → ``Bao cao``) where the name must survive
  old unzip tools and the upload form;
- duplicates in one folder numbered ``name (2).pdf``, compared the way Windows does
  (case-insensitively).
"""

from __future__ import annotations

import re
import unicodedata

from desktop.core.office.text import nfc

RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{dev}{n}" for dev in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")}
)
_REPLACE = str.maketrans(
    {
        "/": "-",
        "\\": "-",
        "|": "-",
        ":": "-",
        "*": "",
        "?": "",
        "<": "",
        ">": "",
        '"': "'",
        "“": "'",
        "”": "'",
        "‘": "'",
        "’": "'",
        "–": "-",
        "—": "-",
        "…": "...",
    }
)
_SPACES = re.compile(r"\s+")
_EXT_OK = re.compile(r"^[a-z0-9]{1,10}$")


def ascii_fold(text: str) -> str:
    """``Báo cáo kết quả`` → ``Bao cao ket qua`` (case kept; other non-ASCII dropped)."""
    text = text.translate(_REPLACE).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if ord(ch) < 128 and not unicodedata.combining(ch))


def is_reserved(name: str) -> bool:
    """``CON``, ``con.pdf``, ``Lpt1 .txt`` are device names on Windows."""
    stem = name.split(".", 1)[0].rstrip(" ")
    return stem.upper() in RESERVED


def _truncate(text: str, max_len: int) -> str:
    """Cut at a word boundary when one is near the end; never leave a dot or space last."""
    if len(text) > max_len:
        cut = text[:max_len]
        space = cut.rfind(" ")
        if space >= max_len * 2 // 3:
            cut = cut[:space]
        text = cut
    return text.rstrip(". ")


def safe_name(text: str, *, fold: bool = False, max_len: int = 100, fallback: str = "_") -> str:
    """One path component (a folder name, or a file stem) that Windows accepts."""
    text = nfc(text).translate(_REPLACE)
    if fold:
        text = ascii_fold(text)
    text = "".join(" " if (ord(ch) < 32 or ord(ch) == 127) else ch for ch in text)
    text = _SPACES.sub(" ", text).strip().rstrip(". ")
    text = _truncate(text, max_len)
    if not text:
        text = fallback
    if is_reserved(text):
        text = f"_{text}"
    return text


def safe_extension(original_name: str) -> str:
    """``.PDF`` → ``.pdf``; an odd or missing extension gives ``""``."""
    _, dot, ext = nfc(original_name).rpartition(".")
    ext = ascii_fold(ext).lower().strip()
    return f".{ext}" if dot and _EXT_OK.match(ext) else ""


def safe_file_name(stem: str, ext: str, *, fold: bool = True, max_len: int = 120) -> str:
    """A file name of at most ``max_len`` characters, the extension kept whole."""
    room = max(8, max_len - len(ext))
    return safe_name(stem, fold=fold, max_len=room) + ext


class UniqueNames:
    """Names given out in one folder; a repeated name gets `` (2)``, `` (3)`` ...

    Windows compares names case-insensitively, so ``A.pdf`` and ``a.pdf`` collide."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    @staticmethod
    def _key(name: str) -> str:
        return nfc(name).casefold()

    def claim(self, name: str, max_len: int = 255) -> str:
        stem, dot, ext = name.rpartition(".")
        if not dot or not stem:
            stem, ext = name, ""
        else:
            ext = f".{ext}"
        candidate, n = name, 1
        while self._key(candidate) in self._taken:
            n += 1
            suffix = f" ({n}){ext}"
            candidate = _truncate(stem, max_len - len(suffix)) + suffix
        self._taken.add(self._key(candidate))
        return candidate
