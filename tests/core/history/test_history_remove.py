"""Removing a former commune's history imported by mistake: the folder is moved whole to
``lich-su-da-xoa`` (never deleted), nothing else changes, and it can be put back."""

from __future__ import annotations

import errno
import hashlib
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from history_fixtures import make_history

from base.errors import CchcError, DataDirError
from db.dbfile import DB_FILE_NAME
from desktop.core.backup.histories import companions
from desktop.core.backup.store import create_backup
from desktop.core.history.remove import list_removed, remove_history, restore_removed
from desktop.core.history.store import history_dir, list_histories
from desktop.core.workspace import open_workspace
from desktop.core.years.profile import save_profile
from desktop.core.years.store import set_former_communes

NOW = datetime(2025, 11, 26, 9, 30, 5)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """Tân Hưng, merged from Hồng Phong (2023, 2024) and Đồng Tâm (2024)."""
    data_dir = tmp_path_factory.mktemp("mau") / "du-lieu"
    ws = open_workspace(data_dir)
    with ws.transaction() as s:
        save_profile(s, commune_name="Tân Hưng", province="Hải Phòng")
        set_former_communes(s, ["Hồng Phong", "Đồng Tâm"])
    ws.close()
    make_history(data_dir, "Hồng Phong", (2023, 2024))
    make_history(data_dir, "Đồng Tâm", (2024,))
    return data_dir


@pytest.fixture
def merged(template: Path, data_dir: Path) -> Path:
    shutil.copytree(template, data_dir)
    return data_dir


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative path → SHA-256 of its bytes), but the side
    files SQLite makes when a database is read."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(("-wal", "-shm"))
    }


def merged_rows(data_dir: Path) -> list[tuple]:
    con = sqlite3.connect(data_dir / DB_FILE_NAME)
    try:
        return con.execute(
            "SELECT 'profile', commune_name, province FROM commune_profile "
            "UNION ALL SELECT 'former', name, position FROM former_commune ORDER BY 1, 3"
        ).fetchall()
    finally:
        con.close()


def test_remove_moves_the_folder_whole_and_changes_nothing_else(merged: Path) -> None:
    data = merged
    folder = history_dir(data, "Hồng Phong")
    before, others, own = tree(folder), tree(history_dir(data, "Đồng Tâm")), merged_rows(data)

    r = remove_history(data, "Hồng Phong", now=NOW)

    assert r.folder == data / "lich-su-da-xoa" / "hong-phong-20251126-093005"
    assert (r.name, r.slug, r.removed_at) == ("Hồng Phong", "hong-phong", NOW)
    assert (r.info.years, r.info.documents, r.info.files) == ((2023, 2024), 2, 2)
    assert r.summary() == ("năm 2023, 2024; 2 tài liệu, 2 tệp, 0 điểm tự chấm, 0 điểm thẩm định")
    assert not folder.exists() and tree(r.folder) == before  # moved whole, not copied
    assert [h.name for h in list_histories(data)] == ["Đồng Tâm"]
    assert tree(history_dir(data, "Đồng Tâm")) == others
    # the merged commune's profile and its list of former communes stay as they were
    assert (
        merged_rows(data)
        == own
        == [
            ("former", "Hồng Phong", 0),
            ("former", "Đồng Tâm", 1),
            ("profile", "Tân Hưng", "Hải Phòng"),
        ]
    )
    (kept,) = list_removed(data)
    assert (kept.folder, kept.name, kept.removed_at) == (r.folder, "Hồng Phong", NOW)
    assert kept.to_json()["original_folder"] == str(folder)
    # a backup made now carries only the history still in lich-su
    ws = open_workspace(data)
    try:
        backup = create_backup(ws)
    finally:
        ws.close()
    assert list(companions(backup.path)) == ["dong-tam"]


def test_the_same_commune_removed_twice_in_a_second_keeps_both(merged: Path) -> None:
    first = remove_history(merged, "Xã Hồng Phong", now=NOW)  # as the unit list shows it
    make_history(merged, "Hồng Phong", (2025,))  # imported again, wrong again
    second = remove_history(merged, "hong-phong", now=NOW)  # by its folder name
    assert second.folder.name == "hong-phong-20251126-093005-2"
    assert second.info.years == (2025,) and first.info.years == (2023, 2024)
    assert {r.folder.name for r in list_removed(merged)} == {
        "hong-phong-20251126-093005",
        "hong-phong-20251126-093005-2",
    }
    with pytest.raises(CchcError, match="Xã Hồng Phong có 2 bản lịch sử đã xóa") as exc:
        restore_removed(merged, "Hồng Phong")
    assert "hong-phong-20251126-093005-2" in str(exc.value)
    restore_removed(merged, "hong-phong-20251126-093005")
    assert [(h.name, h.years) for h in list_histories(merged)] == [
        ("Hồng Phong", (2023, 2024)),
        ("Đồng Tâm", (2024,)),
    ]


