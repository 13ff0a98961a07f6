"""A report's statuses: draft → exported → printed → signed (the scan of the signed paper
kept in the file store) → handed off → uploaded (date and note); and next year's copy."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from base.errors import ValidationError
from db.sqlconn import execute
from db.values import datetime_to_db, now
from desktop.core.dossiers.periods import Period
from desktop.core.office.text import nfc
from desktop.core.office.vnformat import format_date
from desktop.core.report.records import (
    ALLOWED_FROM,
    HEADER_FIELDS,
    SCAN_SUFFIXES,
    STATUS_LABELS,
    STATUSES,
    DraftOutcome,
    ReportInfo,
)
from desktop.core.report.store import (
    add_event,
    create_index_report,
    report_info,
    set_section,
    update_report,
)

if TYPE_CHECKING:
    from db.filestore import FileStore
    from db.sqlconn import Source

# --- statuses -------------------------------------------------------------------------------


def set_status(
    src: Source,
    report_id: int,
    status: str,
    *,
    note: str = "",
    on: date | None = None,
    path: Path | None = None,
) -> ReportInfo:
    """Move a report to ``status`` (signed goes through ``attach_signed_scan``)."""
    r = report_info(src, report_id)
    if status not in ALLOWED_FROM:
        raise ValidationError(f"Trạng thái “{status}” không hợp lệ.")
    if status == "exported" and r.status not in ALLOWED_FROM["exported"]:
        # exporting again later keeps the status (a copy for reference)
        if path is not None:
            update_report(src, report_id, **_path_column(path))
        add_event(src, report_id, r.status, f"Xuất lại tệp {path.name if path else ''}".strip())
        return report_info(src, report_id)
    if r.status not in ALLOWED_FROM[status]:
        allowed = ", ".join(STATUS_LABELS[s].lower() for s in STATUSES if s in ALLOWED_FROM[status])
        raise ValidationError(
            f"Báo cáo đang ở trạng thái “{STATUS_LABELS[r.status].lower()}”; chỉ chuyển sang "
            f"“{STATUS_LABELS[status].lower()}” từ: {allowed}."
        )
    if status == "signed" and r.signed_sha256 is None:
        raise ValidationError("Hãy đính kèm bản quét (PDF/JPG) của báo cáo đã ký, đóng dấu.")
    values: dict[str, object] = {"status": status}
    if status == "uploaded":
        if on is None:
            raise ValidationError("Hãy nhập ngày tải báo cáo lên.")
        values.update(uploaded_on=on, upload_note=nfc(note.strip()))
    if path is not None:
        values.update(_path_column(path))
    update_report(src, report_id, **values)
    text = note
    if path is not None and not note:
        text = f"Tệp {path.name}"
    if status == "uploaded":
        text = f"Ngày {format_date(on)}" + (f": {note.strip()}" if note.strip() else "")
    add_event(src, report_id, status, text)
    return report_info(src, report_id)


def _path_column(path: Path) -> dict[str, str]:
    """Where the report was last exported, by kind of file."""
    return {"last_pdf" if path.suffix.lower() == ".pdf" else "last_docx": str(path)}


def attach_signed_scan(
    src: Source, store: FileStore, report_id: int, scan: Path, *, note: str = ""
) -> ReportInfo:
    """Keep the scan of the signed, sealed paper in the file store and mark the report signed."""
    r = report_info(src, report_id)
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
    execute(
        src,
        "INSERT OR IGNORE INTO blob (sha256, size, created_at) VALUES (?, ?, ?)",
        (stored.sha256, stored.size, datetime_to_db(now())),
    )
    update_report(src, report_id, signed_sha256=stored.sha256, signed_name=nfc(scan.name))
    return set_status(src, report_id, "signed", note=note or f"Bản quét {scan.name}")


# --- next year --------------------------------------------------------------------------------


def _next_year(d: date | None) -> date | None:
    if d is None:
        return None
    try:
        return d.replace(year=d.year + 1)
    except ValueError:  # 29/02
        return d.replace(year=d.year + 1, day=28)


def duplicate_for_next_year(src: Source, report_id: int) -> DraftOutcome:
    """Start next year's report from this one: the officer's header, recipients and edited
    sections are kept; sections drafted by the app are drafted again from next year's data.
    No number and no date yet; the period moves one year on."""
    old = report_info(src, report_id)
    period = None
    if old.period_from and old.period_to:
        start, end = _next_year(old.period_from), _next_year(old.period_to)
        assert start and end
        period = Period(
            start, end, old.period_label.replace(str(old.period_to.year), str(end.year))
        )
    outcome = create_index_report(
        src, index_year=old.index_year + 1, period=period, symbol=old.symbol
    )
    new_id = outcome.report.id
    kept = {k: getattr(old.header, k) for k in HEADER_FIELDS if k != "summary"}
    m = old.margins
    update_report(
        src,
        new_id,
        **kept,
        margin_top=m.top,
        margin_bottom=m.bottom,
        margin_left=m.left,
        margin_right=m.right,
    )
    for sec in old.sections:
        if sec.edited and any(s.key == sec.key for s in outcome.report.sections):
            set_section(src, new_id, sec.key, sec.heading, sec.text)  # to update by hand
    execute(
        src,
        "UPDATE report_event SET note = ? WHERE report_id = ?",
        (
            f"Nhân bản từ báo cáo {old.number or '(chưa có số)'}/{old.symbol} năm {old.index_year}",
            new_id,
        ),
    )
    return DraftOutcome(report_info(src, new_id), outcome.problems, outcome.warnings)
