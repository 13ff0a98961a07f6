"""Kết quả thẩm định → Nhập từ Excel…: the sheet is read and matched against the year's
catalog off the GUI thread, then this dialog shows what would be saved and what is wrong
(sheet and row named); the year's results are replaced only when the officer saves."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.catalog import CatalogProblem
from desktop.core.results_import import ResultRow, ResultsPreview
from desktop.core.vnformat import format_date, format_points
from desktop.ui.catalog_import_dialog import NOTICE_STYLE, REPLACE_STYLE
from desktop.ui.errors import show_error
from desktop.ui.problem_list import ERROR_BACKGROUND, ProblemList, problem_counts
from desktop.ui.table_model import RIGHT, Column, RecordTableModel, compact_rows
from desktop.ui.vi import translate_buttons


def _score_text(r: ResultRow) -> str:
    return format_points(r.score) if r.applicable else "không áp dụng"


ROW_COLUMNS = [
    Column("Dòng", lambda r: str(r.row), align=RIGHT),
    Column("Mã trong tệp", lambda r: r.code),
    Column("Nội dung", lambda r: r.title),
    Column(
        "Khớp mục",
        lambda r: r.node_code or "—",
        background=lambda r: None if r.node_code else ERROR_BACKGROUND,
    ),
    Column("Điểm đạt", _score_text, align=RIGHT),
    Column("Điểm tối đa (tệp)", lambda r: format_points(r.max_points), align=RIGHT),
    Column("Xếp hạng", lambda r: r.rank),
]


class ResultsImportDialog(QDialog):
    """``saver(dialog)`` writes the results; raising keeps the dialog open."""

    def __init__(self, preview: ResultsPreview, existing: str, saver, parent: QWidget) -> None:
        super().__init__(parent)
        self.preview, self.saver = preview, saver
        self.setWindowTitle(f"Nhập kết quả thẩm định năm {preview.year} – {preview.path.name}")
        self.resize(1100, 620)
        p = preview
        text = (
            f"Tệp <b>{p.path.name}</b>, sheet “{p.sheet}”: {len(p.rows)} dòng điểm, "
            f"{len(p.matched)} dòng khớp bộ tiêu chí năm {p.year}."
        )
        if p.total is not None:
            text += f" Tổng {format_points(p.total)}"
            text += f", xếp hạng {p.total_rank}." if p.total_rank else "."
        if p.decision_number:
            when = f" ngày {format_date(p.decision_date)}" if p.decision_date else ""
            text += f" Quyết định số {p.decision_number}{when}."
        source = QLabel(text)
        source.setWordWrap(True)
        self.notice = QLabel(
            f"Năm {p.year} đã có kết quả thẩm định ({existing}). Khi lưu, kết quả trong tệp "
            "sẽ THAY THẾ toàn bộ kết quả cũ của năm."
            if existing
            else f"Năm {p.year} chưa có kết quả thẩm định: kết quả trong tệp sẽ được lưu."
        )
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(REPLACE_STYLE if existing else NOTICE_STYLE)

        self.model = RecordTableModel(ROW_COLUMNS, self)
        self.model.set_rows(p.rows)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(proxy)
        self.table.setAccessibleName("Các dòng điểm trong tệp")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        compact_rows(self.table)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.problems = ProblemList()
        self.problems.set_problems(p.problems)
        self.problems.setVisible(bool(p.problems))
        self.problems.problemChosen.connect(self.select_problem)
        lower = QWidget()
        lay = QVBoxLayout(lower)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel(f"<b>Cần xem lại:</b> {problem_counts(p.problems)}."))
        lay.addWidget(self.problems)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)

        self.accept_warnings = QCheckBox("&Chấp nhận các cảnh báo")
        self.accept_warnings.setEnabled(bool(p.warnings))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        translate_buttons(self.buttons)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Lưu kết quả")
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.accept_warnings)
        bottom.addWidget(self.buttons)
        root = QVBoxLayout(self)
        root.addWidget(source)
        root.addWidget(self.notice)
        root.addWidget(split, 1)
        root.addLayout(bottom)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.accept_warnings.toggled.connect(self._update_state)
        self._update_state()

    def _update_state(self) -> None:
        p = self.preview
        ok = (
            not p.errors
            and bool(p.matched)
            and (not p.warnings or self.accept_warnings.isChecked())
        )
        self.save_button.setEnabled(ok)
        if p.errors:
            tip = "Tệp có lỗi: hãy sửa tệp rồi nhập lại."
        elif not p.matched:
            tip = "Không có dòng điểm nào khớp bộ tiêu chí."
        elif p.warnings and not self.accept_warnings.isChecked():
            tip = "Hãy xem các cảnh báo và đánh dấu “Chấp nhận các cảnh báo” để lưu."
        else:
            tip = f"Lưu làm kết quả thẩm định năm {p.year}."
        self.save_button.setToolTip(tip)

    def select_problem(self, problem: CatalogProblem) -> None:
        for i, r in enumerate(self.model.rows):
            if problem.row is not None and r.row == problem.row:
                idx = self.table.model().mapFromSource(self.model.index(i, 0))
                self.table.setCurrentIndex(idx)
                self.table.scrollTo(idx, QAbstractItemView.ScrollHint.PositionAtCenter)
                return

    def accept(self) -> None:
        if not self.save_button.isEnabled():
            return
        try:
            self.saver(self)
        except Exception as exc:  # noqa: BLE001 - shown to the officer, dialog stays open
            show_error(self, exc, "Chưa lưu kết quả")
            return
        super().accept()
