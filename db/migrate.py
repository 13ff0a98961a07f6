"""Bring a data folder's database to the current schema with Alembic, keeping a copy of
the old file first. Imported only when a migration is due (Alembic is slow to import).

Run ``python -m db.migrate new "message"`` to autogenerate a new migration (developers).
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from db import revisions
from db.dbfile import KEEP, quick_check
from desktop.core.errors import CorruptDatabaseError

BACKUP_DIR_NAME = "backups"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(revisions.MIGRATIONS_DIR))
    return cfg


def backup_copy(engine: Engine, db_path: Path, label: str) -> Path:
    """Copy the live database with SQLite's online backup (consistent even under WAL)."""
    backup_dir = db_path.parent / BACKUP_DIR_NAME
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backup_dir / f"{db_path.stem}-{label}-{stamp}.sqlite3"
    n = 1
    while target.exists():
        n += 1
        target = backup_dir / f"{db_path.stem}-{label}-{stamp}-{n}.sqlite3"
    raw = engine.raw_connection()
    try:
        dest = sqlite3.connect(target)
        try:
            raw.driver_connection.backup(dest)
        finally:
            dest.close()
    finally:
        raw.close()
    return target


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
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return backup


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
