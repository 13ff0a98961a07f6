"""Alembic environment. The app passes an open connection in ``config.attributes``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Integer

from db import models  # noqa: F401  (registers the tables)
from db.base import Base, Points

target_metadata = Base.metadata


def render_item(type_, obj, autogen_context):
    """Points are stored as integer thousandths: render them as plain Integer columns."""
    if type_ == "type" and isinstance(obj, Points):
        return "sa.Integer()"
    return False


def compare_type(context, inspected_column, metadata_column, inspected_type, metadata_type):
    if isinstance(metadata_type, Points):
        return not isinstance(inspected_type, Integer)
    return None


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
