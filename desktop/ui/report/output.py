"""Output of the Báo cáo screen: Word and PDF files (in the background), print preview and
print made by the app, "Mở bằng Word", the evidence index."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from base.errors import CchcError
from desktop.core.office.vnformat import format_int
from desktop.core.report.layout import build_document, placeholders
from desktop.core.report.records import ReportInfo
from desktop.core.report.status import set_status
from desktop.core.report.store import report_data
from desktop.ui.errors import show_error
from desktop.ui.files.dialogs import remember, start_dir, tell_saved
from desktop.ui.vi import ask_yes_no, info, message_box
from desktop.ui.worker import run_job

if TYPE_CHECKING:
    from desktop.ui.report.tab import ReportsTab

WORD_FILTER = "Tài liệu Word (*.docx)"
PDF_FILTER = "Tệp PDF (*.pdf)"


class ReportOutput:
    def __init__(self, tab: ReportsTab) -> None:
        self.tab = tab

    def _ready(self, r: ReportInfo) -> bool:
        """Refuse a report whose required fields are blank unless the officer asks for a
        draft with blanks ("Xuất bản nháp có chỗ trống"); ask before writing one that
        lacks data or holds a "…" typed by hand."""
        self.tab.sections.save()
        r = self.tab.current or r
        with self.tab.window.ws.session() as s:
            data = report_data(s, r.id)
        missing = data.blanks
        if missing and not self._draft_with_blanks(missing):
            return False
        left = [] if missing else placeholders(r)
        if not data.problems and not left:
            return True
        text = "\n- ".join([*data.problems, *(f"Còn chỗ trống “…” ở mục: {b}" for b in left)])
        return ask_yes_no(self.tab, "Báo cáo chưa hoàn chỉnh", f"- {text}\n\nVẫn tiếp tục?")

    def _draft_with_blanks(self, missing) -> bool:
        """Còn chỗ trống: fill the fields (the default) or export a draft with "…"."""
        yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
        names = "\n".join(f"- {f.label} ({f.key})" for f in missing)
        box = message_box(
            self.tab,
            QMessageBox.Icon.Warning,
            "Báo cáo còn chỗ trống",
            f"Còn chỗ trống ở {len(missing)} trường bắt buộc, chưa xuất được bản chính thức:"
            f"\n{names}",
            yes | no,
            no,
        )
        box.button(yes).setText("Xuất bản nháp có chỗ trống")
        box.button(no).setText("Điền các trường còn thiếu")
        if box.exec() == yes:
            return True
        self.tab.show_fields()
        return False

    def _ask_path(self, r: ReportInfo, suffix: str, filt: str, title: str) -> Path | None:
        last = r.last_pdf if suffix == ".pdf" else r.last_docx
        folder = Path(last).parent if last else start_dir(self.tab, "report")
        name, _ = QFileDialog.getSaveFileName(
            self.tab, title, str(folder / f"{r.file_stem}{suffix}"), filt
        )
        if not name:
            return None
        path = Path(name)
        remember(self.tab, "report", path)
        return path if path.suffix.lower() == suffix else path.with_suffix(suffix)

    def export_word(self) -> None:
        r = self.tab.current
        if r is None or not self._ready(r):
            return
        r = self.tab.current or r  # as saved just now
        path = self._ask_path(r, ".docx", WORD_FILTER, "Lưu báo cáo dạng Word")
        if path is None:
            return
        doc = build_document(r)

        def job(progress):
            from desktop.core.report.docx_writer import write_docx

            return write_docx(doc, path, progress)

        self.tab.last_job = run_job(
            self.tab,
            job,
            label=f"Đang xuất {path.name}…",
            on_success=lambda p: self._exported(r, p),
        )

    def export_pdf(self) -> None:
        r = self.tab.current
        if r is None or not self._ready(r):
            return
        r = self.tab.current or r  # as saved just now
        path = self._ask_path(r, ".pdf", PDF_FILTER, "Lưu báo cáo dạng PDF")
        if path is None:
            return
        doc = build_document(r)

        def job(progress):
            from desktop.ui.report.printing import write_pdf

            progress.update(0, 0, f"Đang tạo {path.name}…")
            write_pdf(doc, path)
            return path

        self.tab.last_job = run_job(
            self.tab, job, label=f"Đang tạo {path.name}…", on_success=lambda p: self._exported(r, p)
        )

    def _exported(self, r: ReportInfo, path: Path) -> None:
        self.tab.write(lambda s: set_status(s, r.id, "exported", path=path))
        tell_saved(self.tab, "báo cáo", path)

    def preview(self) -> None:
        r = self.tab.current
        if r is None:
            return
        self.tab.sections.save()
        r = self.tab.current
        assert r is not None
        from desktop.ui.report.preview import preview_dialog

        dlg = preview_dialog(
            self.tab, build_document(r), on_printed=lambda: self.tab._status("printed")
        )
        dlg.exec()
        dlg.deleteLater()

    def print_(self) -> None:
        r = self.tab.current
        if r is None or not self._ready(r):
            return
        r = self.tab.current or r  # as saved just now
        from desktop.ui.report.preview import print_report

        if print_report(self.tab, build_document(r)):
            self.tab._status("printed")

    def open_word(self) -> None:
        r = self.tab.current
        if r is None:
            return
        from desktop.ui.report.preview import open_in_word

        try:
            open_in_word(Path(r.last_docx))
        except CchcError as exc:
            show_error(self.tab, exc)

    def export_evidence_index(self) -> None:
        year = self.tab.window.year
        if year is None:
            return
        name, chosen = QFileDialog.getSaveFileName(
            self.tab,
            "Lưu danh mục tài liệu kiểm chứng",
            str(start_dir(self.tab, "report") / f"danh-muc-tai-lieu-kiem-chung-{year}.docx"),
            f"{WORD_FILTER};;Bảng tính Excel (*.xlsx)",
        )
        if not name:
            return
        path = Path(name)
        remember(self.tab, "report", path)
        if path.suffix.lower() not in (".docx", ".xlsx"):
            path = path.with_suffix(".xlsx" if "xlsx" in chosen else ".docx")
        ws = self.tab.window.ws

        def job(progress):
            from desktop.core.report.evidence_index import evidence_index, export_evidence_index

            progress.update(0, 0, f"Đang xuất {path.name}…")
            with ws.session() as s:
                index = evidence_index(s, year, ws.store)
            export_evidence_index(index, path)
            return index

        self.tab.last_job = run_job(
            self.tab,
            job,
            label="Đang xuất danh mục tài liệu kiểm chứng…",
            on_success=lambda index: (
                tell_saved(self.tab, "danh mục tài liệu kiểm chứng", path),
                info(
                    self.tab,
                    "Danh mục tài liệu kiểm chứng",
                    f"Đã xuất {path.name}: {format_int(index.document_count)} tài liệu, "
                    f"{index.missing_count} tiêu chí chưa có tài liệu.",
                ),
            ),
        )
