"""Open a stored file in its default program (PDF reader, Word ...).

The blob is copied to a per-user temp folder under its original (Windows-safe) name, so
the program shows a meaningful name and edits never touch the store.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from base.errors import FileStoreError
from base.os_reason import os_reason
from db.filestore import FileStore

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


def viewing_name(original: str) -> str:
    name = _FORBIDDEN.sub("_", original).strip(" .") or "tep"
    stem, dot, ext = name.partition(".")
    if stem.upper() in _RESERVED:
        name = f"_{name}"
    return name[-150:]


def materialise(store: FileStore, sha256: str, original_name: str) -> Path:
    folder = Path(tempfile.gettempdir()) / "SoCCHC-xem" / sha256[:16]
    target = folder / viewing_name(original_name)
    if target.is_file() and target.stat().st_size == store.path_for(sha256).stat().st_size:
        return target
    with store.open_blob(sha256, original_name) as src:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as out:
                shutil.copyfileobj(src, out)
        except OSError as exc:
            raise FileStoreError(
                f"Không chép được tệp {original_name} ra thư mục tạm để mở: {os_reason(exc)}."
            ) from exc
    return target


def open_stored_file(store: FileStore, sha256: str, original_name: str) -> Path:
    """Raises MissingBlobError (Vietnamese message) when the file is gone from the store."""
    path = materialise(store, sha256, original_name)
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        raise FileStoreError(f"Không có chương trình nào mở được tệp {original_name} trên máy này.")
    return path
