"""Kế hoạch khắc phục: the commune's answer to the lost points (seed 004). Drafted from the
losses, edited in place, reordered, tracked during the following year, saved as a whole,
exported as the DOCX appendix or an .xlsx.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from base.errors import NotFoundError
from desktop.core.results.plan import PlanInfo, draft_plan, plan_info, proof_choices, save_plan
from desktop.core.results.plan_export import export_plan, plan_warnings
from desktop.ui.errors import show_error
from desktop.ui.files.dialogs import remember, start_dir, tell_saved
from desktop.ui.results.plan_model import PlanDelegate, PlanModel
from desktop.ui.vi import ask_yes_no, info
from desktop.ui.worker import Job, run_job

WIDTHS = (38, 130, 80, 70, 170, 250, 100, 100, 90, 110, 140)
COL_SOLUTION = 5
FORMATS = {
    ".docx": ("Xuất kế hoạch ra Word", "Tài liệu Word (*.docx)"),
    ".xlsx": ("Xuất kế hoạch ra Excel", "Bảng tính Excel (*.xlsx)"),
}


def _button(text: str, tip: str, shortcut: str = "") -> QPushButton:
    b = QPushButton(text)
    b.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
    return b


class PlanTab(QWidget):
    def __init__(self, window) -> None:
        super().__init__()
        self.window_ = window
        self.year: int | None = None
        self.plan: PlanInfo | None = None
        self.dirty = False
        self.job: Job | None = None

        self.draft_button = _button(
            "Lập &bản nháp từ điểm bị mất", "Mỗi mục bị mất điểm một dòng, nhóm theo lĩnh vực"
        )
        self.save_button = _button("&Lưu", "Lưu kế hoạch", "Ctrl+S")
        self.save_button.setShortcut(QKeySequence("Ctrl+S"))
        self.word_button = _button("Xuất &Word…", "Phụ lục kế hoạch, khổ A4 ngang (.docx)")
        self.excel_button = _button("Xuất &Excel…", "Bảng kế hoạch (.xlsx)")
        self.status = QLabel()
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.draft_button)
        top.addWidget(self.status, 1)
        top.addWidget(self.save_button)
        top.addWidget(self.word_button)
        top.addWidget(self.excel_button)

        self.title = QLineEdit()
        self.title.setAccessibleName("Tiêu đề phụ lục")
        self.attachment = QLineEdit()
        self.attachment.setAccessibleName("Dòng kèm theo")
        form = QFormLayout()
        form.addRow("Tiêu đề:", self.title)
        form.addRow("Kèm theo:", self.attachment)

        self.model = PlanModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Bảng kế hoạch khắc phục")
        self.table.setItemDelegate(PlanDelegate(self.table))
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for col, width in enumerate(WIDTHS):
            self.table.setColumnWidth(col, width)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_SOLUTION, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(36)

        self.up_button = _button("Lên", "Chuyển dòng đang chọn lên trên", "Ctrl+Up")
        self.down_button = _button("Xuống", "Chuyển dòng đang chọn xuống dưới", "Ctrl+Down")
        self.add_button = _button("&Thêm dòng", "Thêm một dòng dưới dòng đang chọn", "Insert")
        self.remove_button = _button("&Xóa dòng", "Xóa dòng đang chọn", "Delete")
        hint = QLabel(
            "Nhấp đúp hoặc F2 để sửa ô; trong ô nhiều dòng, Enter để xuống dòng, Tab để xong."
        )
        hint.setStyleSheet("color:#555")
        rows = QHBoxLayout()
        for b in (self.up_button, self.down_button, self.add_button, self.remove_button):
            rows.addWidget(b)
        rows.addWidget(hint, 1)

        root = QVBoxLayout(self)
        root.addLayout(top)
        root.addLayout(form)
        root.addWidget(self.table, 1)
        root.addLayout(rows)

        for key, slot in (
            ("Ctrl+Up", lambda: self.move(-1)),
            ("Ctrl+Down", lambda: self.move(1)),
            ("Insert", self.add_row),
            ("Delete", self.remove_row),
        ):
            sc = QShortcut(QKeySequence(key), self.table, slot)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.draft_button.clicked.connect(self.make_draft)
        self.save_button.clicked.connect(self.save)
        self.word_button.clicked.connect(lambda: self.export(".docx"))
        self.excel_button.clicked.connect(lambda: self.export(".xlsx"))
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.model.changed.connect(self._edited)
        self.title.textEdited.connect(self._edited)
        self.attachment.textEdited.connect(self._edited)

    # --- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        year = self.window_.year
        if self.dirty and year == self.year:
            self._load_proofs()  # keep the officer's unsaved edits
            return
        leaving = self.dirty and self.year is not None
        if leaving and ask_yes_no(
            self,
            "Kế hoạch chưa lưu",
            f"Kế hoạch khắc phục năm {self.year} có thay đổi chưa lưu. Lưu trước khi "
            f"chuyển sang năm {year}?",
            default_no=False,
        ):
            self.save()
        self.year = year
        self.dirty = False
        plan = None
        if year is not None:
            with self.window_.ws.session() as s:
                plan = plan_info(s, year)
                if plan is None:
                    try:
                        plan = draft_plan(s, year)
                    except NotFoundError:
                        plan = None
        self._show(plan)
        self._load_proofs()

    def _load_proofs(self) -> None:
        if self.year is None:
            self.model.set_proofs([])
            return
        with self.window_.ws.session() as s:
            self.model.set_proofs(proof_choices(s, self.year))

    def _show(self, plan: PlanInfo | None) -> None:
        self.plan = plan
        self.model.set_rows(plan.rows if plan else [])
        self.title.setText(plan.title if plan else "")
        self.attachment.setText(plan.attachment_line if plan else "")
        self.table.resizeRowsToContents()
        self._update_state()

    def _edited(self) -> None:
        self.dirty = True
        self._update_state()

    def _update_state(self) -> None:
        plan, year = self.plan, self.year
        has_plan = plan is not None
        for w in (self.title, self.attachment, self.table, self.add_button):
            w.setEnabled(has_plan)
        rows = bool(self.model.rows)
        for b in (self.up_button, self.down_button, self.remove_button):
            b.setEnabled(rows)
        self.word_button.setEnabled(rows)
        self.excel_button.setEnabled(rows)
        self.save_button.setEnabled(has_plan and (self.dirty or not plan.saved))
        self.draft_button.setEnabled(year is not None)
        if year is None:
            text = "Chưa có năm đánh giá."
        elif plan is None:
            text = (
                f"Năm {year} chưa có kết quả thẩm định nên chưa lập được kế hoạch. "
                "Hãy nhập kết quả ở thẻ Kết quả thẩm định (Ctrl+4)."
            )
        elif self.dirty:
            text = "<b>Có thay đổi chưa lưu</b> – bấm Lưu (Ctrl+S)."
        elif plan.saved:
            text = f"Kế hoạch khắc phục kết quả năm {year} đã lưu ({len(plan.rows)} dòng)."
        else:
            text = (
                f"Bản nháp lập từ điểm bị mất năm {year} ({len(plan.rows)} dòng), chưa lưu. "
                "Sửa các ô rồi bấm Lưu."
            )
        self.status.setText(text)

    def current_plan(self) -> PlanInfo:
        """The plan as it is on screen (edits included)."""
        assert self.plan is not None and self.year is not None
        return PlanInfo(
            self.year,
            self.title.text(),
            self.attachment.text(),
            list(self.model.rows),
            saved=self.plan.saved,
        )

    # --- commands -----------------------------------------------------------------------------

    def make_draft(self) -> None:
        if self.year is None:
            return
        replacing = (self.plan is not None and self.plan.saved) or self.dirty
        if replacing and not ask_yes_no(
            self,
            "Lập bản nháp",
            "Thay kế hoạch đang có bằng bản nháp mới lập từ điểm bị mất? Các dòng đã sửa "
            "sẽ mất khi bạn bấm Lưu.",
        ):
            return
        try:
            with self.window_.ws.session() as s:
                draft = draft_plan(s, self.year)
        except Exception as exc:  # noqa: BLE001 - shown to the officer
            show_error(self, exc, "Chưa lập được bản nháp")
            return
        was_saved = self.plan is not None and self.plan.saved
        self._show(draft)
        self.dirty = was_saved  # replacing a saved plan is a change to save
        self._update_state()

    def save(self) -> bool:
        if self.plan is None:
            return False
        try:
            with self.window_.ws.transaction() as s:
                saved = save_plan(s, self.current_plan())
        except Exception as exc:  # noqa: BLE001 - shown to the officer
            show_error(self, exc, "Chưa lưu kế hoạch")
            return False
        current = self.table.currentIndex()
        self.dirty = False
        self._show(saved)
        if current.isValid():
            self.table.setCurrentIndex(self.model.index(current.row(), current.column()))
        self.window_.dataChanged.emit()
        return True

    def _current_row(self) -> int | None:
        idx = self.table.currentIndex()
        return idx.row() if idx.isValid() else None

    def move(self, step: int) -> None:
        row = self._current_row()
        if row is None:
            return
        col = self.table.currentIndex().column()
        to = self.model.move(row, step)
        self.table.setCurrentIndex(self.model.index(to, col))
        self.table.resizeRowsToContents()

    def add_row(self) -> None:
        if self.plan is None:
            return
        at = self.model.insert_after(self._current_row())
        self.table.setCurrentIndex(self.model.index(at, 2))
        self.table.resizeRowsToContents()
        self.table.setFocus()

    def remove_row(self) -> None:
        row = self._current_row()
        if row is None:
            return
        r = self.model.rows[row]
        what = f"{r.criterion} – " if r.criterion else ""
        summary = (r.solution or r.cause or r.area_title)[:80]
        if ask_yes_no(self, "Xóa dòng", f"Xóa dòng {row + 1} ({what}{summary}) khỏi kế hoạch?"):
            self.model.remove(row)
            if self.model.rows:
                self.table.setCurrentIndex(self.model.index(min(row, len(self.model.rows) - 1), 0))

    def export(self, suffix: str) -> Job | None:
        if self.plan is None or self.year is None:
            return None
        title, pattern = FORMATS[suffix]
        default = str(start_dir(self, "plan") / f"Kế hoạch khắc phục {self.year}{suffix}")
        chosen, _ = QFileDialog.getSaveFileName(self, title, default, pattern)
        if not chosen:
            return None
        path = Path(chosen)
        remember(self, "plan", path)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        plan = self.current_plan()

        def done(out: Path) -> None:
            tell_saved(self, "kế hoạch khắc phục", out)
            text = f"Đã xuất {len(plan.rows)} dòng kế hoạch ra tệp:\n{out}"
            warnings = plan_warnings(plan)
            if warnings:
                text += "\n\nCòn thiếu (điền rồi xuất lại):\n- " + "\n- ".join(warnings)
            info(self, title, text)

        self.job = run_job(
            self,
            lambda progress: export_plan(plan, path, progress),
            label=f"Đang xuất {path.name}…",
            on_success=done,
        )
        return self.job
