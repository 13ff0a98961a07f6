"""The "Đơn vị:" selector of the main window: the merged commune (where the officer works)
or one former commune's history. Choosing a former commune swaps the window to that
history folder's workspace, so the existing screens (register, results, losses ...) show
ITS data; the title and status bar say so, the window's write commands are disabled, and
any write a screen tries there is refused (``ReadOnlyWorkspace``) until the merged
commune is chosen again.

Light at start-up: the list of history folders is read with the standard library;
importing and comparing load their modules when used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QLabel, QMenu, QPushButton, QToolBar

from base.errors import CchcError
from desktop.core.history.remove import has_removed
from desktop.core.history.store import HistoryInfo, list_histories
from desktop.core.workspace import Workspace
from desktop.ui.errors import show_error
from desktop.ui.vi import info

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

HISTORY_STYLE = "background:#fff3cd; color:#5c4500; padding:1px 6px; font-weight:bold;"
COMPARE_TAB = "HistoryCompareTab"


class UnitSelector(QObject):
    unitChanged = Signal()  # the window now shows another unit

    def __init__(self, window: MainWindow, toolbar: QToolBar, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.main_ws: Workspace = window.ws
        self.history_ws: Workspace | None = None
        self.current: HistoryInfo | None = None
        self.histories: list[HistoryInfo] = []
        self.combo = QComboBox()
        self.combo.setAccessibleName("Đơn vị")
        self.combo.setToolTip("Xã hiện tại hoặc lịch sử của một xã cũ đã sáp nhập")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        toolbar.addSeparator()
        label = QLabel(" Đơn &vị: ")
        label.setBuddy(self.combo)  # Alt+V
        self._label = toolbar.addWidget(label)
        self._combo = toolbar.addWidget(self.combo)
        self.act_compare = QAction("So sánh các &xã cũ", window)
        self.act_compare.setToolTip("So sánh điểm, xếp hạng của các xã cũ theo năm (Ctrl+Shift+H)")
        self.act_compare.triggered.connect(self.open_compare)
        # a shortcut of its own: the toolbar button is hidden while there is no history, and
        # Ctrl+Shift+H then says why instead of doing nothing
        self.compare_shortcut = QShortcut(QKeySequence("Ctrl+Shift+H"), window)
        self.compare_shortcut.activated.connect(self.open_compare)
        toolbar.addAction(self.act_compare)
        self.act_import = QAction("Nhập &lịch sử xã cũ…", window)
        self.act_import.setStatusTip(
            "Nhập gói tài liệu hoặc bản sao lưu của một xã cũ đã sáp nhập làm lịch sử"
        )
        self.act_import.triggered.connect(lambda: self.import_history())
        self.act_remove = QAction("&Xóa lịch sử xã cũ…", window)
        self.act_remove.setStatusTip(
            "Xóa lịch sử một xã cũ nhập nhầm (chuyển vào thư mục lich-su-da-xoa, khôi phục được)"
        )
        self.act_remove.triggered.connect(lambda: self.remove_history())
        self.act_restore_removed = QAction("Khôi phụ&c lịch sử đã xóa…", window)
        self.act_restore_removed.setStatusTip("Đưa lịch sử xã cũ đã xóa trở lại")
        self.act_restore_removed.triggered.connect(lambda: self.restore_removed())
        self.picker = None  # the open "which commune" dialog (tests answer it)
        before = menu.actions()[-2:-1]  # above the separator before "Thoát"
        for act in (self.act_import, self.act_remove, self.act_restore_removed):
            menu.insertAction(before[0] if before else None, act)
        self.combo.currentIndexChanged.connect(self._on_combo)
        window.dataShown.connect(self._after_shown)
        self._make_banner()
        self.reload()

    def open_compare(self):
        """The comparison tab, or why there is nothing to compare yet."""
        if not self.histories:
            info(
                self.window,
                "So sánh các xã cũ",
                "Chưa có lịch sử xã cũ nào để so sánh. Nhập lịch sử của từng xã cũ đã sáp nhập "
                "ở Tệp → Nhập lịch sử xã cũ… (gói tài liệu của năm, hoặc bản sao lưu của máy "
                "xã cũ), rồi bấm Ctrl+Shift+H.",
            )
            return None
        return self.window.screens.open(COMPARE_TAB)

    def _make_banner(self) -> None:
        """A yellow strip under the toolbar while a former commune's history is shown."""
        self.banner = QToolBar("Lịch sử xã cũ")
        self.banner.setObjectName("history_banner")
        self.banner.setMovable(False)
        self.banner.setFloatable(False)
        self.banner.toggleViewAction().setVisible(False)  # not a toolbar to switch off
        self.banner.setStyleSheet("QToolBar { background:#fff3cd; border:0; }")
        self.banner_text = QLabel()
        self.banner_text.setStyleSheet(HISTORY_STYLE)
        self.banner_text.setTextFormat(Qt.TextFormat.PlainText)
        self.back_button = QPushButton("&Về xã hiện tại")
        self.back_button.setToolTip("Trở lại dữ liệu của xã hiện tại để làm việc")
        self.back_button.clicked.connect(lambda: self.show_unit(None))
        self.banner.addWidget(self.banner_text)
        self.banner.addWidget(self.back_button)
        self.banner.hide()

    def place_banner(self) -> None:
        """On its own line under the main toolbar (call once that toolbar is added)."""
        self.window.addToolBarBreak()
        self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.banner)
        self.banner.hide()

    # --- the list ------------------------------------------------------------------------

    def _main_label(self) -> str:
        ov = self.window.overview
        name = ov.profile.display_name if ov and ov.profile and self.current is None else ""
        return f"{name or 'Xã hiện tại'} (hiện tại)"

    def reload(self) -> None:
        """Read the history folders again (after an import) and rebuild the list."""
        self.histories = list_histories(self.main_ws.data_dir)
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self._main_label(), None)
        for h in self.histories:
            self.combo.addItem(f"{h.display_name} (xã cũ)", str(h.folder))
        if self.current is not None:
            self.combo.setCurrentIndex(max(0, self.combo.findData(str(self.current.folder))))
        self.combo.blockSignals(False)
        shown = bool(self.histories) or self.current is not None
        for act in (self._label, self._combo, self.act_compare):
            act.setVisible(shown)
        self._enable_remove()
        screens = getattr(self.window, "screens", None)  # None while the window is built
        if screens is not None:  # the comparison tab only once there is history
            screens.tabs.setTabVisible(screens.index_of(COMPARE_TAB), shown)

    def _on_combo(self, index: int) -> None:
        folder = self.combo.itemData(index)
        self.show_unit(Path(folder) if folder else None)

    # --- switching -----------------------------------------------------------------------

    def show_unit(self, folder: Path | None) -> None:
        """Show the merged commune (``None``) or the former commune kept in ``folder``."""
        if folder is None:
            if self.history_ws is None:
                return
            old, self.history_ws, self.current = self.history_ws, None, None
            self.window.ws = self.main_ws
            old.close()
        else:
            info = next((h for h in self.histories if h.folder == folder), None)
            if info is None:
                return
            from desktop.core.history.readonly import open_read_only

            try:
                hws = open_read_only(folder, info.name)
            except CchcError as exc:
                show_error(self.window, exc, "Không mở được lịch sử xã cũ")
                self.reload()
                return
            if self.history_ws is not None:
                self.history_ws.close()
            self.history_ws, self.current = hws, info
            self.window.ws = hws
        self._set_writable(self.current is None)
        self.combo.blockSignals(True)  # when called from elsewhere (a test, another screen)
        wanted = str(self.current.folder) if self.current is not None else None
        self.combo.setCurrentIndex(max(0, self.combo.findData(wanted)))
        self.combo.blockSignals(False)
        self.window.overview = None  # the other unit's years: start from its last one
        self.window.dataChanged.emit()
        self.unitChanged.emit()

    def _write_actions(self) -> list[QAction]:
        w, s = self.window, self.window.safety
        return [
            w.act_add_doc,
            w.act_add_year,
            w.act_import_catalog,
            w.act_new_year_from,
            w.act_setup_year,
            w.act_profile,
            s.act_import_folder,
            s.act_import_zip,
            s.act_backup,
            s.act_backup_usb,
            s.act_restore,
            self.act_import,
            self.act_remove,
            self.act_restore_removed,
        ]

    def _set_writable(self, writable: bool) -> None:
        for act in self._write_actions():
            act.setEnabled(writable)
        self._enable_remove()
        if self.current is not None:
            self.banner_text.setText(
                f"Đang xem lịch sử xã cũ {self.current.name} (chỉ xem): "
                "mọi thay đổi đều bị từ chối. "
            )
        self.banner.setVisible(not writable)

    def _enable_remove(self) -> None:
        """Removing or restoring a history: from the merged commune, when there is one."""
        writable = self.current is None
        self.act_remove.setEnabled(writable and bool(self.histories))
        self.act_restore_removed.setEnabled(writable and has_removed(self.main_ws.data_dir))

    def _after_shown(self) -> None:
        w = self.window
        if self.current is None:
            self.main_ws = w.ws  # the window reopens it after a restore
            self.reload()  # a restore or an import may have changed the history folders
            w.status_commune.setStyleSheet("")
            w.status_commune.setToolTip("")
            return
        # the window has just written the year's title and status: say whose data it is
        w.setWindowTitle(f"{w.windowTitle()} (xã cũ – lịch sử, chỉ xem)")
        w.status_commune.setText(f"LỊCH SỬ XÃ CŨ (chỉ xem): {w.status_commune.text()}")
        w.status_commune.setToolTip(
            "Dữ liệu của xã cũ trước khi sáp nhập. Chọn xã hiện tại ở ô “Đơn vị” (Alt+V) "
            "trên thanh công cụ để làm việc tiếp."
        )
        w.status_commune.setStyleSheet(HISTORY_STYLE)

    def close(self) -> None:
        if self.history_ws is not None:
            self.window.ws = self.main_ws
            self.history_ws.close()
            self.history_ws = None

    # --- import --------------------------------------------------------------------------

    def import_history(self, path: Path | None = None):
        """Tệp → Nhập lịch sử xã cũ… (``path``: skip the file dialog)."""
        from desktop.ui.history.import_dialog import import_history

        return import_history(self, path)

    # --- remove, restore -----------------------------------------------------------------

    def remove_history(self) -> bool:
        """Tệp → Xóa lịch sử xã cũ…"""
        from desktop.ui.history.remove_dialog import remove_from_menu

        return remove_from_menu(self)

    def restore_removed(self) -> bool:
        """Tệp → Khôi phục lịch sử đã xóa…"""
        from desktop.ui.history.remove_dialog import restore_from_menu

        return restore_from_menu(self)
