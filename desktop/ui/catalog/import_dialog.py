"""Năm → Nhập bộ tiêu chí từ Excel…: read the province's sheet in the background, then a
preview the officer can correct (rows editable, problems listed with sheet and row), and
save only when there is no error and the warnings were accepted. Nothing is written
before "Lưu bộ tiêu chí"; the dialog says plainly when the year's catalog is replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.core.catalog.importer import CatalogPreview, edit_row, read_catalog_file, remove_row
from desktop.core.catalog.replace import ATTACHED_NAMES, attached_work
from desktop.core.catalog.store import CatalogProblem, catalog_for_year
from desktop.core.office.vnformat import format_date, format_points
from desktop.ui.files.dialogs import remember, start_dir
from desktop.ui.import_preview import (
    BLOCKED_STYLE,
    NOTICE_STYLE,
    REPLACE_STYLE,
    ImportPreviewDialog,
)
from desktop.ui.problem_list import (
    ERROR_BACKGROUND,
    WARNING_BACKGROUND,
)
from desktop.ui.vi import ask_yes_no, info
from desktop.ui.worker import Job, run_job

EXCEL_FILTER = "Bảng tính Excel (*.xlsx *.xls)"

# column → (header, edit_row keyword)
COLUMNS = (
    ("Dòng", ""),
    ("Mã", "code"),
    ("Nội dung", "title"),
    ("Điểm tối đa", "max_text"),
    ("Cách tính điểm", "scoring_guide"),
    ("Tài liệu kiểm chứng", "evidence_required"),
)


class PreviewModel(QAbstractTableModel):
    """The preview's rows, editable; each edit re-checks the whole catalog."""

    edited = Signal()

    def __init__(self, preview: CatalogPreview, parent=None) -> None:
        super().__init__(parent)
        self.preview = preview
        self._severity: dict[tuple[str, int], str] = {}
        self._messages: dict[tuple[str, int], list[str]] = {}
        self._index_problems()

    def _index_problems(self) -> None:
        self._severity.clear()
        self._messages.clear()
        for p in self.preview.problems:
            if p.row is None:
                continue
            key = (p.sheet, p.row)
            self._messages.setdefault(key, []).append(p.message)
            if p.is_error or key not in self._severity:
                self._severity[key] = p.severity

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.preview.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][0]
        return None

    def flags(self, index):
        base = super().flags(index)
        return base if index.column() == 0 else base | Qt.ItemFlag.ItemIsEditable

    def cell(self, row: int, col: int) -> str:
        r = self.preview.rows[row]
        if col == 0:
            return str(r.row)
        if col == 1:
            return r.code
        if col == 2:
            return r.title
        if col == 3:
            return format_points(r.max_points) if r.max_points is not None else r.max_text
        return r.scoring_guide if col == 4 else r.evidence_required

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.preview.rows[index.row()]
        key = (r.sheet, r.row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            text = self.cell(index.row(), index.column())
            if role == Qt.ItemDataRole.DisplayRole and index.column() >= 4:
                return text.replace("\n", " ⏎ ")
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            notes = self._messages.get(key)
            return "\n".join(notes) if notes else self.cell(index.row(), index.column())
        if role == Qt.ItemDataRole.BackgroundRole and key in self._severity:
            colour = ERROR_BACKGROUND if self._severity[key] == "error" else WARNING_BACKGROUND
            return QBrush(QColor(colour))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (0, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or index.column() == 0:
            return False
        text = str(value)
        if text == self.cell(index.row(), index.column()):
            return False
        edit_row(self.preview, index.row(), **{COLUMNS[index.column()][1]: text})
        self._changed()
        return True

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        remove_row(self.preview, row)
        self.endRemoveRows()
        self._changed()

    def _changed(self) -> None:
        self._index_problems()
        if self.preview.rows:  # colours of other rows may change too (duplicates, sums)
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.preview.rows) - 1, len(COLUMNS) - 1)
            )
        self.edited.emit()

    def row_for(self, problem: CatalogProblem) -> int | None:
        rows = self.preview.rows
        if problem.row is not None:
            for i, r in enumerate(rows):
                if r.row == problem.row and r.sheet == problem.sheet:
                    return i
        if problem.code:
            return next((i for i, r in enumerate(rows) if r.code == problem.code), None)
        return None


def replace_notice(ws, year: int) -> tuple[str, bool]:
    """What saving will do to ``year`` (text for a banner) and whether it is refused."""
    with ws.session() as s:
        old = catalog_for_year(s, year)
        if old is None:
            return f"Năm {year} chưa có bộ tiêu chí: bộ này sẽ được lưu cho năm {year}.", False
        count = len(old.nodes)
        blockers = attached_work(s, old.id)
        name = old.name
    if blockers:
        listed = ", ".join(f"{n} {ATTACHED_NAMES.get(t, t)}" for t, n in blockers.items())
        return (
            f"Năm {year} đã có bộ tiêu chí “{name}” và đã có dữ liệu gắn với nó ({listed}), "
            "nên không thể thay thế (để khỏi mất dữ liệu). Hãy dùng Năm → Năm mới từ năm "
            "trước… để lập năm khác với bộ tiêu chí này.",
            True,
        )
    return (
        f"Năm {year} đã có bộ tiêu chí “{name}” ({count} mục). Khi lưu, bộ tiêu chí vừa nhập "
        "sẽ THAY THẾ bộ này; điểm thẩm định và người phụ trách đã nhập được giữ theo mã.",
        False,
    )


