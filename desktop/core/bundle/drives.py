"""Removable drives (USB sticks, memory cards) the bundle screen offers as targets.

Windows: ``GetLogicalDrives`` + ``GetDriveTypeW`` (DRIVE_REMOVABLE) through ctypes; Linux:
what is mounted under ``/media`` or ``/run/media``; anything else: an empty list (any
folder can still be chosen by hand).
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

DRIVE_REMOVABLE = 2
SEM_FAILCRITICALERRORS = 0x0001  # no "insert a disk" dialog for an empty card reader
LINUX_MOUNT_ROOTS = ("/media/", "/run/media/")


@dataclass(frozen=True)
class DriveInfo:
    path: Path
    label: str
    free: int
    total: int

    @property
    def display(self) -> str:
        """``E:\\ USB KINGSTON (còn 3,2 GB)``."""
        gb = f"{self.free / 1e9:.1f}".replace(".", ",")
        name = f"{self.path} {self.label}".strip()
        return f"{name} (còn {gb} GB)"


def _usage(path: Path, label: str) -> DriveInfo | None:
    try:
        usage = shutil.disk_usage(path)
    except OSError:  # an empty card reader, a drive being ejected
        return None
    return DriveInfo(path, label, usage.free, usage.total)


def _windows_drives() -> list[DriveInfo]:  # pragma: no cover - runs on Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    old_mode = kernel32.SetErrorMode(SEM_FAILCRITICALERRORS)
    try:
        mask = kernel32.GetLogicalDrives()
        out = []
        for i in range(26):
            if not mask & (1 << i):
                continue
            root = f"{chr(ord('A') + i)}:\\"
            if kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) != DRIVE_REMOVABLE:
                continue
            buf = ctypes.create_unicode_buffer(261)
            ok = kernel32.GetVolumeInformationW(
                ctypes.c_wchar_p(root), buf, 261, None, None, None, None, 0
            )
            info = _usage(Path(root), buf.value if ok else "")
            if info is not None:
                out.append(info)
        return out
    finally:
        kernel32.SetErrorMode(old_mode)


def _unescape_mount(path: str) -> str:
    """``/proc/mounts`` writes a space as ``\\040``."""
    for code, ch in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        path = path.replace(code, ch)
    return path


def linux_drives(mounts_text: str) -> list[DriveInfo]:
    out = []
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        mount = _unescape_mount(parts[1])
        if mount.startswith(LINUX_MOUNT_ROOTS):
            info = _usage(Path(mount), Path(mount).name)
            if info is not None:
                out.append(info)
    return out


def list_removable_drives() -> list[DriveInfo]:
    """Never raises: a drive that cannot be read is simply not listed."""
    try:
        if os.name == "nt":
            return _windows_drives()
        if sys.platform.startswith("linux"):
            return linux_drives(Path("/proc/mounts").read_text(encoding="utf-8"))
    except (OSError, AttributeError, ValueError):
        return []
    return []
