"""The remediation plan (seed 004): pre-filled from the losses, edited, tracked.

One row per sub-criterion that lost points, grouped by area in catalog order, plus a
"giữ vững" row per area for what reached full marks. The columns are exactly seed 004's.
STT and "Nội dung" belong to an area group and are numbered when shown or exported, so
rows can be reordered freely. Each row's progress (not started / doing / done, with the
evidence document that proves it) is tracked during the following year.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from base.errors import NotFoundError, ValidationError
from db.models import EvidenceDocument
from db.models_results import RemediationPlan, RemediationRow
from desktop.core.office.text import nfc
from desktop.core.office.vnformat import format_date
from desktop.core.results.plan_read import (  # noqa: F401 - the readers and records, re-exported
    EDITABLE,
    KEEP_CAUSE,
    PLAN_COLUMNS,
    STATUS_LABELS,
    NumberedRow,
    PlanInfo,
    PlanRowData,
    default_attachment,
    default_title,
    draft_plan,
    draft_rows,
    numbered,
    plan_for_export,
    plan_info,
    plan_row,
    plan_rows,
)


def _plan_row(session: Session, year: int) -> RemediationPlan | None:
    return session.scalar(select(RemediationPlan).where(RemediationPlan.year == year))


def save_plan(session: Session, plan: PlanInfo) -> PlanInfo:
    """Write the whole plan (header and rows in their order), replacing the saved one."""
    row = _plan_row(session, plan.year)
    if row is None:
        row = RemediationPlan(year=plan.year)
        session.add(row)
    row.title = nfc(plan.title.strip()) or default_title(plan.year)
    row.attachment_line = nfc(plan.attachment_line.strip())
    row.rows.clear()
    session.flush()
    for pos, r in enumerate(plan.rows):
        _check_row(session, r)
        row.rows.append(
            RemediationRow(
                position=pos,
                kind=r.kind,
                status=r.status,
                evidence_id=r.evidence_id,
                progress_note=nfc(r.progress_note.strip()),
                **{k: nfc(str(getattr(r, k)).strip()) for k in EDITABLE},
            )
        )
    row.updated_at = datetime.now().replace(microsecond=0)
    session.flush()
    return plan_info(session, plan.year)  # type: ignore[return-value]


def create_plan(session: Session, year: int, *, replace_saved: bool = False) -> PlanInfo:
    if _plan_row(session, year) is not None and not replace_saved:
        raise ValidationError(f"Năm {year} đã có kế hoạch khắc phục; không ghi đè.")
    return save_plan(session, draft_plan(session, year))


def _check_row(session: Session, r: PlanRowData) -> None:
    if r.status not in STATUS_LABELS:
        raise ValidationError(
            f"Trạng thái “{r.status}” không hợp lệ ({', '.join(STATUS_LABELS.values())})."
        )
    if r.evidence_id is not None and session.get(EvidenceDocument, r.evidence_id) is None:
        raise NotFoundError(f"Không có tài liệu kiểm chứng số {r.evidence_id}.")


def _saved_row(session: Session, row_id: int) -> RemediationRow:
    row = session.get(RemediationRow, row_id)
    if row is None:
        raise NotFoundError(f"Không có dòng kế hoạch số {row_id}.")
    return row


def _data(session: Session, row: RemediationRow) -> PlanRowData:
    """The saved row as plain data (the session's changes written first)."""
    return plan_row(session, row.id)  # type: ignore[return-value] - the row exists


def update_row(session: Session, row_id: int, **changes: str) -> PlanRowData:
    """Edit cells of a saved row in place (keys: the editable column fields)."""
    row = _saved_row(session, row_id)
    for key, value in changes.items():
        if key not in EDITABLE:
            raise ValidationError(f"Không sửa được cột “{key}” của kế hoạch.")
        setattr(row, key, nfc(value.strip()))
    return _data(session, row)


def move_row(session: Session, row_id: int, new_index: int) -> list[PlanRowData]:
    """Move a saved row to ``new_index`` (0-based) and renumber the plan."""
    row = _saved_row(session, row_id)
    rows = list(row.plan.rows)
    rows.remove(row)
    rows.insert(max(0, min(new_index, len(rows))), row)
    for pos, r in enumerate(rows):
        r.position = pos
    session.flush()
    session.expire(row.plan, ["rows"])
    return plan_rows(session, row.plan_id)


def set_progress(
    session: Session,
    row_id: int,
    status: str,
    *,
    evidence_id: int | None = None,
    note: str | None = None,
) -> PlanRowData:
    """Record a row's progress, and the evidence document that proves it is done."""
    row = _saved_row(session, row_id)
    data = replace(_data(session, row), status=status, evidence_id=evidence_id)
    _check_row(session, data)
    row.status, row.evidence_id = status, evidence_id
    if note is not None:
        row.progress_note = nfc(note.strip())
    return _data(session, row)


@dataclass(frozen=True)
class ProofChoice:
    """An evidence document offered as the proof that a plan row is done."""

    id: int
    year: int
    label: str  # ``12/BC-UBND ngày 10/12/2024 – Báo cáo ...``


def proof_choices(session: Session, year: int) -> list[ProofChoice]:
    """Documents of the results year and of the year after (when the plan is carried
    out), the year after first, newest first."""
    docs = session.scalars(
        select(EvidenceDocument)
        .where(EvidenceDocument.year.in_((year, year + 1)))
        .order_by(
            EvidenceDocument.year.desc(),
            EvidenceDocument.issue_date.desc(),
            EvidenceDocument.id.desc(),
        )
    )
    out = []
    for d in docs:
        head = d.number or "(không số)"
        if d.issue_date:
            head += f" ngày {format_date(d.issue_date)}"
        out.append(ProofChoice(d.id, d.year, f"{head} – {d.summary}" if d.summary else head))
    return out
