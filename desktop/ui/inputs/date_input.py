"""``DateInput``: the one date box of the app.

Typing a full ``dd/mm/yyyy`` (also ``d/m/yyyy``, ``dd.mm.yyyy``, ``dd-mm-yyyy``) or pasting
one gives exactly that date, whatever was there before: the box is plain text (no input
mask that overwrites digit by digit), and tabbing in selects all of it. A calendar popup
(the button, or Alt+↓ / F4) picks a date with the mouse. An impossible date (31/02/2025,
13/13/2024) is said at once under the field; text that is not yet a whole date is said
when leaving the box. ``date()``/``setDate()``/``dateChanged`` speak ``QDate`` like a
``QDateEdit``, so the dialogs that had one keep their code; ``value()`` is a Python date.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from base.errors import ValidationError
from desktop.core.office.vnformat import format_date, parse_date

VI_LOCALE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
# A whole date as typed: day, month, a four-digit year (any of / . - between).
_WHOLE = re.compile(r"^\s*\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}\s*$")
# What may still become a date while the officer types.
_PARTIAL = re.compile(r"^\s*\d{0,2}([/.\-]\d{0,2}([/.\-]\d{0,4})?)?\s*$")


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def first_invalid(*boxes: DateInput) -> DateInput | None:
    """The first box whose text is not a date (its message is already under it)."""
    for box in boxes:
        if not box.is_valid() or (box.text().strip() and not _WHOLE.match(box.text())):
            box._on_finished()
            return box
    return None


class _Line(QLineEdit):
    """Alt+↓ and F4 open the calendar, as in a combo box."""

    def __init__(self, owner: DateInput) -> None:
        super().__init__()
        self.owner = owner

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        alt_down = event.key() == Qt.Key.Key_Down and (
            event.modifiers() & Qt.KeyboardModifier.AltModifier
        )
        if alt_down or event.key() == Qt.Key.Key_F4:
            self.owner.open_calendar()
            return
        super().keyPressEvent(event)


class DateInput(QWidget):
    """A date typed as ``dd/mm/yyyy`` (or picked on the calendar), checked as it is typed."""

    dateChanged = Signal(QDate)  # a valid date, different from the one before
    textEdited = Signal(str)  # the officer typed (as QLineEdit's)
    valueChanged = Signal(object)  # date | None (None: emptied, where allowed)

    def __init__(
        self,
        value: date | None = None,
        *,
        allow_empty: bool = False,
        what: str = "Ngày",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.allow_empty = allow_empty
        self.what = what
        self._value: date | None = None
        self._error = ""
        self._forwarding = False
        self.line = _Line(self)
        self.line.setPlaceholderText("dd/mm/yyyy")
        self.line.setMaxLength(16)
        self.line.setToolTip("Gõ ngày dạng dd/mm/yyyy (ví dụ 04/04/2023); Alt+↓ mở lịch")
        self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance("00/00/00000") + 16)
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setToolTip("Chọn ngày trên lịch (Alt+↓)")
        self.button.setAccessibleName("Mở lịch")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.message = QLabel()
        self.message.setStyleSheet("color:#b00020;")
        self.message.setWordWrap(True)
        self.message.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.line, 1)
        row.addWidget(self.button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        lay.addLayout(row)
        lay.addWidget(self.message)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFocusProxy(self.line)
        self.line.textChanged.connect(self._on_text)
        self.line.textEdited.connect(self.textEdited)
        self.line.editingFinished.connect(self._on_finished)
        self.button.clicked.connect(self.open_calendar)
        self.set_value(value)

    # --- the value ---------------------------------------------------------------------

    def value(self) -> date | None:
        """The last whole, possible date (``None`` while empty)."""
        return self._value

    def set_value(self, value: date | None) -> None:
        self.line.blockSignals(True)
        self.line.setText(format_date(value) if value else "")
        self.line.blockSignals(False)
        self._show_error("")  # an empty required box is said when the officer leaves it
        self._take(value)

    def date(self) -> QDate:
        return to_qdate(self._value) if self._value else QDate()

    def setDate(self, value: QDate | date) -> None:  # noqa: N802 - QDateEdit's name
        if isinstance(value, QDate):
            value = from_qdate(value) if value.isValid() else None
        self.set_value(value)

    def text(self) -> str:
        return self.line.text()

    def setText(self, text: str) -> None:  # noqa: N802 - QLineEdit's name
        self.line.setText(text)
        self._on_finished()

    def insert(self, text: str) -> None:
        """Like QLineEdit.insert: what an input method or a paste puts at the cursor."""
        self.line.insert(text)

    def setPlaceholderText(self, text: str) -> None:  # noqa: N802 - QLineEdit's name
        self.line.setPlaceholderText(text)

    def setStyleSheet(self, sheet: str) -> None:  # noqa: N802 - the box is what is marked
        self.line.setStyleSheet(sheet)

    def styleSheet(self) -> str:  # noqa: N802
        return self.line.styleSheet()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - keys sent to the box
        if self._forwarding:  # the line did not want it: on to the parent, as usual
            event.ignore()
            return
        self._forwarding = True
        try:
            QApplication.sendEvent(self.line, event)
        finally:
            self._forwarding = False

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt's name
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)

    def error(self) -> str:
        """The message under the field, "" when the text is a date (or empty, if allowed)."""
        return self._error

    def is_valid(self) -> bool:
        return not self._error

    def checked_value(self) -> date | None:
        """The date, or a ``ValidationError`` saying what is wrong with the text."""
        self._on_finished()
        if self._error:
            raise ValidationError(self._error)
        return self._value

    # --- typing --------------------------------------------------------------------------

    def _show_error(self, text: str) -> None:
        self._error = text
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _take(self, new: date | None) -> None:
        if new == self._value:
            return
        self._value = new
        if new is not None:
            self.dateChanged.emit(to_qdate(new))
        self.valueChanged.emit(new)

    def _on_text(self, text: str) -> None:
        """While typing: a whole date is taken (or said impossible) at once."""
        if not text.strip():
            self._show_error("" if self.allow_empty else f"{self.what}: chưa nhập ngày.")
            if self.allow_empty:
                self._take(None)
            return
        if _WHOLE.match(text):
            try:
                new = parse_date(text, what=self.what)
            except ValidationError as exc:
                self._show_error(str(exc))
                return
            self._show_error("")
            self._take(new)
        elif _PARTIAL.match(text):
            self._show_error("")  # not finished yet: said when leaving the box
        else:
            self._show_error(
                f"{self.what} “{text.strip()}” không đúng dạng ngày/tháng/năm (dd/mm/yyyy)."
            )

    def _on_finished(self) -> None:
        text = self.line.text()
        self._on_text(text)
        if self._error or not text.strip():
            return
        if not _WHOLE.match(text):
            self._show_error(f"{self.what} “{text.strip()}” chưa đủ ngày/tháng/năm (dd/mm/yyyy).")
            return
        shown = format_date(self._value)
        if self.line.text() != shown:
            self.line.blockSignals(True)
            self.line.setText(shown)
            self.line.blockSignals(False)

    # --- the calendar --------------------------------------------------------------------

    def open_calendar(self) -> QMenu:
        menu = QMenu(self)
        calendar = QCalendarWidget()
        calendar.setLocale(VI_LOCALE)
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        calendar.setGridVisible(True)
        calendar.setSelectedDate(to_qdate(self._value or date.today()))
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)

        def picked(q: QDate) -> None:
            self.setDate(q)
            menu.close()
            self.line.setFocus()

        calendar.clicked.connect(picked)
        calendar.activated.connect(picked)
        self.calendar = calendar  # for tests and keyboard use
        menu.popup(self.mapToGlobal(self.rect().bottomLeft()))
        calendar.setFocus()
        return menu
