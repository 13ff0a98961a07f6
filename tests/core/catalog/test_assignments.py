"""Giving a criterion or sub-criterion to an officer (người phụ trách) and where it shows."""

from __future__ import annotations

import pytest
from results_sheets import import_results, results_full

from base.errors import NotFoundError
from desktop.core.catalog.assignments import assignment_of, officer_names, set_assignment
from desktop.core.catalog.store import load_builtin
from desktop.core.results.losses import loss_report


@pytest.fixture
def appraised(ws, tmp_path, initialized):
    with ws.transaction() as s:
        load_builtin(s, 2023, "mau-minh-hoa")
    import_results(ws, results_full(tmp_path / "kq.xlsx"), 2023)
    return ws


def test_assign_change_and_clear(appraised):
    ws = appraised
    with ws.transaction() as s:
        set_assignment(s, 2023, "1.3.3", "  Lê   Văn C ")
    with ws.session() as s:
        assert assignment_of(s, 2023, "1.3.3") == "Lê Văn C"
        assert officer_names(s, 2023) == ["Lê Văn C", "Trần Thị B"]  # with the profile's
        rows = {r.code: r for r in loss_report(s, 2023).rows}
    assert rows["1.3.3"].responsible == "Lê Văn C"
    with ws.transaction() as s:
        set_assignment(s, 2023, "1.3", "Phạm Thị D")  # a criterion: its children follow
        set_assignment(s, 2023, "1.3.3", "")
    with ws.session() as s:
        assert assignment_of(s, 2023, "1.3.3") == ""
        assert {r.code: r for r in loss_report(s, 2023).rows}["1.3.3"].responsible == "Phạm Thị D"


def test_unknown_code_is_refused(appraised):
    with pytest.raises(NotFoundError, match="9.9.9"), appraised.transaction() as s:
        set_assignment(s, 2023, "9.9.9", "Lê Văn C")


def test_cli_assign_show_and_clear(cli, appraised):
    r = cli("assign", "1.4.2", "Lê Văn C", "--year", "2023")
    assert r.code == 0 and "1.4.2 năm 2023: người phụ trách Lê Văn C." in r.out
    assert cli("assign", "1.4.2", "--year", "2023", "--json").json() == {
        "year": 2023,
        "code": "1.4.2",
        "officer": "Lê Văn C",
    }
    assert "chưa giao" in cli("assign", "1.4.2", "", "--year", "2023").out
    r = cli("assign", "9.9.9", "Lê Văn C", "--year", "2023")
    assert r.code == 1 and "9.9.9" in r.err
