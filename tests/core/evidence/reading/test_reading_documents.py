"""Reading realistic documents (Nghị định 30 layout) as .docx and as LibreOffice PDFs: every
field an officer would type is read; a signed PDF says who signed; a scan and a photo say
they are pictures; a damaged file never raises."""

from __future__ import annotations

import zlib
from datetime import date
from pathlib import Path

import pytest

from desktop.core.evidence.reading.read import IMAGE_NOTE, read_document
from tests.core.evidence.nd30_documents import (
    BY_STEM,
    DOCUMENTS,
    TAB_DOCUMENT,
    NdDocument,
    build_docx,
    build_docx_tabs,
)

DATA = Path(__file__).resolve().parent.parent / "data"


def _expected(doc: NdDocument) -> dict:
    return {
        "number": doc.number,
        "issue_date": doc.issue_date,
        "kind": doc.kind,
        "summary": doc.summary,
        "issuer": doc.issuer,
        "signer": doc.signer_name,
    }


def _got(path: Path) -> dict:
    f = read_document(path).fields
    return {
        "number": f.number,
        "issue_date": f.issue_date,
        "kind": f.kind,
        "summary": f.summary,
        "issuer": f.issuer,
        "signer": f.signer,
    }


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.stem)
def test_every_field_is_read_from_the_libreoffice_pdf(doc: NdDocument) -> None:
    reading = read_document(DATA / f"{doc.stem}.pdf")
    assert reading.text_layer and reading.note == ""
    assert _got(DATA / f"{doc.stem}.pdf") == _expected(doc)
    assert set(reading.read_labels()) == {
        "số",
        "ngày",
        "loại",
        "trích yếu",
        "cơ quan ban hành",
        "người ký",
    }


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.stem)
def test_every_field_is_read_from_the_docx(doc: NdDocument, tmp_path: Path) -> None:
    path = build_docx(doc, tmp_path / f"{doc.stem}.docx")
    assert _got(path) == _expected(doc)


def test_a_draft_typed_with_tabs_instead_of_the_header_table(tmp_path: Path) -> None:
    """The motto shares the organ's lines (split at the tab); the signature block is
    pushed right with tabs, on the last of three pages."""
    docx = build_docx_tabs(TAB_DOCUMENT, tmp_path / "to-trinh.docx")
    assert _got(docx) == _expected(TAB_DOCUMENT)
    pdf = DATA / f"{TAB_DOCUMENT.stem}.pdf"
    assert read_document(pdf).pages == 3
    assert _got(pdf) == _expected(TAB_DOCUMENT)


def test_the_district_decision_signed_for_the_chairman() -> None:
    f = read_document(DATA / "quyet-dinh-huyen-cong-bo-chi-so.pdf").fields
    # "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Trần Văn Bình": the deputy's name, not the title
    assert f.signer == "Trần Văn Bình"
    assert f.issuer == "UBND huyện Ninh Giang"
    # the authority line under the trích yếu is not part of it
    assert "CHỦ TỊCH" not in f.summary


def test_a_cong_van_reads_its_v_v_lines_joined() -> None:
    f = read_document(DATA / "cong-van-ky-cuong-hanh-chinh.pdf").fields
    assert f.kind == "Công văn"
    assert f.summary == "tăng cường kỷ luật, kỷ cương hành chính và văn hóa công vụ"
    assert f.issue_date == date(2023, 1, 5)


def test_a_longer_plan_reads_its_signer_on_the_last_page() -> None:
    reading = read_document(DATA / "ke-hoach-cchc-2023.pdf")
    assert reading.pages >= 2
    assert reading.fields.signer == "Nguyễn Văn An"


def test_the_signed_pdf_says_who_signed_and_when() -> None:
    reading = read_document(DATA / "ke-hoach-cchc-2023-ky-so.pdf")
    sig = reading.signature
    assert sig.present and sig.count == 1
    assert sig.signer == "Nguyễn Văn An"
    assert sig.signed_at is not None and sig.signed_at.year >= 2026
    assert sig.label() == "Đã ký số: Nguyễn Văn An (chưa kiểm tra chuỗi chứng thư)"
    # signing added a revision; the text is read as before
    assert reading.fields.number == BY_STEM["ke-hoach-cchc-2023"].number


