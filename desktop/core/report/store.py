"""The report register: create a report from a draft, read it, edit it.

Numbers are unique per symbol (``BC-UBND``) within the year of the report's date; a report
may stay without a number until the clerk gives one. Once signed, a report's text is fixed
(the signed paper is what counts); an edit after export or print sends it back to draft.
Statuses and next year's copy are in ``status``.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models_reports import Report, ReportEvent, ReportSection
from desktop.core.dossiers.periods import Period
from desktop.core.errors import NotFoundError, ValidationError
from desktop.core.report.data import ReportData, gather
from desktop.core.report.draft import HeaderDraft, draft_header, draft_sections
from desktop.core.report.records import (
    EDITABLE_STATUSES,
    HEADER_FIELDS,
    MARGIN_NAMES,
    MARGIN_RANGES,
    STATUS_LABELS,
    DraftOutcome,
    EventInfo,
    Margins,
    ReportInfo,
    SectionInfo,
)
from desktop.core.report.sections import SECTIONS
from desktop.core.text import nfc

# --- reading --------------------------------------------------------------------------------


def report_row(session: Session, report_id: int) -> Report:
    row = session.get(Report, report_id)
    if row is None:
        raise NotFoundError(f"Không có báo cáo số {report_id} trong sổ báo cáo.")
    return row


def to_info(r: Report) -> ReportInfo:
    return ReportInfo(
        id=r.id,
        kind=r.kind,
        index_year=r.index_year,
        number=r.number,
        symbol=r.symbol,
        report_date=r.report_date,
        period_from=r.period_from,
        period_to=r.period_to,
        period_label=r.period_label,
        status=r.status,
        header=HeaderDraft(**{k: getattr(r, k) for k in HEADER_FIELDS}),
        margins=Margins(r.margin_top, r.margin_bottom, r.margin_left, r.margin_right),
        signed_sha256=r.signed_sha256,
        signed_name=r.signed_name,
        uploaded_on=r.uploaded_on,
        upload_note=r.upload_note,
        last_docx=r.last_docx,
        last_pdf=r.last_pdf,
        updated_at=r.updated_at,
        sections=[
            SectionInfo(s.key, s.heading, s.text, s.draft_heading, s.draft_text) for s in r.sections
        ],
        events=[EventInfo(e.status, e.at, e.note) for e in r.events],
    )


def report_info(session: Session, report_id: int) -> ReportInfo:
    return to_info(report_row(session, report_id))


def list_reports(session: Session) -> list[ReportInfo]:
    """Every report, newest first."""
    rows = session.scalars(
        select(Report).order_by(Report.report_date.desc().nulls_first(), Report.id.desc())
    )
    return [to_info(r) for r in rows]


def _number_year(report_date: date | None, index_year: int) -> int:
    return report_date.year if report_date else index_year + 1


def find_by_number(session: Session, number: str, symbol: str, year: int) -> Report | None:
    for r in session.scalars(
        select(Report).where(Report.number == number, Report.symbol == symbol)
    ):
        if _number_year(r.report_date, r.index_year) == year:
            return r
    return None


def check_number(
    session: Session,
    number: str,
    symbol: str,
    report_date: date | None,
    index_year: int,
    *,
    exclude_id: int | None = None,
) -> None:
    """Refuse a number already given to another report of the same symbol and year."""
    if not number:
        return
    if not number.isdigit():
        raise ValidationError(f"Số báo cáo “{number}” phải là số (ví dụ 123).")
    year = _number_year(report_date, index_year)
    other = find_by_number(session, number, symbol, year)
    if other is not None and other.id != exclude_id:
        raise ValidationError(
            f"Số {number}/{symbol} năm {year} đã dùng cho báo cáo “{other.summary.splitlines()[0] if other.summary else other.kind}” "
            f"({STATUS_LABELS.get(other.status, other.status).lower()}). Hãy chọn số khác."
        )


# --- creating and editing ---------------------------------------------------------------------


def add_event(r: Report, status: str, note: str = "") -> None:
    r.events.append(ReportEvent(status=status, note=nfc(note.strip())))


def create_index_report(
    session: Session,
    *,
    index_year: int,
    period: Period | None,
    number: str = "",
    report_date: date | None = None,
    symbol: str = "BC-UBND",
) -> DraftOutcome:
    """A new report drafted from the data (saved; the caller commits)."""
    number = number.strip()
    check_number(session, number, symbol, report_date, index_year)
    data = gather(session, index_year, period)
    header = draft_header(data)
    r = Report(
        kind="index",
        index_year=index_year,
        number=number,
        symbol=symbol,
        report_date=report_date,
        period_from=period.start if period else None,
        period_to=period.end if period else None,
        period_label=period.label if period else "",
        status="draft",
        **{k: getattr(header, k) for k in HEADER_FIELDS},
    )
    for pos, s in enumerate(draft_sections(data)):
        r.sections.append(
            ReportSection(
                key=s.key,
                position=pos,
                heading=s.heading,
                text=s.text,
                draft_heading=s.heading,
                draft_text=s.text,
            )
        )
    add_event(r, "draft", "Soạn từ số liệu")
    session.add(r)
    session.flush()
    return DraftOutcome(to_info(r), data.problems, data.warnings)


def report_data(session: Session, report_id: int) -> ReportData:
    r = report_row(session, report_id)
    period = None
    if r.period_from and r.period_to:
        period = Period(r.period_from, r.period_to, r.period_label)
    return gather(session, r.index_year, period)


def require_editable(r: Report) -> None:
    if r.status not in EDITABLE_STATUSES:
        raise ValidationError(
            f"Báo cáo số {r.number or '(chưa có số)'}/{r.symbol} đã ký; không sửa được nội dung. "
            "Hãy nhân bản nếu cần một báo cáo mới."
        )


def mark_edited(r: Report) -> None:
    """An edit after export or print: the files and paper no longer match; back to draft."""
    if r.status in ("exported", "printed"):
        r.status = "draft"
        add_event(r, "draft", "Sửa nội dung sau khi xuất/in")


def save_section(session: Session, report_id: int, key: str, heading: str, text: str) -> ReportInfo:
    r = report_row(session, report_id)
    require_editable(r)
    sec = next((s for s in r.sections if s.key == key), None)
    if sec is None:
        raise NotFoundError(f"Báo cáo không có mục “{SECTIONS.get(key, key)}”.")
    heading, text = nfc(heading.strip("\n")), nfc(text.strip("\n"))
    if (sec.heading, sec.text) != (heading, text):
        sec.heading, sec.text = heading, text
        mark_edited(r)
    session.flush()
    return to_info(r)


def check_margins(m: Margins) -> None:
    for side, (lo, hi) in MARGIN_RANGES.items():
        value = getattr(m, side)
        if not lo <= value <= hi:
            raise ValidationError(
                f"Lề {MARGIN_NAMES[side]} {value} mm nằm ngoài khoảng {lo}–{hi} mm theo "
                "Nghị định 30/2020/NĐ-CP."
            )


def update_header(
    session: Session,
    report_id: int,
    *,
    number: str | None = None,
    report_date: date | None = None,
    period: Period | None = None,
    margins: Margins | None = None,
    **fields: str,
) -> ReportInfo:
    """Edit the number, date, period, margins or header fields (``None`` keeps a value)."""
    r = report_row(session, report_id)
    require_editable(r)
    before = to_info(r)
    new_number = r.number if number is None else number.strip()
    new_date = r.report_date if report_date is None else report_date
    check_number(session, new_number, r.symbol, new_date, r.index_year, exclude_id=r.id)
    r.number, r.report_date = new_number, new_date
    if period is not None:
        r.period_from, r.period_to, r.period_label = period.start, period.end, period.label
    if margins is not None:
        check_margins(margins)
        r.margin_top, r.margin_bottom = margins.top, margins.bottom
        r.margin_left, r.margin_right = margins.left, margins.right
    for key, value in fields.items():
        if key not in HEADER_FIELDS:
            raise ValidationError(f"Không sửa được trường “{key}” của báo cáo.")
        setattr(r, key, nfc(value.strip()))
    session.flush()
    after = to_info(r)
    if (after.header, after.number, after.report_date, after.period, after.margins) != (
        before.header,
        before.number,
        before.report_date,
        before.period,
        before.margins,
    ):
        mark_edited(r)
    session.flush()
    return to_info(r)


def delete_report(session: Session, report_id: int) -> None:
    r = report_row(session, report_id)
    if r.status not in ("draft", "exported"):
        raise ValidationError(
            f"Báo cáo {r.number or '(chưa có số)'}/{r.symbol} đã "
            f"{STATUS_LABELS[r.status].lower()}; chỉ xóa được bản nháp hoặc bản mới xuất tệp."
        )
    session.delete(r)
    session.flush()
