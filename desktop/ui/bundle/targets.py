"""Where a bundle or a stick backup is written: the removable drives (label and free space)
and any folder the officer picks. Used by the bundle screen and "Sao lưu ra USB…"."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.core.bundle import drives
from desktop.core.office.vnformat import format_size
from desktop.ui.files.dialogs import start_dir
from desktop.ui.vi import dialog_buttons

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def free_space(path: Path) -> int | None:
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return None


class TargetList(QWidget):
    """A list of targets; ``changed`` fires when the chosen target changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, what: str = "gói") -> None:
        super().__init__(parent)
        self.what = what
        self.other: Path | None = None
        self.list = QListWidget()
        self.list.setAccessibleName("Nơi ghi")
        self.list.setMinimumHeight(64)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.refresh_button = QPushButton("&Làm mới")
        self.refresh_button.setToolTip("Tìm lại các USB đang cắm")
        self.refresh_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload)
        )
        self.folder_button = QPushButton("Chọn thư &mục khác…")
        self.folder_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_DirIcon))
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.list, 1)
        lay.addLayout(buttons)
        self.refresh_button.clicked.connect(self.reload)
        self.folder_button.clicked.connect(self.choose_folder)
        self.list.currentItemChanged.connect(lambda *_: self.changed.emit())

    def reload(self) -> None:
        """List the removable drives again, keeping the current choice when it is still there."""
        keep = self.target()
        self.list.blockSignals(True)
        self.list.clear()
        found = drives.list_removable_drives()
        style = self.style()
        for d in found:
            item = QListWidgetItem(
                style.standardIcon(QStyle.StandardPixmap.SP_DriveHDIcon), d.display
            )
            item.setData(PATH_ROLE, str(d.path))
            item.setToolTip(
                f"USB {d.path}: còn trống {format_size(d.free)} / {format_size(d.total)}"
            )
            self.list.addItem(item)
        if self.other is not None:
            self._add_other(self.other)
        if not found:
            hint = QListWidgetItem(
                f"Chưa thấy USB nào. Cắm USB rồi bấm Làm mới, hoặc chọn thư mục khác để ghi {self.what}."
            )
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.insertItem(0, hint)
        self.list.blockSignals(False)
        if not self.select(keep):
            first = next(
                (
                    self.list.item(i)
                    for i in range(self.list.count())
                    if self._path_of(self.list.item(i))
                ),
                None,
            )
            self.list.setCurrentItem(first)
        self.changed.emit()

    def _add_other(self, path: Path) -> None:
        free = free_space(path)
        text = f"Thư mục {path}" + (f" (còn {format_size(free)})" if free is not None else "")
        item = QListWidgetItem(self.style().standardIcon(QStyle.StandardPixmap.SP_DirIcon), text)
        item.setData(PATH_ROLE, str(path))
        item.setToolTip(str(path))
        self.list.addItem(item)

    @staticmethod
    def _path_of(item: QListWidgetItem | None) -> Path | None:
        value = item.data(PATH_ROLE) if item is not None else None
        return Path(value) if value else None

    def select(self, path: Path | None) -> bool:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if path is not None and self._path_of(item) == path:
                self.list.setCurrentItem(item)
                return True
        return False

    def target(self) -> Path | None:
        return self._path_of(self.list.currentItem())

    def set_other(self, path: Path) -> None:
        """Add a folder as a target and choose it."""
        self.other = Path(path)
        self.reload()
        self.select(self.other)

    def choose_folder(self) -> None:
        start = str(self.other or self.target() or start_dir(self, "bundle"))
        chosen = QFileDialog.getExistingDirectory(self, f"Chọn thư mục để ghi {self.what}", start)
        if chosen:
            self.set_other(Path(chosen))


class TargetDialog(QDialog):
    """Pick a stick or a folder (for "Sao lưu ra USB…")."""

    def __init__(self, parent: QWidget | None, title: str, prompt: str, what: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.targets = TargetList(self, what=what)
        box = dialog_buttons(self)
        self.ok = box.button(QDialogButtonBox.StandardButton.Ok)
        lay = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setWordWrap(True)
        lay.addWidget(label)
        lay.addWidget(self.targets, 1)
        lay.addWidget(box)
        self.targets.changed.connect(lambda: self.ok.setEnabled(self.targets.target() is not None))
        self.targets.reload()
        self.resize(520, 300)

    def target(self) -> Path | None:
        return self.targets.target()
