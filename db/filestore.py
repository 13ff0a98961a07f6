"""Content-addressed file store: ``files/ab/abcdef...`` named by SHA-256.

A stored file found damaged (its content no longer matches its name) is replaced when the
same content is stored again.

Writing order (so a crash never leaves a row pointing at nothing): copy to a temp file in
the store, flush and fsync, rename into place, fsync the folder; only then does the caller
commit the row. A crash between the rename and the commit leaves an orphan blob, which
``audit()`` lists and ``remove_orphans()`` can delete; it never loses a file.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from base.errors import FileStoreError, MissingBlobError
from base.os_reason import os_reason
from db.dbfile import BACKUP_DIR_NAME, connect_read_only, fsync_path

CHUNK = 1024 * 1024
HEX = set("0123456789abcdef")
GRACE_SECONDS = 3600  # a blob younger than this may be about to get its row: never collected


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    created: bool  # False when the same content was already in the store


@dataclass
class StoreAudit:
    missing: list[str] = field(default_factory=list)  # in the database, not on disk
    orphaned: list[str] = field(default_factory=list)  # on disk, not in the database
    corrupt: list[str] = field(default_factory=list)  # on disk with other content
    leftover_temp: list[Path] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        return not (self.missing or self.corrupt)


def _fsync_dir(path: Path) -> None:
    fsync_path(path, directory=True)


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmp = root / "tmp"

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def put_file(self, source: Path, progress: Callable[[int], None] | None = None) -> StoredBlob:
        """Copy ``source`` into the store and return its hash. Safe to repeat."""
        try:
            fh = source.open("rb")
        except PermissionError as exc:
            raise FileStoreError(
                f"Không mở được tệp {source.name}: tệp đang bị khóa (có thể đang mở trong "
                "chương trình khác) hoặc không có quyền đọc."
            ) from exc
        except OSError as exc:
            raise FileStoreError(f"Không đọc được tệp {source}: {os_reason(exc)}.") from exc
        with fh:
            return self._put_stream(fh.read, progress, label=source.name)

    def put_stream(self, read: Callable[[int], bytes], label: str) -> StoredBlob:
        """Store what ``read`` yields (e.g. a member of a .zip bundle). Safe to repeat."""
        return self._put_stream(read, None, label=label)

    def put_bytes(self, data: bytes) -> StoredBlob:
        chunks = iter([data, b""])
        return self._put_stream(lambda _n: next(chunks), None, label="dữ liệu")

    def _put_stream(
        self, read: Callable[[int], bytes], progress: Callable[[int], None] | None, label: str
    ) -> StoredBlob:
        self.tmp.mkdir(parents=True, exist_ok=True)
        tmp_path = self.tmp / f"{uuid.uuid4().hex}.part"
        digest = hashlib.sha256()
        size = 0
        try:
            with tmp_path.open("wb") as out:
                while True:
                    try:
                        chunk = read(CHUNK)
                    except OSError as exc:
                        raise FileStoreError(f"Lỗi khi đọc tệp {label}: {os_reason(exc)}.") from exc
                    if not chunk:
                        break
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                    if progress:
                        progress(size)
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            final = self.path_for(sha)
            existed = final.is_file()
            if existed and final.stat().st_size == size and self._intact(final, sha):
                tmp_path.unlink()
                os.utime(final)  # about to be used again: not collected meanwhile
                return StoredBlob(sha, size, created=False)
            # New, or a stored copy damaged on disk: the good content just read takes its
            # place (a damaged file is healed by adding the original again).
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp_path, final)
            _fsync_dir(final.parent)
            return StoredBlob(sha, size, created=not existed)
        except OSError as exc:
            tmp_path.unlink(missing_ok=True)
            raise FileStoreError(
                f"Không ghi được tệp {label} vào kho tệp {self.root}: {os_reason(exc)}. "
                "Kiểm tra dung lượng đĩa còn trống."
            ) from exc
        except BaseException:
            tmp_path.unlink(missing_ok=True)
            raise

    @staticmethod
    def _intact(path: Path, sha256: str) -> bool:
        digest = hashlib.sha256()
        try:
            with path.open("rb") as fh:
                for chunk in iter(lambda: fh.read(CHUNK), b""):
                    digest.update(chunk)
        except OSError:
            return False
        return digest.hexdigest() == sha256

    def open_blob(self, sha256: str, original_name: str = ""):
        path = self.path_for(sha256)
        if not path.is_file():
            raise MissingBlobError(
                f"Thiếu tệp {original_name or sha256[:12]} trong kho tệp ({path}). "
                "Hãy khôi phục từ bản sao lưu hoặc thêm lại tệp."
            )
        return path.open("rb")

    def hash_of(self, sha256: str) -> str:
        digest = hashlib.sha256()
        with self.open_blob(sha256) as fh:
            for chunk in iter(lambda: fh.read(CHUNK), b""):
                digest.update(chunk)
        return digest.hexdigest()

    def present(self, shas: Iterable[str]) -> set[str]:
        """Which of these blobs are on disk: one directory listing per prefix folder
        (fast for tens of thousands of hashes, unlike a ``stat`` each)."""
        wanted: dict[str, set[str]] = {}
        for sha in shas:
            wanted.setdefault(sha[:2], set()).add(sha)
        found: set[str] = set()
        for prefix, group in wanted.items():
            try:
                with os.scandir(self.root / prefix) as entries:
                    names = {e.name for e in entries if e.is_file()}
            except OSError:
                continue
            found |= group & names
        return found

    def iter_stored(self) -> Iterable[str]:
        if not self.root.is_dir():
            return
        for sub in sorted(self.root.iterdir()):
            if sub.is_dir() and len(sub.name) == 2 and set(sub.name) <= HEX:
                for f in sorted(sub.iterdir()):
                    if f.is_file() and len(f.name) == 64 and f.name.startswith(sub.name):
                        yield f.name

    def audit(self, known: Iterable[str], verify: Iterable[str] = ()) -> StoreAudit:
        """Compare the database's blobs with the disk; re-hash the blobs in ``verify``."""
        known_set = set(known)
        on_disk = set(self.iter_stored())
        result = StoreAudit(
            missing=sorted(known_set - on_disk),
            orphaned=sorted(on_disk - known_set),
        )
        for sha in verify:
            if sha in on_disk and self.hash_of(sha) != sha:
                result.corrupt.append(sha)
        if self.tmp.is_dir():
            result.leftover_temp = sorted(self.tmp.glob("*.part"))
        return result

    def remove(self, sha256: str) -> None:
        self.path_for(sha256).unlink(missing_ok=True)

    @property
    def backups_dir(self) -> Path:
        """The backups of the data folder this store belongs to."""
        return self.root.parent / BACKUP_DIR_NAME

    def kept_for_backups(self) -> set[str]:
        """The blobs the data folder's kept backups list: a backup must restore in full,
        so these files stay while a backup that needs them is kept."""
        return backup_references(self.backups_dir)

    def is_recent(self, sha256: str, now: float | None = None) -> bool:
        try:
            mtime = self.path_for(sha256).stat().st_mtime
        except OSError:
            return False
        return (now if now is not None else time.time()) - mtime < GRACE_SECONDS


def backup_references(folder: Path) -> set[str]:
    """Every blob hash listed by the backups (``*.sqlite3``) in ``folder``; a backup that
    cannot be read keeps nothing (it could not be restored anyway)."""
    found: set[str] = set()
    if not folder.is_dir():
        return found
    for db in folder.glob("*.sqlite3"):
        try:
            con = connect_read_only(db, immutable=True)
            try:
                found.update(r[0] for r in con.execute("SELECT sha256 FROM blob"))
            finally:
                con.close()
        except sqlite3.Error:
            continue
    return found
