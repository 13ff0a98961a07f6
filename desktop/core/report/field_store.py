"""Filling a report's fields: each value goes back to its one home (the catalog's decision,
the results' decision and total, the period's portal figures, the report's signer, or the
report's own ``report_field`` row), then the sections fed by it are drafted again. A
section the officer edited by hand is never overwritten; it gets a redraft offer as any
refresh of the figures gives (``redraft``).

Plain SQL over ``db.sqlconn``, as the register: ``cchc report set`` loads no SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from base.errors import NotFoundError, ValidationError
from db.sqlconn import execute, row, value
from db.values import date_to_db, datetime_to_db, now, points_to_db, result_points_to_db
from desktop.core.report.draft import HeaderDraft, draft_header
from desktop.core.report.fields import DocRef, FieldInfo, parse_value, value_text
from desktop.core.report.records import ReportInfo
from desktop.core.report.redraft import RefreshOutcome, refresh_report
from desktop.core.report.store import editable_report, report_data, update_header

if TYPE_CHECKING:
    from db.sqlconn import Source


def report_fields(src: Source, report_id: int) -> dict[str, FieldInfo]:
    return report_data(src, report_id).fields


def _field(src: Source, r: ReportInfo, key: str) -> FieldInfo:
    fields = report_fields(src, r.id)
    if key not in fields:
        known = ", ".join(fields)
        raise NotFoundError(
            f"Báo cáo số {r.number_text} không có trường “{key}”. Các trường: {known}."
        )
    return fields[key]


def set_field(src: Source, report_id: int, key: str, text: str) -> RefreshOutcome:
    """Give a field its value (typed as the officer types it); the draft follows."""
    r = editable_report(src, report_id)
    f = _field(src, r, key)
    parsed = parse_value(f.spec, text)
    before = draft_header(report_data(src, report_id))
    _write(src, r, f, parsed, value_text(f.spec.kind, parsed))
    _follow_header(src, r, before)
    return refresh_report(src, report_id)


def _follow_header(src: Source, r: ReportInfo, before: HeaderDraft) -> None:
    """Header fields drafted from a field (Nơi nhận names the appraising body's office)
    follow it, unless the officer wrote them by hand."""
    after = draft_header(report_data(src, r.id))
    changed = {
        k: getattr(after, k)
        for k in ("recipients",)
        if getattr(r.header, k) == getattr(before, k) != getattr(after, k)
    }
    if changed:
        update_header(src, r.id, **changed)


def pick_document(src: Source, report_id: int, key: str, document_id: int) -> RefreshOutcome:
    """A plan field takes one of the register's documents (several Kế hoạch matched)."""
    r = editable_report(src, report_id)
    f = _field(src, r, key)
    if key not in ("commune_plan", "next_plan"):
        raise ValidationError(f"Trường “{f.label}” không chọn từ sổ tài liệu kiểm chứng.")
    _store(src, report_id, key, "", document_id)
    return refresh_report(src, report_id)


def clear_field(src: Source, report_id: int, key: str) -> RefreshOutcome:
    """Empty a field where it lives (a plan found in the register is found again)."""
    r = editable_report(src, report_id)
    f = _field(src, r, key)
    _write(src, r, f, None, "")
    return refresh_report(src, report_id)


def _store(src: Source, report_id: int, key: str, text: str, document_id: int | None) -> None:
    stamp = datetime_to_db(now())
    if not text and document_id is None:
        execute(src, "DELETE FROM report_field WHERE report_id = ? AND key = ?", (report_id, key))
        return
    execute(
        src,
        "INSERT INTO report_field (report_id, key, value, document_id, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (report_id, key) DO UPDATE SET "
        "value = excluded.value, document_id = excluded.document_id, "
        "updated_at = excluded.updated_at",
        (report_id, key, text, document_id, stamp),
    )


def _result_id(src: Source, year: int) -> int:
    found = value(src, "SELECT id FROM appraisal_result WHERE year = ?", (year,))
    if found is None:
        raise ValidationError(
            f"Năm {year} chưa có kết quả thẩm định; hãy nhập kết quả trước "
            f"(cchc results import TỆP --year {year})."
        )
    return found


def _manual_id(src: Source, r: ReportInfo) -> int:
    p = r.period
    if p is None:
        raise ValidationError(f"Báo cáo số {r.number_text} chưa có kỳ số liệu hồ sơ.")
    key = (date_to_db(p.start), date_to_db(p.end))
    found = value(
        src, "SELECT id FROM dossier_manual_figures WHERE date_from = ? AND date_to = ?", key
    )
    if found is None:
        found = execute(
            src,
            "INSERT INTO dossier_manual_figures (date_from, date_to, note, updated_at) "
            "VALUES (?, ?, '', ?)",
            (*key, datetime_to_db(now())),
        )
    return found


def _set_appraiser(src: Source, year: int, name: str) -> None:
    """The year's appraising body, as ``Thiết lập năm`` sets it (its district too when the
    name says ``UBND huyện …``, so the report names the district's offices)."""
    from desktop.core.office.text import fold
    from desktop.core.years.read import fresh_year

    if not name:
        raise ValidationError("Chưa nhập tên cơ quan thẩm định.")
    folded = fold(name)
    level = (
        "district"
        if folded.startswith("ubnd huyen ")
        else "province"
        if folded.startswith(("so noi vu", "ubnd tinh", "ubnd thanh pho"))
        else None
    )
    district = name[len("UBND huyện ") :].strip() if level == "district" else None
    stamp = datetime_to_db(now())
    if value(src, "SELECT year FROM assessment_year WHERE year = ?", (year,)) is None:
        f = fresh_year(src, year)
        execute(
            src,
            "INSERT INTO assessment_year (year, commune_name, district, province, appraiser, "
            "appraiser_level, appraiser_confirmed, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)",
            (year, f.commune_name, f.district, f.province, f.appraiser, f.appraiser_level, stamp),
        )
    execute(
        src,
        "UPDATE assessment_year SET appraiser = ?, appraiser_confirmed = 1, "
        "appraiser_level = COALESCE(?, appraiser_level), district = COALESCE(?, district), "
        "updated_at = ? WHERE year = ?",
        (name, level, district, stamp, year),
    )


def _write(src: Source, r: ReportInfo, f: FieldInfo, parsed: object, text: str) -> None:
    key, stamp = f.key, datetime_to_db(now())
    doc = parsed if isinstance(parsed, DocRef) else None
    if key == "appraiser":
        _set_appraiser(src, r.index_year, text)
    elif key == "catalog_decision":
        cat = row(src, "SELECT id FROM catalog WHERE year = ?", (r.index_year,))
        if cat is None:
            raise ValidationError(f"Năm {r.index_year} chưa có bộ tiêu chí.")
        execute(
            src,
            "UPDATE catalog SET decision_number = ?, decision_date = ? WHERE id = ?",
            (doc.number if doc else "", date_to_db(doc.issued) if doc else None, cat["id"]),
        )
    elif key == "results_decision":
        execute(
            src,
            "UPDATE appraisal_result SET decision_number = ?, decision_date = ?, updated_at = ? "
            "WHERE id = ?",
            (
                doc.number if doc else "",
                date_to_db(doc.issued) if doc else None,
                stamp,
                _result_id(src, r.index_year),
            ),
        )
    elif key == "total_score":
        if parsed is not None and not 0 <= parsed <= 100:  # type: ignore[operator]
            raise ValidationError(f"Tổng điểm “{text}” nằm ngoài khoảng 0 – 100.")
        execute(
            src,
            "UPDATE appraisal_result SET total = ?, updated_at = ? WHERE id = ?",
            (result_points_to_db(parsed), stamp, _result_id(src, r.index_year)),  # type: ignore[arg-type]
        )
    elif key in ("service_index", "online_payment_rate"):
        if key == "service_index" and parsed is not None and parsed > 100:  # type: ignore[operator]
            raise ValidationError(f"Chỉ số phục vụ “{text}” phải nằm trong khoảng 0–100.")
        execute(
            src,
            f"UPDATE dossier_manual_figures SET {key} = ?, updated_at = ? WHERE id = ?",
            (points_to_db(parsed), stamp, _manual_id(src, r)),  # type: ignore[arg-type]
        )
    elif key == "service_rank":
        place, of = None, None
        if parsed:
            head, _, tail = str(parsed).partition("/")
            place, of = int(head), int(tail) if tail else None
            if place < 1 or (of is not None and place > of):
                raise ValidationError(f"Xếp hạng {parsed} không hợp lệ.")
        execute(
            src,
            "UPDATE dossier_manual_figures SET service_rank = ?, service_rank_of = ?, "
            "updated_at = ? WHERE id = ?",
            (place, of, stamp, _manual_id(src, r)),
        )
    elif key == "signer":
        update_header(src, r.id, signer=text)
    else:
        match = None
        if doc is not None:
            match = next(
                (c for c in f.options if (c.number, c.issued) == (doc.number, doc.issued)), None
            )
        if match is not None:
            _store(src, r.id, key, "", match.document_id)
        else:
            _store(src, r.id, key, text if parsed is not None else "", None)
        return
    _store(src, r.id, key, "", None)  # the value lives elsewhere; nothing kept here
