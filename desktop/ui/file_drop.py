"""Files dragged from Explorer onto a screen: which local files the drop carries."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData


def dropped_files(mime: QMimeData | None) -> list[Path]:
    """The local files (not folders, not web links) in a drag; empty when there are none."""
    if mime is None or not mime.hasUrls():
        return []
    out: list[Path] = []
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if not path.is_dir():
                out.append(path)
    return out


class FileDropTarget:
    """Mixin (put it before the Qt class) for a widget that takes files dropped from
    Explorer: it calls ``files_dropped(files, event)``; ``takes_files(event)`` may refuse
    (the event has the position of the drag)."""

    def takes_files(self, event) -> bool:
        return True

    def files_dropped(self, files: list[Path], event) -> None:
        raise NotImplementedError

    def _judge(self, event) -> bool:
        ok = bool(dropped_files(event.mimeData())) and self.takes_files(event)
        if ok:
            event.acceptProposedAction()
        else:
            event.ignore()
        return ok

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        self._judge(event)

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        self._judge(event)

    def dropEvent(self, event) -> None:  # noqa: N802
        if self._judge(event):
            self.files_dropped(dropped_files(event.mimeData()), event)
