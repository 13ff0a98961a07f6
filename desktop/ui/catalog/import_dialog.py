"""Năm → Nhập bộ tiêu chí từ tệp…: read the province's table (Excel, the decision as Word
or PDF, a saved page of the scoring portal) in the background, or take a pasted table
("Dán bảng"), then a preview the officer can correct (rows editable, the source's own
numbering beside each code, problems listed with their place: sheet and row, table and
row, page and row), and save only when there is no error and the warnings were accepted.
Nothing is written before "Lưu bộ tiêu chí"; the dialog says plainly when the year's
catalog is replaced.
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
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.core.catalog.importer import (
    PASTE_NAME,
    CatalogPreview,
    edit_row,
    read_catalog_file,
    remove_row,
)
from desktop.core.catalog.replace import ATTACHED_NAMES, attached_work
from desktop.core.catalog.store import CatalogProblem, catalog_for_year
from desktop.core.office.vnformat import format_date, format_points
from desktop.ui.errors import show_error
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
CATALOG_FILTER = ";;".join(
    (
        "Bộ tiêu chí (*.xlsx *.xls *.docx *.pdf *.html *.htm)",
        "Quyết định, phụ lục Word (*.docx)",
        "Tệp PDF có chữ (*.pdf)",
        "Trang web đã lưu (*.html *.htm)",
        EXCEL_FILTER,
    )
)

# column → (header, edit_row keyword)
COLUMNS = (
    ("Dòng", ""),
    ("Mã ← số trong tệp", "code"),
    ("Nội dung", "title"),
    ("Điểm tối đa", "max_text"),
    ("Cách tính điểm", "scoring_guide"),
    ("Tài liệu kiểm chứng", "evidence_required"),
    ("Quy tắc tính điểm", "rule_text"),
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
            if section == 0 and self.preview.kind != "sheet":
                return "Nơi trong tệp"
            return COLUMNS[section][0]
        return None

    def flags(self, index):
        base = super().flags(index)
        return base if index.column() == 0 else base | Qt.ItemFlag.ItemIsEditable

    def cell(self, row: int, col: int) -> str:
        r = self.preview.rows[row]
        if col == 0:
            return str(r.row) if r.kind == "sheet" else r.where
        if col == 1:
            return r.code
        if col == 2:
            return r.title
        if col == 3:
            return format_points(r.max_points) if r.max_points is not None else r.max_text
        if col == 6:
            return r.rule_text
        return r.scoring_guide if col == 4 else r.evidence_required

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.preview.rows[index.row()]
        key = (r.sheet, r.row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            text = self.cell(index.row(), index.column())
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 1:
                return r.shown_code  # the source's numbering beside the code
            if role == Qt.ItemDataRole.DisplayRole and index.column() in (4, 5):
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


def replace_notice(ws, year: int, rows: list | None = None) -> tuple[str, bool]:
    """What saving will do to ``year`` (text for a banner) and whether it is refused.
    ``rows``: the rows to save (anything with a ``code``), to name the hand-set scoring rules lost."""
    from desktop.core.catalog.replace import rule_losses

    with ws.session() as s:
        old = catalog_for_year(s, year)
        if old is None:
            return f"Năm {year} chưa có bộ tiêu chí: bộ này sẽ được lưu cho năm {year}.", False
        count = len(old.nodes)
        blockers = attached_work(s, old.id)
        name = old.name
        lost = rule_losses(s, year, rows) if rows is not None else []
    if blockers:
        listed = ", ".join(f"{n} {ATTACHED_NAMES.get(t, t)}" for t, n in blockers.items())
        return (
            f"Năm {year} đã có bộ tiêu chí “{name}” và đã có dữ liệu gắn với nó ({listed}), "
            "nên không thể thay thế (để khỏi mất dữ liệu). Hãy dùng Năm → Năm mới từ năm "
            "trước… để lập năm khác với bộ tiêu chí này.",
            True,
        )
    text = (
        f"Năm {year} đã có bộ tiêu chí “{name}” ({count} mục). Khi lưu, bộ tiêu chí vừa nhập "
        "sẽ THAY THẾ bộ này; điểm thẩm định, người phụ trách và cách tính điểm đặt tay được "
        "giữ theo mã."
    )
    if lost:
        text += (
            f" MẤT cách tính điểm đặt tay ở {len(lost)} mục không còn là tiêu chí thành phần "
            f"trong bộ mới: {', '.join(lost)}."
        )
    return text, False


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
        # the decision read from the document's opening, proposed: the officer may correct it
        self.decision_number = QLineEdit(preview.decision_number)
        self.decision_number.setAccessibleName("Số quyết định ban hành")
        self.decision_date = QLineEdit(format_date(preview.decision_date))
        self.decision_date.setPlaceholderText("dd/mm/yyyy")
        self.decision_date.setAccessibleName("Ngày quyết định")
        self.issuer = QLineEdit(preview.issuer)
        self.issuer.setAccessibleName("Cơ quan ban hành")
        decision = QHBoxLayout()
        for label, box in (
            ("Số &quyết định:", self.decision_number),
            ("&Ngày:", self.decision_date),
            ("Cơ quan &ban hành:", self.issuer),
        ):
            caption = QLabel(label)
            caption.setBuddy(box)
            decision.addWidget(caption)
            decision.addWidget(box, 1)
        form.addRow(decision)

        self.model = PreviewModel(preview, self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Các dòng của bộ tiêu chí")
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self._size_columns()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)

        self.remove_button = QPushButton("&Xóa dòng")
        self.remove_button.setToolTip("Bỏ dòng đang chọn khỏi bộ tiêu chí (Delete)")
        self.bottom.insertWidget(0, self.remove_button)
        self.remove_button.clicked.connect(self.remove_current)
        self.paste_button = QPushButton("&Dán bảng")
        self.paste_button.setToolTip(
            "Thay các dòng trên bằng bảng vừa sao chép (Ctrl+C) từ Word, Excel, trình duyệt "
            "hoặc trình đọc PDF"
        )
        self.bottom.insertWidget(1, self.paste_button)
        self.paste_button.clicked.connect(self.paste_table)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.remove_current)
        self.model.edited.connect(self.update_state)
        self.finish(form)

    def _size_columns(self) -> None:
        place = 52 if self.preview.kind == "sheet" else 175
        widths = ((0, place), (1, 125), (2, 370), (3, 80), (4, 250), (5, 190))
        for col, width in widths:
            self.table.setColumnWidth(col, width)

    def set_preview(self, preview: CatalogPreview) -> None:
        """Show another reading (a pasted table) in place of the one shown."""
        self.preview = preview
        self.model = PreviewModel(preview, self)
        self.table.setModel(self.model)
        self.model.edited.connect(self.update_state)
        self._size_columns()
        self.setWindowTitle(f"Nhập bộ tiêu chí năm {self.year} – {preview.path.name}")
        self.source.setText(self._source_text())
        if preview.name:
            self.name.setText(preview.name)
        if preview.decision_number:
            self.decision_number.setText(preview.decision_number)
            self.decision_date.setText(format_date(preview.decision_date))
            self.issuer.setText(preview.issuer)
        self.accept_warnings.setChecked(False)
        self.update_state()

    def paste_table(self) -> None:
        from desktop.core.catalog.importer import read_catalog_paste

        html, text = clipboard_table()
        try:
            preview = read_catalog_paste(html, text, year=self.year)
        except Exception as exc:  # noqa: BLE001 - shown to the officer, the preview stays
            show_error(self, exc, "Dán bảng")
            return
        self.set_preview(preview)

    def _source_text(self) -> str:
        p = self.preview
        levels = sorted({r.level for r in p.rows})
        if p.path.name == PASTE_NAME:
            where = "<b>Bảng dán</b>"
        elif p.kind == "sheet":
            where = f"Tệp <b>{p.path.name}</b>, sheet “{p.sheet}”"
        else:
            parts = p.parts
            shown = parts[0] if len(parts) <= 1 else f"{parts[0]} – {parts[-1]}"
            where = f"Tệp <b>{p.path.name}</b> ({p.source_name}, {shown})"
        text = f"{where}: {len(p.rows)} mục (cấp {', '.join(map(str, levels))})."
        if p.decision_number:
            when = f" ngày {format_date(p.decision_date)}" if p.decision_date else ""
            by = f" của {p.issuer}" if p.issuer else ""
            text += f" Quyết định số {p.decision_number}{when}{by}."
        return text + " Nhấp đúp vào ô để sửa; chưa có gì được lưu."

    def apply_decision(self) -> None:
        """The decision as the officer left it in the boxes, onto the preview (raises
        ``ValidationError`` for a date that cannot be read)."""
        from desktop.core.office.vnformat import parse_date

        text = self.decision_date.text().strip()
        when = parse_date(text, what="Ngày quyết định") if text else None
        self.preview.decision_number = self.decision_number.text().strip()
        self.preview.decision_date = when
        self.preview.issuer = self.issuer.text().strip()

    def accept(self) -> None:
        if not self.save_button.isEnabled():
            return
        try:
            self.apply_decision()
        except Exception as exc:  # noqa: BLE001 - a date that cannot be read: said, stays open
            show_error(self, exc, "Chưa lưu")
            self.decision_date.setFocus()
            return
        super().accept()

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


def choose_catalog_file(parent: QWidget, title: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, "", CATALOG_FILTER)
    return Path(path) if path else None


def clipboard_table() -> tuple[str, str]:
    """The clipboard's HTML (a table copied from Word, Excel, a browser) and plain text."""
    from PySide6.QtWidgets import QApplication

    data = QApplication.clipboard().mimeData()
    if data is None:
        return "", ""
    html = data.html() if data.hasHtml() else ""
    text = data.text() if data.hasText() else ""
    return html, text


