"""The reads the report needs run without SQLAlchemy: the plain-SQL readers import none of
it, and give the same answer from a plain connection as from an ORM session (the GUI's
path), with the figures of seed 002 (total 87,75/100, area 1: 11,84/15 rank 9/19)."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest
from report_seed import YEAR, fill_seed_002

from desktop.core.catalog.assignments import set_assignment
from desktop.core.catalog.node_rules import set_bonus
from desktop.core.catalog.read import catalog_id_for_year, catalog_info, catalog_years
from desktop.core.catalog.store import load_builtin
from desktop.core.report.data import gather
from desktop.core.results.losses import loss_report, responsible_officers, self_scores
from desktop.core.results.plan_read import (
    default_attachment,
    draft_plan,
    numbered,
    plan_for_export,
    plan_info,
    plan_row,
    plan_rows,
)
from desktop.core.results.read import results_info
from desktop.core.results.store import set_result
from desktop.core.scoring.rollup import score_tree
from desktop.core.scoring.scores import set_na_rule, set_score
from desktop.core.scoring.scores_read import bonus_ids, na_rule_of
from desktop.core.years.mapping import area_mapping, mapping_rows
from desktop.core.years.profile_read import get_profile
from desktop.core.years.read import former_communes, year_settings
from desktop.core.years.store import set_former_communes, set_year

LIGHT = [
    "desktop.core.years.profile_read",
    "desktop.core.years.read",
    "desktop.core.catalog.read",
    "desktop.core.results.read",
    "desktop.core.scoring.scores_read",
    "desktop.core.scoring.rollup",
    "desktop.core.years.mapping",
    "desktop.core.results.losses",
    "desktop.core.results.plan_read",
    "desktop.core.years.view",
    "desktop.core.years.overview",
    "desktop.core.records",
    "desktop.core.office.vnformat",
    "desktop.core.office.text",
    "desktop.core.years.eras",
    "desktop.core.scoring.rules",
    "desktop.core.scoring.calc",
]
HEAVY = ("sqlalchemy", "alembic", "openpyxl", "PySide6", "python_calamine")


def test_the_readers_import_no_sqlalchemy() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in LIGHT)
        + f"print(sorted({{m for m in sys.modules if m.split('.')[0] in {HEAVY!r}}}))\n"
        + "print(sorted(m for m in sys.modules if m.startswith(('db.models', 'db.base'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines() == ["[]", "[]"]


@pytest.fixture
def seeded(ws, tmp_path):
    """Seed 002, with a year before it (2021, area 1 at 10,5), self-scores, an officer,
    a former commune, the year's appraising body and a rule for "không áp dụng"."""
    fill_seed_002(ws, tmp_path)
    with ws.transaction() as s:
        load_builtin(s, 2021, "mau-minh-hoa")
        set_result(s, 2021, "1", Decimal("10.5"), rank="12/20")
        set_bonus(s, 2021, "1")
        set_score(s, YEAR, "1.2.1", Decimal("1"))
        set_score(s, YEAR, "1.3.2", None, applicable=False)
        set_assignment(s, YEAR, "1", "Văn phòng - Thống kê")
        set_na_rule(s, YEAR, "full")
        set_former_communes(s, ["Đồng Lạc"])
        set_year(s, YEAR, appraiser="UBND huyện Ninh Giang")
    return ws


def _reads(src):
    info = results_info(src, YEAR)
    plan = plan_info(src, YEAR)
    cid = catalog_id_for_year(src, YEAR)
    return {
        "profile": get_profile(src),
        "settings": [year_settings(src, y) for y in (2021, YEAR, 2025, 2026)],
        "former": former_communes(src),
        "catalog": catalog_info(src, YEAR),
        "catalog ids": [catalog_id_for_year(src, y) for y in (2021, YEAR, 2023)],
        "years": catalog_years(src),
        "results": info,
        "previous results": results_info(src, 2021),
        "rule": na_rule_of(src, cid),
        "bonus": (bonus_ids(src, cid), bonus_ids(src, catalog_id_for_year(src, 2021))),
        "scores": score_tree(src, YEAR),
        "self scores": self_scores(src, info),
        "officers": responsible_officers(src, info),
        "mapping": mapping_rows(src, 2021, YEAR),
        "areas": area_mapping(src, 2021, YEAR),
        "losses": loss_report(src, YEAR),
        "plan": plan,
        "rows": plan_rows(src, _plan_id(src)),
        "row": plan_row(src, plan.rows[0].id),
        "draft": draft_plan(src, YEAR),
        "export": plan_for_export(src, YEAR),
        "attachment": default_attachment(src, YEAR),
        "report": gather(src, YEAR, None),
    }


