"""The main window: the year's catalog tree and node details, year selector, menus,
keyboard shortcuts, status bar. Screens refresh from one ``dataChanged`` signal.

Start-up stays light: modules that load SQLAlchemy are imported where first used."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QToolBar,
)

from desktop import APP_NAME, __version__
from desktop.core.office.vnformat import format_int
from desktop.core.workspace import Workspace, open_workspace
from desktop.core.years.overview import YearOverview, year_overview
from desktop.ui.backup.menu import SafetyActions
from desktop.ui.catalog.tab import CatalogTab
from desktop.ui.errors import show_error
from desktop.ui.files.dialogs import SavedNotice
from desktop.ui.history.units import UnitSelector
from desktop.ui.tabs import TABS, LazyTabs
from desktop.ui.todo.tab import TodoTab
from desktop.ui.vi import ask_yes_no, info, message_box
from desktop.ui.worker import Job, run_job
from desktop.ui.years.labels import show_year_values

if TYPE_CHECKING:
    from desktop.core.backup.integrity import IntegrityReport
    from desktop.core.years.eras import YearSettings
    from desktop.ui.evidence.checks_panel import ChecksPanel


class MainWindow(QMainWindow):
    dataChanged = Signal()  # something was written: every screen may refresh
    dataShown = Signal()  # the current year's data is on screen

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.overview: YearOverview | None = None
        self.year_values: YearSettings | None = None  # the year's commune name, appraiser
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 720)

        self.catalog_tab = CatalogTab(self)
        self.tree = self.catalog_tab.tree
        self.pane = self.catalog_tab.pane
        self.banner = self.catalog_tab.banner
        self.checks: ChecksPanel | None = None  # the "Kiểm tra" dock, built on first use
        self.tabs = QTabWidget()
        self.todo_tab = TodoTab(self)
        self.tabs.addTab(self.todo_tab, "Việc cần làm")
        self.tabs.addTab(self.catalog_tab, "Bộ tiêu chí")
        self.tabs.setCurrentWidget(self.catalog_tab)  # the app shows Việc cần làm at start
        self.screens = LazyTabs(self.tabs, self)
        for spec in TABS:
            self.screens.add(spec)
        self.setCentralWidget(self.tabs)

        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("Năm đánh giá")
        self.year_combo.setMinimumContentsLength(6)
        self.status_commune = QLabel()
        self.status_year = QLabel()
        self.statusBar().addWidget(self.status_commune, 1)
        self.saved_notice = SavedNotice(self)  # "Đã lưu …: path" + "Mở thư mục"
        self.statusBar().addPermanentWidget(self.saved_notice)
        self.statusBar().addPermanentWidget(self.status_year)

        self._build_actions()
        self.year_combo.currentIndexChanged.connect(self._on_year_combo)
        self.dataChanged.connect(self.refresh)
        self.last_check: IntegrityReport | None = None

    # --- actions and menus ----------------------------------------------------------------

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        if tip:
            act.setStatusTip(tip)
        act.triggered.connect(slot)
        return act

    def _build_actions(self) -> None:
        self.act_profile = self._action("&Hồ sơ xã…", self.edit_profile, "Ctrl+,")
        self.act_open_data = self._action("Mở thư mục &dữ liệu", self.open_data_dir)
        self.act_quit = self._action("&Thoát", self.close, QKeySequence.StandardKey.Quit)
        self.act_quit.setShortcut(QKeySequence("Ctrl+Q"))
        self.act_refresh = self._action("&Làm mới", self.refresh, QKeySequence("F5"))
        self.act_filter = self._action(
            "&Lọc bộ tiêu chí", lambda: self.tree.filter.setFocus(), QKeySequence("Ctrl+F")
        )
        self.act_expand = self._action("&Mở rộng tất cả", self.tree.view.expandAll, "Ctrl+E")
        self.act_collapse = self._action(
            "&Thu gọn", lambda: self.tree.view.expandToDepth(0), "Ctrl+Shift+E"
        )
        self.act_add_year = self._action(
            "Thêm &năm đánh giá…", self.add_year, "Ctrl+N", "Tạo năm đánh giá mới"
        )
        self.act_import_catalog = self._action(
            "Nhập bộ tiêu chí từ &tệp…",
            self.import_catalog,
            "Ctrl+Shift+I",
            "Nhập bộ tiêu chí của tỉnh cho năm đang xem: quyết định, phụ lục (Word, PDF), "
            "trang web của cổng chấm điểm (.html) hoặc Excel",
        )
        self.act_paste_catalog = self._action(
            "&Dán bảng tiêu chí",
            self.paste_catalog,
            "Ctrl+Shift+V",
            "Nhập bảng tiêu chí vừa sao chép từ Word, Excel, trình duyệt hoặc trình đọc PDF",
        )
        self.act_catalog_template = self._action(
            "Tải tệp &mẫu bộ tiêu chí…",
            self.save_catalog_template,
            None,
            "Tệp Excel trống có sẵn các cột và hướng dẫn, để gõ lại bộ tiêu chí rồi nhập",
        )
        self.act_export_catalog = self._action(
            "&Xuất bộ tiêu chí ra Excel…",
            self.export_catalog,
            None,
            "Xuất bộ tiêu chí của năm đang xem để xã khác, đồng nghiệp nhập lại",
        )
        self.act_new_year_from = self._action(
            "Năm mới từ năm t&rước…",
            self.new_year_from_previous,
            "Ctrl+Shift+N",
            "Tạo năm mới từ bộ tiêu chí năm trước (hoặc tệp của tỉnh), chuyển người phụ trách",
        )
        self.act_setup_year = self._action(
            "Thiết &lập năm đánh giá…",
            self.setup_year,
            "Ctrl+Shift+T",
            "Cơ quan thẩm định, tên xã và quyết định ban hành bộ tiêu chí của năm đang xem",
        )
        self.act_prev_year = self._action("Năm &trước", lambda: self._step_year(-1), "Ctrl+PgUp")
        self.act_next_year = self._action("Năm &sau", lambda: self._step_year(1), "Ctrl+PgDown")
        self.act_check = self._action(
            "&Kiểm tra dữ liệu",
            self.run_integrity_check,
            "Ctrl+Shift+K",
            "Kiểm tra cơ sở dữ liệu và kho tệp",
        )
        self.act_help = self._action(
            "&Hướng dẫn", self.show_help, "F1", "Hướng dẫn của màn hình đang xem"
        )
        self.act_about = self._action("&Giới thiệu", self.about)
        self.help_dialog = None
        self.act_add_doc = self._action(
            "&Thêm tài liệu kiểm chứng…",
            self.add_document,
            "Ctrl+T",
            "Thêm tài liệu kiểm chứng (gắn với tiêu chí thành phần đang chọn)",
        )
        self.act_checks = self._action(
            "Kiểm tra trước khi &nộp",
            self.show_checks,
            "F7",
            "Tìm những chỗ có thể bị trừ điểm: thiếu tài liệu, sai năm, sai số ký hiệu…",
        )
        for act in (self.act_add_doc, self.act_checks, self.act_setup_year):
            act.setToolTip(f"{act.text().replace('&', '')} ({act.shortcut().toString()})")

        mb = self.menuBar()
        m = mb.addMenu("&Tệp")
        m.addAction(self.act_add_doc)
        m.addSeparator()
        m.addActions([self.act_profile, self.act_open_data])
        m.addSeparator()
        self.safety = SafetyActions(self, m)  # bundles and backups
        file_menu = m
        m.addSeparator()
        m.addAction(self.act_quit)
        m = mb.addMenu("&Xem")
        m.addActions([self.act_refresh, self.act_filter, self.act_expand, self.act_collapse])
        self.act_tab_todo = self._action("&Việc cần làm", self.show_todo, "Alt+Home")
        self.act_tab_catalog = self._action(
            "&Bộ tiêu chí", lambda: self.tabs.setCurrentWidget(self.catalog_tab), "Ctrl+1"
        )
        m.addSeparator()
        m.addAction(self.act_tab_todo)
        m.addAction(self.act_tab_catalog)
        for spec in TABS:
            act = self._action(
                spec.title, lambda _=False, c=spec.cls: self.screens.open(c), spec.shortcut or None
            )
            m.addAction(act)
        m = mb.addMenu("&Năm")
        m.addActions([self.act_add_year, self.act_new_year_from])
        m.addSeparator()
        m.addActions([self.act_import_catalog, self.act_paste_catalog])
        m.addActions([self.act_catalog_template, self.act_export_catalog])
        m.addSeparator()
        m.addAction(self.act_setup_year)
        m.addSeparator()
        m.addActions([self.act_prev_year, self.act_next_year])
        m = mb.addMenu("&Công cụ")
        m.addAction(self.act_checks)
        m.addAction(self.act_check)
        m = mb.addMenu("Trợ &giúp")
        m.addAction(self.act_help)
        m.addSeparator()
        m.addAction(self.act_about)

        tb = QToolBar("Thanh công cụ")
        tb.setObjectName("main_toolbar")
        tb.setMovable(False)
        tb.addWidget(QLabel(" Năm đánh giá: "))
        tb.addWidget(self.year_combo)
        tb.addAction(self.act_add_year)
        tb.addSeparator()
        tb.addAction(self.act_add_doc)
        tb.addAction(self.act_checks)
        tb.addSeparator()
        tb.addAction(self.act_refresh)
        tb.addAction(self.act_check)
        self.units = UnitSelector(self, tb, file_menu)  # merged commune / former communes
        self.addToolBar(tb)
        self.units.place_banner()

    # --- data --------------------------------------------------------------------------------

    @property
    def year(self) -> int | None:
        return self.overview.year if self.overview else None

    def load(self, year: int | None = None) -> None:
        """Read the year's data in one short session and show it."""
        self.overview = year_overview(self.ws.db_path, year)
        self._show_overview()

    def refresh(self) -> None:
        self.load(self.year)

    def _show_overview(self) -> None:
        ov = self.overview
        assert ov is not None
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for y in ov.years:
            self.year_combo.addItem(str(y), y)
        if ov.year is not None:
            self.year_combo.setCurrentIndex(ov.years.index(ov.year))
        self.year_combo.blockSignals(False)
        self.catalog_tab.show_overview(ov)
        self.todo_tab.refresh()
        show_year_values(self, ov)  # this year's commune name and appraising body
        if ov.year is None:
            self.status_year.setText("Chưa có năm đánh giá")
        else:
            self.status_year.setText(
                f"Năm {ov.year} · {format_int(ov.documents_in_year)} tài liệu kiểm chứng"
            )
        self.screens.refresh_built()
        self.dataShown.emit()

    def _on_year_combo(self, index: int) -> None:
        year = self.year_combo.itemData(index)
        if year is None or year == self.year:
            return
        from desktop.core.settings import set_setting

        with self.ws.transaction() as s:
            set_setting(s, "last_year", str(year))
        self.load(year)

    def _step_year(self, step: int) -> None:
        i = self.year_combo.currentIndex() + step
        if 0 <= i < self.year_combo.count():
            self.year_combo.setCurrentIndex(i)

    def show_todo(self) -> None:
        """The "Việc cần làm" tab (where the app starts and the first-run wizard lands)."""
        self.tabs.setCurrentWidget(self.todo_tab)

    def show_node(self, node_id: int) -> bool:
        """Jump to a catalog node (from a finding, a loss row ...)."""
        self.tabs.setCurrentWidget(self.catalog_tab)
        return self.tree.select_node(node_id)

    def show_document(self, doc_id: int) -> bool:
        """Jump to a document in the register (from a finding)."""
        return self.screens.open("RegisterTab").select_document(doc_id)

    def node_by_code(self, code: str) -> int | None:
        cat = self.overview.catalog if self.overview else None
        return next((n.id for n in cat.nodes if n.code == code), None) if cat else None

    # --- commands ----------------------------------------------------------------------------

    def add_year(self) -> None:
        from datetime import date

        from desktop.core.catalog.store import load_builtin
        from desktop.core.settings import set_setting

        dlg = QInputDialog(self)
        dlg.setWindowTitle("Thêm năm đánh giá")
        dlg.setLabelText(
            "Năm đánh giá (bộ tiêu chí có sẵn sẽ được nạp;\ncó thể nhập bộ tiêu chí của tỉnh sau):"
        )
        dlg.setInputMode(QInputDialog.InputMode.IntInput)
        dlg.setIntRange(2000, 2100)
        dlg.setIntValue(
            (max(self.overview.years) + 1)
            if self.overview and self.overview.years
            else date.today().year
        )
        dlg.setOkButtonText("Đồng ý")
        dlg.setCancelButtonText("Hủy")
        if not dlg.exec():
            return
        year = dlg.intValue()
        try:
            with self.ws.transaction() as s:
                load_builtin(s, year)
                set_setting(s, "last_year", str(year))
        except Exception as exc:  # noqa: BLE001 - shown to the officer
            show_error(self, exc)
            return
        self.load(year)

    def import_catalog(self) -> None:
        from desktop.ui.catalog.import_dialog import import_catalog_from_file

        import_catalog_from_file(self)

    def paste_catalog(self) -> None:
        from desktop.ui.catalog.import_dialog import import_catalog_from_paste

        import_catalog_from_paste(self)

    def save_catalog_template(self) -> None:
        from desktop.ui.catalog.share_actions import save_template

        save_template(self)

    def export_catalog(self) -> None:
        from desktop.ui.catalog.share_actions import export_catalog_file

        export_catalog_file(self)

    def new_year_from_previous(self) -> None:
        from desktop.ui.years.rollover_dialog import new_year_from_previous

        new_year_from_previous(self)

    def add_document(self) -> None:
        """The add dialog, linked to the sub-criterion selected in the tree (if any)."""
        from desktop.ui.evidence.actions import add_documents

        node = self.pane.node if self.tabs.currentWidget() is self.catalog_tab else None
        add_documents(self, [], [node.code] if node is not None and node.is_leaf else [])

    def show_checks(self) -> ChecksPanel:
        """Show the "Kiểm tra" panel and run the checks of the year."""
        if self.checks is None:
            from desktop.ui.evidence.checks_panel import ChecksPanel

            self.checks = ChecksPanel(self)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.checks)
            self.checks.show()
            self.resizeDocks([self.checks], [230], Qt.Orientation.Vertical)
            self.tree.view.scrollTo(self.tree.view.currentIndex())
        self.checks.show()
        self.checks.raise_()
        self.checks.run()
        return self.checks

    def edit_profile(self) -> None:
        from desktop.ui.years.profile_form import ProfileDialog

        if ProfileDialog(self.ws, self).exec():
            self.dataChanged.emit()

    def setup_year(self) -> None:
        from desktop.ui.years.setup_dialog import setup_year

        setup_year(self)

    def open_data_dir(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ws.data_dir)))

    def run_integrity_check(self, *, full: bool = True, quiet_when_ok: bool = False) -> Job:
        from desktop.core.backup.integrity import check_integrity

        def done(report: IntegrityReport) -> None:
            self.last_check = report
            if report.ok and quiet_when_ok:
                return
            errors = [f.message for f in report.findings if f.severity == "error"]
            warnings = [f.message for f in report.findings if f.severity != "error"]
            if report.ok:
                text = (
                    f"Dữ liệu nguyên vẹn: cơ sở dữ liệu ổn định, {format_int(report.blobs_total)} "
                    f"tệp trong kho ({format_int(report.blobs_verified)} tệp đã kiểm tra mã băm)."
                )
                if warnings:
                    text += "\n\nLưu ý:\n- " + "\n- ".join(warnings[:10])
                info(self, "Kiểm tra dữ liệu", text)
            else:
                message_box(
                    self,
                    QMessageBox.Icon.Warning,
                    "Kiểm tra dữ liệu",
                    "Dữ liệu có lỗi:\n- " + "\n- ".join(errors[:10]),
                    detail="\n".join(f.message for f in report.findings),
                ).exec()
                self._offer_good_backup(report)

        return run_job(
            self,
            lambda progress: check_integrity(self.ws, full=full),
            label="Đang kiểm tra dữ liệu…",
            on_success=done,
            show_progress=not quiet_when_ok,
        )

    def _offer_good_backup(self, report: IntegrityReport) -> None:
        """A damaged database: offer to restore the newest good backup (Có/Không)."""
        if report.good_backup is None:
            return
        from desktop.ui.backup.dialogs import start_restore

        if ask_yes_no(
            self,
            "Dữ liệu bị hỏng",
            f"Khôi phục từ bản sao lưu tốt gần nhất ({report.good_backup.name})?\n\n"
            "Dữ liệu hiện tại (bị hỏng) được giữ lại trong thư mục backups trước khi khôi phục.",
            default_no=False,
        ):
            self.restore_job = start_restore(self, report.good_backup)

    def reopen_workspace(self) -> None:
        """Close the data folder and open it again (after a restore replaced the database),
        then show what it now holds."""
        self.ws.close()
        self.ws = open_workspace(self.ws.data_dir)
        self.load(self.year)

    def backup_after_import(self) -> Job:
        """An automatic backup after an import (rotated with the start-up ones), in the
        background; a failure is said in the status bar and never undoes the import."""
        from desktop.core.backup.store import auto_backup

        def done(backup) -> None:
            if backup is not None:
                self.statusBar().showMessage(
                    f"Đã tự sao lưu sau khi nhập: {backup.path.name}", 8000
                )

        def failed(exc: BaseException) -> None:
            self.statusBar().showMessage(f"Không tự sao lưu được sau khi nhập: {exc}", 15000)

        return run_job(
            self,
            lambda progress: auto_backup(self.ws, "sau-nhap", progress),
            label="Đang sao lưu…",
            on_success=done,
            on_failure=failed,
            show_progress=False,
        )

    def current_screen(self) -> str:
        """The class name of the screen shown (the help section that belongs to it)."""
        w = self.tabs.currentWidget()
        spec = getattr(w, "spec", None)  # a tab not built yet
        return spec.cls if spec is not None else type(w).__name__

    def show_help(self):
        """F1: the guide, at the section of the screen in front of the officer."""
        from desktop.ui.help.dialog import HelpDialog

        try:
            if self.help_dialog is None:
                self.help_dialog = HelpDialog(self)
            self.help_dialog.show_screen(self.current_screen())
        except Exception as exc:  # noqa: BLE001 - shown to the officer
            show_error(self, exc)
            return None
        if self.help_dialog.isVisible():  # behind the main window: bring it to the front
            self.help_dialog.raise_()
        self.help_dialog.show()
        self.help_dialog.activateWindow()
        return self.help_dialog

    def about(self) -> None:
        info(
            self,
            f"Giới thiệu {APP_NAME}",
            f"{APP_NAME} {__version__}\nSổ tay cải cách hành chính cho công chức cấp xã.\n\n"
            f"Thư mục dữ liệu: {self.ws.data_dir}",
        )
