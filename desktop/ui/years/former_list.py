"""The editable list of former communes merged into ours (profile form): add, rename,
remove (Có/Không first), each line remembering its stored name so a rename keeps the
former commune's history attached."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.years.setup import FormerEdit
from desktop.ui.keys import on_keys
from desktop.ui.vi import ask_yes_no
from desktop.ui.widgets import button

OLD_ROLE = Qt.ItemDataRole.UserRole


def ask_name(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    dlg = QInputDialog(parent)
    dlg.setWindowTitle(title)
    dlg.setLabelText(label)
    dlg.setTextValue(text)
    dlg.setOkButtonText("Đồng ý")
    dlg.setCancelButtonText("Hủy")
    dlg.resize(380, dlg.sizeHint().height())
    if not dlg.exec():
        return None
    return " ".join(dlg.textValue().split()) or None


class FormerCommuneList(QWidget):
    """The list and its buttons; ``edits()`` is what ``save_former_communes`` takes."""

    def __init__(self, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = QListWidget()
        self.view.setAccessibleName("Các xã cũ đã sáp nhập")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setMaximumHeight(96)
        for n in names:
            item = QListWidgetItem(n)
            item.setData(OLD_ROLE, n)
            self.view.addItem(item)
        self.add_button = button("Thê&m…", "Thêm một xã cũ vào danh sách")
        self.rename_button = button("Đổi t&ên…", "Sửa tên xã cũ đang chọn (F2)")
        self.remove_button = button("&Bỏ", "Bỏ xã cũ đang chọn khỏi danh sách (Delete)")
        self.add_button.clicked.connect(lambda: self.add())
        self.rename_button.clicked.connect(lambda: self.rename())
        self.remove_button.clicked.connect(self.remove)
        self.view.itemDoubleClicked.connect(lambda _item: self.rename())
        self.view.currentRowChanged.connect(self._enable)
        on_keys(self.view, {Qt.Key.Key_Delete: self.remove, Qt.Key.Key_F2: self.rename})
        buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for b in (self.add_button, self.rename_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.view, 1)
        lay.addLayout(buttons)
        self._enable()

    def _enable(self) -> None:
        has = self.view.currentItem() is not None
        self.rename_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    def names(self) -> list[str]:
        return [self.view.item(i).text() for i in range(self.view.count())]

    def edits(self) -> list[FormerEdit]:
        return [
            FormerEdit(self.view.item(i).data(OLD_ROLE), self.view.item(i).text())
            for i in range(self.view.count())
        ]

    def add(self, name: str | None = None) -> None:
        name = name or ask_name(self, "Thêm xã cũ", "Tên xã cũ đã sáp nhập vào xã:")
        if name:
            self.view.addItem(QListWidgetItem(name))
            self.view.setCurrentRow(self.view.count() - 1)

    def rename(self, name: str | None = None) -> None:
        item = self.view.currentItem()
        if item is None:
            return
        name = name or ask_name(self, "Đổi tên xã cũ", "Tên mới của xã cũ:", item.text())
        if name:
            item.setText(name)

    def remove(self) -> None:
        item = self.view.currentItem()
        if item is None:
            return
        if ask_yes_no(
            self,
            "Bỏ xã cũ",
            f"Bỏ “{item.text()}” khỏi danh sách các xã cũ đã sáp nhập?",
        ):
            self.view.takeItem(self.view.row(item))
