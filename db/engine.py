"""Engine and session setup: SQLite with foreign keys, WAL and synchronous=FULL; write
transactions begin IMMEDIATE (``WRITE``)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import URL, Connection, Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from db.sqlconn import setup_connection


def _on_connect(dbapi_connection, _record) -> None:
    # Let SQLAlchemy emit BEGIN itself (see "begin" below) so transactions are real.
    setup_connection(dbapi_connection)


WRITE = {"cchc_write": True}  # execution options of a unit of work that will write


def _on_begin(conn) -> None:
    # A write transaction takes the write lock when it begins: a deferred one that reads
    # first fails at its first write when another writer came in between (SQLite cannot
    # wait there), an immediate one waits its turn (busy_timeout).
    write = conn.get_execution_options().get("cchc_write")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(db_path: Path) -> Engine:
    # The URL is built, never parsed from text: a folder named "p%20q", "p?q" or "a #b" is
    # the file it names (a text URL would decode %20, cut at "?" and "#").
    url = URL.create("sqlite", database=str(Path(db_path).absolute()))
    engine = create_engine(url, future=True)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """``engine.begin()`` for work that writes: the write lock is taken at BEGIN (two
    programs creating or upgrading one database wait for each other)."""
    with engine.connect() as conn:
        conn.execution_options(**WRITE)
        with conn.begin():
            yield conn


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    event.listen(factory, "before_flush", _text_as_nfc)
    return factory


def _text_as_nfc(session: Session, _context, _instances) -> None:
    """Every text attribute of what is about to be written is stored as NFC, whatever form
    it was typed or imported in (Vietnamese keyboards and Mac files produce NFD)."""
    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            value = state.dict.get(attr.key)  # loaded values only, no lazy load
            if isinstance(value, str):
                fixed = unicodedata.normalize("NFC", value)
                if fixed != value:
                    setattr(obj, attr.key, fixed)
