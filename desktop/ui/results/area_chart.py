"""A small horizontal bar chart of the areas' results, painted with QPainter (the
PySide6-Essentials wheel has no QtCharts).

One bar per appraised area, most points lost first: the bar's length is the area's
maximum, green up to the appraised score and red for what was lost; a dark tick marks
last year's score when it is known. Clicking a bar emits ``barClicked(area_code)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.core.office.vnformat import format_points
from desktop.core.results.losses import AreaLoss

SCORE_COLOUR = QColor("#4c9a5b")
LOST_COLOUR = QColor("#d9534f")
PREVIOUS_COLOUR = QColor("#1f2d3d")
GRID_COLOUR = QColor("#d0d0d0")
SELECTED_COLOUR = QColor("#fff1c7")
BAR_HEIGHT = 16
ROW_GAP = 8
MARGIN = 8
LEGEND_HEIGHT = 22


@dataclass(frozen=True)
class Bar:
    code: str
    title: str
    maximum: Decimal
    score: Decimal
    lost: Decimal
    previous: Decimal | None = None  # last year's score, when the maximum is the same

    @property
    def label(self) -> str:
        return f"{self.code}. {self.title}"

    @property
    def value_text(self) -> str:
        text = f"{format_points(self.score)}/{format_points(self.maximum)}"
        return f"{text}  (−{format_points(self.lost)})" if self.lost else text


def bars_from(areas: list[AreaLoss]) -> list[Bar]:
    """Appraised areas, most points lost first (ties in catalog order)."""
    out = []
    for a in areas:
        if a.score is None or a.lost is None:
            continue
        same_max = a.previous_max is not None and a.previous_max == a.max_points
        out.append(
            Bar(
                a.code,
                a.title,
                a.max_points,
                a.score,
                a.lost,
                a.previous_score if same_max else None,
            )
        )
    order = {b.code: i for i, b in enumerate(out)}
    return sorted(out, key=lambda b: (-b.lost, order[b.code]))


class AreaChart(QWidget):
    barClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.selected = ""
        self.setMouseTracking(True)
        self.setAccessibleName("Biểu đồ điểm theo lĩnh vực")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = bars
        if self.selected not in {b.code for b in bars}:
            self.selected = ""
        self.updateGeometry()
        self.update()

    @property
    def bar_count(self) -> int:
        return len(self.bars)

    def sizeHint(self) -> QSize:  # noqa: N802
        rows = max(len(self.bars), 1)
        return QSize(460, 2 * MARGIN + rows * (BAR_HEIGHT + ROW_GAP) + LEGEND_HEIGHT)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(300, self.sizeHint().height())

    # --- geometry -----------------------------------------------------------------------------

    def _layout(self) -> tuple[float, float, float]:
        """(x where bars start, pixels per point, width kept for the value text)."""
        fm = QFontMetrics(self.font())
        label_w = min(self.width() * 0.42, max(fm.horizontalAdvance(b.label) for b in self.bars))
        value_w = max(fm.horizontalAdvance(b.value_text) for b in self.bars) + 8
        x0 = MARGIN + label_w + 8
        span = max(self.width() - x0 - value_w - MARGIN, 40)
        top = max(b.maximum for b in self.bars) or Decimal(1)
        return x0, span / float(top), value_w

    def bar_rect(self, i: int) -> QRectF:
        """The full-length rectangle (maximum points) of bar ``i``."""
        x0, scale, _ = self._layout()
        y = MARGIN + i * (BAR_HEIGHT + ROW_GAP)
        return QRectF(x0, y, float(self.bars[i].maximum) * scale, BAR_HEIGHT)

    def bar_at(self, pos: QPointF) -> int | None:
        for i in range(len(self.bars)):
            y = MARGIN + i * (BAR_HEIGHT + ROW_GAP)
            if y - ROW_GAP / 2 <= pos.y() < y + BAR_HEIGHT + ROW_GAP / 2:
                return i
        return None

    # --- painting -----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        fm = QFontMetrics(self.font())
        if not self.bars:
            p.setPen(self.palette().placeholderText().color())
            p.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                "Chưa có điểm thẩm định của lĩnh vực nào.",
            )
            p.end()
            return
        x0, scale, _ = self._layout()
        text_pen = QPen(self.palette().text().color())
        for i, b in enumerate(self.bars):
            full = self.bar_rect(i)
            if b.code == self.selected:
                p.fillRect(
                    QRectF(0, full.top() - ROW_GAP / 2, self.width(), full.height() + ROW_GAP),
                    SELECTED_COLOUR,
                )
            label = fm.elidedText(b.label, Qt.TextElideMode.ElideRight, int(x0 - MARGIN - 8))
            p.setPen(text_pen)
            p.drawText(
                QRectF(MARGIN, full.top(), x0 - MARGIN - 8, full.height()),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                label,
            )
            scored = QRectF(full.left(), full.top(), float(b.score) * scale, full.height())
            lost = QRectF(scored.right(), full.top(), full.width() - scored.width(), full.height())
            p.fillRect(scored, SCORE_COLOUR)
            if lost.width() > 0:
                p.fillRect(lost, LOST_COLOUR)
            p.setPen(QPen(GRID_COLOUR))
            p.drawRect(full)
            if b.previous is not None:
                x = full.left() + float(b.previous) * scale
                p.setPen(QPen(PREVIOUS_COLOUR, 2))
                p.drawLine(QPointF(x, full.top() - 3), QPointF(x, full.bottom() + 3))
            p.setPen(text_pen)
            p.drawText(
                QRectF(full.right() + 6, full.top(), self.width(), full.height()),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                b.value_text,
            )
        self._legend(p, fm)
        p.end()

    def _legend(self, p: QPainter, fm: QFontMetrics) -> None:
        y = MARGIN + len(self.bars) * (BAR_HEIGHT + ROW_GAP) + 4
        x = float(MARGIN)
        items = [(SCORE_COLOUR, "Điểm thẩm định"), (LOST_COLOUR, "Điểm bị mất")]
        if any(b.previous is not None for b in self.bars):
            items.append((PREVIOUS_COLOUR, "Năm trước"))
        for colour, text in items:
            if colour is PREVIOUS_COLOUR:
                p.setPen(QPen(colour, 2))
                p.drawLine(QPointF(x + 5, y), QPointF(x + 5, y + 12))
            else:
                p.fillRect(QRectF(x, y + 1, 12, 10), colour)
            p.setPen(QPen(self.palette().text().color()))
            p.drawText(QPointF(x + 16, y + fm.ascent() - 1), text)
            x += 16 + fm.horizontalAdvance(text) + 18

    # --- interaction --------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        i = self.bar_at(event.position())
        if i is not None and event.button() == Qt.MouseButton.LeftButton:
            self.barClicked.emit(self.bars[i].code)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        i = self.bar_at(event.position())
        if i is None:
            QToolTip.hideText()
        else:
            b = self.bars[i]
            tip = f"{b.label}\nĐạt {b.value_text}"
            if b.previous is not None:
                tip += f"\nNăm trước: {format_points(b.previous)}/{format_points(b.maximum)}"
            tip += "\nBấm để xem các tiêu chí bị mất điểm của lĩnh vực này."
            QToolTip.showText(event.globalPosition().toPoint(), tip, self)
        super().mouseMoveEvent(event)
