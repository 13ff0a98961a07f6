"""A period's dossier figures are read without SQLAlchemy (the report's path), and give
the same answer from a plain connection as from an ORM session."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import desktop.core.dossiers as dossiers
from desktop.core.dossiers import FIGURE_KEYS, compute_figures, list_dossiers, monthly
from desktop.core.dossiers.manual_read import get_manual_figures
from desktop.core.office.vnformat import format_points
from tests.report_seed import PERIOD, fill_seed_002

HEAVY = ("sqlalchemy", "alembic", "openpyxl", "PySide6", "python_calamine")
LIGHT_MODULES = (
    "desktop.core.dossiers",
    "desktop.core.dossiers.periods",
    "desktop.core.dossiers.figures",
    "desktop.core.dossiers.stats",
    "desktop.core.dossiers.manual_read",
)
LDTBXH = "Lao động - Thương binh và Xã hội"


def test_figures_modules_load_without_sqlalchemy():
    code = (
        f"import sys, {', '.join(LIGHT_MODULES)}\n"
        "from desktop.core.dossiers import compute_figures, custom_period, DossierFigures\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_package_names_load_on_first_use():
    assert set(dossiers.__all__) == set(dossiers._SOURCES)
    assert set(dossiers.__all__) <= set(dir(dossiers))
    for name in dossiers.__all__:
        assert getattr(dossiers, name) is not None, name
    from desktop.core.dossiers.manual import get_manual_figures as old_path

    assert old_path is get_manual_figures


def test_seed_figures_from_a_connection_match_the_session(ws, tmp_path):
    fill_seed_002(ws, tmp_path)
    with ws.session() as s:
        by_session = compute_figures(s, PERIOD)
        listed_s = {k: list_dossiers(s, PERIOD, k) for k in FIGURE_KEYS}
        late_s = list_dossiers(s, PERIOD, "resolved.late", field_name=LDTBXH)
        months_s = monthly(s, PERIOD)
    with ws.connection() as conn:
        by_conn = compute_figures(conn, PERIOD)
        listed_c = {k: list_dossiers(conn, PERIOD, k) for k in FIGURE_KEYS}
        late_c = list_dossiers(conn, PERIOD, "resolved.late", field_name=LDTBXH)
        months_c = monthly(conn, PERIOD)

    assert by_conn == by_session
    assert by_conn.to_json() == by_session.to_json()
    assert listed_c == listed_s
    assert late_c == late_s
    assert months_c == months_s

    # What the officer counted by hand for 15/12/2022 – 30/03/2023.
    t = by_conn.total
    assert t["received.total"] == 192
    assert (t["received.online"], t["received.direct"], t["received.carried_over"]) == (186, 3, 3)
    assert (t["resolved.total"], t["resolved.on_time"], t["resolved.late"]) == (191, 190, 1)
    assert t["in_progress.total"] == 1
    assert t.late_percent == Decimal("0.5")
    assert by_conn.rate(
        "digital.digitised_received", "received.total", "digital.digitised_received_known"
    ) == Decimal("97.9")
    assert by_conn.rate(
        "digital.results_digitised", "resolved.total", "digital.results_digitised_known"
    ) == Decimal("87.4")
    assert (t["digital.fully_online"], t["digital.partly_online"]) == (19, 167)
    assert t["digital.e_certified"] == 74
    late_fields = [f.field for f in by_conn.by_field if f["resolved.late"]]
    assert late_fields == [LDTBXH]
    assert len(late_c) == 1 and late_c[0].field == LDTBXH
    assert late_c[0].result_at > late_c[0].due_at
    assert sum(m.received for m in months_c) == t["received.new"]
    assert sum(m.late for m in months_c) == 1

    manual = by_conn.manual
    assert manual is not None
    assert format_points(manual.service_index) == "65,67"
    assert manual.rank_text == "14/20"
    assert by_conn.online_payment_rate == (Decimal("84.89"), "manual")


def test_a_session_reads_its_own_pending_manual_figures(ws, tmp_path):
    fill_seed_002(ws, tmp_path)
    from db.models_dossiers import DossierManualFigures
    from desktop.core.dossiers import custom_period, set_manual_figures

    q2 = custom_period("31/03/2023", "30/06/2023")
    with ws.transaction() as s:
        set_manual_figures(s, PERIOD, service_rank=12, note="sửa theo cổng")
        s.add(DossierManualFigures(date_from=q2.start, date_to=q2.end, service_rank=3, note=""))
        assert get_manual_figures(s, q2).rank_text == "3"  # not flushed yet: still seen
        assert get_manual_figures(s, PERIOD).rank_text == "12/20"
        ids = s.connection().exec_driver_sql("SELECT id FROM dossier_manual_figures").all()
        assert len(ids) == 2  # the period's row was updated, not added again
    with ws.connection() as conn:
        manual = get_manual_figures(conn, PERIOD)
        assert get_manual_figures(conn, custom_period("01/01/2023", "31/03/2023")) is None
    assert (manual.rank_text, manual.note) == ("12/20", "sửa theo cổng")
    assert format_points(manual.service_index) == "65,67"