def test_an_unsigned_pdf_says_so() -> None:
    sig = read_document(DATA / "thong-bao-ket-luan-kiem-tra.pdf").signature
    assert not sig.present
    assert sig.label() == "Chưa ký số"


def test_signing_now_with_another_certificate_reads_that_name(tmp_path: Path) -> None:
    pytest.importorskip("pyhanko")
    from tests.core.evidence.data.make_fixtures import sign_pdf

    src = DATA / "quyet-dinh-huyen-cong-bo-chi-so.pdf"
    signed = sign_pdf(
        src, tmp_path / "qd-ky-so.pdf", "Trần Văn Bình", "UBND huyện Ninh Giang", tmp_path
    )
    reading = read_document(signed)
    assert reading.signature.present
    assert reading.signature.signer == "Trần Văn Bình"
    assert reading.fields.number == "766/QĐ-UBND"


def test_a_scan_is_a_picture_and_keeps_the_file_name_hints(tmp_path: Path) -> None:
    scan = tmp_path / "123-BC-UBND 04.4.2023.pdf"
    scan.write_bytes((DATA / "bao-cao-ban-quet.pdf").read_bytes())
    reading = read_document(scan)
    assert not reading.text_layer
    assert reading.note == IMAGE_NOTE == "tệp ảnh, không đọc được chữ"
    assert reading.fields.number == "123/BC-UBND"
    assert reading.fields.issue_date == date(2023, 4, 4)
    assert reading.from_document == frozenset()
    assert reading.from_filename == {"number", "issue_date", "kind"}


def _png(width: int = 4, height: int = 4) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + b"\x08\x00\x00\x00\x00"
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_a_photo_is_a_picture(tmp_path: Path) -> None:
    photo = tmp_path / "Anh niem yet TTHC.png"
    photo.write_bytes(_png())
    reading = read_document(photo)
    assert reading.note == IMAGE_NOTE
    assert not reading.text_layer and not reading.signature.present


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("hong.pdf", b"%PDF-1.4\nkhong phai pdf that"),
        ("rong.pdf", b""),
        ("hong.docx", b"PK\x03\x04 khong phai docx"),
    ],
)
def test_a_damaged_file_never_raises_and_says_why_in_vietnamese(
    tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    reading = read_document(path)
    assert not reading.text_layer
    assert name in reading.note and "không đọc được" in reading.note


def test_a_missing_file_never_raises(tmp_path: Path) -> None:
    reading = read_document(tmp_path / "45-KH-UBND.pdf")
    assert reading.note == "không tìm thấy tệp 45-KH-UBND.pdf"
    assert reading.fields.number == "45/KH-UBND"  # the file name still helps


def test_a_word_file_signed_in_word_names_its_signer(tmp_path: Path) -> None:
    """Word keeps its signatures as XML-DSig parts under ``_xmlsignatures/``."""
    pytest.importorskip("cryptography")
    import base64
    import zipfile

    from cryptography.hazmat.primitives.serialization import Encoding
    from cryptography.x509 import load_pem_x509_certificate

    from tests.core.evidence.data.make_fixtures import self_signed

    _key, cert_pem = self_signed(tmp_path, "Lê Thị Hoa", "UBND xã Đồng Tâm")
    der = load_pem_x509_certificate(cert_pem.read_bytes()).public_bytes(Encoding.DER)
    doc = BY_STEM["cong-van-ky-cuong-hanh-chinh"]
    path = build_docx(doc, tmp_path / "cong-van.docx")
    xml = (
        '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><KeyInfo><X509Data>'
        f"<X509Certificate>{base64.b64encode(der).decode()}</X509Certificate>"
        "</X509Data></KeyInfo><Object><SignatureProperties><SignatureProperty>"
        '<mdssi:SignatureTime xmlns:mdssi="http://schemas.openxmlformats.org/package/2006/'
        'digital-signature"><mdssi:Value>2023-01-05T08:30:00Z</mdssi:Value>'
        "</mdssi:SignatureTime></SignatureProperty></SignatureProperties></Object></Signature>"
    )
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("_xmlsignatures/sig1.xml", xml)
    reading = read_document(path)
    assert reading.signature.present
    assert reading.signature.signer == "Lê Thị Hoa"
    assert reading.signature.signed_at.isoformat() == "2023-01-05T08:30:00+00:00"
    assert reading.fields.signer == "Lê Thị Hoa" and reading.fields.number == "215/UBND-VP"
