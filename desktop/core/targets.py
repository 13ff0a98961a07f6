"""Writing to a target the officer chose (a USB stick, a folder): the temporary suffix of
unfinished work, safe renames, and the target's OS errors (full, write-protected, pulled
out) as messages the officer can act on. Shared by bundles and backups."""

from __future__ import annotations

import os
import time
from pathlib import Path

from base.os_reason import FULL, GONE, READ_ONLY, is_kind, os_reason
from db.dbfile import fsync_path

TEMP_SUFFIX = ".dang-ghi"  # "being written": never looks like finished work


def target_error_message(exc: OSError, dest: Path, needed: int = 0, what: str = "gói") -> str:
    """Vietnamese message for an error while writing ``what`` to ``dest``."""
    mb = max(1, round(needed / 1_000_000))
    if is_kind(exc, FULL):
        return (
            f"Ổ đĩa {dest} đã đầy: {what} chưa ghi xong nên đã bị bỏ. Cần khoảng {mb} MB trống; "
            "hãy xóa bớt hoặc dùng USB khác rồi ghi lại."
        )
    if is_kind(exc, GONE) or not dest.exists():
        return (
            f"Mất kết nối với {dest} (USB bị rút ra?): {what} chưa ghi xong, không dùng được. "
            "Hãy cắm lại rồi ghi lại."
        )
    if is_kind(exc, READ_ONLY):
        return (
            f"Không ghi được vào {dest}: ổ đĩa đang khóa chống ghi (chỉ đọc) hoặc không có "
            "quyền ghi. Hãy gạt khóa trên USB hoặc chọn thư mục khác."
        )
    return f"Lỗi khi ghi {what} vào {dest}: {os_reason(exc)}."


def fsync_dir(path: Path) -> None:
    fsync_path(path, directory=True)


def rename_with_retry(src: Path, dst: Path, attempts: int = 5) -> None:
    """Rename; on Windows an antivirus or the indexer may hold the new files a moment."""
    for attempt in range(attempts):
        try:
            os.rename(src, dst)
            return
        except PermissionError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.2 * (attempt + 1))
