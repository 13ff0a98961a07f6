"""History folders: Windows-safe names, and a former commune's history opened read-only."""

from __future__ import annotations

import pytest

from desktop.core.history.readonly import HistoryReadOnlyError, open_read_only
from desktop.core.history.store import list_histories, slug
from desktop.core.settings import get_setting, set_setting
from desktop.core.workspace import open_workspace
from desktop.core.years.profile import get_profile, save_profile


def test_slug_is_a_safe_folder_name() -> None:
    assert slug("Hồng Phong") == "hong-phong"
    assert slug("  Đồng   Tâm (cũ) ") == "dong-tam-cu"
    assert slug("Con") == "xa-con"  # CON is a device name on Windows
    assert slug("///") == "xa"
    assert len(slug("Xã " + "rất dài " * 20)) <= 60


def test_read_only_history_allows_only_its_settings(tmp_path) -> None:
    folder = tmp_path / "lich-su" / "hong-phong"
    ws = open_workspace(folder)
    with ws.transaction() as s:
        save_profile(s, commune_name="Hồng Phong", province="Hải Dương")
    ws.close()
    hws = open_read_only(folder, "Hồng Phong")
    try:
        with hws.transaction() as s:
            set_setting(s, "last_year", "2023")  # the year shown may change
        with pytest.raises(HistoryReadOnlyError, match="chưa thay đổi gì"), hws.transaction() as s:
            save_profile(s, commune_name="Khác", province="Hải Dương")
        with hws.session() as s:
            assert get_profile(s).commune_name == "Hồng Phong"
            assert get_setting(s, "last_year") == "2023"
    finally:
        hws.close()
    (info,) = list_histories(tmp_path)
    assert (info.name, info.years, info.documents) == ("Hồng Phong", (), 0)


def test_read_only_history_adds_no_file_and_exports_no_bundle(tmp_path) -> None:
    from desktop.core.bundle.export import export_bundle
    from desktop.core.bundle.plan import ExportScope

    folder = tmp_path / "lich-su" / "hong-phong"
    ws = open_workspace(folder)
    with ws.transaction() as s:
        save_profile(s, commune_name="Hồng Phong", province="Hải Dương")
    ws.close()
    scan = tmp_path / "quyet-dinh.pdf"
    scan.write_bytes(b"%PDF-1.4 quyet dinh")
    usb = tmp_path / "usb"
    usb.mkdir()
    hws = open_read_only(folder, "Hồng Phong")
    try:
        with pytest.raises(HistoryReadOnlyError, match="Hồng Phong"):
            hws.store.put_file(scan)
        with pytest.raises(HistoryReadOnlyError, match="chỉ xem"):
            export_bundle(hws, ExportScope(2023), usb)
    finally:
        hws.close()
    assert list(hws.store.iter_stored()) == []  # nothing written into the history's store
    assert list(usb.iterdir()) == []  # nor onto the stick


def test_read_only_history_refuses_plain_sql_writes_too(tmp_path) -> None:
    """The report register writes in plain SQL through the session: refused the same way,
    however many times the same statement runs."""
    from desktop.core.report.store import create_index_report, report_info, save_section

    folder = tmp_path / "lich-su" / "hong-phong"
    ws = open_workspace(folder)
    with ws.transaction() as s:
        save_profile(s, commune_name="Hồng Phong", province="Hải Dương")
        rid = create_index_report(s, index_year=2023, period=None).report.id
    ws.close()
    hws = open_read_only(folder, "Hồng Phong")
    try:
        for _ in range(2):
            with pytest.raises(HistoryReadOnlyError, match="chỉ xem"), hws.transaction() as s:
                save_section(s, rid, "mo_dau", "", "Sửa khi đang xem lịch sử")
        with hws.session() as s:
            assert report_info(s, rid).section("mo_dau").text != "Sửa khi đang xem lịch sử"
            assert report_info(s, rid).status == "draft"
    finally:
        hws.close()


def test_a_backup_being_unpacked_is_not_listed_as_a_history(tmp_path) -> None:
    data = tmp_path / "du-lieu"
    for folder in (data / "lich-su" / "hong-phong", data / "lich-su" / ".tam-1a2b3c4d"):
        ws = open_workspace(folder)
        with ws.transaction() as s:
            save_profile(s, commune_name="Hồng Phong", province="Hải Dương")
        ws.close()
    assert [h.folder.name for h in list_histories(data)] == ["hong-phong"]