def _plan_id(src) -> int:
    from db.sqlconn import value

    return value(src, "SELECT id FROM remediation_plan WHERE year = ?", (YEAR,))


def test_a_connection_reads_what_a_session_reads(seeded) -> None:
    with seeded.session() as s:
        from_session = _reads(s)
    with seeded.connection() as conn:
        from_connection = _reads(conn)
    for key, value in from_session.items():
        assert from_connection[key] == value, key


def test_the_figures_a_user_sees(seeded) -> None:
    with seeded.connection() as conn:
        profile = get_profile(conn)
        assert profile.place_line == "Xã Đồng Tâm, Ninh Giang, Hải Dương"
        assert profile.chairman == "Nguyễn Văn Hùng"
        assert year_settings(conn, YEAR).appraiser == "UBND huyện Ninh Giang"
        assert year_settings(conn, YEAR).confirmed
        assert year_settings(conn, 2025).appraiser == "Sở Nội vụ tỉnh Hải Dương"
        assert former_communes(conn) == ["Đồng Lạc"]
        catalog = catalog_info(conn, YEAR)
        assert (catalog.decision_number, catalog.total_points) == ("3395/QĐ-UBND", 100)
        assert catalog_id_for_year(conn, 2030) is None and catalog_years(conn) == [2021, YEAR]

        results = results_info(conn, YEAR)
        assert results.total_text == "87,75/100" and results.total_rank == "9/20"
        areas = results.by_code()
        assert (areas["1"].score, areas["1"].rank, areas["1"].lost) == (
            Decimal("11.84"),
            "9/19",
            Decimal("3.16"),
        )
        assert areas["8"].score == Decimal("1.577")
        assert results.group_label == "hoàn thành tốt nhiệm vụ"

        tree = score_tree(conn, YEAR)
        assert tree.rule.name == "full"
        assert tree.by_code["1.2.1"].self_score == Decimal("1")
        assert tree.with_evidence == 3  # 1.1.1, 1.4.1, 1.4.3
        assert bonus_ids(conn, catalog_id_for_year(conn, 2021)) == {
            n.id for n in catalog_info(conn, 2021).nodes if n.code == "1"
        }

        losses = loss_report(conn, YEAR)
        row = {r.code: r for r in losses.rows}
        assert row["1.2.1"].lost == Decimal("0.16") and row["1.2.1"].self_score == 1
        assert row["1.3.2"].responsible == "Văn phòng - Thống kê"  # the area's officer
        area = {a.code: a for a in losses.areas}["1"]
        assert (losses.previous_year, area.previous_score, area.change) == (
            2021,
            Decimal("10.5"),
            Decimal("1.34"),
        )
        assert area_mapping(conn, 2021, YEAR)["1"] == ["1"]

        plan = plan_for_export(conn, YEAR)
        assert plan.saved and plan.year == YEAR
        first = numbered(plan.rows)[0]
        assert first.stt == "1" and first.cells()[2] == "1.2.1"
        assert default_attachment(conn, YEAR) == (
            "(Kèm theo Kế hoạch số      /KH-UBND ngày      /      /2023 của UBND xã Đồng Tâm)"
        )

        data = gather(conn, YEAR, None)
        assert data.problems == [] and data.results.total == Decimal("87.75")
        assert data.appraiser.name == "UBND huyện Ninh Giang"
