"""A small monthly bar chart painted with QPainter (PySide6-Essentials has no QtCharts):
per month, the new dossiers received and the dossiers resolved (the late part in red).

A click on a bar (or Left/Right to pick one, then Enter) asks for the dossiers behind it:
``barActivated(first day of the month, figure key)``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.core.dossiers import MonthFigures
from desktop.core.office.vnformat import format_int

RECEIVED = QColor("#4a7ebb")
RESOLVED = QColor("#5aa469")
LATE = QColor("#d9534f")
BARS = (("received.new", "Tiếp nhận mới", RECEIVED), ("resolved.total", "Đã giải quyết", RESOLVED))


@dataclass(frozen=True)
class Bar:
    month_index: int
    figure: str
    rect: QRectF


def nice_step(top: int, ticks: int = 4) -> int:
    """A round step so that ``ticks`` steps cover ``top`` (1, 2, 5, 10, 20, 50 …)."""
    raw = max(top, 1) / ticks
    step = 1
    while True:
        for m in (1, 2, 5):
            if step * m >= raw:
                return step * m
        step *= 10


class MonthlyChart(QWidget):
    barActivated = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.months: list[MonthFigures] = []
        self.bars: list[Bar] = []
        self.plot, self.axis_max, self.step = QRectF(), 1, 1
        self.current = -1  # index into bars (keyboard choice)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Biểu đồ hồ sơ theo tháng")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setToolTip(
            "Hồ sơ tiếp nhận mới và đã giải quyết theo tháng.\n"
            "Bấm vào một cột (hoặc dùng phím ←/→ rồi Enter) để xem danh sách hồ sơ."
        )

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(420, 220)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(240, 150)

    def set_months(self, months: list[MonthFigures]) -> None:
        self.months = list(months)
        self.current = -1
        self._relayout()
        self.update()

    def resizeEvent(self, event) -> None:  # noqa: N802
        self._relayout()
        super().resizeEvent(event)

    def _relayout(self) -> None:
        self.plot, self.axis_max, self.step = self._layout()
        self.bars = self._compute_bars(self.plot, self.axis_max)

    @staticmethod
    def label(m: MonthFigures) -> str:
        return f"{m.month.month:02d}/{m.month.year}"

    def describe(self, i: int) -> str:
        m = self.months[i]
        late = f" (quá hạn {format_int(m.late)})" if m.late else ""
        return (
            f"Tháng {self.label(m)}: tiếp nhận mới {format_int(m.received)}, đã giải quyết "
            f"{format_int(m.resolved)}{late}"
        )

    # --- geometry ---------------------------------------------------------------------------

    def _layout(self) -> tuple[QRectF, int, int]:
        """The plot rectangle, the axis maximum and its step."""
        fm = self.fontMetrics()
        top = max([max(m.received, m.resolved) for m in self.months] or [0])
        step = nice_step(top)
        axis_max = step * max(1, -(-top // step))
        left = fm.horizontalAdvance(str(axis_max)) + 10
        legend_h = fm.height() + 8
        plot = QRectF(left, legend_h + 4, self.width() - left - 8, 0)
        plot.setBottom(self.height() - fm.height() - 8)
        return plot, axis_max, step

    def _compute_bars(self, plot: QRectF, axis_max: int) -> list[Bar]:
        bars: list[Bar] = []
        n = len(self.months)
        if not n or plot.height() <= 0:
            return bars
        slot = plot.width() / n
        width = max(2.0, min(28.0, slot * 0.36))
        for i, m in enumerate(self.months):
            x0 = plot.left() + i * slot + (slot - 2 * width - 2) / 2
            for j, (figure, _label, _colour) in enumerate(BARS):
                value = m.received if j == 0 else m.resolved
                h = plot.height() * value / axis_max
                rect = QRectF(x0 + j * (width + 2), plot.bottom() - h, width, h)
                bars.append(Bar(i, figure, rect))
        return bars

    # --- painting ---------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.fillRect(self.rect(), self.palette().base())
        fm = self.fontMetrics()
        self._paint_legend(p)
        if not self.months:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Chưa có số liệu")
            return
        plot, axis_max, step = self.plot, self.axis_max, self.step
        grid = QPen(QColor("#dddddd"))
        text_pen = QPen(self.palette().text().color())
        for value in range(0, axis_max + 1, step):
            y = plot.bottom() - plot.height() * value / axis_max
            p.setPen(grid)
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(text_pen)
            p.drawText(
                QRectF(0, y - fm.height() / 2, plot.left() - 4, fm.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                format_int(value),
            )
        for k, bar in enumerate(self.bars):
            m = self.months[bar.month_index]
            colour = RECEIVED if bar.figure == "received.new" else RESOLVED
            p.fillRect(bar.rect, colour)
            if bar.figure == "resolved.total" and m.late and m.resolved:
                late_h = bar.rect.height() * m.late / m.resolved
                p.fillRect(QRectF(bar.rect.left(), bar.rect.top(), bar.rect.width(), late_h), LATE)
            if k == self.current and self.hasFocus():
                p.setPen(QPen(self.palette().highlight().color(), 2))
                p.drawRect(bar.rect.adjusted(-2, -2, 2, 2))
        p.setPen(text_pen)
        if not any(m.received or m.resolved for m in self.months):
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, "Không có hồ sơ trong kỳ")
        n = len(self.months)
        slot = plot.width() / n
        every = max(1, -(-fm.horizontalAdvance("00/0000 ") // max(int(slot), 1)))
        for i, m in enumerate(self.months):
            if i % every:
                continue
            rect = QRectF(plot.left() + i * slot - slot, plot.bottom() + 2, 3 * slot, fm.height())
            p.drawText(
                rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, self.label(m)
            )

    def _paint_legend(self, p: QPainter) -> None:
        fm = self.fontMetrics()
        x = 8.0
        items = [(label, colour) for _f, label, colour in BARS] + [("trong đó quá hạn", LATE)]
        font = QFont(self.font())
        p.setFont(font)
        for label, colour in items:
            box = fm.height() - 4
            p.fillRect(QRectF(x, 4 + 2, box, box), colour)
            x += box + 4
            p.setPen(self.palette().text().color())
            p.drawText(QPointF(x, 4 + fm.ascent()), label)
            x += fm.horizontalAdvance(label) + 14

    # --- interaction ------------------------------------------------------------------------

    def bar_at(self, pos: QPointF) -> int:
        for k, bar in enumerate(self.bars):
            r = bar.rect
            # thin or empty bars stay clickable over the whole column height
            column = QRectF(
                r.left(), self.height() * 0.1, r.width(), r.bottom() - self.height() * 0.1
            )
            if column.contains(pos):
                return k
        return -1

    def activate(self, k: int) -> None:
        if 0 <= k < len(self.bars):
            bar = self.bars[k]
            self.barActivated.emit(self.months[bar.month_index].month, bar.figure)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        k = self.bar_at(event.position())
        if k >= 0:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            QToolTip.showText(
                event.globalPosition().toPoint(), self.describe(self.bars[k].month_index), self
            )
        else:
            self.setCursor(Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.activate(self.bar_at(event.position()))
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self.bars:
            step = 1 if key == Qt.Key.Key_Right else -1
            self.current = max(0, min(len(self.bars) - 1, self.current + step))
            self.update()
            self.setAccessibleDescription(self.describe(self.bars[self.current].month_index))
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current >= 0:
            self.activate(self.current)
            return
        super().keyPressEvent(event)
