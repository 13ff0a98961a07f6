"""The results/plan tables: created by migration 0004, exact 4-decimal scores."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import inspect, text

from db import revisions
from db.models_results import AppraisalResult, AppraisedScore
from desktop.core.catalog.store import load_builtin
from desktop.core.evidence.documents import nodes_by_code

NEW_TABLES = {
    "appraisal_result",
    "appraised_score",
    "node_assignment",
    "code_mapping",
    "remediation_plan",
    "remediation_row",
}


def test_migration_0004_creates_the_tables(ws):
    # tests/db/test_migrations.py checks that autogenerate finds nothing for all tables
    with ws.engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) >= NEW_TABLES
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    assert version == revisions.head() and "0004" in revisions.chain()


def test_published_scores_keep_four_decimals_and_go_with_their_node(ws):
    with ws.transaction() as s:
        load_builtin(s, 2023, "mau-minh-hoa")
        (node,) = nodes_by_code(s, 2023, ["4.2"])
        result = AppraisalResult(year=2023, total=Decimal("87.7500"))
        s.add(result)
        s.flush()
        s.add(AppraisedScore(node_id=node.id, result_id=result.id, score=Decimal("0.2439")))
        node_id = node.id
    with ws.session() as s:
        assert s.get(AppraisedScore, node_id).score == Decimal("0.2439")
        raw = s.execute(text("SELECT score FROM appraised_score")).scalar_one()
        assert raw == 2439  # stored as integer ten-thousandths
    with ws.transaction() as s:
        s.execute(text("DELETE FROM catalog_node WHERE code = '4.2'"))
    with ws.session() as s:
        assert s.get(AppraisedScore, node_id) is None
