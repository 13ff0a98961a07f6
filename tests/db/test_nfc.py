"""Text typed or imported in NFD (Vietnamese keyboards and Mac files produce it) is stored
and written as NFC at every entry point: the ORM's writes, the plain-SQL writes (the report
register, its fields), a command's arguments, a dossier export's cells, the DOCX."""

from __future__ import annotations

import sqlite3
import unicodedata

from docx import Document

from db.dbfile import DB_FILE_NAME


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _stored(data_dir, sql: str) -> list[str]:
    conn = sqlite3.connect(data_dir / DB_FILE_NAME)
    try:
        return [r[0] for r in conn.execute(sql)]
    finally:
        conn.close()


def _all_nfc(values: list[str]) -> bool:
    return all(unicodedata.is_normalized("NFC", v) for v in values)


def test_command_line_input_is_stored_as_nfc(cli, data_dir, tmp_path) -> None:
    commune = nfd("Đồng Tâm")
    assert commune != "Đồng Tâm"
    r = cli("init", "--commune", commune, "--province", nfd("Hải Dương"), "--district",
            nfd("Ninh Giang"), "--chairman", nfd("Nguyễn Văn Hùng"), "--year", "2022")  # fmt: skip
    assert r.code == 0, r.err
    scan = tmp_path / "kh.pdf"
    scan.write_bytes(b"%PDF-1.4")
    r = cli("evidence", "add", str(scan), "--year", "2022", "--criterion", "1",
            "--number", "12/KH-UBND", "--date", "20/01/2022", "--kind", nfd("Kế hoạch"),
            "--summary", nfd("Kế hoạch cải cách hành chính năm 2022"))  # fmt: skip
    assert r.code == 0, r.err
    assert _stored(data_dir, "SELECT commune_name FROM commune_profile") == ["Đồng Tâm"]
    assert _stored(data_dir, "SELECT summary FROM evidence_document") == [
        "Kế hoạch cải cách hành chính năm 2022"
    ]
    assert _stored(data_dir, "SELECT kind FROM evidence_document") == ["Kế hoạch"]
    assert _all_nfc(_stored(data_dir, "SELECT search_text FROM evidence_document"))
    # found by its NFC spelling, as another officer types it
    found = cli("evidence", "list", "--year", "2022", "--search", "cải cách", "--json").json()
    assert found["count"] == 1


def test_plain_sql_writes_are_nfc(ws) -> None:
    from report_seed import PERIOD, fill_profile_and_catalog

    from desktop.core.report.field_store import set_field
    from desktop.core.report.store import create_index_report, report_info, save_section

    fill_profile_and_catalog(ws)
    with ws.transaction() as s:
        rid = create_index_report(s, index_year=2022, period=PERIOD).report.id
        save_section(s, rid, "ket_luan", "", nfd("Trên đây là báo cáo của xã./."))
        set_field(s, rid, "signer", nfd("Nguyễn Văn Hùng"))
    with ws.session() as s:
        r = report_info(s, rid)
    assert r.section("ket_luan").text == "Trên đây là báo cáo của xã./."
    assert r.header.signer == "Nguyễn Văn Hùng"
    assert _all_nfc(_stored(ws.data_dir, "SELECT text FROM report_section"))


def test_orm_writes_are_nfc(ws) -> None:
    from desktop.core.years.profile import save_profile

    with ws.transaction() as s:
        save_profile(s, commune_name=nfd("Đồng Tâm"), province=nfd("Hải Dương"),
                     district=None, chairman=nfd("Nguyễn Văn Hùng"), officer="")  # fmt: skip
    assert _stored(ws.data_dir, "SELECT chairman FROM commune_profile") == ["Nguyễn Văn Hùng"]


def test_docx_text_is_nfc(tmp_path) -> None:
    from desktop.core.report.docx_writer import write_docx
    from desktop.core.report.layout import Block, ReportDocument

    doc = ReportDocument(
        body_name=["ỦY BAN NHÂN DÂN", "XÃ ĐỒNG TÂM"],
        number_line="Số: 07/BC-UBND",
        place_date="Đồng Tâm, ngày 04 tháng 4 năm 2023",
        title="BÁO CÁO",
        summary=[nfd("Kết quả đánh giá Chỉ số cải cách hành chính")],
        blocks=[Block("body", nfd("Thực hiện Kế hoạch số 1332/KH-UBND."))],
        recipients=["- Lưu: VT."],
        sign_authority="TM. ỦY BAN NHÂN DÂN",
        sign_title="CHỦ TỊCH",
        signer=nfd("Nguyễn Văn Hùng"),
    )
    path = write_docx(doc, tmp_path / "bc.docx")
    texts = [p.text for p in Document(str(path)).paragraphs]
    assert "Thực hiện Kế hoạch số 1332/KH-UBND." in texts
    assert _all_nfc(texts)


def test_a_dossier_export_in_nfd_is_stored_as_nfc(cli, data_dir, tmp_path) -> None:
    from openpyxl import Workbook
    from report_seed import HEADER

    wb = Workbook()
    sheet = wb.active
    sheet.append([nfd(h) for h in HEADER])
    sheet.append(["H001", nfd("Đăng ký khai sinh"), nfd("Hộ tịch"), nfd("Trực tuyến"),
                  "05/01/2023 08:00:00", "10/01/2023 08:00:00", "06/01/2023 08:00:00",
                  nfd("Đã trả kết quả"), "x", "x", nfd("Một phần")])  # fmt: skip
    path = tmp_path / "hs.xlsx"
    wb.save(path)
    r = cli("dossiers", "import", str(path))
    assert r.code == 0, r.err
    assert _stored(data_dir, "SELECT procedure FROM dossier") == ["Đăng ký khai sinh"]
    assert _stored(data_dir, "SELECT field FROM dossier") == ["Hộ tịch"]
