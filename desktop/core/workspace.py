"""A data folder opened for work: database (migrated), file store, logs.

Both programs open the data folder through ``open_workspace`` so the checks and the
pre-migration copy happen the same way everywhere. Opening an up-to-date database only
reads its header and schema revision with the standard library; SQLAlchemy (slow to
import) is loaded when the first session is asked for, so the first screen appears fast.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from base.errors import DatabaseTooNewError, DataDirError, RevisionMissingError
from base.os_reason import os_reason
from db import revisions
from db.dbfile import DB_FILE_NAME, read_revision
from db.filestore import FileStore
from db.sqlconn import open_connection, transaction

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

FILES_DIR_NAME = "files"
LOG_DIR_NAME = "logs"


class Workspace:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.store = FileStore(data_dir / FILES_DIR_NAME)
        self.migration_backup: Path | None = None

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_FILE_NAME

    @property
    def log_dir(self) -> Path:
        return self.data_dir / LOG_DIR_NAME

    @cached_property
    def engine(self) -> Engine:
        from db.engine import make_engine

        return make_engine(self.db_path)

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        from db.engine import make_session_factory

        return make_session_factory(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A short read session (the caller commits nothing)."""
        with self.sessions() as s:
            yield s

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: everything inside lands together or not at all. It takes the
        database's write lock when it begins (waiting while another program writes)."""
        from db.engine import WRITE

        with self.sessions() as s, s.begin():
            s.connection(execution_options=WRITE)
            yield s

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """A plain ``sqlite3`` connection set up like the engine's, for work that must not
        load SQLAlchemy (see ``db.sqlconn``); begin units of work with
        ``db.sqlconn.transaction``."""
        conn = open_connection(self.db_path)
        try:
            yield conn
        finally:
            conn.close()

    @contextmanager
    def sql_transaction(self) -> Iterator[sqlite3.Connection]:
        """One unit of work on a plain connection: lands together or not at all."""
        self.ensure_writable()
        with self.connection() as conn, transaction(conn):
            yield conn

    def ensure_writable(self) -> None:
        """Raise before work that would write (a read-only view of history overrides it)."""

    def close(self) -> None:
        if "engine" in self.__dict__:
            self.engine.dispose()


def ensure_writable_dir(path: Path) -> None:
    """Create the folder and prove we can write there, with a Vietnamese message if not."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".ghi-thu-{uuid.uuid4().hex}"
        with probe.open("wb") as fh:
            fh.write(b"ok")
            fh.flush()
            os.fsync(fh.fileno())
        probe.unlink()
    except OSError as exc:
        raise DataDirError(
            f"Không ghi được vào thư mục dữ liệu {path} ({os_reason(exc)}). "
            "Hãy chọn thư mục khác bằng --data-dir hoặc kiểm tra quyền ghi."
        ) from exc


def _restamp(ws: Workspace) -> None:
    """The revision was lost (``alembic_version`` emptied): written back when the tables
    are exactly the current ones, else the refusal stands."""
    from db.migrate import restamp_if_current
    from desktop.core.folderlock import folder_alone

    try:
        with folder_alone(ws.data_dir, "ghi lại phiên bản dữ liệu"):
            healed = restamp_if_current(ws.engine, ws.db_path)
    except BaseException:
        ws.close()
        raise
    if not healed:
        ws.close()
        read_revision(ws.db_path)  # raises the refusal


def open_workspace(data_dir: Path) -> Workspace:
    """Check the folder and the database file; migrate (after a copy) when it is older."""
    ensure_writable_dir(data_dir)
    ws = Workspace(data_dir)
    try:
        current = read_revision(ws.db_path)
    except RevisionMissingError:
        _restamp(ws)
        current = revisions.head()
    if current is not None and current not in revisions.chain():
        raise DatabaseTooNewError(
            f"Cơ sở dữ liệu {ws.db_path} được tạo bởi phiên bản Sổ CCHC mới hơn "
            f"(lược đồ {current}). Hãy cài phiên bản mới nhất của ứng dụng; "
            "dữ liệu không bị thay đổi."
        )
    if current != revisions.head():
        from db.migrate import upgrade
        from desktop.core.folderlock import folder_alone

        # Upgrading existing data needs the folder alone; a new, empty one does not.
        alone = folder_alone(data_dir, "nâng cấp dữ liệu") if current else nullcontext()
        try:
            with alone:
                ws.migration_backup = upgrade(ws.engine, ws.db_path, current)
        except BaseException:
            ws.close()
            raise
    return ws
