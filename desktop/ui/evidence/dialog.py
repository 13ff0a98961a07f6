"""The add / edit dialog of an evidence document (tài liệu kiểm chứng).

Number, issue date (dd/mm/yyyy, or empty: "chưa có ngày"), kind, summary, issuer, signer,
responsible officer, note; the files (add, remove, drop from Explorer) and the
sub-criteria it serves (ticked in the year's catalog). The first file is read: number,
date, kind, trích yếu, issuer and signer printed in it (else number, date and kind from its
name) are filled in, marked, for the officer to check; its digital signature is named; the
sub-criteria it most likely serves are ticked (when the dialog was not opened for one), with
the reasons; a document already in the register is pointed out. Files are copied into the store
on a worker thread with a progress dialog; a refused save leaves nothing behind.
Enter = Lưu, Esc = Hủy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from base.errors import CchcError
from desktop.core.evidence.documents import (
    KIND_OTHER,
    KINDS,
    DocumentFields,
    NewDocument,
    add_document,
    add_files,
    link_document,
    remove_file,
    unlink_document,
    update_document,
)
from desktop.core.evidence.files import release_blobs
from desktop.core.evidence.query import FileInfo, RegisterRow, document_row, responsible_names
from desktop.core.evidence.reading.read import FIELD_LABELS
from desktop.core.evidence.reading.stored import record_signatures
from desktop.core.evidence.reading.suggest import CatalogMatcher, Suggestion, suggest_one
from desktop.core.office.vnformat import format_date, parse_date
from desktop.ui.errors import show_error
from desktop.ui.evidence.node_picker import NodePicker
from desktop.ui.file_drop import FileDropTarget
from desktop.ui.files.dialogs import remember, start_dir
from desktop.ui.inputs.date_input import DateInput
from desktop.ui.vi import translate_buttons
from desktop.ui.worker import Job, run_job

if TYPE_CHECKING:
    from desktop.core.progress import Progress
    from desktop.ui.main_window import MainWindow

FILE_FILTER = (
    "Tài liệu (*.pdf *.docx *.doc *.xlsx *.xls *.jpg *.jpeg *.png *.tif *.tiff);;Tất cả tệp (*)"
)
HINT_STYLE = "QLineEdit, QComboBox { background-color: #fff8d6; }"
READ_TIP = "Đọc từ tài liệu: hãy kiểm tra lại."
NAME_TIP = "Gợi ý từ tên tệp: hãy kiểm tra lại."
FILE_ROLE = Qt.ItemDataRole.UserRole + 1  # Path (new) or FileInfo (stored)


class DocumentDialog(FileDropTarget, QDialog):
    saved = Signal(int)  # the document id, after the commit

    def __init__(
        self,
        window: MainWindow,
        *,
        doc: RegisterRow | None = None,
        files: Sequence[Path] = (),
        codes: Sequence[str] = (),
    ) -> None:
        super().__init__(window)
        self.window_ = window
        self.doc = doc
        self.year = doc.year if doc else window.year
        self.saved_id: int | None = None
        self.job: Job | None = None
        self.given_codes = list(codes)
        self.suggestion: Suggestion | None = None
        self._removed_files: list[FileInfo] = []
        self.setWindowTitle("Sửa tài liệu kiểm chứng" if doc else "Thêm tài liệu kiểm chứng")
        self.setAcceptDrops(True)
        self.resize(1040, 600)

        self.number = QLineEdit(placeholderText="vd. 123/BC-UBND")
        self.date = DateInput(None, allow_empty=True, what="Ngày ban hành")
        self.kind = QComboBox()
        self.kind.addItems(list(KINDS))
        self.summary = QLineEdit(placeholderText="Trích yếu nội dung văn bản")
        self.issuer = QLineEdit()
        self.signer = QLineEdit()
        self.responsible = QComboBox()
        self.responsible.setEditable(True)
        self.responsible.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.note = QLineEdit()
        for w, name in (
            (self.number, "Số ký hiệu"),
            (self.date, "Ngày ban hành"),
            (self.kind, "Loại văn bản"),
            (self.summary, "Trích yếu"),
            (self.issuer, "Cơ quan ban hành"),
            (self.signer, "Người ký"),
            (self.responsible, "Người phụ trách"),
            (self.note, "Ghi chú"),
        ):
            w.setAccessibleName(name)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date)
        date_hint = QLabel("ngày/tháng/năm; để trống nếu chưa có ngày")
        date_hint.setStyleSheet("color:#666")
        date_row.addWidget(date_hint, 1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Số ký hiệu:", self.number)
        form.addRow("&Ngày ban hành:", date_row)
        form.addRow("&Loại văn bản:", self.kind)
        form.addRow("&Trích yếu:", self.summary)
        form.addRow("&Cơ quan ban hành:", self.issuer)
        form.addRow("Người &ký:", self.signer)
        form.addRow("Người &phụ trách:", self.responsible)
        form.addRow("&Ghi chú:", self.note)
        form.labelForField(date_row).setBuddy(self.date)
        self.hints = QLabel()
        self.hints.setWordWrap(True)
        self.hints.setStyleSheet(
            "QLabel { background:#fff8d6; border:1px solid #e0c060; padding:4px; }"
        )
        self.hints.hide()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#c42b1c")
        self.error.hide()

        self.files = QListWidget()
        self.files.setAccessibleName("Tệp của tài liệu")
        self.add_file_btn = QPushButton("Thêm &tệp…")
        self.remove_file_btn = QPushButton("&Bỏ tệp")
        for b in (self.add_file_btn, self.remove_file_btn):
            b.setAutoDefault(False)
        file_buttons = QHBoxLayout()
        file_buttons.addWidget(self.add_file_btn)
        file_buttons.addWidget(self.remove_file_btn)
        file_buttons.addStretch(1)
        file_hint = QLabel("PDF, Word, Excel, ảnh; có thể kéo thả tệp vào cửa sổ này.")
        file_hint.setStyleSheet("color:#666")
        file_buttons.addWidget(file_hint)
        files_box = QGroupBox("Tệp")
        files_lay = QVBoxLayout(files_box)
        files_lay.addWidget(self.files, 1)
        files_lay.addLayout(file_buttons)

        nodes = window.overview.catalog.nodes if window.overview and window.overview.catalog else []
        self.picker = NodePicker(nodes)
        picker_box = QGroupBox("Tiêu chí thành phần mà tài liệu chứng minh")
        QVBoxLayout(picker_box).addWidget(self.picker)

        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.hints)
        left.addWidget(self.error)
        left.addWidget(files_box, 1)
        body = QHBoxLayout()
        body.addLayout(left, 11)
        body.addWidget(picker_box, 9)
        self.buttons = translate_buttons(
            QDialogButtonBox(
                QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
            )
        )
        self.save_btn = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_btn.setDefault(True)
        lay = QVBoxLayout(self)
        lay.addLayout(body, 1)
        lay.addWidget(self.buttons)

        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.add_file_btn.clicked.connect(self.choose_files)
        self.remove_file_btn.clicked.connect(self.remove_selected_file)
        self.files.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.date.textEdited.connect(lambda _t: self.error.hide())
        for w in (self.number, self.date, self.summary, self.issuer, self.signer):
            w.textEdited.connect(lambda _t, w=w: self._unmark(w))
        self.kind.activated.connect(lambda _i: self._unmark(self.kind))

        self._fill(doc, codes)
        self.add_paths(files)
        self._update_buttons()
        # the first field still empty gets the cursor (what was read stays unselected)
        empty = [w for w in (self.number, self.summary) if not w.text().strip()]
        (empty[0] if empty else self.responsible).setFocus()

    # --- filling --------------------------------------------------------------------------

    def _fill(self, doc: RegisterRow | None, codes: Sequence[str]) -> None:
        names: list[str] = []
        try:
            with self.window_.ws.session() as s:
                names = responsible_names(s, self.year)
        except CchcError as exc:  # the list is a convenience; the dialog still works
            show_error(self, exc)
        profile = self.window_.overview.profile if self.window_.overview else None
        if profile is not None and profile.officer and profile.officer not in names:
            names.append(profile.officer)
        self.responsible.addItems(names)
        if doc is None:
            self.kind.setCurrentText(KIND_OTHER)
            self.responsible.setCurrentText("")
            if profile is not None:
                self.issuer.setText(f"UBND {profile.unit_kind} {profile.commune_name}")
            self.picker.set_checked(codes)
            return
        self.number.setText(doc.number)
        self.date.setText(format_date(doc.issue_date))
        self.kind.setCurrentText(doc.kind)
        self.summary.setText(doc.summary)
        self.issuer.setText(doc.issuer)
        self.signer.setText(doc.signer)
        self.responsible.setCurrentText(doc.responsible)
        self.note.setText(doc.note)
        self.picker.set_checked(doc.codes)
        for f in doc.files:
            item = QListWidgetItem(f.name)
            item.setData(FILE_ROLE, f)
            item.setToolTip(f"{f.name} (đã lưu trong kho)")
            self.files.addItem(item)

    def add_paths(self, paths: Sequence[Path]) -> None:
        have = {str(p) for p in self.new_paths()}
        added = []
        for p in paths:
            path = Path(p)
            if str(path) in have:
                continue
            have.add(str(path))
            item = QListWidgetItem(path.name)
            item.setData(FILE_ROLE, path)
            item.setToolTip(str(path))
            self.files.addItem(item)
            added.append(path)
        if added and self.doc is None:
            self._suggest(added)
        self._update_buttons()

    def _suggest(self, paths: Sequence[Path]) -> None:
        """Fill the fields from the first file that says something (its text, else its
        name), where the officer has not typed anything yet; mark them to be checked."""
        profile = self.window_.overview.profile if self.window_.overview else None
        default_issuer = f"UBND {profile.unit_kind} {profile.commune_name}" if profile else ""
        try:
            with self.window_.ws.session() as s:
                matcher = CatalogMatcher(s, self.year)
                for path in paths:
                    sg = suggest_one(s, self.year, path, matcher)
                    if sg.reading.from_document or sg.reading.from_filename or sg.reading.note:
                        break
                else:
                    return
                dup = document_row(s, sg.duplicate_of) if sg.duplicate_of else None
        except CchcError as exc:
            show_error(self, exc)
            return
        self.suggestion = sg
        r, f = sg.reading, sg.reading.fields
        said: list[str] = []
        named: list[str] = []

        def fill(widget, name: str, value: str, shown: str, *, replaceable: str = "") -> None:
            current = widget.text().strip()
            if not value or (current and current != replaceable):
                return
            widget.setText(value)
            from_doc = name in r.from_document
            self._mark(widget, READ_TIP if from_doc else NAME_TIP)
            (said if from_doc else named).append(shown)

        fill(self.number, "number", f.number, f"số {f.number}")
        when = format_date(f.issue_date) if f.issue_date else ""
        fill(self.date, "issue_date", when, f"ngày {when}")
        if f.kind and self.kind.currentText() == KIND_OTHER and f.kind in KINDS:
            self.kind.setCurrentText(f.kind)
            from_doc = "kind" in r.from_document
            self._mark(self.kind, READ_TIP if from_doc else NAME_TIP)
            (said if from_doc else named).append(f"loại {f.kind}")
        fill(self.summary, "summary", f.summary, FIELD_LABELS["summary"])
        fill(self.issuer, "issuer", f.issuer, FIELD_LABELS["issuer"], replaceable=default_issuer)
        fill(self.signer, "signer", f.signer, f"người ký {f.signer}")
        lines: list[str] = []
        if said:
            lines.append(f"Đã đọc từ tài liệu “{r.name}”: {', '.join(said)}.")
        if named:
            lines.append(f"Đã điền theo tên tệp “{r.name}”: {', '.join(named)}.")
        if r.note:
            lines.append(f"“{r.name}”: {r.note}.")
        if r.signature.present:
            at = f", lúc {r.signature.signed_at:%H:%M %d/%m/%Y}" if r.signature.signed_at else ""
            lines.append(f"{r.signature.label()}{at}.")
        elif r.text_layer and r.path.suffix.lower() == ".pdf":
            lines.append("Tài liệu PDF chưa ký số.")
        if dup is not None:
            lines.append(
                f"Sổ đã có tài liệu này: {dup.number or '#' + str(dup.id)} "
                f"({dup.kind.lower()}, #{dup.id}) cùng tệp hoặc cùng số và ngày."
            )
        if sg.criteria:
            ticked: list[str] = []
            if not self.given_codes and not self.picker.checked_codes():
                ticked = [sg.criteria[0].code]
                self.picker.set_checked(ticked)
            head = (
                "Gợi ý tiêu chí (đã đánh dấu, bỏ dấu nếu không đúng):"
                if ticked
                else "Gợi ý tiêu chí:"
            )
            lines.append(head)
            lines += [f"• {m.code} {m.title}: {m.reason}" for m in sg.criteria[:3]]
        if said or named:
            lines.append("Hãy kiểm tra lại các ô tô vàng trước khi lưu.")
        if lines:
            self.hints.setText("\n".join(lines))
            self.hints.show()
        if dup is not None:
            self.hints.setStyleSheet(
                "QLabel { background:#fde7e9; border:1px solid #c42b1c; padding:4px; }"
            )

    def _mark(self, w: QWidget, tip: str = NAME_TIP) -> None:
        w.setStyleSheet(HINT_STYLE)
        w.setToolTip(tip)

    def _unmark(self, w: QWidget) -> None:
        w.setStyleSheet("")
        w.setToolTip("")

    # --- files ----------------------------------------------------------------------------

    def new_paths(self) -> list[Path]:
        out = []
        for i in range(self.files.count()):
            data = self.files.item(i).data(FILE_ROLE)
            if isinstance(data, Path):
                out.append(data)
        return out

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, "Chọn tệp tài liệu", str(start_dir(self, "evidence")), FILE_FILTER
        )
        if names:
            remember(self, "evidence", Path(names[0]))
        self.add_paths([Path(n) for n in names])

    def remove_selected_file(self) -> None:
        row = self.files.currentRow()
        if row < 0:
            return
        data = self.files.takeItem(row).data(FILE_ROLE)
        if isinstance(data, FileInfo):
            self._removed_files.append(data)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_file_btn.setEnabled(self.files.currentRow() >= 0)

    def files_dropped(self, files: list, event) -> None:
        self.add_paths(files)

    # --- saving ---------------------------------------------------------------------------

    def fields(self) -> DocumentFields:
        """What was typed; raises ``ValidationError`` for a date that does not exist."""
        text = self.date.text().strip()
        return DocumentFields(
            number=self.number.text(),
            issue_date=parse_date(text, what="Ngày ban hành") if text else None,
            kind=self.kind.currentText(),
            summary=self.summary.text(),
            issuer=self.issuer.text(),
            signer=self.signer.text(),
            responsible=self.responsible.currentText(),
            note=self.note.text(),
        )

    def save(self) -> None:
        if self.job is not None:
            return
        try:
            fields = self.fields()
        except CchcError as exc:
            self.error.setText(exc.message)
            self.error.show()
            self.date.setFocus()
            return
        self.error.hide()
        work = self._add_work(fields) if self.doc is None else self._edit_work(fields)
        self.save_btn.setEnabled(False)
        self.job = run_job(self, work, label="Đang lưu tài liệu…", on_success=self._done)
        self.job.finished.connect(self._job_ended)

    def _add_work(self, fields: DocumentFields):
        ws, year = self.window_.ws, self.year
        new = NewDocument(year, **asdict(fields))
        paths, codes = self.new_paths(), self.picker.checked_codes()

        def work(progress: Progress) -> int:
            with ws.transaction() as s:
                row = add_document(s, ws.store, new, paths, codes, progress=progress)
                record_signatures(s, ws.store, row.files)
                return row.id

        return work

    def _edit_work(self, fields: DocumentFields):
        ws = self.window_.ws
        doc = self.doc
        assert doc is not None
        paths = self.new_paths()
        removed = [f.id for f in self._removed_files]
        chosen = self.picker.checked_codes()
        link = [c for c in chosen if c not in doc.codes]
        unlink = [c for c in doc.codes if c not in chosen]

        def work(progress: Progress) -> int:
            freed: list[str] = []
            with ws.transaction() as s:
                update_document(s, doc.id, fields)
                for file_id in removed:
                    freed += remove_file(s, doc.id, file_id)
                if paths:
                    added = add_files(s, ws.store, doc.id, paths, progress=progress)
                    record_signatures(s, ws.store, added)
                if link:
                    link_document(s, doc.id, link)
                if unlink:
                    unlink_document(s, doc.id, unlink)
            if freed:
                with ws.session() as s:
                    release_blobs(s, ws.store, freed)
            return doc.id

        return work

    def _done(self, doc_id: int) -> None:
        self.saved_id = doc_id
        self.accept()
        self.saved.emit(doc_id)
        self.window_.dataChanged.emit()

    def _job_ended(self) -> None:
        self.job = None
        self.save_btn.setEnabled(True)
