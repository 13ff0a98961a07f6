"""The results/plan tables: migration matches the models, exact 4-decimal scores."""

from __future__ import annotations

from decimal import Decimal

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Integer, inspect, text

from db.base import Base, Points
from db.migrate import head_revision
from db.models_results import AppraisalResult, AppraisedScore
from desktop.core.catalog import load_builtin
from desktop.core.evidence import nodes_by_code

NEW_TABLES = {
    "appraisal_result",
    "appraised_score",
    "node_assignment",
    "code_mapping",
    "remediation_plan",
    "remediation_row",
}


def _compare_type(context, inspected, metadata_column, inspected_type, metadata_type):
    """The rule of db/migrations/env.py: Points columns are plain integers on disk."""
    if isinstance(metadata_type, Points):
        return not isinstance(inspected_type, Integer)
    return None


def test_migration_creates_the_tables_and_autogenerate_finds_nothing(ws):
    with ws.engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) >= NEW_TABLES
        ctx = MigrationContext.configure(conn, opts={"compare_type": _compare_type})
        assert ctx.get_current_revision() == head_revision()
        assert compare_metadata(ctx, Base.metadata) == []


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
