"""Suggest number, date and kind from a file name (the officer confirms in the dialog).

``123-BC-UBND 04.4.2023.pdf`` → ``123/BC-UBND``, 04/04/2023, Báo cáo;
``05_KH-UBND_12-01-2023.docx`` → ``05/KH-UBND``, 12/01/2023, Kế hoạch;
``Quyet dinh 3395 QD-UBND ngay 15-12-2022.pdf`` → ``3395/QĐ-UBND``, 15/12/2022, Quyết định.
Day always comes first; a date that does not exist (31.02.2023) is not suggested.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from desktop.core.office.text import fold, nfc

# Abbreviations of document kinds in numbers (ND 30/2020, Phụ lục III).
KIND_CODES = {
    "KH": "Kế hoạch",
    "BC": "Báo cáo",
    "QĐ": "Quyết định",
    "QD": "Quyết định",
    "TB": "Thông báo",
    "TTR": "Tờ trình",
    "BB": "Biên bản",
    "CV": "Công văn",
}
_CANONICAL_CODE = {"QD": "QĐ", "TTR": "TTr", "ND": "NĐ"}
# Other kinds' abbreviations (nghị quyết, thông tư, hướng dẫn ...): a number, but no kind
# from the app's list to suggest.
OTHER_KIND_CODES = {"NQ", "NĐ", "ND", "TT", "CT", "HD", "HĐ", "QC", "CTR", "KL", "ĐA", "DA", "PA"}
KIND_WORDS = {
    "ke hoach": "Kế hoạch",
    "bao cao": "Báo cáo",
    "quyet dinh": "Quyết định",
    "cong van": "Công văn",
    "thong bao": "Thông báo",
    "to trinh": "Tờ trình",
    "bien ban": "Biên bản",
}

_SEP = r"[\s_\-.]+"
_DATE = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})[.\-_/ ](?P<m>\d{1,2})[.\-_/ ](?P<y>(?:19|20)\d{2})(?!\d)"
    r"|(?<!\d)(?P<iy>(?:19|20)\d{2})-(?P<im>\d{1,2})-(?P<id>\d{1,2})(?!\d)"
)
_NUMBER = re.compile(
    rf"(?<![^\W_])(?P<n>\d{{1,5}}){_SEP}(?:(?P<y>(?:19|20)\d{{2}}){_SEP})?"
    rf"(?P<k>[A-Za-zĐđ]{{2,6}})(?:{_SEP}(?P<i>[A-Za-zĐđ][A-Za-zĐđ0-9]{{1,11}}))?(?![^\W_])"
)


@dataclass(frozen=True)
class FilenameHints:
    number: str | None = None
    issue_date: date | None = None
    kind: str | None = None

    @property
    def empty(self) -> bool:
        return self.number is None and self.issue_date is None and self.kind is None


def _find_date(stem: str) -> tuple[date | None, str]:
    for m in _DATE.finditer(stem):
        if m.group("d"):
            d, mo, y = int(m.group("d")), int(m.group("m")), int(m.group("y"))
        else:
            d, mo, y = int(m.group("id")), int(m.group("im")), int(m.group("iy"))
        try:
            found = date(y, mo, d)
        except ValueError:
            continue
        return found, stem[: m.start()] + " " + stem[m.end() :]
    return None, stem


def _token_ok(token: str) -> bool:
    """A kind or issuer token: written in capitals, or a known kind abbreviation."""
    return token.isupper() or token.upper() in KIND_CODES.keys() | OTHER_KIND_CODES


def _find_number(stem: str) -> tuple[str | None, str | None]:
    for m in _NUMBER.finditer(stem):
        kind_tok, issuer = m.group("k"), m.group("i")
        if not _token_ok(kind_tok):
            continue
        if issuer and not (issuer.isupper() or kind_tok.upper() in KIND_CODES):
            continue
        code = kind_tok.upper()
        kind = KIND_CODES.get(code)
        code = _CANONICAL_CODE.get(code, code)
        tail = f"{code}-{issuer.upper()}" if issuer else code
        year = f"{m.group('y')}/" if m.group("y") else ""
        # Công văn numbers carry no kind abbreviation: ``123/UBND-VP``.
        if kind is None and issuer and code not in OTHER_KIND_CODES:
            kind = "Công văn"
        return f"{m.group('n')}/{year}{tail}", kind
    return None, None


def hints_from_filename(name: str) -> FilenameHints:
    stem = nfc(PurePath(name).stem) if "." in name else nfc(name)
    issue_date, rest = _find_date(stem)
    number, kind = _find_number(rest)
    if kind is None:
        folded = f" {fold(rest.replace('_', ' ').replace('-', ' '))} "
        for words, k in KIND_WORDS.items():
            if f" {words} " in folded:
                kind = k
                break
    return FilenameHints(number=number, issue_date=issue_date, kind=kind)
