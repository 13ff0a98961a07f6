"""Remove a former commune's history imported by mistake, without destroying it.

The history folder ``<data>/lich-su/<slug>/`` is MOVED (one rename on the same volume:
either it moves whole or nothing moves) to ``<data>/lich-su-da-xoa/<slug>-<YYYYmmdd-HHMMSS>/``,
outside ``lich-su``: the unit list, the comparison and the data folder's backups (which
carry only ``lich-su/*``) no longer see it, and ``restore_removed`` puts it back. The
merged commune's database, including its list of former communes, is not touched.

Standard library only, like ``store``.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from base.errors import DataDirError, NotFoundError, ValidationError
from base.os_reason import os_reason
from db.dbfile import DB_FILE_NAME, connect_read_only
from desktop.core.history.store import (
    HISTORY_DIR_NAME,
    HistoryInfo,
    history_root,
    list_histories,
    read_history,
)
from desktop.core.office.text import fold

REMOVED_DIR_NAME = "lich-su-da-xoa"
STAMP = "%Y%m%d-%H%M%S"
_REMOVED = re.compile(r"^(?P<slug>[a-z0-9][a-z0-9-]*?)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?$")
UNCHANGED = "Chưa thay đổi gì."


def removed_root(data_dir: Path) -> Path:
    return data_dir / REMOVED_DIR_NAME


@dataclass(frozen=True)
class RemovedHistory:
    """A history folder kept in ``lich-su-da-xoa`` (``info``: what it holds, None when its
    database cannot be read)."""

    slug: str  # its folder name under lich-su/, where restoring puts it back
    folder: Path  # where it is kept now
    removed_at: datetime
    info: HistoryInfo | None

    @property
    def name(self) -> str:
        return self.info.name if self.info else self.slug

    @property
    def display_name(self) -> str:
        return self.info.display_name if self.info else f"Thư mục {self.slug}"

    def summary(self) -> str:
        return self.info.summary() if self.info else "không đọc được dữ liệu"

    def to_json(self) -> dict:
        held = self.info.to_json() if self.info else {}
        return {
            **held,
            "name": self.name,
            "slug": self.slug,
            "folder": str(self.folder),
            "folder_name": self.folder.name,
            "original_folder": str(self.folder.parent.parent / HISTORY_DIR_NAME / self.slug),
            "removed_at": self.removed_at.isoformat(timespec="seconds"),
            "readable": self.info is not None,
        }


@dataclass(frozen=True)
class RestoredHistory:
    name: str
    folder: Path  # back under lich-su/
    removed_folder: Path  # where it was kept
    info: HistoryInfo | None

    def to_json(self) -> dict:
        held = self.info.to_json() if self.info else {}
        return {
            **held,
            "name": self.name,
            "folder": str(self.folder),
            "removed_folder": str(self.removed_folder),
        }


def _merged_name(data_dir: Path) -> str:
    try:
        con = connect_read_only(data_dir / DB_FILE_NAME)
        try:
            row = con.execute("SELECT commune_name FROM commune_profile WHERE id = 1").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return ""
    return row[0] if row else ""


def _names(items) -> str:
    return ", ".join(h.name for h in items)


def _is_path(text: str) -> bool:
    return "/" in text or "\\" in text or Path(text).is_absolute()


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def find_history_to_remove(data_dir: Path, name_or_folder: str | Path) -> HistoryInfo:
    """The history named (its commune's name, ``Xã …``, its folder name) or the history
    folder given; refuses anything else with the reason."""
    histories = [h for h in list_histories(data_dir) if not h.folder.name.startswith(".")]
    text = " ".join(str(name_or_folder).split())
    merged = _merged_name(data_dir)
    known = (
        f"Lịch sử xã cũ đã nhập: {_names(histories)}."
        if histories
        else "Chưa nhập lịch sử xã cũ nào."
    )
    if isinstance(name_or_folder, Path) or _is_path(text):
        path = Path(name_or_folder)
        found = next((h for h in histories if _same(h.folder, path)), None)
        if found is not None:
            return found
        root = history_root(data_dir)
        if _same(path, data_dir) or _same(path, root) or not _same(path.parent, root):
            own = f" của xã hiện tại {merged}" if merged else ""
            raise ValidationError(
                f"{path} không phải thư mục lịch sử của một xã cũ: chỉ xóa được thư mục lịch "
                f"sử nằm trong {root}, không bao giờ xóa dữ liệu{own} hay thư mục khác. "
                f"{known} {UNCHANGED}"
            )
        raise NotFoundError(
            f"Thư mục {path} không chứa lịch sử xã cũ đọc được. {known} {UNCHANGED}"
        )
    if not text:
        raise ValidationError(f"Chưa ghi tên xã cũ cần xóa lịch sử. {known} {UNCHANGED}")
    key = fold(text)
    for h in histories:
        if key in (h.key, fold(h.display_name)) or text == h.folder.name:
            return h
    if merged and key.removeprefix("xa ").removeprefix("phuong ") == fold(merged):
        raise ValidationError(
            f"Xã {merged} là xã hiện tại (xã sau sáp nhập), không phải lịch sử của một xã cũ: "
            f"chỉ xóa được lịch sử xã cũ đã nhập. {known} {UNCHANGED}"
        )
    raise NotFoundError(f"Không có lịch sử xã cũ nào tên “{text}”. {known} {UNCHANGED}")


def _free(folder: Path) -> Path:
    n, target = 1, folder
    while target.exists():
        n += 1
        target = folder.with_name(f"{folder.name}-{n}")
    return target


def remove_history(
    data_dir: Path, name_or_folder: str | Path, *, now: datetime | None = None
) -> RemovedHistory:
    """Move a former commune's history folder to ``lich-su-da-xoa`` (see the module)."""
    info = find_history_to_remove(data_dir, name_or_folder)
    when = (now or datetime.now()).replace(microsecond=0)
    trash = removed_root(data_dir)
    target = _free(trash / f"{info.folder.name}-{when:{STAMP}}")
    made = not trash.exists()
    try:
        trash.mkdir(parents=True, exist_ok=True)
        info.folder.rename(target)  # same volume: atomic; if it fails nothing moved
    except OSError as exc:
        if made:
            with suppress(OSError):
                trash.rmdir()
        raise DataDirError(
            f"Không xóa được lịch sử xã cũ {info.name}: {os_reason(exc)}. Lịch sử vẫn ở nguyên "
            f"chỗ cũ ({info.folder}). {UNCHANGED}"
        ) from exc
    return RemovedHistory(info.folder.name, target, when, replace(info, folder=target))


def _read_removed(folder: Path) -> RemovedHistory | None:
    m = _REMOVED.match(folder.name)
    if m is None or not folder.is_dir():
        return None
    try:
        when = datetime.strptime(m["stamp"], STAMP)
    except ValueError:
        return None
    return RemovedHistory(m["slug"], folder, when, read_history(folder))


def has_removed(data_dir: Path) -> bool:
    """Whether any removed history is kept (without reading them: the window asks)."""
    root = removed_root(data_dir)
    try:
        return root.is_dir() and any(_REMOVED.match(p.name) for p in root.iterdir())
    except OSError:
        return False


def list_removed(data_dir: Path) -> list[RemovedHistory]:
    """The histories kept in ``lich-su-da-xoa``, the last removed first."""
    root = removed_root(data_dir)
    if not root.is_dir():
        return []
    found = [r for p in root.iterdir() if (r := _read_removed(p))]
    return sorted(found, key=lambda r: (r.removed_at, r.folder.name), reverse=True)


def _find_removed(data_dir: Path, which: str | Path) -> RemovedHistory:
    removed = list_removed(data_dir)
    text = str(which).strip()
    if isinstance(which, Path) or _is_path(text):
        found = [r for r in removed if _same(r.folder, Path(text))]
    else:
        found = [r for r in removed if r.folder.name == text] or [
            r for r in removed if fold(text) in (fold(r.name), fold(r.display_name))
        ]
    if len(found) == 1:
        return found[0]
    if found:
        raise ValidationError(
            f"Xã {found[0].name} có {len(found)} bản lịch sử đã xóa: hãy ghi tên thư mục "
            f"của bản cần khôi phục ({', '.join(r.folder.name for r in found)}). {UNCHANGED}"
        )
    kept = (
        "Các bản đã xóa: " + "; ".join(f"{r.folder.name} (xã {r.name})" for r in removed) + "."
        if removed
        else f"Chưa có lịch sử nào đã xóa (thư mục {removed_root(data_dir)})."
    )
    raise NotFoundError(f"Không có lịch sử đã xóa nào là “{text}”. {kept} {UNCHANGED}")


def restore_removed(data_dir: Path, removed_folder: str | Path) -> RestoredHistory:
    """Put a removed history back under ``lich-su`` (refused while a history of that
    commune, or that folder, exists again, or while another program works in the folder)."""
    from desktop.core.folderlock import folder_alone

    with folder_alone(data_dir, "khôi phục lịch sử đã xóa"):
        return _restore_removed(data_dir, removed_folder)


def _restore_removed(data_dir: Path, removed_folder: str | Path) -> RestoredHistory:
    r = _find_removed(data_dir, removed_folder)
    target = history_root(data_dir) / r.slug
    again = next(
        (
            h
            for h in list_histories(data_dir)
            if h.folder.name == r.slug or (r.info is not None and h.key == r.info.key)
        ),
        None,
    )
    if again is not None:
        raise ValidationError(
            f"Đã có lịch sử của xã cũ {again.name} ({again.summary()}), có lẽ được nhập lại "
            f"sau khi xóa: không khôi phục đè lên. Nếu muốn dùng bản đã xóa "
            f"{r.folder.name}, hãy xóa lịch sử hiện có trước. {UNCHANGED}"
        )
    try:
        if target.is_dir() and not any(target.iterdir()):
            target.rmdir()  # an empty folder left behind: not a history
        if target.exists():
            raise ValidationError(
                f"Thư mục {target} đã có (không phải lịch sử đọc được): không khôi phục đè "
                f"lên. Hãy chạy Kiểm tra dữ liệu. {UNCHANGED}"
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        r.folder.rename(target)
    except OSError as exc:
        raise DataDirError(
            f"Không khôi phục được lịch sử xã cũ {r.name}: {os_reason(exc)}. Bản đã xóa vẫn ở "
            f"{r.folder}. {UNCHANGED}"
        ) from exc
    with suppress(OSError):
        r.folder.parent.rmdir()  # the last one restored: no empty lich-su-da-xoa left
    return RestoredHistory(r.name, target, r.folder, read_history(target))
