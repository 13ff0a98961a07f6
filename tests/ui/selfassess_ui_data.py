"""A year for the self-assessment screens: the sample catalog plus the bonus area "11"
(``tests/selfassess_data``), the commune profile, one document (12/KH-UBND on 1.4.1) and
a few scores."""

from __future__ import annotations

from datetime import date

import pytest

YEAR = 2023


def make_year(ws, make_file) -> None:
    from selfassess_data import catalog_with_bonus

    from desktop.core.evidence.documents import NewDocument, add_document
    from desktop.core.scoring.scores import set_score_text
    from desktop.core.years.profile import save_profile

    catalog_with_bonus(ws, YEAR)
    with ws.transaction() as s:
        save_profile(
            s,
            commune_name="Đồng Tâm",
            district="Ninh Giang",
            province="Hải Dương",
            officer="Trần Thị Bình",
        )
        doc = NewDocument(
            YEAR,
            "12/KH-UBND",
            date(2023, 1, 20),
            "Kế hoạch",
            "Kế hoạch tuyên truyền cải cách hành chính năm 2023",
            "UBND xã Đồng Tâm",
        )
        add_document(s, ws.store, doc, [make_file("12-KH-UBND.pdf")], ["1.4.1"])
        for code, value in [("1.1.1", "1"), ("11.1", "2"), ("11.3", "3")]:
            set_score_text(s, YEAR, code, value)


def complete_year(ws) -> None:
    """Score every sub-criterion still unscored (0) and explain every one that needs it."""
    from desktop.core.selfassess.entry import set_entry, year_entries
    from desktop.core.selfassess.readiness import readiness

    with ws.transaction() as s:
        for e in year_entries(s, YEAR).values():
            if not e.scored and not e.code.startswith("11."):
                set_entry(s, YEAR, e.code, value="0")
        for n in readiness(s, ws.store, YEAR).missing:
            set_entry(s, YEAR, n.code, explanation=f"Giải trình {n.code}")


@pytest.fixture(name="sa_ws")
def sa_ws_fixture(ws, make_file):
    make_year(ws, make_file)
    return ws


@pytest.fixture(name="sa_window")
def sa_window_fixture(show_window, sa_ws):
    return show_window(sa_ws)


def open_tab(window, qtbot):
    """Ctrl+0 opens the screen; wait until the year's figures are on it."""
    from PySide6.QtCore import Qt

    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    tab = window.tabs.currentWidget()
    assert type(tab).__name__ == "SelfAssessTab"
    qtbot.waitUntil(lambda: tab.data is not None and tab.job is None, timeout=10_000)
    return tab


def wait_loaded(tab, qtbot) -> None:
    """After a write: the screen reads the year again in the background."""
    qtbot.waitUntil(lambda: tab.job is None and not tab._again, timeout=10_000)


def row_of(tab, code: str) -> list[str]:
    for texts in tab.model.texts():
        if texts[0] == code:
            return texts
    raise AssertionError(f"no row {code}")
