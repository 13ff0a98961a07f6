"""The one background-work helper: run a job off the GUI thread with a progress dialog,
cancel, and one place for failures (``show_error``).

    run_job(window, lambda progress: import_file(..., progress), label="Đang nhập…",
            on_success=lambda result: window.refresh())

The job gets a ``desktop.core.progress.Progress``; ``Cancelled`` ends it quietly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.core.progress import Cancelled, Progress
from desktop.ui.errors import show_error

_running: set[Job] = set()


class Job(QObject):
    """Handle of a running job. ``finished`` fires after success, failure or cancel."""

    progressed = Signal(int, int, str)
    _succeeded = Signal(object)
    _failed = Signal(object)
    finished = Signal()

    def __init__(self, parent_widget: QWidget | None) -> None:
        super().__init__()
        self.parent_widget = parent_widget
        self.progress = Progress(lambda d, t, s: self.progressed.emit(d, t, s))
        self.result: Any = None
        self.error: BaseException | None = None
        self.cancelled = False

    def cancel(self) -> None:
        self.progress.cancel()


class _Runnable(QRunnable):
    def __init__(self, job: Job, fn: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.job, self.fn = job, fn
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn(self.job.progress)
        except BaseException as exc:  # noqa: BLE001 - every failure goes to one place
            self.job._failed.emit(exc)
        else:
            self.job._succeeded.emit(result)


def run_job(
    parent: QWidget | None,
    fn: Callable[[Progress], Any],
    *,
    label: str,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    cancellable: bool = True,
    show_progress: bool = True,
) -> Job:
    job = Job(parent)
    dialog: QProgressDialog | None = None
    if show_progress:
        dialog = QProgressDialog(label, "Hủy" if cancellable else "", 0, 0, parent)
        dialog.setWindowTitle("Sổ CCHC")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(job.cancel)

        def on_progress(done: int, total: int, text: str) -> None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total else 0)
            if text:
                dialog.setLabelText(text)

        job.progressed.connect(on_progress)

    closed = {"done": False}

    def close_dialog() -> None:
        """The progress box goes before the message that ends the job is shown."""
        if closed["done"]:
            return
        closed["done"] = True
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.canceled.disconnect(job.cancel)
            dialog.close()
            dialog.deleteLater()

    def finish() -> None:
        close_dialog()
        _running.discard(job)
        job.finished.emit()

    def parent_gone() -> bool:
        """The window that asked for the job was closed meanwhile: nobody to tell."""
        return parent is not None and not shiboken6.isValid(parent)

    def succeeded(result: Any) -> None:
        job.result = result
        close_dialog()
        try:
            if on_success is not None and not parent_gone():
                on_success(result)
        finally:
            finish()

    def failed(exc: BaseException) -> None:
        job.error = exc
        close_dialog()
        try:
            if isinstance(exc, Cancelled):
                job.cancelled = True
            elif parent_gone():
                pass
            elif on_failure is not None:
                on_failure(exc)
            else:
                show_error(parent, exc)
        finally:
            finish()

    job._succeeded.connect(succeeded, Qt.ConnectionType.QueuedConnection)
    job._failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    _running.add(job)
    QThreadPool.globalInstance().start(_Runnable(job, fn))
    return job
