"""Data rows of an export → dossier records, or a reason to skip them.

Blank rows, total rows ("Tổng cộng"), column-number rows ("(1) (2) (3)"), repeated
headers and notes or signature blocks under the table are not dossiers and are passed over
silently. A row that looks like a dossier but has no code or an impossible date is
skipped and listed with its sheet, row and reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from desktop.core.dossiers.header import Header
from desktop.core.dossiers.synonyms import FIELD_LABELS
from desktop.core.dossiers.values import (
    BadValue,
    cell_text,
    clean_code,
    is_e_certified,
    looks_like_code,
    parse_channel,
    parse_due,
    parse_flag,
    parse_moment,
    parse_online_level,
    parse_payment,
    parse_status,
)
from desktop.core.office.text import fold

# Columns of the dossier table filled from an export (besides code and source).
DATA_COLUMNS = (
    "procedure",
    "field",
    "applicant",
    "channel",
    "received_at",
    "due_at",
    "result_at",
    "returned_at",
    "status",
    "status_kind",
    "digitised_on_receipt",
    "result_digitised",
    "online_payment",
    "online_level",
    "e_certified",
)
_DATE_FIELDS = {
    "due": ("due_at", parse_due),
    "result": ("result_at", parse_moment),
    "returned": ("returned_at", parse_moment),
}
_TOTAL_WORDS = {"tong cong", "tong so", "tong", "cong", "tong so ho so"}
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")


@dataclass(frozen=True)
class SkippedRow:
    sheet: str
    row: int  # the row number Excel shows
    code: str
    reason: str

    def describe(self, file_label: str) -> str:
        code = f" (mã {self.code})" if self.code else ""
        return f"{file_label}, trang “{self.sheet}”, dòng {self.row}{code}: {self.reason}"


def _cell(row: list[object], col: int | None) -> object:
    if col is None or col >= len(row):
        return None
    return row[col]


def _is_total(row: list[object]) -> bool:
    """ "Tổng cộng", "Cộng", "Tổng số: 191 hồ sơ" in one of the first filled cells."""
    seen = 0
    for v in row:
        if v is None:
            continue
        text = fold(cell_text(v)).strip(" :.")
        if text in _TOTAL_WORDS or text.startswith(("tong cong", "tong so ")):
            return True
        seen += 1
        if seen >= 3:
            break
    return False


def _is_column_numbers(row: list[object]) -> bool:
    values = [cell_text(v) for v in row if v is not None]
    return len(values) >= 3 and all(_COLUMN_NUMBER.match(v) for v in values)


class RowReader:
    """Turns one sheet's data rows into records using a detected header."""

    def __init__(self, header: Header, sheet: str) -> None:
        self.header = header
        self.sheet = sheet
        col = header.column_of
        self.cols = {key: col(key) for key in FIELD_LABELS}
        self.code_label = header.keys[self.cols["code"]] if self.cols["code"] is not None else ""

    def _has_any_date(self, row: list[object]) -> bool:
        for key in ("received", "due", "result", "returned"):
            try:
                if parse_moment(_cell(row, self.cols[key])) is not None:
                    return True
            except BadValue:
                continue
        return False

    def read(self, row: list[object], excel_row: int) -> dict | SkippedRow | None:
        """A record (dict), a ``SkippedRow``, or None for a row that is not a dossier."""
        c = self.cols
        code = clean_code(_cell(row, c["code"]))
        is_code = bool(code) and looks_like_code(code)
        problem = ""
        if is_code:  # the common case first: a dossier row
            try:
                received = parse_moment(_cell(row, c["received"]))
            except BadValue as exc:
                received, problem = None, f"ngày tiếp nhận: {exc}"
            if received is not None:
                return self._record(row, code, received, excel_row)
        if not any(v is not None for v in row) or _is_total(row) or _is_column_numbers(row):
            return None
        if is_code:
            return SkippedRow(self.sheet, excel_row, code, problem or "không có ngày tiếp nhận")
        if code and fold(code) == self.code_label.replace(" ", ""):
            return None  # the header repeated (a page break in the export)
        if self._has_any_date(row):
            return SkippedRow(self.sheet, excel_row, "", "không có mã hồ sơ")
        return None  # notes, signatures, an empty code cell under the table

    def _record(self, row: list[object], code: str, received, excel_row: int) -> dict | SkippedRow:
        c = self.cols
        rec: dict = {"code": code, "received_at": received, "source_row": excel_row}
        for key, (column, parse) in _DATE_FIELDS.items():
            try:
                rec[column] = parse(_cell(row, c[key]))
            except BadValue as exc:
                label = FIELD_LABELS[key].lower()
                return SkippedRow(self.sheet, excel_row, code, f"{label}: {exc}")
        for key in ("procedure", "field", "applicant"):
            rec[key] = cell_text(_cell(row, c[key]))
        status = _cell(row, c["status"])
        rec["status"] = cell_text(status)
        rec["status_kind"] = parse_status(status)
        rec["channel"] = parse_channel(_cell(row, c["channel"]))
        for key, parse in (
            ("digitised_on_receipt", parse_flag),
            ("result_digitised", parse_flag),
            ("online_payment", parse_payment),
        ):
            rec[key] = parse(_cell(row, c[key])) if c[key] is not None else None
        rec["online_level"] = parse_online_level(_cell(row, c["online_level"]))
        rec["e_certified"] = is_e_certified(rec["procedure"])
        return rec

    def read_all(self, rows: Iterable[tuple[int, list[object]]]) -> Iterator[dict | SkippedRow]:
        for excel_row, row in rows:
            out = self.read(row, excel_row)
            if out is not None:
                yield out
