"""Recognising a password-protected Excel file, whatever its age.

An encrypted .xlsx is an OLE container with an ``EncryptionInfo`` stream; an encrypted
legacy .xls (Excel 97–2003, BIFF8) has a FILEPASS record right after the workbook's first
BOF record. python-calamine reports the first as ``PasswordError`` but, reading from
memory, only "cannot detect file format" for the second, so we look ourselves.
"""

from __future__ import annotations

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
_BIFF8_BOF = bytes.fromhex("0908100000060500")  # BOF record, length 16, BIFF8, workbook globals
_FILEPASS = b"\x2f\x00"


def is_password_protected(data: bytes) -> bool:
    """True for an OLE file holding an encrypted OOXML package or an encrypted BIFF8 book."""
    if not data.startswith(OLE_MAGIC):
        return False
    if _ENCRYPTION_INFO in data:
        return True
    bof = data.find(_BIFF8_BOF)
    return bof >= 0 and data[bof + 20 : bof + 22] == _FILEPASS


def password_message(file_name: str) -> str:
    """What the officer is told about such a file, whichever import read it."""
    return (
        f"Tệp {file_name} được đặt mật khẩu. Hãy mở bằng Excel, gỡ mật khẩu (Tệp > Thông tin > "
        "Bảo vệ sổ làm việc) và lưu lại, rồi nhập lại."
    )
