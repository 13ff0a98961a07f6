"""Năm → Năm mới từ năm trước…: a new year's catalog copied from a past year (or imported
from the province's sheet), with the old code → new code mapping shown and editable
before anything is written. Responsible officers and notes follow the mapping; evidence
never does (each year needs its own).
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
)

from desktop.core.catalog.importer import CatalogPreview, read_catalog_file
from desktop.core.catalog.store import catalog_info, catalog_years
from desktop.core.office.text import similarity
from desktop.core.years.rollover import MappingRow, NodeLike, suggest_mapping
from desktop.ui.catalog.import_dialog import (
    CatalogImportDialog,
    choose_catalog_file,
    replace_notice,
)
from desktop.ui.errors import show_error
from desktop.ui.import_preview import BLOCKED_STYLE, NOTICE_STYLE, REPLACE_STYLE
from desktop.ui.problem_list import WARNING_BACKGROUND
from desktop.ui.table_model import compact_rows
from desktop.ui.vi import dialog_buttons, info
from desktop.ui.worker import Job, run_job

NO_TARGET = "(không có mục tương ứng)"
HEADERS = ("Mã năm cũ", "Nội dung năm cũ", "Mã năm mới", "Nội dung năm mới", "Giống", "Căn cứ")
COL_NEW = 2


class MappingModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[MappingRow] = []
        self.targets: dict[str, str] = {}  # new code → title, in catalog order

    def set_mapping(self, rows: list[MappingRow], targets: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows, self.targets = rows, targets
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def flags(self, index):
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == COL_NEW else base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        m = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            indent = "   " * (m.old_level - 1)
            return (
                m.old_code,
                indent + m.old_title,
                m.new_code or NO_TARGET,
                m.new_title,
                f"{m.similarity}%" if m.new_code else "",
                m.reason,
            )[col]
        if role == Qt.ItemDataRole.EditRole:
            return m.new_code or ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return m.new_title if col >= COL_NEW else m.old_title
        if role == Qt.ItemDataRole.BackgroundRole and not m.new_code:
            return QBrush(QColor(WARNING_BACKGROUND))
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or index.column() != COL_NEW:
            return False
        code = str(value or "")
        if code and code not in self.targets:
            return False
        m = self.rows[index.row()]
        m.new_code = code or None
        m.new_title = self.targets.get(code, "")
        m.similarity = round(similarity(m.old_title, m.new_title) * 100) if code else 0
        m.reason = "do người dùng chọn"
        m.confirmed = True
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(HEADERS) - 1))
        return True


class CodeChoice(QStyledItemDelegate):
    """A combo of the new year's codes (and "no counterpart") for the "Mã năm mới" cell."""

    def createEditor(self, parent, option, index):  # noqa: N802
        model: MappingModel = index.model()
        combo = QComboBox(parent)
        combo.addItem(NO_TARGET, "")
        for code, title in model.targets.items():
            combo.addItem(f"{code} – {title[:70]}", code)
        combo.setMaxVisibleItems(20)
        return combo

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        i = editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.setCurrentIndex(max(i, 0))

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class NewYearDialog(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window
        self.preview: CatalogPreview | None = None
        self.preview_name = ""
        self.preview_accepts_warnings = False
        self.blocked = False
        self.setWindowTitle("Năm mới từ năm trước")
        self.resize(1180, 660)
        with window.ws.session() as s:
            years = catalog_years(s)

        self.source = QComboBox()
        for y in years:
            self.source.addItem(str(y), y)
        self.source.setCurrentIndex(len(years) - 1)
        self.source.setAccessibleName("Năm nguồn")
        self.target = QSpinBox()
        self.target.setRange(2000, 2100)
        self.target.setValue((max(years) + 1) if years else 2025)
        self.target.setAccessibleName("Năm mới")
        self.copy_radio = QRadioButton("&Chép bộ tiêu chí của năm nguồn")
        self.file_radio = QRadioButton(
            "&Nhập bộ tiêu chí của tỉnh từ tệp (Word, PDF, trang web, Excel)"
        )
        self.copy_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.copy_radio)
        group.addButton(self.file_radio)
        self.file_button = QPushButton("Chọn &tệp…")
        self.file_label = QLabel("")
        self.notice = QLabel()
        self.notice.setWordWrap(True)

        grid = QGridLayout()
        grid.addWidget(QLabel("Năm nguồn:"), 0, 0)
        grid.addWidget(self.source, 0, 1)
        grid.addWidget(QLabel("Năm mới:"), 0, 2)
        grid.addWidget(self.target, 0, 3)
        grid.setColumnStretch(4, 1)
        grid.addWidget(QLabel("Bộ tiêu chí năm mới:"), 1, 0)
        grid.addWidget(self.copy_radio, 1, 1, 1, 3)
        row = QHBoxLayout()
        row.addWidget(self.file_radio)
        row.addWidget(self.file_button)
        row.addWidget(self.file_label, 1)
        grid.addLayout(row, 2, 1, 1, 4)

        self.model = MappingModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Ánh xạ mã năm cũ sang mã năm mới")
        self.table.setItemDelegateForColumn(COL_NEW, CodeChoice(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        compact_rows(self.table)
        self.table.setAlternatingRowColors(True)
        for col, width in ((0, 80), (1, 380), (2, 160), (3, 330), (4, 60)):
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        carried = QLabel(
            "Người phụ trách và ghi chú của từng mục được chuyển sang mục tương ứng ở năm mới. "
            "Tài liệu kiểm chứng, điểm tự chấm và kết quả thẩm định <b>không</b> được chuyển: "
            "mỗi năm cần tài liệu của năm đó. Nhấp đúp vào ô “Mã năm mới” để sửa."
        )
        carried.setWordWrap(True)

        self.buttons = dialog_buttons(self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Tạo năm mới")

        root = QVBoxLayout(self)
        root.addLayout(grid)
        root.addWidget(self.notice)
        root.addWidget(carried)
        root.addWidget(self.table, 1)
        root.addWidget(self.summary)
        root.addWidget(self.buttons)

        self.source.currentIndexChanged.connect(self.suggest)
        self.target.valueChanged.connect(self._show_notice)
        self.copy_radio.toggled.connect(self._mode_changed)
        self.file_button.clicked.connect(self.choose_file)
        self.model.dataChanged.connect(self._update_ok)
        self.job: Job | None = None
        self._mode_changed()

    @property
    def from_year(self) -> int | None:
        return self.source.currentData()

    def _mode_changed(self) -> None:
        if self.file_radio.isChecked() and self.preview is None:
            self.choose_file()
        self.suggest()

    def _show_notice(self) -> None:
        year = self.target.value()
        text, self.blocked = replace_notice(self.window_.ws, year)
        if "chưa có bộ tiêu chí" in text:
            text = f"Năm {year} chưa có bộ tiêu chí: năm mới sẽ được tạo."
        self.notice.setText(text)
        style = BLOCKED_STYLE if self.blocked else REPLACE_STYLE if "THAY" in text else NOTICE_STYLE
        self.notice.setStyleSheet(style)
        self._update_ok()

    def new_nodes(self) -> list[NodeLike]:
        if self.file_radio.isChecked() and self.preview is not None:
            return sorted(self.preview.rows, key=lambda r: tuple(int(p) for p in r.code.split(".")))
        if self.from_year is None:
            return []
        with self.window_.ws.session() as s:
            return list(catalog_info(s, self.from_year).nodes)

    def suggest(self) -> None:
        """Fill the mapping table with the suggestion for the current choices."""
        if self.from_year is None:
            self.model.set_mapping([], {})
        else:
            with self.window_.ws.session() as s:
                old = catalog_info(s, self.from_year).nodes
            new = self.new_nodes()
            self.model.set_mapping(suggest_mapping(old, new), {n.code: n.title for n in new})
        self._show_notice()

    def choose_file(self) -> None:
        path = choose_catalog_file(self, f"Chọn tệp bộ tiêu chí năm {self.target.value()}")
        if path is None:
            if self.preview is None:
                self.copy_radio.setChecked(True)
            return
        year = self.target.value()

        def check(preview: CatalogPreview) -> None:
            dlg = CatalogImportDialog(
                preview,
                year,
                self,
                accept_text="&Dùng bộ tiêu chí này",
            )
            dlg.accepted.connect(lambda: self._use_preview(dlg))
            dlg.open()

        self.job = run_job(
            self,
            lambda progress: read_catalog_file(path, year=year, progress=progress),
            label=f"Đang đọc {path.name}…",
            on_success=check,
        )

    def _use_preview(self, dlg: CatalogImportDialog) -> None:
        self.preview = dlg.preview
        self.preview_name = dlg.name.text()
        self.preview_accepts_warnings = dlg.accept_warnings.isChecked()
        self.file_label.setText(f"{dlg.preview.path.name} ({len(dlg.preview.rows)} mục)")
        self.file_radio.setChecked(True)
        self.suggest()

    def _update_ok(self) -> None:
        rows = self.model.rows
        counts = Counter(
            "none" if not m.new_code else "same" if m.new_code == m.old_code else "moved"
            for m in rows
        )
        self.summary.setText(
            f"{len(rows)} mục năm {self.from_year or ''}: {counts['same']} giữ mã, "
            f"{counts['moved']} đổi mã, {counts['none']} không có mục tương ứng (tô vàng)."
        )
        needs_file = self.file_radio.isChecked() and self.preview is None
        self.ok_button.setEnabled(bool(rows) and not needs_file and not self.blocked)

    def accept(self) -> None:
        from desktop.core.settings import set_setting
        from desktop.core.years.rollover import start_year

        window, year = self.window_, self.target.value()
        from_file = self.file_radio.isChecked()
        try:
            with window.ws.transaction() as s:
                outcome = start_year(
                    s,
                    year,
                    self.from_year,
                    preview=self.preview if from_file else None,
                    name=self.preview_name if from_file else None,
                    accept_warnings=self.preview_accepts_warnings,
                    mapping=self.model.rows,
                )
                set_setting(s, "last_year", str(year))
        except Exception as exc:  # noqa: BLE001 - shown to the officer, dialog stays open
            show_error(self, exc, "Chưa tạo năm mới")
            return
        super().accept()
        window.load(year)
        window.dataChanged.emit()
        unmapped = len(outcome.unmapped)
        info(
            window,
            "Năm mới",
            f"Đã tạo năm {year} từ năm {outcome.from_year}: {outcome.catalog.node_count} mục. "
            f"Chuyển người phụ trách, ghi chú cho {outcome.carried} mục"
            + (f"; {unmapped} mục năm cũ không có mục tương ứng" if unmapped else "")
            + ". Tài liệu kiểm chứng không được chuyển: hãy nhập tài liệu của năm mới.",
        )


def new_year_from_previous(window) -> NewYearDialog | None:
    with window.ws.session() as s:
        if not catalog_years(s):
            show_error(window, "Chưa có năm nào để làm năm nguồn. Hãy thêm năm đánh giá trước.")
            return None
    dlg = NewYearDialog(window)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    return dlg