class CatalogImportDialog(ImportPreviewDialog):
    """Preview of an imported catalog, rows editable. ``saver(dialog)`` writes it (raise
    to stay open); without a saver the dialog only checks and returns the corrected preview."""

    def __init__(
        self,
        preview: CatalogPreview,
        year: int,
        parent: QWidget | None = None,
        *,
        notice: tuple[str, bool] | None = None,
        saver: Callable[[CatalogImportDialog], None] | None = None,
        accept_text: str = "&Lưu bộ tiêu chí",
    ) -> None:
        super().__init__(preview, parent, accept_text=accept_text, saver=saver)
        self.preview: CatalogPreview = preview
        self.year = year
        self.setWindowTitle(f"Nhập bộ tiêu chí năm {year} – {preview.path.name}")
        self.resize(1240, 680)
        self.source.setText(self._source_text())
        if notice:
            text, blocked = notice
            self.blocked = "Năm này không thay thế được bộ tiêu chí." if blocked else ""
            replaces = "THAY THẾ" in text
            style = BLOCKED_STYLE if blocked else REPLACE_STYLE if replaces else NOTICE_STYLE
            self.set_notice(text, style)
        self.name = QLineEdit(preview.name)
        self.name.setAccessibleName("Tên bộ tiêu chí")
        form = QFormLayout()
        form.addRow("Tên bộ tiêu chí:", self.name)

        self.model = PreviewModel(preview, self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Các dòng của bộ tiêu chí")
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        for col, width in ((0, 52), (1, 70), (2, 430), (3, 90), (4, 280)):
            self.table.setColumnWidth(col, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)

        self.remove_button = QPushButton("&Xóa dòng")
        self.remove_button.setToolTip("Bỏ dòng đang chọn khỏi bộ tiêu chí (Delete)")
        self.bottom.insertWidget(0, self.remove_button)
        self.remove_button.clicked.connect(self.remove_current)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.remove_current)
        self.model.edited.connect(self.update_state)
        self.finish(form)

    def _source_text(self) -> str:
        p = self.preview
        levels = sorted({r.level for r in p.rows})
        text = (
            f"Tệp <b>{p.path.name}</b>, sheet “{p.sheet}”: {len(p.rows)} mục "
            f"(cấp {', '.join(map(str, levels))})."
        )
        if p.decision_number:
            when = f" ngày {format_date(p.decision_date)}" if p.decision_date else ""
            by = f" của {p.issuer}" if p.issuer else ""
            text += f" Quyết định số {p.decision_number}{when}{by}."
        return text + " Nhấp đúp vào ô để sửa; chưa có gì được lưu."

    def has_rows(self) -> bool:
        return bool(self.preview.rows)

    def ready_text(self) -> str:
        return f"Lưu làm bộ tiêu chí năm {self.year}."

    def row_for(self, problem: CatalogProblem) -> tuple[int, int] | None:
        row = self.model.row_for(problem)
        if row is None:
            return None
        return row, 3 if "điểm" in problem.message.lower() else 1

    def remove_current(self) -> None:
        idx = self.table.currentIndex()
        if not idx.isValid():
            return
        r = self.preview.rows[idx.row()]
        if ask_yes_no(
            self, "Xóa dòng", f"Bỏ dòng {r.row} (mã {r.code} – {r.title[:60]}) khỏi bộ tiêu chí?"
        ):
            self.model.remove(idx.row())


def choose_excel(parent: QWidget, title: str, kind: str = "catalog") -> Path | None:
    """An Excel file, the dialog starting where files of ``kind`` were last taken from."""
    path, _ = QFileDialog.getOpenFileName(parent, title, str(start_dir(parent, kind)), EXCEL_FILTER)
    if path:
        remember(parent, kind, Path(path))
    return Path(path) if path else None


def _ask_year(window) -> int | None:
    from datetime import date

    dlg = QInputDialog(window)
    dlg.setWindowTitle("Nhập bộ tiêu chí từ Excel")
    dlg.setLabelText("Bộ tiêu chí này dùng cho năm đánh giá:")
    dlg.setInputMode(QInputDialog.InputMode.IntInput)
    dlg.setIntRange(2000, 2100)
    dlg.setIntValue(date.today().year)
    dlg.setOkButtonText("Đồng ý")
    dlg.setCancelButtonText("Hủy")
    return dlg.intValue() if dlg.exec() else None


def import_catalog_from_excel(window) -> Job | None:
    """Choose a file, read it off the GUI thread, then open the preview for the year shown."""
    year = window.year or _ask_year(window)
    if year is None:
        return None
    path = choose_excel(window, f"Chọn tệp bộ tiêu chí năm {year}")
    if path is None:
        return None

    def save(dlg: CatalogImportDialog) -> None:
        from desktop.core.catalog.importer import save_preview
        from desktop.core.settings import set_setting

        with window.ws.transaction() as s:
            outcome = save_preview(
                s,
                year,
                dlg.preview,
                name=dlg.name.text(),
                accept_warnings=dlg.accept_warnings.isChecked(),
            )
            set_setting(s, "last_year", str(year))
        if window.year != year:
            window.load(year)
        window.dataChanged.emit()
        window.backup_after_import()
        what = (
            f"Đã thay thế bộ tiêu chí “{outcome.replaced_name}” của năm {year}"
            if outcome.replaced
            else f"Đã lưu bộ tiêu chí năm {year}"
        )
        info(
            window,
            "Nhập bộ tiêu chí",
            f"{what}: {outcome.node_count} mục, tổng {format_points(outcome.total_points)} điểm.",
        )

    def show(preview: CatalogPreview) -> None:
        dlg = CatalogImportDialog(preview, year, window, notice=replace_notice(window.ws, year))
        dlg.saver = save
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()

    return run_job(
        window,
        lambda progress: read_catalog_file(path, year=year, progress=progress),
        label=f"Đang đọc {path.name}…",
        on_success=show,
    )
