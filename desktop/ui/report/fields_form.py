"""The report's fields as a short form ("Còn thiếu" first): each reference or figure the
draft needs, with an input in place (number and the one date box with its calendar for a document,
the register's Kế hoạch to pick from), and where each value came from. Saving writes each
changed field to its one home and redrafts the sentences it feeds (``field_store``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from base.errors import CchcError
from desktop.core.office.text import nfc
from desktop.core.office.vnformat import format_date
from desktop.core.report.fields import DocRef, FieldInfo, blanks, parse_value
from desktop.core.report.records import ReportInfo
from desktop.ui.inputs.date_input import DateInput

if TYPE_CHECKING:
    from desktop.ui.report.tab import ReportsTab

PICK_NONE = "— chọn kế hoạch trong sổ tài liệu —"


class FieldRow:
    """The inputs of one field."""

    def __init__(self, info: FieldInfo) -> None:
        self.info = info
        self.number: QLineEdit | None = None
        self.date: DateInput | None = None
        self.pick: QComboBox | None = None
        self.edit: QLineEdit | None = None
        self.widget = QWidget()
        lay = QHBoxLayout(self.widget)
        lay.setContentsMargins(0, 0, 0, 0)
        if info.spec.kind == "document":
            self.number = QLineEdit()
            self.number.setPlaceholderText(f"số, ví dụ 12/{info.spec.symbol}")
            self.number.setAccessibleName(f"Số – {info.label}")
            self.date = DateInput(None, allow_empty=True, what=f"Ngày – {info.label}")
            self.date.setAccessibleName(f"Ngày – {info.label}")
            ref = info.value if isinstance(info.value, DocRef) else None
            self.number.setText(ref.number if ref else "")
            self.date.setText(format_date(ref.issued) if ref else "")
            lay.addWidget(self.number, 2)
            lay.addWidget(QLabel("ngày"))
            lay.addWidget(self.date)
            if len(info.options) > 1:
                self.pick = QComboBox()
                self.pick.setAccessibleName(f"Chọn kế hoạch – {info.label}")
                self.pick.addItem(PICK_NONE, None)
                for c in info.options:
                    self.pick.addItem(c.text, c.document_id)
                    if c.document_id == info.document_id:
                        self.pick.setCurrentIndex(self.pick.count() - 1)
                self.pick.currentIndexChanged.connect(self._picked)
                lay.addWidget(self.pick, 3)
        else:
            self.edit = QLineEdit(info.text)
            self.edit.setAccessibleName(info.label)
            hint = {"number": "ví dụ 65,67", "percent": "ví dụ 84,89", "rank": "ví dụ 14/20"}
            self.edit.setPlaceholderText(hint.get(info.spec.kind, ""))
            lay.addWidget(self.edit, 1)

    def _picked(self, index: int) -> None:
        assert self.pick is not None and self.number is not None and self.date is not None
        doc_id = self.pick.itemData(index)
        c = next((c for c in self.info.options if c.document_id == doc_id), None)
        if c is not None:
            self.number.setText(c.number)
            self.date.setText(format_date(c.issued))

    @property
    def first_input(self) -> QWidget:
        return self.number or self.edit  # type: ignore[return-value]

    def typed(self) -> str:
        if self.number is not None and self.date is not None:
            number, when = self.number.text().strip(), self.date.text()
            return f"{number} {when}".strip()
        assert self.edit is not None
        return self.edit.text().strip()

    @property
    def changed(self) -> bool:
        return " ".join(nfc(self.typed()).split()) != self.info.text


class FieldsForm(QWidget):
    """The "Còn thiếu" form of the Báo cáo screen."""

    blanksChanged = Signal(int)  # noqa: N815 - a Qt signal

    def __init__(self, tab: ReportsTab) -> None:
        super().__init__()
        self.tab = tab
        self.report: ReportInfo | None = None
        self.rows: dict[str, FieldRow] = {}
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color:#a40000")
        self.message.hide()
        self.body = QWidget()
        self.grid = QGridLayout(self.body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        self.save_btn = QPushButton("Lưu các &trường")
        self.save_btn.setToolTip(
            "Lưu các trường đã sửa; các câu dùng trường được soạn lại (mục đã sửa tay giữ nguyên)"
        )
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.summary)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_btn)
        lay.addLayout(row)
        self.save_btn.clicked.connect(self.save)

    def _clear(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            w = item.widget()
            if w is not None:
                w.setParent(None)
                w.deleteLater()
        self.rows = {}

    def show_fields(self, report: ReportInfo | None, fields: dict[str, FieldInfo]) -> None:
        self.report = report
        self._clear()
        self.message.hide()
        missing = blanks(fields)
        if report is None:
            self.summary.setText("")
        elif missing:
            self.summary.setText(
                f"<b style='color:#a40000'>Còn thiếu {len(missing)} trường bắt buộc</b> "
                "(đánh dấu *). Báo cáo chỉ xuất được bản chính thức khi đã điền đủ."
            )
        else:
            self.summary.setText("<b>Đã điền đủ các trường bắt buộc.</b>")
        ordered = [*missing, *(f for f in fields.values() if f not in missing)]
        line = 0
        for title, group in (("Còn thiếu", missing), ("Đã có", ordered[len(missing) :])):
            if not group:
                continue
            head = QLabel(f"<b>{title}</b>")
            self.grid.addWidget(head, line, 0, 1, 3)
            line += 1
            for f in group:
                row = FieldRow(f)
                label = QLabel(f"{f.label}{' *' if f.spec.required else ''}:")
                label.setBuddy(row.first_input)
                label.setWordWrap(True)
                if f in missing:
                    label.setStyleSheet("color:#a40000")
                source = QLabel(f"Nguồn: {f.source}" if f.source else "")
                source.setStyleSheet("color:#555")
                source.setWordWrap(True)
                self.grid.addWidget(label, line, 0)
                self.grid.addWidget(row.widget, line, 1)
                self.grid.addWidget(source, line, 2)
                self.rows[f.key] = row
                line += 1
        self.grid.setColumnStretch(1, 3)
        self.grid.setColumnStretch(2, 2)
        self.grid.setRowStretch(line, 1)
        editable = bool(report and report.editable)
        for w in [*self.body.findChildren(QLineEdit), *self.body.findChildren(QComboBox)]:
            w.setEnabled(editable)
        for b in self.body.findChildren(QToolButton):
            b.setEnabled(editable)
        self.save_btn.setEnabled(editable)
        self.blanksChanged.emit(len(missing))

    def focus_first_blank(self) -> None:
        for row in self.rows.values():
            if row.info.spec.required and row.info.blank:
                row.first_input.setFocus()
                return

    def save(self) -> None:
        """Check every changed field first (nothing is written while one is wrong), then
        write them in one unit of work."""
        if self.report is None:
            return
        changes = [(k, r.typed()) for k, r in self.rows.items() if r.changed]
        if not changes:
            return
        for key, text in changes:
            if text:
                try:
                    parse_value(self.rows[key].info.spec, text)
                except CchcError as exc:
                    self.message.setText(str(exc))
                    self.message.show()
                    self.rows[key].first_input.setFocus()
                    return
        self.message.hide()
        rid = self.report.id

        def write(s):
            from desktop.core.report.field_store import clear_field, set_field

            outcome = None
            for key, text in changes:
                outcome = set_field(s, rid, key, text) if text else clear_field(s, rid, key)
            return outcome

        outcome = self.tab.write(write)
        if outcome is not None and outcome.offers:
            from desktop.ui.vi import info

            info(
                self,
                "Các trường của báo cáo",
                "Đã lưu. Các mục đã sửa tay được giữ nguyên; nội dung soạn từ các trường mới "
                "khác ở: "
                + ", ".join(o.name for o in outcome.offers)
                + ". Chọn mục trong tab Nội dung rồi bấm “Soạn lại mục này” để xem khác biệt.",
            )
