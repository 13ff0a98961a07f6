"""Find the dossier table's header in a sheet and map its columns to dossier fields.

Exports put title rows above the table ("UBND XÃ ...", "DANH SÁCH HỒ SƠ", "Từ ngày ...")
and often a two-row header with merged cells ("Thời gian" over "Tiếp nhận | Hẹn trả").
Labels are compared folded (any case, NFC or NFD, with or without diacritics, line
breaks and extra spaces ignored, "(dd/mm/yyyy)" notes dropped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from desktop.core.dossiers.synonyms import FIELDS, REQUIRED
from desktop.core.office.text import fold

SCAN_ROWS = 40


_NOTE = re.compile(r"\([^)]*\)|\[[^]]*\]")
_PUNCT = re.compile(r"[^\w\s]")
_DATE_TEXT = re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}")


def label_key(text: object) -> str:
    """``Ngày tiếp nhận\\n(dd/mm/yyyy)`` → ``ngay tiep nhan``."""
    if text is None:
        return ""
    folded = fold(_NOTE.sub(" ", str(text)))
    return " ".join(_PUNCT.sub(" ", folded).replace("_", " ").split())


def match_columns(keys: list[str]) -> dict[int, str]:
    """Assign fields to columns: exact synonyms first, then the longest contained one."""
    scored: list[tuple[int, int, str]] = []
    for col, key in enumerate(keys):
        if not key:
            continue
        padded = f" {key} "
        for spec in FIELDS:
            best = 0
            for syn in spec.synonyms:
                if key == syn:
                    best = 1000
                    break
                if f" {syn} " in padded:
                    best = max(best, 100 + len(syn))
            if best:
                scored.append((best, col, spec.key))
    scored.sort(key=lambda t: (-t[0], t[1]))
    used_cols: set[int] = set()
    mapping: dict[int, str] = {}
    for _score, col, key in scored:
        if col in used_cols or key in mapping.values():
            continue
        mapping[col] = key
        used_cols.add(col)
    return dict(sorted(mapping.items()))


@dataclass
class Header:
    """Where the table starts and what each column holds."""

    rows: tuple[int, ...]  # 0-based indexes of the header rows in the sheet
    labels: list[str]  # display label per column ("Thời gian / Tiếp nhận")
    keys: list[str]  # folded label per column
    mapping: dict[int, str]  # column index -> field key
    profile: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def first_data_row(self) -> int:
        return self.rows[-1] + 1

    @property
    def signature(self) -> str:
        return signature_of(self.keys)

    @property
    def missing(self) -> list[str]:
        return [k for k in REQUIRED if k not in self.mapping.values()]

    def column_of(self, key: str) -> int | None:
        for col, k in self.mapping.items():
            if k == key:
                return col
        return None

    def label_mapping(self) -> dict[str, str]:
        """Folded label -> field key (what a saved profile keeps)."""
        return {self.keys[c]: k for c, k in self.mapping.items() if self.keys[c]}


def signature_of(keys: list[str]) -> str:
    trimmed = list(keys)
    while trimmed and not trimmed[-1]:
        trimmed.pop()
    return "|".join(trimmed)


def _text(v: object) -> str:
    return " ".join(str(v).split()) if v is not None else ""


def _fill_merged(rows: list[list[object]], merged) -> list[list[object]]:
    grid = [list(r) for r in rows]
    for r1, c1, r2, c2 in merged:
        if r1 >= len(grid) or c1 < 0 or c1 >= len(grid[r1]):
            continue
        value = grid[r1][c1]
        for r in range(r1, min(r2, len(grid) - 1) + 1):
            for c in range(c1, min(c2, len(grid[r]) - 1) + 1):
                grid[r][c] = value
    return grid


def _looks_like_header_row(row: list[object]) -> bool:
    texts = [v for v in row if v is not None]
    if not texts:
        return False
    for v in texts:
        if isinstance(v, datetime | date | float) and not (isinstance(v, float) and v < 100):
            return False
        if isinstance(v, str) and _DATE_TEXT.search(v):
            return False
    return True


def _candidate(grid, r: int, two: bool) -> tuple[list[str], list[str]]:
    top = grid[r]
    if not two:
        labels = [_text(v) for v in top]
        return labels, [label_key(v) for v in labels]
    bottom = grid[r + 1]
    width = max(len(top), len(bottom))
    top = top + [None] * (width - len(top))
    bottom = bottom + [None] * (width - len(bottom))
    labels: list[str] = []
    parent = None
    for c in range(width):
        p, b = _text(top[c]), _text(bottom[c])
        if p:
            parent = p
        elif b and parent:
            p = parent  # a parent label written once over several sub-columns
        if p and b and label_key(p) != label_key(b):
            labels.append(f"{p} / {b}")
        else:
            labels.append(p or b)
    keys = [label_key(lbl.replace(" / ", " ")) for lbl in labels]
    return labels, keys


def _score(mapping: dict[int, str]) -> int:
    fields = set(mapping.values())
    return len(fields) + 10 * len(fields & set(REQUIRED))


def detect_header(
    rows: list[list[object]],
    merged: list[tuple[int, int, int, int]] = (),
    *,
    profiles: dict[str, tuple[str, dict[str, str]]] | None = None,
    forced: tuple[str, dict[str, str]] | None = None,
    overrides: dict[str, str] | None = None,
) -> Header | None:
    """The most plausible header among the first rows, or None when nothing looks like one.

    ``profiles`` maps a header signature to ``(profile name, label mapping)``: when a
    candidate header has a saved signature, that profile's mapping is used as is.
    ``forced`` (a profile the user named) is applied to the header it fits best.
    ``overrides`` (folded label -> field key, "" to ignore a column) come last.
    """
    head = rows[:SCAN_ROWS]
    grid = _fill_merged(head, [m for m in merged if m[0] < SCAN_ROWS])
    best: tuple[int, Header] | None = None
    for r in range(len(grid)):
        if not any(v is not None for v in grid[r]):
            continue
        variants = [False]
        if r + 1 < len(grid) and _looks_like_header_row(grid[r + 1]):
            variants.append(True)
        for two in variants:
            labels, keys = _candidate(grid, r, two)
            rows_used = (r, r + 1) if two else (r,)
            penalty = 1 if two else 0  # at equal fields, a one-row header (a title above)
            sig = signature_of(keys)
            if forced is not None:
                name, lmap = forced
                mapping = {c: lmap[k] for c, k in enumerate(keys) if lmap.get(k)}
                score = _score(mapping) * 100 + 2 * sum(1 for k in keys if k in lmap) - penalty
                header = Header(rows_used, labels, keys, mapping, profile=name)
            elif profiles and sig in profiles:
                name, lmap = profiles[sig]
                mapping = {c: lmap[k] for c, k in enumerate(keys) if lmap.get(k)}
                score = 10_000 + _score(mapping) * 100 - penalty
                header = Header(rows_used, labels, keys, mapping, profile=name)
            else:
                mapping = match_columns(keys)
                score = _score(mapping) * 100 - penalty
                header = Header(rows_used, labels, keys, mapping)
            if best is None or score > best[0]:
                best = (score, header)
    if best is None or not best[1].mapping:
        return None
    header = best[1]
    if overrides:
        apply_overrides(header, overrides)
    return header


def apply_overrides(header: Header, overrides: dict[str, str]) -> list[str]:
    """Set columns by folded label (``{"so bien nhan": "code"}``); returns unknown labels."""
    unknown = []
    for label, key in overrides.items():
        cols = [c for c, k in enumerate(header.keys) if k == label_key(label)]
        if not cols:
            unknown.append(label)
            continue
        for c, k in list(header.mapping.items()):
            if key and k == key:
                del header.mapping[c]
        if key:
            header.mapping[cols[0]] = key
        else:
            header.mapping.pop(cols[0], None)
    header.mapping = dict(sorted(header.mapping.items()))
    return unknown
