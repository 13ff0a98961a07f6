"""RecordTableModel behind a QSortFilterProxyModel sorts by the columns' sort keys."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt

from desktop.ui.table_model import SORT_ROLE, Column, RecordTableModel


@pytest.mark.parametrize(
    "keys",
    [
        [datetime(2022, 12, 10, 8), datetime(2023, 3, 14, 23, 59, 59), datetime(2023, 1, 1)],
        [date(2023, 2, 1), date(2022, 12, 31), date(2023, 1, 15)],
        [Decimal("11.84"), Decimal("2.5"), Decimal("100")],
    ],
)
def test_dates_and_decimals_sort(qtbot, keys) -> None:
    model = RecordTableModel([Column("Giá trị", str, sort=lambda k: k)])
    model.set_rows(keys)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    shown = [proxy.index(r, 0).data() for r in range(3)]
    assert shown == [str(k) for k in sorted(keys)]
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 0).data() for r in range(3)] == [str(k) for k in sorted(keys)][::-1]
