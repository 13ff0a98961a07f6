"""The one date box: typed dates replace what was there, a calendar, impossible dates said."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from desktop.ui.inputs.date_input import DateInput


def shown(qtbot, box: DateInput) -> QWidget:
    """The box in an active window beside a second field (so Tab leaves it)."""
    host = QWidget()
    qtbot.addWidget(host)
    lay = QVBoxLayout(host)
    lay.addWidget(box)
    lay.addWidget(QLineEdit())
    host.show()
    host.activateWindow()
    assert QTest.qWaitForWindowActive(host)
    return host


def type_over(box: DateInput, text: str) -> None:
    """Select all of the box and type, as an officer does."""
    box.line.setFocus()
    QTest.keyClick(box.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(box.line, text)


def test_typing_over_a_date_gives_exactly_the_typed_date(qtbot) -> None:
    box = DateInput(date(2026, 12, 7))
    host = shown(qtbot, box)  # noqa: F841 - kept alive
    seen: list[QDate] = []
    box.dateChanged.connect(seen.append)
    type_over(box, "04/04/2023")
    assert box.value() == date(2023, 4, 4) and box.text() == "04/04/2023"
    assert seen[-1] == QDate(2023, 4, 4)
    box.set_value(date(2023, 3, 14))
    type_over(box, "30/03/2023")
    assert box.value() == date(2023, 3, 30)
    for typed, expected in (
        ("4/4/2023", date(2023, 4, 4)),
        ("15.12.2022", date(2022, 12, 15)),
        ("1-2-2024", date(2024, 2, 1)),
    ):
        type_over(box, typed)
        QTest.keyClick(box.line, Qt.Key.Key_Tab)
        assert box.value() == expected and box.is_valid()
        assert box.text() == f"{expected:%d/%m/%Y}"  # shown the one way when leaving


def test_tabbing_in_and_typing_replaces_the_whole_date(qtbot) -> None:
    first = QLineEdit()
    box = DateInput(date(2026, 12, 7))
    host = QWidget()
    qtbot.addWidget(host)
    lay = QVBoxLayout(host)
    lay.addWidget(first)
    lay.addWidget(box)
    host.show()
    host.activateWindow()
    assert QTest.qWaitForWindowActive(host)
    first.setFocus()
    QTest.keyClick(first, Qt.Key.Key_Tab)
    assert box.line.hasFocus(), QApplication.focusWidget()
    QTest.keyClicks(box.line, "04/04/2023")
    assert box.value() == date(2023, 4, 4)


def test_pasting_a_date(qtbot) -> None:
    box = DateInput(date(2026, 12, 7))
    host = shown(qtbot, box)  # noqa: F841 - kept alive
    QGuiApplication.clipboard().setText(" 16/3/2023 ")
    box.line.setFocus()
    QTest.keyClick(box.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(box.line, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert box.value() == date(2023, 3, 16)


def test_an_impossible_date_is_said_at_once_under_the_field(qtbot) -> None:
    box = DateInput(date(2025, 1, 10), what="Ngày báo cáo")
    host = shown(qtbot, box)  # noqa: F841 - kept alive
    type_over(box, "31/02/2025")
    assert box.message.isVisible()
    assert "Ngày báo cáo “31/02/2025” không tồn tại" in box.message.text()
    assert box.value() == date(2025, 1, 10) and not box.is_valid()
    type_over(box, "13/13/2024")
    assert "không có tháng 13" in box.error()
    type_over(box, "12/5")  # not finished: nothing said while typing ...
    assert box.is_valid() or "chưa đủ" not in box.error()
    QTest.keyClick(box.line, Qt.Key.Key_Tab)  # ... but said when leaving
    assert "chưa đủ ngày/tháng/năm" in box.error()
    type_over(box, "12/05/2024")
    assert not box.message.isVisible() and box.value() == date(2024, 5, 12)


def test_empty_allowed_or_required(qtbot) -> None:
    optional = DateInput(None, allow_empty=True)
    required = DateInput(date(2024, 1, 1), what="Ngày tải lên")
    for box in (optional, required):
        qtbot.addWidget(box)
        box.show()
    assert optional.value() is None and optional.is_valid() and optional.date().isNull()
    type_over(required, "")
    QTest.keyClick(required.line, Qt.Key.Key_Backspace)
    assert required.error() == "Ngày tải lên: chưa nhập ngày."


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")
def test_calendar_popup_picks_a_date_with_the_keyboard(qtbot) -> None:
    box = DateInput(date(2023, 4, 4))
    host = shown(qtbot, box)  # noqa: F841 - kept alive
    box.line.setFocus()
    QTest.keyClick(box.line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = box.calendar
    qtbot.waitUntil(calendar.isVisible)
    assert calendar.selectedDate() == QDate(2023, 4, 4)
    QTest.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Right)
    QTest.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Return)
    assert box.value() == date(2023, 4, 5)
