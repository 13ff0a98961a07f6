"""Engine and session setup: SQLite with foreign keys, WAL and synchronous=FULL."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from db.sqlconn import setup_connection


def _on_connect(dbapi_connection, _record) -> None:
    # Let SQLAlchemy emit BEGIN itself (see "begin" below) so transactions are real.
    setup_connection(dbapi_connection)


def _on_begin(conn) -> None:
    conn.exec_driver_sql("BEGIN")


def make_engine(db_path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{db_path}", future=True)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


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
