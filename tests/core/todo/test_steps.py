"""``year_todo`` walks the year: right on an empty commune and after each step of seed 002."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from desktop.core.report.store import create_index_report, update_report
from desktop.core.todo.deadlines import deadlines, set_deadline
from desktop.core.todo.steps import STEP_KEYS, year_todo
from tests.report_seed import (
    PERIOD,
    YEAR,
    dossier_rows,
    fill_dossiers,
    fill_evidence,
    fill_profile_and_catalog,
    fill_results,
)


def _todo(ws, year=YEAR, today=None):
    with ws.session() as s:
        return year_todo(s, ws.store, year, today)


def _received(start: date, end: date) -> int:
    """Rows of the seed's export received within [start, end], read from their text."""
    days = [datetime.strptime(r[4], "%d/%m/%Y %H:%M:%S").date() for r in dossier_rows()]
    return sum(start <= d <= end for d in days)


def test_empty_commune_has_every_step_to_do(ws) -> None:
    todo = _todo(ws)
    assert [s.key for s in todo.steps] == list(STEP_KEYS)
    assert {s.state for s in todo.steps} == {"todo"}
    assert "Chưa có hồ sơ xã" in todo.step("profile").detail
    assert "chưa có bộ tiêu chí" in todo.step("catalog").detail


def test_each_step_of_seed_002_moves_its_step(ws, tmp_path) -> None:
    fill_profile_and_catalog(ws)
    todo = _todo(ws)
    assert todo.step("profile").state == "done"
    catalog = todo.step("catalog")
    assert catalog.state == "done" and "3395/QĐ-UBND" in catalog.detail
    assert todo.step("evidence").count == 0 and todo.step("evidence").total > 0
    assert todo.step("results").state == "todo"

    fill_evidence(ws, tmp_path)
    evidence = _todo(ws).step("evidence")
    assert evidence.count == 3  # 1.1.1, 1.4.1, 1.4.3
    assert f"3/{evidence.total} tiêu chí thành phần" in evidence.detail

    fill_results(ws)
    todo = _todo(ws)
    results = todo.step("results")
    assert results.state == "done"
    assert "87,75/100" in results.detail and "9/20" in results.detail
    plan = todo.step("plan")
    assert plan.state == "done" and plan.count and plan.total  # create_plan saved it

    assert _todo(ws).step("dossiers").state == "todo"
    fill_dossiers(ws, tmp_path)
    dossiers = _todo(ws).step("dossiers")
    # no report yet: the default period, quarter I of the next year (15/12/2022–14/3/2023)
    assert dossiers.state == "done"
    assert dossiers.count == _received(date(2022, 12, 15), date(2023, 3, 14))
    assert "15/12/2022–14/03/2023" in dossiers.detail

    with ws.transaction() as s:
        outcome = create_index_report(s, index_year=YEAR, period=PERIOD)
    todo = _todo(ws)
    report = todo.step("report")
    assert report.state == "attention" and "thiếu số, ngày" in report.detail
    # the report's own period (to 30/3/2023) now decides which dossiers count
    assert "15/12/2022–30/03/2023" in todo.step("dossiers").detail
    assert todo.step("dossiers").count == _received(date(2022, 12, 15), date(2023, 3, 30)) == 189

    with ws.transaction() as s:
        update_report(s, outcome.report.id, number="123", report_date="2023-04-04")
    report = _todo(ws).step("report")
    assert report.state == "todo" and "bản nháp" in report.detail
    assert _todo(ws).step("bundle").state == "todo"


def test_a_deadline_shows_days_left_and_calls_for_attention_when_close(ws) -> None:
    fill_profile_and_catalog(ws)
    today = date(2023, 1, 10)
    with ws.transaction() as s:
        set_deadline(s, YEAR, "self_assessment", today + timedelta(days=20))
    step = _todo(ws, today=today).step("self_assessment")
    assert step.state == "todo" and "còn 20 ngày" in step.detail and "20/01" not in step.detail
    assert step.deadline is not None and step.deadline.due == date(2023, 1, 30)
    step = _todo(ws, today=date(2023, 1, 27)).step("self_assessment")
    assert step.state == "attention" and "còn 3 ngày" in step.detail
    step = _todo(ws, today=date(2023, 2, 2)).step("self_assessment")
    assert step.state == "attention" and "quá hạn 3 ngày" in step.detail
    with ws.transaction() as s:
        set_deadline(s, YEAR, "self_assessment", None)
        assert deadlines(s, YEAR) == {}
    assert "hạn" not in _todo(ws, today=today).step("self_assessment").detail.split("(")[-1]


def test_a_report_missing_figures_calls_for_attention(ws) -> None:
    from desktop.core.report.store import report_data

    fill_profile_and_catalog(ws)  # no results, no dossiers yet
    with ws.transaction() as s:
        outcome = create_index_report(
            s, index_year=YEAR, period=PERIOD, number="123", report_date=date(2023, 4, 4)
        )
        problems = report_data(s, outcome.report.id).problems
    assert problems
    report = _todo(ws).step("report")
    assert report.state == "attention"
    assert f"còn thiếu {len(problems)} số liệu" in report.detail
