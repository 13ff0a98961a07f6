"""The self-score of one sub-criterion, in its pane: the score (``1,5`` accepted; a bad value
is explained under the box and nothing is saved), "Không áp dụng", the officer's note and
the rule used for not-applicable points. Enter (or leaving the box) saves.

Scores go through ``selfassess.set_entry`` like the full self-assessment box, so a score
that differs from the one the scoring rule computes asks for a reason here too. That box
(declared figure, rule, reason, explanation) opens below with "Kê khai số liệu, giải
trình…" and is built only then.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from base.errors import CchcError
from desktop.core.office.vnformat import format_points
from desktop.core.records import NodeInfo
from desktop.core.scoring.calc import NaRule, NodeScore
from desktop.ui.widgets import button

if TYPE_CHECKING:
    from desktop.core.selfassess.entry import EntryInfo
    from desktop.ui.main_window import MainWindow
    from desktop.ui.scoring.declared_figure import DeclaredFigureBox

ERROR_STYLE = "QLineEdit { border: 1px solid #c42b1c; background: #fde7e9; }"
NA_TEXT = "na"


class ScoreBox(QGroupBox):
    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__("Tự chấm điểm", parent)
        self.window_ = window
        self.node: NodeInfo | None = None
        self._saved = ("", False, "")  # score text, not applicable, note
        self.declared: DeclaredFigureBox | None = None
        self.entry: EntryInfo | None = None

        self.score = QLineEdit(placeholderText="vd. 1,5")
        self.score.setAccessibleName("Điểm tự chấm")
        self.score.setToolTip("Điểm tự chấm, ví dụ 1,5 (F2 từ cây bộ tiêu chí); Enter để lưu")
        self.score.setMaximumWidth(90)
        self.score_max = QLabel()
        self.na = QCheckBox("&Không áp dụng")
        self.save_btn = button("&Lưu điểm", "Lưu điểm và ghi chú (Enter)")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#c42b1c")
        self.error.hide()
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet("color:#555")
        self.rule_words = QLabel()
        self.rule_words.setWordWrap(True)
        self.rule_words.setAccessibleName("Cách tính điểm")
        self.rule_btn = button("Đặt cách tín&h…", "Đặt hoặc sửa cách tính điểm của tiêu chí này")
        self.explained = QLabel()
        self.explained.setWordWrap(True)
        self.explained.setAccessibleName("Giải trình")
        self.note = QLineEdit(placeholderText="Ghi chú của cán bộ (việc còn phải làm…)")
        self.note.setAccessibleName("Ghi chú")
        self.more_btn = button("Kê khai &số liệu, giải trình…")
        self.more_btn.setCheckable(True)
        self.more_btn.setToolTip(
            "Số liệu kê khai, cách tính điểm, lý do chấm khác và giải trình của tiêu chí này"
        )
        row = QHBoxLayout()
        label = QLabel("Đ&iểm:")
        label.setBuddy(self.score)
        for w in (label, self.score, self.score_max, self.na):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.save_btn)
        note_row = QHBoxLayout()
        note_label = QLabel("&Ghi chú:")
        note_label.setBuddy(self.note)
        note_row.addWidget(note_label)
        note_row.addWidget(self.note, 1)
        rule_row = QHBoxLayout()
        rule_row.addWidget(self.rule, 1)
        rule_row.addWidget(self.rule_btn)
        rule_row.addWidget(self.more_btn)
        # wrapped labels straight in the column: in a row beside a button Qt may clip them
        self.lay = QVBoxLayout(self)
        self.lay.addLayout(row)
        self.lay.addWidget(self.error)
        self.lay.addWidget(self.rule_words)
        self.lay.addLayout(note_row)
        self.lay.addWidget(self.explained)
        self.lay.addLayout(rule_row)

        self.score.returnPressed.connect(self.save)
        self.note.returnPressed.connect(self.save)
        self.save_btn.clicked.connect(self.save)
        self.score.editingFinished.connect(self._save_if_changed)
        self.note.editingFinished.connect(self._save_if_changed)
        self.score.textEdited.connect(self.clear_error)
        self.na.toggled.connect(self._na_toggled)
        self.more_btn.toggled.connect(self._show_declared)
        self.rule_btn.clicked.connect(self.edit_rule)

    def show_node(self, node: NodeInfo, ns: NodeScore | None, rule: NaRule | None) -> None:
        self.node = node
        self.clear_error()
        na = ns is not None and not ns.applicable
        text = "" if ns is None or na else format_points(ns.self_score)
        note = ns.note if ns else ""
        self._saved = (text, na, note)
        for w in (self.score, self.na, self.note):
            w.blockSignals(True)
        self.score.setText(text)
        self.na.setChecked(na)
        self.note.setText(note)
        for w in (self.score, self.na, self.note):
            w.blockSignals(False)
        self.score.setEnabled(not na)
        self.score_max.setText(f"/ {format_points(node.max_points)} điểm")
        if rule is not None:
            self.rule.setText(f"Điểm của mục không áp dụng: {rule.label.lower()}.")
            self.rule.setToolTip(rule.description)
        self._show_entry()
        if self.declared is not None and self.declared.isVisible():
            self.declared.show_node(self.window_.year, node.code)

    def _show_entry(self) -> None:
        """The rule in words and the explanation, read for this sub-criterion."""
        from desktop.core.selfassess.entry import entry_info

        self.entry = None
        if self.node is not None and self.window_.year is not None:
            try:
                with self.window_.ws.session() as s:
                    self.entry = entry_info(s, self.window_.year, self.node.code)
            except CchcError:
                self.entry = None
        e = self.entry
        self.rule_btn.setEnabled(e is not None)
        self.rule_words.setText(
            f"<b>Cách tính điểm:</b> {escape(e.rule_words)}" if e is not None else ""
        )
        text = e.explanation if e is not None else ""
        self.explained.setText(
            f"<b>Giải trình:</b> {escape(text)}".replace("\n", "<br>") if text else ""
        )
        self.explained.setVisible(bool(text))

    def edit_rule(self) -> bool:
        """The "Cách tính điểm" dialog; the score follows a computed rule when saved."""
        from desktop.ui.scoring.rule_dialog import RuleDialog

        if self.entry is None or self.window_.year is None:
            return False
        dlg = RuleDialog(self.window_.ws, self.window_.year, self.entry, self)
        if not dlg.exec():
            return False
        self.window_.dataChanged.emit()
        return True

    def edit_explanation(self) -> None:
        """Open the self-assessment box below and put the cursor in "Giải trình"."""
        self.more_btn.setChecked(True)
        if self.declared is None:
            return
        edit = self.declared.explanation_edit
        edit.setFocus()
        scroll = self.parentWidget()
        while scroll is not None and not isinstance(scroll, QScrollArea):
            scroll = scroll.parentWidget()
        if scroll is not None:  # the pane scrolls: bring the box into view once laid out
            QTimer.singleShot(0, scroll, lambda: scroll.ensureWidgetVisible(edit))

    def focus(self) -> None:
        if self.isVisible() and self.score.isEnabled():
            self.score.setFocus()
            self.score.selectAll()

    def clear_error(self, *_args) -> None:
        self.error.hide()
        self.score.setStyleSheet("")

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.score.setStyleSheet(ERROR_STYLE)

    def _na_toggled(self, checked: bool) -> None:
        self.score.setEnabled(not checked)
        self.save()

    def _current_input(self) -> tuple[str, bool, str]:
        return (self.score.text().strip(), self.na.isChecked(), self.note.text().strip())

    def _save_if_changed(self) -> None:
        if self.node is not None and self._current_input() != self._saved:
            self.save()

    def save(self) -> bool:
        """Save the score (or "không áp dụng", or no score) and the note in one go."""
        node, year = self.node, self.window_.year
        if node is None or year is None:
            return False
        from desktop.core.scoring.scores import clear_score, set_note
        from desktop.core.selfassess.entry import set_entry

        text, na, note = self._current_input()
        try:
            with self.window_.ws.transaction() as s:
                if na or text:
                    set_entry(s, year, node.code, value=NA_TEXT if na else text)
                else:
                    clear_score(s, year, node.code)
                set_note(s, year, node.code, note)
        except CchcError as exc:
            self.show_error(exc.message)
            return False
        self._saved = (text, na, note)
        self.clear_error()
        self.window_.dataChanged.emit()
        return True

    def _show_declared(self, on: bool) -> None:
        if on and self.declared is None:
            from desktop.ui.scoring.declared_figure import DeclaredFigureBox

            self.declared = DeclaredFigureBox(self.window_.ws)
            self.declared.setFlat(True)
            self.declared.hide_rule_rows()  # the rule shows above, set with "Đặt cách tính…"
            self.declared.saved.connect(lambda _code: self.window_.dataChanged.emit())
            self.lay.addWidget(self.declared)
        if self.declared is not None:
            self.declared.setVisible(on)
            if on and self.node is not None:
                self.declared.show_node(self.window_.year, self.node.code)
