"""Figures the app already knows, offered as a sub-criterion's declared value with their
source: the on-time rate, the share of online dossiers, the digitisation rates and the
online payment rate of a period's dossier statistics.

``offers(session, year, code)`` lists them for the ND 09 year period of ``year`` (or the
period given), the ones the sub-criterion's title speaks of first (``suggested``);
``use_offer`` declares one (its source is kept with the figure).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from base.errors import NotFoundError, ValidationError
from desktop.core.dossiers import DossierFigures, Period, compute_figures, nd09_period
from desktop.core.dossiers.stats import percent
from desktop.core.office.text import fold
from desktop.core.office.vnformat import format_points
from desktop.core.scoring.scores import scorable_node
from desktop.core.selfassess.entry import EntryInfo, set_entry

# key -> (label, words in a title that call for it, words that rule it out)
OFFER_KINDS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "on_time": ("Tỷ lệ hồ sơ giải quyết đúng hạn", ("dung han", "dung thoi han"), ()),
    "online": ("Tỷ lệ hồ sơ nộp trực tuyến", ("truc tuyen",), ("thanh toan", "cung cap")),
    "digitised": ("Tỷ lệ hồ sơ được số hóa khi tiếp nhận", ("so hoa",), ("ket qua",)),
    "results_digitised": ("Tỷ lệ kết quả giải quyết được số hóa", ("so hoa ket qua",), ()),
    "online_payment": ("Tỷ lệ thanh toán trực tuyến", ("thanh toan truc tuyen",), ()),
}


@dataclass(frozen=True)
class Offer:
    key: str
    label: str
    value: Decimal  # a percentage
    part: int | None
    whole: int | None
    source: str  # kept with the declared figure
    suggested: bool

    @property
    def text(self) -> str:
        return f"{format_points(self.value)}%"


def _counts(f: DossierFigures, key: str) -> tuple[int, int, str] | None:
    t = f.total
    if key == "on_time":
        return t["resolved.on_time"], t["resolved.total"], "hồ sơ giải quyết đúng hạn"
    if key == "online":
        return t["received.online"], t["received.new"], "hồ sơ tiếp nhận mới nộp trực tuyến"
    if key == "digitised":
        if not t["digital.digitised_received_known"]:
            return None
        return t["digital.digitised_received"], t["received.total"], "hồ sơ số hóa khi tiếp nhận"
    if key == "results_digitised":
        if not t["digital.results_digitised_known"]:
            return None
        return t["digital.results_digitised"], t["resolved.total"], "kết quả được số hóa"
    return None


def _suggested(title: str, key: str) -> bool:
    t = fold(title)
    _label, wanted, unwanted = OFFER_KINDS[key]
    return any(w in t for w in wanted) and not any(w in t for w in unwanted)


def offers(session: Session, year: int, code: str, period: Period | None = None) -> list[Offer]:
    """The known figures of ``period`` (default: the ND 09 year ``year``) for ``code``."""
    node = scorable_node(session, year, code)
    period = period or nd09_period("year", year)
    figures = compute_figures(session, period)
    where = f"Thống kê hồ sơ TTHC, {period.title}"
    out = []
    for key, (label, _w, _u) in OFFER_KINDS.items():
        if key == "online_payment":
            rate, origin = figures.online_payment_rate
            if rate is None:
                continue
            how = "nhập tay" if origin == "manual" else "theo danh sách hồ sơ"
            out.append(
                Offer(
                    key,
                    label,
                    rate,
                    None,
                    None,
                    f"{where}: {label.lower()} ({how})",
                    _suggested(node.title, key),
                )
            )
            continue
        counts = _counts(figures, key)
        if counts is None or not counts[1]:
            continue
        part, whole, noun = counts
        value = percent(part, whole, 2)
        assert value is not None
        out.append(
            Offer(
                key,
                label,
                value,
                part,
                whole,
                f"{where}: {part}/{whole} {noun}",
                _suggested(node.title, key),
            )
        )
    out.sort(key=lambda o: not o.suggested)
    return out


def use_offer(
    session: Session, year: int, code: str, key: str, period: Period | None = None
) -> EntryInfo:
    """Declare the offered figure ``key`` for ``code`` (the score follows the rule)."""
    if key not in OFFER_KINDS:
        raise ValidationError(
            f"Không có số liệu “{key}”. Chọn một trong: {', '.join(OFFER_KINDS)}."
        )
    found = {o.key: o for o in offers(session, year, code, period)}
    offer = found.get(key)
    if offer is None:
        shown = period.title if period else f"năm {year}"
        raise NotFoundError(
            f"Chưa có số liệu “{OFFER_KINDS[key][0]}” của kỳ {shown}: hãy nhập danh sách hồ "
            "sơ TTHC của kỳ trước."
        )
    return set_entry(session, year, code, declared=offer.text, source=offer.source)
