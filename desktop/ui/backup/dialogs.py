"""Backups from the menu: "Sao lưu ngay", "Sao lưu ra USB…" and "Khôi phục từ bản sao
lưu…" (the list of backups, what the chosen one holds against the data now, then a
restore that keeps a copy of the current state first)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from base.errors import CchcError
from desktop.core.backup.files import BackupInfo, backup_info, backups_dir, list_backups
from desktop.core.backup.restore import (
    BackupPreview,
    DataSummary,
    RestoreResult,
    preview_restore,
    restore_backup,
)
from desktop.core.backup.store import StickBackupResult, backup_to_stick, create_backup
from desktop.core.office.vnformat import format_datetime, format_int, format_size
from desktop.ui.bundle.targets import TargetDialog
from desktop.ui.bundle.verify_dialog import BAD_STYLE, WARN_STYLE
from desktop.ui.errors import show_error
from desktop.ui.files.dialogs import start_dir, tell_saved
from desktop.ui.table_model import (
    RECORD_ROLE,
    RIGHT,
    SORT_ROLE,
    Column,
    RecordTableModel,
    compact_rows,
)
from desktop.ui.vi import ask_yes_no, dialog_buttons, info
from desktop.ui.worker import Job, run_job


def _tell(window, title: str, status: str, text: str, path: Path | None = None) -> None:
    window.statusBar().showMessage(status, 10_000)
    if path is not None:
        tell_saved(window, "bản sao lưu", path)
    info(window, title, text)


def backup_now(window) -> Job:
    def done(b: BackupInfo) -> None:
        _tell(
            window,
            "Sao lưu",
            f"Đã sao lưu: {b.path.name}",
            f"Đã sao lưu dữ liệu ({format_size(b.size)}) vào:\n{b.path}\n\n"
            "Các tệp đính kèm nằm sẵn trong kho tệp; để mang sang máy khác, dùng Sao lưu ra USB.",
            b.path,
        )

    ws = window.ws
    return run_job(
        window,
        lambda progress: create_backup(ws, progress=progress),
        label="Đang sao lưu dữ liệu…",
        on_success=done,
    )


def backup_to_usb(window) -> TargetDialog:
    """Ask for the stick (the dialog opens; the backup runs when it is accepted: ``dlg.job``)."""
    dlg = TargetDialog(
        window,
        "Sao lưu ra USB",
        "Chọn USB (hoặc thư mục) để sao lưu. Ứng dụng chép cơ sở dữ liệu và những tệp đính kèm "
        "chưa có trên USB vào thư mục SoCCHC-SaoLuu.",
        "bản sao lưu",
    )
    ws = window.ws

    def done(r: StickBackupResult) -> None:
        _tell(
            window,
            "Sao lưu ra USB",
            f"Đã sao lưu ra {r.folder}",
            f"Đã sao lưu vào {r.folder}:\n- cơ sở dữ liệu: {r.backup.path.name} "
            f"({format_size(r.backup.size)})\n- {r.files_copied} tệp mới "
            f"({format_size(r.bytes_copied)}); {r.files_present} tệp đã có sẵn trên USB.",
            r.backup.path,
        )

    def start() -> None:
        dest = dlg.target()
        if dest is not None:
            dlg.job = run_job(  # type: ignore[attr-defined]
                window,
                lambda progress: backup_to_stick(ws, dest, progress),
                label=f"Đang sao lưu ra {dest}…",
                on_success=done,
            )

    dlg.accepted.connect(start)
    dlg.open()
    return dlg


def _summary_rows(s: DataSummary | None) -> list[str]:
    if s is None:
        return ["(không đọc được: hỏng hoặc chưa có)", "", "", "", ""]
    per_year = "; ".join(f"{y}: {format_int(n)}" for y, n in s.documents.items())
    return [
        s.commune or "(chưa có hồ sơ xã)",
        ", ".join(str(y) for y in s.years) or "(chưa có)",
        f"{format_int(s.document_total)}" + (f" ({per_year})" if per_year else ""),
        format_int(s.files),
        format_int(s.links),
    ]


class RestoreDialog(QDialog):
    """Choose a backup and see what it holds; ``accept()`` means: restore ``chosen``."""

    ROWS = ("Xã", "Năm đánh giá", "Tài liệu kiểm chứng", "Tệp đính kèm", "Gắn với tiêu chí")

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.data_dir: Path = window.ws.data_dir
        self.preview: BackupPreview | None = None
        self.setWindowTitle("Khôi phục từ bản sao lưu")
        cols: list[Column[BackupInfo]] = [
            Column("Ngày giờ", lambda b: format_datetime(b.created), sort=lambda b: b.created),
            Column("Loại", lambda b: b.description),
            Column("Dung lượng", lambda b: format_size(b.size), sort=lambda b: b.size, align=RIGHT),
            Column("Tệp", lambda b: b.path.name, tooltip=lambda b: str(b.path)),
        ]
        self.model = RecordTableModel(cols, self)
        self.model.set_rows(list_backups(backups_dir(self.data_dir)))
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        compact_rows(self.table)
        h = self.table.horizontalHeader()
        for c in range(3):
            h.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_preview())
        other = QPushButton("Chọn tệp sao lưu khác…")
        other.setToolTip("Ví dụ bản sao lưu trên USB, trong thư mục SoCCHC-SaoLuu")
        other.setAutoDefault(False)
        other.clicked.connect(self.choose_file)
        top = QHBoxLayout()
        top.addWidget(QLabel(f"Các bản sao lưu trong {backups_dir(self.data_dir)}:"), 1)
        top.addWidget(other)

        self.compare = QTableWidget(len(self.ROWS), 2)
        self.compare.setHorizontalHeaderLabels(["Trong bản sao lưu", "Dữ liệu hiện tại"])
        self.compare.setVerticalHeaderLabels(list(self.ROWS))
        self.compare.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.compare.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        row_height = self.compare.fontMetrics().height() + 10
        self.compare.verticalHeader().setDefaultSectionSize(row_height)
        self.compare.setFixedHeight(
            self.compare.horizontalHeader().sizeHint().height()
            + len(self.ROWS) * row_height
            + 2 * self.compare.frameWidth()
        )
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.hide()
        box = QGroupBox("Bản đang chọn so với hiện tại")
        blay = QVBoxLayout(box)
        blay.addWidget(self.compare)
        blay.addWidget(self.notes)

        buttons = dialog_buttons(self, QDialogButtonBox.StandardButton.Close)
        # not AcceptRole: the button asks Có/Không first, then accepts (``confirm``)
        self.restore_button = buttons.addButton("&Khôi phục", QDialogButtonBox.ButtonRole.ApplyRole)
        self.restore_button.clicked.connect(self.confirm)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(box)
        note = QLabel(
            "Trước khi khôi phục, dữ liệu hiện tại được tự sao lưu (loại “Trước khi khôi phục”), "
            "nên có thể quay lại."
        )
        note.setWordWrap(True)
        lay.addWidget(note)
        lay.addWidget(buttons)
        self.resize(860, 560)
        if self.model.rows:
            self.table.selectRow(0)
        else:
            self._show_preview()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.table.setFocus()  # arrows choose a backup, Tab reaches "Khôi phục"

    @property
    def chosen(self) -> Path | None:
        index = self.table.currentIndex()
        rec = self.proxy.data(index, RECORD_ROLE) if index.isValid() else None
        return rec.path if rec is not None else None

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            "Chọn bản sao lưu",
            str(start_dir(self, "backup")),
            "Bản sao lưu Sổ CCHC (*.sqlite3)",
        )
        if not name:
            return
        info_ = backup_info(Path(name))
        if info_ is None:
            show_error(
                self, f"Tệp {name} không phải bản sao lưu của Sổ CCHC (tên không đúng dạng)."
            )
            return
        rows = [r for r in self.model.rows if r.path != info_.path]
        self.model.set_rows([info_, *rows])
        self.table.selectRow(self.proxy.mapFromSource(self.model.index(0, 0)).row())

    def _show_preview(self) -> None:
        path = self.chosen
        self.preview = None
        notes: list[str] = []
        if path is None:
            notes.append("Chưa có bản sao lưu nào. Dùng Tệp → Sao lưu ngay để tạo.")
        else:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self.preview = preview_restore(self.data_dir, path)
            except CchcError as exc:
                notes.append(exc.message)
            finally:
                QGuiApplication.restoreOverrideCursor()
        p = self.preview
        if p is not None:
            notes += p.problems
            if p.histories:
                notes.append(f"Kèm lịch sử xã cũ: {', '.join(p.histories)} (khôi phục cùng).")
            if p.blobs_beside:
                notes.append(
                    f"{format_int(p.blobs_beside)} tệp đính kèm sẽ được chép từ cạnh bản sao lưu."
                )
            if p.blobs_missing:
                notes.append(
                    f"{format_int(p.blobs_missing)} tệp đính kèm mà bản sao lưu cần không còn ở "
                    f"đâu: các tài "
                    "liệu đó sẽ thiếu tệp."
                )
        left = _summary_rows(p.holds) if p and p.sound else [""] * len(self.ROWS)
        right = _summary_rows(p.current) if p else [""] * len(self.ROWS)
        for r in range(len(self.ROWS)):
            for c, text in enumerate((left[r], right[r])):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.compare.setItem(r, c, cell)
        self.notes.setText("\n".join(notes))
        self.notes.setStyleSheet(BAD_STYLE if (p is None or not p.sound) else WARN_STYLE)
        self.notes.setVisible(bool(notes))
        self.restore_button.setEnabled(p is not None and p.sound)

    def compare_texts(self) -> list[tuple[str, str]]:
        return [
            (self.compare.item(r, 0).text(), self.compare.item(r, 1).text())
            for r in range(self.compare.rowCount())
        ]

    def confirm(self) -> None:
        if self.chosen is None or self.preview is None or not self.preview.sound:
            return
        b = backup_info(self.chosen)
        when = format_datetime(b.created) if b else self.chosen.name
        if ask_yes_no(
            self,
            "Khôi phục dữ liệu",
            f"Thay dữ liệu hiện tại bằng bản sao lưu lúc {when}?\n\n"
            "Dữ liệu hiện tại sẽ được sao lưu trước (loại “Trước khi khôi phục”). Những gì "
            "nhập sau thời điểm của bản sao lưu sẽ không còn trên màn hình.",
        ):
            self.accept()


def start_restore(window, path: Path) -> Job:
    """Close the data folder, restore in the background, then reopen and show it."""
    data_dir = window.ws.data_dir
    window.ws.close()

    def reopen() -> bool:
        try:
            window.reopen_workspace()
        except CchcError as exc:
            show_error(window, exc, "Không mở lại được dữ liệu")
            return False
        return True

    def done(r: RestoreResult) -> None:
        if not reopen():
            return
        text = f"Đã khôi phục từ {r.restored_from.name}."
        if r.safety_copy:
            text += f"\nDữ liệu trước khi khôi phục được giữ tại:\n{r.safety_copy}"
        if r.files_missing:
            text += f"\nCảnh báo: {format_int(r.files_missing)} tệp đính kèm không tìm thấy."
        info(window, "Khôi phục", text)

    def failed(exc: BaseException) -> None:
        reopen()
        show_error(window, exc, "Không khôi phục được")

    return run_job(
        window,
        lambda progress: restore_backup(data_dir, path, progress),
        label="Đang khôi phục dữ liệu…",
        on_success=done,
        on_failure=failed,
        cancellable=False,
    )


def restore_dialog(window) -> RestoreDialog:
    """Open the list of backups; an accepted choice is restored (``dlg.job``)."""
    dlg = RestoreDialog(window)

    def start() -> None:
        if dlg.chosen is not None:
            dlg.job = start_restore(window, dlg.chosen)  # type: ignore[attr-defined]

    dlg.accepted.connect(start)
    dlg.open()
    return dlg
