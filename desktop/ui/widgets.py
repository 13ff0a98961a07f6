"""Small builders the screens share: a push button with its tooltip, a two-part splitter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QSplitter, QWidget


def button(text: str, tip: str = "") -> QPushButton:
    """A push button (``&`` marks its Alt key) with the tooltip that names its shortcut."""
    b = QPushButton(text)
    if tip:
        b.setToolTip(tip)
    return b


def splitter(
    orientation: Qt.Orientation, first: QWidget, second: QWidget, sizes: tuple[int, int]
) -> QSplitter:
    """Two parts sharing extra space in the ratio of ``sizes``; neither can be collapsed
    away by dragging the handle."""
    split = QSplitter(orientation)
    split.addWidget(first)
    split.addWidget(second)
    split.setStretchFactor(0, sizes[0])
    split.setStretchFactor(1, sizes[1])
    split.setSizes(list(sizes))
    split.setChildrenCollapsible(False)
    return split
