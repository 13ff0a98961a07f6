"""The report register: create a report from a draft, read it, edit it.

Numbers are unique per symbol (``BC-UBND``) within the year of the report's date; a report
may stay without a number until the clerk gives one. Once signed, a report's text is fixed
(the signed paper is what counts); an edit after export or print sends it back to draft.
Statuses and next year's copy are in ``status``.

Written in plain SQL over ``db.sqlconn`` (a session or a ``sqlite3`` connection): the
``cchc report`` command runs without loading SQLAlchemy, and the screens use the same code
inside their unit of work.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from base.errors import NotFoundError, ValidationError
from db.sqlconn import execute, placeholders, rows
from db.values import date_from_db, date_to_db, datetime_from_db, datetime_to_db, now
from desktop.core.dossiers.periods import Period
from desktop.core.office.text import nfc
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

if TYPE_CHECKING:
    import sqlite3

    from db.sqlconn import Source

DEFAULT_MARGINS = Margins()

# --- reading --------------------------------------------------------------------------------


def _sections(src: Source, ids: list[int]) -> dict[int, list[SectionInfo]]:
    out: dict[int, list[SectionInfo]] = {i: [] for i in ids}
    for s in rows(
        src,
        "SELECT report_id, key, heading, text, draft_heading, draft_text FROM report_section "
        f"WHERE report_id IN ({placeholders(len(ids))}) ORDER BY report_id, position, id",
        ids,
    ):
        out[s["report_id"]].append(
            SectionInfo(s["key"], s["heading"], s["text"], s["draft_heading"], s["draft_text"])
        )
    return out


def _events(src: Source, ids: list[int]) -> dict[int, list[EventInfo]]:
    out: dict[int, list[EventInfo]] = {i: [] for i in ids}
    for e in rows(
        src,
        "SELECT report_id, status, at, note FROM report_event "
        f"WHERE report_id IN ({placeholders(len(ids))}) ORDER BY id",
        ids,
    ):
        out[e["report_id"]].append(EventInfo(e["status"], datetime_from_db(e["at"]), e["note"]))
    return out


def _infos(src: Source, found: list[sqlite3.Row]) -> list[ReportInfo]:
    ids = [r["id"] for r in found]
    if not ids:
        return []
    sections, events = _sections(src, ids), _events(src, ids)
    return [
        ReportInfo(
            id=r["id"],
            kind=r["kind"],
            index_year=r["index_year"],
            number=r["number"],
            symbol=r["symbol"],
            report_date=date_from_db(r["report_date"]),
            period_from=date_from_db(r["period_from"]),
            period_to=date_from_db(r["period_to"]),
            period_label=r["period_label"],
            status=r["status"],
            header=HeaderDraft(**{k: r[k] for k in HEADER_FIELDS}),
            margins=Margins(
                r["margin_top"], r["margin_bottom"], r["margin_left"], r["margin_right"]
            ),
            signed_sha256=r["signed_sha256"],
            signed_name=r["signed_name"],
            uploaded_on=date_from_db(r["uploaded_on"]),
            upload_note=r["upload_note"],
            last_docx=r["last_docx"],
            last_pdf=r["last_pdf"],
            updated_at=datetime_from_db(r["updated_at"]),
            sections=sections[r["id"]],
            events=events[r["id"]],
        )
        for r in found
    ]


def report_info(src: Source, report_id: int) -> ReportInfo:
    found = _infos(src, rows(src, "SELECT * FROM report WHERE id = ?", (report_id,)))
    if not found:
        raise NotFoundError(f"Không có báo cáo số {report_id} trong sổ báo cáo.")
    return found[0]


def list_reports(src: Source) -> list[ReportInfo]:
    """Every report, newest first (reports without a date first: they are being written)."""
    return _infos(
        src,
        rows(
            src,
            "SELECT * FROM report ORDER BY report_date IS NOT NULL, report_date DESC, id DESC",
        ),
    )


def _number_year(report_date: date | None, index_year: int) -> int:
    return report_date.year if report_date else index_year + 1


def find_by_number(src: Source, number: str, symbol: str, year: int) -> ReportInfo | None:
    for r in rows(
        src,
        "SELECT id, report_date, index_year FROM report WHERE number = ? AND symbol = ? "
        "ORDER BY id",
        (number, symbol),
    ):
        if _number_year(date_from_db(r["report_date"]), r["index_year"]) == year:
            return report_info(src, r["id"])
    return None


def check_number(
    src: Source,
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
    other = find_by_number(src, number, symbol, year)
    if other is not None and other.id != exclude_id:
        summary = other.header.summary
        raise ValidationError(
            f"Số {number}/{symbol} năm {year} đã dùng cho báo cáo “{summary.splitlines()[0] if summary else other.kind}” "
            f"({STATUS_LABELS.get(other.status, other.status).lower()}). Hãy chọn số khác."
        )


# --- writing --------------------------------------------------------------------------------


def add_event(src: Source, report_id: int, status: str, note: str = "") -> None:
    execute(
        src,
        "INSERT INTO report_event (report_id, status, at, note) VALUES (?, ?, ?, ?)",
        (report_id, status, datetime_to_db(now()), nfc(note.strip())),
    )


def update_report(src: Source, report_id: int, **values: object) -> None:
    """Set columns of one report (dates written as the register stores them)."""
    values = {k: date_to_db(v) if isinstance(v, date) else v for k, v in values.items()}
    values["updated_at"] = datetime_to_db(now())
    execute(
        src,
        f"UPDATE report SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
        [*values.values(), report_id],
    )


def set_section(
    src: Source, report_id: int, key: str, heading: str, text: str, *, drafted: bool = False
) -> None:
    """Store a section's text (``drafted``: it is also the app's latest draft)."""
    cols = "heading = ?, text = ?" + (", draft_heading = ?, draft_text = ?" if drafted else "")
    values = [heading, text] + ([heading, text] if drafted else [])
    execute(
        src,
        f"UPDATE report_section SET {cols}, updated_at = ? WHERE report_id = ? AND key = ?",
        [*values, datetime_to_db(now()), report_id, key],
    )


def set_draft(src: Source, report_id: int, key: str, heading: str, text: str) -> None:
    """Record the app's latest draft of a section without touching the officer's text."""
    execute(
        src,
        "UPDATE report_section SET draft_heading = ?, draft_text = ? "
        "WHERE report_id = ? AND key = ?",
        (heading, text, report_id, key),
    )


def create_index_report(
    src: Source,
    *,
    index_year: int,
    period: Period | None,
    number: str = "",
    report_date: date | None = None,
    symbol: str = "BC-UBND",
) -> DraftOutcome:
    """A new report drafted from the data (saved; the caller commits)."""
    number = number.strip()
    check_number(src, number, symbol, report_date, index_year)
    data = gather(src, index_year, period)
    header = draft_header(data)
    stamp = datetime_to_db(now())
    m = DEFAULT_MARGINS
    report_id = execute(
        src,
        "INSERT INTO report (kind, index_year, number, symbol, report_date, period_from, "
        "period_to, period_label, status, body_name, place, title, summary, recipients, "
        "sign_authority, sign_title, signer, margin_top, margin_bottom, margin_left, "
        "margin_right, signed_sha256, signed_name, uploaded_on, upload_note, last_docx, "
        "last_pdf, created_at, updated_at) VALUES "
        f"({placeholders(29)})",
        (
            "index",
            index_year,
            number,
            symbol,
            date_to_db(report_date),
            date_to_db(period.start if period else None),
            date_to_db(period.end if period else None),
            period.label if period else "",
            "draft",
            *(getattr(header, k) for k in HEADER_FIELDS),
            m.top,
            m.bottom,
            m.left,
            m.right,
            None,
            "",
            None,
            "",
            "",
            "",
            stamp,
            stamp,
        ),
    )
    for pos, s in enumerate(draft_sections(data)):
        execute(
            src,
            "INSERT INTO report_section (report_id, key, position, heading, text, "
            "draft_heading, draft_text, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (report_id, s.key, pos, s.heading, s.text, s.heading, s.text, stamp),
        )
    add_event(src, report_id, "draft", "Soạn từ số liệu")
    return DraftOutcome(report_info(src, report_id), data.problems, data.warnings)


def report_data(src: Source, report_id: int) -> ReportData:
    r = report_info(src, report_id)
    return gather(src, r.index_year, r.period, report_id=r.id, signer=r.header.signer)


def require_editable(r: ReportInfo) -> None:
    if r.status not in EDITABLE_STATUSES:
        raise ValidationError(
            f"Báo cáo số {r.number or '(chưa có số)'}/{r.symbol} đã ký; không sửa được nội dung. "
            "Hãy nhân bản nếu cần một báo cáo mới."
        )


def editable_report(src: Source, report_id: int) -> ReportInfo:
    r = report_info(src, report_id)
    require_editable(r)
    return r


def mark_edited(src: Source, r: ReportInfo) -> None:
    """An edit after export or print: the files and paper no longer match; back to draft."""
    if r.status in ("exported", "printed"):
        update_report(src, r.id, status="draft")
        add_event(src, r.id, "draft", "Sửa nội dung sau khi xuất/in")


def save_section(src: Source, report_id: int, key: str, heading: str, text: str) -> ReportInfo:
    r = editable_report(src, report_id)
    sec = next((s for s in r.sections if s.key == key), None)
    if sec is None:
        raise NotFoundError(f"Báo cáo không có mục “{SECTIONS.get(key, key)}”.")
    heading, text = nfc(heading.strip("\n")), nfc(text.strip("\n"))
    if (sec.heading, sec.text) != (heading, text):
        set_section(src, report_id, key, heading, text)
        mark_edited(src, r)
    return report_info(src, report_id)


def check_margins(m: Margins) -> None:
    for side, (lo, hi) in MARGIN_RANGES.items():
        value = getattr(m, side)
        if not lo <= value <= hi:
            raise ValidationError(
                f"Lề {MARGIN_NAMES[side]} {value} mm nằm ngoài khoảng {lo}–{hi} mm theo "
                "Nghị định 30/2020/NĐ-CP."
            )


def update_header(
    src: Source,
    report_id: int,
    *,
    number: str | None = None,
    report_date: date | None = None,
    period: Period | None = None,
    margins: Margins | None = None,
    **fields: str,
) -> ReportInfo:
    """Edit the number, date, period, margins or header fields (``None`` keeps a value)."""
    before = editable_report(src, report_id)
    new_number = before.number if number is None else number.strip()
    new_date = before.report_date if report_date is None else report_date
    check_number(src, new_number, before.symbol, new_date, before.index_year, exclude_id=report_id)
    values: dict[str, object] = {"number": new_number, "report_date": new_date}
    if period is not None:
        values.update(period_from=period.start, period_to=period.end, period_label=period.label)
    if margins is not None:
        check_margins(margins)
        values.update(
            margin_top=margins.top,
            margin_bottom=margins.bottom,
            margin_left=margins.left,
            margin_right=margins.right,
        )
    for key, value in fields.items():
        if key not in HEADER_FIELDS:
            raise ValidationError(f"Không sửa được trường “{key}” của báo cáo.")
        values[key] = nfc(value.strip())
    update_report(src, report_id, **values)
    after = report_info(src, report_id)
    if (after.header, after.number, after.report_date, after.period, after.margins) != (
        before.header,
        before.number,
        before.report_date,
        before.period,
        before.margins,
    ):
        mark_edited(src, after)
        after = report_info(src, report_id)
    return after


def delete_report(src: Source, report_id: int) -> None:
    r = report_info(src, report_id)
    if r.status not in ("draft", "exported"):
        raise ValidationError(
            f"Báo cáo {r.number or '(chưa có số)'}/{r.symbol} đã "
            f"{STATUS_LABELS[r.status].lower()}; chỉ xóa được bản nháp hoặc bản mới xuất tệp."
        )
    # sections and events go with it (ON DELETE CASCADE, foreign keys are on)
    execute(src, "DELETE FROM report WHERE id = ?", (report_id,))
