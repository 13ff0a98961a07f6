"""Migration 0002 (dossier tables) matches the models and the stamp type round-trips."""

from __future__ import annotations

from datetime import datetime

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from db.base import Base
from db.migrate import alembic_config
from db.models_dossiers import from_stamp, stamp_of
from desktop.core.workspace import open_workspace


def test_autogenerate_finds_nothing_after_upgrade(ws):
    with ws.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(ctx, Base.metadata) == []
        tables = set(inspect(conn).get_table_names())
    assert {
        "dossier",
        "dossier_import",
        "dossier_mapping_profile",
        "dossier_manual_figures",
    } <= tables


def test_downgrade_to_0001_drops_only_the_dossier_tables(tmp_path):
    ws = open_workspace(tmp_path / "d")
    try:
        cfg = alembic_config()
        with ws.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0001")
        with ws.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
        assert "dossier" not in tables and "catalog" in tables
    finally:
        ws.close()


def test_stamps_are_readable_integers():
    moment = datetime(2023, 3, 14, 23, 59, 59)
    assert stamp_of(moment) == 20230314235959
    assert from_stamp(20230314235959) == moment
