"""The "Cách tính điểm" dialog of a sub-criterion: the rule's kind, its steps as a table
(from, to, points), the deduction per fault, and the rule in words as it is edited.

What the officer types is turned into the rule's notation and read back by
``desktop.core.scoring.rules.parse_rule`` as it is typed, so overlapping steps, gaps and points
above the maximum show at once (the core's Vietnamese message) and "Đồng ý" stays off
until the rule holds. Saving goes through ``selfassess.set_node_rule`` in one transaction.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from base.errors import CchcError, ValidationError
from desktop.core.office.vnformat import format_points, parse_points
from desktop.core.scoring.rules import KINDS, Rule, Step, parse_rule
from desktop.core.selfassess.entry import EntryInfo, set_node_rule
from desktop.core.workspace import Workspace
from desktop.ui.errors import show_error
from desktop.ui.vi import dialog_buttons
from desktop.ui.widgets import button

NONE_LABEL = "Chưa đặt (chấm trực tiếp)"
STEP_HEADERS = ["Từ", "Gồm giá trị “từ”", "Đến", "Gồm giá trị “đến”", "Điểm"]
COL_LOW, COL_LOW_INCL, COL_HIGH, COL_HIGH_INCL, COL_POINTS = range(5)
ERROR_STYLE = "color:#c42b1c"
WORDS_STYLE = "color:#1f4e79"
PAGE_HINTS = {
    "yesno": "Kê khai “Có” được điểm tối đa, “Không” được 0 điểm.",
    "proportional": "Điểm bằng điểm tối đa nhân với tỷ lệ kê khai (0–100%).",
    "manual": "Không tính tự động: cán bộ nhập điểm theo hướng dẫn chấm điểm.",
}


def _n(value: Decimal | None) -> str:
    return format_points(value) if value is not None else ""


def _check_item(checked: bool) -> QTableWidgetItem:
    item = QTableWidgetItem()
    item.setFlags(
        Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
    )
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    return item


def default_steps(max_points: Decimal) -> list[Step]:
    """The usual shape, as an example to edit: 100% → max; 98 to under 100% → half; else 0."""
    half = (max_points / 2).quantize(Decimal("0.001"))
    return [
        Step(Decimal(100), True, Decimal(100), True, max_points),
        Step(Decimal(98), True, Decimal(100), False, half),
        Step(None, False, Decimal(98), False, Decimal(0)),
    ]


class RuleDialog(QDialog):
    def __init__(self, ws: Workspace, year: int, info: EntryInfo, parent=None) -> None:
        super().__init__(parent)
        self.ws, self.year, self.info = ws, year, info
        self.rule: Rule | None = info.rule
        self.setWindowTitle(f"Cách tính điểm – {info.code}")
        self.resize(720, 460)

        head = QLabel(
            f"<b>{info.code}</b> {info.title}<br>Điểm tối đa: "
            f"<b>{format_points(info.max_points)}</b>"
        )
        head.setWordWrap(True)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Loại cách tính")
        self.kind.addItem(NONE_LABEL, None)
        for kind, label in KINDS.items():
            self.kind.addItem(label, kind)
        kind_label = QLabel("&Loại cách tính:")
        kind_label.setBuddy(self.kind)

        self.pages = QStackedWidget()
        self._page_index: dict[str | None, int] = {}
        for kind in (None, "yesno", "proportional", "manual"):
            hint = QLabel(PAGE_HINTS.get(kind, "Chưa có cách tính tự động."))
            hint.setWordWrap(True)
            hint.setAlignment(Qt.AlignmentFlag.AlignTop)
            self._page_index[kind] = self.pages.addWidget(hint)
        self._page_index["steps"] = self.pages.addWidget(self._steps_page())
        self._page_index["deduction"] = self.pages.addWidget(self._deduction_page())

        self.words = QLabel()
        self.words.setWordWrap(True)
        self.words.setAccessibleName("Cách tính bằng lời")
        self.buttons = dialog_buttons(self)

        top = QHBoxLayout()
        top.addWidget(kind_label)
        top.addWidget(self.kind, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addLayout(top)
        lay.addWidget(self.pages, 1)
        lay.addWidget(self.words)
        lay.addWidget(self.buttons)

        self._load(info.rule)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.steps.itemChanged.connect(self._item_changed)
        self.per_fault.textChanged.connect(lambda _t: self.validate())
        self.on_count.toggled.connect(lambda _on: self.validate())
        self.validate()

    # --- pages ----------------------------------------------------------------------------

    def _steps_page(self) -> QWidget:
        page = QWidget()
        self.on_percent = QRadioButton("Theo &tỷ lệ (%) kê khai")
        self.on_count = QRadioButton("Theo &số lượng (số lần, số văn bản…)")
        self.on_percent.setChecked(True)
        group = QButtonGroup(page)
        group.addButton(self.on_percent)
        group.addButton(self.on_count)
        self.steps = QTableWidget(0, len(STEP_HEADERS))
        self.steps.setHorizontalHeaderLabels(STEP_HEADERS)
        self.steps.setAccessibleName("Các bậc điểm")
        self.steps.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.steps.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.steps.setToolTip(
            "Để trống “Từ” (hoặc “Đến”) khi bậc không có cận dưới (hoặc cận trên). "
            "Bỏ dấu “Gồm” khi giá trị đó không thuộc bậc (ví dụ: đến dưới 100%)."
        )
        header = self.steps.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_step_btn = button("Thêm &bậc", "Thêm một bậc điểm")
        self.remove_step_btn = button("&Xóa bậc", "Xóa bậc đang chọn")
        self.add_step_btn.clicked.connect(lambda: self.add_step())
        self.remove_step_btn.clicked.connect(self.remove_step)
        kinds = QHBoxLayout()
        kinds.addWidget(self.on_percent)
        kinds.addWidget(self.on_count)
        kinds.addStretch(1)
        btns = QHBoxLayout()
        btns.addWidget(self.add_step_btn)
        btns.addWidget(self.remove_step_btn)
        btns.addStretch(1)
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(kinds)
        lay.addWidget(self.steps, 1)
        lay.addLayout(btns)
        return page

    def _deduction_page(self) -> QWidget:
        page = QWidget()
        self.per_fault = QLineEdit(placeholderText="ví dụ 0,25")
        self.per_fault.setAccessibleName("Số điểm trừ mỗi lỗi")
        self.per_fault.setMaximumWidth(120)
        form = QFormLayout(page)
        label = QLabel("Số điểm trừ &mỗi lỗi:")
        label.setBuddy(self.per_fault)
        form.addRow(label, self.per_fault)
        form.addRow("", QLabel("Trừ dần từ điểm tối đa, không tính điểm âm."))
        return page

    # --- loading --------------------------------------------------------------------------

    def _load(self, rule: Rule | None) -> None:
        kind = rule.kind if rule is not None else None
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        self.pages.setCurrentIndex(self._page_index[kind])
        steps = list(rule.steps) if rule is not None and rule.kind == "steps" else []
        if rule is not None and rule.kind == "steps":
            (self.on_count if rule.count else self.on_percent).setChecked(True)
        self._fill_steps(steps)
        if rule is not None and rule.per_fault is not None:
            self.per_fault.setText(format_points(rule.per_fault))

    def _fill_steps(self, steps: list[Step]) -> None:
        self.steps.blockSignals(True)
        self.steps.setRowCount(0)
        for s in steps:
            self.add_step(s)
        self.steps.blockSignals(False)

    def add_step(self, step: Step | None = None) -> None:
        s = step or Step(None, True, None, True, Decimal(0))
        row = self.steps.rowCount()
        was = self.steps.blockSignals(True)
        self.steps.insertRow(row)
        self.steps.setItem(row, COL_LOW, QTableWidgetItem(_n(s.low)))
        self.steps.setItem(row, COL_LOW_INCL, _check_item(s.low is None or s.low_incl))
        self.steps.setItem(row, COL_HIGH, QTableWidgetItem(_n(s.high)))
        self.steps.setItem(row, COL_HIGH_INCL, _check_item(s.high is None or s.high_incl))
        self.steps.setItem(row, COL_POINTS, QTableWidgetItem(_n(s.points) if step else ""))
        self._sync_check(row, COL_LOW)
        self._sync_check(row, COL_HIGH)
        self.steps.blockSignals(was)
        if step is None:
            self.steps.setCurrentCell(row, COL_LOW)
            self.validate()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() in (COL_LOW, COL_HIGH):
            self._sync_check(item.row(), item.column())
        self.validate()

    def _sync_check(self, row: int, col: int) -> None:
        """The "Gồm" box of an empty bound means nothing: greyed out until a value is typed."""
        check = self.steps.item(row, col + 1)
        if check is None:
            return
        flags = check.flags()
        on = flags | Qt.ItemFlag.ItemIsEnabled
        off = flags & ~Qt.ItemFlag.ItemIsEnabled
        wanted = on if self._cell(row, col) else off
        if wanted != flags:
            check.setFlags(wanted)

    def remove_step(self) -> None:
        row = self.steps.currentRow()
        if row >= 0:
            self.steps.removeRow(row)
            self.validate()

    def _kind_changed(self, _index: int) -> None:
        kind = self.kind.currentData()
        self.pages.setCurrentIndex(self._page_index[kind])
        if kind == "steps" and self.steps.rowCount() == 0:
            self._fill_steps(default_steps(self.info.max_points))
        self.validate()

    # --- reading the form -----------------------------------------------------------------

    def _cell(self, row: int, col: int) -> str:
        item = self.steps.item(row, col)
        return item.text().strip() if item is not None else ""

    def _checked(self, row: int, col: int) -> bool:
        item = self.steps.item(row, col)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def _step_notation(self, row: int) -> str:
        n = row + 1
        lo_text, hi_text = self._cell(row, COL_LOW), self._cell(row, COL_HIGH)
        lo = parse_points(lo_text, what=f"“Từ” của bậc {n}") if lo_text else None
        hi = parse_points(hi_text, what=f"“Đến” của bậc {n}") if hi_text else None
        pts_text = self._cell(row, COL_POINTS)
        if not pts_text:
            raise ValidationError(f"Bậc {n} chưa có số điểm.")
        points = parse_points(pts_text, what=f"Điểm của bậc {n}")
        lo_incl, hi_incl = self._checked(row, COL_LOW_INCL), self._checked(row, COL_HIGH_INCL)
        if lo is None and hi is None:
            raise ValidationError(f"Bậc {n} cần ít nhất một trong hai giá trị “Từ” hoặc “Đến”.")
        if lo is not None and hi is not None:
            if lo == hi and lo_incl and hi_incl:
                rng = _n(lo)
            else:
                rng = f"{'' if lo_incl else '>'}{_n(lo)}-{'' if hi_incl else '<'}{_n(hi)}"
        elif lo is not None:
            rng = f"{'>=' if lo_incl else '>'}{_n(lo)}"
        else:
            rng = f"{'<=' if hi_incl else '<'}{_n(hi)}"
        return f"{rng}={_n(points)}"

    def notation(self) -> str | None:
        """The rule as typed, in the core's notation (None: no rule); ``ValidationError``
        for a cell that is not a number or a row without points."""
        kind = self.kind.currentData()
        if kind is None:
            return None
        if kind == "steps":
            if self.steps.rowCount() == 0:
                raise ValidationError("Chưa có bậc điểm nào: bấm “Thêm bậc”.")
            head = "bac so" if self.on_count.isChecked() else "bac"
            parts = [self._step_notation(r) for r in range(self.steps.rowCount())]
            return f"{head}: " + "; ".join(parts)
        if kind == "deduction":
            text = self.per_fault.text().strip()
            if not text:
                raise ValidationError("Chưa nhập số điểm trừ mỗi lỗi.")
            per = parse_points(text, what="Số điểm trừ mỗi lỗi")
            return f"tru {_n(per)}/loi"
        return Rule(kind).notation()

    def validate(self) -> bool:
        """Read the form into a rule; show it in words, or what is wrong."""
        ok_btn = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        try:
            notation = self.notation()
            rule = parse_rule(notation) if notation is not None else None
            if rule is not None:
                rule.check_max(self.info.max_points)
        except CchcError as exc:
            self.words.setText(str(exc))
            self.words.setStyleSheet(ERROR_STYLE)
            ok_btn.setEnabled(False)
            return False
        self.rule = rule
        self.words.setText(
            "Cách tính: " + rule.words(self.info.max_points)
            if rule is not None
            else "Không tính điểm tự động: cán bộ nhập điểm."
        )
        self.words.setStyleSheet(WORDS_STYLE)
        ok_btn.setEnabled(True)
        return True

    # --- saving ---------------------------------------------------------------------------

    def accept(self) -> None:
        if not self.validate():
            return
        try:
            with self.ws.transaction() as s:
                self.info = set_node_rule(
                    s, self.year, self.info.code, self.rule.notation() if self.rule else None
                )
        except CchcError as exc:
            show_error(self, exc, "Chưa đặt được cách tính")
            return
        super().accept()
