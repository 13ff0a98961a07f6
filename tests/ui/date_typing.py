"""Typing into the app's date box as an officer does: select all, type over."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest


def type_date(box, text: str, *, leave: bool = True) -> None:
    """Select what the date box holds and type ``text`` over it (then Tab away)."""
    line = box.line
    line.setFocus()
    QTest.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(line, text)
    if leave:
        line.editingFinished.emit()  # what Tab does in an active window
