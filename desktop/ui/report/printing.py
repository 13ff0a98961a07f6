"""Print, print preview and PDF of a report made by the app itself (Qt), for the many
commune PCs without a working Word.

The page is laid out from the same ``ReportDocument`` as the .docx, with the same fonts,
sizes, spacing and margins (``desktop.core.report.layout``): a QTextDocument paginated to
the A4 text area, painted page by page on a QPdfWriter or a QPrinter, with the rules of the
header drawn in black and the page number at the top centre from page 2.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLength,
    QTextTableFormat,
)

from base.errors import ValidationError
from desktop.core.report.layout import (
    BODY_RULE_MM,
    FIRST_LINE_INDENT_MM,
    FONT,
    HEADER_DISTANCE_MM,
    LEFT_COL_MM,
    MOTTO,
    MOTTO_RULE_MM,
    NATIONAL,
    RIGHT_COL_MM,
    RULE_GAP_PT,
    RULE_PT,
    SIGN_GAP_PT,
    SIGN_LEFT_MM,
    SIGN_RIGHT_MM,
    SIGN_SPACE_LINES,
    SINGLE_LINE_EM,
    STYLES,
    SUMMARY_RULE_MM,
    ReportDocument,
)
from desktop.ui.pyside_refs import keep_none_alive

A4_MM = (210.0, 297.0)
CELL_PADDING_MM = 1.9  # Word's default cell margin
RULE_PROPERTY = QTextFormat.Property.UserProperty + 1  # the rule's length in mm
PDF_DPI = 1200
_ALIGN = {
    "justify": Qt.AlignmentFlag.AlignJustify,
    "center": Qt.AlignmentFlag.AlignHCenter,
    "left": Qt.AlignmentFlag.AlignLeft,
}


class ReportPages:
    """A report laid out for one paint device (a PDF writer or a printer)."""

    def __init__(self, doc: ReportDocument, device: QPagedPaintDevice) -> None:
        self.doc = doc
        self.device = device
        self.dpi = device.logicalDpiY()
        m = doc.margins
        self.left, self.top = self.mm(m.left), self.mm(m.top)
        self.width = self.mm(A4_MM[0] - m.left - m.right)
        self.height = self.mm(A4_MM[1] - m.top - m.bottom)
        self.text = QTextDocument()
        self.text.documentLayout().setPaintDevice(device)
        self.text.setDocumentMargin(0)
        font = QFont(FONT)
        font.setPointSizeF(STYLES["body"].size)
        self.text.setDefaultFont(font)
        self.text.setPageSize(QSizeF(self.width, self.height))
        self._build()

    # --- units ------------------------------------------------------------------------------
    # Qt's text layout takes the page size and the text indent in device pixels, but block
    # margins, cell padding and column widths in 96-dpi pixels that it scales to the device.

    def mm(self, value: float) -> float:
        """Device pixels."""
        return value * self.dpi / 25.4

    def pt(self, value: float) -> float:
        """Device pixels."""
        return value * self.dpi / 72.0

    @staticmethod
    def css_mm(value: float) -> float:
        return value * 96 / 25.4

    @staticmethod
    def css_pt(value: float) -> float:
        return value * 96 / 72

    # --- building ---------------------------------------------------------------------------

    def _formats(self, style: str) -> tuple[QTextBlockFormat, QTextCharFormat]:
        st = STYLES[style]
        block = QTextBlockFormat()
        block.setAlignment(_ALIGN[st.align])
        block.setTextIndent(self.mm(FIRST_LINE_INDENT_MM) if st.indent else 0)
        block.setTopMargin(self.css_pt(st.space_before))
        block.setBottomMargin(self.css_pt(st.space_after))
        # Word's "single" spacing includes the font's line gap, Qt's lines may not.
        block.setLineHeight(
            self.css_pt(st.size * SINGLE_LINE_EM),
            QTextBlockFormat.LineHeightTypes.MinimumHeight.value,
        )
        char = QTextCharFormat()
        char.setFontFamilies([FONT])
        char.setFontPointSize(st.size)
        char.setFontWeight(QFont.Weight.Bold if st.bold else QFont.Weight.Normal)
        char.setFontItalic(st.italic)
        char.setForeground(QColor("black"))
        return block, char

    def _para(self, cursor: QTextCursor, style: str, text: str, *, first: bool = False) -> None:
        block, char = self._formats(style)
        if first:
            cursor.setBlockFormat(block)
            cursor.setBlockCharFormat(char)
        else:
            cursor.insertBlock(block, char)
        cursor.insertText(text, char)

    def _rule(self, cursor: QTextCursor, length_mm: float, *, after_pt: float = 0) -> None:
        block = QTextBlockFormat()
        block.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        block.setTopMargin(self.css_pt(2))
        block.setBottomMargin(self.css_pt(after_pt))
        block.setProperty(RULE_PROPERTY, length_mm)
        char = QTextCharFormat()
        char.setFontPointSize(1)
        cursor.insertBlock(block, char)

    def _table(
        self,
        cursor: QTextCursor,
        rows: int,
        widths_mm: tuple[float, ...],
        *,
        top_pt: float = 0,
        bottom_pt: float = 0,
    ):
        """A borderless table. Qt ignores the top margin of a cell's first block and of the
        block after a table, so the space around tables is the table's own margin."""
        fmt = QTextTableFormat()
        fmt.setBorder(0)
        fmt.setBorderStyle(QTextTableFormat.BorderStyle.BorderStyle_None)
        fmt.setCellSpacing(0)
        fmt.setCellPadding(0)
        fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        fmt.setColumnWidthConstraints(
            [QTextLength(QTextLength.Type.FixedLength, self.css_mm(w)) for w in widths_mm]
        )
        fmt.setMargin(0)
        fmt.setTopMargin(self.css_pt(top_pt))
        fmt.setBottomMargin(self.css_pt(bottom_pt))
        return cursor.insertTable(rows, len(widths_mm), fmt)

    def _pad(self, table, *, first_row_bottom_pt: float = 0) -> None:
        """Cell padding on the sides only, as Word's default (and below the first row, as
        Qt also ignores the bottom margin of a cell's last block). Set once the cells are
        filled: a cell's format lives in the character format of its first block."""
        for r in range(table.rows()):
            for c in range(table.columns()):
                cell = table.cellAt(r, c)
                cf = cell.format().toTableCellFormat()
                cf.setLeftPadding(self.css_mm(CELL_PADDING_MM))
                cf.setRightPadding(self.css_mm(CELL_PADDING_MM))
                cf.setTopPadding(0)
                cf.setBottomPadding(self.css_pt(first_row_bottom_pt) if r == 0 else 0)
                cell.setFormat(cf)

    def _build(self) -> None:
        d = self.doc
        cursor = QTextCursor(self.text)
        tiny = QTextCharFormat()  # the empty block Qt keeps before a leading table
        tiny.setFontPointSize(1)
        cursor.setBlockCharFormat(tiny)
        header = self._table(
            cursor, 2, (LEFT_COL_MM, RIGHT_COL_MM), bottom_pt=STYLES["title"].space_before
        )
        c = header.cellAt(0, 0).firstCursorPosition()
        for i, line in enumerate(d.body_name):
            self._para(c, "body_name", line, first=i == 0)
        self._rule(c, BODY_RULE_MM, after_pt=RULE_GAP_PT)
        c = header.cellAt(0, 1).firstCursorPosition()
        self._para(c, "national", NATIONAL, first=True)
        self._para(c, "motto", MOTTO)
        self._rule(c, MOTTO_RULE_MM, after_pt=RULE_GAP_PT)
        self._para(header.cellAt(1, 0).firstCursorPosition(), "number", d.number_line, first=True)
        self._para(
            header.cellAt(1, 1).firstCursorPosition(), "place_date", d.place_date, first=True
        )
        self._pad(header, first_row_bottom_pt=RULE_GAP_PT)

        cursor.movePosition(QTextCursor.MoveOperation.End)  # the empty block after the table
        self._para(cursor, "title", d.title, first=True)
        for line in d.summary:
            self._para(cursor, "summary", line)
        self._rule(cursor, SUMMARY_RULE_MM, after_pt=12)
        if d.addressee:
            self._para(cursor, "addressee", d.addressee_line)
        self._kept: list = []  # blocks kept with the next one: headings, the closing line
        for i, b in enumerate(d.blocks):
            self._para(cursor, b.style, b.text)
            if STYLES[b.style].keep_with_next or i == len(d.blocks) - 1:
                self._kept.append(cursor.block())

        cursor.movePosition(QTextCursor.MoveOperation.End)
        sign = self._table(cursor, 1, (SIGN_LEFT_MM, SIGN_RIGHT_MM), top_pt=SIGN_GAP_PT)
        c = sign.cellAt(0, 0).firstCursorPosition()
        self._para(c, "recipients_label", "Nơi nhận:", first=True)
        for line in d.recipients:
            self._para(c, "recipients", line)
        c = sign.cellAt(0, 1).firstCursorPosition()
        self._para(c, "sign_authority", d.sign_authority, first=True)
        self._para(c, "sign_title", d.sign_title)
        for _ in range(SIGN_SPACE_LINES):
            self._para(c, "signer", "")
        self._para(c, "signer", d.signer)
        self._pad(sign)
        self._sign = sign
        self._keep_together()

    # --- page breaks as Word makes them -----------------------------------------------------

    def _page(self, y: float) -> int:
        return int(y // self.height)

    def _line_pages(self, block) -> tuple[int, int]:
        """The pages of a block's first and last lines."""
        rect = self.text.documentLayout().blockBoundingRect(block)
        lay = block.layout()
        if lay is None or not lay.lineCount():
            return self._page(rect.top()), self._page(rect.top())
        first, last = lay.lineAt(0), lay.lineAt(lay.lineCount() - 1)
        return (
            self._page(rect.top() + first.y()),
            self._page(rect.top() + last.y() + last.height() - 1),
        )

    def _keep_together(self) -> None:
        """Qt has no keep-with-next nor rows that cannot split: a heading left at the foot
        of a page, or a signature block split or alone on its page, gets a page break
        before it (before the closing paragraph, for the signature; before the first of a
        run of headings), as Word would move them. Each break moves what follows, so the
        blocks are checked in order."""
        layout = self.text.documentLayout()
        kept = {b.position() for b in self._kept}
        for i, block in enumerate(self._kept):
            last = self._line_pages(block)[1]
            if i == len(self._kept) - 1:  # the closing paragraph and the signature table
                frame = layout.frameBoundingRect(self._sign)
                top, bottom = self._page(frame.top()), self._page(frame.bottom() - 1)
                apart = top != bottom or top != last
            else:
                nxt = block.next()
                apart = nxt.isValid() and self._line_pages(nxt)[0] != last
            if not apart:
                continue
            start = block
            while start.previous().isValid() and start.previous().position() in kept:
                start = start.previous()
            top = layout.blockBoundingRect(start).top()
            if top - self._page(top) * self.height < self.pt(1):
                continue  # already at the top of a page: a break would not help
            fmt = start.blockFormat()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(start).setBlockFormat(fmt)

    # --- painting ---------------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return self.text.pageCount()

    def _rules(self) -> list[tuple[float, float, float]]:
        """(x centre, y, length) of every rule, in document coordinates."""
        out = []
        layout = self.text.documentLayout()
        block = self.text.begin()
        while block.isValid():
            fmt = block.blockFormat()
            # hasProperty first: property() of a missing key returns None with a reference
            # too few in PySide6 6.x, which crashes the interpreter after a few reports.
            if fmt.hasProperty(RULE_PROPERTY):
                length = fmt.doubleProperty(RULE_PROPERTY)
                rect = layout.blockBoundingRect(block)  # in document coordinates
                out.append((rect.center().x(), rect.bottom(), self.mm(float(length))))
            block = block.next()
        return out

    def _lines(self) -> list[tuple[float, QPointF, object]]:
        """(top in the document, origin to draw at, QTextLine) of every line of text.

        Lines are drawn one by one onto the page they belong to (the layout never lets a
        line straddle two pages): drawing whole blocks and clipping would still put the
        clipped lines' text into the PDF, where search and copy would find it twice."""
        out = []
        layout = self.text.documentLayout()
        block = self.text.begin()
        while block.isValid():
            lay = block.layout()
            if lay is not None and lay.lineCount():
                # the block's layout position plus the offsets of the frames (cells) it is in
                origin = layout.blockBoundingRect(block).topLeft()
                for i in range(lay.lineCount()):
                    line = lay.lineAt(i)
                    out.append((origin.y() + line.y(), origin, line))
            block = block.next()
        return out

    def paint(self, painter: QPainter) -> None:
        lines = self._lines()
        rules = self._rules()
        pen = QPen(QColor("black"))
        pen.setWidthF(self.pt(RULE_PT))
        number_font = QFont(FONT)
        number_font.setPointSizeF(STYLES["page_number"].size)
        for page in range(self.page_count):
            if page > 0:
                self.device.newPage()
            top, bottom = page * self.height, (page + 1) * self.height
            painter.save()
            painter.translate(self.left, self.top - top)
            painter.setPen(QColor("black"))
            for y, origin, line in lines:
                if top <= y < bottom:
                    line.draw(painter, origin)
            painter.setPen(pen)
            for x, y, length in rules:
                if top <= y < bottom:
                    painter.drawLine(QPointF(x - length / 2, y), QPointF(x + length / 2, y))
            painter.restore()
            if page > 0:
                painter.setFont(number_font)
                painter.setPen(QColor("black"))
                # centred on the text area, as Word centres its header between the margins
                box = QRectF(self.left, self.mm(HEADER_DISTANCE_MM), self.width, self.pt(20))
                flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                painter.drawText(box, int(flags), str(page + 1))

    def release(self) -> None:
        """Forget the paint device (it may be deleted before this object)."""
        self.text.documentLayout().setPaintDevice(None)


def prepare_device(device: QPagedPaintDevice) -> None:
    """A4 portrait, the whole sheet addressable (margins are the report's own)."""
    layout = QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Millimeter,
    )
    layout.setMode(QPageLayout.Mode.FullPageMode)
    device.setPageLayout(layout)


