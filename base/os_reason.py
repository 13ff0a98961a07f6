"""An operating-system error as a short Vietnamese reason the officer can act on.

``OSError.strerror`` is English ("No such file or directory", "Permission denied") on
Windows and Linux alike; messages shown to the officer use ``os_reason(exc)`` instead.
"""

from __future__ import annotations

import errno

# (errno values, Windows error codes)
FULL = ({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}, {39, 112})
READ_ONLY = ({errno.EROFS, errno.EACCES, errno.EPERM}, {5, 19})
LOCKED = (set(), {32, 33})  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
GONE = ({errno.ENOENT, errno.EIO, errno.ENODEV, errno.ENXIO}, {3, 21, 31, 55, 433, 1117, 1167})
NOT_FOUND = ({errno.ENOENT}, {2, 3})


def is_kind(exc: BaseException, kinds: tuple[set[int], set[int]]) -> bool:
    return isinstance(exc, OSError) and (
        exc.errno in kinds[0] or getattr(exc, "winerror", None) in kinds[1]
    )


def os_reason(exc: BaseException) -> str:
    """``FileNotFoundError`` → "không tìm thấy tệp hoặc thư mục", and so on."""
    if is_kind(exc, FULL):
        return "ổ đĩa đã đầy"
    if is_kind(exc, LOCKED):
        return "tệp đang được mở trong chương trình khác (Word, Excel…); hãy đóng tệp rồi thử lại"
    if is_kind(exc, NOT_FOUND):
        return "không tìm thấy tệp hoặc thư mục"
    if is_kind(exc, READ_ONLY):
        return (
            "không có quyền truy cập, ổ đĩa chỉ đọc hoặc tệp đang được mở trong chương trình khác"
        )
    if is_kind(exc, GONE):
        return "mất kết nối với ổ đĩa (USB bị rút ra?) hoặc lỗi đọc ghi"
    if isinstance(exc, IsADirectoryError):
        return "đây là một thư mục, không phải tệp"
    if isinstance(exc, NotADirectoryError):
        return "đường dẫn không phải là thư mục"
    if isinstance(exc, OSError) and exc.strerror:
        return f"lỗi hệ thống: {exc.strerror}"
    return str(exc)
