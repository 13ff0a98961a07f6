"""An operating-system error as a short Vietnamese reason the officer can act on.

``OSError.strerror`` is English ("No such file or directory", "Permission denied") on
Windows and Linux alike; messages shown to the officer use ``os_reason(exc)`` instead.
What no reason fits (a library's own exception) is said in general words, and its
original text goes to the log (``log_original``), never into the message.
"""

from __future__ import annotations

import errno
import logging

from base.errors import CchcError

log = logging.getLogger("cchc")

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
    if isinstance(exc, FileExistsError):
        return "đã có một tệp hoặc thư mục trùng tên ở đó"
    if isinstance(exc, CchcError):
        return str(exc)  # already the officer's words
    log_original(exc)  # the library's (English) words go to the log, not to the officer
    if isinstance(exc, OSError):
        code = getattr(exc, "winerror", None) or exc.errno
        return f"lỗi hệ thống (mã {code})" if code else "lỗi hệ thống khi đọc ghi tệp"
    return "nội dung tệp bị hỏng, bị cắt cụt hoặc không đúng định dạng"


def log_original(exc: BaseException, label: str = "") -> None:
    """Keep a library's own message (English, technical) in the log for support."""
    log.info("%s%s: %s", f"{label}: " if label else "", type(exc).__name__, exc)
