"""What the profile and year dialogs save besides the profile itself: the former
communes edited as a list (renames keep the row, so history attributed to a former
commune follows its new spelling) and the decision that issued a year's catalog."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from base.errors import ValidationError
from db.models_years import FormerCommune
from desktop.core.catalog.store import catalog_for_year
from desktop.core.office.text import fold
from desktop.core.years.store import former_communes


@dataclass(frozen=True)
class FormerEdit:
    """One line of the edited list: ``old`` is the stored name (None for a new line)."""

    old: str | None
    name: str


def _clean(text: str) -> str:
    return " ".join(text.split())


def save_former_communes(session: Session, edits: list[FormerEdit]) -> list[str]:
    """Save the edited list: a renamed line keeps its row (and id), lines gone are
    removed, new lines added, order kept; an empty or repeated name is refused."""
    names = [_clean(e.name) for e in edits]
    seen: set[str] = set()
    for e, n in zip(edits, names, strict=True):
        if not n:
            raise ValidationError(f"Tên xã cũ thay cho “{e.old}” đang để trống.")
        if fold(n) in seen:
            raise ValidationError(f"Xã cũ “{n}” bị nhập hai lần.")
        seen.add(fold(n))
    rows = {fold(f.name): f for f in session.scalars(select(FormerCommune))}
    claimed = {fold(e.old) for e in edits if e.old}
    # a new line typed like a stored name that lost its own line is that row again
    olds = [
        fold(e.old) if e.old else (fold(n) if fold(n) in rows and fold(n) not in claimed else None)
        for e, n in zip(edits, names, strict=True)
    ]
    keep = {o for o in olds if o in rows}
    for key, row in rows.items():
        if key not in keep:
            session.delete(row)
    for i, key in enumerate(keep):  # temporary names, so a swap of names cannot collide
        rows[key].name = f"\x00{i}"
    session.flush()
    for pos, (old, n) in enumerate(zip(olds, names, strict=True)):
        if old in keep:
            rows[old].name, rows[old].position = n, pos
        else:
            session.add(FormerCommune(name=n, position=pos))
    session.flush()
    return former_communes(session)


def set_catalog_decision(
    session: Session, year: int, *, number: str, decision_date: date | None, issuer: str
) -> None:
    """The decision that issued the year's catalog (số, ngày, cơ quan ban hành)."""
    catalog = catalog_for_year(session, year)
    if catalog is None:
        raise ValidationError(f"Năm {year} chưa có bộ tiêu chí.")
    catalog.decision_number = _clean(number)
    catalog.decision_date = decision_date
    catalog.issuer = _clean(issuer)
    session.flush()
