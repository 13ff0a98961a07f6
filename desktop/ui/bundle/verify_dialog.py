"""``Kiểm tra gói…``: pick a bundle (folder or .zip), re-hash every file in the background,
then show a clear verdict and the missing / extra / changed files."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.bundle.verify import BundleProblem, VerifyReport, verify_bundle
from desktop.core.office.vnformat import format_datetime, format_int, format_size
from desktop.ui.files.dialogs import remember, start_dir
from desktop.ui.table_model import Column, RecordTableModel, compact_rows
from desktop.ui.vi import dialog_buttons
from desktop.ui.worker import Job, run_job

OK_STYLE = "QLabel { background:#e6f4e6; border:1px solid #7fbf7f; padding:8px; color:#1e5a1e; }"
BAD_STYLE = "QLabel { background:#fde7e7; border:1px solid #d98080; padding:8px; color:#7a1414; }"
WARN_STYLE = "QLabel { background:#fff4ce; border:1px solid #e0c060; padding:8px; color:#5a4500; }"

KIND_TEXT = {
    "missing": "Thiếu tệp",
    "extra": "Tệp thừa",
    "changed": "Bị thay đổi",
    "unsafe_path": "Đường dẫn không an toàn",
    "incomplete": "Chưa ghi xong",
    "not_bundle": "Không phải gói",
    "zip_corrupt": "Tệp .zip hỏng",
    "manifest_missing": "Thiếu danh sách",
    "manifest_corrupt": "Danh sách hỏng",
    "manifest_edited": "Danh sách bị sửa",
    "too_new": "Phiên bản mới hơn",
    "signature_invalid": "Chữ ký sai",
    "zip_bomb": "Tệp nén bất thường",
}


# The file is in its own column: say what is wrong with it without repeating the path.
SHORT_DETAIL = {
    "missing": "Có trong danh sách của gói nhưng không thấy tệp.",
    "changed": "Nội dung khác lúc tạo gói (mã băm khác).",
    "extra": "Không có trong danh sách của gói.",
}


def detail(p: BundleProblem) -> str:
    if p.kind in SHORT_DETAIL and not p.message.startswith("Không đọc được"):
        return SHORT_DETAIL[p.kind]
    return p.message


def pick_bundle(parent: QWidget | None, *, as_zip: bool, purpose: str) -> Path | None:
    """A bundle folder or a .zip, chosen with the standard dialogs."""
    if as_zip:
        name, _ = QFileDialog.getOpenFileName(
            parent,
            f"Chọn tệp gói .zip {purpose}",
            str(start_dir(parent, "bundle")),
            "Gói tài liệu nén (*.zip)",
        )
    else:
        name = QFileDialog.getExistingDirectory(
            parent, f"Chọn thư mục gói {purpose}", str(start_dir(parent, "bundle"))
        )
    if name:
        remember(parent, "bundle", Path(name))
    return Path(name) if name else None


def verdict(report: VerifyReport) -> tuple[str, str]:
    """The sentence at the top of the result, and its style."""
    errors = sum(1 for p in report.problems if p.severity == "error")
    extra = len(report.problems) - errors
    if report.ok:
        return (
            f"Gói nguyên vẹn: cả {format_int(report.files_checked)} tệp trong danh sách đúng mã "
            f"băm, "
            "không thiếu, không thừa.",
            OK_STYLE,
        )
    if not errors:
        return (
            f"Gói đủ và đúng ({format_int(report.files_checked)} tệp đúng mã băm) nhưng có "
            f"{format_int(extra)} tệp thừa "
            "không có trong danh sách của gói. Vẫn nhập được; hãy xem các tệp đó là gì.",
            WARN_STYLE,
        )
    more = f" và {format_int(extra)} tệp thừa" if extra else ""
    return (
        f"Gói KHÔNG nguyên vẹn: {format_int(errors)} lỗi{more}. Không dùng gói này để nộp hay "
        f"nhập; "
        "hãy chép lại gói từ máy đã tạo ra nó.",
        BAD_STYLE,
    )


def info_line(report: VerifyReport) -> str:
    i = report.info
    if i is None:
        return str(report.source)
    try:
        created = format_datetime(datetime.fromisoformat(i.created_at))
    except ValueError:
        created = i.created_at
    commune = ", ".join(x for x in (i.commune, i.province) if x) or "xã không rõ"
    return (
        f"Gói “{i.bundle_name}” năm {i.year} của {commune}: {format_int(i.documents)} tài liệu, "
        f"{format_int(i.files)} tệp ({format_size(i.total_bytes)}), tạo lúc {created} "
        f"(Sổ CCHC {i.app_version}).\n{signature_line(report)}\n{report.source}"
    )


def signature_line(report: VerifyReport) -> str:
    check = report.signature
    if check.status == "valid":
        return f"Chữ ký số hợp lệ, mã khóa người ký: {check.fingerprint}."
    if check.status == "invalid":
        return "Chữ ký số KHÔNG hợp lệ: gói đã bị sửa sau khi ký."
    return "Gói không có chữ ký số (tạo bởi phiên bản Sổ CCHC cũ)."


class VerifyDialog(QDialog):
    def __init__(self, parent: QWidget | None, report: VerifyReport, heading: str = "") -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle("Kiểm tra gói")
        text, style = verdict(report)
        self.verdict = QLabel(f"{heading}\n{text}".strip() if heading else text)
        self.verdict.setWordWrap(True)
        self.verdict.setStyleSheet(style)
        self.info = QLabel(info_line(report))
        self.info.setWordWrap(True)
        cols: list[Column[BundleProblem]] = [
            Column("Vấn đề", lambda p: KIND_TEXT.get(p.kind, p.kind)),
            Column("Tệp", lambda p: p.path),
            Column("Chi tiết", detail, tooltip=lambda p: p.message),
        ]
        self.model = RecordTableModel(cols, self)
        self.model.set_rows(sorted(report.problems, key=lambda p: (p.severity != "error", p.path)))
        self.table = QTableView()  # errors first, as listed: no sorting
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keep the file name in view
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        compact_rows(self.table)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setVisible(bool(report.problems))
        box = dialog_buttons(self, QDialogButtonBox.StandardButton.Close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.verdict)
        lay.addWidget(self.info)
        lay.addWidget(self.table, 1)
        lay.addWidget(box)
        self.resize(900, 460 if report.problems else 200)

    def problem_rows(self) -> list[list[str]]:
        return self.model.texts()


def run_verify(parent: QWidget | None, path: Path, *, open_dialog: bool = True) -> Job:
    """Verify in the background, then show the result (the dialog is ``job.dialog``)."""

    def done(report: VerifyReport) -> None:
        dlg = VerifyDialog(parent, report)
        job.dialog = dlg  # type: ignore[attr-defined]
        if open_dialog:
            dlg.open()

    job = run_job(
        parent,
        lambda progress: verify_bundle(path, progress),
        label=f"Đang kiểm tra gói {path.name}…",
        on_success=done,
    )
    return job


def verify_picked(parent: QWidget | None, *, as_zip: bool) -> Job | None:
    path = pick_bundle(parent, as_zip=as_zip, purpose="cần kiểm tra")
    return run_verify(parent, path) if path else None
