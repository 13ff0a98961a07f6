"""A period's figures against hand-counted answers (see tests/dossier_exports.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from dossier_exports import (
    BOTH_Q1,
    EXPORT1_Q1,
    EXPORT2_Q1,
    figure_subset,
    write_export1,
    write_export2,
)
from openpyxl import load_workbook

from desktop.core.dossiers import (
    FIGURE_KEYS,
    UNKNOWN_FIELD,
    calendar_quarter,
    compute_figures,
    custom_period,
    import_dossiers,
    list_dossiers,
    monthly,
    nd09_period,
    set_manual_figures,
    write_form06,
)

Q1 = nd09_period("q1", 2023)


@pytest.fixture
def export1(ws, tmp_path):
    with ws.transaction() as s:
        import_dossiers(s, write_export1(tmp_path / "e1.xlsx"))
    return ws


@pytest.fixture
def both(export1, tmp_path):
    with export1.transaction() as s:
        import_dossiers(s, write_export2(tmp_path / "e2.xlsx"))
    return export1


def _figures(ws, period=Q1):
    with ws.session() as s:
        return compute_figures(s, period)


def test_export1_q1_figures(export1):
    doc = _figures(export1).to_json()
    assert (doc["from"], doc["to"]) == ("2022-12-15", "2023-03-14")
    assert figure_subset(doc, EXPORT1_Q1) == EXPORT1_Q1


def test_export1_per_field_rows_like_form_06(export1):
    fig = _figures(export1)
    rows = {f.field: f.form06_cells() for f in fig.by_field}
    # received total, online, direct+postal, carried | resolved total, before, on due, late |
    # in progress total, in time, overdue
    assert rows == {
        "Chứng thực": [2, 0, 2, 0, 1, 0, 1, 0, 1, 0, 1],
        "Đất đai": [2, 2, 0, 0, 1, 0, 0, 1, 0, 0, 0],
        "Hộ tịch": [5, 2, 1, 2, 3, 2, 1, 0, 2, 1, 1],
    }
    assert fig.total.form06_cells() == [9, 4, 3, 2, 5, 2, 2, 1, 3, 1, 2]
    assert [f.field for f in fig.by_field] == ["Chứng thực", "Đất đai", "Hộ tịch"]


def test_export1_digital_indicators(export1):
    digital = _figures(export1).to_json()["digital"]
    assert digital["digitised_on_receipt"] == 4  # A01 A02 A04 A07 of 9 received
    assert digital["digitised_on_receipt_percent"] == 44.4
    assert digital["results_digitised"] == 3  # A02 A05 A07 of 5 resolved
    assert digital["results_digitised_percent"] == 60.0
    assert digital["e_certified"] == 1  # A07
    assert digital["online_payment_percent"] is None  # no such column, nothing entered


def test_export2_alone_and_both_exports(ws, tmp_path):
    with ws.transaction() as s:
        import_dossiers(s, write_export2(tmp_path / "e2.xlsx"))
    doc = _figures(ws).to_json()
    assert figure_subset(doc, EXPORT2_Q1) == EXPORT2_Q1
    assert doc["digital"]["paid_online"] == 1 and doc["digital"]["with_fee"] == 2
    assert doc["digital"]["online_payment_percent"] == 50.0
    assert doc["digital"]["online_payment_source"] == "export"
    assert doc["digital"]["fully_online"] == 1 and doc["digital"]["partly_online"] == 0
    assert doc["digital"]["digitised_on_receipt_percent"] is None
    with ws.transaction() as s:
        import_dossiers(s, write_export1(tmp_path / "e1.xlsx"))
    assert figure_subset(_figures(ws).to_json(), BOTH_Q1) == BOTH_Q1


def test_both_exports(both):
    doc = _figures(both).to_json()
    assert figure_subset(doc, BOTH_Q1) == BOTH_Q1
    assert doc["digital"]["results_digitised_percent"] == 37.5  # 3 of 8


def test_period_edges(both):
    # calendar Q1 2023: 1/1–31/3. New: A05 A06 A07 A08 A09 A10 A11 B01 B02 B03 (10);
    # carried: none (A01 A02 A04 resolved in December, A12 withdrawn)
    cal = _figures(both, calendar_quarter(1, 2023))
    assert cal.total["received.new"] == 10 and cal.total["received.carried_over"] == 0
    # one day: 14/03/2023 — A09 arrived at 23:59:59; A08 (resolved 12/03), A10 not yet
    day = _figures(both, custom_period("14/03/2023", "14/03/2023"))
    assert day.total["received.new"] == 1
    # carried into 14/03: A11 and B02 (open, overdue); A08 resolved 12/03 is not
    assert day.total["received.carried_over"] == 2
    assert day.total["in_progress.overdue"] == 2 and day.total["in_progress.in_time"] == 1
    # an empty period
    empty = _figures(both, custom_period("01/01/2010", "31/12/2010"))
    assert empty.by_field == [] and empty.total["received.total"] == 0
    assert empty.to_json()["resolved"]["late_percent"] == 0.0


@pytest.mark.parametrize(
    "period",
    [
        Q1,
        nd09_period("year", 2023),
        calendar_quarter(1, 2023),
        custom_period("16/12/2022", "05/01/2023"),
        custom_period("14/03/2023", "15/03/2023"),
    ],
)
def test_every_figure_lists_exactly_the_dossiers_it_counts(both, period):
    with both.session() as s:
        fig = compute_figures(s, period)
        for key in FIGURE_KEYS:
            assert len(list_dossiers(s, period, key)) == fig.total[key], key
        for row in fig.by_field:
            for key in FIGURE_KEYS:
                name = row.field
                assert len(list_dossiers(s, period, key, field_name=name)) == row[key], (name, key)


def test_dossiers_behind_a_figure(both):
    with both.session() as s:
        late = list_dossiers(s, Q1, "resolved.late")
        assert [d.code for d in late] == ["A01", "A05"]
        overdue = list_dossiers(s, Q1, "in_progress.overdue", field_name="Chứng thực")
        assert [d.code for d in overdue] == ["A11"]
        assert list_dossiers(s, Q1, "received.new", field_name=UNKNOWN_FIELD) == []


def test_manual_figures_are_kept_per_period(both):
    with both.transaction() as s:
        set_manual_figures(
            s,
            Q1,
            service_index=Decimal("65.67"),
            service_rank=14,
            service_rank_of=20,
            online_payment_rate=Decimal("84.89"),
        )
    doc = _figures(both).to_json()
    assert doc["manual"]["service_index"] == 65.67
    assert doc["manual"]["service_index_text"] == "65,67"
    assert (doc["manual"]["service_rank"], doc["manual"]["service_rank_of"]) == (14, 20)
    assert doc["digital"]["online_payment_percent"] == 84.89  # the portal's figure wins
    assert doc["digital"]["online_payment_source"] == "manual"
    assert _figures(both, calendar_quarter(1, 2023)).manual is None  # another period
    with both.transaction() as s:
        set_manual_figures(s, Q1, service_rank=13)  # the rest is kept
    fig = _figures(both)
    assert fig.manual.rank_text == "13/20" and fig.manual.service_index == Decimal("65.67")


def test_monthly_counts_for_a_chart(both):
    months = monthly(both.sessions(), Q1)
    assert [m.month for m in months] == [
        date(2022, 12, 1),
        date(2023, 1, 1),
        date(2023, 2, 1),
        date(2023, 3, 1),
    ]
    # new: Dec A04; Jan A05 A06 B01 B03; Feb A07 A11 B02; Mar A08 A09
    assert [m.received for m in months] == [1, 4, 3, 2]
    # resolved: Dec A01 A02 A04; Jan A05 B01 B03; Feb A07; Mar A08
    assert [(m.resolved, m.late) for m in months] == [(3, 1), (3, 1), (1, 0), (1, 0)]


def test_form06_export(both, tmp_path):
    out = write_form06(_figures(both), tmp_path / "bao-cao" / "bieu-06.xlsx", "UBND xã Đồng Tâm")
    sheet = load_workbook(out).active
    assert sheet["K1"].value == "Biểu số 06/VPCP/KSTT"
    assert "15/12/2022" in sheet["A4"].value and "14/03/2023" in sheet["A4"].value
    assert sheet["C8"].value == "Tổng số" and sheet["E8"].value == "Trực tiếp và dịch vụ bưu chính"
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=10, max_col=13)]
    assert rows[0] == [None, "Tổng số", 12, 5, 5, 2, 8, 3, 3, 2, 3, 1, 2]
    assert [r[1] for r in rows] == ["Tổng số", "Chứng thực", "Đất đai", "Hộ tịch"]
    assert sum(r[2] for r in rows[1:]) == 12
    assert "A7:B8" not in sheet.merged_cells  # STT and field are merged per column
    assert "A7:A8" in sheet.merged_cells
