"""Alembic environment. The app passes an open connection in ``config.attributes``."""

from __future__ import annotations

from alembic import context

from db import models  # noqa: F401  (registers the tables)
from db.base import Base
from db.schema_compare import compare_type, render_item

target_metadata = Base.metadata


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("db.migrate passes the connection; run migrations through it")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        render_item=render_item,
        compare_type=compare_type,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
