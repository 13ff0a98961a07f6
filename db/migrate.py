"""Bring a data folder's database to the current schema with Alembic, keeping a copy of
the old file first. Imported only when a migration is due (Alembic is slow to import).

Run ``python -m db.migrate new "message"`` to autogenerate a new migration (developers).
"""

from __future__ import annotations

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from base.errors import CorruptDatabaseError
from db import revisions
from db.dbfile import BACKUP_DIR_NAME, KEEP, backup_copy, quick_check  # noqa: F401
from db.engine import write_transaction


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(revisions.MIGRATIONS_DIR))
    return cfg


def upgrade(engine: Engine, db_path: Path, current: str | None) -> Path | None:
    """Apply the migrations after ``current``; returns the pre-migration copy, if any."""
    backup = None
    if current is not None:
        problems = quick_check(db_path)
        if problems != ["ok"]:
            raise CorruptDatabaseError(
                f"Cơ sở dữ liệu {db_path} bị hỏng: {'; '.join(problems[:3])}. {KEEP}"
            )
        backup = backup_copy(engine, db_path, f"truoc-nang-cap-{current}")
    cfg = alembic_config()
    with write_transaction(engine) as conn:  # a second program creating it waits, then sees it
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return backup


def restamp_if_current(engine: Engine, db_path: Path) -> bool:
    """An emptied ``alembic_version`` over tables exactly like the current models': write
    the head revision back (after a copy). False, changing nothing, when they differ."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from db import models  # noqa: F401  (registers the tables)
    from db.base import Base
    from db.schema_compare import compare_type

    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": compare_type})
        if compare_metadata(ctx, Base.metadata):
            return False
    backup_copy(engine, db_path, "truoc-nang-cap-ghi-lai-phien-ban")
    with write_transaction(engine) as conn:
        conn.exec_driver_sql("DELETE FROM alembic_version")
        conn.exec_driver_sql(
            "INSERT INTO alembic_version (version_num) VALUES (?)", (revisions.head(),)
        )
    return True


def _new_revision(message: str) -> None:  # pragma: no cover - developer tool
    import tempfile

    from db.engine import make_engine

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dev.sqlite3"
        engine = make_engine(path)
        upgrade(engine, path, None)
        cfg = alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.revision(cfg, message=message, autogenerate=True)
        engine.dispose()


if __name__ == "__main__":  # pragma: no cover
    if len(sys.argv) == 3 and sys.argv[1] == "new":
        _new_revision(sys.argv[2])
    else:
        print('usage: python -m db.migrate new "message"')
        sys.exit(2)
