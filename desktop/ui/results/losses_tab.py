"""Điểm bị mất: where the year's points were lost, most first, per sub-criterion, per area
(with last year's score through the code mapping) and per responsible officer; a bar
chart of the areas. Double-click (or Enter on) a row to see the criterion in the tree.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.office.vnformat import format_fraction, format_points
from desktop.core.results.losses import AreaLoss, LossReport, LossRow, OfficerLoss, loss_report
from desktop.ui.problem_list import ERROR_BACKGROUND
from desktop.ui.results.area_chart import AreaChart, bars_from
from desktop.ui.table_model import (
    RECORD_ROLE,
    RIGHT,
    SORT_ROLE,
    Column,
    RecordTableModel,
    compact_rows,
)

NOBODY = "(chưa phân công)"


def _num(value) -> float:
    return float(value) if value is not None else -1.0


def _code_order(code: str) -> str:
    """``1.10`` after ``1.9``: a text Qt can compare."""
    return ".".join(f"{int(p):04d}" if p.isdigit() else p for p in code.split("."))


def _change(a: AreaLoss) -> str:
    c = a.change
    if c is None:
        return ""
    return "0" if c == 0 else ("+" if c > 0 else "−") + format_points(abs(c))


LOSS_COLUMNS: list[Column[LossRow]] = [
    Column("Mã", lambda r: r.code, sort=lambda r: _code_order(r.code)),
    Column("Nội dung", lambda r: r.title),
    Column("Lĩnh vực", lambda r: r.area_code, tooltip=lambda r: r.area_title),
    Column("Tối đa", lambda r: format_points(r.max_points), lambda r: _num(r.max_points), RIGHT),
    Column("Đạt", lambda r: format_points(r.score), lambda r: _num(r.score), RIGHT),
    Column(
        "Mất",
        lambda r: format_points(r.lost),
        lambda r: _num(r.lost),
        RIGHT,
        background=lambda r: ERROR_BACKGROUND,
    ),
    Column("Tự chấm", lambda r: format_points(r.self_score), lambda r: _num(r.self_score), RIGHT),
    Column(
        "Bị trừ",
        lambda r: format_points(r.cut),
        lambda r: _num(r.cut),
        RIGHT,
        tooltip=lambda r: "Cơ quan thẩm định chấm thấp hơn điểm xã tự chấm" if r.cut else "",
    ),
    Column("Người phụ trách", lambda r: r.responsible or NOBODY),
]
COL_LOST, COL_SELF = 5, 6

AREA_COLUMNS: list[Column[AreaLoss]] = [
    Column("Lĩnh vực", lambda a: f"{a.code}. {a.title}", sort=lambda a: int(a.code)),
    Column("Đạt", lambda a: format_fraction(a.score, a.max_points), lambda a: _num(a.score), RIGHT),
    Column("Mất", lambda a: format_points(a.lost) if a.lost else "", lambda a: _num(a.lost), RIGHT),
    Column("Hạng", lambda a: a.rank),
    Column(
        "Năm trước",
        lambda a: format_fraction(a.previous_score, a.previous_max),
        lambda a: _num(a.previous_score),
        RIGHT,
        tooltip=lambda a: (
            f"Mã năm trước: {', '.join(a.previous_codes)}" if a.previous_codes else ""
        ),
    ),
    Column("Tăng/giảm", _change, lambda a: _num(a.change), RIGHT),
]

OFFICER_COLUMNS: list[Column[OfficerLoss]] = [
    Column("Người phụ trách", lambda o: o.officer or NOBODY),
    Column("Điểm bị mất", lambda o: format_points(o.lost), lambda o: _num(o.lost), RIGHT),
    Column("Các mục", lambda o: ", ".join(o.codes)),
]


class LossFilter(QSortFilterProxyModel):
    """Shows only one area's or one officer's rows when asked."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.area = ""
        self.officer: str | None = None
        self.setSortRole(SORT_ROLE)

    def set_filter(self, *, area: str = "", officer: str | None = None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.10
            self.beginFilterChange()
            self.area, self.officer = area, officer
            self.endFilterChange()
        else:  # pragma: no cover - older Qt
            self.area, self.officer = area, officer
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        rec: LossRow = self.sourceModel().record(row)
        if self.area and rec.area_code != self.area:
            return False
        return self.officer is None or rec.responsible == self.officer


def _table(model, name: str, stretch: int, tip: str) -> QTableView:
    """A read-only list (columns fit their text, ``stretch`` takes the rest) that sorts
    by a clicked header; until then rows keep their meaningful order (most lost first)."""
    proxy = model if isinstance(model, QSortFilterProxyModel) else QSortFilterProxyModel()
    if proxy is not model:
        proxy.setSourceModel(model)
        proxy.setSortRole(SORT_ROLE)
    view = QTableView()
    view.setModel(proxy)
    view.setAccessibleName(name)
    view.setToolTip(tip)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    compact_rows(view)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class LossesTab(QWidget):
    def __init__(self, window) -> None:
        super().__init__()
        self.window_ = window
        self.report: LossReport | None = None

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.plan_button = QPushButton("Lập &kế hoạch khắc phục…")
        self.plan_button.setToolTip("Mở thẻ Kế hoạch khắc phục (Ctrl+6)")
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.plan_button)

        self.loss_model: RecordTableModel[LossRow] = RecordTableModel(LOSS_COLUMNS, self)
        self.loss_filter = LossFilter(self)
        self.loss_filter.setSourceModel(self.loss_model)
        self.loss_view = _table(
            self.loss_filter,
            "Các tiêu chí bị mất điểm",
            1,
            "Nhấp đúp hoặc Enter: xem tiêu chí trong cây bộ tiêu chí",
        )
        self.filter_label = QLabel()
        self.clear_filter = QPushButton("&Bỏ lọc")
        self.clear_filter.hide()
        bar = QHBoxLayout()
        bar.addWidget(QLabel("<b>Các mục bị mất điểm</b> (nhiều nhất trước)"))
        bar.addWidget(self.filter_label, 1)
        bar.addWidget(self.clear_filter)
        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(bar)
        lay.addWidget(self.loss_view, 1)
        self.full_label = QLabel()
        self.full_label.setWordWrap(True)
        self.full_label.setStyleSheet("color:#555")
        lay.addWidget(self.full_label)

        self.chart = AreaChart()
        chart_box = QGroupBox("Điểm theo lĩnh vực (bấm vào thanh để lọc)")
        QVBoxLayout(chart_box).addWidget(self.chart)
        self.area_model: RecordTableModel[AreaLoss] = RecordTableModel(AREA_COLUMNS, self)
        self.area_view = _table(
            self.area_model,
            "So sánh theo lĩnh vực",
            0,
            "Nhấp đúp hoặc Enter: xem lĩnh vực trong cây bộ tiêu chí",
        )
        self.officer_model: RecordTableModel[OfficerLoss] = RecordTableModel(OFFICER_COLUMNS, self)
        self.officer_view = _table(
            self.officer_model,
            "Điểm bị mất theo người phụ trách",
            2,
            "Nhấp đúp hoặc Enter: chỉ xem các mục của người này",
        )
        self.side_tabs = QTabWidget()
        self.side_tabs.addTab(self.area_view, "Theo lĩnh vực")
        self.side_tabs.addTab(self.officer_view, "Theo người phụ trách")

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(chart_box)
        right.addWidget(self.side_tabs)
        right.setStretchFactor(0, 0)
        right.setStretchFactor(1, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 4)
        split.setSizes([720, 580])

        root = QVBoxLayout(self)
        root.addLayout(top)
        root.addWidget(split, 1)

        self.loss_view.activated.connect(self._open_loss)
        self.area_view.activated.connect(self._open_area)
        self.officer_view.activated.connect(self._filter_officer)
        self.chart.barClicked.connect(self.toggle_area)
        self.clear_filter.clicked.connect(lambda: self.set_filter())
        self.plan_button.clicked.connect(lambda: window.screens.open("PlanTab"))

    def refresh(self) -> None:
        year = self.window_.year
        if year is None:
            self.report = None
            self.summary.setText("Chưa có năm đánh giá.")
            for m in (self.loss_model, self.area_model, self.officer_model):
                m.set_rows([])
            self.chart.set_bars([])
            return
        with self.window_.ws.session() as s:
            report = loss_report(s, year)
        self.report = report
        self.loss_model.set_rows(report.rows)
        self.area_model.set_rows(report.areas)
        self.officer_model.set_rows(report.officers)
        self.chart.set_bars(bars_from(report.areas))
        self.summary.setText(self._summary(report))
        compared = any(a.previous_score is not None for a in report.areas)
        self.side_tabs.setTabText(
            0, f"Theo lĩnh vực, so với năm {report.previous_year}" if compared else "Theo lĩnh vực"
        )
        for col in (4, 5):  # last year's score and the change
            self.area_view.setColumnHidden(col, not compared)
        for col, value in ((COL_SELF, "self_score"), (COL_SELF + 1, "cut")):
            used = any(getattr(r, value) is not None for r in report.rows)
            self.loss_view.setColumnHidden(col, not used)
        full = len(report.full_marks)
        self.full_label.setText(
            f"{full} mục được chấm điểm tối đa (không nằm trong bảng)." if full else ""
        )
        self.plan_button.setEnabled(bool(report.rows or report.full_marks))
        self.set_filter(area=self.loss_filter.area, officer=self.loss_filter.officer)

    @staticmethod
    def _summary(r: LossReport) -> str:
        if not r.rows and not r.full_marks:
            return (
                f"Năm {r.year} chưa có kết quả thẩm định. Hãy nhập kết quả ở thẻ "
                "Kết quả thẩm định (Ctrl+4)."
            )
        text = f"<b>Năm {r.year}</b>"
        if r.total is not None:
            text += f": tổng {format_points(r.total)}/{format_points(r.max_total)}"
            text += f", xếp hạng {r.total_rank}" if r.total_rank else ""
        text += f". Bị mất <b>{format_points(r.lost_total)}</b> điểm ở {len(r.rows)} mục."
        if r.previous_year is None:
            text += " Chưa có bộ tiêu chí năm trước để so sánh."
        return text

    # --- filters and jumps --------------------------------------------------------------------

    def set_filter(self, *, area: str = "", officer: str | None = None) -> None:
        self.loss_filter.set_filter(area=area, officer=officer)
        self.chart.selected = area
        self.chart.update()
        if area and self.report is not None:
            title = self.report.titles.get(area, "")
            self.filter_label.setText(f"– chỉ lĩnh vực {area}. {title}")
        elif officer is not None:
            self.filter_label.setText(f"– chỉ các mục của {officer or NOBODY}")
        else:
            self.filter_label.setText("")
        self.clear_filter.setVisible(bool(area) or officer is not None)

    def toggle_area(self, code: str) -> None:
        self.set_filter(area="" if self.loss_filter.area == code else code)

    def _filter_officer(self, index: QModelIndex) -> None:
        officer: OfficerLoss = index.data(RECORD_ROLE)
        self.set_filter(officer=officer.officer)

    def _open_loss(self, index: QModelIndex) -> None:
        self.jump_to(index.data(RECORD_ROLE).code)

    def _open_area(self, index: QModelIndex) -> None:
        self.jump_to(index.data(RECORD_ROLE).code)

    def jump_to(self, code: str) -> None:
        node_id = self.window_.node_by_code(code)
        if node_id is not None:
            self.window_.show_node(node_id)

    def shown_rows(self) -> list[LossRow]:
        """The loss rows in the order shown (tests, accessibility)."""
        f = self.loss_filter
        return [f.index(i, 0).data(RECORD_ROLE) for i in range(f.rowCount())]
