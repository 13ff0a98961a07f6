"""The "Gói nộp USB" screen: choose a target (a stick or a folder) and the scope, see what
the bundle will hold before anything is written, write it in the background (read back and
checked), and see past handoffs. Verify and import of bundles start here too."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from base.errors import CchcError
from desktop.core.bundle.export import MARGIN, ExportResult, export_bundle
from desktop.core.bundle.handoff import HandoffInfo, list_handoffs
from desktop.core.bundle.plan import AreaSummary, ExportSummary, plan_export
from desktop.core.office.vnformat import format_datetime, format_int, format_size
from desktop.ui.bundle.scope import ScopePanel
from desktop.ui.bundle.targets import TargetList, free_space
from desktop.ui.bundle.verify_dialog import (
    BAD_STYLE,
    OK_STYLE,
    WARN_STYLE,
    run_verify,
    verify_picked,
)
from desktop.ui.errors import show_error
from desktop.ui.files.dialogs import tell_saved
from desktop.ui.table_model import RIGHT, SORT_ROLE, Column, RecordTableModel, compact_rows
from desktop.ui.worker import Job, run_job


def _table(
    model: RecordTableModel,
    stretch: int,
    order: Qt.SortOrder = Qt.SortOrder.AscendingOrder,
) -> QTableView:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.verticalHeader().hide()
    compact_rows(view)
    head = view.horizontalHeader()
    for col in range(len(model.columns)):
        mode = (
            QHeaderView.ResizeMode.Stretch
            if col == stretch
            else QHeaderView.ResizeMode.ResizeToContents
        )
        head.setSectionResizeMode(col, mode)
    view.sortByColumn(0, order)
    return view


def _area_key(a: AreaSummary) -> str:
    """Areas in catalog order (1, 2, … 10), documents without a sub-criterion last."""
    return ".".join(f"{int(p):04d}" for p in a.code.split(".") if p.isdigit()) or "9999"


def _menu_button(text: str, actions: list[tuple[str, object]]) -> QPushButton:
    button = QPushButton(text)
    menu = QMenu(button)
    for label, slot in actions:
        menu.addAction(label, slot)
    button.setMenu(menu)
    return button


class BundleTab(QWidget):
    def __init__(self, window) -> None:
        super().__init__()
        self.window = window
        self.summary: ExportSummary | None = None
        self.plan_error = ""
        self.result: ExportResult | None = None
        self.job: Job | None = None
        self._plan_timer = QTimer(self)
        self._plan_timer.setSingleShot(True)
        self._plan_timer.setInterval(150)
        self._plan_timer.timeout.connect(self.update_plan)

        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setStyleSheet("QLabel { font-size: 13pt; font-weight: 600; }")
        top.addWidget(self.heading, 1)
        self.verify_button = _menu_button(
            "&Kiểm tra gói…",
            [
                ("Thư mục gói…", lambda: verify_picked(self, as_zip=False)),
                ("Tệp gói .zip…", lambda: verify_picked(self, as_zip=True)),
            ],
        )
        self.verify_button.setToolTip("Kiểm tra một gói (thư mục hoặc .zip): thiếu, thừa, bị sửa")
        self.import_button = _menu_button(
            "Nhập gói của đồng nghiệ&p…",
            [
                ("Thư mục gói…", lambda: self._import(as_zip=False)),
                ("Tệp gói .zip…", lambda: self._import(as_zip=True)),
            ],
        )
        top.addWidget(self.verify_button)
        top.addWidget(self.import_button)

        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self._target_box(), 2)
        self.scope = ScopePanel(lambda: self.window.ws)
        self.scope.changed.connect(self.schedule_plan)
        left.addWidget(self.scope, 5)
        right = QVBoxLayout()
        right.addWidget(self._plan_box(), 5)
        right.addWidget(self._result_box())
        right.addWidget(self._history_box(), 3)
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addLayout(top)
        lay.addLayout(columns, 1)
        self.targets.reload()

    # --- building -------------------------------------------------------------------------

    def _target_box(self) -> QGroupBox:
        box = QGroupBox("1. Nơi ghi gói")
        self.targets = TargetList(box)
        self.targets.changed.connect(self.schedule_plan)
        self.as_folder = QRadioButton("Thư mục (mở ra là thấy tệp)")
        self.as_zip = QRadioButton("Một tệp .zip")
        self.as_folder.setChecked(True)
        group = QButtonGroup(box)
        group.addButton(self.as_folder)
        group.addButton(self.as_zip)
        kind = QHBoxLayout()
        kind.addWidget(QLabel("Dạng gói:"))
        kind.addWidget(self.as_folder)
        kind.addWidget(self.as_zip)
        kind.addStretch(1)
        lay = QVBoxLayout(box)
        lay.addWidget(self.targets, 1)
        lay.addLayout(kind)
        return box

    def _plan_box(self) -> QGroupBox:
        box = QGroupBox("3. Xem trước gói (chưa ghi gì)")
        cols: list[Column[AreaSummary]] = [
            Column("Lĩnh vực (thư mục trong gói)", lambda a: a.folder, sort=_area_key),
            Column(
                "Tài liệu",
                lambda a: format_int(a.documents),
                sort=lambda a: a.documents,
                align=RIGHT,
            ),
            Column("Tệp", lambda a: format_int(a.files), sort=lambda a: a.files, align=RIGHT),
            Column(
                "Dung lượng", lambda a: format_size(a.bytes), sort=lambda a: a.bytes, align=RIGHT
            ),
        ]
        self.area_model = RecordTableModel(cols, self)
        self.area_table = _table(self.area_model, 0)
        self.plan_label = QLabel()
        self.plan_label.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.hide()
        self.export_button = QPushButton("Gh&i gói")
        self.export_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.export_button.setToolTip(
            "Ghi gói ra nơi đã chọn, rồi đọc lại để kiểm tra (Ctrl+Enter)"
        )
        self.export_button.setMinimumWidth(140)
        self.export_button.clicked.connect(self.export)
        row = QHBoxLayout()
        row.addWidget(self.plan_label, 1)
        row.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignBottom)
        lay = QVBoxLayout(box)
        lay.addWidget(self.area_table, 1)
        lay.addWidget(self.warnings)
        lay.addLayout(row)
        return box

    def _result_box(self) -> QGroupBox:
        box = QGroupBox("4. Kết quả ghi gói")
        self.result_label = QLabel("Chưa ghi gói nào trong lần mở này.")
        self.result_label.setWordWrap(True)
        self.open_button = QPushButton("Mở nơi ghi")
        self.open_button.clicked.connect(self.open_target)
        self.recheck_button = QPushButton("Kiểm tra lại gói")
        self.recheck_button.setToolTip("Đọc lại toàn bộ gói vừa ghi và so mã băm từng tệp")
        self.recheck_button.clicked.connect(self.recheck)
        for b in (self.open_button, self.recheck_button):
            b.setEnabled(False)
        lay = QHBoxLayout(box)
        lay.addWidget(self.result_label, 1)
        lay.addWidget(self.open_button)
        lay.addWidget(self.recheck_button)
        return box

    def _history_box(self) -> QGroupBox:
        self.history_box = QGroupBox("Lịch sử bàn giao")
        cols: list[Column[HandoffInfo]] = [
            Column(
                "Ngày giờ", lambda h: format_datetime(h.created_at), sort=lambda h: h.created_at
            ),
            Column("Gói", lambda h: h.bundle_name),
            Column("Nơi ghi", lambda h: h.target),
            Column("Dạng", lambda h: "Tệp .zip" if h.kind == "zip" else "Thư mục"),
            Column(
                "Tài liệu",
                lambda h: format_int(h.documents),
                sort=lambda h: h.documents,
                align=RIGHT,
            ),
            Column(
                "Tệp", lambda h: format_int(h.file_count), sort=lambda h: h.file_count, align=RIGHT
            ),
            Column(
                "Dung lượng",
                lambda h: format_size(h.total_bytes),
                sort=lambda h: h.total_bytes,
                align=RIGHT,
            ),
        ]
        self.history_model = RecordTableModel(cols, self)
        self.history_table = _table(self.history_model, 1, Qt.SortOrder.DescendingOrder)
        self.history_table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        lay = QVBoxLayout(self.history_box)
        lay.addWidget(self.history_table)
        return self.history_box

    # --- reading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        year = self.window.year
        catalog = self.window.overview.catalog if self.window.overview else None
        self.heading.setText(f"Gói nộp USB – năm {year}" if year else "Gói nộp USB")
        handoffs: list[HandoffInfo] = []
        if year is not None:
            with self.window.ws.session() as s:
                handoffs = list_handoffs(s, year)
        self.history_model.set_rows(handoffs)
        self.history_box.setTitle(
            f"Lịch sử bàn giao năm {year} ({len(handoffs)} lần)" if year else "Lịch sử bàn giao"
        )
        self.scope.show_year(year, catalog, handoffs[0].created_at if handoffs else None)
        self.update_plan()

    def schedule_plan(self, *_args) -> None:
        self._plan_timer.start()

    def update_plan(self) -> None:
        """What the bundle would hold now (read in a short session; nothing is written)."""
        self._plan_timer.stop()
        scope, dest = self.scope.scope(), self.targets.target()
        self.summary, self.plan_error = None, ""
        if scope is None:
            self.plan_error = "Chưa có năm đánh giá: thêm năm ở menu Năm trước khi tạo gói."
        elif self.scope.nothing_chosen():
            self.plan_error = "Chưa chọn lĩnh vực nào."
        else:
            try:
                with self.window.ws.session() as s:
                    plan = plan_export(
                        s, self.window.ws.store, scope, dest=dest, reports=self.scope.report_files()
                    )
                self.summary = plan.summary
            except CchcError as exc:
                self.plan_error = exc.message
        self._show_plan(dest)

    def _show_plan(self, dest: Path | None) -> None:
        s = self.summary
        self.area_model.set_rows(s.areas if s else [])
        problems, notes = [], list(s.warnings) if s else []
        if s is None:
            self.plan_label.setText(self.plan_error)
        else:
            text = (
                f"<b>{format_int(s.documents)} tài liệu, {format_int(s.files)} tệp, "
                f"{format_size(s.total_bytes)}</b>"
                + (f", trong đó {s.reports} báo cáo" if s.reports else "")
                + f".<br>Tên gói: {s.bundle_name}"
            )
            if s.changed_only and s.unchanged_skipped:
                text += (
                    f"<br>Bỏ qua {format_int(s.unchanged_skipped)} tài liệu không đổi từ lần bàn "
                    f"giao "
                    f"{format_datetime(s.last_handoff)}."
                )
            self.plan_label.setText(text)
            if dest is None:
                problems.append(
                    "Chưa chọn nơi ghi: cắm USB rồi bấm Làm mới, hoặc chọn thư mục khác."
                )
            else:
                free = free_space(dest)
                need = s.total_bytes + MARGIN
                if free is None:
                    problems.append(f"Không đọc được {dest} (USB đã rút ra?). Bấm Làm mới.")
                elif free < need:
                    problems.append(
                        f"Không đủ chỗ trống ở {dest}: gói cần khoảng {format_size(need)}, "
                        f"còn {format_size(free)}."
                    )
        lines = [f"• {p}" for p in problems + notes]
        self.warnings.setText("\n".join(lines))
        self.warnings.setStyleSheet(BAD_STYLE if problems else WARN_STYLE)
        self.warnings.setVisible(bool(lines))
        self.export_button.setEnabled(s is not None and not problems and not self._busy())

    def _busy(self) -> bool:
        return self.job is not None and not getattr(self.job, "done", False)

    # --- writing ----------------------------------------------------------------------------

    def export(self) -> Job | None:
        scope, dest = self.scope.scope(), self.targets.target()
        if scope is None or dest is None or self.summary is None:
            return None
        as_zip, reports, ws = self.as_zip.isChecked(), self.scope.report_files(), self.window.ws

        def finished() -> None:
            job.done = True  # type: ignore[attr-defined]
            if job.cancelled:
                self.result_label.setText(
                    f"Đã hủy: không có gói nào được ghi vào {dest} (phần dở dang đã được xóa)."
                )
                self.result_label.setStyleSheet(WARN_STYLE)
            self.window.dataChanged.emit()  # the handoff is recorded: history, "changed only"

        def failed(exc: BaseException) -> None:
            self.result_label.setText(f"Chưa ghi được gói: {exc}")
            self.result_label.setStyleSheet(BAD_STYLE)
            show_error(self, exc, "Không ghi được gói")

        job = run_job(
            self,
            lambda progress: export_bundle(
                ws, scope, dest, as_zip=as_zip, reports=reports, progress=progress
            ),
            label=f"Đang ghi gói vào {dest}…",
            on_success=self._show_result,
            on_failure=failed,
        )
        job.finished.connect(finished)
        self.job = job
        self.export_button.setEnabled(False)
        return job

    def _show_result(self, r: ExportResult) -> None:
        self.result = r
        tell_saved(self, "gói nộp", r.path)
        where = "tệp .zip" if r.is_zip else "thư mục"
        ok = r.verified == r.files
        text = (
            f"Đã ghi gói ({where}) “{r.path.name}” vào {r.path.parent}: {format_int(r.files)} tệp, "
            f"{format_size(r.total_bytes)}.\n"
            f"Đọc lại từ nơi ghi và so mã băm: {format_int(r.verified)}/{format_int(r.files)} tệp "
            f"đúng – " + ("gói nguyên vẹn." if ok else "CÓ TỆP SAI, đừng dùng gói này.")
        )
        if r.warnings:
            text += f"\nLưu ý: {len(r.warnings)} cảnh báo (xem phần Xem trước)."
        self.result_label.setText(text)
        self.result_label.setStyleSheet(OK_STYLE if ok else BAD_STYLE)
        self.open_button.setEnabled(True)
        self.recheck_button.setEnabled(True)

    def open_target(self) -> None:
        if self.result is not None:
            folder = self.result.path if not self.result.is_zip else self.result.path.parent
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def recheck(self) -> Job | None:
        return run_verify(self, self.result.path) if self.result is not None else None

    def _import(self, *, as_zip: bool) -> Job | None:
        from desktop.ui.bundle.import_dialog import import_picked

        return import_picked(self.window, as_zip=as_zip)
