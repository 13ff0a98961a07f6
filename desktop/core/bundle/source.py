"""Reading a bundle, as a folder or as a .zip, without ever leaving it.

A path inside a bundle is only ever used to *read*; imported files go into the
content-addressed store under their hash, so no name from a bundle becomes a path in the
data folder. Still, entries that try to leave the bundle (``..``, absolute paths, drive
letters, links) are listed as unsafe, and a bundle holding any is refused.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from pathlib import Path
from typing import BinaryIO

from base.errors import BundleError, NotFoundError
from base.os_reason import os_reason
from desktop.core.office.text import nfc
from desktop.core.targets import TEMP_SUFFIX

_DRIVE = re.compile(r"^[A-Za-z]:")
# Files that Windows, macOS or Excel drop into any folder they look at.
JUNK = re.compile(r"(^|/)(Thumbs\.db|desktop\.ini|\.DS_Store|~\$[^/]*|\._[^/]*)$", re.I)
JUNK_DIRS = ("System Volume Information/", "__MACOSX/", "$RECYCLE.BIN/")


def unsafe_reason(name: str) -> str | None:
    """Why a path inside a bundle could point outside it (None when it cannot)."""
    if "\x00" in name:
        return "tên chứa ký tự rỗng"
    if name.startswith(("/", "\\")):
        return "đường dẫn tuyệt đối"
    if _DRIVE.match(name):
        return "đường dẫn có tên ổ đĩa"
    parts = name.replace("\\", "/").split("/")
    if any(p == ".." for p in parts):
        return "đường dẫn đi ra ngoài gói (..)"
    if any(":" in p for p in parts):
        return "tên có dấu hai chấm"
    if any(p in ("", ".") for p in parts):
        return "đường dẫn không chuẩn"
    return None


class BundleSource:
    """The files of a bundle: ``names`` (relative, ``/``-separated) and ``unsafe``."""

    path: Path
    is_zip: bool

    def __init__(self) -> None:
        self.names: list[str] = []
        self.unsafe: list[tuple[str, str]] = []  # (name, reason)

    def open(self, name: str) -> BinaryIO:
        raise NotImplementedError

    def read(self, name: str) -> bytes:
        with self.open(name) as fh:
            return fh.read()

    def has(self, name: str) -> bool:
        return name in self._name_set

    def _done(self) -> None:
        self.names.sort()
        self._name_set = set(self.names)

    def close(self) -> None:
        pass

    def __enter__(self) -> BundleSource:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def _is_link(entry: os.DirEntry) -> bool:
    if entry.is_symlink():
        return True
    is_junction = getattr(entry, "is_junction", None)  # Python 3.12+, Windows
    if is_junction is not None and is_junction():
        return True
    attrs = getattr(entry.stat(follow_symlinks=False), "st_file_attributes", 0)
    return bool(attrs & getattr(stat, "FILE_ATTRIBUTE_REPARSE_POINT", 0))


class FolderSource(BundleSource):
    is_zip = False

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._real: dict[str, str] = {}  # NFC name → name on disk (macOS stores NFD)
        self._walk("", "")
        self._done()

    def _walk(self, rel: str, real: str) -> None:
        with os.scandir(self.path / real if real else self.path) as it:
            for entry in it:
                name, on_disk = f"{rel}{nfc(entry.name)}", f"{real}{entry.name}"
                if _is_link(entry):
                    self.unsafe.append((name, "liên kết (shortcut, symlink) tới nơi khác"))
                elif entry.is_dir(follow_symlinks=False):
                    if f"{name}/" not in JUNK_DIRS:
                        self._walk(f"{name}/", f"{on_disk}/")
                elif entry.is_file(follow_symlinks=False):
                    self.names.append(name)
                    self._real[name] = on_disk

    def open(self, name: str) -> BinaryIO:
        reason = unsafe_reason(name)
        if reason or not self.has(name):
            raise BundleError(f"Không đọc tệp “{name}” trong gói: {reason or 'không có'}.")
        return (self.path / self._real[name]).open("rb")


class ZipSource(BundleSource):
    is_zip = True

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        try:
            self._zip = zipfile.ZipFile(path)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise BundleError(
                f"Tệp {path.name} không mở được như tệp .zip: tệp bị hỏng hoặc bị cắt cụt "
                f"(chép chưa xong?) ({os_reason(exc)})."
            ) from None
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = info.filename
            mode = info.external_attr >> 16
            reason = unsafe_reason(name)
            if reason is None and stat.S_ISLNK(mode):
                reason = "liên kết (symlink) tới nơi khác"
            if reason is None and name in self._infos:
                reason = "tên trùng với một tệp khác trong tệp .zip"
            if reason:
                self.unsafe.append((name, reason))
            elif not info.is_dir() and not name.startswith(JUNK_DIRS):
                self.names.append(name)
                self._infos[name] = info
        self._done()

    def open(self, name: str) -> BinaryIO:
        info = self._infos.get(name)
        if info is None:
            raise BundleError(f"Không có tệp “{name}” trong gói {self.path.name}.")
        return self._zip.open(info)  # type: ignore[return-value]

    def close(self) -> None:
        self._zip.close()


def open_source(path: Path) -> BundleSource:
    """A folder or a .zip bundle (anything else is refused with a message)."""
    if not path.exists():
        raise NotFoundError(f"Không tìm thấy gói {path}.")
    if path.is_dir():
        return FolderSource(path)
    if path.name.endswith(TEMP_SUFFIX) or zipfile.is_zipfile(path) or path.suffix.lower() == ".zip":
        return ZipSource(path)
    raise BundleError(
        f"{path.name} không phải gói tài liệu: hãy chọn thư mục gói hoặc tệp .zip của gói."
    )
