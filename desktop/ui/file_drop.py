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
    Explorer: it calls ``files_dropped(files)``; ``takes_files()`` may refuse for now."""

    def takes_files(self) -> bool:
        return True

    def files_dropped(self, files: list[Path]) -> None:
        raise NotImplementedError

    def _judge(self, event) -> None:
        if self.takes_files() and dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        self._judge(event)

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        self._judge(event)

    def dropEvent(self, event) -> None:  # noqa: N802
        files = dropped_files(event.mimeData())
        if self.takes_files() and files:
            event.acceptProposedAction()
            self.files_dropped(files)
        else:
            event.ignore()
