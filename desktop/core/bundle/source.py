"""Reading a bundle, as a folder or as a .zip, without ever leaving it.

A path inside a bundle is only ever used to *read*; imported files go into the
content-addressed store under their hash, so no name from a bundle becomes a path in the
data folder. Still, entries that try to leave the bundle (``..``, absolute paths, drive
letters, links) are listed as unsafe, and a bundle holding any is refused.

A .zip is judged by its own directory before anything is unpacked: an entry that claims
to inflate more than ``MAX_RATIO`` times (a "zip bomb") is listed in ``bombs``; reads are
capped at the size the manifest gives (``open_capped``), and what an import will write is
weighed against the free space first (``ensure_room``).
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import zipfile
from pathlib import Path
from typing import BinaryIO

from base.errors import BundleError, NotFoundError
from base.os_reason import log_original, os_reason
from desktop.core.office.text import nfc
from desktop.core.office.vnformat import format_size
from desktop.core.targets import TEMP_SUFFIX

_DRIVE = re.compile(r"^[A-Za-z]:")
# Files that Windows, macOS or Excel drop into any folder they look at.
JUNK = re.compile(r"(^|/)(Thumbs\.db|desktop\.ini|\.DS_Store|~\$[^/]*|\._[^/]*)$", re.I)
JUNK_DIRS = ("System Volume Information/", "__MACOSX/", "$RECYCLE.BIN/")


# Real evidence (PDF, JPEG, DOCX) barely compresses; deflate peaks near 1032:1, which only
# a crafted entry reaches. Small entries may compress well (a text file of spaces).
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024
ROOM_MARGIN = 50 * 1024 * 1024  # left free after an import: the database must still grow


def zip_entry_problem(info: zipfile.ZipInfo) -> str | None:
    """Why a zip entry must not be unpacked (None when it may)."""
    size, packed = info.file_size, max(info.compress_size, 1)
    if size > RATIO_FLOOR and size > MAX_RATIO * packed:
        return (
            f"tỉ lệ nén bất thường ({format_size(packed)} giải nén thành {format_size(size)}, "
            f"gấp {size // packed} lần; tối đa {MAX_RATIO} lần): có thể là tệp .zip độc hại "
            "(“zip bomb”) làm đầy ổ đĩa; không giải nén"
        )
    return None


def ensure_room(folder: Path, needed: int, what: str, error=BundleError) -> None:
    """Refuse (nothing written yet) when ``needed`` bytes would not fit in ``folder``."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return  # cannot tell: the writes themselves report a full disk
    if needed + ROOM_MARGIN > free:
        raise error(
            f"Ổ đĩa chứa {folder} không đủ chỗ cho {what}: cần {format_size(needed)} "
            f"(và {format_size(ROOM_MARGIN)} dự phòng), chỉ còn {format_size(free)}. "
            "Hãy giải phóng dung lượng rồi thử lại."
        )


class SizeExceeded(BundleError):
    """A file of the bundle holds more than its manifest says."""


def capped_reader(fh: BinaryIO, size: int, label: str):
    """``fh.read`` that raises ``SizeExceeded`` once more than ``size`` bytes come out."""
    left = size

    def read(n: int = -1) -> bytes:
        nonlocal left
        want = left + 1 if n is None or n < 0 else min(n, left + 1)
        data = fh.read(want)
        left -= len(data)
        if left < 0:
            raise SizeExceeded(
                f"Tệp “{label}” trong gói lớn hơn dung lượng ghi trong danh sách "
                f"({format_size(size)}): đã dừng đọc."
            )
        return data

    return read


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
        self.bombs: list[tuple[str, str]] = []  # (name, reason): never read

    def open(self, name: str) -> BinaryIO:
        raise NotImplementedError

    def read(self, name: str, cap: int | None = None) -> bytes:
        """The whole file; with ``cap``, ``SizeExceeded`` past that many bytes."""
        with self.open(name) as fh:
            if cap is None:
                return fh.read()
            return capped_reader(fh, cap, name)(-1)

    def size(self, name: str) -> int:
        """The size the bundle gives (a zip's directory, a file's length on disk)."""
        raise NotImplementedError

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

    def size(self, name: str) -> int:
        return (self.path / self._real[name]).stat().st_size


class ZipSource(BundleSource):
    is_zip = True

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        try:
            self._zip = zipfile.ZipFile(path)
            infos = self._zip.infolist()
        except OSError as exc:
            raise BundleError(f"Không mở được tệp {path.name}: {os_reason(exc)}.") from None
        except (zipfile.BadZipFile, EOFError, ValueError) as exc:
            log_original(exc, path.name)
            raise BundleError(
                f"Tệp {path.name} không mở được như tệp .zip: tệp bị hỏng hoặc bị cắt cụt "
                "(chép chưa xong?)."
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
                bomb = zip_entry_problem(info)
                if bomb:
                    self.bombs.append((name, bomb))
                self.names.append(name)
                self._infos[name] = info
        self._done()

    def open(self, name: str) -> BinaryIO:
        info = self._infos.get(name)
        if info is None:
            raise BundleError(f"Không có tệp “{name}” trong gói {self.path.name}.")
        bomb = zip_entry_problem(info)
        if bomb:
            raise BundleError(f"Không đọc tệp “{name}” trong gói {self.path.name}: {bomb}.")
        return self._zip.open(info)  # type: ignore[return-value]

    def size(self, name: str) -> int:
        return self._infos[name].file_size

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
