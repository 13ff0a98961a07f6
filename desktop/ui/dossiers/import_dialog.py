"""Importing a portal export from the GUI: read the file (off the GUI thread), pick the
sheet when there are several, import with progress and cancel, ask for the columns when a
needed one is not recognised (then import again with the choice, saved as a profile), and
show what was imported, updated, unchanged and skipped.

Dialogs are opened window-modal with ``open()`` and the flow continues from their signals;
``dialogShown`` announces each one and ``done`` ends the flow (the summary, or None).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.dossiers import (
    ExportPreview,
    ImportCancelled,
    ImportSummary,
    MappingRequiredError,
    preview_file,
    read_dossier_export,
    write_dossier_export,
)
from desktop.core.dossiers.rows import SkippedRow
from desktop.core.office.vnformat import format_int
from desktop.core.progress import Cancelled, Progress
from desktop.ui.dossiers.mapping import MappingDialog
from desktop.ui.errors import show_error
from desktop.ui.table_model import Column, RecordTableModel
from desktop.ui.vi import dialog_buttons
from desktop.ui.worker import Job, run_job

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")
OPEN_FILTER = "Bảng tính Excel (*.xlsx *.xlsm *.xls)"


class SheetDialog(QDialog):
    """Which sheet holds the dossier list (the one the app found is chosen already)."""

    def __init__(self, preview: ExportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Chọn trang tính")
        text = QLabel(
            f"Tệp <b>{preview.file_label}</b> có {len(preview.sheet_names)} trang tính. "
            "Chọn trang có danh sách hồ sơ:"
        )
        text.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Trang tính")
        for name in preview.sheet_names:
            label = f"{name}   (có bảng hồ sơ)" if name == preview.sheet else name
            item = QListWidgetItem(label)
            item.setData(256, name)
            self.list.addItem(item)
        self.list.setCurrentRow(preview.sheet_names.index(preview.sheet))
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = dialog_buttons(self)
        lay = QVBoxLayout(self)
        lay.addWidget(text)
        lay.addWidget(self.list)
        lay.addWidget(buttons)

    def sheet(self) -> str:
        return self.list.currentItem().data(256)

    def choose(self, name: str) -> None:
        names = [self.list.item(i).data(256) for i in range(self.list.count())]
        self.list.setCurrentRow(names.index(name))


SKIPPED_COLUMNS: list[Column[SkippedRow]] = [
    Column("Trang tính", lambda s: s.sheet),
    Column("Dòng", lambda s: str(s.row), sort=lambda s: s.row),
    Column("Mã hồ sơ", lambda s: s.code),
    Column("Lý do", lambda s: s.reason),
]


def summary_lines(summary: ImportSummary) -> list[tuple[str, str]]:
    return [
        ("Hồ sơ mới:", format_int(summary.imported)),
        ("Cập nhật:", format_int(summary.updated)),
        ("Không đổi:", format_int(summary.unchanged)),
        ("Dòng bỏ qua:", format_int(len(summary.skipped))),
    ]


class ImportSummaryDialog(QDialog):
    def __init__(self, summary: ImportSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = summary
        self.setWindowTitle("Kết quả nhập tệp")
        rows = summary.header_rows
        rows_text = str(rows[0]) if len(rows) == 1 else f"{rows[0]}–{rows[-1]}"
        head = [
            f"Đã nhập tệp <b>{summary.file}</b>, trang “{summary.sheet}” "
            f"(dòng tiêu đề {rows_text})."
        ]
        if summary.profile:
            head.append(f"Dùng mẫu ánh xạ cột “{summary.profile}”.")
        if summary.saved_profile:
            head.append(f"Đã lưu mẫu ánh xạ cột “{summary.saved_profile}”.")
        intro = QLabel("<br>".join(head))
        intro.setWordWrap(True)
        counts = QFormLayout()
        self.count_labels: dict[str, QLabel] = {}
        for label, value in summary_lines(summary):
            v = QLabel(f"<b>{value}</b>")
            counts.addRow(label, v)
            self.count_labels[label] = v
        notes = []
        if summary.duplicates:
            notes.append(
                f"{format_int(summary.duplicates)} dòng lặp lại mã hồ sơ đã có trong tệp (đã gộp)."
            )
        if summary.missing_columns:
            notes.append("Lưu ý: tệp không có cột " + ", ".join(summary.missing_columns) + ".")
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(counts)
        for note in notes:
            lbl = QLabel(note)
            lbl.setWordWrap(True)
            lay.addWidget(lbl)
        self.skipped: RecordTableModel[SkippedRow] = RecordTableModel(SKIPPED_COLUMNS, self)
        self.skipped.set_rows(summary.skipped)
        if summary.skipped:
            lay.addWidget(QLabel("Các dòng bị bỏ qua (không nhập):"))
            view = QTableView()
            view.setModel(self.skipped)
            view.verticalHeader().hide()
            view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
            view.resizeColumnsToContents()
            view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
            lay.addWidget(view, 1)
        lay.addWidget(dialog_buttons(self, QDialogButtonBox.StandardButton.Close))
        self.resize(720, 460 if summary.skipped else 240)

    def counts(self) -> dict[str, str]:
        return {
            k: v.text().replace("<b>", "").replace("</b>", "") for k, v in self.count_labels.items()
        }


class DossierImporter(QObject):
    """One import flow at a time for a screen; the caller refreshes on ``done(summary)``."""

    dialogShown = Signal(object)
    jobStarted = Signal(object)
    done = Signal(object)

    def __init__(self, ws, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.ws = ws
        self.parent_widget = parent_widget
        self.job: Job | None = None
        self.dialog: QDialog | None = None
        self.busy = False
        self.path: Path | None = None

    def start(self, path: Path) -> bool:
        if self.busy:
            return False
        self.busy, self.path = True, Path(path)
        self._run(
            self._preview,
            f"Đang đọc tệp {self.path.name}…",
            self._previewed,
            self._failed_preview,
        )
        return True

    # --- steps ------------------------------------------------------------------------------

    def _preview(self, progress: Progress) -> ExportPreview:
        assert self.path is not None
        with self.ws.session() as s:
            return preview_file(s, self.path)

    def _previewed(self, preview: ExportPreview) -> None:
        if len(preview.sheet_names) <= 1:
            self._import(preview.sheet)
            return
        dlg = SheetDialog(preview, self.parent_widget)
        dlg.accepted.connect(lambda: self._import(dlg.sheet()))
        dlg.rejected.connect(lambda: self._finish(None))
        self._show(dlg)

    def _import(
        self, sheet: str | None, overrides: dict[str, str] | None = None, save_as: str | None = None
    ) -> None:
        path = self.path
        assert path is not None

        def work(progress: Progress) -> ImportSummary:
            tick = lambda done, total: progress.update(done, total)  # noqa: E731
            try:
                with self.ws.session() as s:  # reading the file holds no write lock
                    read = read_dossier_export(
                        s,
                        path,
                        sheet=sheet,
                        overrides=overrides,
                        progress=tick,
                        cancel=lambda: progress.cancelled,
                    )
                with self.ws.transaction() as s:
                    return write_dossier_export(
                        s,
                        read,
                        save_profile_as=save_as,
                        progress=tick,
                        cancel=lambda: progress.cancelled,
                    )
            except ImportCancelled:
                raise Cancelled from None

        self._run(work, f"Đang nhập {path.name}…", self._imported, self._failed_import)

    def _failed_preview(self, exc: BaseException) -> None:
        show_error(self.parent_widget, exc, "Không nhập được tệp")
        self._finish(None)

    def _failed_import(self, exc: BaseException) -> None:
        if not isinstance(exc, MappingRequiredError):
            self._failed_preview(exc)
            return
        preview = exc.preview
        dlg = MappingDialog(preview, self.parent_widget)
        dlg.accepted.connect(lambda: self._import(preview.sheet, dlg.overrides(), dlg.profile()))
        dlg.rejected.connect(lambda: self._finish(None))
        self._show(dlg)

    def _imported(self, summary: ImportSummary) -> None:
        dlg = ImportSummaryDialog(summary, self.parent_widget)
        self._finish(summary)
        self._show(dlg)

    # --- plumbing ---------------------------------------------------------------------------

    def _run(self, fn, label: str, on_success, on_failure) -> None:
        job = run_job(
            self.parent_widget, fn, label=label, on_success=on_success, on_failure=on_failure
        )
        # a cancelled job calls neither callback: the flow ends here
        job.finished.connect(lambda: self._finish(None) if job.cancelled else None)
        self.job = job
        self.jobStarted.emit(job)

    def _show(self, dlg: QDialog) -> None:
        self.dialog = dlg
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()
        self.dialogShown.emit(dlg)

    def _finish(self, summary: ImportSummary | None) -> None:
        self.busy = False
        self.done.emit(summary)
