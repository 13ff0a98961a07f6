""" "Đánh dấu sẵn sàng": the officer says the year's self-assessment is ready to submit.

Refused, with the list of what is missing, while ``readiness`` finds explanations or
scores missing. The mark is the date it was set, kept as a setting per year; the screen
says when the data no longer holds up to it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from base.errors import ValidationError
from db.filestore import FileStore
from desktop.core.selfassess.readiness import Readiness, readiness
from desktop.core.settings import get_setting, set_setting


def _key(year: int) -> str:
    return f"selfassess_ready_{year}"


def missing_lines(state: Readiness) -> list[str]:
    """One line per sub-criterion still missing an explanation or a score."""
    lines = [
        f"{n.code} “{n.title}”: cần giải trình ({'; '.join(n.reasons).lower()})"
        for n in state.missing
    ]
    lines += [f"{code} “{title}”: chưa chấm điểm" for code, title in state.unscored]
    return lines


def mark_ready(
    session: Session, store: FileStore, year: int, today: date | None = None
) -> Readiness:
    state = readiness(session, store, year)
    if not state.ready:
        lines = missing_lines(state)
        shown = "\n".join(f"- {line}" for line in lines[:12])
        more = f"\n… và {len(lines) - 12} mục khác (xem Chi tiết)." if len(lines) > 12 else ""
        raise ValidationError(
            f"Chưa đánh dấu sẵn sàng được: {state.summary()}\n\n{shown}{more}",
            detail="\n".join(lines),
        )
    set_setting(session, _key(year), (today or date.today()).isoformat())
    session.flush()
    return state


def ready_marked(session: Session, year: int) -> date | None:
    """When the year was marked ready (None: never)."""
    text = get_setting(session, _key(year))
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None
