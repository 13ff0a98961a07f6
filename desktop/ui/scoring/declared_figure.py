"""The self-assessment box of one sub-criterion: the declared figure (typed, or taken from
the dossier statistics with its source), the scoring rule in words, the score it gives,
the self-score (overriding it needs a reason) and the explanation (giải trình).

A self-contained widget for the sub-criterion pane: ``show_node(year, code)`` loads it,
"Lưu" writes everything in one transaction through ``desktop.core.selfassess.entry.set_entry``
and emits ``saved(code)`` (the pane then emits the window's ``dataChanged``). The figure is
checked while it is typed, so a wrong kind (text for a percentage, 120 %) shows at once.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from base.errors import CchcError
from desktop.core.office.vnformat import format_points
from desktop.core.scoring.offers import Offer, offers
from desktop.core.selfassess.entry import (
    AUTO,
    EntryInfo,
    entry_info,
    preview_score,
    set_entry,
    set_node_rule,
)
from desktop.core.workspace import Workspace
from desktop.ui.errors import show_error

NO_NODE = "Chọn một tiêu chí thành phần để kê khai số liệu và tự chấm điểm."
ERROR_STYLE = "color: #b00020"
NOTE_STYLE = "color: #555"


def _label(text: str, buddy: QWidget) -> QLabel:
    """A form label whose ``&`` mnemonic moves the focus to ``buddy``."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class DeclaredFigureBox(QGroupBox):
    saved = Signal(str)  # the code that was saved

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("Tự đánh giá: số liệu kê khai, điểm, giải trình", parent)
        self.ws = ws
        self.year: int | None = None
        self.info: EntryInfo | None = None
        self._offers: list[Offer] = []
        self._source = ""  # of the offer taken, while the figure is not edited by hand

        self.rule_label = QLabel(wordWrap=True)
        self.rule_edit = QLineEdit(placeholderText="ví dụ: bac: 100=1; 98-<100=0,5; <98=0")
        self.rule_edit.setAccessibleName("Cách tính điểm (ký hiệu)")
        self.rule_button = QPushButton("Đặt &cách tính")
        self.rule_button.setToolTip(
            "Các dạng: co/khong; bac: 100=1; 98-<100=0,5; <98=0; ty le; tru 0,25/loi; thu cong"
        )
        self.declared_edit = QLineEdit(
            placeholderText="Có / Không / Không áp dụng, tỷ lệ (98,5%) hoặc số lần"
        )
        self.declared_edit.setAccessibleName("Số liệu kê khai")
        self.offer_box = QComboBox()
        self.offer_box.setAccessibleName("Số liệu có sẵn")
        self.source_label = QLabel(wordWrap=True, styleSheet=NOTE_STYLE)
        self.computed_label = QLabel()
        self.auto_check = QCheckBox("&Lấy điểm theo cách tính")
        self.score_edit = QLineEdit(placeholderText="ví dụ 1,5 hoặc na")
        self.score_edit.setAccessibleName("Điểm tự chấm")
        self.reason_edit = QLineEdit(
            placeholderText="Bắt buộc khi điểm khác điểm tính theo cách tính"
        )
        self.reason_edit.setAccessibleName("Lý do chấm khác")
        self.explanation_edit = QPlainTextEdit()
        self.explanation_edit.setAccessibleName("Giải trình")
        self.explanation_edit.setPlaceholderText(
            "Cần khi chưa có tài liệu kiểm chứng hoặc còn cảnh báo chưa xử lý"
        )
        self.explanation_edit.setTabChangesFocus(True)
        self.explanation_edit.setMaximumHeight(90)
        self.message_label = QLabel(wordWrap=True)
        self.save_button = QPushButton("&Lưu")
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.setToolTip("Lưu số liệu, điểm và giải trình (Ctrl+S)")

        rule_row = QHBoxLayout()
        rule_row.addWidget(self.rule_edit, 1)
        rule_row.addWidget(self.rule_button)
        declared_row = QHBoxLayout()
        declared_row.addWidget(self.declared_edit, 1)
        declared_row.addWidget(self.offer_box, 1)
        score_row = QHBoxLayout()
        score_row.addWidget(self.score_edit, 1)
        score_row.addWidget(self.auto_check)
        form = self._form = QFormLayout()
        form.addRow("Cách tính điểm:", self.rule_label)
        form.addRow(_label("Sửa cách &tính:", self.rule_edit), rule_row)
        form.addRow(_label("Số liệu &kê khai:", self.declared_edit), declared_row)
        form.addRow("", self.source_label)
        form.addRow("Điểm theo cách tính:", self.computed_label)
        form.addRow(_label("Điểm tự &chấm:", self.score_edit), score_row)
        form.addRow(_label("Lý do chấm khác:", self.reason_edit), self.reason_edit)
        form.addRow(_label("&Giải trình:", self.explanation_edit), self.explanation_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message_label, 1)
        bottom.addWidget(self.save_button)
        layout.addLayout(bottom)

        self.declared_edit.textChanged.connect(self._update_preview)
        self.declared_edit.textEdited.connect(self._typed_by_hand)
        self.offer_box.activated.connect(self._take_offer)
        self.auto_check.toggled.connect(self._update_preview)
        self.score_edit.textChanged.connect(self._update_preview)
        self.reason_edit.textChanged.connect(self._update_preview)
        self.save_button.clicked.connect(self.save)
        self.rule_button.clicked.connect(self.set_rule)
        self.show_node(None, None)

    def hide_rule_rows(self) -> None:
        """Where the rule is shown and set elsewhere (the sub-criterion pane's score box)."""
        self._form.setRowVisible(0, False)
        self._form.setRowVisible(1, False)

    # --- loading ---------------------------------------------------------------------

    def show_node(self, year: int | None, code: str | None) -> None:
        """Load the sub-criterion ``code`` of ``year``; None (or a node the commune does
        not score itself) shows a hint and disables the box."""
        self.year, self.info, self._offers, self._source = year, None, [], ""
        if year is not None and code is not None:
            try:
                with self.ws.session() as s:
                    self.info = entry_info(s, year, code)
                    self._offers = offers(s, year, code)
            except CchcError as exc:
                self._clear(str(exc))
                return
        if self.info is None:
            self._clear(NO_NODE)
            return
        self._fill(self.info)

    def refresh(self) -> None:
        if self.info is not None and self.year is not None:
            self.show_node(self.year, self.info.code)

    def _clear(self, hint: str) -> None:
        for w in (self.rule_edit, self.declared_edit, self.score_edit, self.reason_edit):
            w.clear()
        self.explanation_edit.clear()
        self.rule_label.setText("")
        self.computed_label.setText("")
        self._show_source("")
        self.offer_box.clear()
        self.offer_box.hide()
        self._message(hint, error=False)
        self.setEnabled(False)

    def _fill(self, e: EntryInfo) -> None:
        self.setEnabled(True)
        self.setTitle(f"Tự đánh giá {e.code}: số liệu kê khai, điểm, giải trình")
        self.rule_label.setText(f"{e.rule_words} (tối đa {format_points(e.max_points)} điểm)")
        self.rule_edit.setText(e.rule.notation() if e.rule else "")
        self.offer_box.clear()
        self.offer_box.addItem("— Lấy số liệu có sẵn —")
        for o in self._offers:
            self.offer_box.addItem(f"{o.label}: {o.text}")
            self.offer_box.setItemData(
                self.offer_box.count() - 1, o.source, Qt.ItemDataRole.ToolTipRole
            )
        self.offer_box.setVisible(bool(self._offers))
        self.declared_edit.setText(e.declared_text)
        self._source = e.declared_source
        self._show_source(e.declared_source)
        computes = e.rule is not None and e.rule.computes
        self.auto_check.setEnabled(computes)
        self.auto_check.setChecked(computes and not e.overridden and e.declared is not None)
        if e.applicable:
            self.score_edit.setText(format_points(e.self_score) if e.self_score is not None else "")
        else:
            self.score_edit.setText("na")
        self.reason_edit.setText(e.override_reason)
        self.explanation_edit.setPlainText(e.explanation)
        self._update_preview()

    # --- live preview ----------------------------------------------------------------

    def _show_source(self, source: str) -> None:
        self.source_label.setText(f"Nguồn: {source}" if source else "")
        self._form.setRowVisible(self.source_label, bool(source))

    def _typed_by_hand(self, _text: str) -> None:
        self._source = ""
        self._show_source("")

    def _take_offer(self, index: int) -> None:
        if index <= 0 or index > len(self._offers):
            return
        offer = self._offers[index - 1]
        self.declared_edit.setText(offer.text)
        self._source = offer.source
        self._show_source(offer.source)
        self.offer_box.setCurrentIndex(0)

    def _preview(self) -> tuple[Decimal | None, str | None]:
        """(computed score, error message) for what is typed now."""
        if self.info is None:
            return None, None
        try:
            declared, computed = preview_score(self.info, self.declared_edit.text())
        except CchcError as exc:
            return None, str(exc)
        if declared is not None and declared.is_na:
            return None, None
        return computed, None

    def _update_preview(self, *_args) -> None:
        if self.info is None:
            return
        computed, error = self._preview()
        self.computed_label.setText(
            f"{format_points(computed)} điểm" if computed is not None else "—"
        )
        auto = self.auto_check.isChecked() and self.auto_check.isEnabled()
        self.score_edit.setReadOnly(auto)
        self.reason_edit.setEnabled(not auto)
        if auto and computed is not None and self.score_edit.text() != format_points(computed):
            self.score_edit.setText(format_points(computed))
        if error:
            self._message(error, error=True)
        elif self._differs(computed) and not self.reason_edit.text().strip():
            self._message(
                "Điểm tự chấm khác điểm tính theo cách tính: hãy ghi lý do chấm khác.",
                error=True,
            )
        elif self._differs(computed):
            self._message("Điểm tự chấm khác điểm tính theo cách tính (có ghi lý do).", error=False)
        else:
            self._message("", error=False)

    def _differs(self, computed: Decimal | None) -> bool:
        if computed is None or self.auto_check.isChecked():
            return False
        text = self.score_edit.text().strip().replace(",", ".")
        try:
            return bool(text) and Decimal(text) != computed
        except ArithmeticError:
            return False

    def _message(self, text: str, *, error: bool) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet(ERROR_STYLE if error else NOTE_STYLE)

    # --- writing ---------------------------------------------------------------------

    def save(self) -> bool:
        e = self.info
        if e is None or self.year is None:
            return False
        declared_text = self.declared_edit.text().strip()
        declared = declared_text if declared_text != e.declared_text else None
        source = self._source if declared is not None else None
        score_text = self.score_edit.text().strip()
        if self.auto_check.isChecked() and self.auto_check.isEnabled() and declared_text:
            value: str | None = AUTO
        elif score_text:
            value = score_text
        else:
            value = None
        try:
            with self.ws.transaction() as s:
                set_entry(
                    s,
                    self.year,
                    e.code,
                    value=value,
                    declared=declared,
                    source=source,
                    reason=self.reason_edit.text(),
                    explanation=self.explanation_edit.toPlainText(),
                )
        except CchcError as exc:
            show_error(self, exc, "Chưa lưu được")
            return False
        self.show_node(self.year, e.code)
        self._message(f"Đã lưu {e.code}.", error=False)
        self.saved.emit(e.code)
        return True

    def set_rule(self) -> bool:
        e = self.info
        if e is None or self.year is None:
            return False
        try:
            with self.ws.transaction() as s:
                set_node_rule(s, self.year, e.code, self.rule_edit.text())
        except CchcError as exc:
            show_error(self, exc, "Chưa đặt được cách tính")
            return False
        self.show_node(self.year, e.code)
        self.saved.emit(e.code)
        return True
