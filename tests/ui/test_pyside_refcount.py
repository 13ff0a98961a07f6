"""The Qt binding must not lose references to None (PySide6 6.12.0 does; see pyproject).

On Python < 3.12 None has a real reference count: a binding that hands out None without
counting it makes the app abort ("deallocating None") after enough clicks. From 3.12 None
is immortal and the bug is harmless, so the check only means something below 3.12.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QListWidget

pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="None is immortal from Python 3.12"
)


def _lost(fn, times: int = 200) -> int:
    before = sys.getrefcount(None)
    for _ in range(times):
        fn()
    return before - sys.getrefcount(None)


def test_null_values_from_qt_keep_none_alive(qtbot) -> None:
    model = QStandardItemModel(1, 1)
    model.setItem(0, 0, QStandardItem("a"))
    combo = QComboBox()
    combo.addItem("không có dữ liệu")
    listing = QListWidget()
    qtbot.addWidget(combo)
    qtbot.addWidget(listing)
    calls = {
        "QModelIndex().data()": lambda: QModelIndex().data(),
        "data() of an unset role": lambda: model.index(0, 0).data(Qt.ItemDataRole.UserRole),
        "QComboBox.currentData() without data": combo.currentData,
        "QListWidget.currentItem() without item": listing.currentItem,
    }
    lost = {name: _lost(fn) for name, fn in calls.items()}
    assert all(n < 100 for n in lost.values()), lost
