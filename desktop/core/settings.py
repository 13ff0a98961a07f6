"""Small settings kept in the data folder's database (last year shown, ...)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from db.models import AppSetting


def get_setting(session: Session, key: str, default: str = "") -> str:
    row = session.get(AppSetting, key)
    return row.value if row is not None else default


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(AppSetting, key)
    if row is None:
        session.add(AppSetting(key=key, value=value))
    else:
        row.value = value