@pytest.mark.parametrize(
    ("what", "message"),
    [
        ("Tân Hưng", "Xã Tân Hưng là xã hiện tại (xã sau sáp nhập), không phải lịch sử"),
        ("xã tân hưng", "Xã Tân Hưng là xã hiện tại"),
        ("Hà Nam", "Không có lịch sử xã cũ nào tên “Hà Nam”. Lịch sử xã cũ đã nhập: "),
        ("", "Chưa ghi tên xã cũ cần xóa lịch sử"),
        ("{data}", "không phải thư mục lịch sử của một xã cũ"),
        ("{data}/lich-su", "chỉ xóa được thư mục lịch sử nằm trong"),
        ("{data}/lich-su/hong-phong/files", "không bao giờ xóa dữ liệu của xã hiện tại Tân Hưng"),
        ("{data}/backups", "không phải thư mục lịch sử của một xã cũ"),
        ("{data}/lich-su/khong-co", "Thư mục"),
        ("{outside}", "không phải thư mục lịch sử của một xã cũ"),
    ],
)
def test_refused_and_nothing_changes(merged: Path, tmp_path: Path, what, message) -> None:
    outside = make_history(tmp_path / "xa-khac", "Hồng Phong")  # a lookalike elsewhere
    target = what.format(data=merged, outside=outside)
    before = tree(merged), tree(outside)
    with pytest.raises(CchcError, match="Chưa thay đổi gì") as exc:
        remove_history(merged, Path(target) if "{" in what else target)
    assert message in str(exc.value)
    if what == "Hà Nam":
        assert str(exc.value).endswith(
            "Lịch sử xã cũ đã nhập: Hồng Phong, Đồng Tâm. Chưa thay đổi gì."
        )
    assert (tree(merged), tree(outside)) == before
    assert not (merged / "lich-su-da-xoa").exists()


def test_restore_puts_it_back_unless_that_commune_has_history_again(merged: Path) -> None:
    before = tree(history_dir(merged, "Hồng Phong"))
    r = remove_history(merged, "Hồng Phong", now=NOW)
    back = restore_removed(merged, r.folder.name)
    assert back.folder == history_dir(merged, "Hồng Phong") and tree(back.folder) == before
    assert back.info.years == (2023, 2024) and back.removed_folder == r.folder
    assert [h.name for h in list_histories(merged)] == ["Hồng Phong", "Đồng Tâm"]
    assert list_removed(merged) == [] and not (merged / "lich-su-da-xoa").exists()

    r = remove_history(merged, "Hồng Phong", now=NOW)
    make_history(merged, "Hồng Phong", (2025,))  # the right file imported since
    again = tree(history_dir(merged, "Hồng Phong"))
    with pytest.raises(CchcError, match="Đã có lịch sử của xã cũ Hồng Phong") as exc:
        restore_removed(merged, r.folder)
    assert "(năm 2025; 1 tài liệu, 1 tệp" in str(exc.value)
    assert tree(history_dir(merged, "Hồng Phong")) == again and r.folder.is_dir()
    with pytest.raises(CchcError, match="Không có lịch sử đã xóa nào là “khong-co”") as exc:
        restore_removed(merged, "khong-co")
    assert "Các bản đã xóa: hong-phong-20251126-093005 (xã Hồng Phong)." in str(exc.value)


def test_an_os_error_leaves_the_history_where_it_was(merged: Path, monkeypatch) -> None:
    folder = history_dir(merged, "Đồng Tâm")
    before = tree(folder)
    real_rename = Path.rename

    def locked(self, target):
        exc = PermissionError(errno.EACCES, "Access is denied", str(self))
        exc.winerror = 32  # Windows: a file in the folder is open in another program
        raise exc

    monkeypatch.setattr(Path, "rename", locked)
    with pytest.raises(DataDirError) as exc:
        remove_history(merged, "Đồng Tâm")
    assert str(exc.value) == (
        "Không xóa được lịch sử xã cũ Đồng Tâm: tệp đang được mở trong chương trình khác "
        "(Word, Excel…); hãy đóng tệp rồi thử lại. Lịch sử vẫn ở nguyên chỗ cũ "
        f"({folder}). Chưa thay đổi gì."
    )
    assert tree(folder) == before and len(list_histories(merged)) == 2
    assert not (merged / "lich-su-da-xoa").exists()

    monkeypatch.setattr(Path, "rename", real_rename)
    r = remove_history(merged, "Đồng Tâm", now=NOW)

    def read_only(self, target):
        raise PermissionError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(Path, "rename", read_only)
    with pytest.raises(DataDirError, match="ổ đĩa chỉ đọc") as exc:
        restore_removed(merged, r.folder.name)
    assert f"Bản đã xóa vẫn ở {r.folder}." in str(exc.value)
    assert tree(r.folder) == before and not folder.exists()
