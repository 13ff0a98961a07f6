"""One place to show errors, and the crash handler that logs and shows the traceback."""

from __future__ import annotations

import logging
import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from base.errors import CchcError
from db.sqlerrors import as_cchc_error
from desktop import __version__
from desktop.ui.vi import message_box

log = logging.getLogger("cchc")

# Where crash logs go: the data folder's logs/ once it is known, a temp folder before that.
_log_dir: Path | None = None


def set_log_dir(path: Path) -> None:
    global _log_dir
    _log_dir = path


def write_crash_log(exc_type, exc, tb: TracebackType | None) -> Path | None:
    import tempfile

    text = "".join(traceback.format_exception(exc_type, exc, tb))
    folder = _log_dir or Path(tempfile.gettempdir()) / "SoCCHC-logs"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"loi-{datetime.now():%Y%m%d-%H%M%S}.log"
        path.write_text(
            f"Sổ CCHC {__version__}, Python {sys.version.split()[0]}, {sys.platform}\n{text}",
            encoding="utf-8",
        )
        return path
    except OSError:
        return None


def show_error(parent: QWidget | None, error: BaseException | str, title: str = "Lỗi") -> None:
    """Show any error to the officer: a CchcError's message as it is, anything else as an
    unexpected error with its traceback and the log file it was written to."""
    if isinstance(error, str):
        message_box(parent, QMessageBox.Icon.Warning, title, error).exec()
        return
    known = as_cchc_error(error)  # SQLite's own errors (damaged, full disk, busy)
    if known is not None:
        log.warning("%s", known.detail or error)
        error = known
    if isinstance(error, CchcError):
        message_box(
            parent, QMessageBox.Icon.Warning, title, error.message, detail=error.detail
        ).exec()
        return
    log_path = write_crash_log(type(error), error, error.__traceback__)
    where = f"\n\nĐã ghi nhật ký lỗi vào: {log_path}" if log_path else ""
    detail = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    message_box(
        parent,
        QMessageBox.Icon.Critical,
        "Lỗi không mong muốn",
        f"Đã xảy ra lỗi không mong muốn: {error}.{where}\n"
        "Dữ liệu đã lưu không bị ảnh hưởng. Hãy gửi tệp nhật ký cho người hỗ trợ.",
        detail=detail,
    ).exec()


_showing = False


def _excepthook(exc_type, exc, tb) -> None:
    global _showing
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.error("Unhandled exception", exc_info=(exc_type, exc, tb))
    app = QApplication.instance()
    if app is None or _showing:
        write_crash_log(exc_type, exc, tb)
        sys.__excepthook__(exc_type, exc, tb)
        return
    _showing = True
    try:
        show_error(app.activeWindow(), exc.with_traceback(tb) if exc else exc_type())
    finally:
        _showing = False


def install_crash_handler() -> None:
    sys.excepthook = _excepthook