def render(doc: ReportDocument, device: QPagedPaintDevice) -> int:
    """Paint the report on ``device``; returns the number of pages."""
    with keep_none_alive():
        prepare_device(device)
        pages = ReportPages(doc, device)
        painter = QPainter()
        if not painter.begin(device):
            raise ValidationError("Không mở được máy in hoặc tệp PDF để ghi.")
        try:
            pages.paint(painter)
        finally:
            painter.end()
            count = pages.page_count
            pages.release()
        return count


def write_pdf(doc: ReportDocument, path: Path) -> int:
    """The report as a PDF made by the app (no Word needed). Written to a temporary name
    first, so a failure leaves no half file; returns the number of pages."""
    from desktop.core.office.docx_common import write_atomic

    result = {"pages": 0}

    def save(tmp: Path) -> None:
        with keep_none_alive():
            writer = QPdfWriter(str(tmp))
            writer.setResolution(PDF_DPI)
            writer.setTitle(" ".join([doc.title, *doc.summary]))
            writer.setCreator("Sổ CCHC")
            result["pages"] = render(doc, writer)
            del writer  # closes the file
        if not tmp.is_file() or tmp.stat().st_size == 0:
            raise PermissionError(13, "PDF not written", str(tmp))

    write_atomic(path, save)
    return result["pages"]
