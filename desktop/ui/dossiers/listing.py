"""The dossiers behind a figure: a sortable list (code, procedure, field, channel,
received, due, result, status)."""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.dossiers import FIGURE_LABELS, DossierRow, Period
from desktop.core.dossiers.values import CHANNEL_LABELS
from desktop.core.office.vnformat import format_int
from desktop.ui.table_model import SORT_ROLE, Column, RecordTableModel
from desktop.ui.vi import dialog_buttons

END_OF_DAY = time(23, 59, 59)


def moment_text(value: datetime | None, *, due: bool = False) -> str:
    """``15/12/2022 08:00``; a date without a time as ``15/12/2022`` (for a due date, the
    end of the day is how "no time" is stored)."""
    if value is None:
        return ""
    if value.time() == time(0, 0) or (due and value.time() == END_OF_DAY):
        return value.strftime("%d/%m/%Y")
    return value.strftime("%d/%m/%Y %H:%M")


def _when(value: datetime | None) -> str:
    """A sort key Qt compares reliably (a text, not a Python datetime); blanks last."""
    return value.isoformat(sep=" ") if value else "9999"


COLUMNS: list[Column[DossierRow]] = [
    Column("Mã hồ sơ", lambda d: d.code),
    Column("Thủ tục hành chính", lambda d: d.procedure),
    Column("Lĩnh vực", lambda d: d.field),
    Column("Hình thức nộp", lambda d: CHANNEL_LABELS.get(d.channel or "", "Không rõ")),
    Column(
        "Ngày tiếp nhận", lambda d: moment_text(d.received_at), sort=lambda d: _when(d.received_at)
    ),
    Column("Hạn trả", lambda d: moment_text(d.due_at, due=True), sort=lambda d: _when(d.due_at)),
    Column(
        "Ngày có kết quả", lambda d: moment_text(d.result_at), sort=lambda d: _when(d.result_at)
    ),
    Column("Trạng thái", lambda d: d.status),
]


def list_title(figure: str, field_name: str | None, period: Period, count: int) -> str:
    where = f" – lĩnh vực {field_name}" if field_name else ""
    return (
        f"<b>{FIGURE_LABELS[figure]}</b>{where}: <b>{format_int(count)}</b> hồ sơ<br>{period.title}"
    )


class DossierListDialog(QDialog):
    def __init__(
        self,
        rows: list[DossierRow],
        figure: str,
        field_name: str | None,
        period: Period,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Danh sách hồ sơ – {FIGURE_LABELS[figure]}")
        self.heading = QLabel(list_title(figure, field_name, period, len(rows)))
        self.heading.setWordWrap(True)
        self.model: RecordTableModel[DossierRow] = RecordTableModel(COLUMNS, self)
        self.model.set_rows(rows)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(4, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.setWordWrap(False)
        head = self.view.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.resizeColumnsToContents()
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = dialog_buttons(self, QDialogButtonBox.StandardButton.Close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        if rows:
            lay.addWidget(self.view, 1)
        else:
            self.view.hide()
            lay.addWidget(QLabel("Không có hồ sơ nào."), 1)
        lay.addWidget(buttons)
        self._fit(parent)

    def _fit(self, parent: QWidget | None) -> None:
        screen = (parent.window() if parent else self).screen().availableGeometry()
        self.resize(min(1180, int(screen.width() * 0.9)), min(620, int(screen.height() * 0.85)))
        # the long procedure names get what is left after the other columns
        for col in range(len(COLUMNS)):
            if col != 1:
                self.view.setColumnWidth(col, min(self.view.columnWidth(col), 220))

    def texts(self) -> list[list[str]]:
        """The rows in their shown (sorted) order."""
        out = []
        for r in range(self.proxy.rowCount()):
            out.append([self.proxy.index(r, c).data() for c in range(self.proxy.columnCount())])
        return out
