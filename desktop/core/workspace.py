"""A data folder opened for work: database (migrated), file store, logs.

Both programs open the data folder through ``open_workspace`` so the checks and the
pre-migration copy happen the same way everywhere.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from db.engine import DB_FILE_NAME, make_session_factory
from db.filestore import FileStore
from db.migrate import open_database
from desktop.core.errors import DataDirError

FILES_DIR_NAME = "files"
LOG_DIR_NAME = "logs"


@dataclass
class Workspace:
    data_dir: Path
    engine: Engine
    sessions: sessionmaker[Session]
    store: FileStore
    migration_backup: Path | None = None

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_FILE_NAME

    @property
    def log_dir(self) -> Path:
        return self.data_dir / LOG_DIR_NAME

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A short read session (the caller commits nothing)."""
        with self.sessions() as s:
            yield s

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: everything inside lands together or not at all."""
        with self.sessions() as s, s.begin():
            yield s

    def close(self) -> None:
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
            f"Không ghi được vào thư mục dữ liệu {path} ({exc.strerror or exc}). "
            "Hãy chọn thư mục khác bằng --data-dir hoặc kiểm tra quyền ghi."
        ) from exc


def open_workspace(data_dir: Path) -> Workspace:
    ensure_writable_dir(data_dir)
    engine, backup = open_database(data_dir / DB_FILE_NAME)
    return Workspace(
        data_dir=data_dir,
        engine=engine,
        sessions=make_session_factory(engine),
        store=FileStore(data_dir / FILES_DIR_NAME),
        migration_backup=backup,
    )
