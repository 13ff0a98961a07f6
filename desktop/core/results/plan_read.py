"""The remediation plan as plain data, read (or drafted from the losses) in plain SQL
without SQLAlchemy: the screens, the export and the report command share it; ``remediation``
saves and tracks it.

One row per sub-criterion that lost points, grouped by area in catalog order, plus a
"giữ vững" row per area for what reached full marks. The columns are exactly seed 004's.
STT and "Nội dung" belong to an area group and are numbered when shown or exported, so
rows can be reordered freely.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from base.errors import NotFoundError
from db.sqlconn import row, rows
from desktop.core.office.vnformat import format_fraction
from desktop.core.results.losses import LossReport, LossRow, loss_report
from desktop.core.years.profile_read import get_profile
from desktop.core.years.read import year_settings

if TYPE_CHECKING:
    from db.sqlconn import Source

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


def default_attachment(src: Source, year: int) -> str:
    """The appendix line naming the plan it belongs to, issued by the commune the year's
    losses are about (its name that year: a former commune's before a merger)."""
    profile = get_profile(src)
    unit = "UBND xã"
    if profile is not None:
        name = year_settings(src, year).commune_name or profile.commune_name
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
                    cause=r.note,  # the appraisal's reason, else the officer's to write
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


def draft_plan(src: Source, year: int, losses: LossReport | None = None) -> PlanInfo:
    """A plan pre-filled from the year's losses (not saved; ``losses``: the year's loss
    report when the caller has it already)."""
    report = losses if losses is not None else loss_report(src, year)
    if not report.rows and not report.full_marks:
        raise NotFoundError(
            f"Năm {year} chưa có kết quả thẩm định; hãy nhập kết quả trước "
            f"(cchc results import TỆP --year {year})."
        )
    return PlanInfo(year, default_title(year), default_attachment(src, year), draft_rows(report))


def plan_info(src: Source, year: int) -> PlanInfo | None:
    plan = row(
        src, "SELECT id, title, attachment_line FROM remediation_plan WHERE year = ?", (year,)
    )
    if plan is None:
        return None
    return PlanInfo(
        year, plan["title"], plan["attachment_line"], plan_rows(src, plan["id"]), saved=True
    )


def plan_for_export(src: Source, year: int, losses: LossReport | None = None) -> PlanInfo:
    """The saved plan, or a draft from the losses when none is saved yet."""
    return plan_info(src, year) or draft_plan(src, year, losses)


_ROW_COLUMNS = "id, kind, status, evidence_id, progress_note, " + ", ".join(EDITABLE)


def plan_rows(src: Source, plan_id: int) -> list[PlanRowData]:
    """A saved plan's rows in their order."""
    return [
        _data(r)
        for r in rows(
            src,
            f"SELECT {_ROW_COLUMNS} FROM remediation_row WHERE plan_id = ? ORDER BY position",
            (plan_id,),
        )
    ]


def plan_row(src: Source, row_id: int) -> PlanRowData | None:
    """One saved row (None when there is no such row)."""
    r = row(src, f"SELECT {_ROW_COLUMNS} FROM remediation_row WHERE id = ?", (row_id,))
    return None if r is None else _data(r)


def _data(r: sqlite3.Row) -> PlanRowData:
    return PlanRowData(
        id=r["id"],
        kind=r["kind"],
        status=r["status"],
        evidence_id=r["evidence_id"],
        progress_note=r["progress_note"],
        **{k: r[k] for k in EDITABLE},
    )
