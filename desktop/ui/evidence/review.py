"""Many files dropped at once: a review table, one row per file, then "Lưu tất cả".

The files are read in the background (progress, Hủy keeps the rows read so far and lists
the others with their file-name hints). Each row shows what the document says (số, ngày,
loại, trích yếu, cơ quan ban hành, người ký; cells read from the document are tinted and
say so in their tooltip), its digital signature, the suggested sub-criteria (best first,
the reasons in the tooltip) and warnings (a scan, a document already in the register).
Every cell but the file's and the signature's can be edited; "Lưu" unticks a row. "Lưu tất
cả" checks every ticked row first (date, kind, sub-criteria) and saves them in one go
(one transaction: all or nothing) with progress and cancel.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from base.errors import CchcError, ValidationError
from desktop.core.evidence.documents import KIND_OTHER, NewDocument, add_document, kind_of
from desktop.core.evidence.filename_hints import hints_from_filename
from desktop.core.evidence.reading.fields import Fields
from desktop.core.evidence.reading.read import Reading
from desktop.core.evidence.reading.stored import record_signatures
from desktop.core.evidence.reading.suggest import CatalogMatcher, Suggestion, suggest_one
from desktop.core.office.vnformat import format_date, format_int, parse_date
from desktop.ui.vi import ask_yes_no, translate_buttons
from desktop.ui.worker import Job, run_job

if TYPE_CHECKING:
    from desktop.core.progress import Progress
    from desktop.ui.main_window import MainWindow

COLUMNS = (
    "Lưu",
    "Tệp",
    "Số ký hiệu",
    "Ngày ban hành",
    "Loại",
    "Trích yếu",
    "Cơ quan ban hành",
    "Người ký",
    "Ký số",
    "Tiêu chí",
    "Ghi chú",
)
(C_SAVE, C_FILE, C_NUMBER, C_DATE, C_KIND, C_SUMMARY, C_ISSUER, C_SIGNER, C_SIGNED, C_CODES,
 C_NOTE) = range(len(COLUMNS))  # fmt: skip
FIELD_COLUMNS = {
    C_NUMBER: "number",
    C_DATE: "issue_date",
    C_KIND: "kind",
    C_SUMMARY: "summary",
    C_ISSUER: "issuer",
    C_SIGNER: "signer",
}
READ_COLOUR = "#fff8d6"
WARN_COLOUR = "#fde7e9"
WIDTHS = {C_SAVE: 40, C_FILE: 150, C_NUMBER: 105, C_DATE: 95, C_KIND: 80, C_SUMMARY: 235}
WIDTHS |= {C_ISSUER: 145, C_SIGNER: 115, C_SIGNED: 105, C_CODES: 65, C_NOTE: 170}


class ReviewDialog(QDialog):
    """``files`` read in the background as soon as the dialog opens (``reading`` job)."""

    saved = Signal(list)  # the new documents' ids, after the commit

    def __init__(
        self, window: MainWindow, files: Sequence[Path], codes: Sequence[str] = ()
    ) -> None:
        super().__init__(window)
        self.window_ = window
        self.year = window.year
        self.files = [Path(f) for f in files]
        self.codes = list(codes)
        self.results: list[Suggestion] = []  # filled by the reading job, in file order
        self.reading: Job | None = None
        self.job: Job | None = None
        self.saved_ids: list[int] = []
        self.setWindowTitle(f"Thêm {format_int(len(self.files))} tài liệu kiểm chứng")
        self.resize(1340, 620)

        self.intro = QLabel(
            "Mỗi dòng là một tệp. Các ô tô vàng được đọc từ tài liệu: hãy kiểm tra lại; "
            "sửa trực tiếp trong bảng (F2). Bỏ dấu ở cột “Lưu” để không thêm tệp đó."
        )
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setAccessibleName("Bảng tài liệu đọc được từ các tệp")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        for col, width in WIDTHS.items():
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        header.setStretchLastSection(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#c42b1c")
        self.error.hide()

        self.buttons = translate_buttons(QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel))
        self.save_btn = QPushButton("&Lưu tất cả")
        self.save_btn.setDefault(True)
        self.save_btn.setEnabled(False)
        self.buttons.addButton(self.save_btn, QDialogButtonBox.ButtonRole.AcceptRole)
        self.one_btn = QPushButton("&Gộp thành một tài liệu…")
        self.one_btn.setToolTip("Các tệp là một tài liệu (ví dụ văn bản và phụ lục): mở hộp thêm")
        self.one_btn.setAutoDefault(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.one_btn)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)

        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.status)
        lay.addWidget(self.error)
        lay.addLayout(bottom)

        self.save_btn.clicked.connect(self.save_all)
        self.buttons.rejected.connect(self.reject)
        self.one_btn.clicked.connect(self.as_one_document)
        sc = QShortcut(QKeySequence("Ctrl+S"), self)
        sc.activated.connect(self.save_all)

    # --- reading --------------------------------------------------------------------------

    def start_reading(self) -> Job:
        ws, year, files, results = self.window_.ws, self.year, list(self.files), self.results

        def work(progress: Progress) -> int:
            with ws.session() as s:
                matcher = CatalogMatcher(s, year)
                for i, path in enumerate(files):
                    progress.update(
                        i,
                        len(files),
                        f"Đang đọc {path.name} ({format_int(i + 1)}/{format_int(len(files))})",
                    )
                    results.append(suggest_one(s, year, path, matcher))
            progress.update(len(files), len(files), "Đã đọc xong")
            return len(results)

        self.reading = run_job(self, work, label=f"Đang đọc {format_int(len(files))} tệp…")
        self.reading.finished.connect(self._read)
        return self.reading

    def _read(self) -> None:
        """Fill the table with what was read (all, or up to the cancel)."""
        job, self.reading = self.reading, None
        done = list(self.results)
        for path in self.files[len(done) :]:
            done.append(Suggestion(reading=_unread(path)))
        self.table.setRowCount(0)
        for sg in done:
            self._add_row(sg)
        read = len(self.results)
        total = len(self.files)
        text = f"Đã đọc {format_int(read)}/{format_int(total)} tệp."
        if job is not None and job.cancelled:
            text += " Đã dừng đọc: các tệp còn lại chỉ được điền theo tên tệp."
        signed = sum(1 for sg in done if sg.reading.signature.present)
        if signed:
            text += f" {format_int(signed)} tài liệu đã ký số (chưa kiểm tra chuỗi chứng thư)."
        dups = sum(1 for sg in done if sg.duplicate_of is not None)
        if dups:
            text += f" {format_int(dups)} tài liệu có thể đã có trong sổ (bỏ dấu “Lưu” sẵn)."
        self.status.setText(text)
        self.save_btn.setEnabled(self.table.rowCount() > 0)
        self.table.setFocus()
        if self.table.rowCount():
            self.table.setCurrentCell(0, C_NUMBER)

    def _add_row(self, sg: Suggestion) -> None:
        r, f = sg.reading, sg.reading.fields
        row = self.table.rowCount()
        self.table.insertRow(row)
        tick = QTableWidgetItem()
        tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        tick.setCheckState(
            Qt.CheckState.Unchecked if sg.duplicate_of is not None else Qt.CheckState.Checked
        )
        tick.setData(Qt.ItemDataRole.UserRole, str(r.path))
        tick.setToolTip("Bỏ dấu để không thêm tệp này")
        self.table.setItem(row, C_SAVE, tick)
        self.table.setItem(row, C_FILE, _fixed(r.name, str(r.path)))
        values = {
            C_NUMBER: f.number,
            C_DATE: format_date(f.issue_date) if f.issue_date else "",
            C_KIND: f.kind or KIND_OTHER,
            C_SUMMARY: f.summary,
            C_ISSUER: f.issuer,
            C_SIGNER: f.signer,
        }
        for col, value in values.items():
            item = QTableWidgetItem(value)
            name = FIELD_COLUMNS[col]
            if name in r.from_document:
                item.setBackground(QBrush(QColor(READ_COLOUR)))
                item.setToolTip("Đọc từ tài liệu: hãy kiểm tra lại.")
            elif name in r.from_filename:
                item.setBackground(QBrush(QColor(READ_COLOUR)))
                item.setToolTip("Gợi ý từ tên tệp: hãy kiểm tra lại.")
            self.table.setItem(row, col, item)
        sig = r.signature
        signed = _fixed(
            f"Đã ký: {sig.signer}"
            if sig.present and sig.signer
            else ("Đã ký" if sig.present else "")
        )
        if sig.present:
            signed.setToolTip(sig.label())
        elif r.text_layer and r.path.suffix.lower() == ".pdf":
            signed.setText("Chưa ký số")
            signed.setToolTip("Tài liệu PDF chưa ký số")
        self.table.setItem(row, C_SIGNED, signed)
        codes = self.codes or _chosen(sg)
        codes_item = QTableWidgetItem(", ".join(codes))
        if sg.criteria:
            codes_item.setToolTip(
                "Gợi ý (tốt nhất trước):\n"
                + "\n".join(f"{m.code} {m.title}: {m.reason}" for m in sg.criteria)
            )
        if codes and not self.codes:
            codes_item.setBackground(QBrush(QColor(READ_COLOUR)))
        self.table.setItem(row, C_CODES, codes_item)
        notes = []
        if r.note:
            notes.append(r.note)
        if sg.duplicate_of is not None:
            notes.append(f"sổ đã có tài liệu này (#{sg.duplicate_of})")
        note = _fixed("; ".join(notes))
        if sg.duplicate_of is not None or r.note:
            note.setBackground(QBrush(QColor(WARN_COLOUR)))
        note.setToolTip(note.text())
        self.table.setItem(row, C_NOTE, note)

    # --- reading the table back -----------------------------------------------------------

    def cell(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text().strip() if item is not None else ""

    def ticked_rows(self) -> list[int]:
        return [
            r
            for r in range(self.table.rowCount())
            if self.table.item(r, C_SAVE).checkState() == Qt.CheckState.Checked
        ]

    def _row_document(self, row: int) -> tuple[NewDocument, Path, list[str]]:
        """Raises ``ValidationError`` naming the file."""
        path = Path(self.table.item(row, C_SAVE).data(Qt.ItemDataRole.UserRole))
        date_text = self.cell(row, C_DATE)
        try:
            when = parse_date(date_text, what="Ngày ban hành") if date_text else None
            kind = kind_of(self.cell(row, C_KIND) or KIND_OTHER)
        except CchcError as exc:
            raise ValidationError(f"{path.name}: {exc.message}") from exc
        codes = [c.strip() for c in self.cell(row, C_CODES).replace(";", ",").split(",")]
        doc = NewDocument(
            year=self.year,
            number=self.cell(row, C_NUMBER),
            issue_date=when,
            kind=kind,
            summary=self.cell(row, C_SUMMARY),
            issuer=self.cell(row, C_ISSUER),
            signer=self.cell(row, C_SIGNER),
        )
        return doc, path, [c for c in codes if c]

    # --- saving ---------------------------------------------------------------------------

    def save_all(self) -> Job | None:
        if self.job is not None or self.reading is not None or not self.save_btn.isEnabled():
            return None
        rows = self.ticked_rows()
        if not rows:
            self._say("Chưa chọn tệp nào để lưu (cột “Lưu”).")
            return None
        problems, todo = [], []
        for row in rows:
            try:
                todo.append(self._row_document(row))
            except CchcError as exc:
                problems.append((row, exc.message))
        if problems:
            row, _msg = problems[0]
            self._say("\n".join(m for _r, m in problems))
            self.table.setCurrentCell(row, C_DATE)
            return None
        self.error.hide()
        ws = self.window_.ws

        def work(progress: Progress) -> list[int]:
            ids: list[int] = []
            with ws.transaction() as s:
                for i, (doc, path, codes) in enumerate(todo):
                    progress.update(
                        i,
                        len(todo),
                        f"Đang lưu {path.name} ({format_int(i + 1)}/{format_int(len(todo))})",
                    )
                    try:
                        row = add_document(s, ws.store, doc, [path], codes)
                    except CchcError as exc:
                        raise type(exc)(f"{path.name}: {exc.message}") from exc
                    record_signatures(s, ws.store, row.files)
                    ids.append(row.id)
            return ids

        self.save_btn.setEnabled(False)
        self.job = run_job(
            self, work, label=f"Đang lưu {format_int(len(todo))} tài liệu…", on_success=self._done
        )
        self.job.finished.connect(self._job_ended)
        return self.job

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _done(self, ids: list[int]) -> None:
        self.saved_ids = ids
        self.accept()
        self.saved.emit(ids)
        self.window_.dataChanged.emit()

    def _job_ended(self) -> None:
        self.job = None
        self.save_btn.setEnabled(self.table.rowCount() > 0)

    def reject(self) -> None:
        if self.reading is not None:
            self.reading.cancel()
            return
        if self.job is not None:
            return
        if self.table.rowCount() and not ask_yes_no(
            self, "Thêm tài liệu", "Đóng bảng mà không lưu các tài liệu đã đọc?"
        ):
            return
        super().reject()

    def as_one_document(self) -> None:
        """The files are one document: the add dialog with all of them."""
        from desktop.ui.evidence.actions import add_one_document

        if self.reading is not None:
            self.reading.cancel()
        super().reject()
        add_one_document(self.window_, self.files, self.codes)


def _fixed(text: str, tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if tip:
        item.setToolTip(tip)
    return item


def _chosen(sg: Suggestion) -> list[str]:
    if not sg.criteria:
        return []
    return [sg.criteria[0].code]


def _unread(path: Path) -> Reading:
    """A file the reading did not reach (cancelled): its name's hints only."""
    h = hints_from_filename(path.name)
    fields = Fields(number=h.number or "", issue_date=h.issue_date, kind=h.kind or "")
    filled = frozenset(n for n in ("number", "issue_date", "kind") if getattr(fields, n))
    return Reading(path=path, fields=fields, from_filename=filled, note="chưa đọc (đã dừng)")
