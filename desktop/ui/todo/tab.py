"""The "Việc cần làm" tab: the selected year walked in order.

Each step of ``desktop.core.todo.steps.year_todo`` (the function ``cchc todo`` prints, so the
two never disagree) is one row: its number, its state in colour (xanh: đã xong, xám: cần
làm, cam: cần chú ý), its title, one line of detail with the figures, and a button that
opens the screen or dialog where the step is done, at the right place. "Đặt hạn…" sets the
year's deadlines; the days left show in the step they belong to.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.errors import show_error

STATE_STYLE = {
    "done": ("✓ Đã xong", "#1e7b34", "#e5f4e8"),
    "todo": ("○ Cần làm", "#444444", "#eeeeee"),
    "attention": ("! Cần chú ý", "#8a4b00", "#ffe9c7"),
}


class TodoTab(QWidget):
    loaded = Signal()  # the steps are on screen

    def __init__(self, window) -> None:
        super().__init__()
        self.window_ = window
        self.todo = None  # desktop.core.todo.steps.TodoList, once read
        self.buttons: dict[str, QPushButton] = {}
        self.states: dict[str, QLabel] = {}
        self.details: dict[str, QLabel] = {}
        self._stale = True
        self._shown_once = False

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.deadline_btn = QPushButton("Đặt &hạn…")
        self.deadline_btn.setToolTip("Hạn nộp tự đánh giá, hạn gửi báo cáo của năm đang xem")
        self.deadline_btn.clicked.connect(self.edit_deadlines)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.deadline_btn)

        self.body = QWidget()
        self.grid = QGridLayout(self.body)
        self.grid.setContentsMargins(4, 4, 4, 4)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(2, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        self.scroll = scroll

        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 4)
        lay.addLayout(head)
        lay.addWidget(scroll, 1)

    # --- data ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the steps now if the tab is on screen, else when it is next shown."""
        if self.isVisible():
            self.load()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._stale:
            if self._shown_once:
                self.load()
            else:  # the app's first screen: paint it at once, read the steps right after
                self.title.setText("<b>Việc cần làm</b> – đang đọc số liệu của năm…")
                QTimer.singleShot(0, self.load)
        self._shown_once = True
        super().showEvent(event)

    def load(self) -> None:
        from desktop.core.todo.steps import year_todo

        self._stale = False
        year = self.window_.year
        units = getattr(self.window_, "units", None)
        if units is not None and units.current is not None:
            self.todo = None
            self._show_no_year(f"đang xem lịch sử xã {units.current.name} (chỉ xem)")
            self.loaded.emit()
            return
        if year is None:
            self.todo = None
            self._show_no_year()
            self.loaded.emit()
            return
        ws = self.window_.ws
        try:
            with ws.session() as s:
                self.todo = year_todo(s, ws.store, year)
        except Exception as exc:  # noqa: BLE001 - shown to the officer
            show_error(self, exc)
            return
        self._show()
        self.loaded.emit()

    def _clear(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            w = item.widget()
            if w is not None:
                w.deleteLater()
        self.buttons.clear()
        self.states.clear()
        self.details.clear()

    def _show_no_year(self, why: str = "chưa có năm đánh giá") -> None:
        self._clear()
        self.title.setText(f"<b>Việc cần làm</b> – {_escape(why)}")
        self.deadline_btn.setEnabled(False)
        if why.startswith("đang xem"):
            label = QLabel("Việc cần làm là của xã hiện tại: chọn lại xã ở ô Đơn vị.")
            self.grid.addWidget(label, 0, 0, 1, 4)
        else:
            label = QLabel("Hãy thêm năm đánh giá (năm được chấm điểm) để bắt đầu.")
            btn = QPushButton("Thêm năm đánh giá…")
            btn.clicked.connect(self.window_.add_year)
            self.grid.addWidget(label, 0, 0, 1, 3)
            self.grid.addWidget(btn, 0, 3)
        self.grid.setRowStretch(1, 1)

    def _show(self) -> None:
        todo = self.todo
        self._clear()
        self.deadline_btn.setEnabled(True)
        self.title.setText(
            f"<b style='font-size:13pt'>Việc cần làm năm {todo.year}</b>"
            f" &nbsp; đã xong {todo.done}/{len(todo.steps)} bước"
        )
        for i, step in enumerate(todo.steps):
            text, fg, bg = STATE_STYLE[step.state]
            number = QLabel(f"{i + 1}.")
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            state = QLabel(text)
            state.setAlignment(Qt.AlignmentFlag.AlignCenter)
            state.setStyleSheet(
                f"QLabel {{ color:{fg}; background:{bg}; border-radius:3px; padding:2px 6px; "
                "font-weight:bold; }"
            )
            state.setMinimumWidth(state.fontMetrics().horizontalAdvance("! Cần chú ý") + 16)
            detail = QLabel(f"<b>{step.title}</b><br>{_escape(step.detail)}")
            detail.setTextFormat(Qt.TextFormat.RichText)
            detail.setWordWrap(True)
            detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            caption, action = self.action_for(step)
            btn = QPushButton(caption)
            btn.setAccessibleName(f"{step.title}: {caption}")
            btn.clicked.connect(lambda _=False, a=action: self._run(a))
            row = 2 * i
            self.grid.addWidget(number, row, 0)
            self.grid.addWidget(state, row, 1, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(detail, row, 2)
            self.grid.addWidget(btn, row, 3, Qt.AlignmentFlag.AlignTop)
            line = QFrame()
            line.setFrameShape(QFrame.Shape.HLine)
            line.setStyleSheet("color:#dddddd")
            self.grid.addWidget(line, row + 1, 0, 1, 4)
            self.buttons[step.key] = btn
            self.states[step.key] = state
            self.details[step.key] = detail
        self.grid.setRowStretch(2 * len(todo.steps), 1)

    def _run(self, action: Callable[[], object]) -> None:
        try:
            action()
        except Exception as exc:  # noqa: BLE001 - shown to the officer
            show_error(self, exc)

    # --- where each step is done -------------------------------------------------------------

    def action_for(self, step) -> tuple[str, Callable[[], object]]:
        w = self.window_
        open_ = w.screens.open
        key, state = step.key, step.state
        if key == "profile":
            return "Hồ sơ xã…", w.edit_profile
        if key == "catalog":
            if not step.total:
                return "Thêm năm đánh giá…", w.add_year
            if state != "done":
                return "Nhập bộ tiêu chí từ tệp…", w.import_catalog
            return "Xem bộ tiêu chí", self.show_catalog
        if key == "evidence":
            node = self._first_leaf(lambda n: n.doc_count == 0)
            if node is not None and state != "done":
                return "Đến mục chưa có tài liệu", lambda: w.show_node(node)
            return "Mở sổ tài liệu", lambda: open_("RegisterTab")
        if key == "self_scores":
            node = self._first_leaf(lambda n: n.self_score is None)
            if node is not None and state != "done":
                return "Đến mục chưa chấm", lambda: self._score(node)
            return "Tổng hợp theo lĩnh vực", lambda: open_("AreaSummaryTab")
        if key in ("explanations", "checks"):
            return "Kiểm tra trước khi nộp (F7)", w.show_checks
        if key == "self_assessment":
            return "Mở Tự đánh giá", lambda: open_("SelfAssessTab")
        if key == "results":
            return "Mở Kết quả thẩm định", lambda: open_("ResultsTab")
        if key == "plan":
            if state == "todo" and step.total:
                return "Mở Kế hoạch khắc phục", lambda: open_("PlanTab")
            if state == "done":
                return "Mở Kế hoạch khắc phục", lambda: open_("PlanTab")
            return "Mở Điểm bị mất", lambda: open_("LossesTab")
        if key == "dossiers":
            if state != "done":
                return "Nhập tệp hồ sơ…", lambda: self._stats().choose_file()
            return "Mở Thống kê hồ sơ", self._stats
        if key == "report":
            if step.count is None:  # no report yet
                return "Soạn báo cáo…", lambda: open_("ReportsTab").new_report()
            return "Mở Báo cáo", lambda: open_("ReportsTab")
        if key == "bundle":
            return "Mở Gói nộp USB", lambda: open_("BundleTab")
        raise KeyError(key)

    def _first_leaf(self, wanted) -> int | None:
        ov = self.window_.overview
        scores = ov.scores if ov else None
        if scores is None:
            return None
        for n in scores.nodes:
            if n.is_leaf and n.self_scored and n.applicable and not n.bonus and wanted(n):
                return n.node_id
        return None

    def _score(self, node_id: int) -> None:
        """The sub-criterion in the tree, the self-score box ready for typing."""
        if self.window_.show_node(node_id):
            self.window_.pane.score_box.score.setFocus()

    def _stats(self):
        """The statistics screen on the report's period (the step's figures)."""
        from desktop.core.todo.steps import report_period

        screen = self.window_.screens.open("DossierStatsScreen")
        with self.window_.ws.session() as s:
            period = report_period(s, self.todo.year)
        screen.show_period(period)
        return screen

    def show_catalog(self) -> None:
        self.window_.tabs.setCurrentWidget(self.window_.catalog_tab)

    def edit_deadlines(self) -> None:
        from desktop.ui.todo.deadlines_dialog import DeadlinesDialog

        if self.todo is None:
            return
        if DeadlinesDialog(self.window_.ws, self.todo.year, self).exec():
            self.window_.dataChanged.emit()


def _escape(text: str) -> str:
    from html import escape

    return escape(text)
