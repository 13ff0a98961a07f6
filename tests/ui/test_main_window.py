"""The GUI shell as the officer uses it: tree, banner, details, years, filter, profile."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.core.catalog.store import load_builtin
from desktop.core.workspace import open_workspace
from desktop.core.years.profile import save_profile
from desktop.ui.main_window import MainWindow


@pytest.fixture
def filled(data_dir: Path):
    ws = open_workspace(data_dir)
    with ws.transaction() as s:
        save_profile(s, commune_name="Đồng Tâm", district="Ninh Giang", province="Hải Dương")
        load_builtin(s, 2022)
        load_builtin(s, 2023, "mau-minh-hoa")
    yield ws
    ws.close()


@pytest.fixture
def window(show_window, filled):
    return show_window(filled)


def test_tree_shows_latest_year_with_points_and_status_bar(window) -> None:
    rows = window.tree.row_texts()
    assert window.year == 2023
    assert rows[0][:3] == ("1", "Công tác chỉ đạo, điều hành cải cách hành chính", "15")
    assert ("3", "Cải cách thủ tục hành chính", "18,5", "", "") in rows
    assert "Xã Đồng Tâm, Ninh Giang, Hải Dương" in window.status_commune.text()
    assert "Năm 2023" in window.status_year.text()
    assert "Đồng Tâm" in window.windowTitle()
    assert "không phải bộ chính thức" in window.banner.text()


def test_switching_year_shows_incomplete_catalog_banner(window, qtbot) -> None:
    with qtbot.waitSignal(window.dataShown):
        window.year_combo.setCurrentIndex(window.year_combo.findData(2022))
    assert window.year == 2022
    assert [r[0] for r in window.tree.row_texts()] == [str(i) for i in range(1, 11)]
    assert window.banner.isVisible()
    assert "chưa đầy đủ" in window.banner.text() and "Chưa có tiêu chí" in window.banner.text()
    # the choice is remembered for next start
    w2 = MainWindow(window.ws)
    qtbot.addWidget(w2)
    w2.load()
    assert w2.year == 2022


def test_selecting_a_node_shows_its_details(window, qtbot) -> None:
    by_code = {n.code: n.id for n in window.overview.catalog.nodes}
    assert window.tree.select_node(by_code["3.5.1"])
    html = window.pane.toPlainText()
    assert "Tiêu chí thành phần 3.5.1" in html
    assert "Tỷ lệ TTHC được giải quyết đúng hạn" in html
    assert "Điểm tối đa: 3" in html
    assert "100%: 3 điểm" in html  # scoring guide
    window.tree.select_node(by_code["9"])
    assert "xã không tự chấm" in window.pane.toPlainText()


def test_filter_ignores_diacritics_and_keyboard_shortcut(window, qtbot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.tree.filter.hasFocus()
    qtbot.keyClicks(window.tree.filter, "thu tuc hanh chinh")
    codes = [r[0] for r in window.tree.row_texts()]
    assert "3" in codes and "3.5" in codes and "3.5.1" in codes
    assert "2" not in codes and "5.4.3.4" not in codes


def test_add_year_loads_builtin_catalog(window, qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "exec", lambda self: 1)
    monkeypatch.setattr(QInputDialog, "intValue", lambda self: 2026)
    with qtbot.waitSignal(window.dataShown):
        window.act_add_year.trigger()
    assert window.year == 2026
    assert [window.year_combo.itemText(i) for i in range(window.year_combo.count())] == [
        "2022",
        "2023",
        "2026",
    ]
    assert "01/7/2025" in window.banner.text()


def test_empty_data_folder_says_what_to_do(qtbot, ws) -> None:
    w = MainWindow(ws)
    qtbot.addWidget(w)
    w.load()
    assert w.tree.row_texts() == []
    assert "Chưa có hồ sơ xã" in w.status_commune.text()
    assert "Chưa có năm đánh giá" in w.banner.text()


def test_integrity_check_runs_in_background_and_reports(window, qtbot, boxes) -> None:
    job = window.run_integrity_check()
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    assert window.last_check is not None and window.last_check.ok
    assert boxes.texts and "Dữ liệu nguyên vẹn" in boxes.texts[-1]


def test_screens_are_built_on_first_show_and_refreshed(window, qtbot, monkeypatch) -> None:
    """A screen module is imported only when its tab opens, then follows year changes."""
    import sys
    import types

    from PySide6.QtWidgets import QLabel

    from desktop.ui import tabs as tabs_mod

    calls: list[int | None] = []

    class FakeScreen(QLabel):
        def __init__(self, win) -> None:
            super().__init__("màn hình thử")
            self.win = win

        def refresh(self) -> None:
            calls.append(self.win.year)

    mod = types.ModuleType("fake_screen_mod")
    mod.FakeScreen = FakeScreen
    monkeypatch.setitem(sys.modules, "fake_screen_mod", mod)
    index = window.screens.add(tabs_mod.TabSpec("Thử", "fake_screen_mod", "FakeScreen"))
    assert calls == []
    window.tabs.setCurrentIndex(index)
    assert isinstance(window.tabs.widget(index), FakeScreen) and calls == [2023]
    with qtbot.waitSignal(window.dataShown):
        window.year_combo.setCurrentIndex(window.year_combo.findData(2022))
    assert calls == [2023, 2022]
    assert window.screens.open("FakeScreen") is window.tabs.widget(index)


def test_backup_after_an_import_runs_in_the_background(window, qtbot) -> None:
    from desktop.core.backup.files import backups_dir, list_backups

    job = window.backup_after_import()
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    backups = list_backups(backups_dir(window.ws.data_dir))
    assert [b.label for b in backups] == ["tu-dong-sau-nhap"]
    assert "Đã tự sao lưu sau khi nhập" in window.statusBar().currentMessage()
