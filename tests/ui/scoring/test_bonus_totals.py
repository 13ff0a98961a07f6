"""Bonus points (điểm cộng) shown apart and combined under the catalog tree and in the
area summary."""

from __future__ import annotations

from selfassess_ui_data import sa_window_fixture, sa_ws_fixture  # noqa: F401 - fixtures


def test_tree_totals_show_bonus_apart_and_combined(sa_window) -> None:
    text = sa_window.catalog_tab.totals.text()
    assert "<b>Tổng điểm tự chấm: 1</b> / 76 điểm xã tự chấm" in text
    assert "Điểm cộng: <b>5</b> / 5 điểm · <b>Tổng gồm điểm cộng: 6</b>" in text


def test_area_summary_has_a_combined_total_row(sa_window) -> None:
    tab = sa_window.screens.open("AreaSummaryTab")
    texts = tab.model.texts()
    assert texts[-2][1:4] == ["Tổng cộng (không gồm điểm cộng)", "100", "1"]
    assert texts[-1][1:4] == ["Tổng cộng gồm điểm cộng", "105", "6"]
    bonus = next(t for t in texts if t[0] == "11")
    assert bonus[1:4] == ["Điểm cộng", "5", "5"]


def test_an_area_is_marked_as_the_bonus_section_from_its_pane(sa_window, boxes) -> None:
    w = sa_window
    w.show_node(w.node_by_code("11"))
    check = w.pane.bonus_check
    assert check.isVisible() and check.isChecked()
    check.setChecked(False)  # area 11 no longer the bonus section: its 5 points count in
    text = w.catalog_tab.totals.text()
    assert "Điểm cộng" not in text
    w.show_node(w.node_by_code("1"))
    assert w.pane.bonus_check.isVisible() and not w.pane.bonus_check.isChecked()
    w.show_node(w.node_by_code("11"))
    w.pane.bonus_check.setChecked(True)
    assert "Điểm cộng: <b>5</b> / 5 điểm" in w.catalog_tab.totals.text()
    w.show_node(w.node_by_code("1.1.1"))
    assert not w.pane.bonus_check.isVisible()
    assert boxes.shown == []
