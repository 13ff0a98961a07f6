"""The fields from text as documents really print it: spacing, OCR slips, NFD input,
line breaks inside a field, columns merged into one line."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from desktop.core.evidence.reading.fields import issuer_of, parse_date, parse_number, read_fields
from desktop.core.evidence.reading.layout import plain_text


@pytest.mark.parametrize(
    ("line", "number", "kind"),
    [
        ("Số: 45/KH-UBND", "45/KH-UBND", "Kế hoạch"),
        ("Số 45/KH-UBND", "45/KH-UBND", "Kế hoạch"),
        ("Số:45 / KH - UBND", "45/KH-UBND", "Kế hoạch"),
        ("S6: 478 /UBND-NV Nhu Xudn, ngay 15 thdng 3 nam 2023", "478/UBND-NV", "Công văn"),
        ("Sb: 176 /TB-UBND", "176/TB-UBND", "Thông báo"),
        ("So: 123/BC-UBND Dong Tam, ngay 04 thang 4 nam 2023", "123/BC-UBND", "Báo cáo"),
        ("Số: 766/QD-UBND", "766/QĐ-UBND", "Quyết định"),
        ("Số: 12/TTr-UBND", "12/TTr-UBND", "Tờ trình"),
        ("Số: 03/BB-UBND", "03/BB-UBND", "Biên bản"),
        ("Số: 123/UBND-VP", "123/UBND-VP", "Công văn"),
        ("Số: 05/2023/QĐ-UBND", "05/2023/QĐ-UBND", "Quyết định"),
    ],
)
def test_number_variants(line: str, number: str, kind: str) -> None:
    text = plain_text(f"ỦY BAN NHÂN DÂN\nXÃ ĐỒNG TÂM\n{line}\n")
    f = read_fields(text)
    assert f.number == number
    assert f.kind == kind


def test_a_number_cited_in_the_body_is_not_the_documents_number() -> None:
    assert parse_number("Căn cứ Quyết định số 3395/QĐ-UBND ngày 15/12/2022", anywhere=False) is None


@pytest.mark.parametrize(
    ("line", "when"),
    [
        ("Đồng Tâm, ngày 28 tháng 12 năm 2022", date(2022, 12, 28)),
        ("Đồng Tâm, ngày 5 tháng 01 năm 2023", date(2023, 1, 5)),
        ("Đồng Tâm, ngày  05  tháng  01  năm  2023", date(2023, 1, 5)),
        ("Nhu Xudn, ngay 15 thdng 3 nam 2023", date(2023, 3, 15)),
        ("Phong Thé, ngay 09 thdng 9 nam 2022", date(2022, 9, 9)),
        ("Đồng Tâm, ngày 31 tháng 02 năm 2023", None),  # no such day
        ("Đồng Tâm, ngày 05/01/2023", date(2023, 1, 5)),
        ("Ninh Giang, ngày 16-3-2023", date(2023, 3, 16)),
    ],
)
def test_date_variants(line: str, when: date | None) -> None:
    assert parse_date(line) == when


@pytest.mark.parametrize(
    ("lines", "issuer"),
    [
        (["ỦY BAN NHÂN DÂN", "XÃ ĐỒNG TÂM"], "UBND xã Đồng Tâm"),
        (["UBND HUYỆN NINH GIANG", "ỦY BAN NHÂN DÂN XÃ ĐỒNG", "TÂM"], "UBND xã Đồng Tâm"),
        (["ỦY BAN NHÂN DÂN", "HUYỆN NINH GIANG"], "UBND huyện Ninh Giang"),
        (["UBND HUYỆN NINH GIANG", "PHÒNG NỘI VỤ"], "Phòng Nội vụ huyện Ninh Giang"),
        (["UBND TỈNH HẢI DƯƠNG", "SỞ NỘI VỤ"], "Sở Nội vụ tỉnh Hải Dương"),
        (["HỘI ĐỒNG NHÂN DÂN", "XÃ ĐỒNG TÂM"], "HĐND xã Đồng Tâm"),
        (["UỶ BAN NHÂN DÂN", "THỊ TRẤN NINH GIANG"], "UBND thị trấn Ninh Giang"),
    ],
)
def test_issuer_is_written_the_way_a_register_writes_it(lines: list[str], issuer: str) -> None:
    assert issuer_of(lines) == issuer


LETTER = """ỦY BAN NHÂN DÂN
XÃ ĐỒNG TÂM
Số: 31/UBND-VP
V/v đẩy mạnh cung cấp dịch vụ
công trực tuyến toàn trình
Đồng Tâm, ngày 12 tháng 6 năm 2023

