"""The report files (``BaoCao/`` of a bundle: the signed reports a former commune uploaded)
kept with each former commune's history, listed and copied out under their own names.

An imported bundle's report files sit in the history folder's file store, recorded in its
``app_setting`` ``history.source.<year>`` (see ``importer``). Reading them needs neither
SQLAlchemy nor a migration: the history databases are opened read-only, like ``store``.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from base.errors import FileStoreError, MissingBlobError, NotFoundError
from base.os_reason import os_reason
from db.dbfile import DB_FILE_NAME, connect_read_only, fsync_path
from desktop.core.history.store import list_histories
from desktop.core.office.text import fold

REPORTS_PREFIX = "BaoCao/"
VIEW_DIR_NAME = "SoCCHC-xem"  # the temporary folder files are opened from (as ui.open_file)
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class HistoryReportFile:
    """One report file of a former commune's year, as the bundle brought it."""

    commune: str  # the former commune's name
    year: int
    name: str  # the file's name in the bundle, without ``BaoCao/``
    size: int
    sha256: str
    stored: Path  # where the history's file store keeps it
    present: bool  # the stored file exists

    @property
    def label(self) -> str:
        return f"tệp báo cáo {self.name} năm {self.year} của xã cũ {self.commune}"

    def to_json(self) -> dict:
        return {
            "commune": self.commune,
            "year": self.year,
            "name": self.name,
            "size": self.size,
            "sha256": self.sha256,
            "present": self.present,
        }


def _records(folder: Path) -> list[tuple[int, dict]]:
    try:
        con = connect_read_only(folder / DB_FILE_NAME)
    except sqlite3.Error:
        return []
    try:
        rows = con.execute(
            "SELECT key, value FROM app_setting WHERE key LIKE 'history.source.%'"
        ).fetchall()
    except sqlite3.Error:
        return []
    finally:
        con.close()
    out = []
    for key, value in rows:
        try:
            year, record = int(key.rsplit(".", 1)[1]), json.loads(value)
        except (ValueError, TypeError):
            continue
        if isinstance(record, dict):
            out.append((year, record))
    return out


def history_report_files(data_dir: Path) -> list[HistoryReportFile]:
    """Every former commune's report files: communes in the order of ``list_histories``,
    then by year, then by name."""
    found: list[HistoryReportFile] = []
    for h in list_histories(data_dir):
        files = []
        for year, record in _records(h.folder):
            for r in record.get("reports") or []:
                try:
                    sha, size = str(r["sha256"]).lower(), int(r.get("size") or 0)
                    name = str(r["name"]).removeprefix(REPORTS_PREFIX)
                except (KeyError, TypeError, ValueError, AttributeError):
                    continue
                stored = h.folder / "files" / sha[:2] / sha  # FileStore.path_for
                files.append(
                    HistoryReportFile(h.name, year, name, size, sha, stored, stored.is_file())
                )
        found += sorted(files, key=lambda f: (f.year, fold(f.name), f.name))
    return found


def find_report_file(data_dir: Path, commune: str, year: int, name: str) -> HistoryReportFile:
    """The report file named so (commune and name compared without accents or case; the
    name with or without ``BaoCao/``)."""
    files = history_report_files(data_dir)
    want = fold(name.replace("\\", "/").removeprefix(REPORTS_PREFIX))
    of_commune = [f for f in files if fold(f.commune) == fold(commune)]
    match = [f for f in of_commune if f.year == year and fold(f.name) == want]
    if match:
        return match[0]
    if not of_commune:
        known = ", ".join(dict.fromkeys(f.commune for f in files)) or "chưa có"
        raise NotFoundError(
            f"Xã cũ {commune} không có tệp báo cáo nào trong lịch sử (các xã có tệp báo cáo: "
            f"{known}). Xem danh sách: cchc history reports."
        )
    known = "; ".join(f"{f.year}: {f.name}" for f in of_commune)
    raise NotFoundError(
        f"Xã cũ {of_commune[0].commune} không có tệp báo cáo {name} năm {year} (các tệp có: "
        f"{known}). Xem danh sách: cchc history reports."
    )


def _target(target_dir: Path, name: str) -> Path:
    """``name`` made Windows-safe, numbered `` (2)``, `` (3)`` ... past the files already
    in ``target_dir`` (compared as Windows does, ignoring case)."""
    from desktop.core.bundle.naming import UniqueNames, safe_name

    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or not ext.isascii() or not ext.isalnum() or len(ext) > 10:
        stem, ext = name, ""
    else:
        ext = f".{ext}"
    wanted = safe_name(stem, max_len=150 - len(ext), fallback="tep-bao-cao") + ext
    names = UniqueNames()
    for existing in target_dir.iterdir():
        names.claim(existing.name)
    return target_dir / names.claim(wanted)


def _copy_checked(f: HistoryReportFile, tmp: Path) -> None:
    digest = hashlib.sha256()
    with f.stored.open("rb") as src, tmp.open("xb") as out:
        for chunk in iter(lambda: src.read(CHUNK), b""):
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    if digest.hexdigest() != f.sha256:
        raise FileStoreError(
            f"Bản lưu của {f.label} trong kho tệp đã bị hỏng (nội dung khác với khi nhập): "
            f"hãy nhập lại gói tài liệu năm {f.year} của xã cũ này. Chưa lưu tệp nào."
        )


def save_report_file(f: HistoryReportFile, target_dir: Path) -> Path:
    """Copy ``f`` into ``target_dir`` (made if missing) under its own name, never over an
    existing file; the copy's SHA-256 is checked before it gets its name. Returns its path."""
    if not f.stored.is_file():
        raise MissingBlobError(
            f"Không còn {f.label} trong kho tệp của lịch sử ({f.stored}): hãy nhập lại gói "
            f"tài liệu năm {f.year} của xã cũ này hoặc khôi phục từ bản sao lưu."
        )
    target_dir = Path(target_dir)
    tmp: Path | None = None
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        tmp = target_dir / f".tam-{uuid.uuid4().hex}"
        _copy_checked(f, tmp)
        for _attempt in range(20):
            target = _target(target_dir, f.name)
            if target.exists():  # appeared meanwhile
                continue
            try:
                tmp.rename(target)  # Windows refuses an existing name (POSIX: checked just above)
            except FileExistsError:
                continue
            tmp = None
            fsync_path(target_dir, directory=True)
            return target
        raise FileStoreError(f"Không tìm được tên trống để lưu {f.label} vào {target_dir}.")
    except OSError as exc:
        raise FileStoreError(
            f"Không lưu được {f.label} vào thư mục {target_dir}: {os_reason(exc)}."
        ) from exc
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def copy_for_viewing(f: HistoryReportFile, temp_root: Path | None = None) -> Path:
    """A copy under its own name in a temporary folder, to open in its program; an earlier
    copy of the same content is reused (edits never reach the store)."""
    folder = Path(temp_root or tempfile.gettempdir()) / VIEW_DIR_NAME / f.sha256[:16]
    if f.stored.is_file() and folder.is_dir():  # a file gone from the store says so
        for existing in folder.iterdir():
            if existing.is_file() and existing.stat().st_size == f.size and f.size:
                return existing
    return save_report_file(f, folder)
