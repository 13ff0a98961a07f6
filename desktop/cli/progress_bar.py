"""Progress of long jobs on stderr (a one-line bar on a terminal, a line per 10% otherwise),
so stdout keeps only the result (a path, or the one JSON document)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from desktop.core.progress import Progress

WIDTH = 78


class StderrBar:
    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.tty = bool(isatty and isatty())
        self._bucket = -1

    def __call__(self, done: int, total: int, text: str) -> None:
        pct = min(100, done * 100 // total) if total else 0
        if self.tty:
            self.stream.write("\r" + f"{pct:3d}% {text}"[:WIDTH].ljust(WIDTH))
            self.stream.flush()
        elif pct // 10 != self._bucket:
            self._bucket = pct // 10
            self.stream.write(f"{pct:3d}% {text}\n")
            self.stream.flush()

    def end(self) -> None:
        if self.tty:
            self.stream.write("\r" + " " * WIDTH + "\r")
            self.stream.flush()
        self._bucket = -1


@contextmanager
def cli_progress(quiet: bool) -> Iterator[Progress]:
    """A Progress for one command; silent with ``--json``; the bar is cleared at the end."""
    bar = None if quiet else StderrBar()
    try:
        yield Progress(bar)
    finally:
        if bar is not None:
            bar.end()
