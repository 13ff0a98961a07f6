"""Find the dossier table in a workbook: which sheet, which header rows, which columns.

``preview_export`` is what a mapping dialog needs (sheets, labels, detected mapping,
sample rows); ``locate_table`` is what the importer uses and raises a Vietnamese error
naming the file and sheet when no usable table is there.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain, islice

from desktop.core.dossiers.header import SCAN_ROWS, Header, apply_overrides, detect_header
from desktop.core.dossiers.reader import DossierFileError, Sheet, Workbook
from desktop.core.dossiers.synonyms import FIELD_LABELS, REQUIRED
from desktop.core.dossiers.values import cell_text

SAMPLE_ROWS = 5


class NoDossierTableError(DossierFileError):
    """No sheet of the file has anything that looks like a dossier list."""


class MappingRequiredError(DossierFileError):
    """A table is there but a needed column (code, received date) was not recognised.

    ``preview`` carries the labels and sample rows for a mapping dialog.
    """

    def __init__(self, message: str, preview: ExportPreview) -> None:
        super().__init__(message)
        self.preview = preview


@dataclass
class LocatedTable:
    sheet: Sheet
    header: Header
    head: list[list[object]]  # the first rows already read from the sheet
    rest: Iterator[list[object]]

    def data_rows(self) -> Iterator[tuple[int, list[object]]]:
        """(Excel row number, cells) for every row under the header."""
        start = self.header.first_data_row
        for index, row in enumerate(chain(self.head, self.rest)):
            if index >= start:
                yield index + 1, row


@dataclass
class ExportPreview:
    """What the GUI's mapping dialog shows: one entry per column."""

    file_label: str
    sheet_names: list[str]
    sheet: str
    header_rows: tuple[int, ...]  # Excel row numbers
    labels: list[str]
    keys: list[str]
    mapping: dict[int, str]
    sample: list[list[str]]
    profile: str | None = None
    missing: list[str] = field(default_factory=list)


def _scan(sheet: Sheet, profiles, forced, overrides):
    rows = sheet.rows()
    head = list(islice(rows, SCAN_ROWS))
    header = detect_header(head, sheet.merged, profiles=profiles, forced=forced)
    if header is not None and overrides:
        unknown = apply_overrides(header, overrides)
        if unknown:
            header.notes.append("Không thấy cột: " + ", ".join(f"“{u}”" for u in unknown))
    return header, head, rows


def _score(header: Header | None) -> int:
    if header is None:
        return -1
    fields = set(header.mapping.values())
    return 100 * len(fields & set(REQUIRED)) + len(fields)


def _preview(book: Workbook, sheet: Sheet, header: Header, head) -> ExportPreview:
    first = header.first_data_row
    sample = [
        [cell_text(v) for v in row] for row in head[first:] if any(v is not None for v in row)
    ][:SAMPLE_ROWS]
    return ExportPreview(
        file_label=book.label,
        sheet_names=list(book.sheet_names),
        sheet=sheet.name,
        header_rows=tuple(r + 1 for r in header.rows),
        labels=header.labels,
        keys=header.keys,
        mapping=dict(header.mapping),
        sample=sample,
        profile=header.profile,
        missing=header.missing,
    )


def locate_table(
    book: Workbook,
    sheet_name: str | None = None,
    *,
    profiles: dict | None = None,
    forced: tuple[str, dict[str, str]] | None = None,
    overrides: dict[str, str] | None = None,
) -> LocatedTable:
    """The sheet (the named one, else the one with the best dossier table) and its header."""
    label = book.label
    names = [sheet_name] if sheet_name else book.sheet_names
    best: tuple[int, LocatedTable | None, Sheet] | None = None
    empty: list[str] = []
    for name in names:
        sheet = book.sheet(name)
        header, head, rest = _scan(sheet, profiles, forced, overrides)
        if not any(any(v is not None for v in r) for r in head):
            empty.append(name)
        table = LocatedTable(sheet, header, head, rest) if header is not None else None
        score = _score(header)
        if best is None or score > best[0]:
            best = (score, table, sheet)
    assert best is not None
    score, table, sheet = best
    if table is None or score < 2:
        if sheet_name and empty:
            raise NoDossierTableError(f"Trang tính “{sheet_name}” của tệp {label} trống.")
        if not sheet_name and len(empty) == len(names):
            raise NoDossierTableError(f"Tệp {label} trống: không trang tính nào có dữ liệu.")
        where = f"trang tính “{sheet_name}” của tệp {label}" if sheet_name else f"tệp {label}"
        raise NoDossierTableError(
            f"Không tìm thấy bảng danh sách hồ sơ trong {where}: không có dòng tiêu đề nào "
            "có các cột như “Mã hồ sơ”, “Ngày tiếp nhận”, “Ngày hẹn trả”. "
            "Hãy chọn đúng trang tính hoặc chọn cột bằng mẫu ánh xạ (--profile, --map)."
        )
    header = table.header
    if header.missing:
        names_missing = ", ".join(f"“{FIELD_LABELS[k]}”" for k in header.missing)
        rows = ", ".join(str(r + 1) for r in header.rows)
        raise MappingRequiredError(
            f"Tệp {label}, trang “{sheet.name}”: tìm thấy dòng tiêu đề (dòng {rows}) nhưng "
            f"không nhận ra cột {names_missing}. Hãy chỉ rõ cột, ví dụ "
            f'--map "Số biên nhận=code", hoặc dùng một mẫu ánh xạ đã lưu (--profile).',
            _preview(book, sheet, header, table.head),
        )
    return table


def preview_export(
    book: Workbook,
    sheet_name: str | None = None,
    *,
    profiles: dict | None = None,
    forced: tuple[str, dict[str, str]] | None = None,
    overrides: dict[str, str] | None = None,
) -> ExportPreview:
    """Detected header and samples, also when a needed column is missing (for the dialog)."""
    try:
        table = locate_table(
            book, sheet_name, profiles=profiles, forced=forced, overrides=overrides
        )
    except MappingRequiredError as exc:
        return exc.preview
    return _preview(book, table.sheet, table.header, table.head)
