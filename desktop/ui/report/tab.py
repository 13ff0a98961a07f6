"""The Báo cáo screen (Ctrl+7): the report register on the left; on the right the selected
report's sections, header fields and status; export to Word and PDF, print preview and
print made by the app, "Mở bằng Word", the signed scan, the evidence index."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from base.errors import CchcError
from desktop.core.office.vnformat import format_date
from desktop.core.report.records import DraftOutcome, ReportInfo
from desktop.core.report.redraft import RefreshOutcome, refresh_report
from desktop.core.report.status import attach_signed_scan, duplicate_for_next_year, set_status
from desktop.core.report.store import (
    create_index_report,
    delete_report,
    list_reports,
    save_section,
)
from desktop.ui.errors import show_error
from desktop.ui.files.dialogs import remember, start_dir
from desktop.ui.report.dialogs import NewReportDialog, UploadDialog
from desktop.ui.report.editor import HeaderForm, SectionsEditor, history_lines, status_summary
from desktop.ui.report.fields_form import FieldsForm
from desktop.ui.report.output import ReportOutput
from desktop.ui.table_model import SORT_ROLE, Column, RecordTableModel
from desktop.ui.vi import ask_yes_no, info
from desktop.ui.worker import Job


def _tip(r: ReportInfo) -> str:
    return (
        f"Báo cáo {r.number_text}: {r.kind_label} năm {r.index_year}"
        + (f", số liệu hồ sơ {r.period_text}" if r.period_text else "")
        + f" – {r.status_label}"
    )


COLUMNS = [
    Column("Số", lambda r: r.number_text, sort=lambda r: int(r.number or 0), tooltip=_tip),
    Column(
        "Ngày",
        lambda r: format_date(r.report_date),
        sort=lambda r: r.report_date or date.min,
        tooltip=_tip,
    ),
    Column("Chỉ số năm", lambda r: str(r.index_year), tooltip=_tip),
    Column("Trạng thái", lambda r: r.status_label, tooltip=_tip),
]
SCAN_FILTER = "Bản quét (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"


class ReportsTab(QWidget):
    def __init__(self, window) -> None:
        super().__init__()
        self.window = window
        self.reports: list[ReportInfo] = []
        self.current_id: int | None = None
        self.last_job: Job | None = None

        self.model: RecordTableModel[ReportInfo] = RecordTableModel(COLUMNS, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Sổ báo cáo")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.new_btn = QPushButton("Báo cáo &mới…")
        self.dup_btn = QPushButton("Nhân &bản sang năm sau")
        self.del_btn = QPushButton("Xóa")
        self.del_btn.setToolTip("Xóa bản nháp đang chọn (Delete)")
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        for b in (self.new_btn, self.dup_btn, self.del_btn):
            row.addWidget(b)
        row.addStretch(1)
        ll.addLayout(row)
        ll.addWidget(self.table, 1)
        self.empty = QLabel(
            "Sổ báo cáo chưa có báo cáo nào. Bấm “Báo cáo mới…” để soạn báo cáo kết quả "
            "Chỉ số CCHC từ dữ liệu đã có."
        )
        self.empty.setWordWrap(True)
        ll.addWidget(self.empty)

        self.sections = SectionsEditor(self)
        self.fields = FieldsForm(self)
        self.header = HeaderForm(self)
        self.status_label = QLabel()
        self.history = QListWidget()
        self.history.setAccessibleName("Lịch sử trạng thái")
        self.printed_btn = QPushButton("Đánh dấ&u đã in")
        self.sign_btn = QPushButton("Đính kèm bản đã ký (&quét)…")
        self.open_scan_btn = QPushButton("Mở bản đã ký")
        self.handed_btn = QPushButton("Đã chu&yển đi")
        self.upload_btn = QPushButton("Đã tải &lên…")
        status = QWidget()
        sl = QVBoxLayout(status)
        sl.addWidget(self.status_label)
        sl.addWidget(self.history, 1)
        srow = QHBoxLayout()
        for b in (
            self.printed_btn,
            self.sign_btn,
            self.open_scan_btn,
            self.handed_btn,
            self.upload_btn,
        ):
            srow.addWidget(b)
        srow.addStretch(1)
        sl.addLayout(srow)
        self.pages = QTabWidget()
        self.pages.addTab(self.sections, "Nội dung")
        self.pages.addTab(self.fields, "Các &trường")
        self.pages.addTab(self.header, "Thông tin chung")
        self.pages.addTab(status, "Trạng thái")

        self.word_btn = QPushButton("Xuất &Word…")
        self.word_btn.setToolTip("Xuất tệp .docx theo Nghị định 30/2020 (Ctrl+Shift+W)")
        self.pdf_btn = QPushButton("Xuất &PDF…")
        self.pdf_btn.setToolTip("Tệp PDF do ứng dụng tạo, không cần Word (Ctrl+Shift+P)")
        self.preview_btn = QPushButton("Xem t&rước khi in…")
        self.preview_btn.setToolTip("Xem trước và in (Ctrl+P)")
        self.print_btn = QPushButton("&In…")
        self.open_word_btn = QPushButton("Mở bằng Wor&d")
        self.open_word_btn.setToolTip("Mở tệp .docx đã xuất bằng Word hoặc LibreOffice")
        self.evidence_btn = QPushButton("Danh mục tài liệu &kiểm chứng…")
        self.evidence_btn.setToolTip("Xuất danh mục tài liệu kiểm chứng của năm (.docx, .xlsx)")
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setWordWrap(True)
        rl.addWidget(self.title)
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.missing.linkActivated.connect(lambda _link: self.show_fields())
        rl.addWidget(self.missing)
        rl.addWidget(self.pages, 1)
        erow = QHBoxLayout()
        for b in (
            self.word_btn,
            self.pdf_btn,
            self.preview_btn,
            self.print_btn,
            self.open_word_btn,
        ):
            erow.addWidget(b)
        erow.addStretch(1)
        erow.addWidget(self.evidence_btn)
        rl.addLayout(erow)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setSizes([400, 950])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(split)
        self.output = ReportOutput(self)
        self._connect()

    # --- wiring ------------------------------------------------------------------------------

    def _shortcut(self, keys: str, slot: Callable, widget: QWidget | None = None) -> None:
        act = QAction(self)
        act.setShortcut(QKeySequence(keys))
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(slot)
        (widget or self).addAction(act)

    def _connect(self) -> None:
        self.table.selectionModel().currentRowChanged.connect(self._on_select)
        self.new_btn.clicked.connect(self.new_report)
        self.dup_btn.clicked.connect(self.duplicate)
        self.del_btn.clicked.connect(self.delete)
        self.word_btn.clicked.connect(self.output.export_word)
        self.pdf_btn.clicked.connect(self.output.export_pdf)
        self.preview_btn.clicked.connect(self.output.preview)
        self.print_btn.clicked.connect(self.output.print_)
        self.open_word_btn.clicked.connect(self.output.open_word)
        self.evidence_btn.clicked.connect(self.output.export_evidence_index)
        self.printed_btn.clicked.connect(lambda: self._status("printed"))
        self.handed_btn.clicked.connect(lambda: self._status("handed_off"))
        self.upload_btn.clicked.connect(self.uploaded)
        self.sign_btn.clicked.connect(self.attach_scan)
        self.open_scan_btn.clicked.connect(self.open_scan)
        self._shortcut("Ctrl+S", self.sections.save)
        self._shortcut("Ctrl+P", self.output.preview)
        self._shortcut("Ctrl+Shift+W", self.output.export_word)
        self._shortcut("Ctrl+Shift+P", self.output.export_pdf)
        self._shortcut("Delete", self.delete, self.table)

    # --- data --------------------------------------------------------------------------------

    @property
    def current(self) -> ReportInfo | None:
        return next((r for r in self.reports if r.id == self.current_id), None)

    def refresh(self) -> None:
        if self.sections.dirty:  # never lose what the officer typed
            r, key = self.sections.report, self.sections.key
            assert r is not None and key is not None
            try:
                with self.window.ws.transaction() as s:
                    save_section(
                        s,
                        r.id,
                        key,
                        self.sections.heading.toPlainText(),
                        self.sections.body.toPlainText(),
                    )
            except CchcError as exc:
                show_error(self, exc)
        with self.window.ws.session() as s:
            self.reports = list_reports(s)
        self.model.set_rows(self.reports)
        self.table.resizeColumnsToContents()
        self.empty.setVisible(not self.reports)
        if self.current is None and self.reports:
            self.current_id = self.reports[0].id
        self._select_current()
        self._show(self.current)

    def _select_current(self) -> None:
        for row in range(self.proxy.rowCount()):
            rec = self.model.record(self.proxy.mapToSource(self.proxy.index(row, 0)).row())
            if rec.id == self.current_id:
                self.table.selectionModel().blockSignals(True)
                self.table.selectRow(row)
                self.table.setCurrentIndex(self.proxy.index(row, 0))
                self.table.selectionModel().blockSignals(False)
                return

    def _on_select(self, current, _previous) -> None:
        if not current.isValid():
            return
        rec = self.model.record(self.proxy.mapToSource(current).row())
        if rec.id != self.current_id:
            self.sections.save()
            self.current_id = rec.id
            self._show(self.current)

    def show_fields(self) -> None:
        """The "Còn thiếu" form, on the first blank field."""
        self.pages.setCurrentWidget(self.fields)
        self.fields.focus_first_blank()

    def _show_fields(self, r: ReportInfo | None) -> None:
        fields = {}
        if r is not None:
            from desktop.core.report.field_store import report_fields

            with self.window.ws.session() as s:
                fields = report_fields(s, r.id)
        self.fields.show_fields(r, fields)
        missing = [f for f in fields.values() if f.spec.required and f.blank]
        index = self.pages.indexOf(self.fields)
        self.pages.setTabText(index, f"Còn &thiếu ({len(missing)})" if missing else "Các &trường")
        self.missing.setVisible(bool(missing) and bool(r and r.editable))
        self.missing.setText(
            f"<span style='color:#a40000'>Còn thiếu {len(missing)} trường: "
            + "; ".join(f.label for f in missing)
            + ".</span> <a href='#fields'>Điền ngay</a>"
        )

    def _show(self, r: ReportInfo | None) -> None:
        self.sections.show_report(r)
        self._show_fields(r)
        self.header.show_report(r)
        self.history.clear()
        if r is None:
            self.title.setText("")
            self.status_label.setText("")
        else:
            self.title.setText(
                f"<b>Báo cáo số {r.number_text}</b> – {r.kind_label} năm {r.index_year}"
                + (f", số liệu hồ sơ {r.period_text}" if r.period_text else "")
                + f" · <i>{r.status_label}</i>"
            )
            self.status_label.setText(status_summary(r))
            self.history.addItems(history_lines(r))
        has = r is not None
        for b in (self.word_btn, self.pdf_btn, self.preview_btn, self.print_btn, self.dup_btn):
            b.setEnabled(has)
        self.open_word_btn.setEnabled(bool(r and r.last_docx))
        self.del_btn.setEnabled(bool(r and r.status in ("draft", "exported")))
        status = r.status if r else ""
        self.printed_btn.setEnabled(status in ("draft", "exported", "printed"))
        self.sign_btn.setEnabled(status in ("exported", "printed", "signed"))
        self.open_scan_btn.setEnabled(bool(r and r.signed_sha256))
        self.handed_btn.setEnabled(status == "signed")
        self.upload_btn.setEnabled(status in ("signed", "handed_off", "uploaded"))

    def write(self, fn: Callable[[Any], Any]) -> Any:
        """One unit of work; then every screen refreshes. Errors are shown, never raised."""
        try:
            with self.window.ws.transaction() as s:
                result = fn(s)
        except Exception as exc:  # noqa: BLE001 - shown to the officer
            show_error(self, exc)
            return None
        report = getattr(result, "report", result)
        if isinstance(report, ReportInfo):
            self.current_id = report.id
        self.window.dataChanged.emit()
        return result

    # --- register ----------------------------------------------------------------------------

    def new_report(self) -> None:
        year = self.window.year or date.today().year - 1
        dlg = NewReportDialog(year, self)
        if not dlg.exec():
            return
        number, when, index_year, period = dlg.values()
        outcome: DraftOutcome | None = self.write(
            lambda s: create_index_report(
                s, index_year=index_year, period=period, number=number, report_date=when
            )
        )
        if outcome is not None:
            self._tell_missing("Đã soạn bản nháp báo cáo.", outcome.problems, outcome.warnings)

    def _tell_missing(self, head: str, problems: list[str], warnings: list[str]) -> None:
        lines = [*problems, *warnings]
        if lines:
            info(self, "Báo cáo", head + "\n\nCòn thiếu:\n- " + "\n- ".join(lines))

    def duplicate(self) -> None:
        r = self.current
        if r is None:
            return
        outcome = self.write(lambda s: duplicate_for_next_year(s, r.id))
        if outcome is not None:
            self._tell_missing(
                f"Đã tạo bản nháp báo cáo năm {r.index_year + 1} từ báo cáo {r.number_text}.",
                outcome.problems,
                outcome.warnings,
            )

    def delete(self) -> None:
        r = self.current
        if r is None or not ask_yes_no(
            self, "Xóa báo cáo", f"Xóa bản nháp báo cáo số {r.number_text}? Không hoàn tác được."
        ):
            return
        self.current_id = None
        self.write(lambda s: delete_report(s, r.id))

    def refresh_figures(self) -> None:
        r = self.current
        if r is None:
            return
        self.sections.save()
        outcome: RefreshOutcome | None = self.write(lambda s: refresh_report(s, r.id))
        if outcome is None:
            return
        text = f"Đã soạn lại {len(outcome.updated)} mục theo số liệu mới."
        if outcome.offers:
            text += (
                "\n\nCác mục đã sửa tay được giữ nguyên; số liệu mới khác ở: "
                + ", ".join(o.name for o in outcome.offers)
                + ". Chọn mục rồi bấm “Soạn lại mục này” để xem khác biệt."
            )
        if outcome.problems or outcome.warnings:
            self._tell_missing(text, outcome.problems, outcome.warnings)
        else:
            info(self, "Làm mới số liệu", text)

    # --- statuses ----------------------------------------------------------------------------

    def _status(self, status: str, **kw) -> None:
        r = self.current
        if r is not None:
            self.write(lambda s: set_status(s, r.id, status, **kw))

    def uploaded(self) -> None:
        dlg = UploadDialog(self)
        if dlg.exec():
            on, note = dlg.values()
            self._status("uploaded", on=on, note=note)

    def attach_scan(self) -> None:
        r = self.current
        if r is None:
            return
        name, _ = QFileDialog.getOpenFileName(
            self, "Chọn bản quét báo cáo đã ký, đóng dấu", str(start_dir(self, "scan")), SCAN_FILTER
        )
        if name:
            remember(self, "scan", Path(name))
            store = self.window.ws.store
            self.write(lambda s: attach_signed_scan(s, store, r.id, Path(name)))

    def open_scan(self) -> None:
        r = self.current
        if r is None or not r.signed_sha256:
            return
        from desktop.ui.open_file import open_stored_file

        try:
            open_stored_file(self.window.ws.store, r.signed_sha256, r.signed_name)
        except CchcError as exc:
            show_error(self, exc)