Kính gửi: Các công chức chuyên môn xã

Thực hiện Kế hoạch số 45/KH-UBND ngày 28/12/2022 của UBND xã...

Nơi nhận:
- Như trên;
- Lưu: VT.
TL. CHỦ TỊCH
CÔNG CHỨC VĂN PHÒNG - THỐNG KÊ
(Đã ký)
Đỗ Thu Trang
"""


def test_a_plain_text_letter_with_v_v_on_two_lines_and_tl() -> None:
    f = read_fields(plain_text(LETTER))
    assert f.number == "31/UBND-VP"
    assert f.kind == "Công văn"
    assert f.summary == "đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình"
    assert f.issue_date == date(2023, 6, 12)
    assert f.issuer == "UBND xã Đồng Tâm"
    assert f.signer == "Đỗ Thu Trang"


def test_nfd_text_reads_as_nfc() -> None:
    nfd = unicodedata.normalize("NFD", LETTER)
    f = read_fields(plain_text(nfd))
    assert f.signer == "Đỗ Thu Trang"
    assert unicodedata.is_normalized("NFC", f.summary)
    assert f.summary == "đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình"


OCR = """UY BAN NHAN DAN CONG HOA XA HQI CHU NGHIA VIET NAM
XA PONG TAM Péoc lap - Tu do - Hanh phiic
So: 123/BC-UBND Dong Tam, ngay 04 thang 4 nam 2023
BAO CAO

Két qua danh gia Chi s cai cach hanh chinh nim 2022
va nhiém vu trong tam nam 2023

Cian ctt Quyét dinh s6 3395/QD-UBND ngay 15/12/2022 caa UBND tinh
"""


def test_ocr_text_with_both_columns_on_one_line() -> None:
    f = read_fields(plain_text(OCR))
    assert f.number == "123/BC-UBND"
    assert f.issue_date == date(2023, 4, 4)
    assert f.kind == "Báo cáo"
    assert (
        f.summary
        == "Két qua danh gia Chi s cai cach hanh chinh nim 2022 va nhiém vu trong tam nam 2023"
    )
    assert f.issuer == "UBND xa Pong Tam"  # the motto cut off, OCR spelling kept


def test_the_summary_stops_at_the_authority_line_and_at_can_cu() -> None:
    text = plain_text(
        "ỦY BAN NHÂN DÂN\nHUYỆN NINH GIANG\nSố: 9/QĐ-UBND\nNinh Giang, ngày 2 tháng 3 năm 2023\n"
        "QUYẾT ĐỊNH\nVề việc thành lập Bộ phận Một cửa\nCHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương;\n"
    )
    f = read_fields(text)
    assert f.summary == "Về việc thành lập Bộ phận Một cửa"


def test_a_document_without_any_header_gives_empty_fields() -> None:
    f = read_fields(plain_text("Hình ảnh niêm yết thủ tục hành chính tại Bộ phận Một cửa\n"))
    assert (f.number, f.issue_date, f.kind, f.issuer) == ("", None, "", "")


def test_a_signature_block_alone_on_the_last_page_with_tabs() -> None:
    from desktop.core.evidence.reading.fields import signer_of

    assert signer_of(["CHỦ TỊCH", "(Đã ký)", "Nguyễn Văn An"]) == "Nguyễn Văn An"
    assert signer_of(["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "TRẦN VĂN BÌNH"]) == "Trần Văn Bình"
    assert signer_of(["Nơi nhận:", "- Như trên;", "- Lưu: VT."]) == ""


def test_a_spaced_out_kind_line() -> None:
    text = plain_text(
        "ỦY BAN NHÂN DÂN\nXÃ ĐỒNG TÂM\nSố: 15/UBND\nĐồng Tâm, ngày 2 tháng 3 năm 2023\n"
        "B Á O  C Á O\nKết quả thực hiện nhiệm vụ quý I năm 2023\n\nI. KẾT QUẢ\n"
    )
    f = read_fields(text)
    assert f.kind == "Báo cáo"  # the capitals line wins over a number without kind code
    assert f.summary == "Kết quả thực hiện nhiệm vụ quý I năm 2023"
