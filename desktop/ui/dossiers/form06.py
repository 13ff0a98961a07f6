"""The period's figures laid out like form Biểu số 06/VPCP/KSTT (TT 01/2020/TT-VPCP).

STT | Lĩnh vực | received: Tổng số, Trực tuyến, Trực tiếp và dịch vụ bưu chính, Từ kỳ
trước | resolved: Tổng số, Trước hạn, Đúng hạn, Quá hạn | in progress: Tổng số, Trong hạn,
Quá hạn. The two header rows are the table's first rows (with spans, as on paper); the
total row comes first, as in the form and its .xlsx export. A click on a figure (or Enter)
asks for the dossiers behind it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHeaderView, QTableWidgetItem

from desktop.core.dossiers import DossierFigures, FieldFigures
from desktop.core.dossiers.export import GROUPS, SUB_HEADERS
from desktop.core.dossiers.figures import FIGURE_LABELS
from desktop.core.dossiers.stats import FORM06_FIGURES
from desktop.core.office.vnformat import format_int
from desktop.ui.dossiers.figure_table import ACTIVATE_HINT, CENTER, LEFT, FigureTable

HEADER_ROWS = 2
FIRST_FIGURE_COL = 2
HEADER_BG = QColor("#e9eef5")
TOTAL_BG = QColor("#f6f8fb")


class Form06Table(FigureTable):
    first_data_row = HEADER_ROWS

    def __init__(self, parent=None) -> None:
        super().__init__(HEADER_ROWS, FIRST_FIGURE_COL + len(FORM06_FIGURES), parent)
        self.setAccessibleName("Biểu 06: tình hình, kết quả giải quyết TTHC")
        self.horizontalHeader().hide()
        self.setWordWrap(True)
        self.fields: list[str | None] = []  # per data row: field name, None = total row
        self._build_header()
        fm = self.fontMetrics()
        number_width = max(fm.horizontalAdvance("Từ kỳ trước") + 18, 76)
        head = self.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.setColumnWidth(0, fm.horizontalAdvance("STT") + 18)
        for col in range(FIRST_FIGURE_COL, self.columnCount()):
            self.setColumnWidth(col, number_width)
        self.resizeRowsToContents()

    # --- header -----------------------------------------------------------------------------

    def _head_item(self, text: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setTextAlignment(CENTER)
        item.setBackground(QBrush(HEADER_BG))
        item.setForeground(QBrush(QColor("#1f2d3d")))
        font = QFont(self.font())
        font.setBold(True)
        item.setFont(font)
        return item

    def _build_header(self) -> None:
        for col, text in ((0, "STT"), (1, "Lĩnh vực")):
            self.setItem(0, col, self._head_item(text))
            self.setItem(1, col, self._head_item(""))
            self.setSpan(0, col, 2, 1)
        for text, first, last in GROUPS:  # 1-based columns of the form
            self.setItem(0, first - 1, self._head_item(text))
            for col in range(first, last):
                self.setItem(0, col, self._head_item(""))
            self.setSpan(0, first - 1, 1, last - first + 1)
        for i, text in enumerate(SUB_HEADERS):
            self.setItem(1, FIRST_FIGURE_COL + i, self._head_item(text))

    def header_texts(self) -> list[list[str]]:
        return [[self.item(r, c).text() for c in range(self.columnCount())] for r in (0, 1)]

    # --- data -------------------------------------------------------------------------------

    def show_figures(self, figures: DossierFigures) -> None:
        rows: list[tuple[str, FieldFigures, str | None]] = [("", figures.total, None)]
        rows += [(str(i), f, f.field) for i, f in enumerate(figures.by_field, start=1)]
        self.setRowCount(HEADER_ROWS + len(rows))
        self.fields = [name for _, _, name in rows]
        bold = QFont(self.font())
        bold.setBold(True)
        for r, (stt, fig, name) in enumerate(rows, start=HEADER_ROWS):
            texts = [stt, fig.field, *(format_int(v) for v in fig.form06_cells())]
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setTextAlignment(LEFT if c == 1 else CENTER)
                if name is None:
                    item.setFont(bold)
                    item.setBackground(QBrush(TOTAL_BG))
                if c >= FIRST_FIGURE_COL:
                    key = FORM06_FIGURES[c - FIRST_FIGURE_COL]
                    where = "tất cả lĩnh vực" if name is None else f"lĩnh vực {name}"
                    item.setToolTip(f"{FIGURE_LABELS[key]} ({where}): {text}.\n{ACTIVATE_HINT}")
                elif c == 1:
                    item.setToolTip(fig.field)
                self.setItem(r, c, item)
        self.resizeRowsToContents()
        self.updateGeometry()

    def figure_at(self, row: int, col: int) -> tuple[str, str | None] | None:
        data_row = row - HEADER_ROWS
        if not 0 <= data_row < len(self.fields) or col < FIRST_FIGURE_COL:
            return None
        return FORM06_FIGURES[col - FIRST_FIGURE_COL], self.fields[data_row]

    def cell_for(self, figure: str, field_name: str | None) -> tuple[int, int]:
        """(row, column) of a figure of a field (None: the total row)."""
        return (
            HEADER_ROWS + self.fields.index(field_name),
            FIRST_FIGURE_COL + FORM06_FIGURES.index(figure),
        )

    def content_height(self) -> int:
        rows = sum(self.rowHeight(r) for r in range(self.rowCount()))
        return rows + 2 * self.frameWidth() + 2
