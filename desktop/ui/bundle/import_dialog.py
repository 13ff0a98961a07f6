"""``Nhập gói của đồng nghiệp…``: verify and compare in the background, show what is new,
already here, bringing additions, or in conflict (side by side, one choice per document);
nothing is written until "Nhập" is confirmed, then the import runs in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.bundle.import_preview import (
    CHOICE_LABELS,
    BundleRejected,
    ImportItem,
    ImportPreview,
    preview_import,
)
from desktop.core.bundle.importer import ImportResult, apply_import
from desktop.core.office.vnformat import format_int, format_size
from desktop.ui.bundle.verify_dialog import BAD_STYLE, WARN_STYLE, VerifyDialog, pick_bundle
from desktop.ui.errors import show_error
from desktop.ui.table_model import RECORD_ROLE, SORT_ROLE, Column, RecordTableModel, compact_rows
from desktop.ui.vi import ask_yes_no, dialog_buttons, info
from desktop.ui.worker import Job, run_job

STATUS_TEXT = {
    "new": "Mới",
    "identical": "Đã có (giống hệt)",
    "additions": "Đã có, gói bổ sung",
    "conflict": "Khác thông tin",
}
STATUS_ORDER = {"conflict": 0, "new": 1, "additions": 2, "identical": 3}
STATUS_COLOUR = {"new": "#e6f4e6", "identical": None, "additions": "#e8f0fb", "conflict": "#fde7e7"}
CHOICE_SHORT = {
    "add": "Thêm mới",
    "merge": "Bổ sung tệp, tiêu chí",
    "keep_local": "Giữ của máy này",
    "take_bundle": "Lấy theo gói",
    "keep_both": "Giữ cả hai",
    "skip": "Bỏ qua",
}
DIFF_BRUSH = QColor("#fde7e7")


class ImportDialog(QDialog):
    """The preview; ``choices()`` is what the officer decided per document."""

    def __init__(self, parent: QWidget | None, preview: ImportPreview) -> None:
        super().__init__(parent)
        self.preview = preview
        self._choices = {i.key: i.default_choice for i in preview.items}
        self.setWindowTitle("Nhập gói của đồng nghiệp")
        lay = QVBoxLayout(self)
        head = QLabel(
            f"<b>Gói “{preview.bundle_name}”</b> năm {preview.year} của "
            f"{preview.commune or 'xã không rõ'}."
        )
        head.setWordWrap(True)
        lay.addWidget(head)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        notes = list(preview.warnings)
        if preview.create_catalog:
            notes.append(
                f"Máy này chưa có bộ tiêu chí năm {preview.year}: sẽ lấy bộ tiêu chí trong gói."
            )
        if preview.offer_catalog:
            notes.append(preview.offer_catalog)
        self.banner.setText("\n".join(notes))
        loud = preview.other_commune or preview.key_changed
        self.banner.setStyleSheet(BAD_STYLE if loud else WARN_STYLE)
        self.banner.setVisible(bool(notes))
        lay.addWidget(self.banner)
        self.signer = QLabel(signer_text(preview))
        self.signer.setWordWrap(True)
        self.signer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.signer)
        self.take_catalog = QCheckBox("Dùng &bộ tiêu chí trong gói cho năm này")
        self.take_catalog.setToolTip(preview.offer_catalog)
        self.take_catalog.setChecked(preview.take_catalog)
        self.take_catalog.setVisible(bool(preview.offer_catalog))
        self.take_catalog.toggled.connect(self._take_catalog_toggled)
        lay.addWidget(self.take_catalog)
        c = preview.counts
        lay.addWidget(
            QLabel(
                f"{format_int(c['new'])} tài liệu mới · {format_int(c['identical'])} đã có · "
                f"{format_int(c['additions'])} được bổ "
                f"sung · {format_int(c['conflict'])} khác thông tin · "
                f"{format_int(preview.files_to_copy)} tệp cần chép "
                f"({format_size(preview.bytes_to_copy)}). Chưa ghi gì cho đến khi bấm “Nhập”."
            )
        )
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self._items_table())
        split.addWidget(self._detail_box())
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([230, 290])
        lay.addWidget(split, 1)
        lay.addLayout(self._bulk_row())
        box = dialog_buttons(self, QDialogButtonBox.StandardButton.Cancel)
        self.import_button = box.addButton("&Nhập", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setDefault(True)
        box.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)  # Esc cancels
        lay.addWidget(box)
        self.resize(1100, 680)
        first = next((n for n, i in enumerate(preview.items) if i.status == "conflict"), 0)
        if preview.items:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(first, 0)).row())
        self._update_import_button()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.table.setFocus()  # arrows walk the documents; Enter means "Nhập"

    # --- the list of documents ------------------------------------------------------------

    def _items_table(self) -> QTableView:
        cols: list[Column[ImportItem]] = [
            Column(
                "Tình trạng",
                lambda i: STATUS_TEXT[i.status],
                sort=lambda i: STATUS_ORDER[i.status],
                background=lambda i: STATUS_COLOUR[i.status],
            ),
            Column("Số, ký hiệu", lambda i: i.bundle.number or "(không số)"),
            Column(
                "Ngày",
                lambda i: i.bundle.issue_date,
                sort=lambda i: "/".join(reversed(i.bundle.issue_date.split("/"))),
            ),
            Column("Trích yếu", lambda i: i.bundle.summary),
            Column("Tiêu chí", lambda i: ", ".join(i.bundle.codes)),
            Column(
                "Xử lý", self.choice_text, tooltip=lambda i: CHOICE_LABELS[self._choices[i.key]]
            ),
        ]
        self.model = RecordTableModel(cols, self)
        self.model.set_rows(self.preview.items)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # conflicts first
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        compact_rows(self.table)
        h = self.table.horizontalHeader()
        for col in (0, 1, 2, 4, 5):
            h.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        return self.table

    def choice_text(self, item: ImportItem) -> str:
        if item.status == "identical":
            return "Không cần nhập"
        return CHOICE_SHORT[self._choices[item.key]]

    def current_item(self) -> ImportItem | None:
        index = self.table.currentIndex()
        return self.proxy.data(index, RECORD_ROLE) if index.isValid() else None

    # --- the selected document: side by side and its choice ----------------------------------

    def _detail_box(self) -> QGroupBox:
        self.detail = QGroupBox("Tài liệu đang chọn")
        self.match_label = QLabel()
        self.match_label.setWordWrap(True)
        self.compare = QTableWidget(0, 3)
        self.compare.setHorizontalHeaderLabels(["Trường", "Ở máy này", "Trong gói"])
        self.compare.verticalHeader().hide()
        self.compare.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.compare.setWordWrap(True)
        h = self.compare.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.choice_box = QGroupBox("Xử lý tài liệu này")
        self.choice_layout = QVBoxLayout(self.choice_box)
        self.choice_group = QButtonGroup(self)
        self.choice_group.idClicked.connect(self._on_choice)
        row = QHBoxLayout()
        row.addWidget(self.compare, 3)
        row.addWidget(self.choice_box, 1)
        lay = QVBoxLayout(self.detail)
        lay.addWidget(self.match_label)
        lay.addLayout(row, 1)
        return self.detail

    def _show_current(self) -> None:
        item = self.current_item()
        self._fill_compare(item)
        for b in self.choice_group.buttons():
            self.choice_group.removeButton(b)
        while self.choice_layout.count():
            w = self.choice_layout.takeAt(0).widget()
            if w is not None:
                w.setParent(None)
                w.deleteLater()
        if item is None:
            return
        if item.status == "identical":
            note = QLabel("Tài liệu này đã có trên máy, giống hệt: không cần nhập.")
            note.setWordWrap(True)
            self.choice_layout.addWidget(note)
        else:
            for n, choice in enumerate(item.choices):
                radio = QRadioButton(CHOICE_SHORT[choice])
                radio.setToolTip(CHOICE_LABELS[choice])
                radio.setChecked(self._choices[item.key] == choice)
                self.choice_group.addButton(radio, n)
                self.choice_layout.addWidget(radio)
        self.choice_layout.addStretch(1)

    def _fill_compare(self, item: ImportItem | None) -> None:
        rows: list[tuple[str, str, str, bool]] = []
        if item is not None:
            b, loc = item.bundle, item.local
            if loc is None:
                self.match_label.setText("Chưa có trên máy này: sẽ thêm thành tài liệu mới.")
                for label, value in (
                    ("Số, ký hiệu", b.number),
                    ("Ngày ban hành", b.issue_date),
                    ("Loại văn bản", b.kind),
                    ("Trích yếu", b.summary),
                ):
                    rows.append((label, "(chưa có)", value, False))
            else:
                self.match_label.setText(
                    f"Khớp với tài liệu trên máy theo {item.matched_by}."
                    + (" Thông tin khác nhau được tô đỏ." if item.diffs else "")
                )
                diffs = {d.label: d for d in item.diffs}
                for label, mine, theirs in (
                    ("Số, ký hiệu", loc.number, b.number),
                    ("Ngày ban hành", loc.issue_date, b.issue_date),
                    ("Loại văn bản", loc.kind, b.kind),
                    ("Trích yếu", loc.summary, b.summary),
                ):
                    rows.append((label, mine, theirs, label in diffs))
                for d in item.diffs:  # fields not in the views (cơ quan, người ký ...)
                    if d.label not in {r[0] for r in rows}:
                        rows.append((d.label, d.local, d.bundle, True))
            mine_codes = ", ".join(loc.codes) if loc else "(chưa có)"
            theirs_codes = ", ".join(b.codes)
            if item.new_codes and loc:
                theirs_codes += f"  (thêm {', '.join(item.new_codes)})"
            rows.append(("Tiêu chí", mine_codes, theirs_codes, bool(item.new_codes and loc)))
            files = f"{format_int(b.files)} tệp"
            if item.new_files and loc:
                files += f"  (thêm {format_int(len(item.new_files))} tệp)"
            rows.append(
                (
                    "Tệp",
                    f"{format_int(loc.files)} tệp" if loc else "(chưa có)",
                    files,
                    bool(item.new_files and loc),
                )
            )
            if item.unknown_codes:
                rows.append(
                    (
                        "Không gắn được",
                        "",
                        ", ".join(item.unknown_codes) + " (máy này không có)",
                        True,
                    )
                )
        else:
            self.match_label.setText("")
        self.compare.setRowCount(len(rows))
        for r, (label, mine, theirs, differs) in enumerate(rows):
            for c, text in enumerate((label, mine, theirs)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if differs and c > 0:
                    cell.setBackground(QBrush(DIFF_BRUSH))
                self.compare.setItem(r, c, cell)
        self.compare.resizeRowsToContents()

    def _on_choice(self, n: int) -> None:
        item = self.current_item()
        if item is not None:
            self.set_choice(item.key, item.choices[n])

    def set_choice(self, key: str, choice: str) -> None:
        row = next(n for n, i in enumerate(self.preview.items) if i.key == key)
        if choice not in self.preview.items[row].choices:
            raise ValueError(choice)
        self._choices[key] = choice
        col = len(self.model.columns) - 1
        self.model.dataChanged.emit(self.model.index(row, col), self.model.index(row, col))
        current = self.current_item()
        if current is not None and current.key == key:
            for b in self.choice_group.buttons():
                b.setChecked(current.choices[self.choice_group.id(b)] == choice)
        self._update_import_button()

    # --- all conflicts at once, and the buttons -------------------------------------------------

    def _bulk_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        conflicts = [i for i in self.preview.items if i.status == "conflict"]
        if conflicts:
            row.addWidget(QLabel(f"Cả {format_int(len(conflicts))} tài liệu khác thông tin:"))
            for choice in ("keep_local", "take_bundle"):
                button = QPushButton(CHOICE_SHORT[choice])
                button.setAutoDefault(False)  # Enter stays on "Nhập"
                button.setToolTip(CHOICE_LABELS[choice])
                button.clicked.connect(lambda _=False, c=choice: self.set_all_conflicts(c))
                row.addWidget(button)
        row.addStretch(1)
        return row

    def set_all_conflicts(self, choice: str) -> None:
        for item in self.preview.items:
            if item.status == "conflict":
                self.set_choice(item.key, choice)

    def _take_catalog_toggled(self, checked: bool) -> None:
        self.preview.take_catalog = checked
        self._update_import_button()

    def _update_import_button(self) -> None:
        taken = bool(self.preview.offer_catalog and self.preview.take_catalog)
        useful = (
            self.preview.create_catalog
            or taken
            or any(
                i.status != "identical" and self._choices[i.key] != "skip"
                for i in self.preview.items
            )
        )
        self.import_button.setEnabled(useful and not self.preview.former_commune)

    def choices(self) -> dict[str, str]:
        return dict(self._choices)


def result_text(r: ImportResult) -> str:
    text = (
        f"Đã nhập: {format_int(r.added)} tài liệu mới, {format_int(r.merged + r.updated)} tài liệu "
        f"được bổ sung hoặc "
        f"cập nhật, {format_int(r.identical)} đã có, {format_int(r.skipped)} bỏ qua; "
        f"{format_int(r.files_copied)} tệp mới."
    )
    if r.catalog_created:
        text += "\nĐã lấy bộ tiêu chí của năm trong gói."
    if r.backup:
        text += f"\nĐã tự sao lưu dữ liệu sau khi nhập ({r.backup.name})."
    for w in r.warnings:
        text += f"\nCảnh báo: {w}"
    return text


TRUST_TEXT = {
    "own": "khóa của chính máy này",
    "new": "lần đầu nhận gói của xã này; máy sẽ ghi nhớ khóa sau khi nhập",
    "trusted": "khớp với khóa đã ghi nhớ",
    "changed": "KHÁC với khóa đã ghi nhớ",
}


def signer_text(preview: ImportPreview) -> str:
    s = preview.signer
    if not s.get("fingerprint"):
        return "Gói không có chữ ký số (tạo bởi phiên bản Sổ CCHC cũ)."
    return f"Mã khóa người ký: {s['fingerprint']} ({TRUST_TEXT[s['status']]})."


def confirm_new_key(parent, preview: ImportPreview) -> bool:
    """A commune's bundle signed with another key goes in only on an explicit Có."""
    if not preview.key_changed:
        return True
    loud = next((w for w in preview.warnings if w.startswith("CẢNH BÁO")), "")
    return ask_yes_no(
        parent,
        "Khóa ký đã thay đổi",
        f"{loud}\n\nĐã gọi điện đối chiếu mã khóa với người gửi và mã khớp: vẫn nhập gói "
        "này và ghi nhớ khóa mới?",
    )


