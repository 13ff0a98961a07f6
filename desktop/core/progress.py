"""Progress reporting and cancellation shared by the GUI worker and the CLI.

Long jobs take a ``Progress`` and call ``progress.update(done, total, text)``; that call
raises ``Cancelled`` once the user has asked to stop, so the job's transaction rolls back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """The user cancelled a long job; nothing it started is kept."""


class Progress:
    def __init__(self, sink: Callable[[int, int, str], None] | None = None) -> None:
        self._sink = sink
        self._cancel = threading.Event()

    def update(self, done: int, total: int = 0, text: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled
        if self._sink is not None:
            self._sink(done, total, text)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


NO_PROGRESS = Progress()
