"""The frame both import previews share (catalog, appraised results): what was read, a
banner saying what saving will do, the rows above the problems found, "Chấp nhận các cảnh
báo" and Lưu/Hủy. Saving needs something to save, no error, the warnings accepted, and
a year that may take it; until then nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.catalog.store import CatalogProblem, ProblemReport
from desktop.ui.errors import show_error
from desktop.ui.problem_list import ProblemList, problem_counts
from desktop.ui.table_model import compact_rows
from desktop.ui.vi import dialog_buttons

BANNER = "QLabel { background:%s; border:1px solid %s; padding:6px; color:%s; }"
NOTICE_STYLE = BANNER % ("#e8f1fb", "#9bbbe0", "#17375e")
REPLACE_STYLE = BANNER % ("#fff4ce", "#e0c060", "#5a4500")
BLOCKED_STYLE = BANNER % ("#fde2e4", "#e09aa2", "#7a0010")


class ImportPreviewDialog(QDialog):
    """Subclasses fill ``self.table`` with a model, give ``row_for(problem)`` and the text of
    a ready state, and call ``finish(...)`` at the end of their ``__init__``.
    ``saver(dialog)`` writes (raise to keep the dialog open); without one the dialog only
    checks and hands back the (corrected) preview."""

    def __init__(
        self,
        preview: ProblemReport,
        parent: QWidget | None,
        *,
        accept_text: str,
        saver: Callable | None = None,
    ) -> None:
        super().__init__(parent)
        self.preview, self.saver = preview, saver
        self.blocked = ""  # why this preview may not be saved at all ("" = it may)
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.hide()

        self.table = QTableView()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        compact_rows(self.table)

        self.problems_label = QLabel()
        self.problems = ProblemList()
        lower = QWidget()
        lay = QVBoxLayout(lower)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.problems_label)
        lay.addWidget(self.problems)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(self.table)
        self.split.addWidget(lower)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 1)

        self.accept_warnings = QCheckBox("&Chấp nhận các cảnh báo")
        self.buttons = dialog_buttons(
            self, QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(accept_text)
        self.bottom = QHBoxLayout()
        self.bottom.addStretch(1)
        self.bottom.addWidget(self.accept_warnings)
        self.bottom.addWidget(self.buttons)

        self.accept_warnings.toggled.connect(self.update_state)
        self.problems.problemChosen.connect(self.select_problem)

    def set_notice(self, text: str, style: str) -> None:
        self.notice.setText(text)
        self.notice.setStyleSheet(style)
        self.notice.setVisible(bool(text))

    def finish(self, *middle: QWidget | QLayout) -> None:
        """Lay the dialog out (``middle`` goes between the banner and the rows) and show
        the state of the preview."""
        root = QVBoxLayout(self)
        root.addWidget(self.source)
        root.addWidget(self.notice)
        for part in middle:
            if isinstance(part, QLayout):
                root.addLayout(part)
            else:
                root.addWidget(part)
        root.addWidget(self.split, 1)
        root.addLayout(self.bottom)
        self.update_state()

    # --- to be given by the subclass ----------------------------------------------------------

    def has_rows(self) -> bool:
        raise NotImplementedError

    def ready_text(self) -> str:
        raise NotImplementedError

    def row_for(self, problem: CatalogProblem) -> tuple[int, int] | None:
        """(row, column) of the table that a problem is about, if any."""
        raise NotImplementedError

    # --- shared behaviour ---------------------------------------------------------------------

    def update_state(self) -> None:
        p = self.preview
        self.problems.set_problems(p.problems)
        self.problems.setVisible(bool(p.problems))
        self.problems_label.setText(f"<b>Cần xem lại:</b> {problem_counts(p.problems)}.")
        self.accept_warnings.setEnabled(bool(p.warnings))
        accepted = not p.warnings or self.accept_warnings.isChecked()
        self.save_button.setEnabled(
            not self.blocked and self.has_rows() and not p.errors and accepted
        )
        if self.blocked:
            why = self.blocked
        elif p.errors:
            why = "Hãy sửa hết các lỗi (màu đỏ) trước khi lưu."
        elif not self.has_rows():
            why = "Không có dòng nào để lưu."
        elif not accepted:
            why = "Hãy xem các cảnh báo và đánh dấu “Chấp nhận các cảnh báo” để lưu."
        else:
            why = self.ready_text()
        self.save_button.setToolTip(why)

    def select_problem(self, problem: CatalogProblem) -> None:
        where = self.row_for(problem)
        if where is None:
            return
        idx = self.table.model().index(*where)
        self.table.setCurrentIndex(idx)
        self.table.scrollTo(idx, QAbstractItemView.ScrollHint.PositionAtCenter)

    def accept(self) -> None:
        if not self.save_button.isEnabled():
            return
        if self.saver is not None:
            try:
                self.saver(self)
            except Exception as exc:  # noqa: BLE001 - shown to the officer, dialog stays
                show_error(self, exc, "Chưa lưu")
                return
        super().accept()
