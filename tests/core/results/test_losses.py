"""The loss list: lost points per sub-criterion, area, officer; self vs appraised; years."""

from __future__ import annotations

from decimal import Decimal

import pytest
from results_sheets import LOSSES, import_results, results_areas, results_full

from db.models import SelfScore
from db.models_results import NodeAssignment
from desktop.core.catalog.store import load_builtin
from desktop.core.evidence.documents import nodes_by_code
from desktop.core.results.losses import loss_report
from desktop.core.years.rollover import start_year


@pytest.fixture
def appraised_2023(ws, tmp_path):
    with ws.transaction() as s:
        load_builtin(s, 2023, "mau-minh-hoa")
        node = {n.code: n for n in nodes_by_code(s, 2023, ["1", "1.3.3", "1.4.2", "3.5.1"])}
        s.add(NodeAssignment(node_id=node["1"].id, officer="Văn phòng - Thống kê"))
        s.add(NodeAssignment(node_id=node["3.5.1"].id, officer="Tư pháp - Hộ tịch"))
        s.add(SelfScore(node_id=node["1.4.2"].id, score=Decimal("1.5")))
        s.add(SelfScore(node_id=node["1.3.3"].id, score=Decimal(0)))
    import_results(ws, results_full(tmp_path / "kq.xlsx"), 2023)


def test_loss_rows_sorted_by_points_at_stake(ws, appraised_2023):
    with ws.session() as s:
        report = loss_report(s, 2023)
    assert [(r.code, r.lost) for r in report.rows] == sorted(
        ((c, Decimal(v)) for c, v in LOSSES.items()), key=lambda cv: (-cv[1], cv[0])
    )
    assert report.lost_total == Decimal("9.037")
    row = {r.code: r for r in report.rows}
    assert row["4.2"].score == Decimal("2.2439") and row["4.2"].area_code == "4"
    assert row["5.4.3.4"].level == 4 and row["5.4.3.4"].area_title == "Cải cách chế độ công vụ"
    assert row["9"].level == 1  # survey areas are only published as a whole


def test_self_score_cut_and_responsible_officer(ws, appraised_2023):
    with ws.session() as s:
        report = loss_report(s, 2023)
    row = {r.code: r for r in report.rows}
    assert row["1.4.2"].self_score == Decimal("1.5") and row["1.4.2"].cut == Decimal("1.5")
    assert row["1.3.3"].cut is None  # self-scored 0 as well: the commune knew
    assert row["1.4.2"].responsible == "Văn phòng - Thống kê"  # inherited from area 1
    assert row["3.5.1"].responsible == "Tư pháp - Hộ tịch"
    officers = {o.officer: o for o in report.officers}
    assert officers["Văn phòng - Thống kê"].lost == Decimal("3.5")
    assert officers["Văn phòng - Thống kê"].codes == ("1.4.2", "1.3.3", "1.5")


def test_area_totals_and_full_marks(ws, appraised_2023):
    with ws.session() as s:
        report = loss_report(s, 2023)
    areas = {a.code: a for a in report.areas}
    assert (areas["1"].score, areas["1"].lost, areas["1"].rank) == (
        Decimal("11.5"),
        Decimal("3.5"),
        "9/19",
    )
    assert areas["2"].lost == 0
    assert {r.area_code for r in report.full_marks} >= {"2", "6", "8"}


def test_year_over_year_per_area_through_the_mapping(ws, tmp_path, initialized):
    import_results(ws, results_areas(tmp_path / "2022.xlsx"), 2022)
    with ws.transaction() as s:
        start_year(s, 2023, 2022)  # 2023 starts as a copy of 2022's areas
    import_results(ws, results_areas(tmp_path / "2023.xlsx", year=2023), 2023)
    with ws.session() as s:
        report = loss_report(s, 2023)
    area1 = report.areas[0]
    assert report.previous_year == 2022
    assert (area1.previous_score, area1.previous_codes, area1.change) == (
        Decimal("11.84"),
        ("1",),
        Decimal(0),
    )


def test_no_results_gives_an_empty_report(ws, initialized):
    with ws.session() as s:
        report = loss_report(s, 2022)
    assert report.rows == [] and report.total is None
    assert report.previous_year is None
