"""Print preview, print and "Mở bằng Word" for a report (Qt), in Vietnamese."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog

from base.errors import ValidationError
from desktop.core.report.layout import ReportDocument
from desktop.ui.report.printing import render


def open_in_word(path: Path) -> None:
    """Open the exported .docx in the program registered for it (Word, LibreOffice ...)."""
    if not path.is_file():
        raise ValidationError(f"Không tìm thấy tệp {path}. Hãy xuất lại báo cáo.")
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        raise ValidationError(
            f"Máy này không có chương trình mở được tệp {path.name} (Word, LibreOffice). "
            "Hãy dùng “Xem trước khi in” hoặc xuất PDF."
        )


# Qt ships no Vietnamese translation: the preview's toolbar, by its English texts.
PREVIEW_ACTIONS = {
    "Next page": "Trang sau",
    "Previous page": "Trang trước",
    "First page": "Trang đầu",
    "Last page": "Trang cuối",
    "Fit width": "Vừa chiều rộng",
    "Fit page": "Vừa trang",
    "Zoom in": "Phóng to",
    "Zoom out": "Thu nhỏ",
    "Portrait": "Khổ dọc",
    "Landscape": "Khổ ngang",
    "Show single page": "Xem từng trang",
    "Show facing pages": "Xem hai trang đối diện",
    "Show overview of all pages": "Xem tất cả các trang",
    "Print": "In…",
    "Page setup": "Thiết lập trang",
    "Close": "Đóng",
}


def _printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    printer.setDocName("Báo cáo")
    return printer


def preview_dialog(parent, doc: ReportDocument, *, on_printed=None):
    """Print preview (QPrintPreviewDialog) in Vietnamese; ``on_printed`` is called after the
    officer printed from it."""
    printer = _printer()
    dlg = QPrintPreviewDialog(printer, parent)
    dlg.printer = printer  # the dialog does not own it: keep it alive as long as the dialog
    dlg.setWindowTitle(f"Xem trước khi in – {doc.number_line}")
    dlg.paintRequested.connect(lambda p: render(doc, p))
    for act in dlg.findChildren(QAction):
        label = PREVIEW_ACTIONS.get(act.text().replace("&", ""))
        if label:
            act.setText(label)
            act.setToolTip(label)
    if on_printed is not None:
        dlg.accepted.connect(on_printed)  # the dialog closes with "accepted" after printing
    dlg.resize(900, 700)
    return dlg


def print_report(parent, doc: ReportDocument) -> bool:
    """The system's print dialog, then print. Returns True when printed."""
    printer = _printer()
    dlg = QPrintDialog(printer, parent)
    dlg.setWindowTitle("In báo cáo")
    if not dlg.exec():
        return False
    render(doc, printer)
    return True
