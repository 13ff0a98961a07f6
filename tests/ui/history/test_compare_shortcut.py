"""Ctrl+Shift+H without any former commune's history says why there is nothing to compare."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.core.catalog.store import load_builtin


def test_compare_shortcut_without_history_says_why(qtbot, show_window, ws, boxes) -> None:
    with ws.transaction() as s:
        load_builtin(s, 2024)
    w = show_window(ws)
    w.activateWindow()
    assert QTest.qWaitForWindowActive(w)  # shortcuts reach the active window only
    assert not w.units.act_compare.isVisible()
    qtbot.keyClick(
        w, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert boxes.shown and boxes.shown[-1][0] == "So sánh các xã cũ"
    assert "Chưa có lịch sử xã cũ nào để so sánh" in boxes.texts[-1]
    assert "Tệp → Nhập lịch sử xã cũ…" in boxes.texts[-1]
