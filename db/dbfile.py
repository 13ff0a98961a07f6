"""Cheap checks of a database file before anything is written (stdlib sqlite3 only)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.core.errors import CorruptDatabaseError, DatabaseError

DB_FILE_NAME = "so-cchc.sqlite3"
SQLITE_HEADER = b"SQLite format 3\x00"
KEEP = "Ứng dụng không ghi đè tệp này; hãy khôi phục từ bản sao lưu hoặc chọn thư mục dữ liệu khác."


def is_empty(db_path: Path) -> bool:
    return not db_path.exists() or db_path.stat().st_size == 0


def read_revision(db_path: Path) -> str | None:
    """The schema revision stored in the file (None for a new, empty database).

    Refuses a file that is not SQLite, is damaged, or is another program's database."""
    if is_empty(db_path):
        return None
    try:
        with db_path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise DatabaseError(
            f"Không đọc được tệp cơ sở dữ liệu {db_path}: {exc.strerror or exc}."
        ) from exc
    if header != SQLITE_HEADER:
        raise CorruptDatabaseError(
            f"Tệp {db_path} không phải cơ sở dữ liệu của Sổ CCHC hoặc đã bị hỏng. {KEEP}"
        )
    try:
        con = sqlite3.connect(f"file:{db_path.as_posix()}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" not in tables:
                if tables:
                    raise CorruptDatabaseError(
                        f"Tệp {db_path} là một cơ sở dữ liệu SQLite khác, không phải của "
                        f"Sổ CCHC. {KEEP}"
                    )
                return None
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(f"Cơ sở dữ liệu {db_path} bị hỏng ({exc}). {KEEP}") from exc
    return row[0] if row else None


def quick_check(db_path: Path) -> list[str]:
    """``PRAGMA quick_check`` lines (``["ok"]`` when sound)."""
    try:
        con = sqlite3.connect(f"file:{db_path.as_posix()}?mode=ro", uri=True)
        try:
            return [r[0] for r in con.execute("PRAGMA quick_check")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
