"""The right side of the Báo cáo screen: the report's sections (one editor per section,
"Soạn lại mục này" with the difference), its header fields and margins, its status."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from base.errors import ValidationError
from desktop.core.office.vnformat import format_date
from desktop.core.report.records import MARGIN_NAMES, MARGIN_RANGES, Margins, ReportInfo
from desktop.core.report.redraft import redraft_offers
from desktop.core.report.sections import SECTIONS
from desktop.core.report.store import save_section, update_header
from desktop.ui.errors import show_error
from desktop.ui.inputs.date_input import first_invalid
from desktop.ui.report.dialogs import PeriodPicker, RedraftDialog, date_edit, to_qdate
from desktop.ui.vi import info

if TYPE_CHECKING:
    from desktop.ui.report.tab import ReportsTab

EDITED_MARK = " ✎"


def _plain(lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    if lines:
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


class SectionsEditor(QWidget):
    """The sections of the report: pick one, edit its heading and text."""

    def __init__(self, tab: ReportsTab) -> None:
        super().__init__()
        self.tab = tab
        self.report: ReportInfo | None = None
        self.key: str | None = None
        self.list = QListWidget()
        self.list.setAccessibleName("Các mục của báo cáo")
        metrics = self.list.fontMetrics()
        longest = max(metrics.horizontalAdvance(n + EDITED_MARK) for n in SECTIONS.values())
        self.list.setMinimumWidth(longest + 32)
        self.heading = _plain(2)
        self.heading.setAccessibleName("Tiêu đề mục")
        self.body = _plain(0)
        self.body.setAccessibleName("Nội dung mục")
        self.body.setPlaceholderText("Mỗi dòng là một đoạn văn.")
        self.save_btn = QPushButton("&Lưu mục")
        self.save_btn.setToolTip("Lưu nội dung mục này (Ctrl+S)")
        self.redraft_btn = QPushButton("&Soạn lại mục này…")
        self.redraft_btn.setToolTip("Soạn lại từ số liệu hiện có và xem khác biệt trước khi thay")
        self.refresh_btn = QPushButton("Làm mới số liệ&u")
        self.refresh_btn.setToolTip(
            "Soạn lại các mục chưa sửa tay theo số liệu mới; mục đã sửa tay được giữ nguyên"
        )
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(QLabel("Tiêu đề mục (mỗi dòng một tiêu đề):"))
        rl.addWidget(self.heading)
        rl.addWidget(QLabel("Nội dung (mỗi dòng là một đoạn văn):"))
        rl.addWidget(self.body, 1)
        row = QHBoxLayout()
        row.addWidget(self.save_btn)
        row.addWidget(self.redraft_btn)
        row.addStretch(1)
        row.addWidget(self.refresh_btn)
        rl.addLayout(row)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 4)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)
        self.list.currentRowChanged.connect(self._on_row)
        self.save_btn.clicked.connect(self.save)
        self.redraft_btn.clicked.connect(self.redraft)
        self.refresh_btn.clicked.connect(tab.refresh_figures)

    def show_report(self, report: ReportInfo | None) -> None:
        keep = self.key
        self.report = report
        self.list.blockSignals(True)
        self.list.clear()
        if report is not None:
            for sec in report.sections:
                item = QListWidgetItem(sec.name + (EDITED_MARK if sec.edited else ""))
                item.setData(Qt.ItemDataRole.UserRole, sec.key)
                item.setToolTip("Đã sửa tay" if sec.edited else "Soạn từ số liệu")
                self.list.addItem(item)
        self.list.blockSignals(False)
        keys = [s.key for s in report.sections] if report else []
        row = keys.index(keep) if keep in keys else (0 if keys else -1)
        self.key = None
        self.list.setCurrentRow(row)
        if row < 0:
            self._load(None)
        editable = bool(report and report.editable)
        for w in (self.heading, self.body):
            w.setReadOnly(not editable)
        for b in (self.save_btn, self.redraft_btn, self.refresh_btn):
            b.setEnabled(editable)

    def _on_row(self, row: int) -> None:
        item = self.list.item(row) if row >= 0 else None
        target = item.data(Qt.ItemDataRole.UserRole) if item else None
        if self.key is not None and self.dirty:
            self.save()  # may rebuild the list (the screens refresh after a write)
        # the list and the editor show the same section, whatever the save rebuilt
        keys = [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]
        self.list.blockSignals(True)
        self.list.setCurrentRow(keys.index(target) if target in keys else -1)
        self.list.blockSignals(False)
        self._load(target if target in keys else None)

    def _load(self, key: str | None) -> None:
        self.key = key
        sec = self.report.section(key) if (self.report and key) else None
        self.heading.setPlainText(sec.heading if sec else "")
        self.body.setPlainText(sec.text if sec else "")

    @property
    def dirty(self) -> bool:
        if self.report is None or self.key is None or not self.report.editable:
            return False
        sec = self.report.section(self.key)
        return (self.heading.toPlainText(), self.body.toPlainText()) != (sec.heading, sec.text)

    def save(self) -> None:
        if self.report is None or self.key is None or not self.dirty:
            return
        rid, key = self.report.id, self.key
        heading, body = self.heading.toPlainText(), self.body.toPlainText()
        self.tab.write(lambda s: save_section(s, rid, key, heading, body))

    def redraft(self) -> None:
        if self.report is None or self.key is None:
            return
        self.save()
        rid, key = self.report.id, self.key
        with self.tab.window.ws.session() as s:
            offers = [o for o in redraft_offers(s, rid) if o.key == key]
        if not offers:
            info(self, "Soạn lại mục", "Nội dung mục này đã khớp với số liệu hiện có.")
            return
        if RedraftDialog(offers[0], self).exec():
            from desktop.core.report.redraft import accept_redraft

            self.tab.write(lambda s: accept_redraft(s, rid, key))


class HeaderForm(QWidget):
    """Number, date, header and signature fields, Nơi nhận, margins."""

    def __init__(self, tab: ReportsTab) -> None:
        super().__init__()
        self.tab = tab
        self.report: ReportInfo | None = None
        form = QFormLayout(self)
        self.number = QLineEdit()
        self.number.setPlaceholderText("để trống nếu văn thư cấp số sau")
        self.number.setValidator(QIntValidator(1, 99999, self))
        self.date = date_edit(date.today(), "Ngày báo cáo")
        self.date.setAccessibleName("Ngày báo cáo")
        self.period = PeriodPicker(date.today().year)
        self.body_name = _plain(2)
        self.place = QLineEdit()
        self.summary = _plain(2)
        self.recipients = _plain(4)
        self.sign_authority = QLineEdit()
        self.sign_title = QLineEdit()
        self.signer = QLineEdit()
        self.margins: dict[str, QSpinBox] = {}
        grid = QGridLayout()
        for i, (side, (lo, hi)) in enumerate(MARGIN_RANGES.items()):
            spin = QSpinBox()
            spin.setRange(lo, hi)
            spin.setSuffix(" mm")
            spin.setAccessibleName(f"Lề {MARGIN_NAMES[side]}")
            self.margins[side] = spin
            grid.addWidget(QLabel(f"{MARGIN_NAMES[side].capitalize()}:"), 0, 2 * i)
            grid.addWidget(spin, 0, 2 * i + 1)
        form.addRow("Số (…/BC-UBND):", self.number)
        form.addRow("Ngày báo cáo:", self.date)
        form.addRow("Kỳ số liệu hồ sơ:", self.period)
        form.addRow("Cơ quan ban hành:", self.body_name)
        form.addRow("Địa danh:", self.place)
        form.addRow("Trích yếu:", self.summary)
        form.addRow("Nơi nhận:", self.recipients)
        form.addRow("Thẩm quyền ký:", self.sign_authority)
        form.addRow("Chức vụ:", self.sign_title)
        form.addRow("Người ký:", self.signer)
        form.addRow("Lề trang:", grid)
        self.save_btn = QPushButton("Lư&u thông tin")
        form.addRow(self.save_btn)
        self.save_btn.clicked.connect(self.save)

    def show_report(self, r: ReportInfo | None) -> None:
        self.report = r
        h = r.header if r else None
        self.number.setText(r.number if r else "")
        self.date.setDate(to_qdate(r.report_date if r and r.report_date else date.today()))
        if r is not None:
            self.period.set_year(r.index_year + 1)
            if r.period is not None:
                self.period.show_period(r.period)
        self.body_name.setPlainText(h.body_name if h else "")
        self.place.setText(h.place if h else "")
        self.summary.setPlainText(h.summary if h else "")
        self.recipients.setPlainText(h.recipients if h else "")
        self.sign_authority.setText(h.sign_authority if h else "")
        self.sign_title.setText(h.sign_title if h else "")
        self.signer.setText(h.signer if h else "")
        m = r.margins if r else Margins()
        for side, spin in self.margins.items():
            spin.setValue(getattr(m, side))
        editable = bool(r and r.editable)
        for w in [*self.findChildren(QLineEdit), *self.findChildren(QPlainTextEdit)]:
            w.setReadOnly(not editable)
        for spin in self.margins.values():
            spin.setEnabled(editable)
        for w in (self.date, self.period):
            w.setEnabled(editable)
        self.save_btn.setEnabled(editable)

    def save(self) -> None:
        if self.report is None:
            return
        bad = first_invalid(self.date) or self.period.invalid()
        if bad is not None:  # the message is under the field
            bad.setFocus()
            return
        report_date = self.date.value()
        try:
            period = self.period.period()
        except ValidationError as exc:
            show_error(self, exc)
            return
        rid = self.report.id
        fields = {
            "body_name": self.body_name.toPlainText(),
            "place": self.place.text(),
            "summary": self.summary.toPlainText(),
            "recipients": self.recipients.toPlainText(),
            "sign_authority": self.sign_authority.text(),
            "sign_title": self.sign_title.text(),
            "signer": self.signer.text(),
        }
        margins = Margins(**{side: spin.value() for side, spin in self.margins.items()})
        number = self.number.text()
        self.tab.write(
            lambda s: update_header(
                s,
                rid,
                number=number,
                report_date=report_date,
                period=period,
                margins=margins,
                **fields,
            )
        )


def history_lines(r: ReportInfo) -> list[str]:
    return [
        f"{e.at:%d/%m/%Y %H:%M} – {e.label}" + (f": {e.note}" if e.note else "") for e in r.events
    ]


def status_summary(r: ReportInfo) -> str:
    parts = [f"<b>{r.status_label}</b>"]
    if r.signed_name:
        parts.append(f"bản đã ký: {r.signed_name}")
    if r.uploaded_on:
        parts.append(f"tải lên ngày {format_date(r.uploaded_on)}")
    return " · ".join(parts)
