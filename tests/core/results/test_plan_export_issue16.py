"""The remediation plan's exports (issue 16): "Nguyên nhân" holds the appraisal's reason or
nothing; rows without Giải pháp or Cơ quan chủ trì are named (on screen and stderr, never in
the file); the DOCX has page numbers; no XLSX row exceeds Excel's 409 pt (a long cell
continues on the next row, nothing is cut) and the footer has its own room."""

from __future__ import annotations

from decimal import Decimal

from docx import Document
from openpyxl import load_workbook
from report_seed import YEAR, fill_seed_002

from desktop.core.results.plan_export import export_plan, plan_warnings
from desktop.core.results.plan_read import PlanRowData, plan_for_export


def _plan(ws, tmp_path):
    fill_seed_002(ws, tmp_path)
    with ws.session() as s:
        return plan_for_export(s, YEAR)


def test_cause_is_the_appraisal_reason_or_empty(ws, tmp_path) -> None:
    plan = _plan(ws, tmp_path)
    by_code = {r.criterion: r for r in plan.rows if r.kind == "loss"}
    assert by_code["6.2"].cause == "Tài liệu kiểm chứng thiếu chính xác"  # the appraisal's
    assert by_code["6.3"].cause == ""  # no reason given: not the sub-criterion's title


def test_rows_without_solution_or_lead_are_named(ws, tmp_path, cli) -> None:
    plan = _plan(ws, tmp_path)
    warnings = plan_warnings(plan)
    assert "Dòng “6.3” chưa có Giải pháp và Cơ quan chủ trì." in warnings
    out = export_plan(plan, tmp_path / "kh.docx")
    text = "\n".join(c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells)
    assert "chưa có" not in text
    ws.close()
    r = cli("plan", "export", "--year", str(YEAR), "--out", str(tmp_path / "kh2.xlsx"), "--json")
    assert r.code == 0, r.err
    assert "Dòng “6.3” chưa có Giải pháp và Cơ quan chủ trì." in r.json()["warnings"]
    r = cli("plan", "export", "--year", str(YEAR), "--out", str(tmp_path / "kh3.docx"))
    assert "Lưu ý: Dòng “6.3” chưa có Giải pháp" in r.err


def test_docx_has_page_numbers(ws, tmp_path) -> None:
    out = export_plan(_plan(ws, tmp_path), tmp_path / "kh.docx")
    section = Document(str(out)).sections[0]
    xml = section.header._element.xml
    assert "PAGE" in xml and section.different_first_page_header_footer


def test_xlsx_rows_fit_excel_and_long_cells_continue(ws, tmp_path) -> None:
    plan = _plan(ws, tmp_path)
    long = " ".join(
        f"Bước {i}: rà soát, cập nhật và đăng tải tài liệu kiểm chứng." for i in range(80)
    )
    plan.rows[0] = PlanRowData(**{**plan.rows[0].__dict__, "solution": long, "lead": "Văn phòng"})
    out = export_plan(plan, tmp_path / "kh.xlsx")
    sheet = load_workbook(out).active
    heights = [d.height for d in sheet.row_dimensions.values() if d.height]
    assert max(heights) <= 409
    solution_cells = [sheet.cell(row=r, column=6).value or "" for r in range(5, sheet.max_row + 1)]
    joined = " ".join(" ".join(c.split()) for c in solution_cells if c)
    assert "Bước 0:" in joined and "Bước 79: rà soát" in joined  # nothing cut
    assert sum(1 for c in solution_cells if "Bước" in c) >= 2  # continued on another row
    assert sheet.page_margins.bottom - sheet.page_margins.footer >= 0.4
    assert sheet.oddFooter.center.text == "Trang &P/&N"
    assert Decimal(str(sheet.page_margins.footer)) > 0
