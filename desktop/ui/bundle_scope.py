"""The scope part of the bundle screen: the window's year, the areas checklist, "only what
changed since the last handoff" (with its date), "only reports", and the report files
(exported reports, signed scans) that go into ``BaoCao/``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from desktop.core.bundle import ExportScope, ReportFile
from desktop.core.records import CatalogInfo
from desktop.core.vnformat import format_datetime

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
PATH_ROLE = Qt.ItemDataRole.UserRole + 2
CHANGED_TEXT = "Chỉ tài liệu thay đổi từ lần bàn giao trước"


class ScopePanel(QGroupBox):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__("2. Phạm vi")
        self.year: int | None = None
        self.year_label = QLabel()
        self.areas = QListWidget()
        self.areas.setAccessibleName("Lĩnh vực đưa vào gói")
        self.areas.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.areas.itemChanged.connect(self.changed)
        all_button = QPushButton("Chọn tất cả")
        all_button.clicked.connect(lambda: self.check_all(True))
        none_button = QPushButton("Bỏ chọn hết")
        none_button.clicked.connect(lambda: self.check_all(False))
        row = QHBoxLayout()
        row.addWidget(QLabel("Lĩnh vực:"))
        row.addStretch(1)
        row.addWidget(all_button)
        row.addWidget(none_button)
        self.changed_only = QCheckBox(CHANGED_TEXT)
        self.changed_only.toggled.connect(self.changed)
        self.reports_only = QCheckBox("Chỉ báo cáo (không kèm tài liệu kiểm chứng)")
        self.reports_only.toggled.connect(self.changed)
        self.reports = QListWidget()
        self.reports.setAccessibleName("Báo cáo kèm theo")
        self.reports.setFixedHeight(3 * self.reports.fontMetrics().height() + 12)
        self.reports.setToolTip("Các tệp này được chép vào thư mục BaoCao của gói (Delete: bỏ)")
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.reports)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_report)
        add = QPushButton("Thêm &báo cáo…")
        add.setToolTip("Báo cáo đã xuất, bản scan có chữ ký: đưa vào thư mục BaoCao của gói")
        add.clicked.connect(self.add_reports)
        remove = QPushButton("Bỏ")
        remove.setToolTip("Bỏ báo cáo đang chọn khỏi gói (Delete)")
        remove.clicked.connect(self.remove_report)
        rrow = QHBoxLayout()
        rrow.addWidget(QLabel("Báo cáo kèm theo:"))
        rrow.addStretch(1)
        rrow.addWidget(add)
        rrow.addWidget(remove)
        lay = QVBoxLayout(self)
        lay.addWidget(self.year_label)
        lay.addLayout(row)
        lay.addWidget(self.areas, 1)
        lay.addWidget(self.changed_only)
        lay.addWidget(self.reports_only)
        lay.addLayout(rrow)
        lay.addWidget(self.reports)

    def show_year(
        self, year: int | None, catalog: CatalogInfo | None, last: datetime | None
    ) -> None:
        """The window's year and its areas (unticked areas stay unticked for the same year)."""
        self.year_label.setText(
            f"Năm đánh giá: <b>{year}</b> (đổi năm ở thanh công cụ)"
            if year
            else "Chưa có năm đánh giá."
        )
        off = {c for c, on in self.area_states().items() if not on} if year == self.year else set()
        self.year = year
        self.areas.blockSignals(True)
        self.areas.clear()
        for node in catalog.nodes if catalog else []:
            if node.level != 1:
                continue
            item = QListWidgetItem(f"{node.code}. {node.title}")
            item.setData(CODE_ROLE, node.code)
            item.setToolTip(node.title)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            state = Qt.CheckState.Unchecked if node.code in off else Qt.CheckState.Checked
            item.setCheckState(state)
            self.areas.addItem(item)
        self.areas.blockSignals(False)
        self.changed_only.blockSignals(True)
        if last is not None:
            self.changed_only.setText(f"{CHANGED_TEXT} ({format_datetime(last)})")
        else:
            self.changed_only.setText(f"{CHANGED_TEXT} (chưa bàn giao lần nào)")
            self.changed_only.setChecked(False)
        self.changed_only.setEnabled(last is not None)
        self.changed_only.blockSignals(False)

    def area_states(self) -> dict[str, bool]:
        return {
            self.areas.item(i).data(CODE_ROLE): self.areas.item(i).checkState()
            == Qt.CheckState.Checked
            for i in range(self.areas.count())
        }

    def check_all(self, on: bool) -> None:
        self.areas.blockSignals(True)
        for i in range(self.areas.count()):
            self.areas.item(i).setCheckState(
                Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
            )
        self.areas.blockSignals(False)
        self.changed.emit()

    def scope(self) -> ExportScope | None:
        if self.year is None:
            return None
        states = self.area_states()
        chosen = tuple(code for code, on in states.items() if on)
        return ExportScope(
            self.year,
            () if len(chosen) == len(states) else chosen,
            changed_only=self.changed_only.isChecked(),
            reports_only=self.reports_only.isChecked(),
        )

    def nothing_chosen(self) -> bool:
        return not self.reports_only.isChecked() and not any(self.area_states().values())

    def report_files(self) -> list[ReportFile]:
        out = []
        for i in range(self.reports.count()):
            path = Path(self.reports.item(i).data(PATH_ROLE))
            out.append(ReportFile(path, path.stem))
        return out

    def add_reports(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            "Chọn báo cáo đưa vào gói",
            "",
            "Báo cáo (*.pdf *.docx *.doc *.xlsx *.xls *.jpg *.png);;Mọi tệp (*)",
        )
        have = {r.path for r in self.report_files()}
        for path in (Path(n) for n in names):
            if path not in have:
                item = QListWidgetItem(path.name)
                item.setData(PATH_ROLE, str(path))
                item.setToolTip(str(path))
                self.reports.addItem(item)
        if names:
            self.changed.emit()

    def remove_report(self) -> None:
        row = self.reports.currentRow()
        if row >= 0:
            self.reports.takeItem(row)
            self.changed.emit()
