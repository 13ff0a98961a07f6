"""A read-only table of figures where a click on a figure (or Enter on it) asks for the
records behind it: ``figureActivated(figure key, field name or None)``."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QTableWidget

CENTER = Qt.AlignmentFlag.AlignCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
ACTIVATE_HINT = "Bấm (hoặc chọn rồi nhấn Enter) để xem danh sách hồ sơ."


class FigureTable(QTableWidget):
    figureActivated = Signal(str, object)
    first_data_row = 0

    def __init__(self, rows: int, columns: int, parent=None) -> None:
        super().__init__(rows, columns, parent)
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setMouseTracking(True)
        self.cellClicked.connect(self._activate)

    def figure_at(self, row: int, col: int) -> tuple[str, str | None] | None:
        """(figure key, field name or None for all fields) of a figure cell."""
        raise NotImplementedError

    def row_texts(self) -> list[list[str]]:
        """The data rows as shown."""
        return [
            [self.item(r, c).text() if self.item(r, c) else "" for c in range(self.columnCount())]
            for r in range(self.first_data_row, self.rowCount())
        ]

    def _activate(self, row: int, col: int) -> None:
        hit = self.figure_at(row, col)
        if hit is not None:
            self.figureActivated.emit(*hit)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self._activate(self.currentRow(), self.currentColumn())
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        index = self.indexAt(event.position().toPoint())
        hit = index.isValid() and self.figure_at(index.row(), index.column()) is not None
        self.viewport().setCursor(
            Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor
        )
        super().mouseMoveEvent(event)
