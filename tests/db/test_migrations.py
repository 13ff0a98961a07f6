"""Models and migrations agree; migrations keep a copy; bad database files are refused."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from base.errors import CorruptDatabaseError, DatabaseTooNewError
from db import revisions
from db.base import Base
from db.dbfile import DB_FILE_NAME
from db.migrate import alembic_config
from db.schema_compare import compare_type
from desktop.core.workspace import open_workspace


def test_revision_scan_agrees_with_alembic() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    assert revisions.chain() == {r.revision: r.down_revision for r in script.walk_revisions()}
    assert [revisions.head()] == list(script.get_heads())


def test_autogenerate_finds_nothing(ws) -> None:
    assert ws.migration_backup is None  # a new database needs no copy
    with ws.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": compare_type})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_pragmas_foreign_keys_wal_full(ws) -> None:
    with ws.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def _set_revision(db: Path, rev: str) -> None:
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = ?", (rev,))
    con.commit()
    con.close()


def _newer_migration(tmp_path: Path, monkeypatch) -> None:
    """A newer app version: one more migration after the current head."""
    scripts = tmp_path / "migrations"
    shutil.copytree(revisions.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    old_head = revisions.head()
    (scripts / "versions" / "9000_newer.py").write_text(
        f"""
import sqlalchemy as sa
from alembic import op

revision = "9000"
down_revision = {old_head!r}
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("newer_feature", sa.Column("id", sa.Integer, primary_key=True))


def downgrade():
    op.drop_table("newer_feature")
""",
        encoding="utf-8",
    )
    monkeypatch.setattr(revisions, "MIGRATIONS_DIR", scripts)


def test_upgrade_keeps_a_copy_of_the_old_file(tmp_path: Path, monkeypatch) -> None:
    """A newer app version adds a migration: the old file is copied before it is upgraded."""
    data = tmp_path / "data"
    ws = open_workspace(data)
    with ws.transaction() as s:
        from desktop.core.catalog.store import load_builtin

        load_builtin(s, 2022)
    ws.close()
    old_head = revisions.head()
    _newer_migration(tmp_path, monkeypatch)
    ws = open_workspace(data)
    backup = ws.migration_backup
    with ws.engine.connect() as conn:
        tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    ws.close()
    assert "newer_feature" in tables and version == "9000"
    assert backup is not None and backup.parent == data / "backups"
    con = sqlite3.connect(backup)
    old_version = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    areas = con.execute("SELECT count(*) FROM catalog_node").fetchone()[0]
    con.close()
    assert old_version == old_head and areas == 10


def test_database_from_newer_app_is_refused_untouched(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path)
    ws.close()
    db = tmp_path / DB_FILE_NAME
    _set_revision(db, "9999_future")
    before = db.read_bytes()
    with pytest.raises(DatabaseTooNewError) as exc:
        open_workspace(tmp_path)
    assert "phiên bản Sổ CCHC mới hơn" in str(exc.value)
    assert db.read_bytes() == before


def test_corrupt_file_is_refused_and_not_overwritten(tmp_path: Path) -> None:
    db = tmp_path / DB_FILE_NAME
    db.write_bytes(b"this is not a database at all" * 100)
    before = db.read_bytes()
    with pytest.raises(CorruptDatabaseError) as exc:
        open_workspace(tmp_path)
    assert "không ghi đè" in str(exc.value)
    assert db.read_bytes() == before


def test_truncated_sqlite_file_is_refused(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path)
    with ws.transaction() as s:
        from desktop.core.catalog.store import load_builtin

        load_builtin(s, 2022, "mau-minh-hoa")
    ws.close()
    db = tmp_path / DB_FILE_NAME
    data = db.read_bytes()
    db.write_bytes(data[:100] + b"\x00" * 50 + data[150:4096])
    with pytest.raises(CorruptDatabaseError):
        open_workspace(tmp_path)


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / DB_FILE_NAME
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE other (x)")
    con.commit()
    con.close()
    with pytest.raises(CorruptDatabaseError) as exc:
        open_workspace(tmp_path)
    assert "không phải của Sổ CCHC" in str(exc.value)


def _empty_version_table(data_dir: Path) -> None:
    con = sqlite3.connect(data_dir / DB_FILE_NAME)
    con.execute("DELETE FROM alembic_version")
    con.commit()
    con.close()


def test_an_emptied_version_table_is_healed_when_the_schema_is_current(cli, initialized, data_dir):
    _empty_version_table(data_dir)
    r = cli("check")
    assert r.code == 0, r.err
    assert "Traceback" not in r.err
    con = sqlite3.connect(data_dir / DB_FILE_NAME)
    assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [
        (revisions.head(),)
    ]
    con.close()
    assert list((data_dir / "backups").glob("so-cchc-truoc-nang-cap-*.sqlite3"))


def test_an_emptied_version_table_over_another_schema_is_refused_in_vietnamese(
    cli, initialized, data_dir
):
    _empty_version_table(data_dir)
    con = sqlite3.connect(data_dir / DB_FILE_NAME)
    con.execute("ALTER TABLE commune_profile ADD COLUMN la_cot_la TEXT")
    con.commit()
    con.close()
    before = (data_dir / DB_FILE_NAME).read_bytes()
    r = cli("check")
    assert r.code == 1 and "Traceback" not in r.err
    assert "không ghi số phiên bản" in r.err
    assert (data_dir / DB_FILE_NAME).read_bytes() == before


def test_an_upgrade_needs_the_folder_alone(tmp_path: Path, monkeypatch, holders) -> None:
    from base.errors import FolderBusyError
    from desktop.core import folderlock

    data = tmp_path / "data"
    open_workspace(data).close()
    old_head = revisions.head()
    _newer_migration(tmp_path, monkeypatch)
    monkeypatch.setattr(folderlock, "WAIT_SECONDS", 0.2)
    other = holders("register", data)
    with pytest.raises(FolderBusyError, match="lệnh thử"):
        open_workspace(data)
    con = sqlite3.connect(data / DB_FILE_NAME)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (old_head,)
    con.close()
    other.release()
    open_workspace(data).close()
