"""Open a data folder's database: check it, keep a copy, apply Alembic migrations.

Run ``python -m db.migrate new "message"`` to autogenerate a new migration (developers).
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from db.engine import make_engine
from desktop.core.errors import CorruptDatabaseError, DatabaseError, DatabaseTooNewError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_HEADER = b"SQLite format 3\x00"
BACKUP_DIR_NAME = "backups"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have exactly one head, found {heads}")
    return heads[0]


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def _check_file(db_path: Path) -> None:
    """Refuse a file that is not an SQLite database or fails its quick check."""
    try:
        with db_path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise DatabaseError(
            f"Không đọc được tệp cơ sở dữ liệu {db_path}: {exc.strerror or exc}."
        ) from exc
    if len(header) == 0:
        return  # an empty file: SQLite treats it as a new database
    if header != SQLITE_HEADER:
        raise CorruptDatabaseError(
            f"Tệp {db_path} không phải cơ sở dữ liệu của Sổ CCHC hoặc đã bị hỏng. "
            "Ứng dụng không ghi đè tệp này; hãy khôi phục từ bản sao lưu "
            "hoặc chọn thư mục dữ liệu khác."
        )
    try:
        con = sqlite3.connect(f"file:{db_path.as_posix()}?mode=ro", uri=True)
        try:
            rows = con.execute("PRAGMA quick_check").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(
            f"Cơ sở dữ liệu {db_path} bị hỏng ({exc}). Ứng dụng không ghi đè tệp này; "
            "hãy khôi phục từ bản sao lưu."
        ) from exc
    if rows != [("ok",)]:
        problems = "; ".join(str(r[0]) for r in rows[:3])
        raise CorruptDatabaseError(
            f"Cơ sở dữ liệu {db_path} bị hỏng: {problems}. Ứng dụng không ghi đè tệp này; "
            "hãy khôi phục từ bản sao lưu."
        )


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


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


def open_database(db_path: Path) -> tuple[Engine, Path | None]:
    """Open (creating if needed) and migrate the database. Returns the engine and the
    path of the pre-migration copy, if one was made."""
    existed = db_path.exists() and db_path.stat().st_size > 0
    if existed:
        _check_file(db_path)
    engine = make_engine(db_path)
    head = head_revision()
    backup: Path | None = None
    try:
        current = current_revision(engine) if existed else None
    except Exception as exc:  # a damaged schema table
        engine.dispose()
        raise CorruptDatabaseError(
            f"Không đọc được phiên bản cơ sở dữ liệu {db_path}: {exc}"
        ) from exc
    if current is not None and current not in known_revisions():
        engine.dispose()
        raise DatabaseTooNewError(
            f"Cơ sở dữ liệu {db_path} được tạo bởi phiên bản Sổ CCHC mới hơn "
            f"(lược đồ {current}). Hãy cài phiên bản mới nhất của ứng dụng; "
            "dữ liệu không bị thay đổi."
        )
    if existed and current is None:
        with engine.connect() as conn:
            tables = conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type='table'"
            ).fetchall()
        if tables:
            engine.dispose()
            raise CorruptDatabaseError(
                f"Tệp {db_path} là một cơ sở dữ liệu SQLite khác, không phải của Sổ CCHC. "
                "Ứng dụng không ghi đè tệp này."
            )
    if current != head:
        if existed:
            backup = backup_copy(engine, db_path, f"truoc-nang-cap-{current}")
        cfg = alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    return engine, backup


def _new_revision(message: str) -> None:  # pragma: no cover - developer tool
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        engine, _ = open_database(Path(tmp) / "dev.sqlite3")
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
