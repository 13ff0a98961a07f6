"""Open a portal export (.xlsx, .xlsm, legacy .xls) with python-calamine.

The file is read into memory once (its SHA-256 is the import's fingerprint, and Excel's
lock is not held while we work). Anything that is not a readable workbook becomes a
``DossierFileError`` whose Vietnamese message names the file.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine as calamine

from base.errors import CchcError
from base.os_reason import log_original, os_reason
from desktop.core.office.crypto import OLE_MAGIC, is_password_protected, password_message

ZIP_MAGIC = b"PK\x03\x04"


class DossierFileError(CchcError):
    """An export file that cannot be read as a dossier list; nothing was imported."""


class ImportCancelled(CchcError):
    """The user cancelled an import; nothing was imported."""


@dataclass
class Sheet:
    """One worksheet: rows are yielded as lists of cells (None for empty), row 1 first."""

    name: str
    height: int
    _sheet: calamine.CalamineSheet
    # Merged ranges as (first_row, first_col, last_row, last_col), 0-based, in row-list
    # coordinates (column 0 = the sheet's first used column).
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)

    def rows(self) -> Iterator[list[object]]:
        for row in self._sheet.iter_rows():
            yield [None if v == "" else v for v in row]


@dataclass
class Workbook:
    path: Path
    sha256: str
    sheet_names: list[str]
    _book: calamine.CalamineWorkbook

    @property
    def label(self) -> str:
        return self.path.name

    def sheet(self, name: str) -> Sheet:
        if name not in self.sheet_names:
            names = ", ".join(f"“{n}”" for n in self.sheet_names)
            raise DossierFileError(
                f"Tệp {self.label} không có trang tính “{name}” (các trang tính: {names})."
            )
        try:
            raw = self._book.get_sheet_by_name(name)
        except calamine.CalamineError as exc:
            log_original(exc, self.label)
            raise DossierFileError(
                f"Không đọc được trang tính “{name}” của tệp {self.label}: trang tính bị hỏng."
            ) from None
        start = raw.start
        col0 = start[1] if start else 0
        merged = []
        for (r1, c1), (r2, c2) in raw.merged_cell_ranges or []:
            merged.append((r1, c1 - col0, r2, c2 - col0))
        height = (raw.end[0] + 1) if raw.end else 0
        return Sheet(name=name, height=height, _sheet=raw, merged=merged)

    def close(self) -> None:
        self._book.close()


def _kind_of(data: bytes) -> str:
    if data.startswith(ZIP_MAGIC):
        return "zip"
    if data.startswith(OLE_MAGIC):
        return "ole"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<", b"<?xml")) or b"<html" in head or b"<table" in head:
        return "html"
    try:
        data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        if b"\x00" in data[:4096]:
            return "binary"
    return "text"


def read_bytes(path: Path) -> bytes:
    label = path.name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DossierFileError(f"Không tìm thấy tệp {path}.") from None
    except IsADirectoryError:
        raise DossierFileError(f"{path} là một thư mục, không phải tệp Excel.") from None
    except PermissionError:
        raise DossierFileError(
            f"Không mở được tệp {label}: tệp đang được mở ở chương trình khác (có thể là "
            "Excel) hoặc không có quyền đọc. Hãy đóng tệp rồi nhập lại."
        ) from None
    except OSError as exc:
        raise DossierFileError(f"Không đọc được tệp {label}: {os_reason(exc)}.") from None
    return data


def open_workbook(path: Path) -> Workbook:
    """Open an export; every failure is a ``DossierFileError`` naming the file."""
    path = Path(path)
    label = path.name
    data = read_bytes(path)
    if not data:
        raise DossierFileError(f"Tệp {label} rỗng (0 byte): không có dữ liệu để nhập.")
    kind = _kind_of(data)
    if kind == "html":
        raise DossierFileError(
            f"Tệp {label} là trang HTML được đặt đuôi Excel, không phải bảng tính thật. "
            "Hãy mở tệp bằng Excel, chọn Lưu thành (Save As) dạng .xlsx rồi nhập lại."
        )
    if kind == "text":
        raise DossierFileError(
            f"Tệp {label} là tệp văn bản (CSV) bị đổi đuôi, không phải tệp Excel. "
            "Hãy mở tệp bằng Excel, chọn Lưu thành (Save As) dạng .xlsx rồi nhập lại."
        )
    if kind == "binary":
        raise DossierFileError(
            f"Tệp {label} không phải tệp Excel (.xlsx hoặc .xls) hoặc đã bị hỏng."
        )
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except calamine.PasswordError:
        raise _password_error(label) from None
    except (calamine.CalamineError, ValueError, OSError) as exc:
        if is_password_protected(data):
            raise _password_error(label) from None
        log_original(exc, label)
        raise DossierFileError(
            f"Không đọc được tệp {label}: tệp Excel bị hỏng, bị cắt cụt hoặc không đúng định "
            "dạng. Hãy mở tệp bằng Excel, chọn Lưu thành (Save As) dạng .xlsx rồi nhập lại."
        ) from None
    names = [m.name for m in book.sheets_metadata if m.typ == calamine.SheetTypeEnum.WorkSheet]
    if not names:
        raise DossierFileError(f"Tệp {label} không có trang tính nào.")
    return Workbook(
        path=path, sha256=hashlib.sha256(data).hexdigest(), sheet_names=names, _book=book
    )


def _password_error(label: str) -> DossierFileError:
    return DossierFileError(password_message(label))
