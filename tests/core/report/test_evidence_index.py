"""The evidence index for the appraisal team: per sub-criterion, each document's number,
date, summary, issuer and file names; what has no document says so."""

from __future__ import annotations

import pytest
from docx import Document
from openpyxl import load_workbook

from base.errors import ValidationError
from desktop.core.report.evidence_index import (
    NO_DOCUMENT,
    evidence_index,
    export_evidence_index,
)


@pytest.fixture
def index(seeded):
    with seeded.session() as s:
        return evidence_index(s, 2022)


def test_rows_per_sub_criterion_in_catalog_order(index) -> None:
    by_code = {r.code: r for r in index.rows if r.code}
    plan = by_code["1.1.1"]
    assert plan.cells() == (
        "1",
        "1.1.1",
        "Ban hành kế hoạch CCHC năm kịp thời",
        "1332/KH-UBND",
        "31/12/2021",
        "Kế hoạch cải cách hành chính năm 2022",
        "UBND xã Đồng Tâm",
        "ke-hoach-cchc-2022.pdf",
        "",  # no store given: no check findings
    )
    assert by_code["1.1.2"].kind == "missing" and by_code["1.1.2"].summary == NO_DOCUMENT
    assert by_code["1.4.3"].files == "bao-cao-tuyen-truyen.docx\nke-hoach-cchc-2022.pdf"
    assert by_code["1"].kind == "area" and by_code["1"].title.startswith("CÔNG TÁC CHỈ ĐẠO")
    # survey areas are published by the appraising body: nothing to prove, nothing missing
    assert [r.kind for r in index.rows if r.code in ("9", "10")] == ["area", "area"]
    codes = [r.code for r in index.rows if r.kind != "area"]
    assert codes.index("1.1.1") < codes.index("1.4.3") < codes.index("6.2")
    assert index.document_count == 2
    assert [r.stt for r in index.rows if r.kind != "area"][:3] == ["1", "2", "3"]


def test_docx_and_xlsx(index, tmp_path) -> None:
    docx = export_evidence_index(index, tmp_path / "danh-muc.docx")
    table = Document(str(docx)).tables[0]
    assert [c.text for c in table.rows[0].cells][:4] == [
        "STT",
        "Tiêu chí",
        "Nội dung tiêu chí",
        "Số, ký hiệu",
    ]
    texts = [[c.text for c in row.cells] for row in table.rows]
    assert texts[2][:2] == ["1", "1.1.1"] and texts[2][3] == "1332/KH-UBND"
    assert "tblHeader" in table.rows[0]._tr.xml  # repeated on every page
    xlsx = export_evidence_index(index, tmp_path / "danh-muc.xlsx")
    ws = load_workbook(xlsx).active
    assert ws["A1"].value == "DANH MỤC TÀI LIỆU KIỂM CHỨNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2022"
    rows = list(ws.iter_rows(min_row=5, values_only=True))
    assert rows[1][:4] == ("1", "1.1.1", "Ban hành kế hoạch CCHC năm kịp thời", "1332/KH-UBND")
    assert ws.print_title_rows == "$4:$4"
    with pytest.raises(ValidationError, match="chỉ hỗ trợ tệp .docx hoặc .xlsx"):
        export_evidence_index(index, tmp_path / "danh-muc.pdf")


def test_open_check_findings_page_numbers_and_area_rows_kept(seeded, tmp_path) -> None:
    """Issue 16: each document's open findings in a column (a plan of 31/12/2021 for 2022 is
    inside the year's window: not flagged); page numbers; an area's heading row keeps with
    its first row."""
    from datetime import date

    from desktop.core.evidence.documents import NewDocument, add_document

    scan = tmp_path / "bb.pdf"
    scan.write_bytes(b"%PDF-1.4 bien ban")
    with seeded.transaction() as s:
        add_document(
            s,
            seeded.store,
            NewDocument(2022, "08 BB", date(2021, 5, 4), "Biên bản", "Biên bản kiểm tra"),
            [scan],
            ["1.3.2"],
        )
    with seeded.session() as s:
        index = evidence_index(s, 2022, seeded.store)
    by_number = {r.number: r for r in index.rows if r.kind == "document"}
    plan = by_number["1332/KH-UBND"].findings.splitlines()
    assert plan == ["Cùng một tệp ở hai tài liệu"]  # the seed gives both documents one file
    assert by_number["08 BB"].findings.splitlines() == [
        "Tài liệu không thuộc năm đánh giá",
        "Số ký hiệu sai dạng",
    ]
    docx = export_evidence_index(index, tmp_path / "dm.docx")
    d = Document(str(docx))
    assert d.tables[0].rows[0].cells[-1].text == "Kết quả kiểm tra"
    assert "PAGE" in d.sections[0].header._element.xml
    area = next(r for r in d.tables[0].rows if r.cells[1].text.startswith("1. CÔNG TÁC"))
    assert all(p.paragraph_format.keep_with_next for p in area.cells[1].paragraphs)
