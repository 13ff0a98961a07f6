"""File dialogs that remember where the officer works, and the line that says where a file
went.

Each kind of file (``"report"``, ``"plan"``, ``"dossiers"``, ``"bundle"`` …) has its last
folder in the data folder's settings (``last_dir:<kind>``); a dialog starts there, else in
Documents (never the working folder). Qt's static dialogs are used, so Windows shows its
own native dialog. ``tell_saved`` puts "Đã lưu …: <path>" and a "Mở thư mục" button in the
main window's status bar.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


def documents_dir() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def _top(parent: QWidget | None) -> QWidget | None:
    """The main window (screens keep a ``window`` attribute: call Qt's method itself)."""
    return QWidget.window(parent) if parent is not None else None


def _ws_of(parent: QWidget | None):
    return getattr(_top(parent), "ws", None)


def start_dir(parent: QWidget | None, kind: str) -> Path:
    """The last folder used for ``kind`` (if it still exists), else Documents."""
    ws = _ws_of(parent)
    if ws is not None:
        try:
            from desktop.core.settings import get_setting

            with ws.session() as s:
                last = get_setting(s, f"last_dir:{kind}")
        except Exception:  # noqa: BLE001 - a read-only history view, a closed folder
            last = ""
        if last and Path(last).is_dir():
            return Path(last)
    return documents_dir()


def remember(parent: QWidget | None, kind: str, path: Path) -> None:
    folder = path if path.is_dir() else path.parent
    ws = _ws_of(parent)
    if ws is None:
        return
    try:
        from desktop.core.settings import set_setting

        with ws.transaction() as s:
            set_setting(s, f"last_dir:{kind}", str(folder))
    except Exception:  # noqa: BLE001 - remembering is a convenience, never an error
        pass


def ask_open(parent: QWidget | None, kind: str, title: str, filters: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, str(start_dir(parent, kind)), filters)
    if not name:
        return None
    remember(parent, kind, Path(name))
    return Path(name)


def ask_open_many(parent: QWidget | None, kind: str, title: str, filters: str) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(parent, title, str(start_dir(parent, kind)), filters)
    if names:
        remember(parent, kind, Path(names[0]))
    return [Path(n) for n in names]


def ask_save(
    parent: QWidget | None, kind: str, title: str, file_name: str, filters: str
) -> tuple[Path, str] | None:
    """(the path chosen, the filter chosen), or None when cancelled."""
    name, chosen = QFileDialog.getSaveFileName(
        parent, title, str(start_dir(parent, kind) / file_name), filters
    )
    if not name:
        return None
    remember(parent, kind, Path(name))
    return Path(name), chosen


def ask_folder(parent: QWidget | None, kind: str, title: str) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, str(start_dir(parent, kind)))
    if not name:
        return None
    remember(parent, kind, Path(name))
    return Path(name)


def tell_saved(parent: QWidget | None, what: str, path: Path) -> None:
    """ "Đã lưu <what>: <path>" in the main window's status bar, with "Mở thư mục"."""
    notice = getattr(_top(parent), "saved_notice", None)
    if notice is not None:
        notice.show_saved(what, Path(path))


class SavedNotice(QWidget):
    """The status bar's "Đã lưu …: <path>" with a "Mở thư mục" button (hidden until a save)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

        super().__init__(parent)
        self.path: Path | None = None
        self.label = QLabel()
        self.label.setMaximumWidth(620)
        self.button = QPushButton("Mở thư mục")
        self.button.setToolTip("Mở thư mục chứa tệp vừa lưu")
        self.button.clicked.connect(self.open_folder)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 6, 0)
        lay.addWidget(self.label)
        lay.addWidget(self.button)
        self.hide()

    def show_saved(self, what: str, path: Path) -> None:
        self.path = path
        text = f"Đã lưu {what}: {path}"
        metrics = self.label.fontMetrics()
        from PySide6.QtCore import Qt

        self.label.setText(metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, 600))
        self.label.setToolTip(text)
        self.full_text = text
        self.show()

    def open_folder(self) -> None:
        if self.path is None:
            return
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))
