"""Backups of a data folder.

The database holds the file-store index (the ``blob`` table: every stored file's hash and
size), so one SQLite online backup captures both; the files themselves are immutable and
named by hash, and a stick backup carries the ones it does not have yet.

- ``backups/so-cchc-<label>-<yyyymmdd-HHMMSS>.sqlite3`` in the data folder, written as
  ``.part`` and renamed, so a kill never leaves a half file under a real name;
- automatic backups (at start, after imports) rotate: the last 10 plus one per month;
  manual, pre-upgrade and pre-restore copies are never deleted automatically;
- ``backup_to_stick``: ``<stick>/SoCCHC-SaoLuu/`` with the database and ``files/``.

Restoring lives in ``desktop.core.backup.restore``.
"""

from __future__ import annotations

import contextlib
import filecmp
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from base.errors import BackupError
from base.os_reason import os_reason
from db.dbfile import (
    PART_SUFFIX,
    backup_copy,
    backup_target,
    fsync_path,
    online_backup,
    quick_check,
)
from db.filestore import FileStore
from desktop.core.backup.files import (
    AUTO_PREFIX,
    DB_STEM,
    KEEP_LAST,
    STICK_DIR_NAME,
    BackupInfo,
    backup_info,
    backups_dir,
    blob_index,
    list_backups,
)
from desktop.core.backup.histories import backup_histories, remove_companions, same_histories
from desktop.core.progress import NO_PROGRESS, Progress
from desktop.core.targets import TEMP_SUFFIX, target_error_message
from desktop.core.workspace import FILES_DIR_NAME, Workspace


@dataclass(frozen=True)
class StickBackupResult:
    backup: BackupInfo
    folder: Path
    files_copied: int
    files_present: int
    bytes_copied: int


def _remove_parts(folder: Path) -> None:
    """Copies cut short by a kill or a power cut (never under a real backup's name)."""
    for pattern in (f"*{PART_SUFFIX}", f"*{TEMP_SUFFIX}"):
        for p in folder.glob(pattern):
            if p.name.startswith(DB_STEM):
                p.unlink(missing_ok=True)


def rotate(folder: Path, keep_last: int = KEEP_LAST) -> list[Path]:
    """Delete automatic backups beyond the newest ``keep_last`` and the newest of each
    month. Returns what was deleted."""
    autos = [b for b in list_backups(folder) if b.automatic]
    keep = {b.path for b in autos[:keep_last]}
    months: dict[tuple[int, int], Path] = {}
    for b in autos:  # newest first: the first seen of a month is its newest
        months.setdefault((b.created.year, b.created.month), b.path)
    keep.update(months.values())
    removed = []
    for b in autos:
        if b.path not in keep:
            remove_companions(b.path)
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


def _refuse_damaged(copy: Path, source: Path) -> None:
    """A backup is checked (``PRAGMA quick_check``) once written: a copy of a damaged
    database is not a backup. It goes, so it never rotates good backups out."""
    problems = quick_check(copy)
    if problems == ["ok"]:
        return
    copy.unlink(missing_ok=True)
    raise BackupError(
        f"Chưa sao lưu: cơ sở dữ liệu {source} bị hỏng ({len(problems)} chỗ không đọc được), "
        "nên bản sao của nó không dùng được. Các bản sao lưu đã có được giữ nguyên; hãy chạy "
        "Kiểm tra dữ liệu (cchc check) để xem bản tốt gần nhất và khôi phục.",
        detail="\n".join(problems[:10]),
    )


def _db_progress(progress: Progress, text: str):
    return lambda done, total: progress.update(done, total, text)


def create_backup(
    ws: Workspace, *, label: str = "thu-cong", progress: Progress = NO_PROGRESS
) -> BackupInfo:
    """A backup in the data folder's ``backups``."""
    folder = backups_dir(ws.data_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_parts(folder)
        path = backup_copy(
            ws.engine,
            ws.db_path,
            label,
            folder,
            progress=_db_progress(progress, "Đang sao lưu cơ sở dữ liệu"),
        )
        _refuse_damaged(path, ws.db_path)
        backup_histories(ws.data_dir, path, progress=progress)  # former communes' history
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"Không sao lưu được vào {folder}: {os_reason(exc)}.") from exc
    info = backup_info(path)
    assert info is not None
    return info


