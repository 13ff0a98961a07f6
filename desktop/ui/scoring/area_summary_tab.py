"""The "Tổng hợp theo lĩnh vực" tab: per area its maximum, the self-score, the share of its
sub-criteria with evidence, what is scored and the gap; a total row for the index.
Figures come from the window's overview (no database read of its own); double-click or
Enter on an area shows it in the catalog tree."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.core.office.vnformat import format_points
from desktop.core.scoring.calc import NODE_STATUS_LABELS, ScoreTree
from desktop.ui.keys import ENTER_KEYS, on_keys
from desktop.ui.table_model import RIGHT, Column, RecordTableModel, record_view

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


@dataclass(frozen=True)
class AreaLine:
    node_id: int | None  # None: the total row
    code: str
    title: str
    max_points: Decimal
    effective_max: Decimal | None
    self_score: Decimal | None
    evidence_percent: Decimal | None
    scored: str
    gap: Decimal | None
    note: str = ""


def area_lines(tree: ScoreTree) -> list[AreaLine]:
    lines = []
    for a in tree.areas():
        if not a.applicable:
            note = NODE_STATUS_LABELS["na"]
        elif not a.self_scored:
            note = "Do cơ quan thẩm định công bố"
        else:
            note = ""
        title = a.title
        if a.bonus and "điểm cộng" not in title.lower():
            title += " (điểm cộng)"
        lines.append(
            AreaLine(
                a.node_id,
                a.code,
                title,
                a.max_points,
                a.effective_max,
                a.effective_score if a.self_scored else None,
                a.evidence_percent,
                f"{a.scored}/{a.leaves}" if a.leaves else "",
                a.gap,
                note,
            )
        )
    lines.append(
        AreaLine(
            None,
            "",
            "Tổng cộng (không gồm điểm cộng)" if tree.bonus_max else "Tổng cộng",
            tree.max_points,
            tree.effective_max,
            tree.self_score,
            tree.evidence_percent,
            f"{tree.scored}/{tree.leaves}",
            tree.gap,
        )
    )
    if tree.bonus_max:
        lines.append(
            AreaLine(
                None,
                "",
                "Tổng cộng gồm điểm cộng",
                tree.max_points + tree.bonus_max,
                None,
                tree.combined_score,
                None,
                "",
                None,
            )
        )
    return lines


def _max_text(line: AreaLine) -> str:
    text = format_points(line.max_points)
    if line.effective_max is not None and line.effective_max != line.max_points:
        text += f" ({format_points(line.effective_max)})"
    return text


def _percent(value: Decimal | None) -> str:
    return "" if value is None else f"{format_points(value)}%"


COLUMNS: list[Column[AreaLine]] = [
    Column("Mã", lambda r: r.code),
    Column("Lĩnh vực", lambda r: r.title),
    Column(
        "Điểm tối đa",
        _max_text,
        align=RIGHT,
        tooltip=lambda r: (
            "Trong ngoặc: điểm tối đa sau khi chia lại điểm mục không áp dụng"
            if "(" in _max_text(r)
            else _max_text(r)
        ),
    ),
    Column(
        "Tự chấm",
        lambda r: format_points(r.self_score) or r.note or "chưa chấm",
        align=RIGHT,
    ),
    Column(
        "Có tài liệu",
        lambda r: _percent(r.evidence_percent),
        align=RIGHT,
        tooltip=lambda r: "Tỷ lệ tiêu chí thành phần đã có tài liệu kiểm chứng",
    ),
    Column(
        "Đã chấm",
        lambda r: r.scored,
        align=RIGHT,
        tooltip=lambda r: "Số tiêu chí thành phần đã tự chấm / số tiêu chí xã tự chấm",
    ),
    Column(
        "Còn thiếu",
        lambda r: format_points(r.gap),
        align=RIGHT,
        tooltip=lambda r: "Điểm tối đa trừ điểm tự chấm",
        background=lambda r: "#fde7e9" if r.gap else None,
    ),
]


class _AreaModel(RecordTableModel[AreaLine]):
    """The total row (the last) in bold."""

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.FontRole and index.isValid():
            if self.rows[index.row()].node_id is None:
                bold = QFont()
                bold.setBold(True)
                return bold
            return None
        return super().data(index, role)


class AreaSummaryTab(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window_ = window
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.model = _AreaModel(COLUMNS, self)
        self.table = record_view(self.model, "Tổng hợp điểm theo lĩnh vực", single=True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.intro)
        lay.addWidget(self.table, 1)
        self.table.activated.connect(lambda idx: self._jump(idx.row()))
        jump = lambda: self._jump(self.table.currentIndex().row())  # noqa: E731
        on_keys(self.table, dict.fromkeys(ENTER_KEYS, jump))

    def refresh(self) -> None:
        ov = self.window_.overview
        tree = ov.scores if ov else None
        lines = area_lines(tree) if tree is not None else []
        self.model.set_rows(lines)
        self.intro.setText(
            f"Năm {tree.year}: điểm tự chấm của xã theo từng lĩnh vực. Mục không áp dụng: "
            f"{tree.rule.label.lower()}. Nhấp đúp một lĩnh vực để xem trong cây bộ tiêu chí."
            if tree is not None
            else "Chưa có năm đánh giá."
        )

    def _jump(self, row: int) -> None:
        if 0 <= row < len(self.model.rows):
            node_id = self.model.record(row).node_id
            if node_id is not None:
                self.window_.show_node(node_id)
