"""The remediation plan (seed 004): pre-filled from the losses, edited, tracked.

One row per sub-criterion that lost points, grouped by area in catalog order, plus a
"giữ vững" row per area for what reached full marks. The columns are exactly seed 004's.
STT and "Nội dung" belong to an area group and are numbered when shown or exported, so
rows can be reordered freely. Each row's progress (not started / doing / done, with the
evidence document that proves it) is tracked during the following year.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import EvidenceDocument
from db.models_results import RemediationPlan, RemediationRow
from desktop.core.errors import NotFoundError, ValidationError
from desktop.core.losses import LossReport, LossRow, loss_report
from desktop.core.profile import get_profile
from desktop.core.text import nfc
from desktop.core.vnformat import format_date, format_fraction
from desktop.core.years import year_settings

PLAN_COLUMNS = (
    "STT",
    "Nội dung",
    "Tiêu chí thành phần",
    "Kết quả đạt thấp",
    "Nguyên nhân điểm đạt thấp",
    "Giải pháp khắc phục",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian thực hiện",
)
STATUS_LABELS = {"todo": "Chưa thực hiện", "doing": "Đang thực hiện", "done": "Đã hoàn thành"}
KEEP_CAUSE = "Đối với các tiêu chí thành phần được chấm điểm tối đa"
EDITABLE = (
    "area_code",
    "area_title",
    "criterion",
    "result_text",
    "cause",
    "solution",
    "lead",
    "partners",
    "timeframe",
)


@dataclass
class PlanRowData:
    """A plan row as screens edit it (``id`` None until saved)."""

    kind: str  # loss | keep | manual
    area_code: str
    area_title: str
    criterion: str = ""
    result_text: str = ""
    cause: str = ""
    solution: str = ""
    lead: str = ""
    partners: str = ""
    timeframe: str = ""
    status: str = "todo"
    evidence_id: int | None = None
    progress_note: str = ""
    id: int | None = None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass
class PlanInfo:
    year: int  # the results year the plan answers
    title: str
    attachment_line: str
    rows: list[PlanRowData] = field(default_factory=list)
    saved: bool = False


@dataclass(frozen=True)
class NumberedRow:
    stt: str  # "1", "2" on the first row of an area group, "" below it
    group_size: int  # rows in the group (on the first row), for merged cells; 0 below
    row: PlanRowData

    def cells(self) -> tuple[str, ...]:
        """The nine seed 004 columns."""
        r = self.row
        first = self.group_size > 0
        return (
            self.stt,
            r.area_title if first else "",
            r.criterion,
            r.result_text,
            r.cause,
            r.solution,
            r.lead,
            r.partners,
            r.timeframe,
        )


def numbered(rows: list[PlanRowData]) -> list[NumberedRow]:
    """STT per run of rows of the same area, as seed 004 numbers its groups."""
    out: list[NumberedRow] = []
    n = 0
    i = 0
    while i < len(rows):
        j = i
        while j + 1 < len(rows) and rows[j + 1].area_code == rows[i].area_code:
            j += 1
        n += 1
        for k in range(i, j + 1):
            out.append(NumberedRow(str(n) if k == i else "", j - i + 1 if k == i else 0, rows[k]))
        i = j + 1
    return out


def default_title(year: int) -> str:
    return (
        "NỘI DUNG PHÂN CÔNG NHIỆM VỤ KHẮC PHỤC CÁC TIÊU CHÍ CẢI CÁCH HÀNH CHÍNH "
        f"BỊ XẾP HẠNG THẤP NĂM {year}"
    )


def default_attachment(session: Session, year: int) -> str:
    """The appendix line naming the plan it belongs to, issued by the commune the year's
    losses are about (its name that year: a former commune's before a merger)."""
    profile = get_profile(session)
    unit = "UBND xã"
    if profile is not None:
        name = year_settings(session, year).commune_name or profile.commune_name
        unit = f"UBND {profile.unit_kind} {name}"
    return f"(Kèm theo Kế hoạch số      /KH-UBND ngày      /      /{year + 1} của {unit})"


def draft_rows(report: LossReport) -> list[PlanRowData]:
    """Loss rows grouped by area in catalog order, then a "giữ vững" row per area."""
    out: list[PlanRowData] = []
    next_year = report.year + 1
    for area in report.areas:
        losses = sorted((r for r in report.rows if r.area_code == area.code), key=_code_key)
        full = [r for r in report.full_marks if r.area_code == area.code]
        for r in losses:
            out.append(
                PlanRowData(
                    kind="loss",
                    area_code=area.code,
                    area_title=area.title,
                    criterion=r.code,
                    result_text=format_fraction(r.score, r.max_points),
                    cause=r.note or (r.title if r.level > 1 else ""),
                    lead=r.responsible,
                    timeframe=f"Trong năm {next_year}",
                )
            )
        if full:
            out.append(_keep_row(area.code, area.title, _topics(report, full, losses)))
    return out


def _topics(report: LossReport, full: list[LossRow], losses: list[LossRow]) -> list[LossRow]:
    """Full-mark rows to name in a "giữ vững" row: a criterion that lost nothing is named
    once by its own title instead of each of its sub-criteria."""
    lost_criteria = {".".join(r.code.split(".")[:2]) for r in losses}
    out: list[LossRow] = []
    named: set[str] = set()
    for r in full:
        criterion = ".".join(r.code.split(".")[:2])
        if r.level > 2 and criterion not in lost_criteria:
            if criterion not in named:
                named.add(criterion)
                out.append(replace(r, code=criterion, title=report.titles.get(criterion, r.title)))
            continue
        out.append(r)
    return out


def _code_key(r: LossRow) -> tuple[int, ...]:
    return tuple(int(p) for p in r.code.split(".") if p.isdigit())


def _keep_row(code: str, title: str, full: list[LossRow]) -> PlanRowData:
    if len(full) == 1 and full[0].level == 1:
        solution = f"Tiếp tục giữ vững kết quả đạt điểm tối đa của lĩnh vực {title}."
    else:
        topics = "; ".join(r.title for r in full)
        solution = (
            f"Tiếp tục quan tâm giữ vững các tiêu chí thành phần đạt điểm tối đa về: {topics}."
        )
    leads = [r.responsible for r in full if r.responsible]
    lead = max(set(leads), key=leads.count) if leads else ""
    return PlanRowData(
        kind="keep",
        area_code=code,
        area_title=title,
        cause=KEEP_CAUSE,
        solution=solution,
        lead=lead,
        timeframe="Thường xuyên trong năm",
    )


def draft_plan(session: Session, year: int) -> PlanInfo:
    """A plan pre-filled from the year's losses (not saved)."""
    report = loss_report(session, year)
    if not report.rows and not report.full_marks:
        raise NotFoundError(
            f"Năm {year} chưa có kết quả thẩm định; hãy nhập kết quả trước "
            f"(cchc results import TỆP --year {year})."
        )
    return PlanInfo(
        year, default_title(year), default_attachment(session, year), draft_rows(report)
    )


def _plan_row(session: Session, year: int) -> RemediationPlan | None:
    return session.scalar(select(RemediationPlan).where(RemediationPlan.year == year))


def plan_info(session: Session, year: int) -> PlanInfo | None:
    plan = _plan_row(session, year)
    if plan is None:
        return None
    rows = [_data(r) for r in plan.rows]
    return PlanInfo(year, plan.title, plan.attachment_line, rows, saved=True)


def plan_for_export(session: Session, year: int) -> PlanInfo:
    """The saved plan, or a draft from the losses when none is saved yet."""
    return plan_info(session, year) or draft_plan(session, year)


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


def update_row(session: Session, row_id: int, **changes: str) -> PlanRowData:
    """Edit cells of a saved row in place (keys: the editable column fields)."""
    row = _saved_row(session, row_id)
    for key, value in changes.items():
        if key not in EDITABLE:
            raise ValidationError(f"Không sửa được cột “{key}” của kế hoạch.")
        setattr(row, key, nfc(value.strip()))
    session.flush()
    return _data(row)


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
    return [_data(r) for r in sorted(rows, key=lambda r: r.position)]


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
    data = replace(_data(row), status=status, evidence_id=evidence_id)
    _check_row(session, data)
    row.status, row.evidence_id = status, evidence_id
    if note is not None:
        row.progress_note = nfc(note.strip())
    session.flush()
    return _data(row)


def _data(r: RemediationRow) -> PlanRowData:
    return PlanRowData(
        id=r.id,
        kind=r.kind,
        status=r.status,
        evidence_id=r.evidence_id,
        progress_note=r.progress_note,
        **{k: getattr(r, k) for k in EDITABLE},
    )


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
