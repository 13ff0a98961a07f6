"""Restore a backup: preview what it holds, keep a copy of the current state first, then
put the backup in place with one rename, then the former communes' history folders.

One journal (``khoi-phuc-dang-lam.json`` in the data folder, written before the first swap,
removed after the last) covers the whole restore: a restore cut short (kill, power cut)
is finished at the next start by ``finish_interrupted_restore``, or rolled back to the
copies kept before it when its backup is gone. Works when the current database is damaged
(that is when it is needed most): the damaged file is kept, byte for byte, as ``hong``.

The caller must have closed its own connections to the data folder (the GUI closes its
workspace first; the CLI never opens it for a restore).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from base.errors import BackupError, CchcError, NotFoundError
from base.os_reason import os_reason
from db import revisions
from db.dbfile import (
    DB_FILE_NAME,
    PART_SUFFIX,
    backup_target,
    connect_read_only,
    fsync_path,
    online_backup,
    quick_check,
    read_revision,
)
from db.filestore import FileStore
from desktop.core.backup.files import JOURNAL_NAME, backup_info, backups_dir, list_backups
from desktop.core.backup.histories import companion_names, companions
from desktop.core.folderlock import folder_alone
from desktop.core.history.store import history_root
from desktop.core.progress import NO_PROGRESS, Progress
from desktop.core.workspace import FILES_DIR_NAME, ensure_writable_dir, open_workspace


@dataclass(frozen=True)
class DataSummary:
    commune: str
    years: tuple[int, ...]
    documents: dict[int, int]  # year → documents
    files: int
    links: int
    blobs: int

    @property
    def document_total(self) -> int:
        return sum(self.documents.values())


@dataclass
class BackupPreview:
    path: Path
    label: str
    sound: bool
    problems: list[str] = field(default_factory=list)
    revision: str | None = None
    holds: DataSummary | None = None
    current: DataSummary | None = None
    blobs_beside: int = 0  # stored files to bring from beside the backup (a stick)
    blobs_missing: int = 0  # stored files nobody has: their documents will lack them
    histories: list[str] = field(default_factory=list)  # former communes saved with it

    def to_json(self) -> dict:
        doc = asdict(self)
        doc["path"] = str(self.path)
        return doc


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    safety_copy: Path | None
    files_copied: int
    files_missing: int


def _summary(con: sqlite3.Connection) -> DataSummary:
    row = con.execute(
        "SELECT unit_kind, commune_name, province FROM commune_profile WHERE id = 1"
    ).fetchone()
    commune = f"{str(row[0]).capitalize()} {row[1]}, {row[2]}" if row else ""
    count = lambda table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: E731
    return DataSummary(
        commune=commune,
        years=tuple(r[0] for r in con.execute("SELECT year FROM catalog ORDER BY year")),
        documents=dict(
            con.execute("SELECT year, count(*) FROM evidence_document GROUP BY year ORDER BY year")
        ),
        files=count("evidence_file"),
        links=count("evidence_link"),
        blobs=count("blob"),
    )


def _blob_shas(path: Path) -> list[str]:
    con = connect_read_only(path, immutable=True)
    try:
        return [r[0] for r in con.execute("SELECT sha256 FROM blob")]
    finally:
        con.close()


def _current_summary(data_dir: Path) -> DataSummary | None:
    db = data_dir / DB_FILE_NAME
    if not db.is_file() or quick_check(db) != ["ok"]:
        return None
    try:
        con = connect_read_only(db)
        try:
            return _summary(con)
        finally:
            con.close()
    except sqlite3.Error:
        return None


def preview_restore(data_dir: Path, path: Path) -> BackupPreview:
    """What the backup holds, compared with the data folder now. Reads only."""
    if not path.is_file():
        raise NotFoundError(f"Không tìm thấy bản sao lưu {path}.")
    info = backup_info(path)
    preview = BackupPreview(path=path, label=info.description if info else "", sound=True)
    try:
        preview.revision = read_revision(path)
    except CchcError as exc:
        preview.sound, preview.problems = False, [str(exc)]
        return preview
    if preview.revision is None or preview.revision not in revisions.chain():
        preview.sound = False
        preview.problems.append(
            "Bản sao lưu được tạo bởi phiên bản Sổ CCHC mới hơn (hoặc không có dữ liệu)."
        )
        return preview
    check = quick_check(path)
    if check != ["ok"]:
        preview.sound = False
        preview.problems.extend(f"Bản sao lưu bị hỏng: {line}" for line in check[:3])
        return preview
    con = connect_read_only(path, immutable=True)
    try:
        preview.holds = _summary(con)
    finally:
        con.close()
    local = FileStore(data_dir / FILES_DIR_NAME)
    beside = FileStore(path.parent / FILES_DIR_NAME)
    for sha in _blob_shas(path):
        if not local.has(sha):
            if beside.has(sha):
                preview.blobs_beside += 1
            else:
                preview.blobs_missing += 1
    preview.current = _current_summary(data_dir)
    preview.histories = companion_names(path)
    return preview


def _copy_synced(src: Path, dst: Path) -> None:
    part = dst.with_name(dst.name + PART_SUFFIX)
    try:
        shutil.copyfile(src, part)
        fsync_path(part)
        os.replace(part, dst)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def _safety_copy(data_dir: Path) -> Path | None:
    """Keep the current state before it is replaced; a damaged file is copied as is."""
    db = data_dir / DB_FILE_NAME
    if not db.is_file() or db.stat().st_size == 0:
        return None
    folder = backups_dir(data_dir)
    if quick_check(db) == ["ok"]:
        target = backup_target(folder, db, "truoc-khoi-phuc")
        con = sqlite3.connect(db)
        try:
            online_backup(con, target)
        finally:
            con.close()
        return target
    target = backup_target(folder, db, "hong")
    wal = db.with_name(db.name + "-wal")
    if wal.is_file():
        _copy_synced(wal, target.with_name(target.name + "-wal"))
    _copy_synced(db, target)
    return target


def restore_backup(
    data_dir: Path, path: Path, progress: Progress = NO_PROGRESS, *, journal: bool = True
) -> RestoreResult:
    """Copy the current state aside, bring missing stored files from beside the backup,
    then swap the database file. An older backup is upgraded as when opened. Needs the
    data folder alone: refuses, naming who, while another program works in it.
    ``journal``: keep the restore's journal (False for a history folder within one)."""
    preview = preview_restore(data_dir, path)
    if not preview.sound:
        raise BackupError(
            f"Không khôi phục từ {path.name}: {' '.join(preview.problems)} Hãy chọn bản khác."
        )
    ensure_writable_dir(data_dir)  # a new PC: the data folder may not exist yet
    with folder_alone(data_dir, "khôi phục"):
        return _restore_alone(data_dir, path, preview, progress, {} if journal else None)


