"""The "Đơn vị" selector (merged commune / a former commune's history), the comparison tab
and Tệp → Nhập lịch sử xã cũ… as the officer uses them."""

from __future__ import annotations

from pathlib import Path

import pytest
from history_fixtures import formers_fixture, merged_commune, snapshot  # noqa: F401
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.core.history.importer import apply_history_import, plan_history_import
from desktop.core.history.readonly import HistoryReadOnlyError
from desktop.core.history.store import history_dir
from desktop.core.workspace import open_workspace
from desktop.core.years.profile import save_profile


def _import(ws, bundle: Path, **flags) -> None:
    apply_history_import(ws, plan_history_import(ws, bundle), **flags)


@pytest.fixture
def merged(data_dir: Path, formers):
    merged_commune(data_dir, "Hồng Phong", "Đồng Tâm")
    ws = open_workspace(data_dir)
    for f in formers.values():
        for bundle in f.bundles.values():
            _import(ws, bundle)
    yield ws
    ws.close()


@pytest.fixture
def window(show_window, merged):
    w = show_window(merged)
    yield w
    w.units.close()


def _items(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_selector_shows_a_former_commune_in_the_existing_screens(window, qtbot, data_dir, boxes):
    units = window.units
    assert _items(units.combo) == [
        "Xã Tân Hưng (hiện tại)",
        "Xã Hồng Phong (xã cũ)",
        "Xã Đồng Tâm (xã cũ)",
    ]
    with qtbot.waitSignal(window.dataShown):
        units.combo.setCurrentIndex(2)
    folder = history_dir(data_dir, "Đồng Tâm")
    assert window.ws.data_dir == folder and window.year == 2024
    assert window.windowTitle() == "Sổ CCHC – Xã Đồng Tâm – năm 2024 (xã cũ – lịch sử, chỉ xem)"
    assert window.status_commune.text() == (
        "LỊCH SỬ XÃ CŨ (chỉ xem): Xã Đồng Tâm, Thanh Miện, Hải Dương · "
        "Cơ quan thẩm định năm 2024: UBND huyện Thanh Miện"
    )
    assert not window.act_add_doc.isEnabled() and not window.safety.act_restore.isEnabled()
    assert units.banner.isVisible() and "Đang xem lịch sử xã cũ Đồng Tâm (chỉ xem)" in (
        units.banner_text.text()
    )
    register = window.screens.open("RegisterTab")
    assert sorted((r.number, r.summary) for r in register.model.rows) == [
        ("05/KH-UBND", "Kế hoạch CCHC năm 2024 của xã Đồng Tâm"),
        ("30/QĐ-UBND", "Quyết định kiện toàn bộ phận một cửa 2024"),
        ("41/TB-UBND", "Thông báo niêm yết TTHC 2024 (Đồng Tâm)"),
    ]
    results = window.screens.open("ResultsTab")
    assert any(r[-2:] == ("11,84", "9/19") or "11,84" in r for r in results.row_texts())
    with qtbot.waitSignal(window.dataShown):  # changing year is allowed (a setting only)
        window.year_combo.setCurrentIndex(window.year_combo.findData(2023))
    assert window.year == 2023
    before = snapshot(folder)
    # the screens' own "Thêm…" / "Xóa": the reason at once, no dialog filled in for nothing
    from desktop.ui.evidence import actions

    assert actions.add_documents(window) is None
    assert actions.delete_documents(window, window, register.model.rows[:1]) is False
    assert [t for t, _ in boxes.shown] == ["Chỉ xem", "Chỉ xem"]
    assert "Đang xem lịch sử xã cũ Đồng Tâm (chỉ xem)" in boxes.shown[0][1]
    refused = pytest.raises(HistoryReadOnlyError, match="Đang xem lịch sử xã cũ Đồng Tâm")
    with refused, window.ws.transaction() as s:
        save_profile(s, commune_name="Sửa nhầm", province="Hải Dương")
    assert snapshot(folder) == before

    with qtbot.waitSignal(window.dataShown):
        units.back_button.click()  # "Về xã hiện tại" on the banner
    assert units.combo.currentIndex() == 0 and not units.banner.isVisible()
    assert window.ws is units.main_ws and window.act_add_doc.isEnabled()
    assert window.windowTitle() == "Sổ CCHC – Xã Tân Hưng – năm 2025"
    assert "LỊCH SỬ" not in window.status_commune.text()
    assert window.screens.open("RegisterTab").model.rows == []
    # switched from elsewhere than the box: the box follows
    with qtbot.waitSignal(window.dataShown):
        units.show_unit(units.histories[0].folder)
    assert units.combo.currentText() == f"{units.histories[0].display_name} (xã cũ)"


def test_compare_tab(window):
    tab = window.screens.open("HistoryCompareTab")
    rows = tab.row_texts()
    assert [r[:4] for r in rows] == [
        ("Xã Hồng Phong (xã cũ)", "2023", "90,963/100", "9/20"),
        ("Xã Hồng Phong (xã cũ)", "2024", "90,963/100", "9/20"),
        ("Xã Đồng Tâm (xã cũ)", "2023", "87,75/100", "9/20"),
        ("Xã Đồng Tâm (xã cũ)", "2024", "87,75/100", "9/20"),
        ("Xã Tân Hưng (hiện tại)", "2025", "chưa có", ""),
    ]
    headers = [c.header for c in tab.model.columns]
    assert headers[4:7] == ["LV 1", "LV 2", "LV 3"] and headers[-1] == "Cơ quan thẩm định"
    assert rows[0][4] == "11,5 (9/19)" and rows[2][4] == "11,84 (9/19)"
    assert rows[2][-1] == "UBND huyện Thanh Miện"
    assert "1. Công tác chỉ đạo, điều hành cải cách hành chính" in tab.legend.text()
    tip = tab.model.columns[4].tooltip(tab.model.rows[2])
    assert (
        tip
        == "Lĩnh vực 1. Công tác chỉ đạo, điều hành cải cách hành chính: 11,84/15, xếp hạng 9/19"
    )


def test_import_from_the_menu_asks_then_imports(
    show_window, data_dir, formers, qtbot, boxes, monkeypatch
):
    merged_commune(data_dir, "Hồng Phong")
    ws = open_workspace(data_dir)
    window = show_window(ws)
    units = window.units
    assert not units.combo.isVisible()  # no history yet: no selector, no comparison tab
    compare = window.screens.index_of("HistoryCompareTab")
    assert not window.tabs.isTabVisible(compare)
    bundle = formers["Đồng Tâm"].bundles[2023]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bundle), ""))

    boxes.answer = QMessageBox.StandardButton.No
    units.import_history()
    qtbot.waitUntil(
        lambda: "chưa thay đổi gì" in window.statusBar().currentMessage(), timeout=10000
    )
    assert "không có trong danh sách xã cũ đã sáp nhập vào Xã Tân Hưng" in boxes.texts[0]
    assert boxes.texts[0].endswith(
        "Xác nhận xã Đồng Tâm là xã cũ (thêm vào danh sách) và nhập làm lịch sử?"
    )
    assert boxes.buttons == ["Có", "Không"]
    assert units.jobs == [] and not history_dir(data_dir, "Đồng Tâm").exists()

    boxes.answer = QMessageBox.StandardButton.Yes
    units.import_history()
    qtbot.waitUntil(lambda: len(units.jobs) == 1, timeout=10000)
    with qtbot.waitSignal(units.jobs[0].finished, timeout=10000):
        pass
    assert "Đã nhập lịch sử xã cũ Đồng Tâm (năm 2023): 3 tài liệu" in boxes.texts[-1]
    assert "Đã thêm xã Đồng Tâm vào danh sách xã cũ đã sáp nhập." in boxes.texts[-1]
    assert _items(units.combo) == ["Xã Tân Hưng (hiện tại)", "Xã Đồng Tâm (xã cũ)"]
    qtbot.waitUntil(units.combo.isVisible)  # the toolbar lays it out on the next pass
    assert window.tabs.isTabVisible(compare)
    ws.close()
