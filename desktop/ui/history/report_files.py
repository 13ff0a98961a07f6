""" "Tệp báo cáo của các xã cũ": the signed reports each former commune's bundle brought
(its BaoCao/ folder), kept with the history; opened in their program or saved out."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from base.errors import CchcError, FileStoreError
from desktop.core.history.report_files import (
    HistoryReportFile,
    copy_for_viewing,
    history_report_files,
    save_report_file,
)
from desktop.core.office.vnformat import format_size
from desktop.ui.errors import show_error
from desktop.ui.files.dialogs import remember, start_dir, tell_saved
from desktop.ui.keys import ENTER_KEYS, on_keys
from desktop.ui.table_model import RIGHT, Column, RecordTableModel, record_view

TITLE = "Tệp báo cáo của các xã cũ"
EMPTY = (
    "Các xã cũ chưa có tệp báo cáo nào. Tệp báo cáo (thư mục BaoCao của gói tài liệu) được "
    "giữ lại khi nhập gói của xã cũ làm lịch sử."
)
MISSING = " (thiếu trong kho tệp)"


def _name(f: HistoryReportFile) -> str:
    return f.name if f.present else f.name + MISSING


COLUMNS: list[Column[HistoryReportFile]] = [
    Column("Xã", lambda f: f.commune),
    Column("Năm", lambda f: str(f.year), align=RIGHT),
    Column("Tệp", _name, tooltip=lambda f: f"{f.name} – năm {f.year}, xã cũ {f.commune}"),
    Column("Dung lượng", lambda f: format_size(f.size), align=RIGHT),
]


class HistoryReportFiles(QWidget):
    """The list with "Mở tệp" (Enter, double-click) and "Lưu ra…"."""

    def __init__(self, window) -> None:
        super().__init__()
        self.window = window
        self.data_dir: Path | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel(f"<b>{TITLE}</b> – báo cáo đã ký các xã cũ gửi kèm gói tài liệu."))
        self.model: RecordTableModel[HistoryReportFile] = RecordTableModel(COLUMNS, self)
        self.view = record_view(self.model, TITLE, single=True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _i: self.open_selected())
        on_keys(self.view, dict.fromkeys(ENTER_KEYS, self.open_selected))
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        lay.addWidget(self.view, 1)
        self.empty = QLabel(EMPTY)
        self.empty.setWordWrap(True)
        lay.addWidget(self.empty)
        buttons = QHBoxLayout()
        self.open_button = QPushButton("&Mở tệp")
        self.open_button.setToolTip("Mở tệp báo cáo đang chọn bằng chương trình của máy (Enter)")
        self.open_button.clicked.connect(self.open_selected)
        self.save_button = QPushButton("&Lưu ra…")
        self.save_button.setToolTip("Lưu một bản tệp báo cáo đang chọn vào thư mục bạn chọn")
        self.save_button.clicked.connect(self.save_selected)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self._enable()

    def refresh(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        files = history_report_files(data_dir)
        self.model.set_rows(files)
        self.view.setVisible(bool(files))
        self.empty.setVisible(not files)
        self._enable()

    def selected(self) -> HistoryReportFile | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _enable(self) -> None:
        chosen = self.selected() is not None
        self.open_button.setEnabled(chosen)
        self.save_button.setEnabled(chosen)

    def open_selected(self) -> Path | None:
        f = self.selected()
        if f is None:
            return None
        try:
            path = copy_for_viewing(f)
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
                raise FileStoreError(
                    f"Không có chương trình nào mở được tệp {f.name} trên máy này: hãy dùng "
                    "Lưu ra… rồi mở tệp từ thư mục đã lưu."
                )
        except CchcError as exc:
            show_error(self, exc, "Không mở được tệp báo cáo")
            return None
        self.window.statusBar().showMessage(f"Đã mở {f.label}.", 8000)
        return path

    def save_selected(self) -> Path | None:
        f = self.selected()
        if f is None:
            return None
        folder = QFileDialog.getExistingDirectory(
            self, f"Chọn thư mục để lưu tệp báo cáo {f.name}", str(start_dir(self, "history"))
        )
        if not folder:
            return None
        remember(self, "history", Path(folder))
        try:
            path = save_report_file(f, Path(folder))
        except CchcError as exc:
            show_error(self, exc, "Không lưu được tệp báo cáo")
            return None
        self.window.statusBar().showMessage(f"Đã lưu {f.label} vào {path}", 15000)
        tell_saved(self.window, f.label, path)
        return path
