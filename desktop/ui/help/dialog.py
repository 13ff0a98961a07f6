"""The "Hướng dẫn" window: the sections on the left, the one chosen on the right, a search
box above (``thu tuc`` finds "thủ tục"). It stays open beside the main window; F1 again
brings it to the section of the screen now shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
)

from desktop.core.help.guide import Guide, Section, load_guide
from desktop.ui.vi import dialog_buttons

KEY_ROLE = Qt.ItemDataRole.UserRole


class HelpDialog(QDialog):
    def __init__(self, parent=None, guide: Guide | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Hướng dẫn – Sổ CCHC")
        self.guide = guide or load_guide()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm trong hướng dẫn (gõ không cần dấu, ví dụ: thu tuc)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Tìm trong hướng dẫn")
        self.found = QLabel()
        self.found.setStyleSheet("color:#555")
        self.list = QListWidget()
        self.list.setAccessibleName("Các mục hướng dẫn")
        self.list.setMaximumWidth(320)
        self.view = QTextBrowser()
        self.view.setOpenExternalLinks(False)
        self.view.setAccessibleName("Nội dung hướng dẫn")
        top = QHBoxLayout()
        top.addWidget(QLabel("&Tìm:"))
        top.itemAt(0).widget().setBuddy(self.search)
        top.addWidget(self.search, 1)
        top.addWidget(self.found)
        body = QHBoxLayout()
        body.addWidget(self.list)
        body.addWidget(self.view, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(body, 1)
        lay.addWidget(dialog_buttons(self, QDialogButtonBox.StandardButton.Close))
        self.search.textChanged.connect(self._filter)
        self.list.currentItemChanged.connect(self._show_item)
        self._fill(list(self.guide.sections))
        self.resize(1000, 640)

    def _fill(self, sections: list[Section]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for s in sections:
            item = QListWidgetItem(s.heading)
            item.setData(KEY_ROLE, s.key)
            self.list.addItem(item)
        self.list.blockSignals(False)

    def _section(self, key: str) -> Section:
        return next(s for s in self.guide.sections if s.key == key)

    def _show_item(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None:
            self.view.clear()
            return
        self.view.setMarkdown(self._section(item.data(KEY_ROLE)).markdown)

    def _filter(self, text: str) -> None:
        sections = self.guide.search(text) if text.strip() else list(self.guide.sections)
        self._fill(sections)
        if text.strip():
            self.found.setText(f"{len(sections)} mục" if sections else "Không thấy mục nào")
        else:
            self.found.clear()
        self.list.setCurrentRow(0 if sections else -1)
        if not sections:
            self.view.setPlainText(
                f"Không có mục nào nói về “{text.strip()}”. Thử từ khác, hoặc xóa ô tìm."
            )

    def show_screen(self, key: str | None) -> Section:
        """Open at the section of the screen ``key`` (its class name)."""
        self.search.clear()
        section = self.guide.for_screen(key)
        for i in range(self.list.count()):
            if self.list.item(i).data(KEY_ROLE) == section.key:
                self.list.setCurrentRow(i)
                break
        return section

    @property
    def shown_heading(self) -> str:
        item = self.list.currentItem()
        return item.text() if item else ""