def confirm_other_commune(parent, preview: ImportPreview) -> bool:
    """Another commune's bundle goes in only on an explicit Có (default Không)."""
    if not preview.other_commune:
        return True
    return ask_yes_no(
        parent,
        "Gói của xã khác",
        f"{preview.warnings[0]}\n\nVẫn nhập tài liệu của gói này vào dữ liệu của xã mình?",
    )


def apply_choices(window, dialog: ImportDialog) -> Job | None:
    """Run the confirmed import in the background; then every screen refreshes."""

    def done(result: ImportResult) -> None:
        window.dataChanged.emit()
        info(window, "Nhập gói", result_text(result))

    preview, choices = dialog.preview, dialog.choices()
    if not confirm_new_key(window, preview) or not confirm_other_commune(window, preview):
        return None
    job = run_job(
        window,
        lambda progress: apply_import(
            window.ws,
            preview,
            choices,
            progress,
            other_commune=preview.other_commune,
            accept_new_key=preview.key_changed,
        ),
        label=f"Đang nhập gói {preview.bundle_name}…",
        on_success=done,
    )
    dialog.apply_job = job  # type: ignore[attr-defined]
    return job


def run_import(window, path: Path) -> Job:
    """Preview the bundle in the background, then open the dialog (``job.dialog``)."""

    def previewed(preview: ImportPreview) -> None:
        if preview.nothing_to_do:
            info(
                window,
                "Nhập gói",
                f"Không có gì mới để nhập: cả {format_int(len(preview.items))} tài liệu trong gói "
                "đã có trên máy, giống hệt.",
            )
            return
        dlg = ImportDialog(window, preview)
        job.dialog = dlg  # type: ignore[attr-defined]
        dlg.accepted.connect(lambda: apply_choices(window, dlg))
        dlg.open()

    def failed(exc: BaseException) -> None:
        if isinstance(exc, BundleRejected):
            dlg = VerifyDialog(
                window, exc.report, "Không nhập gói này: gói bị hỏng, chưa ghi xong hoặc đã bị sửa."
            )
            job.dialog = dlg  # type: ignore[attr-defined]
            dlg.open()
        else:
            show_error(window, exc, "Không nhập được gói")

    job = run_job(
        window,
        lambda progress: preview_import(window.ws, path, progress),
        label=f"Đang kiểm tra và so sánh gói {path.name}…",
        on_success=previewed,
        on_failure=failed,
    )
    return job


def import_picked(window, *, as_zip: bool) -> Job | None:
    path = pick_bundle(window, as_zip=as_zip, purpose="của đồng nghiệp")
    return run_import(window, path) if path else None
