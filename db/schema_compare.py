"""How Alembic renders and compares our custom column types (used by env.py and tests)."""

from __future__ import annotations

from sqlalchemy import Integer

from db.base import Points


def render_item(type_, obj, autogen_context):
    """Points are stored as integer thousandths: render them as plain Integer columns."""
    if type_ == "type" and isinstance(obj, Points):
        return "sa.Integer()"
    return False


def compare_type(context, inspected_column, metadata_column, inspected_type, metadata_type):
    if isinstance(metadata_type, Points):
        return not isinstance(inspected_type, Integer)
    return None
