"""Kết quả thẩm định: the appraising body's published result of the year, per area,
criterion and sub-criterion (max, self-score, appraised score, points lost, rank), with
the decision that published it. Imported from the district's sheet or typed in place.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from base.errors import ValidationError
from desktop.core.office.text import fold
from desktop.core.office.vnformat import (
    format_date,
    format_points,
    parse_date,
    parse_fraction,
    parse_points,
)
from desktop.core.results.importer import NOT_APPLICABLE, match_results, read_results_file
from desktop.core.results.losses import self_scores
from desktop.core.results.store import (
    ResultNode,
    ResultsInfo,
    results_info,
    set_result,
    set_result_header,
)
from desktop.ui.catalog.import_dialog import choose_excel
from desktop.ui.errors import show_error
from desktop.ui.inputs.date_input import DateInput
from desktop.ui.problem_list import ERROR_COLOUR
from desktop.ui.results.import_dialog import ResultsImportDialog
from desktop.ui.vi import info
from desktop.ui.worker import Job, run_job

COLUMNS = (
    "Mã",
    "Nội dung",
    "Điểm tối đa",
    "Tự chấm",
    "Điểm thẩm định",
    "Điểm bị mất",
    "Xếp hạng",
    "Ghi chú",
)
COL_CODE, COL_TITLE, COL_MAX, COL_SELF, COL_SCORE, COL_LOST, COL_RANK, COL_NOTE = range(8)
EDITABLE = {COL_SCORE, COL_RANK, COL_NOTE}
CODE_ROLE = Qt.ItemDataRole.UserRole + 1
NOT_APPLICABLE_TEXT = "không áp dụng"


def parse_score(text: str, node: ResultNode) -> tuple[Decimal | None, bool]:
    """What the officer typed in the score cell → (score, applicable)."""
    raw = text.strip()
    if not raw:
        return None, True
    if fold(raw) in NOT_APPLICABLE:
        return None, False
    what = f"Điểm thẩm định của {node.code}"
    score, stated_max = parse_fraction(raw, what=what, places=4)
    if stated_max is not None and stated_max != node.max_points:
        raise ValidationError(
            f"{what}: “{raw}” ghi điểm tối đa {format_points(stated_max)}, bộ tiêu chí ghi "
            f"{format_points(node.max_points)}."
        )
    return score, True


class ResultsTab(QWidget):
    def __init__(self, window) -> None:
        super().__init__()
        self.window_ = window
        self.info: ResultsInfo | None = None
        self.nodes: dict[str, ResultNode] = {}
        self.job: Job | None = None
        self._loading = False

        self.import_button = QPushButton("&Nhập kết quả từ Excel…")
        self.import_button.setToolTip("Nhập kết quả thẩm định của năm đang xem từ tệp .xlsx/.xls")
        self.source = QLabel()
        self.source.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.import_button)
        top.addWidget(self.source, 1)

        box = QGroupBox("Quyết định công bố kết quả")
        grid = QGridLayout(box)
        self.decision_number = QLineEdit(placeholderText="ví dụ: 766/QĐ-UBND")
        self.decision_date = DateInput(None, allow_empty=True, what="Ngày quyết định")
        self.publisher = QLineEdit(placeholderText="ví dụ: UBND huyện Ninh Giang")
        self.total = QLineEdit()
        self.total_rank = QLineEdit(placeholderText="ví dụ: 9/20")
        self.group_label = QLineEdit(placeholderText="ví dụ: Tốt")
        self.max_total = QLabel("/ 100")
        self.save_header = QPushButton("&Lưu thông tin quyết định")
        fields = [
            ("Số quyết định:", self.decision_number, 0, 0),
            ("Ngày:", self.decision_date, 0, 2),
            ("Cơ quan công bố:", self.publisher, 0, 4),
            ("Tổng điểm:", self.total, 1, 0),
            ("Xếp hạng chung:", self.total_rank, 1, 2),
            ("Xếp loại:", self.group_label, 1, 4),
        ]
        for label, edit, r, c in fields:
            lab = QLabel(label)
            lab.setBuddy(edit)
            grid.addWidget(lab, r, c)
            grid.addWidget(edit, r, c + 1)
            edit.setAccessibleName(label.rstrip(":"))
        total_row = QHBoxLayout()
        total_row.addWidget(self.total)
        total_row.addWidget(self.max_total)
        grid.addLayout(total_row, 1, 1)
        grid.addWidget(self.save_header, 1, 6)
        grid.setColumnStretch(5, 1)
        self.decision_date.line.setMaximumWidth(110)
        self.total.setMaximumWidth(90)
        self.total_rank.setMaximumWidth(110)

        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Kết quả thẩm định theo tiêu chí")
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Interactive)
        self.view.setColumnWidth(COL_NOTE, 180)
        hint = QLabel(
            "Nhấp đúp (hoặc F2) vào ô Điểm thẩm định, Xếp hạng, Ghi chú để nhập tay; gõ "
            "“KAD” nếu tiêu chí không áp dụng. Số thập phân dùng dấu phẩy: 0,75."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#555")

        root = QVBoxLayout(self)
        root.addLayout(top)
        root.addWidget(box)
        root.addWidget(self.view, 1)
        root.addWidget(hint)

        self.import_button.clicked.connect(self.import_results)
        self.save_header.clicked.connect(self.save_header_fields)
        self.model.itemChanged.connect(self._cell_edited)

    # --- reading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        year = self.window_.year
        self.setEnabled(year is not None)
        if year is None:
            self.info = None
            self.model.removeRows(0, self.model.rowCount())
            self.source.setText("Chưa có năm đánh giá.")
            return
        with self.window_.ws.session() as s:
            info_ = results_info(s, year)
            selfs = self_scores(s, info_)
        self.info = info_
        self.nodes = {n.code: n for n in info_.nodes}
        self._show_header(info_)
        self._populate(info_, selfs)

    def _show_header(self, r: ResultsInfo) -> None:
        if not r.has_scores and r.total is None and not r.decision_number:
            self.source.setText(f"Năm {r.year} chưa có kết quả thẩm định: nhập từ tệp hoặc gõ.")
        else:
            where = f" từ tệp {r.source_file}" if r.source_file else ""
            total = f" Tổng {r.total_text}" if r.total is not None else ""
            rank = f", xếp hạng {r.total_rank}" if r.total_rank else ""
            text = f"Kết quả thẩm định năm {r.year}{where}.{total}{rank}"
            text += "." if total else ""
            if not r.has_scores:
                text += " Chưa có điểm của từng lĩnh vực, tiêu chí."
            self.source.setText(text)
        self.decision_number.setText(r.decision_number)
        self.decision_date.setText(format_date(r.decision_date))
        self.publisher.setText(r.publisher)
        self.total_rank.setText(r.total_rank)
        self.group_label.setText(r.group_label)
        self.max_total.setText(f"/ {format_points(r.max_total)}")
        if r.total_is_sum:
            self.total.clear()
            self.total.setPlaceholderText(f"{format_points(r.total)} (cộng)")
            self.total.setToolTip("Chưa nhập tổng công bố; đang hiện tổng cộng các lĩnh vực.")
        else:
            self.total.setText(format_points(r.total))
            self.total.setPlaceholderText("ví dụ: 87,75")
            self.total.setToolTip("")

    def _populate(self, r: ResultsInfo, selfs: dict[int, Decimal]) -> None:
        expanded = self._expanded_codes()
        current = self.view.currentIndex()
        keep = (self._code_at(current), current.column()) if current.isValid() else None
        self._loading = True
        self.model.removeRows(0, self.model.rowCount())
        items: dict[int, QStandardItem] = {}
        bold = QFont()
        bold.setBold(True)
        red = QBrush(QColor(ERROR_COLOUR))
        for n in r.nodes:
            row = self._row(n, selfs.get(n.id))
            if n.level == 1:
                for item in row:
                    item.setFont(bold)
            lost = n.lost
            if lost is not None and lost > 0:
                row[COL_LOST].setForeground(red)
            parent = items.get(n.parent_id) if n.parent_id else None
            (parent or self.model.invisibleRootItem()).appendRow(row)
            items[n.id] = row[0]
        self._loading = False
        self._items = items
        if expanded is None:
            self.view.expandToDepth(0)
        else:
            for n in r.nodes:
                if n.code in expanded:
                    self.view.expand(items[n.id].index())
        if keep and keep[0] in self.nodes:
            idx = items[self.nodes[keep[0]].id].index()
            self.view.setCurrentIndex(idx.siblingAtColumn(keep[1]))

    def _row(self, n: ResultNode, self_score: Decimal | None) -> list[QStandardItem]:
        score = format_points(n.score) if n.applicable else NOT_APPLICABLE_TEXT
        texts = (
            n.code,
            n.title,
            format_points(n.max_points),
            format_points(self_score),
            score,
            format_points(n.lost) if n.lost else "",
            n.rank,
            n.note,
        )
        row = []
        for col, text in enumerate(texts):
            item = QStandardItem(text)
            item.setEditable(col in EDITABLE)
            item.setData(n.code, CODE_ROLE)
            if col in (COL_MAX, COL_SELF, COL_SCORE, COL_LOST, COL_RANK):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if col == COL_TITLE:
                item.setToolTip(n.title)
            row.append(item)
        return row

    def _expanded_codes(self) -> set[str] | None:
        if self.model.rowCount() == 0:
            return None
        out: set[str] = set()

        def walk(parent: QModelIndex) -> None:
            for i in range(self.model.rowCount(parent)):
                idx = self.model.index(i, 0, parent)
                if self.view.isExpanded(idx):
                    out.add(idx.data(CODE_ROLE))
                    walk(idx)

        walk(QModelIndex())
        return out

    @staticmethod
    def _code_at(index: QModelIndex) -> str:
        return index.data(CODE_ROLE) or ""

    def row_texts(self) -> list[tuple[str, ...]]:
        """Every row (expanded or not) as shown, in tree order (tests, accessibility)."""
        out: list[tuple[str, ...]] = []

        def walk(parent: QModelIndex) -> None:
            for i in range(self.model.rowCount(parent)):
                cells = tuple(
                    self.model.index(i, c, parent).data() or "" for c in range(len(COLUMNS))
                )
                out.append(cells)
                walk(self.model.index(i, 0, parent))

        walk(QModelIndex())
        return out

    def index_of(self, code: str, column: int) -> QModelIndex:
        return self._items[self.nodes[code].id].index().siblingAtColumn(column)

    # --- writing ------------------------------------------------------------------------------

    def _cell_edited(self, item: QStandardItem) -> None:
        if self._loading or self.info is None:
            return
        # Write after the model has finished emitting: saving rebuilds the tree.
        code, column, text = item.data(CODE_ROLE), item.column(), item.text()
        QTimer.singleShot(0, lambda: self.set_cell(code, column, text))

    def set_cell(self, code: str, column: int, text: str) -> None:
        """Save what the officer typed in a score, rank or note cell."""
        if self.info is None:
            return
        node = self.nodes[code]
        score, applicable = node.score, node.applicable
        rank, note = node.rank, node.note
        try:
            if column == COL_SCORE:
                score, applicable = parse_score(text, node)
            elif column == COL_RANK:
                rank = text
            else:
                note = text
            with self.window_.ws.transaction() as s:
                set_result(
                    s, self.info.year, node.code, score, rank=rank, applicable=applicable, note=note
                )
        except Exception as exc:  # noqa: BLE001 - shown to the officer, the cell reverts
            show_error(self, exc, "Chưa lưu điểm")
            self.refresh()
            return
        self.window_.dataChanged.emit()

    def save_header_fields(self) -> None:
        if self.info is None:
            return
        try:
            when = self.decision_date.text().strip()
            total = self.total.text().strip()
            with self.window_.ws.transaction() as s:
                set_result_header(
                    s,
                    self.info.year,
                    decision_number=self.decision_number.text(),
                    decision_date=parse_date(when, what="Ngày quyết định") if when else None,
                    publisher=self.publisher.text(),
                    total=parse_points(total, what="Tổng điểm", places=4) if total else None,
                    total_rank=self.total_rank.text(),
                    group_label=self.group_label.text(),
                )
        except Exception as exc:  # noqa: BLE001 - shown to the officer
            show_error(self, exc, "Chưa lưu thông tin quyết định")
            return
        self.window_.dataChanged.emit()

    def import_results(self) -> Job | None:
        if self.info is None:
            return None
        year, ws = self.info.year, self.window_.ws
        path = choose_excel(self, f"Chọn tệp kết quả thẩm định năm {year}", "results")
        if path is None:
            return None
        replaces = {}

        def read(progress):
            from desktop.core.results.importer import replacement_for

            preview = read_results_file(Path(path), year=year, progress=progress)
            with ws.session() as s:
                match_results(s, preview)
                replaces["now"] = replacement_for(s, preview)
            return preview

        def save(dlg: ResultsImportDialog) -> None:
            from desktop.core.backup.store import create_backup
            from desktop.core.results.importer import REPLACE_BACKUP_LABEL, save_results

            if replaces.get("now") is not None:  # what is replaced can be had back
                create_backup(ws, label=REPLACE_BACKUP_LABEL)
            with ws.transaction() as s:
                saved = save_results(s, dlg.preview)
            self.window_.dataChanged.emit()
            self.window_.backup_after_import()
            total = f"; tổng {format_points(saved.total)}" if saved.total is not None else ""
            info(
                self,
                "Nhập kết quả thẩm định",
                f"Đã nhập kết quả thẩm định năm {year}: {saved.node_count} mục{total}.",
            )

        def show(preview) -> None:
            now = replaces.get("now")
            dlg = ResultsImportDialog(preview, now.describe() if now else "", save, self)
            dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dlg.open()

        self.job = run_job(self, read, label=f"Đang đọc {path.name}…", on_success=show)
        return self.job
