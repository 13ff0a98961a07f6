"""The "Người phụ trách" line of the sub-criterion pane: who answers for this node this
year (the loss analysis and the remediation plan name them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from base.errors import CchcError
from desktop.ui.errors import show_error

if TYPE_CHECKING:
    from desktop.core.records import NodeInfo
    from desktop.ui.main_window import MainWindow


class OfficerField(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window = window
        self.node: NodeInfo | None = None
        self.saved = ""
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setAccessibleName("Người phụ trách")
        self.combo.lineEdit().setPlaceholderText("chưa giao – gõ họ tên hoặc chọn")
        self.combo.setToolTip(
            "Người phụ trách tiêu chí này trong năm: hiện ở phân tích điểm bị mất và kế hoạch "
            "khắc phục. Enter để lưu; xóa trống để bỏ giao."
        )
        label = QLabel("Người &phụ trách:")
        label.setBuddy(self.combo)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(label)
        lay.addWidget(self.combo, 1)
        self.combo.lineEdit().editingFinished.connect(self.save)
        self.combo.activated.connect(lambda _i: self.save())

    def show_node(self, node: NodeInfo | None) -> None:
        self.node = node
        year = self.window.year
        if node is None or year is None:
            self.hide()
            return
        from desktop.core.catalog.assignments import assignment_of, officer_names

        with self.window.ws.session() as s:
            self.saved = assignment_of(s, year, node.code)
            names = officer_names(s, year)
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItems(names)
        self.combo.setEditText(self.saved)
        self.combo.blockSignals(False)
        self.show()

    def save(self) -> None:
        node, year = self.node, self.window.year
        text = " ".join(self.combo.currentText().split())
        if node is None or year is None or text == self.saved:
            return
        from desktop.core.catalog.assignments import set_assignment

        try:
            with self.window.ws.transaction() as s:
                set_assignment(s, year, node.code, text)
        except CchcError as exc:
            show_error(self, exc)
            self.combo.setEditText(self.saved)
            return
        self.saved = text
        self.window.statusBar().showMessage(
            f"Đã giao {node.code} cho {text}."
            if text
            else f"Đã bỏ giao người phụ trách {node.code}.",
            5000,
        )
        self.window.dataChanged.emit()
