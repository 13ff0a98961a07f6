"""The province's annex read from what the officer has: the decision as Word, the annex
alone, the same decision as a LibreOffice PDF, the portal's page, a paste."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from catalog_annexes import (  # noqa: I001
    ANNEX,
    DECISION_NUMBER,
    EXPECTED,
    YEAR,
    Row,
    annex_docx,
    clipboard_tsv,
    portal_html,
    whole_decision_docx,
)

from base.errors import ValidationError
from desktop.core.catalog.importer import read_catalog_file, read_catalog_paste, save_preview
from desktop.core.catalog.store import catalog_info

PDF = Path(__file__).parents[1] / "data" / "phu-luc-chi-so-cchc.pdf"


def _nodes(preview):
    return [(r.code, r.title, r.max_points) for r in preview.rows]


EXPECTED_NODES = [(c, t, Decimal(m)) for c, t, m, _ in EXPECTED]


def _source(kind: str, tmp_path: Path) -> Path:
    if kind == "decision.docx":
        return whole_decision_docx(tmp_path / "qd-3395.docx")
    if kind == "annex.docx":
        return annex_docx(tmp_path / "phu-luc-ii.docx")
    if kind == "pdf":
        return PDF
    return portal_html(tmp_path / "cong-cham-diem.html")


@pytest.mark.parametrize("kind", ["decision.docx", "annex.docx", "pdf", "portal.html"])
def test_each_source_gives_the_annex_exactly(kind, tmp_path):
    preview = read_catalog_file(_source(kind, tmp_path), year=YEAR)
    assert _nodes(preview) == EXPECTED_NODES
    # only the bonus area is worth a word: the sums hold, the total row was checked
    assert preview.errors == []
    assert [p.message.split(": ", 1)[1] for p in preview.warnings] == [
        "lĩnh vực 4 “ĐIỂM THƯỞNG” được tính là phần điểm cộng (tối đa 3 điểm), riêng ngoài "
        "tổng điểm Chỉ số."
    ]
    assert preview.stated_total == 100
    assert (preview.decision_number, str(preview.decision_date)) == (DECISION_NUMBER, "2024-12-15")
    assert preview.issuer == "UBND tỉnh Hải Dương"
    assert preview.name == f"BỘ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA UBND CẤP XÃ NĂM {YEAR}"
    rows = {r.code: r for r in preview.rows}
    # the source's numbering beside the code
    assert [rows[c].shown_code for c in ("1", "1.1", "1.1.2", "2.1.1", "4", "4.2")] == [
        "1 ← I", "1.1 ← 1", "1.1.2 ← b)", "2.1.1 ← 1.1", "4", "4.2 ← 2"
    ]  # fmt: skip
    # method rows folded into the sub-criterion's guide, steps proposed as a rule
    assert rows["1.1.1"].scoring_guide.splitlines() == [
        "- Ban hành trước ngày 31/12 năm trước: 2 điểm",
        "- Ban hành sau ngày 31/12: 1 điểm",
        "- Không ban hành: 0 điểm",
    ]
    assert rows["1.1.1"].rule_text == ""  # dates, not steps of a figure: the officer scores
    assert rows["1.1.2"].rule_text == "bac: 100=4; 80-<100=2; <80=0"
    assert rows["3.2.1"].scoring_guide.splitlines()[0] == "- Đạt 100% (20 điểm)"
    assert rows["3.2.1"].rule_text == "bac: 100=20; 95-<100=10; <95=0"
    assert rows["1.2.1"].rule_text == "co/khong"
    assert rows["1.2.2"].rule_text == "tru 0,5/loi"
    # evidence required, the merged cell counting for both sub-criteria under it
    assert rows["1.1.1"].evidence_required == "Kế hoạch CCHC năm của UBND xã"
    flat = {c: " ".join(r.evidence_required.split()) for c, r in rows.items()}
    assert flat["1.2.1"] == flat["1.2.2"] == "Kế hoạch tuyên truyền; Báo cáo kết quả tuyên truyền"
    assert flat["3.2.1"] == "Báo cáo thống kê" and flat["1.1"] == ""


def test_places_name_the_table_or_page(tmp_path):
    docx = read_catalog_file(whole_decision_docx(tmp_path / "qd.docx"), year=YEAR)
    assert docx.parts == ["Bảng 4", "Bảng 5", "Bảng 6"]  # header, signature, Phụ lục I passed over
    where = {r.code: r.where for r in docx.rows}
    assert where["1.1.1"] == "Bảng 4, dòng 5"  # two header rows, then I, 1, a)
    assert where["2"] == "Bảng 5, dòng 3"  # the second table repeats the header
    assert where["3"] == "Bảng 6, dòng 1"  # the third one goes on without it
    pdf = read_catalog_file(PDF, year=YEAR)
    assert all(r.where.startswith("Trang ") for r in pdf.rows)
    assert pdf.rows[0].where == "Trang 3 (bảng 1), dòng 3"


def test_the_decision_opening_when_the_annex_has_no_reference(tmp_path):
    preview = read_catalog_file(whole_decision_docx(tmp_path / "qd.docx"), year=YEAR)
    near = read_catalog_file(whole_decision_docx(tmp_path / "qd2.docx", reference=True))
    for p in (preview, near):
        assert (p.decision_number, p.issuer) == (DECISION_NUMBER, "UBND tỉnh Hải Dương")


def test_a_paste_from_excel_or_a_browser(tmp_path):
    tsv = read_catalog_paste(text=clipboard_tsv(), year=YEAR)
    assert _nodes(tsv) == EXPECTED_NODES
    assert tsv.rows[0].where == "Bảng dán, dòng 2"
    assert tsv.name == f"Bộ tiêu chí năm {YEAR}"  # a paste has no title of its own
    assert {r.code: r.evidence_required for r in tsv.rows}["1.2.1"] == (
        "Kế hoạch tuyên truyền;\nBáo cáo kết quả tuyên truyền"
    )
    html = portal_html(tmp_path / "p.html").read_text(encoding="utf-8")
    pasted = read_catalog_paste(html=html, text="không phải bảng")
    assert _nodes(pasted) == EXPECTED_NODES
    with pytest.raises(ValidationError, match="Bộ nhớ tạm không có bảng nào"):
        read_catalog_paste(html="<p>chữ</p>", text="một dòng chữ")


def test_saved_catalog_has_rules_bonus_and_evidence(ws, tmp_path):
    preview = read_catalog_file(PDF, year=YEAR)
    with ws.transaction() as s:
        outcome = save_preview(s, YEAR, preview, accept_warnings=True)
    assert outcome.node_count == 21
    with ws.session() as s:
        info = catalog_info(s, YEAR)
        codes = {n.id: n.code for n in info.nodes}
        assert [(n.code, n.title, n.max_points, codes.get(n.parent_id)) for n in info.nodes] == [
            (c, t, Decimal(m), p) for c, t, m, p in EXPECTED
        ]
        assert info.decision_number == DECISION_NUMBER and info.complete
        assert "phu-luc-chi-so-cchc.pdf (Trang 3 (bảng 1) – Trang 4)" in info.note


# --- bad input ---------------------------------------------------------------------------


def test_a_decision_without_the_criteria_table(tmp_path):
    from docx import Document

    doc = Document()
    doc.add_paragraph("QUYẾT ĐỊNH")
    t = doc.add_table(rows=2, cols=3)
    for i, text in enumerate(("STT", "Lĩnh vực", "Cơ quan chủ trì")):
        t.cell(0, i).text = text
    path = tmp_path / "qd-khong-phu-luc.docx"
    doc.save(path)
    with pytest.raises(ValidationError) as err:
        read_catalog_file(path)
    assert str(err.value).startswith(
        "Không tìm thấy bảng tiêu chí trong tệp qd-khong-phu-luc.docx: Tệp có 1 bảng nhưng "
        "không bảng nào có dòng tiêu đề cột"
    )


def test_a_page_with_only_forms_and_layout(tmp_path):
    page = tmp_path / "dang-nhap.html"
    page.write_text(
        "<html><body><table><tr><td>Tên đăng nhập</td><td><input></td></tr></table>"
        "<table><tr><td>Trang chủ</td><td>Điểm tối đa</td></tr></table></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError, match="Tệp có 2 bảng nhưng không bảng nào"):
        read_catalog_file(page)


def _image_only_pdf(path: Path) -> Path:
    """A one-page PDF with a drawn box and no text, as a scanner without OCR makes."""
    content = b"q 0 0 1 rg 50 50 200 200 re f Q"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def test_a_scanned_pdf_says_what_to_do(tmp_path):
    with pytest.raises(ValidationError) as err:
        read_catalog_file(_image_only_pdf(tmp_path / "qd-scan.pdf"))
    message = str(err.value)
    assert message.startswith("Tệp qd-scan.pdf là bản quét (chỉ có hình ảnh, không có chữ)")
    assert "mở tệp PDF bằng Word" in message and "Tải tệp mẫu" in message


def test_damaged_and_protected_files(tmp_path):
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ValidationError, match=r"^Không đọc được tệp hong.docx: tệp hỏng"):
        read_catalog_file(broken)
    half = tmp_path / "thieu.pdf"
    half.write_bytes(PDF.read_bytes()[:3000])
    with pytest.raises(ValidationError, match=r"thieu.pdf"):
        read_catalog_file(half)
    msoffcrypto = pytest.importorskip("msoffcrypto")
    plain = annex_docx(tmp_path / "phu-luc.docx")
    locked = tmp_path / "co-mat-khau.docx"
    from msoffcrypto.format.ooxml import OOXMLFile

    with plain.open("rb") as src, locked.open("wb") as dst:
        OOXMLFile(src).encrypt("123456", dst)
    assert msoffcrypto  # used above through its format module
    with pytest.raises(ValidationError, match=r"^Tệp co-mat-khau.docx được đặt mật khẩu"):
        read_catalog_file(locked)
    with pytest.raises(ValidationError, match=r"^Tệp phu-luc-co-mat-khau.pdf được đặt mật khẩu"):
        read_catalog_file(PDF.with_name("phu-luc-co-mat-khau.pdf"))
    old = tmp_path / "cu.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(ValidationError, match="lưu lại dưới dạng .docx"):
        read_catalog_file(old)
    assert zipfile.is_zipfile(plain)


def _annex_with(tmp_path: Path, changed: list[Row]) -> Path:
    import catalog_annexes

    saved = list(catalog_annexes.ANNEX)
    catalog_annexes.ANNEX[:] = changed
    try:
        return annex_docx(tmp_path / "phu-luc-sua.docx")
    finally:
        catalog_annexes.ANNEX[:] = saved


def test_points_that_do_not_add_up_and_a_duplicated_code(tmp_path):
    rows = list(ANNEX)
    rows[6] = Row("b)", "Mức độ hoàn thành kế hoạch CCHC", "3,5")  # 2 + 3,5 under a 6
    rows[17] = Row("1.1", "Rà soát, hệ thống hóa văn bản", "6,25")  # 1.1 twice in area II
    preview = read_catalog_file(_annex_with(tmp_path, rows))
    messages = [p.message for p in preview.problems]
    assert "Bảng 2, dòng 6: Mã 2.1.1 bị trùng (đã có ở Bảng 2, dòng 5)." in messages
    assert "Bảng 1, dòng 4: Tổng điểm các mục con của 1.1 là 5,5, khác điểm tối đa 6." in messages
    assert any(m.startswith("Bảng 3, dòng 10: dòng Tổng ghi 100 điểm") for m in messages) is False
    assert preview.errors and preview.errors[0].sheet == "Bảng 2" and preview.errors[0].row == 6


def test_a_total_row_that_disagrees_with_the_areas(tmp_path):
    rows = [r if r.title != "Tổng cộng (I+II+III)" else Row("", r.title, "95") for r in ANNEX]
    preview = read_catalog_file(_annex_with(tmp_path, rows))
    assert "Bảng 3, dòng 10: dòng Tổng ghi 95 điểm nhưng các lĩnh vực cộng lại được 100." in [
        p.message for p in preview.warnings
    ]


def _simple_docx(path: Path, header: list[str], rows: list[list[str]], *, before=()) -> Path:
    from docx import Document

    doc = Document()
    for line in before:
        doc.add_paragraph(line)
    table = doc.add_table(rows=1, cols=len(header))
    for i, text in enumerate(header):
        table.cell(0, i).text = text
    for values in rows:
        cells = table.add_row().cells
        for i, text in enumerate(values):
            cells[i].text = text
    doc.save(path)
    return path


def test_areas_told_by_capitals_bullets_in_the_number_column(tmp_path):
    """Areas numbered 1, 2 in capitals with criteria restarting at 1; a total row first;
    method lines with their bullet in the STT column; a bonus area numbered like the rest;
    sub-criteria written 1.1 under a criterion; the points column named just "Điểm"."""
    path = _simple_docx(
        tmp_path / "phu-luc-so.docx",
        ["TT", "Nội dung đánh giá", "Điểm", "Hướng dẫn chấm điểm", "Hồ sơ, tài liệu kiểm chứng"],
        [
            ["", "TỔNG ĐIỂM", "100", "", ""],
            ["1", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", "60", "", ""],
            ["1", "Ban hành kế hoạch CCHC", "20", "", "Kế hoạch"],
            ["-", "Ban hành trước 15/01", "20", "", ""],
            ["-", "Ban hành sau 15/01", "10", "", ""],
            ["2", "Kiểm tra CCHC", "40", "", ""],
            ["2.1", "Tỷ lệ cơ quan được kiểm tra", "40", "100%: 40 điểm; dưới 100%: 0 điểm", ""],
            ["2", "CẢI CÁCH THỂ CHẾ", "40", "", ""],
            ["1", "Rà soát văn bản", "40", "", "Báo cáo rà soát"],
            ["3", "Điểm thưởng", "5", "", ""],
            ["1", "Sáng kiến được công nhận", "5", "", ""],
        ],
    )
    preview = read_catalog_file(path)
    assert [(r.code, r.max_points) for r in preview.rows] == [
        ("1", 60), ("1.1", 20), ("1.2", 40), ("1.2.1", 40), ("2", 40), ("2.1", 40),
        ("3", 5), ("3.1", 5),
    ]  # fmt: skip
    rows = {r.code: r for r in preview.rows}
    assert (
        rows["1.1"].scoring_guide
        == "- Ban hành trước 15/01 (20 điểm)\n- Ban hành sau 15/01 (10 điểm)"
    )
    assert rows["1.2.1"].rule_text == "bac: 100=40; <100=0"
    assert preview.errors == [] and preview.stated_total == 100
    assert [p.message for p in preview.warnings] == [
        "Bảng 1, dòng 11: lĩnh vực 3 “Điểm thưởng” được tính là phần điểm cộng (tối đa 5 "
        "điểm), riêng ngoài tổng điểm Chỉ số."
    ]


def test_codes_written_in_the_content_column(tmp_path):
    path = _simple_docx(
        tmp_path / "pl.docx",
        ["Nội dung", "Điểm tối đa"],
        [
            ["I. CÔNG TÁC CHỈ ĐẠO", "100"],
            ["1. Kế hoạch CCHC", "100"],
            ["a) Ban hành đúng hạn", "60"],
            ["b) Hoàn thành kế hoạch", "40"],
        ],
    )
    preview = read_catalog_file(path)
    assert [(r.code, r.title, r.written_code) for r in preview.rows] == [
        ("1", "CÔNG TÁC CHỈ ĐẠO", "I"),
        ("1.1", "Kế hoạch CCHC", "1"),
        ("1.1.1", "Ban hành đúng hạn", "a"),
        ("1.1.2", "Hoàn thành kế hoạch", "b"),
    ]
    assert preview.problems == []


def test_an_area_row_merged_across_number_and_content(tmp_path):
    from docx import Document

    doc = Document()
    table = doc.add_table(rows=4, cols=3)
    for i, text in enumerate(("STT", "Tiêu chí", "Điểm tối đa")):
        table.cell(0, i).text = text
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "I. CẢI CÁCH THỂ CHẾ"
    table.cell(1, 2).text = "100"
    for r, (stt, title, pts) in enumerate((("1", "Rà soát", "60"), ("2", "Kiểm tra", "40")), 2):
        table.cell(r, 0).text, table.cell(r, 1).text, table.cell(r, 2).text = stt, title, pts
    doc.save(tmp_path / "gop-o.docx")
    preview = read_catalog_file(tmp_path / "gop-o.docx")
    assert [(r.code, r.title) for r in preview.rows] == [
        ("1", "CẢI CÁCH THỂ CHẾ"),
        ("1.1", "Rà soát"),
        ("1.2", "Kiểm tra"),
    ]
    assert preview.problems == []


def test_sub_totals_are_not_nodes_nor_methods(tmp_path):
    page = tmp_path / "bang.htm"
    rows = [
        ("STT", "Nội dung", "Điểm tối đa"),
        ("I", "Công tác chỉ đạo", "60"),
        ("1", "Công khai kế hoạch", "60"),
        ("", "Cộng lĩnh vực I", "60"),
        ("II", "Cải cách thể chế", "40"),
        ("1", "Rà soát văn bản", "40"),
        ("", "Cộng lĩnh vực II", "40"),
        ("", "TỔNG CỘNG", "100"),
    ]
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    page.write_text(f"<table>{body}</table>", encoding="utf-8")
    preview = read_catalog_file(page)
    assert [(r.code, r.title, r.scoring_guide) for r in preview.rows] == [
        ("1", "Công tác chỉ đạo", ""),
        ("1.1", "Công khai kế hoạch", ""),
        ("2", "Cải cách thể chế", ""),
        ("2.1", "Rà soát văn bản", ""),
    ]
    assert preview.problems == [] and preview.stated_total == 100


def test_one_table_per_area_under_its_heading(tmp_path):
    from docx import Document

    doc = Document()
    doc.add_paragraph("BỘ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CẤP XÃ")
    for heading, rows in (
        ("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH (60 điểm)", [("1", "Kế hoạch CCHC", "60")]),
        ("Lĩnh vực II: CẢI CÁCH THỂ CHẾ", [("1", "Rà soát", "25,5"), ("2", "Kiểm tra", "14,5")]),
    ):
        doc.add_paragraph(heading)
        table = doc.add_table(rows=1, cols=3)
        for i, text in enumerate(("STT", "Nội dung", "Điểm tối đa")):
            table.cell(0, i).text = text
        for values in rows:
            cells = table.add_row().cells
            for i, text in enumerate(values):
                cells[i].text = text
    doc.save(tmp_path / "theo-linh-vuc.docx")
    preview = read_catalog_file(tmp_path / "theo-linh-vuc.docx")
    assert [(r.code, r.title, r.max_points, r.where) for r in preview.rows] == [
        ("1", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", 60, "Bảng 1"),
        ("1.1", "Kế hoạch CCHC", 60, "Bảng 1, dòng 2"),
        ("2", "CẢI CÁCH THỂ CHẾ", 40, "Bảng 2"),
        ("2.1", "Rà soát", Decimal("25.5"), "Bảng 2, dòng 2"),
        ("2.2", "Kiểm tra", Decimal("14.5"), "Bảng 2, dòng 3"),
    ]
    # area II had no points in its heading: the sum of its criteria, said
    assert [p.message for p in preview.problems] == [
        "Bảng 2: điểm tối đa của 2 để trống, lấy tổng các mục con là 40."
    ]


@pytest.mark.parametrize("kind", ["pdf", "portal.html"])
def test_pdf_and_portal_read_like_the_word_file(kind, tmp_path):
    """Every field, line breaks of the guide and evidence included, as from the .docx."""
    fields = ("code", "title", "max_points", "scoring_guide", "evidence_required", "rule_text")
    word = read_catalog_file(_source("decision.docx", tmp_path), year=YEAR)
    other = read_catalog_file(_source(kind, tmp_path), year=YEAR)
    assert [[getattr(r, f) for f in fields] for r in other.rows] == [
        [getattr(r, f) for f in fields] for r in word.rows
    ]


def test_counting_methods_become_count_steps(tmp_path):
    page = tmp_path / "dem.html"
    rows = [
        ("STT", "Nội dung", "Điểm tối đa", "Tài liệu kiểm chứng"),
        ("I", "Tuyên truyền", "2", ""),
        ("1", "Hình thức tuyên truyền CCHC", "2", "Báo cáo"),
        ("", "- Từ 3 hình thức trở lên: 2 điểm", "", ""),
        ("", "- 2 hình thức: 1 điểm", "", ""),
        ("", "- 1 hình thức: 0,5 điểm", "", ""),
        ("", "- Không thực hiện: 0 điểm", "", ""),
    ]
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    page.write_text(f"<table>{body}</table>", encoding="utf-8")
    (area, crit) = read_catalog_file(page).rows
    assert (crit.code, crit.rule_text) == ("1.1", "bac so: >=3=2; 2=1; 1=0,5; 0=0")
    assert crit.scoring_guide.splitlines()[-1] == "- Không thực hiện: 0 điểm"


def test_areas_told_by_bold_with_criteria_restarting(tmp_path):
    """Areas numbered 1, 2 in bold (not in capitals), criteria restarting at 1 below."""
    from docx import Document

    rows = [
        ("1", "Công tác chỉ đạo, điều hành", "60", True),
        ("1", "Kế hoạch cải cách hành chính", "35", False),
        ("2", "Kiểm tra cải cách hành chính", "25", False),
        ("2", "Cải cách thể chế", "40", True),
        ("1", "Rà soát văn bản", "40", False),
    ]
    doc = Document()
    table = doc.add_table(rows=1, cols=3)
    for i, text in enumerate(("STT", "Nội dung", "Điểm tối đa")):
        table.cell(0, i).paragraphs[0].add_run(text).bold = True
    for values in rows:
        cells = table.add_row().cells
        for i, text in enumerate(values[:3]):
            cells[i].paragraphs[0].add_run(text).bold = values[3]
    doc.save(tmp_path / "dam.docx")
    page = tmp_path / "dam.html"
    body = "".join(
        "<tr>" + "".join(f"<td><b>{c}</b></td>" if bold else f"<td>{c}</td>" for c in r) + "</tr>"
        for *r, bold in rows
    )
    page.write_text(
        f"<table><tr><th>STT</th><th>Nội dung</th><th>Điểm tối đa</th></tr>{body}</table>",
        encoding="utf-8",
    )
    for path in (tmp_path / "dam.docx", page):
        preview = read_catalog_file(path)
        assert [r.code for r in preview.rows] == ["1", "1.1", "1.2", "2", "2.1"], path.name
        assert preview.problems == []
