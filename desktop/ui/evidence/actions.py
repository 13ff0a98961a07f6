"""What the catalog pane and the register both do with a document: add, edit, open its
file, link to more sub-criteria, unlink, delete (with a Có/Không question first).

Each writes in one transaction, then emits ``window.dataChanged`` so every screen shows
the change. Dialogs are opened window-modal without a nested event loop (``open()``) and
returned, so a test can fill them in.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from base.errors import CchcError
from desktop.core.evidence.query import FileInfo, RegisterRow, document_row
from desktop.core.office.vnformat import format_int
from desktop.ui.errors import show_error
from desktop.ui.vi import ask_yes_no

if TYPE_CHECKING:
    from desktop.ui.evidence.dialog import DocumentDialog
    from desktop.ui.evidence.node_picker import LinkDialog
    from desktop.ui.evidence.review import ReviewDialog
    from desktop.ui.main_window import MainWindow


def doc_label(row: RegisterRow) -> str:
    return f"{row.kind.lower()} {row.number}" if row.number else f"tài liệu #{row.id}"


def writable(parent: QWidget, window: MainWindow) -> bool:
    """False, with the reason shown, when the window shows data that must not change (a
    former commune's history): before a dialog is filled in for nothing."""
    try:
        window.ws.ensure_writable()
    except CchcError as exc:
        show_error(parent, exc, "Chỉ xem")
        return False
    return True


def add_documents(
    window: MainWindow, files: Sequence[Path] = (), codes: Sequence[str] = ()
) -> DocumentDialog | ReviewDialog | None:
    """One file (or none): the add dialog, filled in from the document; many files: the
    review table, one document per file, read in the background."""
    if len(files) > 1:
        return review_documents(window, files, codes)
    return add_one_document(window, files, codes)


def _can_add(window: MainWindow) -> bool:
    if not writable(window, window):
        return False
    if window.year is None:
        show_error(window, "Chưa có năm đánh giá: hãy thêm năm đánh giá trước (Ctrl+N).")
        return False
    return True


def add_one_document(
    window: MainWindow, files: Sequence[Path] = (), codes: Sequence[str] = ()
) -> DocumentDialog | None:
    """The add dialog, with the files and sub-criteria already filled in."""
    from desktop.ui.evidence.dialog import DocumentDialog

    if not _can_add(window):
        return None
    dlg = DocumentDialog(window, files=files, codes=codes)
    dlg.open()
    return dlg


def review_documents(
    window: MainWindow, files: Sequence[Path], codes: Sequence[str] = ()
) -> ReviewDialog | None:
    from desktop.ui.evidence.review import ReviewDialog

    if not _can_add(window):
        return None
    dlg = ReviewDialog(window, files, codes)
    dlg.open()
    dlg.start_reading()
    return dlg


def edit_document(window: MainWindow, doc_id: int) -> DocumentDialog | None:
    from desktop.ui.evidence.dialog import DocumentDialog

    if not writable(window, window):
        return None
    try:
        with window.ws.session() as s:
            row = document_row(s, doc_id)
    except CchcError as exc:
        show_error(window, exc)
        return None
    dlg = DocumentDialog(window, doc=row)
    dlg.open()
    return dlg


def link_document(window: MainWindow, row: RegisterRow) -> LinkDialog | None:
    """Choose the sub-criteria a document serves (link to more, or unlink)."""
    from desktop.ui.evidence.node_picker import LinkDialog

    if not writable(window, window):
        return None
    dlg = LinkDialog(window, row)
    dlg.open()
    return dlg


def open_document_file(
    window: MainWindow, parent: QWidget, row: RegisterRow, info: FileInfo | None = None
) -> None:
    """Open one file of a document (its first one by default) in its default program."""
    from desktop.ui.open_file import open_stored_file

    try:
        if info is None:
            files = row.files
            if not files and row.file_count:
                with window.ws.session() as s:
                    files = document_row(s, row.id).files
            if not files:
                raise CchcError(f"{doc_label(row).capitalize()} chưa có tệp nào để mở.")
            info = files[0]
        open_stored_file(window.ws.store, info.sha256, info.name)
    except CchcError as exc:
        show_error(parent, exc)


def unlink_from(parent: QWidget, window: MainWindow, row: RegisterRow, code: str) -> bool:
    from desktop.core.evidence.documents import unlink_document

    if not writable(parent, window):
        return False
    if not ask_yes_no(
        parent,
        "Bỏ gắn tài liệu",
        f"Bỏ gắn {doc_label(row)} khỏi tiêu chí {code}?\n"
        "Tài liệu và tệp vẫn còn trong sổ tài liệu kiểm chứng.",
    ):
        return False
    try:
        with window.ws.transaction() as s:
            unlink_document(s, row.id, [code])
    except CchcError as exc:
        show_error(parent, exc)
        return False
    window.dataChanged.emit()
    return True


def delete_documents(parent: QWidget, window: MainWindow, rows: Sequence[RegisterRow]) -> bool:
    """Delete after a Có/Không question; files no other document uses leave the store
    after the commit."""
    from desktop.core.evidence.documents import delete_document
    from desktop.core.evidence.files import release_blobs

    if not rows or not writable(parent, window):
        return False
    if len(rows) == 1:
        what = doc_label(rows[0])
        codes = ", ".join(rows[0].codes)
        where = f" (tiêu chí {codes})" if codes else ""
        question = f"Xóa {what}{where} khỏi sổ tài liệu kiểm chứng?"
    else:
        question = f"Xóa {format_int(len(rows))} tài liệu đã chọn khỏi sổ tài liệu kiểm chứng?"
    question += (
        "\nTệp chỉ bị xóa khỏi kho khi không còn tài liệu nào khác dùng và không bản sao lưu "
        "nào cần."
    )
    if not ask_yes_no(parent, "Xóa tài liệu", question):
        return False
    try:
        freed: list[str] = []
        with window.ws.transaction() as s:
            for row in rows:
                freed += delete_document(s, row.id)
        with window.ws.session() as s:
            release_blobs(s, window.ws.store, freed)
    except CchcError as exc:
        show_error(parent, exc)
        return False
    window.dataChanged.emit()
    return True
