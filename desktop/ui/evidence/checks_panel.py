"""The "Kiểm tra trước khi nộp" panel (F7): where the appraising body would take points off.

The checks run on a worker thread; each finding names its kind, sub-criterion, document
and what is wrong. Double-click or Enter jumps to the sub-criterion in the catalog tree
or to the document in the register. "Bỏ qua…" sets a finding aside with a reason (kept in
the database); set-aside findings are shown on demand and can be restored. While the
panel is open, the checks run again quietly whenever the data changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from base.errors import CchcError
from desktop.core.evidence.checks import (
    FINDING_KINDS,
    CheckReport,
    EvidenceFinding,
    dismiss_finding,
    require_signed,
    restore_finding,
    run_checks,
    set_require_signed,
)
from desktop.core.evidence.query import RegisterIndex
from desktop.core.selfassess.readiness import (
    EXPLANATION_KIND,
    EXPLANATION_LABEL,
    explanation_findings,
    readiness,
)
from desktop.ui.errors import show_error
from desktop.ui.table_model import Column, RecordTableModel, record_view
from desktop.ui.widgets import button
from desktop.ui.worker import Job, run_job

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

SEVERITY = {"error": ("Lỗi", "#fde7e9"), "warning": ("Cảnh báo", "#fff4ce")}


@dataclass(frozen=True)
class FindingLine:
    finding: EvidenceFinding
    document: str  # the document's number, or #id
    dismissed: bool

    @property
    def kind_label(self) -> str:
        if self.explanation:
            return EXPLANATION_LABEL
        return FINDING_KINDS[self.finding.kind][1]

    @property
    def explanation(self) -> bool:
        """A missing explanation (answered by writing it, not set aside)."""
        return self.finding.kind == EXPLANATION_KIND


COLUMNS: list[Column[FindingLine]] = [
    Column(
        "Mức",
        lambda r: "Đã bỏ qua" if r.dismissed else SEVERITY[r.finding.severity][0],
        sort=lambda r: (r.dismissed, r.finding.severity != "error"),
        background=lambda r: None if r.dismissed else SEVERITY[r.finding.severity][1],
    ),
    Column("Loại", lambda r: r.kind_label),
    Column(
        "Tiêu chí",
        lambda r: ", ".join(r.finding.codes) if r.finding.codes else (r.finding.code or ""),
    ),
    Column("Tài liệu", lambda r: r.document),
    Column("Nội dung", lambda r: r.finding.message),
    Column("Lý do bỏ qua", lambda r: r.finding.dismissed_reason or ""),
]
COL_REASON = 5


class ChecksPanel(QDockWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__("Kiểm tra trước khi nộp", window)
        self.setObjectName("checks_dock")
        self.window_ = window
        self.report: CheckReport | None = None
        self.explanations: list[EvidenceFinding] = []  # sub-criteria missing an explanation
        self._numbers: dict[int, str] = {}
        self.job: Job | None = None
        self._again = False

        self.summary = QLabel("Chưa kiểm tra.")
        self.summary.setWordWrap(True)
        self.show_dismissed = QCheckBox("Hiện mục đã &bỏ qua")
        self.require_signed = QCheckBox("Yêu cầu PDF có chữ ký &số")
        self.require_signed.setToolTip(
            "Năm đánh giá này yêu cầu tài liệu kiểm chứng là bản điện tử có chữ ký số: cảnh "
            "báo mọi tài liệu PDF chưa ký số (không đánh dấu: chỉ ở tiêu chí có ghi “ký số” "
            "trong tài liệu cần có)"
        )
        self.rerun_btn = button("&Kiểm tra lại", "Kiểm tra lại (F7)")
        self.dismiss_btn = button("Bỏ &qua…", "Bỏ qua cảnh báo này, ghi rõ lý do")
        self.restore_btn = button("&Khôi phục", "Hiện lại cảnh báo đã bỏ qua")
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        for w in (
            self.require_signed,
            self.show_dismissed,
            self.rerun_btn,
            self.dismiss_btn,
            self.restore_btn,
        ):
            top.addWidget(w)

        self.model: RecordTableModel[FindingLine] = RecordTableModel(COLUMNS, self)
        self.table = record_view(self.model, "Kết quả kiểm tra", single=True)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # errors first
        self.table.setToolTip("Nhấp đúp hoặc Enter để đến tiêu chí / tài liệu")
        header = self.table.horizontalHeader()
        for col, width in ((0, 80), (1, 220), (2, 90), (3, 110), (COL_REASON, 200)):
            header.resizeSection(col, width)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnHidden(COL_REASON, True)

        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(6, 4, 6, 6)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        self.setWidget(body)

        self.rerun_btn.clicked.connect(lambda: self.run())
        self.dismiss_btn.clicked.connect(self.dismiss)
        self.restore_btn.clicked.connect(self.restore)
        self.show_dismissed.toggled.connect(lambda _on: self._show_lines())
        self.require_signed.toggled.connect(self._set_require_signed)
        self.table.activated.connect(lambda idx: self.jump(idx.row()))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        window.dataShown.connect(self._data_shown)
        self._update_buttons()

    # --- running --------------------------------------------------------------------------

    def run(self, *, quiet: bool = False) -> Job | None:
        if self.job is not None:
            self._again = True
            return self.job
        ws, year = self.window_.ws, self.window_.year
        if year is None:
            self.report = None
            self.summary.setText("Chưa có năm đánh giá để kiểm tra.")
            self._show_lines()
            return None

        try:
            with ws.session() as s:
                wanted = require_signed(s, year)
        except CchcError:
            wanted = False
        self.require_signed.blockSignals(True)
        self.require_signed.setChecked(wanted)
        self.require_signed.blockSignals(False)

        def work(_progress) -> tuple[CheckReport, dict[int, str], list[EvidenceFinding]]:
            with ws.session() as s:
                report = run_checks(s, ws.store, year)
                numbers = {r.id: r.number for r in RegisterIndex.load(s, year).rows}
                missing = explanation_findings(readiness(s, ws.store, year, report))
            return report, numbers, missing

        self.summary.setText(f"Đang kiểm tra năm {year}…")
        self.job = run_job(
            self,
            work,
            label=f"Đang kiểm tra tài liệu và điểm năm {year}…",
            on_success=self._done,
            show_progress=not quiet,
        )
        self.job.finished.connect(self._job_ended)
        return self.job

    def _set_require_signed(self, on: bool) -> None:
        """The year's setting; the checks run again at once."""
        year = self.window_.year
        if year is None:
            return
        try:
            self.window_.ws.ensure_writable()
            with self.window_.ws.transaction() as s:
                set_require_signed(s, year, on)
        except CchcError as exc:
            show_error(self, exc)
            return
        self.run()

    def _job_ended(self) -> None:
        self.job = None
        if self._again:
            self._again = False
            self.run(quiet=True)

    def _data_shown(self) -> None:
        if self.isVisible():
            self.run(quiet=True)

    def _done(self, result: tuple[CheckReport, dict[int, str], list[EvidenceFinding]]) -> None:
        self.report, self._numbers, self.explanations = result
        self._show_lines()

    def _line(self, f: EvidenceFinding, dismissed: bool) -> FindingLine:
        doc = ""
        if f.evidence_id is not None:
            doc = self._numbers.get(f.evidence_id) or f"#{f.evidence_id}"
        return FindingLine(f, doc, dismissed)

    def _show_lines(self) -> None:
        report = self.report
        if report is None:
            self.model.set_rows([])
            self._update_buttons()
            return
        lines = [self._line(f, False) for f in (*report.findings, *self.explanations)]
        if self.show_dismissed.isChecked():
            lines += [self._line(f, True) for f in report.dismissed]
        self.table.setColumnHidden(COL_REASON, not self.show_dismissed.isChecked())
        self.model.set_rows(lines)
        errors = sum(1 for f in report.findings if f.severity == "error")
        warnings = len(report.findings) - errors
        head = f"Năm {report.year}: "
        if report.ready:
            head += "<b style='color:#107c10'>không còn lỗi</b>"
        else:
            head += f"<b style='color:#c42b1c'>{errors} lỗi</b>"
        head += f", {warnings} cảnh báo"
        if self.explanations:
            head += f", {len(self.explanations)} tiêu chí thiếu giải trình"
        if report.dismissed:
            head += f" · {len(report.dismissed)} mục đã bỏ qua"
        self.summary.setText(head + ". Nhấp đúp một dòng để đến chỗ cần sửa.")
        if lines:
            self.table.selectRow(0)
        self._update_buttons()

    # --- acting on a finding --------------------------------------------------------------

    def current_line(self) -> FindingLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        line = self.current_line()
        self.dismiss_btn.setEnabled(
            line is not None and not line.dismissed and not line.explanation
        )
        self.restore_btn.setEnabled(line is not None and line.dismissed)

    def jump(self, row: int) -> bool:
        if not 0 <= row < len(self.model.rows):
            return False
        line = self.model.record(row)
        f = line.finding
        if line.explanation and f.node_id is not None:
            shown = self.window_.show_node(f.node_id)
            if shown:
                self.window_.pane.score_box.edit_explanation()
            return shown
        if f.scope == "document" and f.evidence_id is not None:
            return self.window_.show_document(f.evidence_id)
        if f.node_id is not None:
            return self.window_.show_node(f.node_id)
        return False

    def ask_reason(self, line: FindingLine) -> str | None:
        dlg = QInputDialog(self)
        dlg.setWindowTitle("Bỏ qua cảnh báo")
        dlg.setLabelText(f"{line.finding.message}\n\nLý do bỏ qua (được lưu lại):")
        dlg.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dlg.setOkButtonText("Bỏ qua")
        dlg.setCancelButtonText("Hủy")
        dlg.resize(520, dlg.sizeHint().height())
        return dlg.textValue() if dlg.exec() else None

    def dismiss(self) -> bool:
        line, year = self.current_line(), self.window_.year
        if line is None or line.dismissed or line.explanation or year is None:
            return False
        reason = self.ask_reason(line)
        if reason is None:
            return False
        try:
            with self.window_.ws.transaction() as s:
                dismiss_finding(s, year, line.finding, reason)
        except CchcError as exc:
            show_error(self, exc)
            return False
        self.run(quiet=True)
        return True

    def restore(self) -> bool:
        line, year = self.current_line(), self.window_.year
        if line is None or not line.dismissed or year is None:
            return False
        try:
            with self.window_.ws.transaction() as s:
                restore_finding(s, year, line.finding.key)
        except CchcError as exc:
            show_error(self, exc)
            return False
        self.run(quiet=True)
        return True
