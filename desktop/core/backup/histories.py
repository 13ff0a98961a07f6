"""The data folder's backups carry the former communes' history folders.

Each backup ``backups/so-cchc-<label>-<stamp>.sqlite3`` has companions with the SAME file
name, one per history folder: ``backups/lich-su/<slug>/so-cchc-<label>-<stamp>.sqlite3``.
Files stay in each history folder's own store (immutable, named by hash); a stick backup
also carries them (``SoCCHC-SaoLuu/lich-su/<slug>/files/``). Restoring a backup restores
its companions into the history folders (``restore.restore_histories``); a history folder the backup does not know
(imported later) is left as it is, never deleted.
"""

from __future__ import annotations

import filecmp
import sqlite3
from pathlib import Path

from base.errors import BackupError
from db.dbfile import DB_FILE_NAME, online_backup
from db.filestore import FileStore
from desktop.core.backup.files import blob_index
from desktop.core.history.sources import read_backup
from desktop.core.history.store import HISTORY_DIR_NAME, history_root
from desktop.core.progress import NO_PROGRESS, Progress
from desktop.core.workspace import FILES_DIR_NAME


def _history_dbs(data_dir: Path) -> dict[str, Path]:
    root = history_root(data_dir)
    if not root.is_dir():
        return {}
    return {
        p.name: p / DB_FILE_NAME
        for p in sorted(root.iterdir())
        if p.is_dir() and not p.name.startswith(".") and (p / DB_FILE_NAME).is_file()
    }


def companions(backup: Path) -> dict[str, Path]:
    """slug → the history database saved with ``backup``."""
    root = backup.parent / HISTORY_DIR_NAME
    if not root.is_dir():
        return {}
    return {p.name: p / backup.name for p in sorted(root.iterdir()) if (p / backup.name).is_file()}


def companion_names(backup: Path) -> list[str]:
    """The former communes whose history was saved with ``backup`` (their own names)."""
    names = []
    for slug, db in companions(backup).items():
        try:
            names.append(read_backup(db).commune or slug)
        except BackupError:
            names.append(slug)
    return names


def _copy_db(db: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(db)
    try:
        online_backup(con, target)
    finally:
        con.close()


def backup_histories(
    data_dir: Path, backup: Path, *, with_files: bool = False, progress: Progress = NO_PROGRESS
) -> int:
    """Save every history database beside ``backup`` (and, for a stick, the stored files
    the stick lacks). Returns how many history folders were saved."""
    dbs = _history_dbs(data_dir)
    for i, (name, db) in enumerate(dbs.items()):
        progress.update(i, len(dbs), f"Đang sao lưu lịch sử xã cũ ({name})")
        target = backup.parent / HISTORY_DIR_NAME / name / backup.name
        _copy_db(db, target)
        if with_files:
            local, stick = FileStore(db.parent / FILES_DIR_NAME), FileStore(target.parent / "files")
            for sha, _size in blob_index(target):
                if not stick.has(sha) and local.has(sha):
                    with local.open_blob(sha) as fh:
                        stick.put_stream(fh.read, label=sha[:12])
    return len(dbs)


def remove_companions(backup: Path) -> None:
    for p in companions(backup).values():
        p.unlink(missing_ok=True)


def same_histories(new: Path, old: Path) -> bool:
    """Whether two backups hold the same history databases, byte for byte."""
    a, b = companions(new), companions(old)
    return a.keys() == b.keys() and all(filecmp.cmp(a[k], b[k], shallow=False) for k in a)
