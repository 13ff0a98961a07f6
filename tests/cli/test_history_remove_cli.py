"""``cchc history remove|removed|restore-removed``: a former commune's history imported by
mistake is removed only with ``--yes``, kept in ``lich-su-da-xoa`` and put back on demand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from history_fixtures import make_history

from desktop.core.history.store import history_dir


@pytest.fixture
def merged(cli, data_dir: Path) -> Path:
    r = cli(
        *("init", "--commune", "Tân Hưng", "--province", "Hải Phòng", "--year", "2025"),
        *("--former-commune", "Hồng Phong", "--former-commune", "Đồng Tâm"),
    )
    assert r.code == 0, r.err
    make_history(data_dir, "Hồng Phong", (2023, 2024))
    make_history(data_dir, "Đồng Tâm", (2024,))
    return data_dir


def _histories(cli) -> list[tuple[str, bool]]:
    rows = cli("history", "list", "--json").json()["former_communes"]
    return [(r["name"], r["history"] is not None) for r in rows]


def test_remove_asks_for_yes_then_keeps_it_and_restores_it(cli, merged: Path) -> None:
    folder = history_dir(merged, "Hồng Phong")
    r = cli("history", "remove", "Hồng Phong")
    assert r.code == 1
    assert r.out == (
        "Sẽ xóa lịch sử xã cũ Hồng Phong (năm 2023, 2024; 2 tài liệu, 2 tệp, 0 điểm tự chấm, "
        f"0 điểm thẩm định), ở {folder}.\n"
    )
    assert r.err == (
        "Lỗi: Chưa xóa: thêm --yes để xác nhận xóa lịch sử xã cũ Hồng Phong. Lịch sử được "
        "chuyển vào thư mục lich-su-da-xoa trong thư mục dữ liệu, khôi phục được bằng cchc "
        "history restore-removed.\n"
    )
    assert folder.is_dir() and _histories(cli) == [("Hồng Phong", True), ("Đồng Tâm", True)]

    r = cli("history", "remove", "Hồng Phong", "--yes")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0] == (
        "Đã xóa lịch sử xã cũ Hồng Phong (năm 2023, 2024; 2 tài liệu, 2 tệp, 0 điểm tự chấm, "
        "0 điểm thẩm định)."
    )
    m = re.fullmatch(r"Dữ liệu được giữ ở (.+)\.", lines[1])
    kept = Path(m[1])
    assert kept.parent == merged / "lich-su-da-xoa" and kept.is_dir() and not folder.exists()
    assert re.fullmatch(r"hong-phong-\d{8}-\d{6}", kept.name)
    assert lines[2] == f"Khôi phục: cchc history restore-removed {kept.name}"
    # still a former commune of Tân Hưng, just without history
    assert _histories(cli) == [("Hồng Phong", False), ("Đồng Tâm", True)]
    r = cli("history", "list")
    assert r.out.splitlines()[0] == "Xã Hồng Phong: chưa nhập lịch sử."

    r = cli("history", "removed")
    assert r.code == 0
    first, hint = r.out.splitlines()
    assert re.fullmatch(
        rf"{kept.name}: xã Hồng Phong, xóa lúc \d\d/\d\d/\d{{4}} \d\d:\d\d; năm 2023, 2024; "
        r"2 tài liệu, 2 tệp, 0 điểm tự chấm, 0 điểm thẩm định\.",
        first,
    )
    assert hint == "Khôi phục: cchc history restore-removed TÊN_THƯ_MỤC"

    r = cli("history", "restore-removed", kept.name)
    assert r.code == 0, r.err
    assert r.out == (
        "Đã khôi phục lịch sử xã cũ Hồng Phong (năm 2023, 2024; 2 tài liệu, 2 tệp, 0 điểm tự "
        f"chấm, 0 điểm thẩm định) vào {folder}.\n"
    )
    assert _histories(cli) == [("Hồng Phong", True), ("Đồng Tâm", True)]
    assert cli("history", "removed").out == "Chưa có lịch sử xã cũ nào đã xóa.\n"


def test_json_keys(cli, merged: Path) -> None:
    r = cli("history", "remove", "Đồng Tâm", "--json")
    assert r.code == 1 and "thêm --yes" in r.err
    doc = r.json()
    assert doc["removed"] is False and "thêm --yes" in doc["message"]
    assert (doc["name"], doc["years"], doc["documents"], doc["files"]) == ("Đồng Tâm", [2024], 1, 1)
    assert doc["folder"] == str(history_dir(merged, "Đồng Tâm"))

    doc = cli("history", "remove", "Đồng Tâm", "--yes", "--json").json()
    assert set(doc) >= {
        "removed",
        "name",
        "slug",
        "folder",
        "folder_name",
        "original_folder",
        "removed_at",
        "years",
        "documents",
        "files",
        "scores",
        "results",
        "reports",
    }
    assert doc["removed"] is True and doc["slug"] == "dong-tam" and doc["years"] == [2024]
    assert doc["original_folder"] == str(history_dir(merged, "Đồng Tâm"))
    assert Path(doc["folder"]).parent == merged / "lich-su-da-xoa"

    listed = cli("history", "removed", "--json").json()["removed"]
    assert [(x["folder_name"], x["name"], x["documents"]) for x in listed] == [
        (doc["folder_name"], "Đồng Tâm", 1)
    ]
    assert listed[0]["removed_at"] == doc["removed_at"]

    back = cli("history", "restore-removed", doc["folder_name"], "--json").json()
    assert back["restored"] is True and back["name"] == "Đồng Tâm"
    assert back["folder"] == doc["original_folder"] and back["removed_folder"] == doc["folder"]
    assert cli("history", "removed", "--json").json() == {"removed": []}


def test_refusals_change_nothing(cli, merged: Path) -> None:
    r = cli("history", "remove", "Tân Hưng", "--yes")
    assert r.code == 1 and r.err.startswith(
        "Lỗi: Xã Tân Hưng là xã hiện tại (xã sau sáp nhập), không phải lịch sử của một xã cũ"
    )
    r = cli("history", "remove", "Hà Nam", "--yes")
    assert r.code == 1 and r.err == (
        "Lỗi: Không có lịch sử xã cũ nào tên “Hà Nam”. Lịch sử xã cũ đã nhập: Hồng Phong, "
        "Đồng Tâm. Chưa thay đổi gì.\n"
    )
    r = cli("history", "remove", str(merged), "--yes")
    assert r.code == 1 and "không phải thư mục lịch sử của một xã cũ" in r.err
    r = cli("history", "restore-removed", "hong-phong-20250101-000000")
    assert r.code == 1 and "Chưa có lịch sử nào đã xóa" in r.err
    assert _histories(cli) == [("Hồng Phong", True), ("Đồng Tâm", True)]
    assert not (merged / "lich-su-da-xoa").exists()

    removed = cli("history", "remove", "Hồng Phong", "--yes", "--json").json()
    make_history(merged, "Hồng Phong", (2025,))  # the right data imported since
    r = cli("history", "restore-removed", removed["folder_name"])
    assert r.code == 1 and r.err.startswith(
        "Lỗi: Đã có lịch sử của xã cũ Hồng Phong (năm 2025; 1 tài liệu, 1 tệp"
    )
    assert Path(removed["folder"]).is_dir()
