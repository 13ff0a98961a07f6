"""The figures of a period, one SQL predicate each, so a count and the list of dossiers
behind it can never disagree.

Definitions (period inclusive, calendar dates; "rejected at the desk" is never counted):
- new: received in the period; split online / direct / postal (unknown_channel: the
  export did not say).
- carried_over: received before the period, not withdrawn, with no result date or a result
  date on or after the first day. received.total = new + carried_over.
- resolved: of received.total, result date in the period; on_time: result at or before
  due (a due without a time is the end of that day; no due counts as on time); late:
  after due; before_due: result on an earlier calendar day than due (part of on_time);
  on_due = on_time − before_due (the form's "Đúng hạn").
- withdrawn: of received.total, withdrawn or cancelled with no result date.
- in_progress = received.total − resolved − withdrawn; overdue when due is before the end
  of the period's last day, else in_time.
- digital: digitised on receipt (of received.total), results digitised (of resolved),
  paid online (of the new dossiers that carry a fee), fully/partly online and
  e-certified copies (of new).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, ColumnElement, and_, not_, or_, true, type_coerce

from db.models_dossiers import Dossier
from desktop.core.dossiers.periods import Period

D = Dossier.__table__.c
UNKNOWN_FIELD = "Chưa rõ lĩnh vực"

# Figure keys, in the order of form Biểu 06 and then the digital-service indicators.
FIGURE_KEYS = (
    "received.total",
    "received.new",
    "received.online",
    "received.direct",
    "received.postal",
    "received.unknown_channel",
    "received.offline",
    "received.carried_over",
    "resolved.total",
    "resolved.on_time",
    "resolved.before_due",
    "resolved.on_due",
    "resolved.late",
    "in_progress.total",
    "in_progress.in_time",
    "in_progress.overdue",
    "withdrawn",
    "digital.digitised_received",
    "digital.digitised_received_known",
    "digital.results_digitised",
    "digital.results_digitised_known",
    "digital.paid_online",
    "digital.payment_known",
    "digital.fully_online",
    "digital.partly_online",
    "digital.e_certified",
)

FIGURE_LABELS = {
    "received.total": "Tổng số hồ sơ tiếp nhận",
    "received.new": "Tiếp nhận mới trong kỳ",
    "received.online": "Tiếp nhận trực tuyến",
    "received.direct": "Tiếp nhận trực tiếp",
    "received.postal": "Tiếp nhận qua dịch vụ bưu chính",
    "received.unknown_channel": "Không rõ hình thức nộp",
    "received.offline": "Tiếp nhận trực tiếp và qua dịch vụ bưu chính",
    "received.carried_over": "Từ kỳ trước chuyển qua",
    "resolved.total": "Tổng số hồ sơ đã giải quyết",
    "resolved.on_time": "Giải quyết đúng hạn và trước hạn",
    "resolved.before_due": "Giải quyết trước hạn",
    "resolved.on_due": "Giải quyết đúng hạn",
    "resolved.late": "Giải quyết quá hạn",
    "in_progress.total": "Tổng số hồ sơ đang giải quyết",
    "in_progress.in_time": "Đang giải quyết trong hạn",
    "in_progress.overdue": "Đang giải quyết quá hạn",
    "withdrawn": "Rút hồ sơ, hủy hồ sơ",
    "digital.digitised_received": "Số hóa hồ sơ khi tiếp nhận",
    "digital.digitised_received_known": "Hồ sơ có thông tin số hóa khi tiếp nhận",
    "digital.results_digitised": "Số hóa kết quả giải quyết",
    "digital.results_digitised_known": "Hồ sơ đã giải quyết có thông tin số hóa kết quả",
    "digital.paid_online": "Thanh toán trực tuyến",
    "digital.payment_known": "Hồ sơ có phí, lệ phí",
    "digital.fully_online": "Dịch vụ công trực tuyến toàn trình",
    "digital.partly_online": "Dịch vụ công trực tuyến một phần",
    "digital.e_certified": "Chứng thực bản sao điện tử",
}


def _day(column) -> ColumnElement[int]:
    """YYYYMMDD of a stamp column (stamps are YYYYMMDDhhmmss integers)."""
    return type_coerce(column, BigInteger) // 1_000_000


def predicates(period: Period) -> dict[str, ColumnElement[bool]]:
    """Each figure as a NULL-safe SQL condition on the dossier table."""
    start, end, last = period.start_at, period.end_at, period.last_moment
    counted = D.status_kind != "rejected"
    has_result = D.result_at.is_not(None)
    gone = and_(D.status_kind == "withdrawn", D.result_at.is_(None))
    new = and_(counted, D.received_at >= start, D.received_at < end)
    carried = and_(
        counted,
        D.received_at < start,
        not_(gone),
        or_(D.result_at.is_(None), D.result_at >= start),
    )
    received = or_(new, carried)
    resolved = and_(received, has_result, D.result_at >= start, D.result_at < end)
    has_due = D.due_at.is_not(None)
    on_time = and_(resolved, or_(D.due_at.is_(None), D.result_at <= D.due_at))
    before_due = and_(on_time, has_due, _day(D.result_at) < _day(D.due_at))
    withdrawn = and_(received, gone)
    in_progress = and_(received, not_(resolved), not_(gone))
    overdue = and_(in_progress, has_due, D.due_at < last)
    return {
        "received.total": received,
        "received.new": new,
        "received.online": and_(new, D.channel == "online"),
        "received.direct": and_(new, D.channel == "direct"),
        "received.postal": and_(new, D.channel == "postal"),
        "received.unknown_channel": and_(new, D.channel.is_(None)),
        "received.offline": and_(new, or_(D.channel.is_(None), D.channel != "online")),
        "received.carried_over": carried,
        "resolved.total": resolved,
        "resolved.on_time": on_time,
        "resolved.before_due": before_due,
        "resolved.on_due": and_(on_time, not_(before_due)),
        "resolved.late": and_(resolved, has_due, D.result_at > D.due_at),
        "in_progress.total": in_progress,
        "in_progress.in_time": and_(in_progress, not_(overdue)),
        "in_progress.overdue": overdue,
        "withdrawn": withdrawn,
        "digital.digitised_received": and_(received, D.digitised_on_receipt == true()),
        "digital.digitised_received_known": and_(received, D.digitised_on_receipt.is_not(None)),
        "digital.results_digitised": and_(resolved, D.result_digitised == true()),
        "digital.results_digitised_known": and_(resolved, D.result_digitised.is_not(None)),
        "digital.paid_online": and_(new, D.online_payment == true()),
        "digital.payment_known": and_(new, D.online_payment.is_not(None)),
        "digital.fully_online": and_(new, D.channel == "online", D.online_level == "full"),
        "digital.partly_online": and_(new, D.channel == "online", D.online_level == "partial"),
        "digital.e_certified": and_(new, D.e_certified == true()),
    }


def in_scope(period: Period) -> ColumnElement[bool]:
    """Rows that can count in any figure of the period (uses the date indexes)."""
    return or_(
        and_(D.received_at >= period.start_at, D.received_at < period.end_at),
        and_(
            D.received_at < period.start_at,
            or_(D.result_at.is_(None), D.result_at >= period.start_at),
        ),
    )
