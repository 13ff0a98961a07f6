"""Pieces shared by the app's .xlsx tables (remediation plan, evidence index): a centred
title over the table, the header row, printing landscape A4 with the header on every page."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from desktop.core.office.docx_common import FONT

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def title_row(ws, row: int, text: str | None, ncols: int, size: float, **font) -> None:
    """``text`` centred across the table's columns."""
    cell = ws.cell(row=row, column=1, value=text)
    cell.font = Font(name=FONT, size=size, **font)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.merge_cells(f"A{row}:{get_column_letter(ncols)}{row}")


def header_row(ws, row: int, names: Sequence[str], widths: Sequence[float], size: float) -> None:
    for i, (name, width) in enumerate(zip(names, widths, strict=True), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
        c = ws.cell(row=row, column=i, value=name)
        c.font = Font(name=FONT, size=size, bold=True)
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = BORDER


EXCEL_MAX_ROW_PT = 409  # Excel's largest row height
LINE_PT = 16  # one wrapped line of 12 pt text


def wrap_lines(text: str, width_chars: int) -> list[str]:
    """``text`` broken into lines of at most ``width_chars`` characters at spaces (a word
    longer than a line is cut), keeping its own line ends."""
    out: list[str] = []
    width = max(width_chars - 1, 1)
    for part in text.split("\n"):
        line = ""
        for word in part.split(" "):
            while len(word) > width:
                if line:
                    out.append(line)
                    line = ""
                out.append(word[:width])
                word = word[width:]
            candidate = f"{line} {word}" if line else word
            if len(candidate) <= width:
                line = candidate
            else:
                out.append(line)
                line = word
        out.append(line)
    return out


def chunks(text: str, width_chars: int, max_lines: int) -> list[str]:
    """``text`` in pieces of at most ``max_lines`` wrapped lines (one piece per sheet row)."""
    lines = wrap_lines(text, width_chars) if text else [""]
    return [
        "\n".join(lines[i : i + max_lines]).strip() for i in range(0, len(lines), max_lines)
    ] or [""]


def print_landscape(ws, header: int, *, freeze_column: int = 1) -> None:
    """Landscape A4 fitted to the page width, the ``header`` row printed on every page and
    frozen above the data, centred, page numbers ``Trang 1/3`` in the footer."""
    ws.freeze_panes = ws.cell(row=header + 1, column=freeze_column)
    ws.print_title_rows = f"{header}:{header}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = 0.6
    # the footer's line sits between the page's edge and the body, never over the table
    ws.page_margins.bottom = 0.8
    ws.page_margins.footer = 0.3
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.center.size = 11
