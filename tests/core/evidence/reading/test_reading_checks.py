"""The pre-upload check "Tài liệu PDF chưa ký số": a warning only where the sub-criterion's
evidence text or the year's setting asks for digitally signed documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from db.models import CatalogNode
from desktop.core.evidence.checks import run_checks, set_require_signed
from desktop.core.evidence.reading.stored import check_year_signatures
from tests.core.conftest import YEAR

DATA = Path(__file__).resolve().parent.parent / "data"


def _unsigned(ws) -> list:
    with ws.transaction() as s:
        check_year_signatures(s, ws.store, YEAR)
    with ws.session() as s:
        return [f for f in run_checks(s, ws.store, YEAR).findings if f.kind == "unsigned_pdf"]


def _ask_signed(ws, code: str) -> None:
    with ws.transaction() as s:
        node = s.scalar(select(CatalogNode).where(CatalogNode.code == code))
        node.evidence_required = "Kế hoạch CCHC năm (bản điện tử có chữ ký số)"


def test_an_unsigned_pdf_is_a_warning_where_the_catalog_asks_for_signed(sample_ws, add_doc):
    plan = add_doc(
        "45/KH-UBND",
        ("1.1.1",),
        issue_date=date(2022, 12, 28),
        files=[DATA / "ke-hoach-cchc-2023.pdf"],
    )
    add_doc("12/KH-UBND", ("1.4.1",), files=[DATA / "ke-hoach-cchc-2023-ky-so.pdf"])
    assert _unsigned(sample_ws) == []  # nothing asks for signed documents yet
    _ask_signed(sample_ws, "1.1.1")
    (found,) = _unsigned(sample_ws)
    assert found.evidence_id == plan and found.severity == "warning"
    assert "tệp PDF “ke-hoach-cchc-2023.pdf” chưa ký số" in found.message
    assert "tiêu chí yêu cầu văn bản có chữ ký số" in found.message


def test_the_signed_copy_satisfies_the_check(sample_ws, add_doc):
    _ask_signed(sample_ws, "1.1.1")
    add_doc("45/KH-UBND", ("1.1.1",), files=[DATA / "ke-hoach-cchc-2023-ky-so.pdf"])
    assert _unsigned(sample_ws) == []


def test_the_years_setting_asks_for_every_document(sample_ws, add_doc, make_file):
    add_doc("18/TB-PNV", ("1.3.3",), files=[DATA / "thong-bao-ket-luan-kiem-tra.pdf"])
    add_doc("01/BB-UBND", ("1.3.2",), files=[make_file("bien-ban.jpg", b"\xff\xd8 anh")])
    assert _unsigned(sample_ws) == []
    with sample_ws.transaction() as s:
        set_require_signed(s, YEAR, True)
    (found,) = _unsigned(sample_ws)  # the photo is not a PDF: not listed
    assert "năm đánh giá yêu cầu tài liệu có chữ ký số" in found.message
    assert found.codes == ("1.3.3",)
