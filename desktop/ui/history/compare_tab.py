"""The "So sánh các xã cũ" tab: per former commune and year (and the merged commune's own
years, last), the appraised total and rank and each area's score and rank, side by side;
under it the former communes' report files (``history_report_files``).
Reads the merged commune's data folder and every history folder (not the unit shown)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from desktop.core.history.compare import CompareRow, CompareTable, compare_units
from desktop.core.office.vnformat import format_points
from desktop.ui.history.report_files import HistoryReportFiles
from desktop.ui.table_model import RIGHT, Column, RecordTableModel, record_view

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

EMPTY = (
    "Chưa nhập lịch sử xã cũ nào. Dùng Tệp → Nhập lịch sử xã cũ… để nhập gói tài liệu hoặc "
    "bản sao lưu của từng xã cũ đã sáp nhập."
)


def _score(score, max_points=None, rank: str = "") -> str:
    if score is None:
        return ""
    text = format_points(score)
    if max_points is not None:
        text += f"/{format_points(max_points)}"
    return f"{text} ({rank})" if rank else text


def _current(r: CompareRow) -> str | None:
    return "#e8f1fb" if r.current else None


def _area_column(code: str, title: str) -> Column[CompareRow]:
    def text(r: CompareRow) -> str:
        a = r.areas.get(code)
        return _score(a.score, rank=a.rank) if a else ""

    def tip(r: CompareRow) -> str:
        a = r.areas.get(code)
        if a is None:
            return f"Lĩnh vực {code}. {title}: bộ tiêu chí năm {r.year} không có"
        if a.score is None:
            return f"Lĩnh vực {code}. {title}: chưa có điểm thẩm định"
        rank = f", xếp hạng {a.rank}" if a.rank else ""
        return f"Lĩnh vực {code}. {title}: {_score(a.score, a.max_points)}{rank}"

    return Column(f"LV {code}", text, align=RIGHT, tooltip=tip, background=_current)


def columns(table: CompareTable) -> list[Column[CompareRow]]:
    current = _current
    return [
        Column(
            "Đơn vị",
            lambda r: f"{r.unit} ({'hiện tại' if r.current else 'xã cũ'})",
            background=current,
        ),
        Column("Năm", lambda r: str(r.year), align=RIGHT, background=current),
        Column(
            "Tổng điểm",
            lambda r: _score(r.total, r.max_total) or "chưa có",
            align=RIGHT,
            background=current,
        ),
        Column("Xếp hạng", lambda r: r.total_rank, align=RIGHT, background=current),
        *(_area_column(code, title) for code, title in table.areas),
        Column("Cơ quan thẩm định", lambda r: r.appraiser, background=current),
    ]


class HistoryCompareTab(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window = window
        self.table: CompareTable | None = None
        lay = QVBoxLayout(self)
        self.heading = QLabel(
            "<b>So sánh các xã cũ</b> – điểm thẩm định từng lĩnh vực (LV), trong ngoặc là "
            "xếp hạng; di chuột vào ô để xem tên lĩnh vực và điểm tối đa."
        )
        lay.addWidget(self.heading)
        self.model: RecordTableModel[CompareRow] = RecordTableModel([], self)
        self.view = record_view(self.model, "So sánh các xã cũ")
        lay.addWidget(self.view, 2)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.legend)
        self.reports = HistoryReportFiles(window)
        lay.addWidget(self.reports, 1)

    def _main_ws(self):
        units = getattr(self.window, "units", None)
        return units.main_ws if units is not None else self.window.ws

    def refresh(self) -> None:
        ws = self._main_ws()
        self.table = table = compare_units(ws)
        self.reports.refresh(ws.data_dir)
        self.model.columns = columns(table)
        self.model.set_rows(table.rows)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.model.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
        has_history = any(not r.current for r in table.rows)
        if not has_history:
            self.legend.setText(EMPTY)
        else:
            self.legend.setText(
                "Lĩnh vực: " + "; ".join(f"{code}. {title}" for code, title in table.areas)
            )

    def row_texts(self) -> list[tuple[str, ...]]:
        return [tuple(c.text(r) for c in self.model.columns) for r in self.model.rows]
