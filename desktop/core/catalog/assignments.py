"""Who in the commune answers for a criterion or sub-criterion this year (người phụ trách).

The loss analysis and the remediation plan name this officer; a node without one takes the
officer most often named responsible on its evidence, else its parent's (``losses``).
Assignments move with their code when the catalog is replaced or a new year is opened.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from base.errors import ValidationError
from db.models import CatalogNode, EvidenceDocument
from db.models_results import NodeAssignment
from desktop.core.evidence.documents import nodes_by_code
from desktop.core.office.text import fold
from desktop.core.years.profile import get_profile

MAX_NAME = 200


def assignment_of(session: Session, year: int, code: str) -> str:
    """The officer assigned to ``code`` in ``year`` ("" when none)."""
    [node] = nodes_by_code(session, year, [code])
    row = session.get(NodeAssignment, node.id)
    return row.officer if row is not None else ""


def set_assignment(session: Session, year: int, code: str, officer: str) -> CatalogNode:
    """Assign ``officer`` to ``code`` ("" removes the assignment)."""
    [node] = nodes_by_code(session, year, [code])
    name = " ".join(officer.split())
    if len(name) > MAX_NAME:
        raise ValidationError(f"Tên người phụ trách dài quá {MAX_NAME} ký tự.")
    row = session.get(NodeAssignment, node.id)
    if not name:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(NodeAssignment(node_id=node.id, officer=name))
    else:
        row.officer = name
    session.flush()
    return node


def officer_names(session: Session, year: int) -> list[str]:
    """Names to offer: the profile's CCHC officer, those already assigned and those named
    responsible on the year's evidence, without repeats (diacritic-insensitive)."""
    names: list[str] = []
    profile = get_profile(session)
    if profile is not None and profile.officer:
        names.append(profile.officer)
    # DISTINCT: the pane asks on every selection, and a year may hold thousands of documents
    names += session.scalars(
        select(NodeAssignment.officer).where(NodeAssignment.officer != "").distinct()
    )
    names += session.scalars(
        select(EvidenceDocument.responsible)
        .where(EvidenceDocument.year == year, EvidenceDocument.responsible != "")
        .distinct()
    )
    seen: dict[str, str] = {}
    for n in names:
        seen.setdefault(fold(n), n)
    return sorted(seen.values(), key=fold)
