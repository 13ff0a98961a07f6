"""Plain ``sqlite3`` access to the data folder's database, for the work that must not wait
for SQLAlchemy to load (the ``cchc report`` command: SQLAlchemy's import alone takes longer
than the whole report should).

The readers and writers built on this take a *source*: a ``sqlite3.Connection`` or an ORM
``Session``. A session gives its own connection after flushing what it holds, so the same
function serves the GUI (inside its unit of work) and the light command-line path, and there
is one implementation of each query. Connections are set up exactly as the engine's are
(``setup_connection`` is the engine's connect hook too).
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Source = Union[sqlite3.Connection, "Session"]


# How long a writer waits for another one (a window and a command, two commands) before
# giving up. Write transactions take the write lock when they begin (BEGIN IMMEDIATE), so
# the wait happens there, where SQLite can wait, instead of failing half-way.
BUSY_TIMEOUT_MS = 30_000


def setup_connection(conn: sqlite3.Connection) -> None:
    """Autocommit mode (transactions are begun explicitly), foreign keys, WAL, and every
    commit on the disk: offices lose power."""
    conn.isolation_level = None
    cur = conn.cursor()
    try:
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
    finally:
        cur.close()


def open_connection(db_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db_path)
    setup_connection(conn)
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Everything inside lands together or not at all. Takes the write lock at once
    (waiting for another writer), so it never fails half-way with "database is locked"."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def connection_of(src: Source) -> sqlite3.Connection:
    """The DB-API connection behind ``src``; a session flushes first, so what it holds is
    seen, and the work joins the session's transaction."""
    if isinstance(src, sqlite3.Connection):
        return src
    src.flush()
    return src.connection().connection.driver_connection  # type: ignore[return-value]


def rows(src: Source, sql: str, params: Sequence[Any] | dict = ()) -> list[sqlite3.Row]:
    """Every row of a query, each readable by column name."""
    cur = connection_of(src).cursor()
    cur.row_factory = sqlite3.Row
    try:
        return cur.execute(sql, params).fetchall()
    finally:
        cur.close()


def row(src: Source, sql: str, params: Sequence[Any] | dict = ()) -> sqlite3.Row | None:
    found = rows(src, sql, params)
    return found[0] if found else None


def value(src: Source, sql: str, params: Sequence[Any] | dict = ()) -> Any:
    """The first column of the first row (None when there is no row)."""
    cur = connection_of(src).execute(sql, params)
    try:
        first = cur.fetchone()
    finally:
        cur.close()
    return None if first is None else first[0]


def nfc_params(params: Sequence[Any] | dict) -> Sequence[Any] | dict:
    """Text stored as NFC whatever form it came in (Vietnamese keyboards and Mac files
    type NFD): one spelling for search, sort and comparison."""
    if isinstance(params, dict):
        return {k: unicodedata.normalize("NFC", v) if isinstance(v, str) else v
                for k, v in params.items()}  # fmt: skip
    return [unicodedata.normalize("NFC", v) if isinstance(v, str) else v for v in params]


def execute(src: Source, sql: str, params: Sequence[Any] | dict = ()) -> int:
    """Run one statement (text written as NFC); the new row's id for an INSERT, else the
    rows changed."""
    cur = connection_of(src).execute(sql, nfc_params(params))
    try:
        return cur.lastrowid if sql.lstrip()[:6].upper() == "INSERT" else cur.rowcount
    finally:
        cur.close()


def placeholders(n: int) -> str:
    """``?, ?, ?`` for an ``IN (...)`` list of n values."""
    return ", ".join("?" * n)
