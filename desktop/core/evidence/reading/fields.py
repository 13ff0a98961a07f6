"""The fields of a document from its lines: số ký hiệu, ngày ban hành, loại, trích yếu, cơ
quan ban hành, người ký.

Built for what documents really look like: ``Số: 45/KH-UBND``, ``Số 45/KH - UBND``, OCR'd
``S6: 478 /UBND-NV``; ``ngày 28 tháng 12 năm 2022``, ``ngay 5 thang 01 nam 2023``, OCR'd
``ngay 15 thdng 3 nam 2023``; the kind from the capitals line (``KẾ HOẠCH``) or from the
number's kind code (KH, BC, QĐ, TB, TTr, BB; a number without one is a Công văn); the trích
yếu under the kind or after ``V/v``; the organ lines shortened the way a register writes
them (``ỦY BAN NHÂN DÂN`` / ``XÃ ĐỒNG TÂM`` → ``UBND xã Đồng Tâm``); the name under the
signing title (``TM.``, ``KT.``, ``TL.``). Text is NFC and a field's line breaks are joined.
When the header's columns are not known (OCR text where both columns share a line), the
same fields are looked for in the first lines of the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from desktop.core.evidence.filename_hints import KIND_CODES, OTHER_KIND_CODES
from desktop.core.evidence.reading.layout import DocumentText, Line, clean_line, is_rule
from desktop.core.office.text import fold


@dataclass(frozen=True)
class Fields:
    number: str = ""
    issue_date: date | None = None
    kind: str = ""
    summary: str = ""
    issuer: str = ""
    signer: str = ""


def fold_chars(text: str) -> str:
    """Like ``fold`` but one character for one: positions in the folded text are the
    positions in ``text`` (so a match can be cut out of the original)."""
    out = []
    for ch in text:
        if ch in "đĐðÐ":
            out.append("d")
            continue
        base = unicodedata.normalize("NFD", ch)[:1] or ch
        low = base.lower()
        out.append(low if len(low) == 1 else ch)
    return "".join(out)


# --- number -------------------------------------------------------------------------------

_TOKEN = r"[A-Za-zĐđÐð][A-Za-zĐđÐð0-9]{0,9}"
_NUMBER = re.compile(
    r"(?:^|(?<=\s))S[ốỐoOôÔóÓòÒơƠ0-9bBồổỗộ]\s*[:;.,]?\s*(?P<n>\d{1,5})?\s*"
    r"(?:/\s*(?P<y>(?:19|20)\d{2})\s*)?/\s*"
    rf"(?P<tail>{_TOKEN}(?:\s*[-–]\s*{_TOKEN}){{0,4}})",
    re.IGNORECASE,
)
_CODE_FIX = {"QD": "QĐ", "QÐ": "QĐ", "QB": "QĐ", "TTR": "TTr", "ND": "NĐ", "HD": "HD"}


def _token(tok: str) -> str:
    up = tok.replace("Ð", "Đ").replace("ð", "đ").upper()
    return _CODE_FIX.get(up, up)


def parse_number(line: str, *, anywhere: bool = True) -> tuple[str, str | None, bool] | None:
    """``Số: 45/KH-UBND`` → (``45/KH-UBND``, ``Kế hoạch``, True). The second item is the
    kind its code says (None without a known code); the third says whether the number has
    a kind code at all (a number without one is a công văn's)."""
    for m in _NUMBER.finditer(line):
        if not anywhere and line[: m.start()].strip():
            continue
        tokens = [_token(t) for t in re.split(r"\s*[-–]\s*", m.group("tail")) if t]
        if not tokens or not tokens[0][0].isalpha():
            continue
        n, year = m.group("n") or "", m.group("y")
        head = f"{n}/{year}/" if year else f"{n}/"
        number = head + "-".join(tokens)
        code = tokens[0].upper()
        kind = KIND_CODES.get(code) or KIND_CODES.get(fold(code).upper())
        has_code = kind is not None or code in OTHER_KIND_CODES or _token(code) in OTHER_KIND_CODES
        if len(tokens) == 1 and kind is None:
            has_code = False  # "123/UBND": an organ only
        return number, kind, has_code
    return None


# --- date ---------------------------------------------------------------------------------

_DATE_WORDS = re.compile(
    r"ng\w{0,2}y\s*(?P<d>\d{1,2})\s*[,.]?\s*th\w{0,3}ng\s*(?P<m>\d{1,2})\s*[,.]?\s*"
    r"n\w{0,2}m\s*(?P<y>(?:19|20)\d{2})"
)
# "ngày 05/01/2023", "ngày 5-1-2023"
_DATE_DIGITS = re.compile(
    r"ng\w{0,2}y\s*(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*"
    r"(?P<y>(?:19|20)\d{2})(?!\d)"
)


def _date_of(m: re.Match) -> date | None:
    try:
        return date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None


def parse_date(line: str, *, after_place: bool = False) -> date | None:
    """``Đồng Tâm, ngày 28 tháng 12 năm 2022`` → 2022-12-28. With ``after_place`` only a
    date that starts the line or follows a comma (the header's "place, ngày …", not the
    "ngày … của …" of a text cited in the body)."""
    folded = fold_chars(line)
    matches = [*_DATE_WORDS.finditer(folded), *_DATE_DIGITS.finditer(folded)]
    for m in sorted(matches, key=lambda m: m.start()):
        if after_place:
            before = folded[: m.start()].rstrip()
            if before and not before.endswith(","):
                continue
        found = _date_of(m)
        if found:
            return found
    return None


# --- issuer -------------------------------------------------------------------------------

_ORGAN_TYPES = (
    "uy ban nhan dan",
    "ubnd",
    "hoi dong nhan dan",
    "hdnd",
    "van phong",
    "phong",
    "so",
    "ban",
    "bo",
    "cong an",
    "dang uy",
    "dang bo",
    "chi bo",
    "truong",
    "tram",
    "trung tam",
    "doan",
    "hoi",
    "uy ban mat tran",
    "mat tran",
    "ban chi huy",
    "chi cuc",
    "cuc",
    "tong cuc",
    "thanh tra",
    "kho bac",
)
_LEVELS = ("thi tran", "thanh pho", "thi xa", "xa", "huyen", "tinh", "phuong", "quan")
_SHORT = {"uy ban nhan dan": "UBND", "hoi dong nhan dan": "HĐND"}
_KEEP_UPPER = {"UBND", "HĐND", "MTTQ", "CCHC", "TTHC", "VN", "II", "III", "IV"}
_MOTTO = re.compile(
    r"c\w{0,2}ng\s*h\w{1,2}a\s*x\w?\s*h\w{1,2}i.*|[dpb]\w{0,3}c\s*[l1i|]\w{0,2}p\s*[-–—].*"
)


def _starts(words: list[str], phrase: str) -> bool:
    p = phrase.split()
    return words[: len(p)] == p


def _organ_groups(lines: list[str]) -> list[list[str]]:
    groups: list[list[str]] = []
    for line in lines:
        words = fold(line).replace(".", " ").split()
        if groups and not any(_starts(words, t) for t in _ORGAN_TYPES):
            groups[-1].append(line)  # "XÃ ĐỒNG TÂM" under "ỦY BAN NHÂN DÂN", a wrapped word
        else:
            groups.append([line])
    return groups


def _place_of(text: str) -> str:
    """``UBND HUYỆN NINH GIANG`` → ``HUYỆN NINH GIANG``."""
    words = text.split()
    folded = [fold(w) for w in words]
    for i in range(len(words)):
        for lv in _LEVELS:
            n = len(lv.split())
            if folded[i : i + n] == lv.split():
                return " ".join(words[i:])
    return ""


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


def _pretty(text: str) -> str:
    """``ỦY BAN NHÂN DÂN XÃ ĐỒNG TÂM`` → ``UBND xã Đồng Tâm``; ``PHÒNG NỘI VỤ HUYỆN NINH
    GIANG`` → ``Phòng Nội vụ huyện Ninh Giang``. Text not in capitals is kept as written."""
    words = text.split()
    folded = [fold(w) for w in words]
    out: list[str] = []
    i = 0
    for typ in sorted(_ORGAN_TYPES, key=lambda t: -len(t.split())):
        t = typ.split()
        if folded[: len(t)] == t:
            out.append(
                _SHORT.get(typ)
                or " ".join([_cap(words[0])] + [w.lower() for w in words[1 : len(t)]])
            )
            i = len(t)
            break
    caps = text == text.upper()
    after_level = False
    first_after_type = bool(out)
    while i < len(words):
        w, f = words[i], folded[i]
        level = next((lv for lv in _LEVELS if folded[i : i + len(lv.split())] == lv.split()), None)
        if level:
            n = len(level.split())
            out.append(
                " ".join(x.lower() for x in words[i : i + n])
                if caps
                else " ".join(words[i : i + n])
            )
            i += n
            after_level = True
            first_after_type = False
            continue
        if not caps or w in _KEEP_UPPER or f in ("ubnd", "hdnd") or w.upper() in _KEEP_UPPER:
            out.append(_SHORT.get(f, w if not caps else w.upper().replace("HDND", "HĐND")))
        elif after_level or first_after_type or not out:
            out.append(_cap(w))
        else:
            out.append(w.lower())
        first_after_type = False
        i += 1
    result = " ".join(out)
    result = re.sub(r"(?i)\b(?:ỦY|UỶ|UY)\s+BAN\s+NHÂN\s+DÂN\b", "UBND", result)
    return result


def _no_motto(line: str) -> str:
    m = _MOTTO.search(fold_chars(line))
    return line[: m.start()] if m else line


_MOTTO_WORDS = set(
    [
        "cong",
        "hoa",
        "xa",
        "hoi",
        "chu",
        "nghia",
        "viet",
        "nam",
        "doc",
        "lap",
        "tu",
        "do",
        "hanh",
        "phuc",
        "-",
        "–",
    ]
)


def _motto_only(line: str) -> bool:
    """A piece of the motto wrapped into the left column (``NAM``)."""
    return set(fold(line).split()) <= _MOTTO_WORDS


def issuer_of(organ_lines: list[str]) -> str:
    lines = [clean_line(_no_motto(x)) for x in organ_lines]
    lines = [ln for ln in lines if ln and not is_rule(ln) and not _motto_only(ln)]
    if not lines:
        return ""
    groups = [" ".join(g) for g in _organ_groups(lines)]
    own = groups[-1]
    if not _place_of(own):
        for parent in reversed(groups[:-1]):
            place = _place_of(parent)
            if place:
                own = f"{own} {place}"
                break
    return _pretty(own)


# --- kind and summary ---------------------------------------------------------------------

KIND_LINES = {
    "ke hoach": "Kế hoạch",
    "bao cao": "Báo cáo",
    "quyet dinh": "Quyết định",
    "thong bao": "Thông báo",
    "to trinh": "Tờ trình",
    "bien ban": "Biên bản",
    "cong van": "Công văn",
}
OTHER_KIND_LINES = {
    "nghi quyet",
    "chi thi",
    "huong dan",
    "chuong trinh",
    "de an",
    "phuong an",
    "quy che",
    "quy dinh",
    "giay moi",
    "cong dien",
    "ket luan",
    "giay xac nhan",
    "bao cao tom tat",
}
_STOP = re.compile(
    r"^(can cu|kinh gui|thuc hien|dieu \d|chuong [ivx\d]|phan [ivx\d]|[ivx]+\s*[.:]|\d+\s*[.)]"
    r"|[-+*•]|ngay \d|hom nay|vao hoi|theo de nghi|xet de nghi|de thuc hien|nham )"
)
_VV = re.compile(r"^\s*(?:v\s*/\s*v|v\s*[il1|]\s*v|ve viec)\s*[:.]?\s*", re.IGNORECASE)


_KIND_SQUEEZED = {k.replace(" ", ""): v for k, v in KIND_LINES.items()}
_OTHER_SQUEEZED = {k.replace(" ", "") for k in OTHER_KIND_LINES}


def _kind_line(text: str) -> str | None:
    """``KẾ HOẠCH``, also spaced out (``B Á O  C Á O``) → the kind; None for other lines."""
    core = fold(text).strip(" :.")
    if text != text.upper() or not core:
        return None
    squeezed = core.replace(" ", "")
    if squeezed in _KIND_SQUEEZED:
        return _KIND_SQUEEZED[squeezed]
    if squeezed in _OTHER_SQUEEZED:
        return "Khác"
    return None


def _join(parts: list[str]) -> str:
    text = " ".join(p.strip() for p in parts if p.strip())
    return clean_line(text).strip(" ;:,.-–")


def summary_after_kind(body: list[Line], start: int) -> str:
    kind_line = body[start]
    parts: list[str] = []
    for line in body[start + 1 : start + 6]:
        text = line.text
        if is_rule(text):
            break
        if parts and line.gap_before:
            break
        folded = fold(text)
        if _STOP.match(folded) or (text == text.upper() and any(c.isalpha() for c in text)):
            break
        if kind_line.centered and parts and not line.centered:
            break
        parts.append(text)
    return _join(parts)


def vv_summary(lines: list[str]) -> str:
    """The trích yếu of a công văn: the ``V/v`` line and the lines under it."""
    for i, line in enumerate(lines):
        m = _VV.match(line)
        if m:
            return _join([line[m.end() :], *lines[i + 1 : i + 4]])
    return ""


# --- signer -------------------------------------------------------------------------------

_TITLE = re.compile(
    r"^(tm|kt|tl|tuq|q|ttl)\s*[.:]|^(pho )?(chu tich|giam doc|truong|chanh|bi thu|thu truong"
    r"|cong chuc|nguoi|thu ky|chu tri|pho|chu nhiem|to truong|can bo|dai dien|dai bieu)"
)
_NOT_NAME = ("uy ban", "nhan dan", "noi nhan", "luu", "da ky", "ky ten", "chu tich", "dong dau")


def _name_like(text: str) -> str | None:
    text = clean_line(re.sub(r"\(.*?\)", " ", text))
    words = text.split()
    if not 2 <= len(words) <= 6 or any(ch.isdigit() for ch in text):
        return None
    folded = fold(text)
    if _TITLE.match(folded) or any(x in folded for x in _NOT_NAME):
        return None
    if any(not w[:1].isalpha() for w in words):
        return None
    if all(w[:1].isupper() and (w[1:] == w[1:].lower()) for w in words):
        return text
    if text == text.upper():
        return " ".join(_cap(w) for w in words)
    return None


def signer_of(closing: list[str]) -> str:
    lines = [clean_line(x) for x in closing if clean_line(x)]
    titles = [i for i, ln in enumerate(lines) if _TITLE.match(fold(ln))]
    start = titles[0] + 1 if titles else 0
    names = [n for n in (_name_like(x) for x in lines[start:]) if n]
    return names[-1] if names else ""


# --- the whole document -------------------------------------------------------------------


def _fallback_header(lines: list[str]) -> tuple[list[str], list[str], int]:
    """Header columns from plain lines (OCR text, no table): the organ lines before the
    number, with the motto cut out; the number's line and the V/v lines after it."""
    left: list[str] = []
    right: list[str] = []
    number_at = -1
    for i, line in enumerate(lines[:12]):
        if parse_number(line, anywhere=False):
            number_at = i
            break
    limit = number_at if number_at >= 0 else 0
    for line in lines[:limit]:
        folded = fold_chars(line)
        m = _MOTTO.search(folded)
        organ = line[: m.start()] if m else line
        if clean_line(organ) and not is_rule(organ):
            left.append(clean_line(organ))
        if m:
            right.append(line[m.start() :])
    if number_at >= 0:
        num_line = lines[number_at]
        left.append(num_line)
        right.append(num_line)
        after = lines[number_at + 1 : number_at + 4]
        if after and _VV.match(after[0]):
            left.append(after[0])
            for line in after[1:]:
                folded = fold(line)
                if _STOP.match(folded) or _kind_line(line) or parse_date(line):
                    break
                left.append(line)
    return left, right, number_at


def read_fields(text: DocumentText) -> Fields:
    body = text.body
    left, right = list(text.header_left), list(text.header_right)
    plain = [ln.text for ln in body]
    skip = 0
    if not text.has_header or not any(parse_number(x) for x in left):
        fl, fr, at = _fallback_header(plain)
        if at >= 0:
            left, right = (left or []) + fl, (right or []) + fr
            skip = at + 1
    number, code_kind, has_code = "", None, True
    number_line = -1
    for i, line in enumerate(left):
        found = parse_number(line)
        if found:
            (number, code_kind, has_code), number_line = found, i
            break
    issue_date = None
    for line in right + left:
        issue_date = parse_date(line)
        if issue_date:
            break
    if issue_date is None:
        for line in plain[:15]:
            issue_date = parse_date(line, after_place=True)
            if issue_date:
                break
    organ = left[:number_line] if number_line >= 0 else left[:3]
    issuer = issuer_of([x for x in organ if not parse_number(x)])

    kind, summary = "", ""
    for i, line in enumerate(body[skip : skip + 25], start=skip):
        found = _kind_line(line.text)
        if found:
            kind = found
            summary = summary_after_kind(body, i)
            break
    vv = vv_summary(left[number_line + 1 :] if number_line >= 0 else left)
    if not vv and not kind:
        vv = vv_summary(plain[skip : skip + 4])
    if vv and not summary:
        summary = vv
    if not kind:
        if code_kind:
            kind = code_kind
        elif vv or (number and not has_code):
            kind = "Công văn"
    return Fields(
        number=number,
        issue_date=issue_date,
        kind=kind,
        summary=summary,
        issuer=issuer,
        signer=signer_of(text.closing),
    )
