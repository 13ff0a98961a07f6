"""The plan exported as DOCX and XLSX, read back as a reader would check them."""

from __future__ import annotations

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm
from openpyxl import load_workbook
from results_sheets import import_results, results_full

from base.errors import ValidationError
from desktop.core.catalog.store import load_builtin
from desktop.core.results.plan import PLAN_COLUMNS, draft_plan, numbered
from desktop.core.results.plan_export import export_plan


@pytest.fixture
def plan(ws, tmp_path, initialized):
    with ws.transaction() as s:
        load_builtin(s, 2023, "mau-minh-hoa")
    import_results(ws, results_full(tmp_path / "kq.xlsx"), 2023)
    with ws.session() as s:
        return draft_plan(s, 2023)


def _fonts(doc) -> set[str]:
    names = set()
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    names |= {r.font.name for r in p.runs if r.text}
    for p in doc.paragraphs:
        names |= {r.font.name for r in p.runs if r.text}
    return names


def test_docx_is_a_landscape_appendix_with_a_repeated_header(plan, tmp_path):
    out = export_plan(plan, tmp_path / "ke-hoach.docx")
    doc = Document(str(out))

    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts[0] == plan.title and texts[0].startswith("NỘI DUNG PHÂN CÔNG NHIỆM VỤ KHẮC PHỤC")
    assert texts[1].startswith("(Kèm theo Kế hoạch số") and doc.paragraphs[1].runs[0].italic
    assert doc.paragraphs[0].runs[0].bold
    assert _fonts(doc) == {"Times New Roman"}
    assert doc.styles["Normal"].font.name == "Times New Roman"

    table = doc.tables[0]
    header = table.rows[0]
    assert tuple(c.text for c in header.cells) == PLAN_COLUMNS
    tbl_header = header._tr.trPr.find(qn("w:tblHeader"))
    assert tbl_header is not None and tbl_header.get(qn("w:val")) == "true"
    assert len(table.rows) == 1 + len(plan.rows)
    assert sum(c.width for c in header.cells) <= Mm(297 - 20 - 15)

    rows = [tuple(c.text for c in r.cells) for r in table.rows[1:]]
    # STT and Nội dung merged down the area group: the merged cell reads the same on each row
    assert rows[0][:4] == ("1", "Công tác chỉ đạo, điều hành cải cách hành chính", "1.3.3", "0/1")
    assert rows[1][:4] == ("1", "Công tác chỉ đạo, điều hành cải cách hành chính", "1.4.2", "0/1,5")
    expected = [nr.cells()[2:] for nr in numbered(plan.rows)]
    assert [r[2:] for r in rows] == expected


def test_xlsx_has_the_same_columns_wrapped_and_set_up_for_printing(plan, tmp_path):
    out = export_plan(plan, tmp_path / "ke-hoach.xlsx")
    ws = load_workbook(out).active

    assert ws["A1"].value == plan.title and ws["A1"].font.b
    assert ws["A2"].value == plan.attachment_line and ws["A2"].font.i
    header = [c.value for c in ws[4]]
    assert tuple(header) == PLAN_COLUMNS
    first = [c.value for c in ws[5]]
    assert first[:4] == ["1", "Công tác chỉ đạo, điều hành cải cách hành chính", "1.3.3", "0/1"]
    assert all(c.alignment.wrap_text for c in ws[5])
    assert {c.font.name for c in ws[5]} == {"Times New Roman"}
    assert ws.max_row == 4 + len(plan.rows)
    assert "A5:A8" in {str(r) for r in ws.merged_cells.ranges}  # area 1 spans four rows
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.print_title_rows == "$4:$4"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.freeze_panes == "A5"


def test_other_formats_and_missing_folders_are_refused(plan, tmp_path):
    with pytest.raises(ValidationError, match="chỉ hỗ trợ tệp .docx hoặc .xlsx"):
        export_plan(plan, tmp_path / "ke-hoach.pdf")
    with pytest.raises(ValidationError, match="không tồn tại"):
        export_plan(plan, tmp_path / "usb-da-rut" / "ke-hoach.docx")
    assert list(tmp_path.glob("*.tmp*")) == []
