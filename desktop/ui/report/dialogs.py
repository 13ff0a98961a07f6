"""Dialogs of the Báo cáo screen: a new report, a section's redraft (the difference line by
line), the upload date and note."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.dossiers import Period, custom_period, presets
from desktop.core.report.redraft import RedraftOffer
from desktop.ui.inputs.date_input import DateInput, first_invalid, from_qdate, to_qdate
from desktop.ui.vi import translate_buttons

CUSTOM = "Tùy chọn (từ ngày … đến ngày …)"


def date_edit(value: date, what: str = "Ngày") -> DateInput:
    """The app's one date box (typed ``dd/mm/yyyy`` gives exactly that date)."""
    return DateInput(value, what=what)


def _buttons(dialog: QDialog, ok_text: str = "Đồng ý") -> QDialogButtonBox:
    box = translate_buttons(
        QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class PeriodPicker(QWidget):
    """ND 09 periods and quarters of a year, or any from–to range (seed 002 used
    15/12/2022–30/3/2023)."""

    def __init__(self, year: int, parent=None) -> None:
        super().__init__(parent)
        self.preset = QComboBox()
        self.preset.setAccessibleName("Kỳ báo cáo")
        self.start = date_edit(date(year - 1, 12, 15), "Từ ngày")
        self.end = date_edit(date(year, 3, 30), "Đến ngày")
        self.start.setAccessibleName("Từ ngày")
        self.end.setAccessibleName("Đến ngày")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.preset)
        row = QHBoxLayout()
        row.addWidget(QLabel("Từ ngày"))
        row.addWidget(self.start)
        row.addWidget(QLabel("đến ngày"))
        row.addWidget(self.end)
        row.addStretch(1)
        lay.addLayout(row)
        self.set_year(year)
        self.start.dateChanged.connect(self._typed)
        self.end.dateChanged.connect(self._typed)
        self.preset.currentIndexChanged.connect(self._on_preset)

    def set_year(self, year: int) -> None:
        self.periods = presets(year)
        self.preset.blockSignals(True)
        self.preset.clear()
        self.preset.addItem(CUSTOM)
        for p in self.periods:
            self.preset.addItem(p.title)
        self.preset.blockSignals(False)

    def show_period(self, period: Period) -> None:
        """Select the preset with these dates, or show them as a custom range."""
        match = next(
            (
                i
                for i, p in enumerate(self.periods)
                if (p.start, p.end) == (period.start, period.end)
            ),
            None,
        )
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(0 if match is None else match + 1)
        self.preset.blockSignals(False)
        for box, value in ((self.start, period.start), (self.end, period.end)):
            box.blockSignals(True)
            box.setDate(to_qdate(value))
            box.blockSignals(False)

    def _on_preset(self, index: int) -> None:
        if index > 0:
            p = self.periods[index - 1]
            for box, value in ((self.start, p.start), (self.end, p.end)):
                box.blockSignals(True)
                box.setDate(to_qdate(value))
                box.blockSignals(False)

    def _typed(self, _value) -> None:
        """A date typed over a preset's makes the range "Tùy chọn"."""
        i = self.preset.currentIndex()
        if i > 0:
            p = self.periods[i - 1]
            if (self.start.value(), self.end.value()) != (p.start, p.end):
                self.preset.blockSignals(True)
                self.preset.setCurrentIndex(0)
                self.preset.blockSignals(False)

    def invalid(self) -> DateInput | None:
        return first_invalid(self.start, self.end)

    def period(self) -> Period:
        i = self.preset.currentIndex()
        if i > 0:
            return self.periods[i - 1]
        return custom_period(from_qdate(self.start.date()), from_qdate(self.end.date()))


class NewReportDialog(QDialog):
    """Number, date, index year and period of a new index report."""

    def __init__(self, index_year: int, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Báo cáo mới – Kết quả Chỉ số CCHC")
        form = QFormLayout(self)
        self.number = QLineEdit()
        self.number.setValidator(QIntValidator(1, 99999, self))
        self.number.setPlaceholderText("để trống nếu văn thư cấp số sau")
        self.date = date_edit(date.today(), "Ngày báo cáo")
        self.date.setAccessibleName("Ngày báo cáo")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(index_year)
        self.year.setAccessibleName("Năm của Chỉ số CCHC")
        self.period = PeriodPicker(index_year + 1)
        form.addRow("Số báo cáo (…/BC-UBND):", self.number)
        form.addRow("Ngày báo cáo:", self.date)
        form.addRow("Năm của Chỉ số CCHC:", self.year)
        form.addRow("Kỳ số liệu hồ sơ TTHC:", self.period)
        hint = QLabel(
            "Báo cáo được soạn sẵn từ kết quả thẩm định, kế hoạch khắc phục và số liệu hồ sơ "
            "của kỳ; mọi mục đều sửa được trước khi xuất."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#555")
        form.addRow(hint)
        form.addRow(_buttons(self, "Soạn báo cáo"))
        self.year.valueChanged.connect(lambda y: self.period.set_year(y + 1))
        self.resize(520, 0)

    def accept(self) -> None:
        bad = first_invalid(self.date) or self.period.invalid()
        if bad is not None:  # the message is under the field
            bad.setFocus()
            return
        super().accept()

    def values(self) -> tuple[str, date, int, Period]:
        return (
            self.number.text().strip(),
            from_qdate(self.date.date()),
            self.year.value(),
            self.period.period(),
        )


def diff_html(offer: RedraftOffer) -> str:
    rows = []
    for d in offer.diff:
        text = escape(d.text) or "&nbsp;"
        if d.op == "-":
            rows.append(
                f"<p style='background:#fde2e1;margin:0'><span style='color:#a40000'>− "
                f"<s>{text}</s></span></p>"
            )
        elif d.op == "+":
            rows.append(f"<p style='background:#dff3df;margin:0'>+ {text}</p>")
        else:
            rows.append(f"<p style='color:#555;margin:0'>&nbsp;&nbsp;{text}</p>")
    return "".join(rows)


class RedraftDialog(QDialog):
    """The current text against the new draft; accepting replaces the section."""

    def __init__(self, offer: RedraftOffer, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Soạn lại mục “{offer.name}”")
        lay = QVBoxLayout(self)
        note = (
            ("Mục này đã được sửa tay. " if offer.edited else "")
            + "Dòng gạch đỏ là nội dung hiện có sẽ bỏ đi, dòng xanh là nội dung soạn lại từ số liệu mới."
        )
        label = QLabel(note)
        label.setWordWrap(True)
        lay.addWidget(label)
        view = QTextBrowser()
        view.setHtml(diff_html(offer))
        view.setAccessibleName("Khác biệt")
        lay.addWidget(view, 1)
        lay.addWidget(_buttons(self, "Thay bằng bản soạn lại"))
        self.resize(820, 520)


class UploadDialog(QDialog):
    """When the signed scan was uploaded, and a note (which portal, who received it)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Đã tải báo cáo lên")
        form = QFormLayout(self)
        self.on = date_edit(date.today(), "Ngày tải lên")
        self.on.setAccessibleName("Ngày tải lên")
        self.note = QLineEdit()
        self.note.setPlaceholderText("ví dụ: Phần mềm chấm điểm CCHC của tỉnh")
        form.addRow("Ngày tải lên:", self.on)
        form.addRow("Ghi chú:", self.note)
        form.addRow(_buttons(self))
        self.resize(460, 0)

    def accept(self) -> None:
        if not self.on.is_valid():
            self.on.setFocus()
            return
        super().accept()

    def values(self) -> tuple[date, str]:
        return from_qdate(self.on.date()), self.note.text().strip()
