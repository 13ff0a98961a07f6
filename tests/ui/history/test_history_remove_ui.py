"""Tệp → Xóa lịch sử xã cũ… and Khôi phục lịch sử đã xóa… as the officer uses them: choose
the commune with the keyboard, answer Có/Không, and the unit list and comparison follow."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from history_fixtures import make_history
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from desktop.core.history.remove import list_removed
from desktop.core.history.store import history_dir
from desktop.core.workspace import open_workspace
from desktop.core.years.profile import save_profile
from desktop.core.years.store import set_former_communes


@pytest.fixture
def window(show_window, data_dir: Path):
    ws = open_workspace(data_dir)
    with ws.transaction() as s:
        save_profile(s, commune_name="Tân Hưng", province="Hải Phòng")
        set_former_communes(s, ["Hồng Phong", "Đồng Tâm"])
    make_history(data_dir, "Hồng Phong", (2023, 2024))
    make_history(data_dir, "Đồng Tâm", (2024,))
    w = show_window(ws)
    yield w
    w.units.close()
    ws.close()


def answer_picker(qtbot, units, *keys: Qt.Key) -> None:
    """Once the "which commune" dialog is up: press ``keys`` in its list, then Enter."""

    def answer() -> None:
        picker = units.picker
        if picker is None or not picker.isVisible():
            QTimer.singleShot(10, answer)  # not shown yet: look again
            return
        for key in keys:
            qtbot.keyClick(picker.list, key)
        qtbot.keyClick(picker.list, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)


def _items(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def _compared(window) -> set[str]:
    return {r[0] for r in window.screens.open("HistoryCompareTab").row_texts()}


def test_remove_asks_then_moves_it_and_restore_brings_it_back(
    window, qtbot, boxes, data_dir: Path
) -> None:
    units = window.units
    assert units.act_remove.isEnabled() and not units.act_restore_removed.isEnabled()
    assert "Xã Đồng Tâm (xã cũ)" in _compared(window)
    folder = history_dir(data_dir, "Đồng Tâm")

    boxes.answer = QMessageBox.StandardButton.No
    answer_picker(qtbot, units, Qt.Key.Key_Down)  # the second line: Đồng Tâm
    assert units.remove_history() is False
    assert boxes.shown == [
        (
            "Xóa lịch sử xã cũ",
            "Xóa lịch sử xã cũ Đồng Tâm khỏi Sổ CCHC?\n\n"
            "Sẽ xóa: năm 2024; 1 tài liệu, 1 tệp, 0 điểm tự chấm, 0 điểm thẩm định.\n\n"
            "Dữ liệu không bị hủy: thư mục lịch sử được chuyển vào "
            f"{data_dir / 'lich-su-da-xoa'}, khôi phục được (Tệp → Khôi phục lịch sử đã "
            "xóa…). Dữ liệu của Xã Tân Hưng và danh sách xã cũ đã sáp nhập không thay đổi.",
        )
    ]
    assert boxes.buttons == ["Có", "Không"]
    assert folder.is_dir() and "chưa thay đổi gì" in window.statusBar().currentMessage()

    boxes.answer = QMessageBox.StandardButton.Yes
    answer_picker(qtbot, units, Qt.Key.Key_Down)
    assert units.remove_history() is True
    assert not folder.exists()
    (kept,) = list_removed(data_dir)
    assert kept.name == "Đồng Tâm" and kept.folder.is_dir()
    assert window.statusBar().currentMessage() == (
        f"Đã xóa lịch sử xã cũ Đồng Tâm; dữ liệu được giữ ở lich-su-da-xoa/{kept.folder.name} "
        "(khôi phục được)."
    )
    assert _items(units.combo) == ["Xã Tân Hưng (hiện tại)", "Xã Hồng Phong (xã cũ)"]
    assert _compared(window) == {"Xã Hồng Phong (xã cũ)"}
    assert units.act_restore_removed.isEnabled()

    # while a former commune's history is shown neither command is offered
    with qtbot.waitSignal(window.dataShown):
        units.show_unit(history_dir(data_dir, "Hồng Phong"))
    assert not units.act_remove.isEnabled() and not units.act_restore_removed.isEnabled()
    with qtbot.waitSignal(window.dataShown):
        units.back_button.click()
    assert units.act_remove.isEnabled() and units.act_restore_removed.isEnabled()

    answer_picker(qtbot, units)  # the only line
    assert units.restore_removed() is True
    assert folder.is_dir() and list_removed(data_dir) == []
    assert _items(units.combo) == [
        "Xã Tân Hưng (hiện tại)",
        "Xã Hồng Phong (xã cũ)",
        "Xã Đồng Tâm (xã cũ)",
    ]
    assert "Xã Đồng Tâm (xã cũ)" in _compared(window)
    assert not units.act_restore_removed.isEnabled()
    assert window.statusBar().currentMessage().startswith("Đã khôi phục lịch sử xã cũ Đồng Tâm.")


def test_the_last_history_removed_hides_the_unit_box(window, qtbot, boxes, data_dir) -> None:
    units = window.units
    for _ in range(2):
        answer_picker(qtbot, units)
        assert units.remove_history() is True
    qtbot.waitUntil(lambda: not units.combo.isVisible())  # the toolbar lays out again
    assert units.histories == [] and not units.act_remove.isEnabled()
    assert not window.tabs.isTabVisible(window.screens.index_of("HistoryCompareTab"))
    assert {r.name for r in list_removed(data_dir)} == {"Hồng Phong", "Đồng Tâm"}


def test_a_file_in_use_is_shown_and_the_history_stays(
    window, qtbot, boxes, data_dir, monkeypatch
) -> None:
    def in_use(self, target):
        exc = PermissionError(errno.EACCES, "Access is denied")
        exc.winerror = 32
        raise exc

    monkeypatch.setattr(Path, "rename", in_use)
    units = window.units
    answer_picker(qtbot, units)
    assert units.remove_history() is False
    (question, error) = boxes.shown
    assert error == (
        "Không xóa được lịch sử xã cũ",
        "Không xóa được lịch sử xã cũ Hồng Phong: tệp đang được mở trong chương trình khác "
        "(Word, Excel…); hãy đóng tệp rồi thử lại. Lịch sử vẫn ở nguyên chỗ cũ "
        f"({history_dir(data_dir, 'Hồng Phong')}). Chưa thay đổi gì.",
    )
    assert len(_items(units.combo)) == 3 and history_dir(data_dir, "Hồng Phong").is_dir()
