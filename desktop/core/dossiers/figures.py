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

from typing import TYPE_CHECKING

from db.values import stamp_of

if TYPE_CHECKING:
    from desktop.core.dossiers.periods import Period

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


def bounds(period: Period) -> dict[str, int]:
    """The parameters of the SQL below: ``s`` the period's first moment, ``e`` the first
    moment after it, ``l`` the end of its last day (all stamps)."""
    return {
        "s": stamp_of(period.start_at),
        "e": stamp_of(period.end_at),
        "l": stamp_of(period.last_moment),
    }


# Plain SQL over the dossier table, with the named parameters of ``bounds``. Stamps are
# YYYYMMDDhhmmss integers, so ``x / 1000000`` is the day YYYYMMDD.
_COUNTED = "status_kind != 'rejected'"
_GONE = "(status_kind = 'withdrawn' AND result_at IS NULL)"
_NEW = f"({_COUNTED} AND received_at >= :s AND received_at < :e)"
_CARRIED = (
    f"({_COUNTED} AND received_at < :s AND NOT {_GONE} AND (result_at IS NULL OR result_at >= :s))"
)
_RECEIVED = f"({_NEW} OR {_CARRIED})"
_RESOLVED = f"({_RECEIVED} AND result_at IS NOT NULL AND result_at >= :s AND result_at < :e)"
_ON_TIME = f"({_RESOLVED} AND (due_at IS NULL OR result_at <= due_at))"
_BEFORE_DUE = f"({_ON_TIME} AND due_at IS NOT NULL AND result_at / 1000000 < due_at / 1000000)"
_IN_PROGRESS = f"({_RECEIVED} AND NOT {_RESOLVED} AND NOT {_GONE})"
_OVERDUE = f"({_IN_PROGRESS} AND due_at IS NOT NULL AND due_at < :l)"

# Each figure as a NULL-safe SQL condition on the dossier table.
PREDICATES: dict[str, str] = {
    "received.total": _RECEIVED,
    "received.new": _NEW,
    "received.online": f"({_NEW} AND channel = 'online')",
    "received.direct": f"({_NEW} AND channel = 'direct')",
    "received.postal": f"({_NEW} AND channel = 'postal')",
    "received.unknown_channel": f"({_NEW} AND channel IS NULL)",
    "received.offline": f"({_NEW} AND (channel IS NULL OR channel != 'online'))",
    "received.carried_over": _CARRIED,
    "resolved.total": _RESOLVED,
    "resolved.on_time": _ON_TIME,
    "resolved.before_due": _BEFORE_DUE,
    "resolved.on_due": f"({_ON_TIME} AND NOT {_BEFORE_DUE})",
    "resolved.late": f"({_RESOLVED} AND due_at IS NOT NULL AND result_at > due_at)",
    "in_progress.total": _IN_PROGRESS,
    "in_progress.in_time": f"({_IN_PROGRESS} AND NOT {_OVERDUE})",
    "in_progress.overdue": _OVERDUE,
    "withdrawn": f"({_RECEIVED} AND {_GONE})",
    "digital.digitised_received": f"({_RECEIVED} AND digitised_on_receipt = 1)",
    "digital.digitised_received_known": f"({_RECEIVED} AND digitised_on_receipt IS NOT NULL)",
    "digital.results_digitised": f"({_RESOLVED} AND result_digitised = 1)",
    "digital.results_digitised_known": f"({_RESOLVED} AND result_digitised IS NOT NULL)",
    "digital.paid_online": f"({_NEW} AND online_payment = 1)",
    "digital.payment_known": f"({_NEW} AND online_payment IS NOT NULL)",
    "digital.fully_online": f"({_NEW} AND channel = 'online' AND online_level = 'full')",
    "digital.partly_online": f"({_NEW} AND channel = 'online' AND online_level = 'partial')",
    "digital.e_certified": f"({_NEW} AND e_certified = 1)",
}

# Rows that can count in any figure of the period (uses the date indexes).
IN_SCOPE = (
    "((received_at >= :s AND received_at < :e)"
    " OR (received_at < :s AND (result_at IS NULL OR result_at >= :s)))"
)
