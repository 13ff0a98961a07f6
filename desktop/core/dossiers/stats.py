"""Compute a period's figures in one SQL pass, per field (lĩnh vực) like form Biểu 06.

``compute_figures(src, period)`` → ``DossierFigures`` (plain dataclasses, ready for a
screen, the CLI's JSON, the report or the .xlsx export); ``list_dossiers`` gives the
dossiers behind any figure; ``monthly`` the per-month counts for a chart. Plain SQL over
``sqlite3``: ``src`` is a connection or a session (``db.sqlconn``), no SQLAlchemy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from base.errors import ValidationError
from db.sqlconn import rows
from db.values import from_stamp
from desktop.core.dossiers.figures import (
    FIGURE_KEYS,
    IN_SCOPE,
    PREDICATES,
    UNKNOWN_FIELD,
    bounds,
)
from desktop.core.dossiers.klass import BEFORE_DUE, GONE, LATE, ON_DUE, REJECTED, Klass, unpack
from desktop.core.dossiers.manual_read import ManualFigures, get_manual_figures
from desktop.core.office.text import fold

if TYPE_CHECKING:
    from db.sqlconn import Source
    from desktop.core.dossiers.periods import Period


def percent(part: int, whole: int, places: int = 1) -> Decimal | None:
    """``percent(1, 191)`` → ``Decimal('0.5')`` (half up); None when there is no whole."""
    if not whole:
        return None
    q = Decimal(1).scaleb(-places)
    return (Decimal(100 * part) / Decimal(whole)).quantize(q, rounding=ROUND_HALF_UP)


@dataclass
class FieldFigures:
    """One row of form Biểu 06 (a field, or the total row), plus the digital indicators."""

    field: str
    counts: dict[str, int]

    def __getitem__(self, key: str) -> int:
        return self.counts[key]

    @property
    def late_percent(self) -> Decimal:
        return percent(self["resolved.late"], self["resolved.total"]) or Decimal("0.0")

    def form06_cells(self) -> list[int]:
        """The 11 number columns of Biểu 06 (columns 3–13)."""
        c = self.counts
        return [
            c["received.total"],
            c["received.online"],
            c["received.offline"],
            c["received.carried_over"],
            c["resolved.total"],
            c["resolved.before_due"],
            c["resolved.on_due"],
            c["resolved.late"],
            c["in_progress.total"],
            c["in_progress.in_time"],
            c["in_progress.overdue"],
        ]


# The figure behind each number column of Biểu 06 (for "click a cell, see its dossiers").
FORM06_FIGURES = (
    "received.total",
    "received.online",
    "received.offline",  # trực tiếp và dịch vụ bưu chính (and channel not given)
    "received.carried_over",
    "resolved.total",
    "resolved.before_due",
    "resolved.on_due",
    "resolved.late",
    "in_progress.total",
    "in_progress.in_time",
    "in_progress.overdue",
)


@dataclass
class DossierFigures:
    period: Period
    total: FieldFigures
    by_field: list[FieldFigures]
    manual: ManualFigures | None = None

    def rate(self, part: str, whole: str, known: str | None = None) -> Decimal | None:
        """A digital indicator's rate, or None when the exports had no such column."""
        if known is not None and not self.total[known]:
            return None
        return percent(self.total[part], self.total[whole])

    @property
    def online_payment_rate(self) -> tuple[Decimal | None, str]:
        """(rate, source): the hand-entered rate wins over the export's."""
        if self.manual and self.manual.online_payment_rate is not None:
            return self.manual.online_payment_rate, "manual"
        t = self.total
        if not t["digital.payment_known"]:
            return None, "none"
        return percent(t["digital.paid_online"], t["digital.payment_known"], 2), "export"

    def to_json(self) -> dict:
        t = self.total
        pay_rate, pay_source = self.online_payment_rate
        return {
            "from": self.period.start.isoformat(),
            "to": self.period.end.isoformat(),
            "label": self.period.title,
            **_json_counts(t),
            "digital": {
                "digitised_on_receipt": t["digital.digitised_received"],
                "digitised_on_receipt_percent": _f(
                    self.rate(
                        "digital.digitised_received",
                        "received.total",
                        "digital.digitised_received_known",
                    )
                ),
                "results_digitised": t["digital.results_digitised"],
                "results_digitised_percent": _f(
                    self.rate(
                        "digital.results_digitised",
                        "resolved.total",
                        "digital.results_digitised_known",
                    )
                ),
                "paid_online": t["digital.paid_online"],
                "with_fee": t["digital.payment_known"],
                "online_payment_percent": _f(pay_rate),
                "online_payment_source": pay_source,
                "fully_online": t["digital.fully_online"],
                "partly_online": t["digital.partly_online"],
                "e_certified": t["digital.e_certified"],
            },
            "manual": self.manual.to_json() if self.manual else None,
            "by_field": [{"field": f.field, **_json_counts(f)} for f in self.by_field],
        }


