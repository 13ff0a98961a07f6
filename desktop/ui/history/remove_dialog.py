"""Tệp → "Xóa lịch sử xã cũ…" and "Khôi phục lịch sử đã xóa…": choose a former commune's
history (with its years and counts), confirm (Có/Không, default Không), and it is moved
to ``lich-su-da-xoa`` in the data folder, from where the second command puts it back.
The unit list and the comparison tab follow (the window's ``dataChanged``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from base.errors import CchcError
from desktop.core.history.remove import (
    REMOVED_DIR_NAME,
    list_removed,
    remove_history,
    removed_root,
    restore_removed,
)
from desktop.core.office.vnformat import format_datetime
from desktop.ui.errors import show_error
from desktop.ui.vi import ask_yes_no, dialog_buttons

if TYPE_CHECKING:
    from desktop.ui.history.units import UnitSelector

REMOVE_TITLE = "Xóa lịch sử xã cũ"
RESTORE_TITLE = "Khôi phục lịch sử đã xóa"


class HistoryPicker(QDialog):
    """One line per history: Up/Down to choose, Enter to go on, Esc to cancel."""

    def __init__(
        self, parent: QWidget, title: str, label: str, rows: list[tuple[str, str]], ok: str
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.list = QListWidget()
        self.list.setAccessibleName(title)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for text, tip in rows:
            item = QListWidgetItem(text)
            item.setToolTip(tip)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        caption = QLabel(label)
        caption.setWordWrap(True)
        caption.setBuddy(self.list)
        self.buttons = dialog_buttons(self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
        lay = QVBoxLayout(self)
        lay.addWidget(caption)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.buttons)
        self.resize(620, 300)
        self.list.setFocus()

    def chosen(self) -> int | None:
        row = self.list.currentRow()
        return row if row >= 0 else None


def _pick(selector: UnitSelector, *args) -> int | None:
    dlg = HistoryPicker(selector.window, *args)
    selector.picker = dlg  # tests answer it
    try:
        return dlg.chosen() if dlg.exec() == QDialog.DialogCode.Accepted else None
    finally:
        selector.picker = None
        dlg.deleteLater()


def _done(selector: UnitSelector, message: str) -> None:
    window = selector.window
    window.dataChanged.emit()  # the unit list, the comparison tab and any screen reload
    window.statusBar().showMessage(message, 15000)


def remove_from_menu(selector: UnitSelector) -> bool:
    """Tệp → Xóa lịch sử xã cũ…; True when a history was removed."""
    window, data_dir = selector.window, selector.main_ws.data_dir
    selector.reload()
    histories = selector.histories
    if not histories:
        show_error(window, "Chưa nhập lịch sử xã cũ nào: không có gì để xóa.", REMOVE_TITLE)
        return False
    row = _pick(
        selector,
        REMOVE_TITLE,
        "&Chọn xã cũ có lịch sử nhập nhầm (nhầm xã, nhầm tệp) cần xóa:",
        [(f"{h.display_name}: {h.summary()}", str(h.folder)) for h in histories],
        "&Xóa…",
    )
    if row is None:
        return False
    h = histories[row]
    ov = window.overview
    merged = ov.profile.display_name if ov and ov.profile else "xã hiện tại"
    question = (
        f"Xóa lịch sử xã cũ {h.name} khỏi Sổ CCHC?\n\n"
        f"Sẽ xóa: {h.summary()}.\n\n"
        f"Dữ liệu không bị hủy: thư mục lịch sử được chuyển vào {removed_root(data_dir)}, "
        "khôi phục được (Tệp → Khôi phục lịch sử đã xóa…). "
        f"Dữ liệu của {merged} và danh sách xã cũ đã sáp nhập không thay đổi."
    )
    if not ask_yes_no(window, REMOVE_TITLE, question):
        window.statusBar().showMessage("Chưa xóa lịch sử xã cũ: chưa thay đổi gì.", 8000)
        return False
    try:
        removed = remove_history(data_dir, h.folder)
    except CchcError as exc:
        show_error(window, exc, "Không xóa được lịch sử xã cũ")
        return False
    _done(
        selector,
        f"Đã xóa lịch sử xã cũ {h.name}; dữ liệu được giữ ở {REMOVED_DIR_NAME}/"
        f"{removed.folder.name} (khôi phục được).",
    )
    return True


def restore_from_menu(selector: UnitSelector) -> bool:
    """Tệp → Khôi phục lịch sử đã xóa…; True when a history was put back."""
    window, data_dir = selector.window, selector.main_ws.data_dir
    removed = list_removed(data_dir)
    if not removed:
        show_error(window, "Chưa có lịch sử xã cũ nào đã xóa.", RESTORE_TITLE)
        selector.reload()
        return False
    row = _pick(
        selector,
        RESTORE_TITLE,
        "&Chọn lịch sử xã cũ đã xóa cần khôi phục (mới xóa nhất ở trên):",
        [
            (
                f"{r.display_name} – xóa lúc {format_datetime(r.removed_at)}: {r.summary()}",
                str(r.folder),
            )
            for r in removed
        ],
        "&Khôi phục",
    )
    if row is None:
        return False
    r = removed[row]
    try:
        restore_removed(data_dir, r.folder)
    except CchcError as exc:
        show_error(window, exc, "Không khôi phục được lịch sử xã cũ")
        return False
    _done(
        selector,
        f"Đã khôi phục lịch sử xã cũ {r.name}. Chọn xã ở ô “Đơn vị” trên thanh công cụ để xem.",
    )
    return True
