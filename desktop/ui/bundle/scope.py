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

from desktop.core.bundle.plan import ExportScope, ReportFile
from desktop.core.office.vnformat import format_datetime
from desktop.core.records import CatalogInfo
from desktop.ui.files.dialogs import start_dir
from desktop.ui.vi import info

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
PATH_ROLE = Qt.ItemDataRole.UserRole + 2
NAME_ROLE = Qt.ItemDataRole.UserRole + 3
CHANGED_TEXT = "Chỉ tài liệu thay đổi từ lần bàn giao trước"


def register_reports(ws, year: int) -> list[ReportFile]:
    """The year's reports from the report register: the scan of the signed paper when there
    is one (copied out of the file store under its own name), else the last exported file
    still on disk."""
    from desktop.core.report.store import list_reports
    from desktop.ui.open_file import materialise

    with ws.session() as s:
        reports = [r for r in list_reports(s) if r.index_year == year]
    out = []
    for r in reports:
        if r.signed_sha256 and ws.store.has(r.signed_sha256):
            path = materialise(ws.store, r.signed_sha256, r.signed_name or "ban-ky.pdf")
            out.append(ReportFile(path, f"{r.number_text} {r.kind_label} (bản đã ký)"))
            continue
        exported = [Path(p) for p in (r.last_pdf, r.last_docx) if p and Path(p).is_file()]
        if exported:
            out.append(ReportFile(exported[0], f"{r.number_text} {r.kind_label}"))
    return out


class ScopePanel(QGroupBox):
    changed = Signal()

    def __init__(self, ws_of=None) -> None:
        super().__init__("2. Phạm vi")
        self.ws_of = ws_of  # the window's workspace (it changes after a restore)
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
        register = QPushButton("Từ sổ báo cáo")
        register.setToolTip(
            "Thêm các báo cáo của năm trong sổ báo cáo: bản quét đã ký, nếu chưa có thì tệp đã xuất"
        )
        register.clicked.connect(self.add_register_reports)
        register.setVisible(ws_of is not None)
        remove = QPushButton("Bỏ")
        remove.setToolTip("Bỏ báo cáo đang chọn khỏi gói (Delete)")
        remove.clicked.connect(self.remove_report)
        rrow = QHBoxLayout()
        rrow.addWidget(QLabel("Báo cáo kèm theo:"))
        rrow.addStretch(1)
        rrow.addWidget(register)
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
        items = (self.reports.item(i) for i in range(self.reports.count()))
        return [ReportFile(Path(it.data(PATH_ROLE)), it.data(NAME_ROLE)) for it in items]

    def add_files(self, files: list[ReportFile]) -> int:
        """Add report files not listed yet; returns how many were added."""
        have = {r.path for r in self.report_files()}
        added = 0
        for f in files:
            if f.path not in have:
                item = QListWidgetItem(
                    f.display_name if f.display_name != f.path.stem else f.path.name
                )
                item.setData(PATH_ROLE, str(f.path))
                item.setData(NAME_ROLE, f.display_name)
                item.setToolTip(str(f.path))
                self.reports.addItem(item)
                have.add(f.path)
                added += 1
        if added:
            self.changed.emit()
        return added

    def add_register_reports(self) -> int:
        if self.ws_of is None or self.year is None:
            return 0
        found = register_reports(self.ws_of(), self.year)
        if not found:
            info(
                self,
                "Báo cáo kèm theo",
                f"Sổ báo cáo chưa có báo cáo năm {self.year} đã xuất hoặc đã ký.",
            )
        return self.add_files(found)

    def add_reports(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            "Chọn báo cáo đưa vào gói",
            str(start_dir(self, "report")),
            "Báo cáo (*.pdf *.docx *.doc *.xlsx *.xls *.jpg *.png);;Mọi tệp (*)",
        )
        self.add_files([ReportFile(Path(n), Path(n).stem) for n in names])

    def remove_report(self) -> None:
        row = self.reports.currentRow()
        if row >= 0:
            self.reports.takeItem(row)
            self.changed.emit()
