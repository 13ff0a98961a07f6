"""Choosing the sub-criteria a document serves: a checkable tree of the year's catalog
(only sub-criteria can be ticked), filterable without diacritics; and the small dialog
that links a document to more sub-criteria (or fewer) with it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from base.errors import CchcError
from desktop.core.office.text import fold
from desktop.core.records import NodeInfo
from desktop.ui.errors import show_error
from desktop.ui.vi import translate_buttons

if TYPE_CHECKING:
    from desktop.core.evidence.query import RegisterRow
    from desktop.ui.main_window import MainWindow

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2


class NodePicker(QWidget):
    """Emits ``changed`` when a sub-criterion is ticked or unticked."""

    changed = Signal()

    def __init__(self, nodes: Sequence[NodeInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit(placeholderText="Lọc theo mã hoặc nội dung…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Lọc tiêu chí")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Mã", "Nội dung"])
        self.tree.setAccessibleName("Tiêu chí thành phần")
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.chosen = QLabel()
        self.chosen.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.filter)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.chosen)
        self._items: dict[str, QTreeWidgetItem] = {}
        by_id: dict[int, QTreeWidgetItem] = {}
        bold = QFont()
        bold.setBold(True)
        for n in nodes:
            item = QTreeWidgetItem([n.code, n.title])
            if n.level == 1:
                item.setFont(0, bold)
                item.setFont(1, bold)
            item.setToolTip(1, n.title)
            item.setData(0, CODE_ROLE, n.code)
            item.setData(0, SEARCH_ROLE, fold(f"{n.code} {n.title}"))
            if n.is_leaf:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Unchecked)
                self._items[n.code] = item
            parent_item = by_id.get(n.parent_id) if n.parent_id else None
            if parent_item is None:
                self.tree.addTopLevelItem(item)
            else:
                parent_item.addChild(item)
            by_id[n.id] = item
        self._order = [n.code for n in nodes if n.is_leaf]
        self.tree.itemChanged.connect(self._on_changed)
        self.filter.textChanged.connect(self._apply_filter)
        self._show_chosen()

    def checked_codes(self) -> list[str]:
        return [c for c in self._order if self._items[c].checkState(0) == Qt.CheckState.Checked]

    def set_checked(self, codes: Iterable[str]) -> None:
        wanted = set(codes)
        self.tree.blockSignals(True)
        for code, item in self._items.items():
            on = code in wanted
            item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            if on:
                parent = item.parent()
                while parent is not None:
                    parent.setExpanded(True)
                    parent = parent.parent()
        self.tree.blockSignals(False)
        self._show_chosen()
        first = next((self._items[c] for c in self._order if c in wanted), None)
        if first is not None:
            self.tree.scrollToItem(first)

    def _on_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if column == 0:
            self._show_chosen()
            self.changed.emit()

    def _show_chosen(self) -> None:
        codes = self.checked_codes()
        self.chosen.setText(
            "Đã chọn: " + ", ".join(codes) if codes else "Chưa chọn tiêu chí thành phần nào."
        )

    def _apply_filter(self, text: str) -> None:
        needle = fold(text)
        it = QTreeWidgetItemIterator(self.tree)
        shown: set[int] = set()
        items: list[QTreeWidgetItem] = []
        while it.value():
            items.append(it.value())
            it += 1
        for item in items:
            if not needle or needle in item.data(0, SEARCH_ROLE):
                node: QTreeWidgetItem | None = item
                while node is not None:
                    shown.add(id(node))
                    node = node.parent()
                # a matching parent shows all below it
                stack = [item.child(i) for i in range(item.childCount())]
                while stack:
                    child = stack.pop()
                    shown.add(id(child))
                    stack.extend(child.child(i) for i in range(child.childCount()))
        for item in items:
            item.setHidden(id(item) not in shown)
        if needle:
            self.tree.expandAll()


class LinkDialog(QDialog):
    """Tick the sub-criteria a document serves; Lưu links the new ones and unlinks the
    ones unticked (never copying a file)."""

    def __init__(self, window: MainWindow, row: RegisterRow) -> None:
        super().__init__(window)
        self.window_ = window
        self.row = row
        self.setWindowTitle("Gắn tài liệu với tiêu chí")
        self.resize(720, 560)
        label = row.number or f"#{row.id}"
        intro = QLabel(
            f"Tài liệu <b>{label}</b>: {row.summary}<br>Đánh dấu các tiêu chí thành phần "
            "mà tài liệu này chứng minh. Tệp không bị sao chép thêm."
        )
        intro.setWordWrap(True)
        nodes = window.overview.catalog.nodes if window.overview and window.overview.catalog else []
        self.picker = NodePicker(nodes)
        self.picker.set_checked(row.codes)
        self.buttons = translate_buttons(
            QDialogButtonBox(
                QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
            )
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.picker, 1)
        lay.addWidget(self.buttons)
        self.picker.filter.setFocus()

    def save(self) -> bool:
        from desktop.core.evidence.documents import link_document, unlink_document

        chosen = self.picker.checked_codes()
        added = [c for c in chosen if c not in self.row.codes]
        removed = [c for c in self.row.codes if c not in chosen]
        try:
            with self.window_.ws.transaction() as s:
                if added:
                    link_document(s, self.row.id, added)
                if removed:
                    unlink_document(s, self.row.id, removed)
        except CchcError as exc:
            show_error(self, exc)
            return False
        self.accept()
        if added or removed:
            self.window_.dataChanged.emit()
        return True