def _journal_path(data_dir: Path) -> Path:
    return data_dir / JOURNAL_NAME


def read_journal(data_dir: Path) -> dict | None:
    """The journal of a restore under way or cut short (None: there is none)."""
    try:
        return json.loads(_journal_path(data_dir).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {"backup": "", "safety": None, "histories": {}}


def _write_journal(data_dir: Path, doc: dict) -> None:
    path = _journal_path(data_dir)
    part = path.with_name(path.name + PART_SUFFIX)
    with part.open("w", encoding="utf-8") as fh:
        json.dump(doc, fh, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(part, path)
    fsync_path(data_dir, directory=True)


def _restore_alone(
    data_dir: Path,
    path: Path,
    preview: BackupPreview,
    progress: Progress,
    journal: dict | None,
) -> RestoreResult:
    """``journal``: None for no journal; else what an interrupted run already kept (its
    copies of the state before, which a second run must not replace)."""
    db = data_dir / DB_FILE_NAME
    try:
        progress.update(0, 3, "Đang sao lưu dữ liệu hiện tại")
        safety = _safety_copy(data_dir)
        local = FileStore(data_dir / FILES_DIR_NAME)
        beside = FileStore(path.parent / FILES_DIR_NAME)
        copied = 0
        wanted = [s for s in _blob_shas(path) if not local.has(s) and beside.has(s)]
        for i, sha in enumerate(wanted):
            progress.update(1, 3, f"Đang chép tệp {i + 1}/{len(wanted)} từ bản sao lưu")
            with beside.open_blob(sha) as fh:
                if local.put_stream(fh.read, label=sha[:12]).sha256 == sha:
                    copied += 1
        progress.update(2, 3, "Đang khôi phục cơ sở dữ liệu")
        part = db.with_name(db.name + ".khoi-phuc")
        _copy_synced(path, part)
        if quick_check(part) != ["ok"]:
            part.unlink(missing_ok=True)
            raise BackupError(f"Bản sao lưu {path.name} đọc ra bị lỗi: chưa khôi phục gì.")
        if journal is not None:  # from here on, the restore is finished or rolled back
            journal = {
                "backup": str(path.absolute()),
                "safety": journal.get("safety", str(safety) if safety else None),
                "histories": journal.get("histories", {}),
                "started": journal.get("started", datetime.now().isoformat(timespec="seconds")),
            }
            _write_journal(data_dir, journal)
        # A WAL left from the replaced file must never be applied to the restored one.
        for suffix in ("-wal", "-shm", "-journal"):
            db.with_name(db.name + suffix).unlink(missing_ok=True)
        os.replace(part, db)
        fsync_path(data_dir, directory=True)
    except OSError as exc:
        raise BackupError(
            f"Không khôi phục được vào {data_dir}: {os_reason(exc)}. Dữ liệu hiện tại "
            "vẫn còn nguyên hoặc đã được sao lưu trước khi khôi phục."
        ) from exc
    open_workspace(data_dir).close()  # upgrades an older backup, with its own copy first
    # the former communes' history saved with it
    restore_histories(data_dir, path, progress, journal=journal)
    if journal is not None:
        _journal_path(data_dir).unlink(missing_ok=True)
        fsync_path(data_dir, directory=True)
    return RestoreResult(path, safety, copied, preview.blobs_missing)


def finish_interrupted_restore(data_dir: Path) -> str | None:
    """At start: a restore cut short is finished (its backup still there and sound) or
    rolled back to the copies kept before it. Returns what was done, for the officer."""
    doc = read_journal(data_dir)
    if doc is None:
        return None
    with folder_alone(data_dir, "hoàn tất lần khôi phục bị gián đoạn"):
        backup = Path(doc.get("backup") or "")
        name = backup.name or "bản sao lưu"
        if backup.is_file():
            preview = preview_restore(data_dir, backup)
            if preview.sound:
                try:
                    _restore_alone(data_dir, backup, preview, NO_PROGRESS, doc)
                except CchcError:
                    pass  # cannot finish: roll back below
                else:
                    return (
                        f"Lần khôi phục từ {name} bị gián đoạn (máy tắt hoặc chương trình bị "
                        "đóng giữa chừng); đã làm xong."
                    )
        back = _roll_back(data_dir, doc)
        _journal_path(data_dir).unlink(missing_ok=True)
        if back:
            return (
                f"Lần khôi phục từ {name} bị gián đoạn và bản sao lưu đó không còn dùng được; "
                "đã đưa dữ liệu về như trước khi khôi phục."
            )
        return (
            f"Lần khôi phục từ {name} bị gián đoạn; bản sao lưu đó và bản giữ lại trước khi "
            "khôi phục đều không dùng được, nên dữ liệu được để nguyên như hiện có. Hãy chạy "
            "Kiểm tra dữ liệu."
        )


def _roll_back(data_dir: Path, doc: dict) -> bool:
    """Put back the copies kept before an interrupted restore (the main database, then the
    history folders it had reached). False when the main copy is missing or unusable."""
    safety = Path(doc["safety"]) if doc.get("safety") else None
    back = False
    if safety is not None and safety.is_file():
        preview = preview_restore(data_dir, safety)
        if preview.sound:
            _restore_alone(data_dir, safety, preview, NO_PROGRESS, None)
            back = True
    if not back:
        return False
    for slug, kept in (doc.get("histories") or {}).items():
        if kept and Path(kept).is_file():
            with contextlib.suppress(CchcError):  # a damaged copy: that folder stays
                restore_backup(history_root(data_dir) / slug, Path(kept), journal=False)
    return True


def newest_good_backup(data_dir: Path) -> Path | None:
    """For a damaged database: the newest backup that is sound and readable by this app."""
    for info in list_backups(backups_dir(data_dir)):
        if info.label == "hong":
            continue
        if preview_restore(data_dir, info.path).sound:
            return info.path
    return None


def resolve_backup(data_dir: Path, name: str) -> Path:
    """A path, or just a file name from the list of backups."""
    path = Path(name)
    if path.is_file():
        return path.resolve()
    in_folder = backups_dir(data_dir) / name
    if in_folder.is_file():
        return in_folder
    raise NotFoundError(f"Không tìm thấy bản sao lưu “{name}” (xem danh sách: cchc backup list).")


def restore_histories(
    data_dir: Path, backup: Path, progress: Progress = NO_PROGRESS, *, journal: dict | None = None
) -> list[str]:
    """Put the backup's history databases back (each checked, its current state kept as
    a copy, migrated). Returns the slugs restored. ``journal``: the restore's journal, where
    each history folder's copy of its state before is noted (to roll back)."""
    done = []
    for name, path in companions(backup).items():
        folder = history_root(data_dir) / name
        folder.mkdir(parents=True, exist_ok=True)
        result = restore_backup(folder, path, progress, journal=False)
        if journal is not None and name not in journal["histories"]:
            journal["histories"][name] = str(result.safety_copy) if result.safety_copy else ""
            _write_journal(data_dir, journal)
        done.append(name)
    return done
