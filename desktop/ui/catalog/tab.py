"""The "Bộ tiêu chí" tab: banner, the catalog tree with scores and status colours, the
index totals under it, and the pane of the selected node on the right."""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from desktop.core.office.vnformat import format_points
from desktop.core.scoring.calc import NODE_STATUS_LABELS, ScoreTree
from desktop.core.years.overview import YearOverview
from desktop.ui.catalog.node_pane import NodePane
from desktop.ui.catalog.tree import STATUS_COLORS, CatalogTree
from desktop.ui.widgets import splitter

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

BANNER_STYLE = (
    "QLabel { background:#fff4ce; border:1px solid #e0c060; padding:6px; color:#5a4500; }"
)
WAYS = (
    "Nhập bộ đầy đủ của tỉnh từ những gì đang có: tệp Word hoặc PDF của quyết định (cả "
    "quyết định hay chỉ phụ lục), trang web của cổng chấm điểm đã lưu, tệp Excel (kể cả tệp "
    "bộ tiêu chí đồng nghiệp hoặc Sở Nội vụ đã xuất); hoặc sao chép bảng rồi bấm “Dán bảng”; "
    "hoặc nhập gói của đồng nghiệp đã có bộ đầy đủ; chưa có gì thì tải tệp mẫu, gõ lại rồi "
    "nhập."
)
_OLD_WAY = re.compile(r":?\s*hãy nhập bộ tiêu chí đầy đủ của tỉnh[^.]*\.")
LEGEND = " &nbsp; ".join(
    f"<span style='color:{STATUS_COLORS[k]}'>●</span>&nbsp;{escape(label)}"
    for k, label in NODE_STATUS_LABELS.items()
)


def totals_html(scores: ScoreTree | None) -> str:
    """The index line under the tree: self-score, what is scored, evidence, the gap."""
    if scores is None or not scores.nodes:
        return ""
    own_max = scores.effective_max - scores.survey_max
    survey = (
        f" (chỉ số {format_points(scores.effective_max)} điểm; "
        f"{format_points(scores.survey_max)} điểm điều tra do cơ quan thẩm định công bố)"
        if scores.survey_max
        else ""
    )
    percent = scores.evidence_percent
    evidence = f" ({format_points(percent)}%)" if percent is not None else ""
    bonus = ""
    if scores.bonus_max:
        bonus = (
            f"<br>Điểm cộng: <b>{format_points(scores.bonus_score or 0)}</b>"
            f" / {format_points(scores.bonus_max)} điểm · <b>Tổng gồm điểm cộng: "
            f"{format_points(scores.combined_score or 0)}</b>"
        )
    return (
        f"<b>Tổng điểm tự chấm: {format_points(scores.self_score or 0)}</b>"
        f" / {format_points(own_max)} điểm xã tự chấm{survey}{bonus}<br>"
        f"Đã chấm {scores.scored}/{scores.leaves} tiêu chí thành phần · có tài liệu "
        f"{scores.with_evidence}/{scores.leaves}{evidence} · còn thiếu "
        f"{format_points(scores.gap)} điểm"
    )


class CatalogTab(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window = window
        self.tree = CatalogTree()
        self.pane = NodePane(window)
        self.header = QLabel()  # the year, commune name and appraising body that year
        self.header.setWordWrap(True)
        self.header.setAccessibleName("Năm đánh giá và cơ quan thẩm định")
        self.header.hide()
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        self.banner_actions = QWidget()  # the ways to get the full catalog, as buttons
        row = QHBoxLayout(self.banner_actions)
        row.setContentsMargins(0, 0, 0, 0)
        self.import_button = QPushButton("Nhập từ tệp (&Word, PDF, trang web, Excel)…")
        self.paste_button = QPushButton("&Dán bảng")
        self.template_button = QPushButton("Tải tệp &mẫu…")
        self.bundle_button = QPushButton("Gói của đồng ng&hiệp")
        self.bundle_button.setToolTip("Nhập gói của đồng nghiệp kèm bộ tiêu chí đầy đủ")
        buttons = (self.import_button, self.paste_button, self.bundle_button, self.template_button)
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        self.import_button.clicked.connect(lambda: self.window.act_import_catalog.trigger())
        self.paste_button.clicked.connect(lambda: self.window.act_paste_catalog.trigger())
        self.template_button.clicked.connect(lambda: self.window.act_catalog_template.trigger())
        self.banner_actions.hide()
        self._bundle_menu_set = False
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.totals.setAccessibleName("Tổng điểm tự chấm")
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.legend = QLabel(f"<span style='color:#555'>{LEGEND}</span>")
        self.legend.setWordWrap(True)
        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.totals)
        lay.addWidget(self.legend)
        split = splitter(Qt.Orientation.Horizontal, left, self.pane, (760, 560))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.addWidget(self.header)
        outer.addWidget(self.banner)
        outer.addWidget(self.banner_actions)
        outer.addWidget(split, 1)
        self.tree.nodeSelected.connect(self._show_node)
        self.tree.filesDropped.connect(self._files_dropped)
        score_key = QShortcut(QKeySequence("F2"), self)
        score_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        score_key.activated.connect(self.pane.score_box.focus)

    def show_overview(self, ov: YearOverview) -> None:
        self.tree.populate(ov.catalog, ov.evidence_counts, ov.scores)
        self._show_banner(ov)
        self.totals.setText(totals_html(ov.scores))
        self.totals.setVisible(bool(self.totals.text()))
        self.legend.setVisible(ov.scores is not None)
        self._show_node(self.tree.current_node_id())

    def _show_banner(self, ov: YearOverview) -> None:
        cat = ov.catalog
        if cat is None:
            self.banner.setText(
                "Chưa có năm đánh giá nào. Chọn Năm → Thêm năm đánh giá… (Ctrl+N) để bắt đầu."
            )
            self.banner.show()
            self.banner_actions.hide()
            return
        lines = []
        if cat.is_sample:
            lines.append(f"<b>{cat.name}</b>.")
        if not cat.complete:
            lines.append("<b>Bộ tiêu chí chưa đầy đủ.</b>")
        note = cat.note
        if not cat.complete:
            note = f"{_OLD_WAY.sub('.', note).strip()} {WAYS}"
        if lines:
            self.banner.setText(" ".join(lines) + " " + note)
            self.banner.setToolTip(cat.name)
            self.banner.show()
        else:
            self.banner.hide()
        self.banner_actions.setVisible(not cat.complete)
        if not cat.complete and not self._bundle_menu_set:
            safety = self.window.safety  # Tệp → Nhập gói của đồng nghiệp: folder or .zip
            menu = QMenu(self.bundle_button)
            menu.addActions([safety.act_import_folder, safety.act_import_zip])
            self.bundle_button.setMenu(menu)
            self._bundle_menu_set = True

    def _show_node(self, node_id: int) -> None:
        ov = self.window.overview
        cat = ov.catalog if ov else None
        node = next((n for n in cat.nodes if n.id == node_id), None) if cat else None
        self.pane.show_node(node)

    def _files_dropped(self, node_id: int, files: list) -> None:
        from desktop.ui.evidence.actions import add_documents

        node = next(n for n in self.window.overview.catalog.nodes if n.id == node_id)
        self.tree.select_node(node_id)
        add_documents(self.window, files, [node.code])
