"""The remediation plan as an editable table: seed 004's nine columns plus the progress of
each row and the evidence document that proves it. STT and "Nội dung" belong to a run of
rows of one area and are numbered as shown (``numbered``), so rows move freely.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QStyledItemDelegate

from desktop.core.results.plan import (
    EDITABLE,
    PLAN_COLUMNS,
    STATUS_LABELS,
    NumberedRow,
    PlanRowData,
    ProofChoice,
    numbered,
)

# column → the PlanRowData field it edits ("" = STT, computed; area_code is not shown)
FIELDS = ("", *(f for f in EDITABLE if f != "area_code"), "status", "evidence_id")
HEADERS = (*PLAN_COLUMNS, "Tiến độ", "Tài liệu chứng minh")
# the same headers broken over two lines where the column is narrow
SHOWN_HEADERS = tuple(
    {
        "Tiêu chí thành phần": "Tiêu chí\nthành phần",
        "Kết quả đạt thấp": "Kết quả\nđạt thấp",
        "Nguyên nhân điểm đạt thấp": "Nguyên nhân\nđiểm đạt thấp",
        "Thời gian thực hiện": "Thời gian\nthực hiện",
        "Cơ quan chủ trì": "Cơ quan\nchủ trì",
        "Cơ quan phối hợp": "Cơ quan\nphối hợp",
        "Tài liệu chứng minh": "Tài liệu\nchứng minh",
    }.get(h, h)
    for h in HEADERS
)
COL_AREA, COL_STATUS, COL_PROOF = 1, 9, 10
MULTILINE = {1, 4, 5, 6, 7}
NO_PROOF = "(chưa chọn)"
STATUS_COLOURS = {"todo": None, "doing": "#fff1c7", "done": "#dff0d8"}


class PlanModel(QAbstractTableModel):
    changed = Signal()  # the officer edited, added, removed or moved a row

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[PlanRowData] = []
        self.proofs: dict[int, str] = {}  # evidence id → label
        self._numbered: list[NumberedRow] = []

    def set_rows(self, rows: list[PlanRowData]) -> None:
        self.beginResetModel()
        self.rows = [replace(r) for r in rows]  # the screen edits its own copies
        self._numbered = numbered(self.rows)
        self.endResetModel()

    def set_proofs(self, choices: list[ProofChoice]) -> None:
        self.proofs = {c.id: c.label for c in choices}
        if self.rows:
            self._refresh_all()

    # --- reading ------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return section + 1 if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return SHOWN_HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADERS[section]
        return None

    def flags(self, index):
        base = super().flags(index)
        col = index.column()
        if col == 0 or (col == COL_AREA and self._numbered[index.row()].group_size == 0):
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def text(self, row: int, col: int) -> str:
        nr = self._numbered[row]
        r = nr.row
        if col < len(PLAN_COLUMNS):
            return nr.cells()[col]
        if col == COL_STATUS:
            return r.status_label
        if r.evidence_id is None:
            return ""
        return self.proofs.get(r.evidence_id, f"Tài liệu số {r.evidence_id}")

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        r = self.rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, col)
        if role == Qt.ItemDataRole.EditRole:
            value = getattr(r, FIELDS[col]) if FIELDS[col] else ""
            return "" if value is None else value
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_AREA:
                return r.area_title
            return self.text(row, col) or None
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_STATUS:
            colour = STATUS_COLOURS.get(r.status)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            centred = col in (0, 2, 3, 8)
            horizontal = Qt.AlignmentFlag.AlignHCenter if centred else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignTop)
        return None

    # --- editing ------------------------------------------------------------------------------

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not FIELDS[index.column()]:
            return False
        row, col = index.row(), index.column()
        r = self.rows[row]
        field = FIELDS[col]
        if col == COL_PROOF:
            new = int(value) if value not in (None, "", 0) else None
        elif col == COL_STATUS:
            new = str(value)
            if new not in STATUS_LABELS:
                return False
        else:
            new = str(value).strip()
        if getattr(r, field) == new:
            return False
        if col == COL_AREA:  # the group's title, shown once: every row of the run takes it
            for k in self._group(row):
                self.rows[k].area_title = new
        else:
            setattr(r, field, new)
        self._refresh_all()
        self.changed.emit()
        return True

    def _group(self, row: int) -> range:
        start = row
        while start > 0 and self._numbered[start].group_size == 0:
            start -= 1
        return range(start, start + self._numbered[start].group_size)

    def insert_after(self, row: int | None) -> int:
        """A new row below ``row`` (same area), or at the end; returns its index."""
        at = len(self.rows) if row is None else row + 1
        base = self.rows[row] if row is not None else None
        new = PlanRowData(
            kind="manual",
            area_code=base.area_code if base else "",
            area_title=base.area_title if base else "",
            timeframe=base.timeframe if base else "",
        )
        self.beginInsertRows(QModelIndex(), at, at)
        self.rows.insert(at, new)
        self._numbered = numbered(self.rows)
        self.endInsertRows()
        self._refresh_all()
        self.changed.emit()
        return at

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.rows[row]
        self._numbered = numbered(self.rows)
        self.endRemoveRows()
        self._refresh_all()
        self.changed.emit()

    def move(self, row: int, step: int) -> int:
        """Move a row up (-1) or down (+1); returns where it is now."""
        to = row + step
        if not 0 <= to < len(self.rows):
            return row
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), to + 1 if step > 0 else to)
        self.rows.insert(to, self.rows.pop(row))
        self._numbered = numbered(self.rows)
        self.endMoveRows()
        self._refresh_all()
        self.changed.emit()
        return to

    def _refresh_all(self) -> None:
        self._numbered = numbered(self.rows)
        if self.rows:
            last = self.index(len(self.rows) - 1, len(HEADERS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def texts(self) -> list[list[str]]:
        """Every cell as shown (tests, accessibility)."""
        return [[self.text(r, c) for c in range(len(HEADERS))] for r in range(len(self.rows))]


class PlanDelegate(QStyledItemDelegate):
    """Multi-line editors for the long cells (Enter = new line, Tab or a click elsewhere =
    done, Esc = cancel); combos for the progress and its proof."""

    def createEditor(self, parent, option, index):  # noqa: N802
        col = index.column()
        if col == COL_STATUS:
            combo = QComboBox(parent)
            for key, label in STATUS_LABELS.items():
                combo.addItem(label, key)
            return combo
        if col == COL_PROOF:
            combo = QComboBox(parent)
            combo.addItem(NO_PROOF, 0)
            for doc_id, label in index.model().proofs.items():
                combo.addItem(label, doc_id)
            combo.setMaxVisibleItems(15)
            return combo
        if col in MULTILINE:
            editor = QPlainTextEdit(parent)
            editor.setTabChangesFocus(True)
            return editor
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            i = editor.findData(value if value != "" else 0)
            editor.setCurrentIndex(max(i, 0))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(value))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(self, editor, option, index) -> None:  # noqa: N802
        rect = option.rect
        if isinstance(editor, QPlainTextEdit):
            rect.setHeight(max(rect.height(), 90))
        editor.setGeometry(rect)
