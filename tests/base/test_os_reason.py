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
    assert os_reason(OSError(errno.EBUSY, "Device busy")) == f"lỗi hệ thống (mã {errno.EBUSY})"


def test_library_errors_never_reach_the_message_in_english(caplog) -> None:
    import zipfile

    exists = os_reason(FileExistsError(errno.EEXIST, "File exists"))
    assert exists == "đã có một tệp hoặc thư mục trùng tên ở đó"
    with caplog.at_level("INFO", logger="cchc"):
        said = os_reason(zipfile.BadZipFile("File is not a zip file"))
    assert said == "nội dung tệp bị hỏng, bị cắt cụt hoặc không đúng định dạng"
    assert "File is not a zip file" in caplog.text  # kept for support, in the log only