def _ask_year(window) -> int | None:
    from datetime import date

    dlg = QInputDialog(window)
    dlg.setWindowTitle("Nhập bộ tiêu chí")
    dlg.setLabelText("Bộ tiêu chí này dùng cho năm đánh giá:")
    dlg.setInputMode(QInputDialog.InputMode.IntInput)
    dlg.setIntRange(2000, 2100)
    dlg.setIntValue(date.today().year)
    dlg.setOkButtonText("Đồng ý")
    dlg.setCancelButtonText("Hủy")
    return dlg.intValue() if dlg.exec() else None


def _saver(window, year: int) -> Callable[[CatalogImportDialog], None]:
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

    return save


def _show_preview(window, year: int, preview: CatalogPreview) -> CatalogImportDialog:
    dlg = CatalogImportDialog(
        preview, year, window, notice=replace_notice(window.ws, year, preview.rows)
    )
    dlg.saver = _saver(window, year)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    return dlg


def import_catalog_from_file(window) -> Job | None:
    """Choose a file, read it off the GUI thread, then open the preview for the year shown."""
    year = window.year or _ask_year(window)
    if year is None:
        return None
    path = choose_catalog_file(window, f"Chọn tệp bộ tiêu chí năm {year}")
    if path is None:
        return None
    return run_job(
        window,
        lambda progress: read_catalog_file(path, year=year, progress=progress),
        label=f"Đang đọc {path.name}…",
        on_success=lambda preview: _show_preview(window, year, preview),
    )


import_catalog_from_excel = import_catalog_from_file  # the menu's former name


def import_catalog_from_paste(window) -> CatalogImportDialog | None:
    """The table on the clipboard (copied from Word, Excel, a browser or a PDF reader)."""
    from desktop.core.catalog.importer import read_catalog_paste

    year = window.year or _ask_year(window)
    if year is None:
        return None
    html, text = clipboard_table()
    try:
        preview = read_catalog_paste(html, text, year=year)
    except Exception as exc:  # noqa: BLE001 - shown to the officer
        show_error(window, exc, "Dán bảng tiêu chí")
        return None
    return _show_preview(window, year, preview)