def _f(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _json_counts(f: FieldFigures) -> dict:
    c = f.counts
    return {
        "received": {
            "total": c["received.total"],
            "new": c["received.new"],
            "online": c["received.online"],
            "direct": c["received.direct"],
            "postal": c["received.postal"],
            "unknown_channel": c["received.unknown_channel"],
            "carried_over": c["received.carried_over"],
        },
        "resolved": {
            "total": c["resolved.total"],
            "on_time": c["resolved.on_time"],
            "before_due": c["resolved.before_due"],
            "on_due": c["resolved.on_due"],
            "late": c["resolved.late"],
            "late_percent": float(f.late_percent),
        },
        "in_progress": {
            "total": c["in_progress.total"],
            "in_time": c["in_progress.in_time"],
            "overdue": c["in_progress.overdue"],
        },
        "withdrawn": c["withdrawn"],
    }


# One streaming pass over the covering index ``ix_dossier_class_scan`` (klass, field,
# received_at, result_at, due_at): the rows come grouped already, so there is no sort,
# and each in-scope row costs three cheap filtered counts. Per (klass, field): rows in
# scope, of them received in the period, with a result in the period, and not resolved
# in the period with a due before its end.
_GROUPED = """
    SELECT klass, field, COUNT(*),
           COUNT(*) FILTER (WHERE received_at >= :s),
           COUNT(*) FILTER (WHERE result_at >= :s AND result_at < :e),
           COUNT(*) FILTER (WHERE due_at < :l
                            AND (result_at IS NULL OR result_at < :s OR result_at >= :e))
    FROM dossier INDEXED BY ix_dossier_class_scan
    WHERE received_at < :e
      AND (received_at >= :s OR result_at IS NULL OR result_at >= :s)
    GROUP BY klass, field
    """
_CHANNEL_KEYS = {
    0: "received.unknown_channel",
    1: "received.online",
    2: "received.direct",
    3: "received.postal",
}
_TIMELINESS_KEYS = {
    BEFORE_DUE: "resolved.before_due",
    ON_DUE: "resolved.on_due",
    LATE: "resolved.late",
}


def _add(
    counts: dict[str, int], k: Klass, total: int, new: int, resolved: int, overdue: int
) -> None:
    """Add a group of dossiers of class ``k`` to the figures: ``total`` in scope, ``new``
    of them received in the period, ``resolved`` with a result in it, ``overdue`` not
    resolved with a due before its end (the same definitions as ``figures.PREDICATES``,
    which the tests hold it to)."""
    if k.state == REJECTED:
        return
    if k.state == GONE:
        total = new  # withdrawn before the period: not carried over
    counts["received.total"] += total
    counts["received.new"] += new
    counts["received.carried_over"] += total - new
    if k.digitised_on_receipt:
        counts["digital.digitised_received_known"] += total
        if k.digitised_on_receipt == 2:
            counts["digital.digitised_received"] += total
    if new:
        counts[_CHANNEL_KEYS[k.channel]] += new
        if k.channel != 1:
            counts["received.offline"] += new
        if k.online_payment:
            counts["digital.payment_known"] += new
            if k.online_payment == 2:
                counts["digital.paid_online"] += new
        if k.channel == 1 and k.online_level:
            key = "digital.fully_online" if k.online_level == 1 else "digital.partly_online"
            counts[key] += new
        if k.e_certified:
            counts["digital.e_certified"] += new
    if resolved:
        counts["resolved.total"] += resolved
        counts[_TIMELINESS_KEYS[k.timeliness]] += resolved
        if k.timeliness != LATE:
            counts["resolved.on_time"] += resolved
        if k.result_digitised:
            counts["digital.results_digitised_known"] += resolved
            if k.result_digitised == 2:
                counts["digital.results_digitised"] += resolved
    if k.state == GONE:
        counts["withdrawn"] += total
        return
    open_ = total - resolved
    counts["in_progress.total"] += open_
    counts["in_progress.overdue"] += overdue
    counts["in_progress.in_time"] += open_ - overdue


def compute_figures(src: Source, period: Period) -> DossierFigures:
    per_field: dict[str, dict[str, int]] = {}
    for klass, field_name, *group in rows(src, _GROUPED, bounds(period)):
        counts = per_field.get(field_name)
        if counts is None:
            counts = per_field[field_name] = dict.fromkeys(FIGURE_KEYS, 0)
        _add(counts, unpack(klass), *group)
    totals = dict.fromkeys(FIGURE_KEYS, 0)
    by_field: list[FieldFigures] = []
    for name, counts in per_field.items():
        if not counts["received.total"]:
            continue
        by_field.append(FieldFigures(name or UNKNOWN_FIELD, counts))
        for k, v in counts.items():
            totals[k] += v
    by_field.sort(key=lambda f: (f.field == UNKNOWN_FIELD, fold(f.field)))
    return DossierFigures(
        period=period,
        total=FieldFigures("Tổng số", totals),
        by_field=by_field,
        manual=get_manual_figures(src, period),
    )


@dataclass(frozen=True)
class DossierRow:
    code: str
    procedure: str
    field: str
    applicant: str
    channel: str | None
    received_at: datetime
    due_at: datetime | None
    result_at: datetime | None
    returned_at: datetime | None
    status: str


def _at(value: int | None) -> datetime | None:
    return None if value is None else from_stamp(value)


def list_dossiers(
    src: Source, period: Period, figure: str, *, field_name: str | None = None
) -> list[DossierRow]:
    """The dossiers counted in ``figure`` (a key of FIGURE_KEYS), optionally of one field
    (``UNKNOWN_FIELD`` for dossiers without a field), ordered by received date."""
    if figure not in PREDICATES:
        raise ValidationError(f"Chỉ số “{figure}” không có. Các chỉ số: {', '.join(PREDICATES)}.")
    params: dict[str, object] = bounds(period)
    sql = (
        "SELECT code, procedure, field, applicant, channel, received_at, due_at, result_at,"
        f" returned_at, status FROM dossier WHERE {IN_SCOPE} AND {PREDICATES[figure]}"
    )
    if field_name is not None:
        sql += " AND field = :field"
        params["field"] = "" if field_name == UNKNOWN_FIELD else field_name
    sql += " ORDER BY received_at, code"
    return [
        DossierRow(
            r["code"],
            r["procedure"],
            r["field"],
            r["applicant"],
            r["channel"],
            from_stamp(r["received_at"]),
            _at(r["due_at"]),
            _at(r["result_at"]),
            _at(r["returned_at"]),
            r["status"],
        )
        for r in rows(src, sql, params)
    ]


@dataclass(frozen=True)
class MonthFigures:
    month: date  # first day of the month
    received: int
    resolved: int
    late: int = 0


def monthly(src: Source, period: Period) -> list[MonthFigures]:
    """New dossiers per month of receipt and resolved ones per month of result (a chart)."""
    params = bounds(period)
    # Stamps are YYYYMMDDhhmmss integers: ``/ 100000000`` is the month YYYYMM.
    received = {
        r[0]: r[1]
        for r in rows(
            src,
            "SELECT received_at / 100000000 AS month, COUNT(*) FROM dossier"
            f" WHERE {PREDICATES['received.new']} GROUP BY month",
            params,
        )
    }
    resolved: dict[int, tuple[int, int]] = {}
    for month, n, late in rows(
        src,
        "SELECT result_at / 100000000 AS month, COUNT(*),"
        f" SUM(CASE WHEN {PREDICATES['resolved.late']} THEN 1 ELSE 0 END) FROM dossier"
        f" WHERE {IN_SCOPE} AND {PREDICATES['resolved.total']} GROUP BY month",
        params,
    ):
        resolved[month] = (n, int(late or 0))
    months = []
    y, m = period.start.year, period.start.month
    while (y, m) <= (period.end.year, period.end.month):
        key = y * 100 + m
        n, late = resolved.get(key, (0, 0))
        months.append(MonthFigures(date(y, m, 1), received.get(key, 0), n, late))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months
