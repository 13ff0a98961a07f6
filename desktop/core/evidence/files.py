"""The files of evidence documents: checking sources, storing them, freeing blobs.

Storing happens before the rows are written (see ``db.filestore``). When storing fails
half-way, the blobs this call created are removed again, so a refused "add" leaves
nothing behind. A blob stays in the store while any document uses it; when the last
document lets go of it, the blob row goes in the same transaction and the file itself is
removed after the commit (``release_blobs``), so a rolled-back delete never loses a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from base.errors import FileStoreError, ValidationError
from base.os_reason import os_reason
from db.filestore import FileStore, StoredBlob
from db.models import Blob, EvidenceFile
from desktop.core.progress import NO_PROGRESS, Progress


@dataclass(frozen=True)
class SourceFile:
    path: Path
    size: int

    @property
    def name(self) -> str:
        return self.path.name


def check_sources(files: Sequence[Path]) -> list[SourceFile]:
    """Refuse, before anything is copied, a file that is missing, empty or unreadable."""
    out: list[SourceFile] = []
    for f in files:
        path = Path(f)
        if path.is_dir():
            raise ValidationError(f"“{path}” là một thư mục, không phải tệp.")
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            raise ValidationError(f"Không tìm thấy tệp {path}.") from None
        except OSError as exc:
            raise FileStoreError(f"Không đọc được tệp {path.name}: {os_reason(exc)}.") from exc
        if size == 0:
            raise ValidationError(f"Tệp {path.name} rỗng (0 byte), không dùng làm tài liệu được.")
        try:
            with path.open("rb"):
                pass
        except PermissionError as exc:
            raise FileStoreError(
                f"Không mở được tệp {path.name}: tệp đang bị khóa (có thể đang mở trong "
                "chương trình khác) hoặc không có quyền đọc."
            ) from exc
        except OSError as exc:
            raise FileStoreError(f"Không đọc được tệp {path.name}: {os_reason(exc)}.") from exc
        out.append(SourceFile(path, size))
    return out


def store_sources(
    store: FileStore, sources: Sequence[SourceFile], progress: Progress = NO_PROGRESS
) -> list[StoredBlob]:
    """Copy the files into the store (streamed, 1 MB at a time), reporting bytes copied.

    Cancelling ``progress`` stops the copy (``Cancelled``); on any failure the blobs
    created here are removed again.
    """
    total = sum(s.size for s in sources)
    done = 0
    created: list[str] = []
    stored: list[StoredBlob] = []
    try:
        for src in sources:
            base = done
            progress.update(base, total, f"Đang chép {src.name}")

            def report(n: int, base: int = base, name: str = src.name) -> None:
                progress.update(base + n, total, f"Đang chép {name}")

            blob = store.put_file(src.path, report)
            if blob.created:
                created.append(blob.sha256)
            stored.append(blob)
            done = base + blob.size
    except BaseException:
        for sha in created:
            store.remove(sha)
        raise
    return stored


def forget_created(store: FileStore, blobs: Iterable[StoredBlob]) -> None:
    """Undo ``store_sources`` when the rows could not be written."""
    for blob in blobs:
        if blob.created:
            store.remove(blob.sha256)


def ensure_blob_row(session: Session, blob: StoredBlob) -> None:
    if session.get(Blob, blob.sha256) is None:
        session.add(Blob(sha256=blob.sha256, size=blob.size))


def drop_unused_blob_rows(session: Session, shas: Iterable[str]) -> list[str]:
    """Delete the blob rows no evidence file uses any more; returns their hashes.

    A blob that another table still points at (a later feature) is kept: the delete runs
    in a savepoint and a foreign-key refusal just leaves the row alone.
    """
    session.flush()
    freed: list[str] = []
    for sha in sorted(set(shas)):
        used = session.scalar(select(exists().where(EvidenceFile.sha256 == sha)))
        if used:
            continue
        try:
            with session.begin_nested():
                session.execute(delete(Blob).where(Blob.sha256 == sha))
        except IntegrityError:
            continue
        freed.append(sha)
    return freed


def release_blobs(session: Session, store: FileStore, shas: Iterable[str]) -> int:
    """After the commit: remove from the store the files whose blob rows are gone, except
    those a kept backup lists (restoring it must bring the file back too; the backups'
    rotation collects them later, ``backup.store.collect_garbage``)."""
    removed = 0
    kept: set[str] | None = None
    for sha in shas:
        if session.scalar(select(Blob.sha256).where(Blob.sha256 == sha)) is None:
            if kept is None:
                kept = store.kept_for_backups()
            if sha in kept:
                continue
            store.remove(sha)
            removed += 1
    return removed
