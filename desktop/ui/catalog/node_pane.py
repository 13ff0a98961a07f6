"""The pane of the node selected in the catalog tree.

For a sub-criterion: scoring guide, evidence required, the self-score (``score_box``) and
its documents (open, edit, unlink, "Thêm tài liệu…", or drop files here). For an area or
criterion: its rolled-up figures and guide.
Database reads happen on selection (imported lazily: the first screen stays light).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from base.errors import CchcError
from desktop.core.office.vnformat import format_date, format_int, format_points
from desktop.core.records import NodeInfo, level_name
from desktop.core.scoring.calc import NODE_STATUS_LABELS, NodeScore
from desktop.ui.catalog.officer_field import OfficerField
from desktop.ui.catalog.tree import STATUS_COLORS
from desktop.ui.errors import show_error
from desktop.ui.file_drop import FileDropTarget
from desktop.ui.keys import on_keys
from desktop.ui.scoring.score_box import ScoreBox
from desktop.ui.widgets import button

if TYPE_CHECKING:
    from desktop.core.evidence.query import RegisterRow
    from desktop.ui.main_window import MainWindow

EMPTY_HINT = "Chọn một lĩnh vực, tiêu chí hoặc tiêu chí thành phần ở cây bên trái để xem chi tiết."
DOC_ROLE = Qt.ItemDataRole.UserRole + 1  # RegisterRow on a document row
FILE_ROLE = Qt.ItemDataRole.UserRole + 2  # FileInfo on a file row


def _block(title: str, text: str, empty: str) -> str:
    body = escape(text).replace("\n", "<br>") if text else f"<i style='color:#777'>{empty}</i>"
    return f"<p style='margin:0'><b>{title}</b></p><p style='margin-top:2px'>{body}</p>"


def _facts(node: NodeInfo, ns: NodeScore | None, deadline) -> str:
    parts = [f"Điểm tối đa: <b>{format_points(node.max_points)}</b>"]
    if ns is not None and ns.effective_max is not None and ns.effective_max != ns.max_points:
        parts[0] += f" (sau khi chia lại: {format_points(ns.effective_max)})"
    if not node.self_scored:
        parts.append("Do cơ quan thẩm định công bố (điều tra xã hội học / SIPAS), xã không tự chấm")
    if ns is not None:
        colour = STATUS_COLORS[ns.status]
        parts.append(f"<span style='color:{colour}'>●</span> {NODE_STATUS_LABELS[ns.status]}")
        if not node.is_leaf:
            if ns.self_scored and ns.applicable:
                parts.append(f"Tự chấm: <b>{format_points(ns.self_score) or '—'}</b>")
            if ns.leaves:
                parts.append(f"đã chấm {ns.scored}/{ns.leaves} tiêu chí thành phần")
                parts.append(f"có tài liệu {ns.with_evidence}/{ns.leaves}")
            if ns.gap:
                parts.append(f"còn thiếu {format_points(ns.gap)} điểm")
    if deadline is not None:
        parts.append(f"Thời hạn: {format_date(deadline)}")
    return " · ".join(parts)


class NodePane(FileDropTarget, QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window = window
        self.node: NodeInfo | None = None
        self.documents: list[RegisterRow] = []
        self.setAcceptDrops(True)
        self.setAccessibleName("Chi tiết tiêu chí")

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.heading.setFont(font)
        self.path = QLabel()
        self.path.setWordWrap(True)
        self.path.setStyleSheet("color:#555")
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.guide = QTextBrowser()
        self.guide.setOpenLinks(False)
        self.guide.setAccessibleName("Cách chấm điểm và tài liệu cần có")
        self.guide.setMinimumHeight(56)
        # the text scrolls inside: it takes what the score and documents leave over
        self.guide.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)

        self.officer = OfficerField(window)
        self.score_box = ScoreBox(window)
        self.bonus_check = QCheckBox("&Phần điểm cộng (tính riêng, ngoài thang điểm chỉ số)")
        self.bonus_check.setToolTip(
            "Đánh dấu lĩnh vực này là phần điểm cộng: điểm tối đa của lĩnh vực là mức trần "
            "điểm cộng; tổng điểm hiện riêng và cộng gộp."
        )
        self.bonus_check.toggled.connect(self._set_bonus)

        self.docs_box = QGroupBox("Tài liệu kiểm chứng")
        self.docs = QTreeWidget()
        self.docs.setHeaderLabels(["Số ký hiệu", "Ngày", "Trích yếu"])
        self.docs.setRootIsDecorated(True)
        self.docs.setAccessibleName("Tài liệu kiểm chứng của tiêu chí")
        self.docs.setAlternatingRowColors(True)
        self.docs.setMinimumHeight(64)
        self.docs.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        header = self.docs.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.add_btn = button(
            "&Thêm tài liệu…", "Thêm tài liệu kiểm chứng cho tiêu chí này (Ctrl+T)"
        )
        self.open_btn = button("&Mở tệp", "Mở tệp bằng chương trình mặc định (Enter)")
        self.edit_btn = button("&Sửa…")
        self.unlink_btn = button("&Bỏ gắn")
        self.unlink_btn.setToolTip(
            "Bỏ gắn tài liệu khỏi tiêu chí này; tài liệu vẫn còn trong sổ (Delete)"
        )
        buttons = QHBoxLayout()
        for b in (self.add_btn, self.open_btn, self.edit_btn, self.unlink_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        drop_hint = QLabel("Kéo thả tệp vào đây để thêm tài liệu.")
        drop_hint.setStyleSheet("color:#777")
        docs_lay = QVBoxLayout(self.docs_box)
        docs_lay.addWidget(self.docs, 1)
        docs_lay.addLayout(buttons)
        docs_lay.addWidget(drop_hint)

        # In a scroll area: when the "Kiểm tra" panel takes the lower part of a 768-pixel
        # screen, the pane scrolls instead of squeezing its boxes into each other.
        inner = QWidget()
        lay = QVBoxLayout(inner)
        lay.setContentsMargins(6, 0, 4, 0)
        lay.addWidget(self.heading)
        lay.addWidget(self.path)
        lay.addWidget(self.facts)
        lay.addWidget(self.officer)
        lay.addWidget(self.guide, 2)
        lay.addWidget(self.bonus_check)
        lay.addWidget(self.score_box)
        lay.addWidget(self.docs_box, 3)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.docs.itemActivated.connect(lambda *_: self.open_file())
        self.docs.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.add_btn.clicked.connect(self.add_document)
        self.open_btn.clicked.connect(self.open_file)
        self.edit_btn.clicked.connect(self.edit_document)
        self.unlink_btn.clicked.connect(self.unlink_document)
        on_keys(self.docs, {Qt.Key.Key_Delete: self.unlink_document})
        self.show_node(None)

    # --- showing --------------------------------------------------------------------------

    def show_node(self, node: NodeInfo | None) -> None:
        self.node = node
        self.documents = []
        if node is None:
            self.heading.setText("")
            self.path.setText("")
            self.facts.setText(f"<span style='color:#555'>{EMPTY_HINT}</span>")
            for w in (self.heading, self.path, self.guide, self.score_box, self.docs_box):
                w.hide()
            self.bonus_check.hide()
            self.officer.show_node(None)
            return
        ov = self.window.overview
        scores = ov.scores if ov else None
        ns = scores.by_code.get(node.code) if scores else None
        deadline = None
        if node.is_leaf and ov is not None and ov.year is not None:
            deadline = self._load_documents(node, ov.year)
        self.heading.setText(f"{level_name(node.level)} {node.code}: {node.title}")
        self.path.setText(" › ".join(f"{n.code}. {n.title}" for n in self._ancestors(node)))
        self.facts.setText(_facts(node, ns, deadline))
        self.guide.setHtml(
            _block(
                "Cách chấm điểm",
                node.scoring_guide,
                "Bộ tiêu chí chưa ghi cách chấm điểm cho mục này.",
            )
            + _block(
                "Tài liệu kiểm chứng cần có",
                node.evidence_required,
                "Bộ tiêu chí chưa ghi tài liệu kiểm chứng cần có cho mục này.",
            )
        )
        for w in (self.heading, self.guide):
            w.show()
        self.path.setVisible(bool(self.path.text()))
        self.score_box.setVisible(node.is_leaf and node.self_scored)
        self.docs_box.setVisible(node.is_leaf)
        self.officer.show_node(node if node.level > 1 else None)  # a criterion or below
        # an area the commune scores itself may be the catalog's bonus section (điểm cộng)
        self.bonus_check.setVisible(node.level == 1 and node.self_scored)
        self.bonus_check.blockSignals(True)
        self.bonus_check.setChecked(bool(ns and ns.bonus))
        self.bonus_check.blockSignals(False)
        if node.is_leaf and node.self_scored:
            self.score_box.show_node(node, ns, scores.rule if scores else None)
        self._show_documents()

    def _set_bonus(self, on: bool) -> None:
        node, year = self.node, self.window.year
        if node is None or year is None:
            return
        from desktop.core.catalog.node_rules import set_bonus

        try:
            with self.window.ws.transaction() as s:
                set_bonus(s, year, node.code, on)
        except CchcError as exc:
            self.bonus_check.blockSignals(True)
            self.bonus_check.setChecked(not on)
            self.bonus_check.blockSignals(False)
            show_error(self, exc)
            return
        self.window.dataChanged.emit()

    def _ancestors(self, node: NodeInfo) -> list[NodeInfo]:
        ov = self.window.overview
        by_id = {n.id: n for n in ov.catalog.nodes} if ov and ov.catalog else {}
        out: list[NodeInfo] = []
        parent = by_id.get(node.parent_id) if node.parent_id else None
        while parent is not None:
            out.insert(0, parent)
            parent = by_id.get(parent.parent_id) if parent.parent_id else None
        return out

    def _load_documents(self, node: NodeInfo, year: int):
        from desktop.core.scoring.subcriterion import sub_criterion_pane

        try:
            with self.window.ws.session() as s:
                data = sub_criterion_pane(s, year, node.code, tree=self.window.overview.scores)
        except CchcError as exc:
            show_error(self, exc)
            return None
        self.documents = data.documents
        return data.deadline

    def _show_documents(self) -> None:
        self.docs.clear()
        self.docs_box.setTitle(
            f"Tài liệu kiểm chứng ({format_int(len(self.documents))})"
            if self.documents
            else "Tài liệu kiểm chứng (chưa có)"
        )
        items = []
        for row in self.documents:
            item = QTreeWidgetItem(
                [row.number or "(chưa có số)", format_date(row.issue_date), row.summary]
            )
            item.setData(0, DOC_ROLE, row)
            item.setToolTip(2, f"{row.kind}: {row.summary}")
            if len(row.files) > 1:  # one row per file; a single file opens from its document
                for f in row.files:
                    child = QTreeWidgetItem(["", "", f"Tệp: {f.name}"])
                    child.setData(0, FILE_ROLE, f)
                    item.addChild(child)
            items.append(item)
        # all at once, expanded once: per-item calls re-lay the whole list each time
        self.docs.addTopLevelItems(items)
        self.docs.expandAll()
        if self.documents:
            self.docs.setCurrentItem(self.docs.topLevelItem(0))
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.current_document() is not None
        for b in (self.open_btn, self.edit_btn, self.unlink_btn):
            b.setEnabled(has)

    def toPlainText(self) -> str:  # noqa: N802 - as the text pane it replaced
        """What the pane says, as plain text (tests, accessibility)."""
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument()
        doc.setHtml(self.facts.text())
        return "\n".join(
            (self.heading.text(), self.path.text(), doc.toPlainText(), self.guide.toPlainText())
        )

    # --- documents ------------------------------------------------------------------------

    def current_document(self) -> RegisterRow | None:
        item = self.docs.currentItem()
        if item is None:
            return None
        if item.parent() is not None:
            item = item.parent()
        return item.data(0, DOC_ROLE)

    def add_document(self, files: list | None = None) -> None:
        from desktop.ui.evidence.actions import add_documents

        if self.node is not None and self.node.is_leaf:
            add_documents(self.window, files or [], [self.node.code])

    def open_file(self) -> None:
        from desktop.ui.evidence.actions import open_document_file

        item = self.docs.currentItem()
        if item is None:
            return
        info = item.data(0, FILE_ROLE)
        doc = self.current_document()
        if doc is not None:
            open_document_file(self.window, self, doc, info)

    def edit_document(self) -> None:
        from desktop.ui.evidence.actions import edit_document

        doc = self.current_document()
        if doc is not None:
            edit_document(self.window, doc.id)

    def unlink_document(self) -> None:
        from desktop.ui.evidence.actions import unlink_from

        doc = self.current_document()
        if doc is not None and self.node is not None:
            unlink_from(self, self.window, doc, self.node.code)

    # --- drops ----------------------------------------------------------------------------

    def takes_files(self, event) -> bool:
        return self.node is not None and self.node.is_leaf

    def files_dropped(self, files: list, event) -> None:
        self.add_document(files)
