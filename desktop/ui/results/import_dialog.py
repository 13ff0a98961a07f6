"""Kết quả thẩm định → Nhập từ Excel…: the sheet is read and matched against the year's
catalog off the GUI thread, then this dialog shows what would be saved and what is wrong
(sheet and row named); the year's results are replaced only when the officer saves."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QWidget,
)

from desktop.core.catalog.store import CatalogProblem
from desktop.core.office.vnformat import format_date, format_points
from desktop.core.results.importer import ResultRow, ResultsPreview
from desktop.ui.import_preview import NOTICE_STYLE, REPLACE_STYLE, ImportPreviewDialog
from desktop.ui.problem_list import ERROR_BACKGROUND
from desktop.ui.table_model import RIGHT, Column, RecordTableModel


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


class ResultsImportDialog(ImportPreviewDialog):
    """``saver(dialog)`` writes the results; raising keeps the dialog open."""

    def __init__(self, preview: ResultsPreview, existing: str, saver, parent: QWidget) -> None:
        super().__init__(preview, parent, accept_text="&Lưu kết quả", saver=saver)
        self.preview: ResultsPreview = preview
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
        self.source.setText(text)
        if existing:  # what saving replaces (``ResultsReplacement.describe``)
            self.set_notice(
                f"{existing} Dữ liệu hiện tại được sao lưu trước khi thay.", REPLACE_STYLE
            )
        else:
            self.set_notice(
                f"Năm {p.year} chưa có kết quả thẩm định: kết quả trong tệp sẽ được lưu.",
                NOTICE_STYLE,
            )
        self.model = RecordTableModel(ROW_COLUMNS, self)
        self.model.set_rows(p.rows)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Các dòng điểm trong tệp")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.finish()

    def has_rows(self) -> bool:
        return bool(self.preview.matched)

    def ready_text(self) -> str:
        return f"Lưu làm kết quả thẩm định năm {self.preview.year}."

    def row_for(self, problem: CatalogProblem) -> tuple[int, int] | None:
        for i, r in enumerate(self.model.rows):
            if problem.row is not None and r.row == problem.row:
                return i, 0
        return None
