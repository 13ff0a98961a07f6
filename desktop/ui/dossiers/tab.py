"""The "Thống kê hồ sơ TTHC" screen: import the portal's exports (button or drag-and-drop),
pick a reporting period, see its figures as form Biểu 06 with the digital indicators and
the hand-entered portal figures, a monthly chart, the dossiers behind any figure, and
export the table to .xlsx."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.dossiers import (
    DossierFigures,
    Period,
    compute_figures,
    list_dossiers,
    monthly,
    write_form06,
)
from desktop.core.office.vnformat import format_date, format_int
from desktop.ui.dossiers.chart import MonthlyChart
from desktop.ui.dossiers.form06 import Form06Table
from desktop.ui.dossiers.import_dialog import EXCEL_SUFFIXES, OPEN_FILTER, DossierImporter
from desktop.ui.dossiers.indicators import IndicatorTable
from desktop.ui.dossiers.listing import DossierListDialog
from desktop.ui.dossiers.manual import ManualFiguresBox
from desktop.ui.dossiers.period import PRESETS, PeriodPicker
from desktop.ui.files.dialogs import remember, start_dir, tell_saved
from desktop.ui.vi import info
from desktop.ui.worker import Job, run_job

EMPTY_HINT = (
    "Không có hồ sơ nào trong kỳ này. Bấm “Nhập tệp xuất từ Hệ thống…” (Ctrl+I) hoặc kéo thả "
    "tệp Excel xuất từ Hệ thống thông tin giải quyết TTHC vào màn hình này."
)


def excel_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in EXCEL_SUFFIXES]


def month_period(month: date, within: Period) -> Period:
    """The part of ``within`` that falls in the month starting on ``month``."""
    nxt = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    start, end = max(month, within.start), min(nxt - timedelta(days=1), within.end)
    return Period(start, end, f"Tháng {month.month:02d}/{month.year}")


def _period_around(span: Period) -> tuple[int, int] | None:
    """(year, preset index) of the first preset that holds the whole span."""
    for year in (span.end.year, span.end.year + 1):
        for i, (_text, make) in enumerate(PRESETS):
            p = make(year)
            if p.start <= span.start and span.end <= p.end:
                return year, i
    return None


class DossierStatsScreen(QWidget):
    def __init__(self, window) -> None:
        super().__init__()
        self.window_ = window
        self.ws = window.ws
        self.figures: DossierFigures | None = None
        self.window_year = window.year or date.today().year
        self.queue: list[Path] = []
        self.last_dir = str(Path.home())
        self.export_job: Job | None = None
        self.list_dialog: DossierListDialog | None = None
        self.setAcceptDrops(True)

        self.importer = DossierImporter(self.ws, self)
        self.importer.done.connect(self._imported)
        self.btn_import = QPushButton("Nhậ&p tệp xuất từ Hệ thống…")
        self.btn_import.setToolTip(
            "Nhập danh sách hồ sơ (.xlsx, .xls) xuất từ Hệ thống thông tin giải quyết TTHC "
            "(Ctrl+I). Có thể kéo thả tệp vào màn hình này."
        )
        self.btn_import.clicked.connect(self.choose_file)
        self.btn_export = QPushButton("Xuất &Excel…")
        self.btn_export.setToolTip("Ghi Biểu 06 của kỳ đang xem ra tệp .xlsx (Ctrl+Shift+X)")
        self.btn_export.clicked.connect(self.choose_export)
        QShortcut(QKeySequence("Ctrl+I"), self, self.choose_file)
        QShortcut(QKeySequence("Ctrl+Shift+X"), self, self.choose_export)

        self.picker = PeriodPicker(self.window_year)
        self.picker.periodChanged.connect(lambda _p: self.refresh())
        top = QHBoxLayout()
        top.addWidget(self.picker, 1)
        top.addSpacing(12)
        top.addWidget(self.btn_import)
        top.addWidget(self.btn_export)

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.hint = QLabel("Bấm vào một số liệu (hoặc chọn rồi nhấn Enter) để xem danh sách hồ sơ.")
        self.hint.setStyleSheet("color:#555;")
        self.import_note = QLabel()
        self.import_note.setWordWrap(True)
        self.import_note.setStyleSheet(
            "QLabel { background:#e7f3e7; border:1px solid #8fbf8f; padding:6px; }"
        )
        self.import_note.hide()
        self.empty = QLabel(EMPTY_HINT)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(
            "QLabel { background:#fff4ce; border:1px solid #e0c060; padding:6px; color:#5a4500; }"
        )
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.hint)

        self.table = Form06Table()
        self.table.figureActivated.connect(self.show_dossiers)
        self.indicators = IndicatorTable()
        self.indicators.figureActivated.connect(self.show_dossiers)
        self.manual = ManualFiguresBox(self.ws)
        self.manual.saved.connect(self.window_.dataChanged.emit)
        self.chart = MonthlyChart()
        self.chart.barActivated.connect(self.show_month)

        chart_box = QGroupBox("Hồ sơ theo tháng")
        QVBoxLayout(chart_box).addWidget(self.chart)
        ind_box = QGroupBox("Chỉ số số hóa, dịch vụ công trực tuyến")
        ind_lay = QVBoxLayout(ind_box)
        ind_lay.addWidget(self.indicators)
        ind_lay.addStretch(1)
        self.bottom = QSplitter(Qt.Orientation.Horizontal)
        for w in (chart_box, ind_box, self.manual):
            self.bottom.addWidget(w)
        self.bottom.setStretchFactor(0, 4)
        self.bottom.setStretchFactor(1, 5)
        self.bottom.setStretchFactor(2, 3)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(self.table)
        self.split.addWidget(self.bottom)
        self.split.setChildrenCollapsible(False)
        self.split.setStretchFactor(0, 0)  # the table keeps its rows' height
        self.split.setStretchFactor(1, 1)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addLayout(top)
        lay.addLayout(heading)
        lay.addWidget(self.import_note)
        lay.addWidget(self.empty)
        lay.addWidget(self.split, 1)

    # --- data -------------------------------------------------------------------------------

    @property
    def period(self) -> Period:
        return self.picker.period()

    def refresh(self) -> None:
        year = self.window_.year
        if year is not None and year != self.window_year:
            self.window_year = year
            before = self.period
            self.picker.set_year(year)
            if self.period != before:
                return  # periodChanged has already shown the new period
        period = self.period
        with self.ws.session() as s:
            figures = compute_figures(s, period)
            months = monthly(s, period)
        self.figures = figures
        self.title.setText(f"<b>Kết quả giải quyết TTHC</b> – {period.title}")
        self.table.show_figures(figures)
        self.indicators.show_figures(figures)
        self.manual.show_period(period, figures.manual)
        self.chart.set_months(months)
        self.empty.setVisible(figures.total["received.total"] == 0)
        self._fit_table()

    def _fit_table(self) -> None:
        total = sum(self.split.sizes()) or self.split.height()
        if total <= 0:
            return
        want = min(self.table.content_height(), int(total * 0.6))
        self.split.setSizes([want, max(total - want, 1)])

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._fit_table()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_table()

    # --- dossiers behind a figure -----------------------------------------------------------

    def show_dossiers(
        self, figure: str, field_name: str | None, period: Period | None = None
    ) -> DossierListDialog:
        period = period or self.period
        with self.ws.session() as s:
            rows = list_dossiers(s, period, figure, field_name=field_name)
        dlg = DossierListDialog(rows, figure, field_name, period, self)
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()
        self.list_dialog = dlg
        return dlg

    def show_month(self, month: date, figure: str) -> DossierListDialog:
        return self.show_dossiers(figure, None, month_period(month, self.period))

    # --- import -----------------------------------------------------------------------------

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Chọn tệp xuất từ Hệ thống thông tin giải quyết TTHC",
            str(start_dir(self, "dossiers")),
            OPEN_FILTER,
        )
        if path:
            remember(self, "dossiers", Path(path))
            self.import_files([Path(path)])

    def import_files(self, paths: list[Path]) -> None:
        self.queue.extend(paths)
        self._next_import()

    def _next_import(self) -> None:
        if self.queue and not self.importer.busy:
            path = self.queue.pop(0)
            self.last_dir = str(path.parent)
            self.importer.start(path)

    def _imported(self, summary) -> None:
        if summary is not None:
            self.window_.dataChanged.emit()
            self.show_imported(summary)
            self.window_.backup_after_import()
        self._next_import()

    def show_imported(self, summary) -> None:
        """Show a period that holds what was just imported, and say how many it holds:
        the period on screen if it has some of them, else the smallest ND 09 period (or
        calendar quarter) around them, else their own first-to-last days."""
        from desktop.core.dossiers import imported_span

        if summary.import_id is None:
            return
        with self.ws.session() as s:
            found = imported_span(s, summary.import_id)
        if found is None:
            return
        span, count = found
        in_view = self._count_in(summary.import_id)
        if not in_view:
            choice = _period_around(span)
            if choice is None:
                self.picker.set_range(span.start, span.end)
            else:
                year, index = choice
                self.picker.set_year(year)
                self.picker.set_preset(index)
            in_view = self._count_in(summary.import_id)
        self.import_note.setText(
            f"Tệp {summary.file}: {format_int(count)} hồ sơ, tiếp nhận từ ngày "
            f"{format_date(span.start)} "
            f"đến ngày {format_date(span.end)}. Kỳ đang xem "
            f"({format_date(self.period.start)} – {format_date(self.period.end)}) "
            f"có {format_int(in_view)} hồ sơ trong số đó."
        )
        self.import_note.show()

    def show_period(self, period: Period) -> None:
        """Show ``period``: as its preset when one has exactly these days, else as a range."""
        for year in (period.end.year, period.end.year + 1):
            for i, (_text, make) in enumerate(PRESETS):
                p = make(year)
                if (p.start, p.end) == (period.start, period.end):
                    self.picker.set_year(year)
                    self.picker.set_preset(i)
                    return
        self.picker.set_range(period.start, period.end)

    def _count_in(self, import_id: int) -> int:
        from desktop.core.dossiers import imported_in

        with self.ws.session() as s:
            return imported_in(s, import_id, self.period)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if excel_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = excel_paths(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_files(paths)

    # --- export -----------------------------------------------------------------------------

    def default_export_name(self) -> str:
        p = self.period
        return f"Bieu06_{p.start:%Y%m%d}-{p.end:%Y%m%d}.xlsx"

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Lưu Biểu 06 ra tệp Excel",
            str(start_dir(self, "form06") / self.default_export_name()),
            "Bảng tính Excel (*.xlsx)",
        )
        if path:
            remember(self, "form06", Path(path))
            self.export(Path(path))

    def unit_name(self) -> str:
        ov = self.window_.overview
        profile = ov.profile if ov else None
        return f"UBND {profile.display_name}" if profile else ""

    def export(self, path: Path) -> Job | None:
        if self.figures is None:
            return None
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        self.last_dir = str(path.parent)
        figures, unit = self.figures, self.unit_name()
        self.export_job = run_job(
            self,
            lambda progress: write_form06(figures, path, unit),
            label=f"Đang ghi {path.name}…",
            cancellable=False,
            on_success=lambda written: (
                tell_saved(self, "Biểu 06", Path(written)),
                info(
                    self,
                    "Xuất Biểu 06",
                    f"Đã ghi Biểu 06 ({figures.period.title}) vào tệp {written}.",
                ),
            ),
        )
        return self.export_job
