"""Writing the files of a bundle into a temporary folder or .zip on the target, hashing
while writing, and reading them back afterwards."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from db.filestore import CHUNK
from desktop.core.targets import fsync_dir

# Already compressed: storing them is faster and the zip is no bigger.
STORED_EXTS = {".pdf", ".jpg", ".jpeg", ".png", ".zip", ".docx", ".xlsx", ".pptx", ".rar", ".7z"}


def write_chunk(fh: BinaryIO, data: bytes) -> None:
    """Every byte of a bundle goes through here (tests make it fail like a full disk)."""
    fh.write(data)


def copy_stream(read: Callable[[int], bytes], out: BinaryIO) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := read(CHUNK):
        digest.update(chunk)
        write_chunk(out, chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def hash_stream(fh: BinaryIO, limit: int | None = None) -> str:
    """SHA-256 of what ``fh`` yields, reading at most ``limit`` bytes when given (a
    longer file cannot match a hash of the expected size anyway)."""
    digest = hashlib.sha256()
    left = limit
    while left is None or left > 0:
        chunk = fh.read(CHUNK if left is None else min(CHUNK, left))
        if not chunk:
            break
        digest.update(chunk)
        if left is not None:
            left -= len(chunk)
    return digest.hexdigest()


class FolderWriter:
    def __init__(self, temp: Path) -> None:
        self.temp = temp
        temp.mkdir()

    def add(self, rel: str, read: Callable[[int], bytes], size: int = 0) -> tuple[str, int]:
        path = self.temp / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("xb") as out:
            result = copy_stream(read, out)
            out.flush()
            os.fsync(out.fileno())
        return result

    def finish(self) -> None:
        fsync_dir(self.temp)

    def close_reader(self) -> None:
        pass

    def read_back(self, rel: str) -> str:
        with (self.temp / rel).open("rb") as fh:
            return hash_stream(fh)

    def discard(self) -> None:
        shutil.rmtree(self.temp, ignore_errors=True)


class ZipWriter:
    def __init__(self, temp: Path, when: datetime) -> None:
        self.temp = temp
        self.when = when.timetuple()[:6]
        self._fh = temp.open("xb")
        self._zip: zipfile.ZipFile | None = zipfile.ZipFile(self._fh, "w")
        self._reader: zipfile.ZipFile | None = None

    def add(self, rel: str, read: Callable[[int], bytes], size: int = 0) -> tuple[str, int]:
        assert self._zip is not None
        info = zipfile.ZipInfo(rel, self.when)
        info.external_attr = 0o644 << 16
        info.file_size = size
        ext = os.path.splitext(rel)[1].lower()
        info.compress_type = zipfile.ZIP_STORED if ext in STORED_EXTS else zipfile.ZIP_DEFLATED
        with self._zip.open(info, "w", force_zip64=size > 0x7FFFFFFF) as out:
            return copy_stream(read, out)

    def finish(self) -> None:
        assert self._zip is not None
        self._zip.close()
        self._zip = None
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()

    def read_back(self, rel: str) -> str:
        if self._reader is None:
            self._reader = zipfile.ZipFile(self.temp)
        with self._reader.open(rel) as fh:
            return hash_stream(fh)

    def close_reader(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def discard(self) -> None:
        self.close_reader()
        with contextlib.suppress(OSError, ValueError):
            if self._zip is not None:
                self._zip.close()
        with contextlib.suppress(OSError):
            self._fh.close()
        with contextlib.suppress(OSError):
            self.temp.unlink(missing_ok=True)
