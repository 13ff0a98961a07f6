"""SQLite's own errors ("database disk image is malformed", "database is locked",
"database or disk is full") as the officer's Vietnamese message, at the boundary of each
program (the ``cchc`` commands, the window's error box). The English text goes to the
message's ``detail`` (the log), never into the message itself."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

from base.errors import CchcError, CorruptDatabaseError, DatabaseError

MB = 1_000_000
MIN_NEEDED = 50 * MB  # what an import may need beside the database: its rows, the WAL


class DiskFullError(DatabaseError):
    """The disk holding the data folder is full: nothing was saved."""


def _driver_error(exc: BaseException) -> sqlite3.Error | None:
    orig = getattr(exc, "orig", exc)  # SQLAlchemy wraps the driver's error
    return orig if isinstance(orig, sqlite3.Error) else None


def is_corruption(exc: BaseException) -> bool:
    err = _driver_error(exc)
    text = str(err).lower() if err is not None else ""
    return any(w in text for w in ("malformed", "not a database", "disk i/o", "corrupt"))


def free_space_text(folder: Path, db_path: Path | None) -> str:
    """ " Còn trống X MB; hãy giải phóng thêm ít nhất Y MB …": a write may need room for
    the database's size again (its journal) and the rows being added."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return ""
    size = 0
    for p in (db_path, db_path.with_name(db_path.name + "-wal")) if db_path else ():
        with contextlib.suppress(OSError):
            size += p.stat().st_size
    wanted = max(MIN_NEEDED, size)
    more = wanted - free if free < wanted else MIN_NEEDED
    return (
        f" Còn trống {free / MB:.0f} MB; hãy giải phóng thêm ít nhất {more / MB:.0f} MB "
        "(xóa tệp không cần, dọn Thùng rác) rồi làm lại."
    )


def as_cchc_error(exc: BaseException, db_path: Path | None = None) -> CchcError | None:
    """The Vietnamese error for a SQLite failure (None: not one of SQLite's)."""
    err = _driver_error(exc)
    if err is None:
        return None
    text = str(err).lower()
    where = f" {db_path}" if db_path else ""
    if is_corruption(err):
        return CorruptDatabaseError(
            f"Cơ sở dữ liệu{where} bị hỏng (có phần dữ liệu không đọc được); chưa ghi gì "
            "thêm. Hãy chạy Kiểm tra dữ liệu (cchc check) để xem bản sao lưu tốt gần nhất, "
            "rồi khôi phục từ bản đó.",
            detail=str(err),
        )
    if "full" in text:
        folder = db_path.parent if db_path else Path.cwd()
        return DiskFullError(
            f"Ổ đĩa chứa dữ liệu{where} đã đầy: chưa lưu gì (dữ liệu đã có vẫn nguyên)."
            + free_space_text(folder, db_path),
            detail=str(err),
        )
    if "locked" in text or "busy" in text:
        return DatabaseError(
            f"Cơ sở dữ liệu{where} đang bận: một chương trình khác đang ghi quá lâu. Chưa "
            "lưu gì; hãy thử lại sau ít phút.",
            detail=str(err),
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseError(
            f"Không ghi được vào cơ sở dữ liệu{where}: tệp hoặc ổ đĩa chỉ cho đọc.",
            detail=str(err),
        )
    if "unable to open" in text:
        return DatabaseError(
            f"Không mở được cơ sở dữ liệu{where}: thư mục không còn hoặc không có quyền.",
            detail=str(err),
        )
    return DatabaseError(
        f"Lỗi khi đọc ghi cơ sở dữ liệu{where}; chưa lưu gì. Hãy chạy Kiểm tra dữ liệu.",
        detail=str(err),
    )
