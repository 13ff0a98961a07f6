"""The report register: create a report from a draft, edit it, walk it through its statuses
(draft → exported → printed → signed → handed off → uploaded), duplicate it as next year's.

Numbers are unique per symbol (``BC-UBND``) within the year of the report's date; a report
may stay without a number until the clerk gives one. Once signed, a report's text is fixed
(the signed paper is what counts); an edit after export or print sends it back to draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.filestore import FileStore
from db.models import Blob
from db.models_reports import Report, ReportEvent, ReportSection
from desktop.core.dossiers import Period
from desktop.core.errors import NotFoundError, ValidationError
from desktop.core.report.data import ReportData, gather, period_name
from desktop.core.report.draft import HeaderDraft, draft_header, draft_sections
from desktop.core.report.sections import SECTIONS
from desktop.core.text import nfc
from desktop.core.vnformat import format_date

STATUSES = ("draft", "exported", "printed", "signed", "handed_off", "uploaded")
STATUS_LABELS = {
    "draft": "Bản nháp",
    "exported": "Đã xuất tệp",
    "printed": "Đã in",
    "signed": "Đã ký (có bản quét)",
    "handed_off": "Đã chuyển đi",
    "uploaded": "Đã tải lên",
}
# status -> the statuses it may be reached from
ALLOWED_FROM = {
    "exported": {"draft", "exported"},
    "printed": {"draft", "exported", "printed"},
    "signed": {"exported", "printed", "signed"},
    "handed_off": {"signed", "handed_off"},
    "uploaded": {"signed", "handed_off", "uploaded"},
}
EDITABLE_STATUSES = {"draft", "exported", "printed"}
KIND_LABELS = {"index": "Kết quả Chỉ số CCHC"}
SCAN_SUFFIXES = {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"}
# ND 30/2020 Phụ lục I: margin ranges in mm
MARGIN_RANGES = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
MARGIN_NAMES = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
HEADER_FIELDS = (
    "body_name",
    "place",
    "title",
    "summary",
    "recipients",
    "sign_authority",
    "sign_title",
    "signer",
)


@dataclass(frozen=True)
class Margins:
    top: int = 20
    bottom: int = 20
    left: int = 30
    right: int = 15


@dataclass(frozen=True)
class SectionInfo:
    key: str
    heading: str
    text: str
    draft_heading: str
    draft_text: str

    @property
    def name(self) -> str:
        return SECTIONS.get(self.key, self.key)

    @property
    def edited(self) -> bool:
        return self.text != self.draft_text or self.heading != self.draft_heading


@dataclass(frozen=True)
class EventInfo:
    status: str
    at: datetime
    note: str

    @property
    def label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class ReportInfo:
    id: int
    kind: str
    index_year: int
    number: str
    symbol: str
    report_date: date | None
    period_from: date | None
    period_to: date | None
    period_label: str
    status: str
    header: HeaderDraft
    margins: Margins
    signed_sha256: str | None = None
    signed_name: str = ""
    uploaded_on: date | None = None
    upload_note: str = ""
    last_docx: str = ""
    last_pdf: str = ""
    updated_at: datetime | None = None
    sections: list[SectionInfo] = field(default_factory=list)
    events: list[EventInfo] = field(default_factory=list)

    @property
    def number_text(self) -> str:
        """``123/BC-UBND`` (blank spaces before the slash while there is no number)."""
        return f"{self.number or '      '}/{self.symbol}"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def period(self) -> Period | None:
        if self.period_from is None or self.period_to is None:
            return None
        return Period(self.period_from, self.period_to, self.period_label)

    @property
    def period_text(self) -> str:
        if self.period_from is None or self.period_to is None:
            return ""
        return f"{format_date(self.period_from)} – {format_date(self.period_to)}"

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def section(self, key: str) -> SectionInfo:
        for s in self.sections:
            if s.key == key:
                return s
        raise NotFoundError(f"Báo cáo không có mục “{SECTIONS.get(key, key)}”.")

    @property
    def file_stem(self) -> str:
        """A Windows-safe file name: ``BC-123-UBND-2023-chi-so-CCHC-2022``."""
        num = self.number or "chua-so"
        year = self.report_date.year if self.report_date else self.index_year + 1
        sym = self.symbol.replace("/", "-")
        return f"{sym.split('-')[0]}-{num}-{'-'.join(sym.split('-')[1:])}-{year}-chi-so-CCHC-{self.index_year}"


@dataclass(frozen=True)
class DraftOutcome:
    report: ReportInfo
    problems: list[str]
    warnings: list[str]
    reused: bool = False


# --- reading --------------------------------------------------------------------------------


def _row(session: Session, report_id: int) -> Report:
    row = session.get(Report, report_id)
    if row is None:
        raise NotFoundError(f"Không có báo cáo số {report_id} trong sổ báo cáo.")
    return row


def _info(r: Report) -> ReportInfo:
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
    return _info(_row(session, report_id))


def list_reports(session: Session) -> list[ReportInfo]:
    """Every report, newest first."""
    rows = session.scalars(
        select(Report).order_by(Report.report_date.desc().nulls_first(), Report.id.desc())
    )
    return [_info(r) for r in rows]


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


def _event(r: Report, status: str, note: str = "") -> None:
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
    _event(r, "draft", "Soạn từ số liệu")
    session.add(r)
    session.flush()
    return DraftOutcome(_info(r), data.problems, data.warnings)


def report_data(session: Session, report_id: int) -> ReportData:
    r = _row(session, report_id)
    period = None
    if r.period_from and r.period_to:
        period = Period(r.period_from, r.period_to, r.period_label)
    return gather(session, r.index_year, period)


def _editable(r: Report) -> None:
    if r.status not in EDITABLE_STATUSES:
        raise ValidationError(
            f"Báo cáo số {r.number or '(chưa có số)'}/{r.symbol} đã ký; không sửa được nội dung. "
            "Hãy nhân bản nếu cần một báo cáo mới."
        )


def _touched(r: Report) -> None:
    """An edit after export or print: the files and paper no longer match; back to draft."""
    if r.status in ("exported", "printed"):
        r.status = "draft"
        _event(r, "draft", "Sửa nội dung sau khi xuất/in")


def save_section(session: Session, report_id: int, key: str, heading: str, text: str) -> ReportInfo:
    r = _row(session, report_id)
    _editable(r)
    sec = next((s for s in r.sections if s.key == key), None)
    if sec is None:
        raise NotFoundError(f"Báo cáo không có mục “{SECTIONS.get(key, key)}”.")
    heading, text = nfc(heading.strip("\n")), nfc(text.strip("\n"))
    if (sec.heading, sec.text) != (heading, text):
        sec.heading, sec.text = heading, text
        _touched(r)
    session.flush()
    return _info(r)


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
    r = _row(session, report_id)
    _editable(r)
    before = _info(r)
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
    after = _info(r)
    if (after.header, after.number, after.report_date, after.period, after.margins) != (
        before.header,
        before.number,
        before.report_date,
        before.period,
        before.margins,
    ):
        _touched(r)
    session.flush()
    return _info(r)


def delete_report(session: Session, report_id: int) -> None:
    r = _row(session, report_id)
    if r.status not in ("draft", "exported"):
        raise ValidationError(
            f"Báo cáo {r.number or '(chưa có số)'}/{r.symbol} đã "
            f"{STATUS_LABELS[r.status].lower()}; chỉ xóa được bản nháp hoặc bản mới xuất tệp."
        )
    session.delete(r)
    session.flush()


# --- statuses -------------------------------------------------------------------------------


def set_status(
    session: Session,
    report_id: int,
    status: str,
    *,
    note: str = "",
    on: date | None = None,
    path: Path | None = None,
) -> ReportInfo:
    """Move a report to ``status`` (signed goes through ``attach_signed_scan``)."""
    r = _row(session, report_id)
    if status not in ALLOWED_FROM:
        raise ValidationError(f"Trạng thái “{status}” không hợp lệ.")
    if status == "exported" and r.status not in ALLOWED_FROM["exported"]:
        # exporting again later keeps the status (a copy for reference)
        if path is not None:
            _remember_path(r, path)
        _event(r, r.status, f"Xuất lại tệp {path.name if path else ''}".strip())
        session.flush()
        return _info(r)
    if r.status not in ALLOWED_FROM[status]:
        allowed = ", ".join(STATUS_LABELS[s].lower() for s in STATUSES if s in ALLOWED_FROM[status])
        raise ValidationError(
            f"Báo cáo đang ở trạng thái “{STATUS_LABELS[r.status].lower()}”; chỉ chuyển sang "
            f"“{STATUS_LABELS[status].lower()}” từ: {allowed}."
        )
    if status == "signed" and r.signed_sha256 is None:
        raise ValidationError("Hãy đính kèm bản quét (PDF/JPG) của báo cáo đã ký, đóng dấu.")
    if status == "uploaded":
        if on is None:
            raise ValidationError("Hãy nhập ngày tải báo cáo lên.")
        r.uploaded_on, r.upload_note = on, nfc(note.strip())
    if path is not None:
        _remember_path(r, path)
    r.status = status
    text = note
    if path is not None and not note:
        text = f"Tệp {path.name}"
    if status == "uploaded":
        text = f"Ngày {format_date(on)}" + (f": {note.strip()}" if note.strip() else "")
    _event(r, status, text)
    session.flush()
    return _info(r)


def _remember_path(r: Report, path: Path) -> None:
    if path.suffix.lower() == ".pdf":
        r.last_pdf = str(path)
    else:
        r.last_docx = str(path)


def attach_signed_scan(
    session: Session, store: FileStore, report_id: int, scan: Path, *, note: str = ""
) -> ReportInfo:
    """Keep the scan of the signed, sealed paper in the file store and mark the report signed."""
    r = _row(session, report_id)
    if r.status not in ALLOWED_FROM["signed"]:
        raise ValidationError(
            f"Báo cáo đang ở trạng thái “{STATUS_LABELS[r.status].lower()}”: hãy xuất tệp và in "
            "trước khi đính kèm bản đã ký."
        )
    if scan.suffix.lower() not in SCAN_SUFFIXES:
        raise ValidationError(f"Tệp {scan.name} không phải bản quét PDF hoặc ảnh (JPG, PNG, TIFF).")
    if not scan.is_file():
        raise ValidationError(f"Không tìm thấy tệp {scan}.")
    if scan.stat().st_size == 0:
        raise ValidationError(f"Tệp {scan.name} rỗng (0 byte).")
    stored = store.put_file(scan)
    if session.get(Blob, stored.sha256) is None:
        session.add(Blob(sha256=stored.sha256, size=stored.size))
        session.flush()
    r.signed_sha256, r.signed_name = stored.sha256, nfc(scan.name)
    return set_status(session, report_id, "signed", note=note or f"Bản quét {scan.name}")


# --- next year --------------------------------------------------------------------------------


def _next_year(d: date | None) -> date | None:
    if d is None:
        return None
    try:
        return d.replace(year=d.year + 1)
    except ValueError:  # 29/02
        return d.replace(year=d.year + 1, day=28)


def duplicate_for_next_year(session: Session, report_id: int) -> DraftOutcome:
    """Start next year's report from this one: the officer's header, recipients and edited
    sections are kept; sections drafted by the app are drafted again from next year's data.
    No number and no date yet; the period moves one year on."""
    src = _row(session, report_id)
    period = None
    if src.period_from and src.period_to:
        start, end = _next_year(src.period_from), _next_year(src.period_to)
        assert start and end
        period = Period(
            start, end, src.period_label.replace(str(src.period_to.year), str(end.year))
        )
    outcome = create_index_report(
        session, index_year=src.index_year + 1, period=period, symbol=src.symbol
    )
    new = _row(session, outcome.report.id)
    for k in (
        "body_name",
        "place",
        "recipients",
        "sign_authority",
        "sign_title",
        "signer",
        "title",
    ):
        setattr(new, k, getattr(src, k))
    new.margin_top, new.margin_bottom = src.margin_top, src.margin_bottom
    new.margin_left, new.margin_right = src.margin_left, src.margin_right
    old = {s.key: s for s in src.sections}
    for sec in new.sections:
        o = old.get(sec.key)
        if o is not None and (o.text != o.draft_text or o.heading != o.draft_heading):
            sec.heading, sec.text = o.heading, o.text  # the officer's prose, to update by hand
    new.events[
        0
    ].note = f"Nhân bản từ báo cáo {src.number or '(chưa có số)'}/{src.symbol} năm {src.index_year}"
    session.flush()
    return DraftOutcome(_info(new), outcome.problems, outcome.warnings)


def describe_period(info: ReportInfo) -> str:
    p = info.period
    return period_name(p) if p else ""
