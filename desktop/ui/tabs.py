"""Screens as tabs of the main window, built the first time they are shown.

Each screen module is imported only when its tab is first opened, so start-up stays light
(a screen may load SQLAlchemy, openpyxl ...). A screen is a QWidget subclass taking the
main window; it implements ``refresh()`` which the window calls after ``dataChanged`` or a
change of year (only for screens already built).

    TABS = [TabSpec("Tài liệu kiểm chứng", "desktop.ui.evidence.register_tab", "RegisterTab", "Ctrl+2")]
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget


class Screen(Protocol):
    def refresh(self) -> None: ...


@dataclass(frozen=True)
class TabSpec:
    title: str
    module: str
    cls: str
    shortcut: str = ""


# The screens of the app, in tab order after "Bộ tiêu chí". Later features add a line here.
TABS: list[TabSpec] = [
    TabSpec("Tài liệu kiểm chứng", "desktop.ui.evidence.register_tab", "RegisterTab", "Ctrl+2"),
    TabSpec("Thống kê hồ sơ TTHC", "desktop.ui.dossiers.tab", "DossierStatsScreen", "Ctrl+3"),
    TabSpec("Kết quả thẩm định", "desktop.ui.results.tab", "ResultsTab", "Ctrl+4"),
    TabSpec("Điểm bị mất", "desktop.ui.results.losses_tab", "LossesTab", "Ctrl+5"),
    TabSpec("Kế hoạch khắc phục", "desktop.ui.results.plan_tab", "PlanTab", "Ctrl+6"),
    TabSpec("Báo cáo", "desktop.ui.report.tab", "ReportsTab", "Ctrl+7"),
    TabSpec(
        "Tổng hợp theo lĩnh vực", "desktop.ui.scoring.area_summary_tab", "AreaSummaryTab", "Ctrl+8"
    ),
    TabSpec("Gói nộp USB", "desktop.ui.bundle.tab", "BundleTab", "Ctrl+9"),
    TabSpec("Tự đánh giá", "desktop.ui.selfassess.tab", "SelfAssessTab", "Ctrl+0"),
    TabSpec("So sánh các xã cũ", "desktop.ui.history.compare_tab", "HistoryCompareTab"),
]


class _Placeholder(QWidget):
    def __init__(self, spec: TabSpec) -> None:
        super().__init__()
        self.spec = spec
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("Đang mở…"))


class LazyTabs:
    """Keeps the placeholders and swaps in the real screen on first show."""

    def __init__(self, tabs: QTabWidget, window) -> None:
        self.tabs, self.window = tabs, window
        self.built: dict[str, QWidget] = {}
        tabs.currentChanged.connect(self._ensure)

    def add(self, spec: TabSpec) -> int:
        return self.tabs.addTab(_Placeholder(spec), spec.title)

    def _ensure(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if not isinstance(widget, _Placeholder):
            return
        spec = widget.spec
        screen_cls = getattr(importlib.import_module(spec.module), spec.cls)
        screen = screen_cls(self.window)
        self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, screen, spec.title)
        self.tabs.setCurrentIndex(index)
        self.tabs.blockSignals(False)
        widget.deleteLater()
        self.built[spec.cls] = screen
        screen.refresh()

    def index_of(self, cls: str) -> int:
        for i in range(self.tabs.count()):
            w = self.tabs.widget(i)
            name = w.spec.cls if isinstance(w, _Placeholder) else type(w).__name__
            if name == cls:
                return i
        raise KeyError(cls)

    def open(self, cls: str) -> QWidget:
        """Show the screen (building it if needed) and return it."""
        i = self.index_of(cls)
        self.tabs.setTabVisible(i, True)
        self.tabs.setCurrentIndex(i)
        self._ensure(i)
        return self.tabs.widget(i)

    def refresh_built(self) -> None:
        for screen in self.built.values():
            screen.refresh()
