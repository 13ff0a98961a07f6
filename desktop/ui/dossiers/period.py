"""The reporting-period picker of the dossier statistics screen.

Presets are the statistical periods of ND 09/2019 (Quý I, 6 tháng, 9 tháng, cả năm and the
other ND 09 quarters) and calendar quarters, for the chosen year; editing a date switches
to "Tùy chọn" (any from–to range, inclusive).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from desktop.core.dossiers import Period, calendar_quarter, nd09_period, nd09_quarter
from desktop.ui.inputs.date_input import DateInput

CUSTOM = "Tùy chọn (từ ngày – đến ngày)"
PRESETS: list[tuple[str, Callable[[int], Period]]] = [
    ("Quý I (NĐ 09)", lambda y: nd09_period("q1", y)),
    ("6 tháng (NĐ 09)", lambda y: nd09_period("6m", y)),
    ("9 tháng (NĐ 09)", lambda y: nd09_period("9m", y)),
    ("Cả năm (NĐ 09)", lambda y: nd09_period("year", y)),
    ("Quý II (NĐ 09)", lambda y: nd09_quarter(2, y)),
    ("Quý III (NĐ 09)", lambda y: nd09_quarter(3, y)),
    ("Quý IV (NĐ 09)", lambda y: nd09_quarter(4, y)),
    ("Quý I dương lịch", lambda y: calendar_quarter(1, y)),
    ("Quý II dương lịch", lambda y: calendar_quarter(2, y)),
    ("Quý III dương lịch", lambda y: calendar_quarter(3, y)),
    ("Quý IV dương lịch", lambda y: calendar_quarter(4, y)),
]
VI_LOCALE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


def date_edit(what: str) -> DateInput:
    """The app's one date box (typed ``dd/mm/yyyy`` gives exactly that date)."""
    return DateInput(date(2000, 1, 1), what=what)


class PeriodPicker(QWidget):
    """Preset, year, from and to; ``periodChanged(Period)`` after every valid change."""

    periodChanged = Signal(object)

    def __init__(self, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preset = QComboBox()
        self.preset.setAccessibleName("Kỳ báo cáo")
        for text, _ in PRESETS:
            self.preset.addItem(text)
        self.preset.addItem(CUSTOM)
        self.year = QSpinBox()
        self.year.setAccessibleName("Năm của kỳ báo cáo")
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.date_from = date_edit("Từ ngày")
        self.date_from.setAccessibleName("Từ ngày")
        self.date_to = date_edit("Đến ngày")
        self.date_to.setAccessibleName("Đến ngày")
        self.problem = QLabel()
        self.problem.setStyleSheet("color:#b00020;")

        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        for label, widget in (
            ("&Kỳ báo cáo:", self.preset),
            ("Nă&m:", self.year),
            ("Từ ngà&y:", self.date_from),
            ("đến ngày:", self.date_to),
        ):
            lbl = QLabel(label)
            lbl.setBuddy(widget)
            lay.addWidget(lbl)
            lay.addWidget(widget)
        lay.addWidget(self.problem, 1)

        self._period = PRESETS[0][1](year)
        self._show_dates(self._period)
        self.preset.currentIndexChanged.connect(self._preset_changed)
        self.year.valueChanged.connect(self._preset_changed)
        self.date_from.dateChanged.connect(self._dates_edited)
        self.date_to.dateChanged.connect(self._dates_edited)

    # --- state ------------------------------------------------------------------------------

    def period(self) -> Period:
        return self._period

    @property
    def is_custom(self) -> bool:
        return self.preset.currentIndex() == len(PRESETS)

    def set_year(self, year: int) -> None:
        self.year.setValue(year)

    def set_preset(self, index: int) -> None:
        self.preset.setCurrentIndex(index)

    def set_range(self, start: date, end: date) -> None:
        """Show a custom from–to range (as if typed)."""
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(len(PRESETS))
        self.preset.blockSignals(False)
        self._show_dates(Period(start, end))
        self._dates_edited()

    # --- reactions --------------------------------------------------------------------------

    def _show_dates(self, period: Period) -> None:
        for edit, d in ((self.date_from, period.start), (self.date_to, period.end)):
            edit.blockSignals(True)
            edit.setDate(_qdate(d))
            edit.blockSignals(False)

    def _preset_changed(self) -> None:
        if self.is_custom:
            self._dates_edited()
            return
        period = PRESETS[self.preset.currentIndex()][1](self.year.value())
        self._show_dates(period)
        self._emit(period)

    def _dates_edited(self) -> None:
        start, end = _pydate(self.date_from.date()), _pydate(self.date_to.date())
        if not self.is_custom:
            self.preset.blockSignals(True)
            self.preset.setCurrentIndex(len(PRESETS))
            self.preset.blockSignals(False)
        if end < start:
            self.problem.setText("Ngày kết thúc trước ngày bắt đầu.")
            return
        self._emit(Period(start, end))

    def _emit(self, period: Period) -> None:
        self.problem.clear()
        if period == self._period:
            return
        self._period = period
        self.periodChanged.emit(period)
