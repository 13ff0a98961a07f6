"""A former commune's history opened for viewing in the main window.

Reads work as in any workspace. A transaction that changes anything but the app's own
settings (the last year shown) is rolled back with a Vietnamese message, so a screen's
"Thêm…", "Xóa" or score box cannot change a former commune's history by accident.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from base.errors import ValidationError
from db.filestore import FileStore
from db.sqlconn import connection_of
from desktop.core.workspace import Workspace, open_workspace

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

ALLOWED = {"app_setting"}  # the last year shown
WRITES = {sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE}


class HistoryReadOnlyError(ValidationError):
    pass


def _refusal(unit: str) -> HistoryReadOnlyError:
    return HistoryReadOnlyError(
        f"Đang xem lịch sử xã cũ {unit} (chỉ xem): không sửa được dữ liệu "
        "của xã cũ, chưa thay đổi gì. Chọn xã hiện tại ở ô “Đơn vị” trên thanh "
        "công cụ để làm việc."
    )


class ReadOnlyFileStore(FileStore):
    """The history's file store: files can be read, never added or removed."""

    def __init__(self, root: Path, unit: str) -> None:
        super().__init__(root)
        self.unit = unit

    def put_file(self, source, progress=None):
        raise _refusal(self.unit)

    def put_stream(self, read, label):
        raise _refusal(self.unit)

    def put_bytes(self, data):
        raise _refusal(self.unit)

    def remove(self, sha256):
        raise _refusal(self.unit)


class ReadOnlyWorkspace(Workspace):
    def __init__(self, data_dir: Path, unit: str) -> None:
        super().__init__(data_dir)
        self.unit = unit
        self.store = ReadOnlyFileStore(self.store.root, unit)

    def ensure_writable(self) -> None:
        raise _refusal(self.unit)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        # SQLite names every table a statement writes (the ORM's and plain SQL's alike).
        touched: set[str] = set()

        def watch(action: int, table: str | None, *_args) -> int:
            if action in WRITES and table:
                touched.add(table)
            return sqlite3.SQLITE_OK

        with self.sessions() as s, s.begin():
            conn = connection_of(s)
            conn.set_authorizer(watch)  # also makes SQLite prepare statements again
            try:
                yield s
                s.flush()
            finally:
                conn.set_authorizer(None)
            if touched - ALLOWED:
                raise _refusal(self.unit)


def open_read_only(folder: Path, unit: str) -> ReadOnlyWorkspace:
    """Check and migrate the folder like any data folder, then open it for viewing."""
    open_workspace(folder).close()
    return ReadOnlyWorkspace(folder, unit)
