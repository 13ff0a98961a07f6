"""The year's catalog as a tree: area → criterion → sub-criterion, with max points, the
self-score rolled up, the number of evidence documents and a status colour per node;
filterable without diacritics (``chi dao`` finds ``chỉ đạo``). Files dropped on a
sub-criterion are handed on (``filesDropped``) to be added as evidence of it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QIcon,
    QPainter,
    QPixmap,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import QHeaderView, QLineEdit, QTreeView, QVBoxLayout, QWidget

from desktop.core.office.text import fold
from desktop.core.office.vnformat import format_int, format_points
from desktop.core.records import CatalogInfo, NodeInfo, level_name
from desktop.core.scoring.calc import NODE_STATUS_LABELS, NodeScore, ScoreTree
from desktop.ui.file_drop import FileDropTarget

NODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
LEAF_ROLE = Qt.ItemDataRole.UserRole + 3
STATUS_ROLE = Qt.ItemDataRole.UserRole + 4
COLUMNS = ("Mã", "Nội dung", "Tối đa", "Tự chấm", "Tài liệu")
COL_CODE, COL_TITLE, COL_MAX, COL_SCORE, COL_DOCS = range(5)
NOT_APPLICABLE = "KAD"  # không áp dụng, as scoring tables write it

# Status of a node: no evidence / evidence, not scored / scored / not applicable / survey.
STATUS_COLORS = {
    "no_evidence": "#d13438",
    "evidence": "#e8a200",
    "scored": "#107c10",
    "na": "#9e9e9e",
    "survey": "#5b7db1",
}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_icons: dict[str, QIcon] = {}


def status_icon(status: str) -> QIcon:
    """A small coloured dot for a node status (built once, after the QApplication)."""
    if status not in _icons:
        pix = QPixmap(12, 12)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(STATUS_COLORS[status]))
        p.drawEllipse(1, 1, 10, 10)
        p.end()
        _icons[status] = QIcon(pix)
    return _icons[status]


def score_text(ns: NodeScore | None) -> str:
    if ns is None or not ns.self_scored:
        return ""
    if not ns.applicable:
        return NOT_APPLICABLE
    return format_points(ns.self_score)


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


class _DropTreeView(FileDropTarget, QTreeView):
    """A tree that takes files dropped on a sub-criterion (leaf) row."""

    filesDropped = Signal(int, list)  # node id, [Path]

    def __init__(self) -> None:
        super().__init__()
        self.setAcceptDrops(True)
        self._drop_row: QModelIndex | None = None

    def _leaf_at(self, event) -> QModelIndex | None:
        idx = self.indexAt(event.position().toPoint()).siblingAtColumn(COL_CODE)
        return idx if idx.isValid() and idx.data(LEAF_ROLE) else None

    def takes_files(self, event) -> bool:
        # entering: yes; whether the row under the pointer takes them, as the drag moves
        if event.type() == QEvent.Type.DragEnter:
            return True
        leaf = self._leaf_at(event)
        self._set_drop_row(leaf if event.type() == QEvent.Type.DragMove else None)
        return leaf is not None

    def files_dropped(self, files: list, event) -> None:
        self.filesDropped.emit(int(self._leaf_at(event).data(NODE_ID_ROLE)), files)

    def _set_drop_row(self, idx: QModelIndex | None) -> None:
        if idx != self._drop_row:
            self._drop_row = idx
            self.viewport().update()

    def dragLeaveEvent(self, event) -> None:  # noqa: N802
        self._set_drop_row(None)

    def drawRow(self, painter, option, index) -> None:  # noqa: N802
        target = self._drop_row
        if target is not None and (index.row(), index.parent()) == (target.row(), target.parent()):
            painter.fillRect(option.rect, QColor("#cce4f7"))
        super().drawRow(painter, option, index)


class CatalogTree(QWidget):
    """Filter box + tree. Emits ``nodeSelected(node_id or 0)`` and
    ``filesDropped(node_id, [Path])``."""

    nodeSelected = Signal(int)
    filesDropped = Signal(int, list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit(placeholderText="Lọc theo mã hoặc nội dung (Ctrl+F)…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Lọc bộ tiêu chí")
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        for col in (COL_MAX, COL_SCORE, COL_DOCS):
            self.model.horizontalHeaderItem(col).setTextAlignment(_RIGHT)
        self.proxy = _FoldFilter()
        self.proxy.setSourceModel(self.model)
        self.view = _DropTreeView()
        self.view.setModel(self.proxy)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        self.view.setAccessibleName("Cây bộ tiêu chí")
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_CODE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for col in (COL_MAX, COL_SCORE, COL_DOCS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.view)
        self.filter.textChanged.connect(self._on_filter)
        self.view.selectionModel().currentChanged.connect(self._on_current)
        self.view.filesDropped.connect(self.filesDropped)
        self._items: dict[int, list[QStandardItem]] = {}
        self._shown: tuple[int, tuple[int, ...]] | None = None

    def _on_filter(self, text: str) -> None:
        self.proxy.set_needle(text)
        if text:
            self.view.expandAll()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        idx = current.siblingAtColumn(COL_CODE)
        self.nodeSelected.emit(int(idx.data(NODE_ID_ROLE) or 0))

    def current_node_id(self) -> int:
        idx = self.view.currentIndex().siblingAtColumn(COL_CODE)
        return int(idx.data(NODE_ID_ROLE) or 0) if idx.isValid() else 0

    def populate(
        self, catalog: CatalogInfo | None, counts: dict[int, int], scores: ScoreTree | None = None
    ) -> None:
        """Show the catalog; when it is the one already shown, only the figures change
        (expanded branches, the selection and the scroll position stay)."""
        shown = (catalog.id, tuple(n.id for n in catalog.nodes)) if catalog else None
        by_id = {n.node_id: n for n in scores.nodes} if scores else {}
        if catalog is not None and shown == self._shown:
            for n in catalog.nodes:
                self._fill(n, self._items[n.id], counts.get(n.id, 0), by_id.get(n.id))
            return
        self._shown = shown
        self.model.removeRows(0, self.model.rowCount())
        self._items.clear()
        if catalog is None:
            return
        bold = QFont()
        bold.setBold(True)
        grey = QBrush(QColor("#666666"))
        for n in catalog.nodes:
            row = self._row(n)
            self._fill(n, row, counts.get(n.id, 0), by_id.get(n.id))
            if n.level == 1:
                for item in row:
                    item.setFont(bold)
            if not n.self_scored:
                for item in row:
                    item.setForeground(grey)
            parent = self._items.get(n.parent_id) if n.parent_id else None
            (parent[0] if parent else self.model.invisibleRootItem()).appendRow(row)
            self._items[n.id] = row
        self.view.expandToDepth(0)

    @staticmethod
    def _row(n: NodeInfo) -> list[QStandardItem]:
        code = QStandardItem(n.code)
        code.setData(n.id, NODE_ID_ROLE)
        code.setData(n.is_leaf, LEAF_ROLE)
        code.setData(fold(f"{n.code} {n.title}"), SEARCH_ROLE)
        title = QStandardItem(n.title)
        title.setToolTip(n.title)
        points = QStandardItem(format_points(n.max_points))
        items = [code, title, points, QStandardItem(), QStandardItem()]
        for item in items[COL_MAX:]:
            item.setTextAlignment(_RIGHT)
        for item in items:
            item.setEditable(False)
        return items

    @staticmethod
    def _fill(n: NodeInfo, row: list[QStandardItem], docs: int, ns: NodeScore | None) -> None:
        row[COL_DOCS].setText(format_int(docs) if docs else "")
        row[COL_SCORE].setText(score_text(ns))
        tip = level_name(n.level)
        if ns is not None:
            row[COL_CODE].setIcon(status_icon(ns.status))
            row[COL_CODE].setData(ns.status, STATUS_ROLE)
            tip = f"{tip} · {NODE_STATUS_LABELS[ns.status]}"
            if not n.is_leaf and ns.leaves:
                tip += f" · đã chấm {ns.scored}/{ns.leaves} tiêu chí thành phần"
            if ns.effective_max is not None and ns.effective_max != ns.max_points:
                row[COL_MAX].setToolTip(
                    f"Điểm tối đa sau khi chia lại điểm mục không áp dụng: "
                    f"{format_points(ns.effective_max)}"
                )
        if not n.self_scored:
            tip += " · Phần điều tra, khảo sát: do cơ quan thẩm định công bố."
        row[COL_CODE].setToolTip(tip)
        row[COL_SCORE].setToolTip("Không áp dụng" if ns and not ns.applicable else tip)

    def select_node(self, node_id: int) -> bool:
        row = self._items.get(node_id)
        if row is None:
            return False
        idx = self.proxy.mapFromSource(row[0].index())
        if not idx.isValid():
            self.filter.clear()
            idx = self.proxy.mapFromSource(row[0].index())
        self.view.setCurrentIndex(idx)
        self.view.scrollTo(idx)
        return True

    def row_texts(self) -> list[tuple[str, ...]]:
        """Visible rows in display order (for tests and accessibility)."""
        out: list[tuple[str, ...]] = []

        def walk(parent: QModelIndex) -> None:
            for r in range(self.proxy.rowCount(parent)):
                idx = self.proxy.index(r, 0, parent)
                out.append(
                    tuple(self.proxy.index(r, c, parent).data() or "" for c in range(len(COLUMNS)))
                )
                walk(idx)

        walk(QModelIndex())
        return out

    def status_of(self, node_id: int) -> str:
        """The status shown (as a colour) for a node: ``no_evidence``, ``scored`` ..."""
        row = self._items.get(node_id)
        return (row[0].data(STATUS_ROLE) or "") if row else ""
