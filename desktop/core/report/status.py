"""A report's statuses: draft → exported → printed → signed (the scan of the signed paper
kept in the file store) → handed off → uploaded (date and note); and next year's copy."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from db.filestore import FileStore
from db.models import Blob
from db.models_reports import Report
from desktop.core.dossiers.periods import Period
from desktop.core.errors import ValidationError
from desktop.core.report.records import (
    ALLOWED_FROM,
    SCAN_SUFFIXES,
    STATUS_LABELS,
    STATUSES,
    DraftOutcome,
    ReportInfo,
)
from desktop.core.report.store import add_event, create_index_report, report_row, to_info
from desktop.core.text import nfc
from desktop.core.vnformat import format_date

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
    r = report_row(session, report_id)
    if status not in ALLOWED_FROM:
        raise ValidationError(f"Trạng thái “{status}” không hợp lệ.")
    if status == "exported" and r.status not in ALLOWED_FROM["exported"]:
        # exporting again later keeps the status (a copy for reference)
        if path is not None:
            _remember_path(r, path)
        add_event(r, r.status, f"Xuất lại tệp {path.name if path else ''}".strip())
        session.flush()
        return to_info(r)
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
    add_event(r, status, text)
    session.flush()
    return to_info(r)


def _remember_path(r: Report, path: Path) -> None:
    if path.suffix.lower() == ".pdf":
        r.last_pdf = str(path)
    else:
        r.last_docx = str(path)


def attach_signed_scan(
    session: Session, store: FileStore, report_id: int, scan: Path, *, note: str = ""
) -> ReportInfo:
    """Keep the scan of the signed, sealed paper in the file store and mark the report signed."""
    r = report_row(session, report_id)
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
    src = report_row(session, report_id)
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
    new = report_row(session, outcome.report.id)
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
    return DraftOutcome(to_info(new), outcome.problems, outcome.warnings)
