"""Backup files: their names, what a name says (label, time), the backups in a folder.

Knows nothing of what makes or restores them, so the history import can list a zipped
backup's databases without importing the backup machinery (``store``, ``restore``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from db.dbfile import BACKUP_DIR_NAME, DB_FILE_NAME, connect_read_only

AUTO_PREFIX = "tu-dong-"
# A restore under way (the data folder and the history folders): see ``restore``.
JOURNAL_NAME = "khoi-phuc-dang-lam.json"
KEEP_LAST = 10
STICK_DIR_NAME = "SoCCHC-SaoLuu"
DB_STEM = Path(DB_FILE_NAME).stem
_NAME = re.compile(
    rf"^{re.escape(DB_STEM)}-(?P<label>.+?)-(?P<stamp>\d{{8}}-\d{{6}})(?:-(?P<n>\d+))?\.sqlite3$"
)
LABELS = {
    "tu-dong-khoi-dong": "Tự động khi mở ứng dụng",
    "tu-dong-sau-nhap-goi": "Tự động sau khi nhập gói",
    "tu-dong-sau-nhap": "Tự động sau khi nhập tệp (hồ sơ, bộ tiêu chí, kết quả)",
    "thu-cong": "Sao lưu thủ công",
    "usb": "Sao lưu ra USB",
    "truoc-khoi-phuc": "Trước khi khôi phục",
    "truoc-thay-the": "Trước khi thay dữ liệu (nhập lại kết quả hoặc bộ tiêu chí)",
    "truoc-nang-cap": "Trước khi nâng cấp dữ liệu",
    "hong": "Dữ liệu hỏng (giữ lại để cứu)",
}


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    label: str
    size: int

    @property
    def automatic(self) -> bool:
        return self.label.startswith(AUTO_PREFIX)

    @property
    def description(self) -> str:
        for key, text in LABELS.items():
            if self.label == key or self.label.startswith(f"{key}-"):
                return text
        return self.label

    def to_json(self) -> dict:
        return {
            "path": str(self.path),
            "file": self.path.name,
            "created": self.created.isoformat(),
            "label": self.label,
            "description": self.description,
            "size": self.size,
        }


def backups_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR_NAME


def backup_info(path: Path) -> BackupInfo | None:
    m = _NAME.match(path.name)
    if not m or not path.is_file():
        return None
    created = datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S")
    return BackupInfo(path, created, m["label"], path.stat().st_size)


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in ``folder`` (a data folder's ``backups`` or a stick's), newest first."""
    if not folder.is_dir():
        return []
    infos = [i for p in folder.glob(f"{DB_STEM}-*.sqlite3") if (i := backup_info(p))]
    return sorted(infos, key=lambda i: (i.created, _sequence(i.path)), reverse=True)


def _sequence(path: Path) -> int:
    """The ``-n`` a name gets when another backup was made in the same second."""
    m = _NAME.match(path.name)
    return int(m["n"]) if m and m["n"] else 1


def blob_index(db: Path) -> list[tuple[str, int]]:
    con = connect_read_only(db, immutable=True)
    try:
        return list(con.execute("SELECT sha256, size FROM blob ORDER BY sha256"))
    finally:
        con.close()
