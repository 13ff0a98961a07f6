"""Details of the selected catalog node: level, max points, scoring guide, evidence."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop.core.records import NodeInfo, level_name
from desktop.core.vnformat import format_points

EMPTY_HINT = "Chọn một lĩnh vực, tiêu chí hoặc tiêu chí thành phần ở cây bên trái để xem chi tiết."


def _block(title: str, text: str, empty: str) -> str:
    body = escape(text).replace("\n", "<br>") if text else f"<i style='color:#777'>{empty}</i>"
    return f"<h4 style='margin-bottom:2px'>{title}</h4><p style='margin-top:2px'>{body}</p>"


class NodePane(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setAccessibleName("Chi tiết tiêu chí")
        self.show_node(None, 0)

    def show_node(self, node: NodeInfo | None, documents: int) -> None:
        if node is None:
            self.setHtml(f"<p style='color:#555'>{EMPTY_HINT}</p>")
            return
        kind = level_name(node.level)
        scored = (
            "Xã tự chấm điểm"
            if node.self_scored
            else "Do cơ quan thẩm định công bố (điều tra xã hội học / SIPAS), xã không tự chấm"
        )
        docs = f"{documents} tài liệu kiểm chứng" if documents else "Chưa có tài liệu kiểm chứng"
        html = (
            f"<h3>{escape(kind)} {escape(node.code)}</h3>"
            f"<p style='font-size:11pt'><b>{escape(node.title)}</b></p>"
            f"<p>Điểm tối đa: <b>{format_points(node.max_points)}</b> &nbsp;·&nbsp; {scored}"
            f"<br>{docs}</p>"
            + _block(
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
        self.setHtml(html)
