"""Parts of the "Tự đánh giá" screen: the score table's rows and columns, the report's
editable texts (difficulties, recommendations) and the changes since the submitted round."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.office.vnformat import format_points
from desktop.core.selfassess.readiness import Readiness
from desktop.core.selfassess.report import ReportRow, ReportTexts
from desktop.core.selfassess.rounds import Change, RoundDiff
from desktop.ui.table_model import RIGHT, Column, RecordTableModel, record_view
from desktop.ui.widgets import button

MISSING = "Thiếu giải trình"
EXPLAINED = "Đã giải trình"
MISSING_BG = "#fde7e9"
INDENT = "    "


@dataclass(frozen=True)
class ScoreLine:
    row: ReportRow
    explanation_status: str  # "", EXPLAINED or MISSING

    @property
    def content(self) -> str:
        r = self.row
        title = r.title
        if r.bonus and r.level == 1 and "điểm cộng" not in title.lower():
            title += " (điểm cộng)"
        return INDENT * (r.level - 1) + title


def score_lines(rows: list[ReportRow], state: Readiness | None) -> list[ScoreLine]:
    needs = {n.code: n for n in state.needs} if state is not None else {}
    out = []
    for r in rows:
        need = needs.get(r.code)
        if need is not None and need.missing:
            status = MISSING
        elif r.is_leaf and (need is not None or r.explanation):
            status = EXPLAINED
        else:
            status = ""
        out.append(ScoreLine(r, status))
    return out


def _explanation_tip(line: ScoreLine) -> str:
    if line.explanation_status == MISSING:
        return "Cần giải trình trước khi nộp: nhấp đúp để mở tiêu chí và ghi giải trình."
    return line.row.explanation


SCORE_COLUMNS: list[Column[ScoreLine]] = [
    Column("Mã", lambda r: r.row.code),
    Column("Nội dung", lambda r: r.content, tooltip=lambda r: r.row.title),
    Column("Tối đa", lambda r: format_points(r.row.max_points), align=RIGHT),
    Column("Số liệu kê khai", lambda r: r.row.declared),
    Column("Tự chấm", lambda r: r.row.score_text, align=RIGHT),
    Column("Tài liệu kiểm chứng", lambda r: r.row.evidence),
    Column(
        "Giải trình",
        lambda r: r.explanation_status,
        tooltip=_explanation_tip,
        background=lambda r: MISSING_BG if r.explanation_status == MISSING else None,
    ),
]


class ScoreModel(RecordTableModel[ScoreLine]):
    """Areas and criteria in bold, as in the report."""

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.FontRole and index.isValid():
            if not self.rows[index.row()].row.is_leaf:
                bold = QFont()
                bold.setBold(True)
                return bold
            return None
        return super().data(index, role)


def score_table(model: ScoreModel):
    view = record_view(model, "Bảng điểm tự đánh giá", single=True)
    view.setToolTip("Nhấp đúp hoặc Enter để mở tiêu chí trong cây bộ tiêu chí")
    header = view.horizontalHeader()
    for col, width in ((0, 64), (2, 52), (3, 110), (4, 64), (5, 140), (6, 110)):
        header.resizeSection(col, width)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    return view


class TextsPane(QWidget):
    """ "Khó khăn, vướng mắc" and "Kiến nghị, đề xuất" of the year's report."""

    saveRequested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.difficulties = QPlainTextEdit()
        self.difficulties.setAccessibleName("Khó khăn, vướng mắc")
        self.difficulties.setPlaceholderText("Những khó khăn, vướng mắc trong năm…")
        self.recommendations = QPlainTextEdit()
        self.recommendations.setAccessibleName("Kiến nghị, đề xuất")
        self.recommendations.setPlaceholderText("Kiến nghị, đề xuất với cấp trên…")
        for edit in (self.difficulties, self.recommendations):
            edit.setTabChangesFocus(True)
        self.save_btn = button("&Lưu nội dung", "Lưu khó khăn, vướng mắc và kiến nghị, đề xuất")
        self.saved_label = QLabel()
        self.saved_label.setStyleSheet("color:#555")
        d_label = QLabel("Khó khăn, &vướng mắc:")
        d_label.setBuddy(self.difficulties)
        r_label = QLabel("Kiến ng&hị, đề xuất:")
        r_label.setBuddy(self.recommendations)
        bottom = QHBoxLayout()
        bottom.addWidget(self.saved_label, 1)
        bottom.addWidget(self.save_btn)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(d_label)
        lay.addWidget(self.difficulties, 1)
        lay.addWidget(r_label)
        lay.addWidget(self.recommendations, 1)
        lay.addLayout(bottom)
        self.save_btn.clicked.connect(self.saveRequested)

    @property
    def dirty(self) -> bool:
        return any(e.document().isModified() for e in (self.difficulties, self.recommendations))

    def show_texts(self, texts: ReportTexts) -> None:
        """Show the stored texts, unless the officer is in the middle of editing them."""
        if self.dirty:
            return
        self.difficulties.setPlainText(texts.difficulties)
        self.recommendations.setPlainText(texts.recommendations)
        self.mark_saved()

    def mark_saved(self) -> None:
        for e in (self.difficulties, self.recommendations):
            e.document().setModified(False)

    def values(self) -> tuple[str, str]:
        return self.difficulties.toPlainText(), self.recommendations.toPlainText()


@dataclass(frozen=True)
class DiffLine:
    change: Change


DIFF_COLUMNS: list[Column[DiffLine]] = [
    Column("Mã", lambda r: r.change.code),
    Column("Nội dung", lambda r: r.change.title),
    Column("Thay đổi", lambda r: r.change.what),
    Column("Vòng đã nộp", lambda r: r.change.before),
    Column("Hiện nay", lambda r: r.change.after),
]


class RoundPane(QWidget):
    """The submitted round and what changed since, as a table."""

    def __init__(self) -> None:
        super().__init__()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model: RecordTableModel[DiffLine] = RecordTableModel(DIFF_COLUMNS, self)
        self.table = record_view(self.model, "Thay đổi so với vòng đã nộp", single=True)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(40)
        for col, width in ((0, 48), (2, 96), (3, 84), (4, 84)):
            header.resizeSection(col, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)

    def show_diff(self, status_text: str, diff: RoundDiff | None) -> None:
        if diff is not None:
            status_text = (
                f"Thay đổi so với {diff.round.label}:"
                if diff.changed
                else f"Chưa sửa gì sau khi nộp {diff.round.label}."
            )
        self.summary.setText(status_text)
        rows = [*diff.changes, *diff.totals] if diff is not None else []
        self.model.set_rows([DiffLine(c) for c in rows])
        self.table.setVisible(diff is not None)
