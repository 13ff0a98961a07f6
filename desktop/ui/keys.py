"""Keys a list or table handles itself (Enter opens, Delete deletes): only when the key
reaches that widget, unlike a QShortcut, which fires for whatever has focus in the window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _KeyFilter(QObject):
    def __init__(self, widget: QWidget, handlers: dict[Qt.Key, Callable[[], object]]) -> None:
        super().__init__(widget)
        self.handlers = handlers

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and not event.modifiers() & ~(
            Qt.KeyboardModifier.KeypadModifier
        ):
            handler = self.handlers.get(Qt.Key(event.key()))
            if handler is not None:
                handler()
                return True
        return False


def on_keys(widget: QWidget, handlers: dict[Qt.Key, Callable[[], object]]) -> None:
    """Call ``handlers[key]()`` when an unmodified key press reaches ``widget``."""
    widget.installEventFilter(_KeyFilter(widget, handlers))
