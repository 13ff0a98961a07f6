"""Shared set-up for the catalog import / results / losses / plan screen tests."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop.core.catalog.store import load_builtin
from desktop.core.years.profile import save_profile
from desktop.ui.main_window import MainWindow


def fill(ws) -> None:
    """Đồng Tâm with the 10-area catalog for 2022 and the sample catalog for 2023."""
    with ws.transaction() as s:
        save_profile(s, commune_name="Đồng Tâm", district="Ninh Giang", province="Hải Dương")
        load_builtin(s, 2022)
        load_builtin(s, 2023, "mau-minh-hoa")


def open_window(qtbot, ws) -> MainWindow:
    w = MainWindow(ws)
    qtbot.addWidget(w)
    w.load()
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()  # keyboard shortcuts only reach the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    return w


def pick_file(monkeypatch, path: Path | None) -> list[str]:
    """Answer QFileDialog's open/save questions with ``path``; returns the titles asked."""
    asked: list[str] = []

    def answer(parent, title, *args, **kwargs):
        asked.append(title)
        return (str(path) if path else "", "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(answer))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return asked


def visible_dialog(qtbot, parent, cls):
    """Wait for the ``cls`` dialog that ``parent`` opens and return it."""

    def shown():
        return next((d for d in parent.findChildren(cls) if d.isVisible()), None)

    qtbot.waitUntil(lambda: shown() is not None)
    return shown()


def open_tab(qtbot, window, key, cls):
    """Open a screen with its shortcut (Ctrl+4 ...) as the officer would."""
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    screen = window.tabs.currentWidget()
    assert isinstance(screen, cls)
    return screen
