"""The "Tự đánh giá" tab (Ctrl+0): the year's self-assessment as the report will show it.

The score table by area, criterion and sub-criterion (code, content, maximum, declared
figure, self-score, evidence numbers, whether the explanation is there), the totals with
and without bonus points, the report's editable texts, "Đánh dấu sẵn sàng" (refused with
the list of what is missing), "Khóa – đã nộp" (a submitted round), the changes since the
submitted round, and "Xuất báo cáo tự đánh giá…" (.docx or .xlsx).

Reading the year needs the checks (for the explanations), so it runs on a worker thread,
and only while the tab is shown; ``loaded`` is emitted when the figures are on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from base.errors import CchcError
from desktop.core.office.vnformat import format_date
from desktop.core.selfassess.export_docx import export_self_assessment
from desktop.core.selfassess.readiness import Readiness, readiness
from desktop.core.selfassess.ready_mark import mark_ready, ready_marked
from desktop.core.selfassess.report import SelfAssessmentReport, gather_report, set_texts
from desktop.core.selfassess.rounds import RoundDiff, YearStatus, lock_year, round_diff, year_status
from desktop.ui.errors import show_error
from desktop.ui.files.dialogs import remember, start_dir, tell_saved
from desktop.ui.keys import ENTER_KEYS, on_keys
from desktop.ui.selfassess.parts import (
    SCORE_COLUMNS,
    RoundPane,
    ScoreModel,
    TextsPane,
    score_lines,
    score_table,
)
from desktop.ui.vi import ask_yes_no, info
from desktop.ui.widgets import button, splitter
from desktop.ui.worker import Job, run_job

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

EXPORT_FILTER = "Tài liệu Word (*.docx);;Bảng tính Excel (*.xlsx)"
OK_COLOUR, BAD_COLOUR = "#107c10", "#c42b1c"


@dataclass(frozen=True)
class YearData:
    report: SelfAssessmentReport
    state: Readiness
    status: YearStatus
    diff: RoundDiff | None
    marked: date | None


def load_year(ws, year: int) -> YearData:
    with ws.session() as s:
        report = gather_report(s, year)
        state = readiness(s, ws.store, year)
        status = year_status(s, year)
        diff = round_diff(s, year) if status.submitted is not None else None
        return YearData(report, state, status, diff, ready_marked(s, year))


def export_path(chosen: str, selected_filter: str) -> Path:
    """The file name from the save dialog, with the suffix of the chosen type."""
    path = Path(chosen)
    if path.suffix.lower() in (".docx", ".xlsx"):
        return path
    return path.with_suffix(".xlsx" if "xlsx" in selected_filter else ".docx")


class SelfAssessTab(QWidget):
    loaded = Signal()  # the year's figures are on screen

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window_ = window
        self.data: YearData | None = None
        self.job: Job | None = None
        self.export_job: Job | None = None
        self._again = False
        self._stale = False
        self._last_dir = Path.home()

        self.status = QLabel("Đang đọc…")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.ready_btn = button(
            "Đánh &dấu sẵn sàng",
            "Kiểm tra đã chấm đủ điểm và có đủ giải trình, rồi đánh dấu năm sẵn sàng nộp",
        )
        self.lock_btn = button(
            "&Khóa – đã nộp",
            "Khóa năm là đã nộp: giữ lại bản điểm và báo cáo; sửa sau đó thành vòng mới",
        )
        self.export_btn = button(
            "Xuất &báo cáo tự đánh giá…", "Xuất báo cáo tự đánh giá ra tệp Word (.docx) hoặc Excel"
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for b in (self.ready_btn, self.lock_btn, self.export_btn):
            buttons.addWidget(b, 0, Qt.AlignmentFlag.AlignTop)

        self.model = ScoreModel(SCORE_COLUMNS, self)
        self.table = score_table(self.model)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.totals.setAccessibleName("Tổng điểm tự đánh giá")
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left = QWidget()
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        left_lay.addWidget(self.table, 1)
        left_lay.addWidget(self.totals)

        self.texts = TextsPane()
        self.rounds = RoundPane()
        self.side = QTabWidget()
        self.side.addTab(self.texts, "Khó khăn, kiến nghị")
        self.side.addTab(self.rounds, "Vòng nộp")

        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addLayout(buttons)
        lay.addWidget(splitter(Qt.Orientation.Horizontal, left, self.side, (900, 440)), 1)

        self.ready_btn.clicked.connect(self.mark_ready)
        self.lock_btn.clicked.connect(self.lock)
        self.export_btn.clicked.connect(self.export)
        self.texts.saveRequested.connect(self.save_texts)
        self.table.activated.connect(lambda idx: self.jump(idx.row()))
        jump = lambda: self.jump(self.table.currentIndex().row())  # noqa: E731
        on_keys(self.table, dict.fromkeys(ENTER_KEYS, jump))
        self._enable(False)

    # --- reading --------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.isHidden():  # another tab is shown: read when this one is shown again
            self._stale = True
            return
        self._stale = False
        if self.job is not None:
            self._again = True
            return
        ws, year = self.window_.ws, self.window_.year
        if year is None:
            self.data = None
            self.model.set_rows([])
            self.status.setText("Chưa có năm đánh giá.")
            self.totals.setText("")
            self._enable(False)
            self.loaded.emit()
            return
        self.job = run_job(
            self,
            lambda _progress: load_year(ws, year),
            label=f"Đang đọc tự đánh giá năm {year}…",
            on_success=self._show,
            show_progress=False,
        )
        self.job.finished.connect(self._job_ended)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _job_ended(self) -> None:
        self.job = None
        if self._again:
            self._again = False
            self.refresh()

    def _show(self, data: YearData) -> None:
        if data.report.year != self.window_.year:  # the year changed meanwhile
            self._again = True
            return
        self.data = data
        self.model.set_rows(score_lines(data.report.rows, data.state))
        self.totals.setText(
            "<br>".join(f"{label}: <b>{value}</b>" for label, value in data.report.total_lines())
        )
        self.status.setText(self._status_html(data))
        self.texts.show_texts(data.report.texts)
        self.rounds.show_diff(data.status.summary(), data.diff)
        changes = len(data.diff.changes) if data.diff is not None else 0
        self.side.setTabText(1, f"Vòng nộp ({changes} thay đổi)" if data.diff else "Vòng nộp")
        self._enable(True)
        self.loaded.emit()

    def _status_html(self, data: YearData) -> str:
        state = data.state
        colour = OK_COLOUR if state.ready else BAD_COLOUR
        parts = [f"<b>{data.status.summary()}</b>", f"<span style='color:{colour}'>"]
        parts[-1] += f"{state.summary()}</span>"
        if data.marked is not None:
            when = format_date(data.marked)
            parts.append(
                f"Đã đánh dấu sẵn sàng ngày {when}."
                if state.ready
                else f"Đã đánh dấu sẵn sàng ngày {when}, nhưng sau đó dữ liệu đã thay đổi."
            )
        return "<br>".join(parts)

    def _enable(self, on: bool) -> None:
        for w in (self.ready_btn, self.lock_btn, self.export_btn, self.texts):
            w.setEnabled(on)

    def jump(self, row: int) -> bool:
        if not 0 <= row < len(self.model.rows):
            return False
        node_id = self.window_.node_by_code(self.model.record(row).row.code)
        if node_id is None:
            return False
        shown = self.window_.show_node(node_id)
        if shown and self.model.record(row).explanation_status:
            self.window_.pane.score_box.edit_explanation()
        return shown

    # --- writing --------------------------------------------------------------------------

    def _write(self, fn, title: str) -> bool:
        year = self.window_.year
        if year is None:
            return False
        try:
            with self.window_.ws.transaction() as s:
                fn(s, year)
        except CchcError as exc:
            show_error(self, exc, title)
            return False
        return True

    def save_texts(self) -> bool:
        difficulties, recommendations = self.texts.values()
        ok = self._write(
            lambda s, y: set_texts(
                s, y, difficulties=difficulties, recommendations=recommendations
            ),
            "Chưa lưu được",
        )
        if ok:
            self.texts.mark_saved()
            self.texts.saved_label.setText("Đã lưu.")
            self.window_.dataChanged.emit()
        return ok

    def mark_ready(self) -> bool:
        if self.texts.dirty and not self.save_texts():
            return False
        ws = self.window_.ws
        if not self._write(lambda s, y: mark_ready(s, ws.store, y), "Chưa sẵn sàng nộp"):
            return False
        info(self, "Tự đánh giá", f"Đã đánh dấu năm {self.window_.year} sẵn sàng nộp.")
        self.window_.dataChanged.emit()
        return True

    def lock(self) -> bool:
        year = self.window_.year
        if year is None or (self.texts.dirty and not self.save_texts()):
            return False
        number = self.data.status.current_round if self.data is not None else 1
        if not ask_yes_no(
            self,
            "Khóa – đã nộp",
            f"Khóa năm {year} là đã nộp (vòng {number})?\n\nBản điểm, giải trình và báo cáo "
            f"hiện nay được giữ lại. Sửa sau đó sẽ thành vòng {number + 1} và hiện thay đổi so "
            "với vòng đã nộp.",
        ):
            return False
        kept = []
        ws = self.window_.ws
        if not self._write(lambda s, y: kept.append(lock_year(s, ws.store, y)), "Chưa khóa được"):
            return False
        info(self, "Khóa – đã nộp", f"Đã khóa năm {year}: {kept[0].label}.")
        self.window_.dataChanged.emit()
        return True

    def export(self) -> Job | None:
        year = self.window_.year
        if year is None or (self.texts.dirty and not self.save_texts()):
            return None
        default = start_dir(self, "selfassess") / f"bao-cao-tu-danh-gia-{year}.docx"
        chosen, selected = QFileDialog.getSaveFileName(
            self, "Xuất báo cáo tự đánh giá", str(default), EXPORT_FILTER
        )
        if not chosen:
            return None
        path = export_path(chosen, selected)
        self._last_dir = path.parent
        remember(self, "selfassess", path)
        ws = self.window_.ws

        def work(progress) -> Path:
            with ws.session() as s:
                report = gather_report(s, year, ws.store)
            return export_self_assessment(report, path, progress)

        self.export_job = run_job(
            self, work, label=f"Đang xuất {path.name}…", on_success=self._exported
        )
        return self.export_job

    def _exported(self, path: Path) -> None:
        self.window_.statusBar().showMessage(f"Đã xuất báo cáo tự đánh giá: {path}", 10000)
        tell_saved(self, "báo cáo tự đánh giá", path)
        self.texts.saved_label.setText(f"Đã xuất {path.name}.")
