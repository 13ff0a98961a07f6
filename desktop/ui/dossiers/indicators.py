"""The digital-service indicators under the Biểu 06 table: counts, what they are counted
over, and the rate. A click on a count (or Enter) lists the dossiers behind it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtWidgets import QHeaderView, QTableWidgetItem

from desktop.core.dossiers import DossierFigures
from desktop.core.dossiers.figures import FIGURE_LABELS
from desktop.core.office.vnformat import format_int, format_points
from desktop.ui.dossiers.figure_table import ACTIVATE_HINT, CENTER, LEFT, FigureTable

NO_COLUMN = "—"


def percent_text(value: Decimal | None) -> str:
    """``Decimal('97.9')`` → ``97,9%``; None → ``—``."""
    return NO_COLUMN if value is None else f"{format_points(value)}%"


@dataclass(frozen=True)
class Indicator:
    label: str
    part: str  # figure key of the count
    whole: str | None  # figure key it is counted over
    rate: Callable[[DossierFigures], tuple[Decimal | None, str]] | None = None


def _rate(part: str, whole: str, known: str | None = None):
    def compute(fig: DossierFigures) -> tuple[Decimal | None, str]:
        value = fig.rate(part, whole, known)
        if value is None and known is not None and not fig.total[known]:
            return None, "Các tệp đã nhập không có cột này."
        return value, ""

    return compute


def _online(part: str):
    """Toàn trình / một phần over online dossiers; "—" when no imported online dossier says
    its level (the export has no such column): 0% would be a figure nobody counted."""

    def compute(fig: DossierFigures) -> tuple[Decimal | None, str]:
        levels = fig.total["digital.fully_online"] + fig.total["digital.partly_online"]
        if fig.total["received.online"] and not levels:
            return None, (
                "Các tệp đã nhập không có cột mức độ dịch vụ công trực tuyến "
                "(toàn trình / một phần)."
            )
        return fig.rate(part, "received.online"), ""

    return compute


def _payment(fig: DossierFigures) -> tuple[Decimal | None, str]:
    value, source = fig.online_payment_rate
    notes = {
        "manual": "Tỷ lệ nhập tay (số liệu nhập tay bên phải).",
        "export": "Tính theo tệp: hồ sơ thanh toán trực tuyến / hồ sơ có phí, lệ phí.",
        "none": "Các tệp đã nhập không có cột thanh toán; có thể nhập tay tỷ lệ bên phải.",
    }
    return value, notes[source]


INDICATORS = (
    Indicator(
        "Giải quyết quá hạn",
        "resolved.late",
        "resolved.total",
        lambda f: (f.total.late_percent if f.total["resolved.total"] else None, ""),
    ),
    Indicator("Rút hồ sơ, hủy hồ sơ", "withdrawn", "received.total"),
    Indicator(
        "Số hóa hồ sơ khi tiếp nhận",
        "digital.digitised_received",
        "received.total",
        _rate("digital.digitised_received", "received.total", "digital.digitised_received_known"),
    ),
    Indicator(
        "Số hóa kết quả giải quyết",
        "digital.results_digitised",
        "resolved.total",
        _rate("digital.results_digitised", "resolved.total", "digital.results_digitised_known"),
    ),
    Indicator("Thanh toán trực tuyến", "digital.paid_online", "digital.payment_known", _payment),
    Indicator(
        "Dịch vụ công trực tuyến toàn trình",
        "digital.fully_online",
        "received.online",
        _online("digital.fully_online"),
    ),
    Indicator(
        "Dịch vụ công trực tuyến một phần",
        "digital.partly_online",
        "received.online",
        _online("digital.partly_online"),
    ),
    Indicator("Chứng thực bản sao điện tử", "digital.e_certified", None),
)
HEADERS = ("Chỉ số", "Số hồ sơ", "Trên tổng số", "Tỷ lệ")


class IndicatorTable(FigureTable):
    def __init__(self, parent=None) -> None:
        super().__init__(len(INDICATORS), len(HEADERS), parent)
        self.setAccessibleName("Chỉ số dịch vụ công trực tuyến và số hóa")
        self.setHorizontalHeaderLabels(list(HEADERS))
        self.setWordWrap(False)
        head = self.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)

    def show_figures(self, fig: DossierFigures) -> None:
        for r, ind in enumerate(INDICATORS):
            part = fig.total[ind.part]
            whole = fig.total[ind.whole] if ind.whole else None
            rate, note = ind.rate(fig) if ind.rate else (None, "")
            texts = [
                ind.label,
                format_int(part),
                "" if whole is None else format_int(whole),
                percent_text(rate) if ind.rate else "",
            ]
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setTextAlignment(LEFT if c == 0 else CENTER)
                hit = self.figure_at(r, c)
                if hit:
                    item.setToolTip(f"{FIGURE_LABELS[hit[0]]}: {text}.\n{ACTIVATE_HINT}")
                elif c == 3 and note:
                    item.setToolTip(note)
                elif c == 0:
                    item.setToolTip(FIGURE_LABELS[ind.part])
                self.setItem(r, c, item)
        self.resizeRowsToContents()
        rows = sum(self.rowHeight(r) for r in range(self.rowCount()))
        self.setFixedHeight(rows + self.horizontalHeader().height() + 2 * self.frameWidth())

    def figure_at(self, row: int, col: int) -> tuple[str, str | None] | None:
        if not 0 <= row < len(INDICATORS):
            return None
        ind = INDICATORS[row]
        key = {1: ind.part, 2: ind.whole}.get(col)
        return (key, None) if key else None
