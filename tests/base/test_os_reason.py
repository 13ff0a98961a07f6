"""OS errors read in Vietnamese, not as the English strerror."""

from __future__ import annotations

import errno

from base.os_reason import os_reason


def test_common_errors_have_vietnamese_reasons() -> None:
    assert os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory")) == (
        "không tìm thấy tệp hoặc thư mục"
    )
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "ổ đĩa đã đầy"
    denied = os_reason(PermissionError(errno.EACCES, "Permission denied"))
    assert "không có quyền" in denied and "Permission" not in denied
    locked = OSError(errno.EACCES, "The process cannot access the file")
    locked.winerror = 32  # Windows: the file is open in Word or Excel
    assert "đang được mở trong chương trình khác" in os_reason(locked)
    assert "USB" in os_reason(OSError(errno.EIO, "Input/output error"))
    assert os_reason(OSError(errno.EBUSY, "Device busy")) == "lỗi hệ thống: Device busy"
