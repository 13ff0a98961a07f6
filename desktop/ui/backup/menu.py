"""The Tệp menu's bundle and backup commands: verify a bundle, import a colleague's bundle,
back up now, back up to a stick, restore from a backup.

Only Qt is imported here (the main window imports this at start-up); the screens and the
core modules they need are imported when a command runs."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu


class SafetyActions(QObject):
    def __init__(self, window, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        sub = menu.addMenu("&Kiểm tra gói")
        sub.setToolTipsVisible(True)
        self.act_verify_folder = sub.addAction("&Thư mục gói…", lambda: self.verify(as_zip=False))
        self.act_verify_zip = sub.addAction("Tệp gói .&zip…", lambda: self.verify(as_zip=True))
        sub = menu.addMenu("&Nhập gói của đồng nghiệp")
        self.act_import_folder = sub.addAction("&Thư mục gói…", lambda: self.import_(as_zip=False))
        self.act_import_zip = sub.addAction("Tệp gói .&zip…", lambda: self.import_(as_zip=True))
        menu.addSeparator()
        self.act_backup = self._add(
            menu, "&Sao lưu ngay", self.backup_now, "Sao lưu dữ liệu vào thư mục backups"
        )
        self.act_backup_usb = self._add(
            menu, "Sao lưu ra &USB…", self.backup_to_usb, "Chép dữ liệu và tệp đính kèm ra USB"
        )
        self.act_restore = self._add(
            menu,
            "Khôi &phục từ bản sao lưu…",
            self.restore,
            "Xem các bản sao lưu và khôi phục một bản",
        )

    def _add(self, menu: QMenu, text: str, slot, tip: str) -> QAction:
        act = menu.addAction(text, slot)
        act.setStatusTip(tip)
        return act

    def verify(self, *, as_zip: bool):
        from desktop.ui.bundle.verify_dialog import verify_picked

        return verify_picked(self.window, as_zip=as_zip)

    def import_(self, *, as_zip: bool):
        from desktop.ui.bundle.import_dialog import import_picked

        return import_picked(self.window, as_zip=as_zip)

    def backup_now(self):
        from desktop.ui.backup.dialogs import backup_now

        return backup_now(self.window)

    def backup_to_usb(self):
        from desktop.ui.backup.dialogs import backup_to_usb

        return backup_to_usb(self.window)

    def restore(self):
        from desktop.ui.backup.dialogs import restore_dialog

        return restore_dialog(self.window)
