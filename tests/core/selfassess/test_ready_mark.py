"""Marking a year ready: refused with the list of what is missing, kept with its date."""

from __future__ import annotations

from datetime import date

import pytest

from base.errors import ValidationError
from desktop.core.catalog.store import load_builtin
from desktop.core.selfassess.entry import set_entry, year_entries
from desktop.core.selfassess.readiness import readiness
from desktop.core.selfassess.ready_mark import mark_ready, ready_marked

YEAR = 2023


def test_ready_mark_needs_every_explanation_and_score(ws) -> None:
    with ws.transaction() as s:
        load_builtin(s, YEAR, "mau-minh-hoa")
    with pytest.raises(ValidationError) as exc, ws.transaction() as s:
        mark_ready(s, ws.store, YEAR)
    message = str(exc.value)
    assert message.startswith("Chưa đánh dấu sẵn sàng được: Năm 2023 chưa sẵn sàng nộp")
    assert "\n- 1.1.1 “Ban hành kế hoạch CCHC năm kịp thời”: cần giải trình (chưa có tài liệu" in (
        message
    )
    assert "… và " in message and "(xem Chi tiết)" in message
    assert "1.1.1 “Ban hành kế hoạch CCHC năm kịp thời”: chưa chấm điểm" in exc.value.detail
    with ws.session() as s:
        assert ready_marked(s, YEAR) is None

    with ws.transaction() as s:
        for e in year_entries(s, YEAR).values():
            set_entry(s, YEAR, e.code, value="0")
        for n in readiness(s, ws.store, YEAR).missing:
            set_entry(s, YEAR, n.code, explanation="Không phát sinh trong năm")
        state = mark_ready(s, ws.store, YEAR, today=date(2023, 12, 5))
    assert state.ready
    with ws.session() as s:
        assert ready_marked(s, YEAR) == date(2023, 12, 5)
        assert ready_marked(s, 2024) is None
