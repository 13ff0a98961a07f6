"""The problems found in an imported sheet: errors in red, warnings in amber, each naming
its sheet and row; choosing one tells the screen which row to show."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle

from desktop.core.catalog.store import CatalogProblem

ERROR_COLOUR = "#b00020"
WARNING_COLOUR = "#8a5300"
ERROR_BACKGROUND = "#fde2e4"
WARNING_BACKGROUND = "#fff1c7"
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 20


def problem_counts(problems: Sequence[CatalogProblem]) -> str:
    """``2 lỗi, 1 cảnh báo`` (or ``không có lỗi hay cảnh báo``)."""
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    if not problems:
        return "không có lỗi hay cảnh báo"
    return f"{errors} lỗi, {warnings} cảnh báo"


class ProblemList(QListWidget):
    """Emits ``problemChosen(problem)`` when the user clicks or moves onto a problem."""

    problemChosen = Signal(object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Danh sách lỗi và cảnh báo")
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.itemClicked.connect(self._chosen)
        self.itemActivated.connect(self._chosen)
        self.currentItemChanged.connect(lambda cur, _prev: self._chosen(cur))

    def set_problems(self, problems: Sequence[CatalogProblem]) -> None:
        self.blockSignals(True)
        self.clear()
        style = self.style()
        icons = {
            True: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            False: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        # errors first: they are what stands between the officer and saving
        for p in sorted(problems, key=lambda p: not p.is_error):
            label = "Lỗi" if p.is_error else "Cảnh báo"
            item = QListWidgetItem(icons[p.is_error], f"{label}: {p.message}")
            item.setForeground(QBrush(QColor(ERROR_COLOUR if p.is_error else WARNING_COLOUR)))
            item.setData(PROBLEM_ROLE, p)
            item.setToolTip(p.message)
            self.addItem(item)
        self.blockSignals(False)

    def problems(self) -> list[CatalogProblem]:
        return [self.item(i).data(PROBLEM_ROLE) for i in range(self.count())]

    def texts(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]

    def _chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.problemChosen.emit(item.data(PROBLEM_ROLE))