def auto_backup(ws: Workspace, reason: str, progress: Progress = NO_PROGRESS) -> BackupInfo | None:
    """``reason``: ``khoi-dong`` (start), ``sau-nhap-goi`` (after a bundle import) or
    ``sau-nhap`` (after a file import). Returns
    None when nothing changed since the newest backup (the new copy is dropped)."""
    before = list_backups(backups_dir(ws.data_dir))
    info = create_backup(ws, label=f"{AUTO_PREFIX}{reason}", progress=progress)
    if (
        before
        and filecmp.cmp(info.path, before[0].path, shallow=False)
        and same_histories(info.path, before[0].path)
    ):
        remove_companions(info.path)
        info.path.unlink()
        return None
    if rotate(info.path.parent):
        collect_garbage(ws)  # files only the rotated-out backups needed
    return info


def backup_to_stick(
    ws: Workspace, dest: Path, progress: Progress = NO_PROGRESS
) -> StickBackupResult:
    """``<dest>/SoCCHC-SaoLuu/``: the database, plus the stored files not already there."""
    dest = Path(dest)
    if not dest.is_dir():
        raise BackupError(f"Không thấy thư mục {dest} (USB đã cắm chưa?).")
    root = dest / STICK_DIR_NAME
    stick = FileStore(root / FILES_DIR_NAME)
    pending: Path | None = None
    try:
        root.mkdir(exist_ok=True)
        _remove_parts(root)
        final = backup_target(root, ws.db_path, "usb")
        pending = final.with_name(final.name + TEMP_SUFFIX)
        raw = ws.engine.raw_connection()
        try:
            online_backup(raw.driver_connection, pending, _db_progress(progress, "Đang sao lưu"))
        finally:
            raw.close()
        _refuse_damaged(pending, ws.db_path)
        index = blob_index(pending)
        missing = [(sha, size) for sha, size in index if not stick.has(sha)]
        needed = sum(size for _sha, size in missing)
        free = shutil.disk_usage(root).free
        if free < needed:
            raise BackupError(
                f"USB {dest} không đủ chỗ trống: cần thêm {needed / 1e6:.1f} MB cho các tệp, "
                f"còn {free / 1e6:.1f} MB."
            )
        for i, (sha, _size) in enumerate(missing):
            progress.update(i, len(missing), f"Đang chép tệp {i + 1}/{len(missing)}")
            with ws.store.open_blob(sha) as fh:
                stored = stick.put_stream(fh.read, label=sha[:12])
            if stored.sha256 != sha:
                raise BackupError(
                    f"Tệp {sha[:12]}… trong kho tệp đã bị thay đổi: hãy chạy Kiểm tra dữ liệu."
                )
        pending.rename(final)
        pending = None
        backup_histories(ws.data_dir, final, with_files=True, progress=progress)
        fsync_path(root, directory=True)
    except BaseException as exc:
        if pending is not None:
            with contextlib.suppress(OSError):
                pending.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise BackupError(target_error_message(exc, dest, what="bản sao lưu")) from exc
        raise
    info = backup_info(final)
    assert info is not None
    return StickBackupResult(
        backup=info,
        folder=root,
        files_copied=len(missing),
        files_present=len(index) - len(missing),
        bytes_copied=sum(size for _sha, size in missing),
    )


def collect_garbage(ws: Workspace) -> int:
    """Remove stored files that no document and no kept backup needs any more (and that
    were not touched in the last hour: an add in progress may be about to use one).
    Returns how many files went."""
    from desktop.core.backup.integrity import known_blobs

    keep = known_blobs(ws) | ws.store.kept_for_backups()
    now = time.time()
    removed = 0
    for sha in list(ws.store.iter_stored()):
        if sha not in keep and not ws.store.is_recent(sha, now):
            ws.store.remove(sha)
            removed += 1
    return removed
