"""The "Tài liệu kiểm chứng" tab: the year's evidence register.

A sortable table filtered by area, kind, responsible officer and status, with a search box
that ignores diacritics, case and Unicode form (``ke hoach`` finds ``Kế hoạch``). The year
is the window's. The year's rows are held in a ``RegisterIndex``: filtering and typing in
the search box never ask the database again. Enter opens the file, F2 edits, Ctrl+L
chooses the sub-criteria, Delete deletes after a Có/Không question; files dropped on the
tab open the add dialog (one file) or the review table (many). The "Ký số" column says
which documents carry a digital signature and filters the PDFs not signed. Under the table: the sub-criteria the selected document serves
(double-click jumps to the catalog tree) and its files (double-click opens one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from base.errors import CchcError
from desktop.core.evidence.documents import KINDS
from desktop.core.evidence.query import (
    SIGNATURE_LABELS,
    STATUS_LABELS,
    RegisterFilter,
    RegisterIndex,
    RegisterRow,
    document_row,
    register_sort_key,
)
from desktop.core.office.text_sort import sort_key
from desktop.core.office.vnformat import format_date, format_int
from desktop.ui.errors import show_error
from desktop.ui.evidence import actions
from desktop.ui.file_drop import FileDropTarget
from desktop.ui.keys import on_keys
from desktop.ui.table_model import RIGHT, Column, RecordTableModel, record_view
from desktop.ui.widgets import button, splitter

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

ALL = ""
CODE_ROLE = Qt.ItemDataRole.UserRole + 1
FILE_ROLE = Qt.ItemDataRole.UserRole + 2


SIGNED_TEXT = {"signed": "Đã ký", "unsigned_pdf": "Chưa ký", "unknown": "?"}
SIGNED_ORDER = {"unsigned_pdf": 0, "unknown": 1, "signed": 2, "": 3}


def _signed_tip(r: RegisterRow) -> str:
    if r.signature == "signed":
        who = f": {r.signed_by}" if r.signed_by else ""
        return f"Đã ký số{who} (chưa kiểm tra chuỗi chứng thư)"
    if r.signature == "unsigned_pdf":
        return "Tài liệu PDF chưa ký số"
    if r.signature == "unknown":
        return "Chưa đọc chữ ký số của tệp: bấm “Đọc chữ ký số”"
    return "Không có tệp PDF"


def _codes_key(r: RegisterRow) -> tuple:
    return tuple(tuple(int(p) for p in c.split(".") if p.isdigit()) for c in r.codes) or (
        (1 << 30,),
    )


COLUMNS: list[Column[RegisterRow]] = [
    Column(
        "Số ký hiệu",
        lambda r: r.number,
        sort=register_sort_key("number"),
        tooltip=lambda r: f"{r.number or '(chưa có số)'} · {r.status_label}",
    ),
    Column("Ngày ban hành", lambda r: format_date(r.issue_date), sort=register_sort_key("date")),
    Column("Loại", lambda r: r.kind, sort=register_sort_key("kind")),
    Column("Trích yếu", lambda r: r.summary, sort=register_sort_key("summary")),
    Column("Cơ quan ban hành", lambda r: r.issuer, sort=register_sort_key("issuer")),
    Column("Người phụ trách", lambda r: r.responsible, sort=register_sort_key("responsible")),
    Column(
        "Tiêu chí",
        lambda r: ", ".join(r.codes),
        sort=_codes_key,
        tooltip=lambda r: ", ".join(r.codes) or STATUS_LABELS["unlinked"],
        background=lambda r: None if r.codes else "#fde7e9",
    ),
    Column(
        "Tệp",
        lambda r: str(r.file_count),
        sort=lambda r: r.file_count,
        align=RIGHT,
        tooltip=lambda r: f"{r.file_count} tệp",
        background=lambda r: None if r.file_count else "#fde7e9",
    ),
    Column(
        "Ký số",
        lambda r: SIGNED_TEXT.get(r.signature, ""),
        sort=lambda r: (SIGNED_ORDER.get(r.signature, 9), r.id),
        tooltip=lambda r: _signed_tip(r),
        background=lambda r: "#fff4ce" if r.signature == "unsigned_pdf" else None,
    ),
]
COL_SUMMARY = 3
COL_SIGNED = 8
# columns the register index sorts (and keeps the order of, so typing stays fast)
INDEX_SORTS = {0: "number", 1: "date", 2: "kind", 3: "summary", 4: "issuer", 5: "responsible"}
WIDTHS = {0: 120, 1: 118, 2: 90, 4: 150, 5: 140, 6: 110, 7: 45, 8: 70}


class _RegisterModel(RecordTableModel[RegisterRow]):
    """A header click asks the tab for the rows in that order (see ``INDEX_SORTS``)."""

    def __init__(self, tab: RegisterTab) -> None:
        super().__init__(COLUMNS, tab)
        self.tab = tab
        self.sorted_by = (1, False)  # (column, descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sorted_by = (column, order == Qt.SortOrder.DescendingOrder)
        self.tab.apply_filters()


def _combo(name: str) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return box


class RegisterTab(FileDropTarget, QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window_ = window
        self.index: RegisterIndex | None = None
        self._stale = False
        self.setAcceptDrops(True)
        window.tabs.currentChanged.connect(self._tab_changed)

        self.search = QLineEdit(placeholderText="Tìm theo số, trích yếu, cơ quan ban hành…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Tìm tài liệu")
        self.area = _combo("Lọc theo lĩnh vực")
        self.area.setMaximumWidth(260)
        self.kind = _combo("Lọc theo loại văn bản")
        self.kind.addItem("Mọi loại", ALL)
        for k in KINDS:
            self.kind.addItem(k, k)
        self.responsible = _combo("Lọc theo người phụ trách")
        self.status = _combo("Lọc theo tình trạng")
        self.status.addItem("Mọi tình trạng", ALL)
        for key, label in STATUS_LABELS.items():
            self.status.addItem(label, key)
        self.signed = _combo("Lọc theo chữ ký số")
        self.signed.addItem("Ký số: mọi tài liệu", ALL)
        for key, label in SIGNATURE_LABELS.items():
            self.signed.addItem(label, key)
        self.count = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        for w in (self.area, self.kind, self.responsible, self.status, self.signed):
            filters.addWidget(w)

        self.add_btn = button(
            "&Thêm…", "Thêm tài liệu kiểm chứng (Ctrl+T); hoặc kéo thả tệp vào bảng"
        )
        self.edit_btn = button("&Sửa…", "Sửa tài liệu đang chọn (F2)")
        self.link_btn = button(
            "&Gắn tiêu chí…", "Chọn các tiêu chí thành phần tài liệu chứng minh (Ctrl+L)"
        )
        self.open_btn = button("&Mở tệp", "Mở tệp của tài liệu bằng chương trình mặc định (Enter)")
        self.delete_btn = button("&Xóa", "Xóa tài liệu đang chọn (Delete)")
        self.read_signatures_btn = button(
            "Đọc chữ &ký số",
            "Đọc chữ ký số của các tệp thêm vào trước đây (cột Ký số hiện “?”)",
        )
        buttons = QHBoxLayout()
        for b in (
            self.add_btn,
            self.edit_btn,
            self.link_btn,
            self.open_btn,
            self.delete_btn,
            self.read_signatures_btn,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.count)

        self.model = _RegisterModel(self)
        self.table = record_view(self.model, "Sổ tài liệu kiểm chứng")
        header = self.table.horizontalHeader()
        for col, width in WIDTHS.items():
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        header.setSectionResizeMode(COL_SUMMARY, QHeaderView.ResizeMode.Stretch)

        self.detail_title = QLabel()
        self.detail_title.setWordWrap(True)
        self.codes = QListWidget()
        self.codes.setAccessibleName("Tiêu chí thành phần của tài liệu")
        self.codes.setToolTip("Nhấp đúp để xem tiêu chí trong cây bộ tiêu chí")
        self.files = QListWidget()
        self.files.setAccessibleName("Tệp của tài liệu")
        self.files.setToolTip("Nhấp đúp để mở tệp")
        lists = QHBoxLayout()
        for title, lst in (("Phục vụ tiêu chí thành phần:", self.codes), ("Tệp:", self.files)):
            col = QVBoxLayout()
            col.addWidget(QLabel(title))
            col.addWidget(lst)
            lists.addLayout(col, 3 if lst is self.codes else 2)
        detail = QWidget()
        detail_lay = QVBoxLayout(detail)
        detail_lay.setContentsMargins(0, 0, 0, 0)
        detail_lay.addWidget(self.detail_title)
        detail_lay.addLayout(lists, 1)
        split = splitter(Qt.Orientation.Vertical, self.table, detail, (420, 150))

        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addLayout(filters)
        lay.addLayout(buttons)
        lay.addWidget(split, 1)

        self.search.textChanged.connect(lambda _t: self.apply_filters())
        for box in (self.area, self.kind, self.responsible, self.status, self.signed):
            box.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.read_signatures_btn.clicked.connect(self.read_signatures)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_detail())
        self.table.doubleClicked.connect(lambda _i: self.open_file())
        self.codes.itemActivated.connect(self._jump_to_code)
        self.files.itemActivated.connect(self._open_listed_file)
        self.add_btn.clicked.connect(lambda: actions.add_documents(window))
        self.edit_btn.clicked.connect(self.edit)
        self.link_btn.clicked.connect(self.link)
        self.open_btn.clicked.connect(self.open_file)
        self.delete_btn.clicked.connect(self.delete)
        on_keys(
            self.table,
            {
                Qt.Key.Key_Return: self.open_file,
                Qt.Key.Key_Enter: self.open_file,
                Qt.Key.Key_Delete: self.delete,
            },
        )
        for key, slot in (("F2", self.edit), ("Ctrl+L", self.link)):
            sc = QShortcut(QKeySequence(key), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        # sorting asks for the rows at once: only now that everything is built; by date
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self._update_buttons()

    # --- data -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the year's register again; while another tab is shown, only note that it
        must (20,000 documents take a moment, and a score typed elsewhere should not)."""
        if self.window_.tabs.currentWidget() is not self:
            self._stale = True
            return
        self._stale = False
        year = self.window_.year
        if year is None:
            self.index = None
        else:
            try:
                with self.window_.ws.session() as s:
                    self.index = RegisterIndex.load(s, year)
            except CchcError as exc:
                show_error(self, exc)
                self.index = None
        self._fill_filter_choices()
        self.apply_filters()
        unknown = self.index is not None and any(r.signature == "unknown" for r in self.index.rows)
        self.read_signatures_btn.setVisible(unknown)

    def read_signatures(self):
        """Read the signatures of the year's files added before they were read (progress,
        cancel); the column and the filter show them afterwards."""
        from desktop.core.evidence.reading.stored import check_year_signatures
        from desktop.ui.worker import run_job

        year = self.window_.year
        if year is None or not actions.writable(self, self.window_):
            return None
        ws = self.window_.ws

        def work(progress):
            with ws.transaction() as s:
                return check_year_signatures(s, ws.store, year, progress)

        return run_job(
            self,
            work,
            label="Đang đọc chữ ký số của các tệp…",
            on_success=lambda _n: self.window_.dataChanged.emit(),
        )

    def _tab_changed(self, _index: int) -> None:
        if self._stale and self.window_.tabs.currentWidget() is self:
            self.refresh()

    def _fill_filter_choices(self) -> None:
        ov = self.window_.overview
        areas = [n for n in ov.catalog.nodes if n.parent_id is None] if ov and ov.catalog else []
        names = (
            sorted({r.responsible for r in self.index.rows if r.responsible}, key=sort_key)
            if self.index
            else []
        )
        for box, items, everything in (
            (self.area, [(f"{a.code}. {a.title}", a.code) for a in areas], "Mọi lĩnh vực"),
            (self.responsible, [(n, n) for n in names], "Mọi người phụ trách"),
        ):
            keep = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(everything, ALL)
            for text, data in items:
                box.addItem(text, data)
                box.setItemData(box.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
            i = box.findData(keep)
            box.setCurrentIndex(max(i, 0))
            box.blockSignals(False)

    def current_filter(self) -> RegisterFilter | None:
        if self.index is None:
            return None
        return RegisterFilter(
            year=self.index.year,
            search=self.search.text(),
            code=self.area.currentData() or "",
            kind=self.kind.currentData() or "",
            responsible=self.responsible.currentData() or "",
            status=self.status.currentData() or "",
            signature=self.signed.currentData() or "",
        )

    def apply_filters(self) -> None:
        """The rows of the filters and search, in the order of the sorted column; the
        selected documents stay selected while they are shown."""
        selected = [r.id for r in self.selected_rows()]
        flt = self.current_filter()
        column, descending = self.model.sorted_by
        key = INDEX_SORTS.get(column)
        rows: list[RegisterRow] = []
        if self.index is not None and flt is not None:
            rows = self.index.query(flt, sort=key or "date", descending=bool(key and descending))
            if key is None:
                rows.sort(key=COLUMNS[column].sort, reverse=descending)
        self.model.set_rows(rows)
        for doc_id in selected:
            self._select(doc_id, clear=False)
        if rows and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)  # Enter opens, the detail shows: something is chosen
        total = len(self.index) if self.index is not None else 0
        year = self.window_.year
        self.count.setText(
            f"{format_int(len(rows))}/{format_int(total)} tài liệu năm {year}"
            if year is not None
            else "Chưa có năm đánh giá"
        )
        self._show_detail()

    def clear_filters(self) -> None:
        self.search.clear()
        for box in (self.area, self.kind, self.responsible, self.status, self.signed):
            box.setCurrentIndex(0)

    # --- selection ------------------------------------------------------------------------

    def selected_rows(self) -> list[RegisterRow]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.record(r) for r in rows]

    def current_row(self) -> RegisterRow | None:
        idx = self.table.currentIndex()
        if idx.isValid() and self.table.selectionModel().isRowSelected(idx.row()):
            return self.model.record(idx.row())
        rows = self.selected_rows()
        return rows[0] if rows else None

    def _select(self, doc_id: int, *, clear: bool = True) -> bool:
        for r, rec in enumerate(self.model.rows):
            if rec.id == doc_id:
                idx = self.model.index(r, 0)
                flags = QItemSelectionModel.SelectionFlag.Rows
                flags |= (
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    if clear
                    else QItemSelectionModel.SelectionFlag.Select
                )
                self.table.selectionModel().setCurrentIndex(idx, flags)
                self.table.scrollTo(idx)
                return True
        return False

    def select_document(self, doc_id: int) -> bool:
        """Show one document (clearing the filters if they hide it)."""
        if not self._select(doc_id):
            self.clear_filters()
            if not self._select(doc_id):
                return False
        self.table.setFocus()
        return True

    def _show_detail(self) -> None:
        self._update_buttons()
        self.codes.clear()
        self.files.clear()
        row = self.current_row()
        if row is None:
            self.detail_title.setText(
                "Chọn một tài liệu để xem các tiêu chí nó phục vụ và các tệp."
            )
            return
        self.detail_title.setText(f"<b>{row.number or '(chưa có số)'}</b> – {row.summary}")
        ov = self.window_.overview
        titles = {n.code: n.title for n in ov.catalog.nodes} if ov and ov.catalog else {}
        for code in row.codes:
            item = QListWidgetItem(f"{code}  {titles.get(code, '')}")
            item.setData(CODE_ROLE, code)
            self.codes.addItem(item)
        if not row.codes:
            self.codes.addItem("(chưa gắn tiêu chí thành phần nào: bấm Gắn tiêu chí…)")
        if row.file_count:
            try:
                with self.window_.ws.session() as s:
                    full = document_row(s, row.id)
            except CchcError as exc:
                show_error(self, exc)
                return
            for f in full.files:
                item = QListWidgetItem(f.name)
                item.setData(FILE_ROLE, f)
                self.files.addItem(item)
        else:
            self.files.addItem("(chưa có tệp)")

    def _update_buttons(self) -> None:
        one = self.current_row() is not None
        for b in (self.edit_btn, self.link_btn, self.open_btn, self.delete_btn):
            b.setEnabled(one)

    # --- actions --------------------------------------------------------------------------

    def open_file(self) -> None:
        row = self.current_row()
        if row is not None:
            actions.open_document_file(self.window_, self, row)

    def _open_listed_file(self, item: QListWidgetItem) -> None:
        row, info = self.current_row(), item.data(FILE_ROLE)
        if row is not None and info is not None:
            actions.open_document_file(self.window_, self, row, info)

    def _jump_to_code(self, item: QListWidgetItem) -> None:
        code = item.data(CODE_ROLE)
        node_id = self.window_.node_by_code(code) if code else None
        if node_id is not None:
            self.window_.show_node(node_id)

    def edit(self) -> None:
        row = self.current_row()
        if row is not None:
            actions.edit_document(self.window_, row.id)

    def link(self):
        row = self.current_row()
        return actions.link_document(self.window_, row) if row is not None else None

    def delete(self) -> None:
        actions.delete_documents(self, self.window_, self.selected_rows())

    def files_dropped(self, files: list, event) -> None:
        actions.add_documents(self.window_, files)
