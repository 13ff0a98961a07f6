"""Điểm bị mất (Ctrl+5): where the points went, most first, the chart, the jumps."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt
from results_helpers import fill, open_tab, open_window
from results_sheets import import_results, results_areas, results_full

from db.models_results import NodeAssignment
from desktop.core.evidence.documents import nodes_by_code
from desktop.ui.results.losses_tab import LossesTab


@pytest.fixture
def window(qtbot, ws, tmp_path):
    fill(ws)
    import_results(ws, results_full(tmp_path / "kq-2023.xlsx"), 2023)
    with ws.transaction() as s:
        for code, officer in (("1", "Văn phòng - Thống kê"), ("3.5.1", "Tư pháp - Hộ tịch")):
            (node,) = nodes_by_code(s, 2023, [code])
            s.add(NodeAssignment(node_id=node.id, officer=officer))
    return open_window(qtbot, ws)


@pytest.fixture
def tab(window, qtbot) -> LossesTab:
    return open_tab(qtbot, window, Qt.Key.Key_5, LossesTab)


def test_losses_most_first_with_chart_and_officers(tab, qtbot):
    assert [r.code for r in tab.shown_rows()] == [
        "9",
        "1.4.2",
        "1.3.3",
        "1.5",
        "3.5.1",
        "4.2",
        "10",
        "5.4.3.4",
        "7.2",
    ]
    first = tab.loss_model.texts()[tab.loss_model.rows.index(tab.shown_rows()[1])]
    assert first[:6] == ["1.4.2", first[1], "1", "1,5", "0", "1,5"]
    assert first[8] == "Văn phòng - Thống kê"  # inherited from the area
    assert "tổng 90,963/100, xếp hạng 9/20" in tab.summary.text()
    assert "Bị mất <b>9,037</b> điểm ở 9 mục" in tab.summary.text()
    # ten appraised areas, the one that lost most first
    assert tab.chart.bar_count == 10
    assert [b.code for b in tab.chart.bars[:3]] == ["1", "9", "3"]
    assert tab.chart.bars[0].value_text == "11,5/15  (−3,5)"
    officers = tab.officer_model.texts()
    assert officers == [
        ["(chưa phân công)", "4,537", "9, 4.2, 10, 5.4.3.4, 7.2"],
        ["Văn phòng - Thống kê", "3,5", "1.4.2, 1.3.3, 1.5"],
        ["Tư pháp - Hộ tịch", "1", "3.5.1"],
    ]
    assert tab.full_label.text().startswith("43 mục được chấm điểm tối đa")
    tab.plan_button.click()
    assert type(tab.window_.tabs.currentWidget()).__name__ == "PlanTab"


def test_clicking_a_bar_filters_the_list_and_again_clears(tab, qtbot):
    tab.resize(1300, 700)
    i = next(i for i, b in enumerate(tab.chart.bars) if b.code == "1")
    centre = tab.chart.bar_rect(i).center().toPoint()
    qtbot.mouseClick(tab.chart, Qt.MouseButton.LeftButton, pos=centre)
    assert [r.code for r in tab.shown_rows()] == ["1.4.2", "1.3.3", "1.5"]
    assert "chỉ lĩnh vực 1. Công tác chỉ đạo" in tab.filter_label.text()
    assert tab.clear_filter.isVisible()
    qtbot.mouseClick(tab.chart, Qt.MouseButton.LeftButton, pos=centre)
    assert len(tab.shown_rows()) == 9 and not tab.clear_filter.isVisible()
    # a click on the "Mã" header sorts by code (1.5 before 10)
    header = tab.loss_view.horizontalHeader()
    at = QPoint(header.sectionViewportPosition(0) + 5, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert [r.code for r in tab.shown_rows()][:4] == ["1.3.3", "1.4.2", "1.5", "3.5.1"]
    assert tab.shown_rows()[-1].code == "10"


def test_officer_row_filters_and_a_loss_row_opens_the_criterion(window, tab, qtbot):
    view = tab.officer_view
    row = next(i for i, t in enumerate(tab.officer_model.texts()) if t[0] == "Tư pháp - Hộ tịch")
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert [r.code for r in tab.shown_rows()] == ["3.5.1"]
    tab.clear_filter.click()

    view = tab.loss_view
    view.setFocus()
    view.setCurrentIndex(view.model().index(1, 0))  # 1.4.2
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.catalog_tab  # Bộ tiêu chí (after Việc cần làm)
    current = window.tree.view.currentIndex().siblingAtColumn(0)
    assert current.data() == "1.4.2"
    assert "Tiêu chí thành phần 1.4.2" in window.pane.toPlainText()


def test_year_over_year_per_area(window, qtbot, tmp_path):
    import_results(window.ws, results_areas(tmp_path / "kq-2022.xlsx"), 2022)
    window.refresh()
    tab = window.screens.open("LossesTab")
    rows = {t[0].split(".")[0]: t for t in tab.area_model.texts()}
    assert rows["1"][1:] == ["11,5/15", "3,5", "9/19", "11,84/15", "−0,34"]
    assert rows["6"][1:] == ["7/7", "", "12/12", "5/7", "+2"]
    assert tab.side_tabs.tabText(0) == "Theo lĩnh vực, so với năm 2022"
    # last year's score is marked on the bar when the maximum is the same
    bar = next(b for b in tab.chart.bars if b.code == "1")
    assert bar.previous == Decimal("11.84")


def test_a_year_without_results_says_what_to_do(window, qtbot):
    with qtbot.waitSignal(window.dataShown):
        window.year_combo.setCurrentIndex(window.year_combo.findData(2022))
    tab = window.screens.open("LossesTab")
    assert "chưa có kết quả thẩm định" in tab.summary.text()
    assert tab.chart.bar_count == 0 and tab.shown_rows() == []
    assert not tab.plan_button.isEnabled()


def test_self_score_against_appraised_shows_only_when_self_scored(window, tab, qtbot):
    from db.models import SelfScore

    assert [tab.area_view.isColumnHidden(c) for c in (4, 5)] == [True, True]  # no 2022 results
    hidden = [tab.loss_view.isColumnHidden(c) for c in (6, 7)]
    assert hidden == [True, True]  # nothing self-scored yet: no empty columns
    with window.ws.transaction() as s:
        (node,) = nodes_by_code(s, 2023, ["1.4.2"])
        s.add(SelfScore(node_id=node.id, score=Decimal("1.5")))
    with qtbot.waitSignal(window.dataShown):
        window.dataChanged.emit()
    assert [tab.loss_view.isColumnHidden(c) for c in (6, 7)] == [False, False]
    row = next(t for t in tab.loss_model.texts() if t[0] == "1.4.2")
    assert row[6:8] == ["1,5", "1,5"]  # self-scored 1,5, the district cut all of it
