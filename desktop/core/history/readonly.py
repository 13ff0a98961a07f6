"""A former commune's history opened for viewing in the main window.

Reads work as in any workspace. A transaction that changes anything but the app's own
settings (the last year shown) is rolled back with a Vietnamese message, so a screen's
"Thêm…", "Xóa" or score box cannot change a former commune's history by accident.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from db.filestore import FileStore
from desktop.core.errors import ValidationError
from desktop.core.workspace import Workspace, open_workspace

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

ALLOWED = {"AppSetting"}


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
        from sqlalchemy import event

        touched: list[str] = []

        def before_flush(session, _ctx, _instances) -> None:
            for obj in (*session.new, *session.dirty, *session.deleted):
                touched.append(type(obj).__name__)

        def on_execute(state) -> None:
            if state.is_insert or state.is_update or state.is_delete:
                touched.append("sql")

        with self.sessions() as s, s.begin():
            event.listen(s, "before_flush", before_flush)
            event.listen(s, "do_orm_execute", on_execute)
            yield s
            s.flush()
            if set(touched) - ALLOWED:
                raise _refusal(self.unit)


def open_read_only(folder: Path, unit: str) -> ReadOnlyWorkspace:
    """Check and migrate the folder like any data folder, then open it for viewing."""
    open_workspace(folder).close()
    return ReadOnlyWorkspace(folder, unit)
