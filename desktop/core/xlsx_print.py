"""Print setup shared by the app's .xlsx exports (remediation plan, self-assessment table)."""

from __future__ import annotations


def print_landscape(ws, header_row: int, *, freeze_column: int = 1) -> None:
    """Landscape A4 fitted to the page width, ``header_row`` printed on every page and
    frozen above the data, centred, page numbers ``Trang 1/3`` in the footer."""
    ws.freeze_panes = ws.cell(row=header_row + 1, column=freeze_column)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "Trang &P/&N"
