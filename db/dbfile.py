"""Cheap checks of a database file before anything is written, and its online backup copy
(stdlib sqlite3 only, so that start-up and backups need neither SQLAlchemy nor Alembic)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from base.errors import CorruptDatabaseError, DatabaseError, RevisionMissingError
from base.os_reason import os_reason

if TYPE_CHECKING:
    from sqlalchemy import Engine

DB_FILE_NAME = "so-cchc.sqlite3"


def connect_read_only(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    """Open a database file for reading only. The URI is built by pathlib, so a folder
    name with ``#``, ``%``, spaces or Vietnamese letters, or a Windows drive letter, is
    read as the file it names. ``immutable``: a copy nobody writes (a backup)."""
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    uri = Path(path).absolute().as_uri()
    if not uri.startswith("file:///"):  # a Windows share: \\server\share → file:////server/share
        uri = "file:////" + uri.removeprefix("file://")
    return sqlite3.connect(f"{uri}?{flags}", uri=True)


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
            f"Không đọc được tệp cơ sở dữ liệu {db_path}: {os_reason(exc)}."
        ) from exc
    if header != SQLITE_HEADER:
        raise CorruptDatabaseError(
            f"Tệp {db_path} không phải cơ sở dữ liệu của Sổ CCHC hoặc đã bị hỏng. {KEEP}"
        )
    try:
        con = connect_read_only(db_path)
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
        raise CorruptDatabaseError(
            f"Cơ sở dữ liệu {db_path} bị hỏng (có phần không đọc được). {KEEP}", detail=str(exc)
        ) from exc
    if row is None and tables - {"alembic_version"}:
        raise RevisionMissingError(
            f"Cơ sở dữ liệu {db_path} không ghi số phiên bản lược đồ (bảng alembic_version "
            f"trống) và các bảng của nó khác với phiên bản này của ứng dụng. {KEEP}"
        )
    return row[0] if row else None


def quick_check(db_path: Path) -> list[str]:
    """``PRAGMA quick_check`` lines (``["ok"]`` when sound)."""
    try:
        con = connect_read_only(db_path)
        try:
            return [r[0] for r in con.execute("PRAGMA quick_check")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]


BACKUP_DIR_NAME = "backups"
PART_SUFFIX = ".part"


def fsync_path(path: Path, *, directory: bool = False) -> None:
    if directory and os.name == "nt":  # Windows cannot open a folder; NTFS journals renames
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def online_backup(
    source: sqlite3.Connection,
    target: Path,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Copy a live database into ``target`` with SQLite's online backup (consistent even
    under WAL). Written as ``target.part``, synced, then renamed, so a crash or power cut
    never leaves a file with the final name that is not a whole database. The copy is in
    rollback-journal mode: one self-contained file."""
    part = target.with_name(target.name + PART_SUFFIX)
    part.unlink(missing_ok=True)
    step = None
    if progress is not None:

        def step(_status: int, remaining: int, total: int) -> None:
            progress(total - remaining, total)

    try:
        dest = sqlite3.connect(part)
        try:
            source.backup(dest, pages=256, progress=step)
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
        fsync_path(part)
        os.replace(part, target)
        fsync_path(target.parent, directory=True)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def backup_target(backup_dir: Path, db_path: Path, label: str) -> Path:
    """A new name ``<db name>-<label>-<yyyymmdd-HHMMSS>[-n].sqlite3`` in ``backup_dir``."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backup_dir / f"{db_path.stem}-{label}-{stamp}.sqlite3"
    n = 1
    while target.exists():
        n += 1
        target = backup_dir / f"{db_path.stem}-{label}-{stamp}-{n}.sqlite3"
    return target


def backup_copy(
    engine: Engine,
    db_path: Path,
    label: str,
    backup_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Copy the live database to ``backups/<name>-<label>-<yyyymmdd-HHMMSS>.sqlite3``."""
    target = backup_target(backup_dir or db_path.parent / BACKUP_DIR_NAME, db_path, label)
    raw = engine.raw_connection()
    try:
        online_backup(raw.driver_connection, target, progress)
    finally:
        raw.close()
    return target
