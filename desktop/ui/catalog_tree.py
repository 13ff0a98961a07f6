"""The year's catalog as a tree: area → criterion → sub-criterion, with max points and the
number of evidence documents, filterable without diacritics (``chi dao`` finds ``chỉ đạo``)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHeaderView, QLineEdit, QTreeView, QVBoxLayout, QWidget

from desktop.core.records import CatalogInfo, NodeInfo, level_name
from desktop.core.text import fold
from desktop.core.vnformat import format_points

NODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("Mã", "Nội dung", "Điểm tối đa", "Tài liệu")
COL_CODE, COL_TITLE, COL_MAX, COL_DOCS = range(4)


class _FoldFilter(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self._needle = ""
        self.setRecursiveFilteringEnabled(True)  # a match keeps its ancestors visible
        self.setAutoAcceptChildRows(True)  # ... and shows everything below it

    def set_needle(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.10
            self.beginFilterChange()
            self._needle = fold(text)
            self.endFilterChange()
        else:  # pragma: no cover - older Qt
            self._needle = fold(text)
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        if not self._needle:
            return True
        idx = self.sourceModel().index(row, 0, parent)
        return self._needle in (idx.data(SEARCH_ROLE) or "")


class CatalogTree(QWidget):
    """Filter box + tree. Emits ``nodeSelected(node_id or 0)``."""

    nodeSelected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit(placeholderText="Lọc theo mã hoặc nội dung (Ctrl+F)…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Lọc bộ tiêu chí")
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        self.proxy = _FoldFilter()
        self.proxy.setSourceModel(self.model)
        self.view = QTreeView()
        self.view.setModel(self.proxy)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        self.view.setAccessibleName("Cây bộ tiêu chí")
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_CODE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_MAX, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_DOCS, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.view)
        self.filter.textChanged.connect(self._on_filter)
        self.view.selectionModel().currentChanged.connect(self._on_current)
        self._items: dict[int, QStandardItem] = {}

    def _on_filter(self, text: str) -> None:
        self.proxy.set_needle(text)
        if text:
            self.view.expandAll()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        idx = current.siblingAtColumn(COL_CODE)
        self.nodeSelected.emit(int(idx.data(NODE_ID_ROLE) or 0))

    def populate(self, catalog: CatalogInfo | None, counts: dict[int, int]) -> None:
        self.model.removeRows(0, self.model.rowCount())
        self._items.clear()
        if catalog is None:
            return
        bold = QFont()
        bold.setBold(True)
        grey = QBrush(QColor("#666666"))
        for n in catalog.nodes:
            row = self._row(n, counts.get(n.id, 0))
            if n.level == 1:
                for item in row:
                    item.setFont(bold)
            if not n.self_scored:
                for item in row:
                    item.setForeground(grey)
                    item.setToolTip("Phần điều tra, khảo sát: do cơ quan thẩm định công bố.")
            parent = self._items.get(n.parent_id) if n.parent_id else None
            (parent or self.model.invisibleRootItem()).appendRow(row)
            self._items[n.id] = row[0]
        self.view.expandToDepth(0)

    @staticmethod
    def _row(n: NodeInfo, docs: int) -> list[QStandardItem]:
        code = QStandardItem(n.code)
        code.setData(n.id, NODE_ID_ROLE)
        code.setData(fold(f"{n.code} {n.title}"), SEARCH_ROLE)
        code.setToolTip(level_name(n.level))
        title = QStandardItem(n.title)
        title.setToolTip(n.title)
        points = QStandardItem(format_points(n.max_points))
        points.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        count = QStandardItem(str(docs) if docs else "")
        count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        items = [code, title, points, count]
        for item in items:
            item.setEditable(False)
        return items

    def select_node(self, node_id: int) -> bool:
        item = self._items.get(node_id)
        if item is None:
            return False
        idx = self.proxy.mapFromSource(item.index())
        if not idx.isValid():
            self.filter.clear()
            idx = self.proxy.mapFromSource(item.index())
        self.view.setCurrentIndex(idx)
        self.view.scrollTo(idx)
        return True

    def row_texts(self) -> list[tuple[str, str, str, str]]:
        """Visible rows in display order (for tests and accessibility)."""
        out: list[tuple[str, str, str, str]] = []

        def walk(parent: QModelIndex) -> None:
            for r in range(self.proxy.rowCount(parent)):
                idx = self.proxy.index(r, 0, parent)
                out.append(
                    tuple(self.proxy.index(r, c, parent).data() or "" for c in range(4))  # type: ignore[arg-type]
                )
                walk(idx)

        walk(QModelIndex())
        return out
