"""How Alembic renders and compares our custom column types (used by env.py and tests).

Our TypeDecorators (Points, ResultPoints, Stamp ...) store plain integers: migrations
render them as their underlying SQL type, and comparison looks at that type only.
"""

from __future__ import annotations

from sqlalchemy.types import TypeDecorator


def _impl_type(decorator: TypeDecorator) -> type:
    impl = decorator.impl
    return impl if isinstance(impl, type) else type(impl)


def render_item(type_, obj, autogen_context):
    if type_ == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{_impl_type(obj).__name__}()"
    return False


def compare_type(context, inspected_column, metadata_column, inspected_type, metadata_type):
    if isinstance(metadata_type, TypeDecorator):
        return not isinstance(inspected_type, _impl_type(metadata_type))
    return None
