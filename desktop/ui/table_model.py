"""One table model for lists of plain records (register rows, loss rows, plan rows ...).

    cols = [Column("Số ký hiệu", lambda r: r.number), Column("Ngày", fmt_date, sort=lambda r: r.date)]
    model = RecordTableModel(cols); model.set_rows(rows)

Sorting happens through a QSortFilterProxyModel using ``SORT_ROLE`` (the column's sort key),
or, for long lists (the register of 20,000 documents), in the model itself: a view with
``setSortingEnabled(True)`` directly on the model sorts with one Python ``sort`` by the
column's key, and the order is kept when ``set_rows`` brings new rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QTableView

T = TypeVar("T")
SORT_ROLE = Qt.ItemDataRole.UserRole + 10
RECORD_ROLE = Qt.ItemDataRole.UserRole + 11
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

Index = QModelIndex | QPersistentModelIndex


def sortable(key: Any) -> Any:
    """A sort key Qt can compare: Python dates and Decimals reach QSortFilterProxyModel as
    opaque objects that it leaves unsorted, so they become ISO text and floats."""
    if key is None:
        return ""
    if isinstance(key, date):  # datetime too
        return key.isoformat()
    if isinstance(key, Decimal):
        return float(key)
    return key


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    text: Callable[[T], str]
    sort: Callable[[T], Any] | None = None
    align: Qt.AlignmentFlag = LEFT
    tooltip: Callable[[T], str] | None = None
    background: Callable[[T], str | None] | None = None  # a colour name or None


class RecordTableModel(QAbstractTableModel, Generic[T]):
    def __init__(self, columns: Sequence[Column[T]], parent=None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[T] = []
        self._sorted_by: tuple[int, bool] | None = None  # (column, descending)

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        if self._sorted_by is not None:
            self._sort_rows(*self._sorted_by)
        self.endResetModel()

    def _sort_rows(self, column: int, descending: bool) -> None:
        col = self.columns[column]
        key = col.sort or col.text
        self.rows.sort(key=key, reverse=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        records = [(self.rows[i.row()], i.column()) for i in before]
        self._sorted_by = (column, descending)
        self._sort_rows(column, descending)
        where = {id(r): n for n, r in enumerate(self.rows)}
        self.changePersistentIndexList(before, [self.index(where[id(r)], c) for r, c in records])
        self.layoutChanged.emit()

    def record(self, row: int) -> T:
        return self.rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        rec = self.rows[index.row()]
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(rec)
        if role == SORT_ROLE:
            return sortable(col.sort(rec) if col.sort else col.text(rec))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(col.align)
        if role == Qt.ItemDataRole.ToolTipRole:
            return col.tooltip(rec) if col.tooltip else col.text(rec)
        if role == Qt.ItemDataRole.BackgroundRole and col.background:
            colour = col.background(rec)
            return QBrush(QColor(colour)) if colour else None
        if role == RECORD_ROLE:
            return rec
        return None

    def texts(self) -> list[list[str]]:
        """All cells as shown (tests and export)."""
        return [[c.text(r) for c in self.columns] for r in self.rows]


def compact_rows(view) -> None:
    """One line of text per row (Qt's default row is taller than a Windows list)."""
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)


def record_view(model: RecordTableModel, name: str, *, single: bool = False) -> QTableView:
    """A table of records as the register and the lists show them: whole rows selected,
    alternating colours, one line per row, no row numbers, sorted by the model itself."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setHighlightSections(False)
    compact_rows(view)
    return view
