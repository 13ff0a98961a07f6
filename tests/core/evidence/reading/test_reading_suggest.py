"""Sub-criteria suggested from a read document, and the duplicate warning (sample catalog)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from desktop.core.evidence.reading.stored import check_year_signatures, record_signatures
from desktop.core.evidence.reading.suggest import CatalogMatcher, suggest_files
from tests.core.conftest import YEAR

DATA = Path(__file__).resolve().parent.parent / "data"


def _match(ws, kind: str, summary: str) -> list:
    with ws.session() as s:
        return CatalogMatcher(s, YEAR).match(kind, summary)


def test_a_plan_for_the_years_reform_suggests_the_plan_criterion_first(sample_ws) -> None:
    found = _match(sample_ws, "Kế hoạch", "Cải cách hành chính nhà nước năm 2023 trên địa bàn xã")
    assert found[0].code == "1.1.1"
    assert "đúng loại tài liệu cần có (Kế hoạch)" in found[0].reason
    assert "cải cách hành chính" in found[0].reason
    scores = [m.score for m in found]
    assert scores == sorted(scores, reverse=True)


def test_accents_case_and_abbreviations_do_not_matter(sample_ws) -> None:
    typed = _match(sample_ws, "Kế hoạch", "KE HOACH CCHC NAM 2023")
    written = _match(sample_ws, "Kế hoạch", "kế hoạch cải cách hành chính năm 2023")
    assert typed[0].code == written[0].code == "1.1.1"
    assert "CCHC" in typed[0].reason


def test_the_documents_kind_weighs_against_the_kind_asked_for(sample_ws) -> None:
    plan = [m.code for m in _match(sample_ws, "Kế hoạch", "kiểm tra công tác CCHC năm 2023")]
    report = [m.code for m in _match(sample_ws, "Biên bản", "kiểm tra công tác CCHC năm 2023")]
    assert plan[0] == "1.3.1"  # "Kế hoạch kiểm tra CCHC"
    assert report[0] == "1.3.2"  # "Biên bản kiểm tra; báo cáo kết quả kiểm tra"


def test_tthc_reads_as_thu_tuc_hanh_chinh(sample_ws) -> None:
    found = _match(sample_ws, "Báo cáo", "Thống kê kết quả giải quyết TTHC quý IV năm 2023")
    assert found[0].code == "3.5.1"


def test_a_cong_van_on_discipline_suggests_the_public_service_culture(sample_ws) -> None:
    found = _match(
        sample_ws, "Công văn", "tăng cường kỷ luật, kỷ cương hành chính và văn hóa công vụ"
    )
    assert found[0].code == "5.4.1"


def test_nothing_to_match_suggests_nothing(sample_ws) -> None:
    assert _match(sample_ws, "", "") == []
    assert _match(sample_ws, "Báo cáo", "") == []  # a kind from a file name alone
    with sample_ws.session() as s:
        assert CatalogMatcher(s, 1999).match("Kế hoạch", "cải cách hành chính") == []


def test_suggest_files_reads_and_warns_of_a_duplicate(sample_ws, add_doc, tmp_path) -> None:
    copy = tmp_path / "ban-sao.pdf"
    shutil.copyfile(DATA / "bao-cao-ket-qua-chi-so-2022.pdf", copy)
    same_number = add_doc("123/BC-UBND", ("1.1.2",), issue_date=date(2023, 4, 4))
    plan = DATA / "ke-hoach-cchc-2023.pdf"
    same_file = add_doc("45/KH-UBND", ("1.1.1",), issue_date=date(2022, 12, 29), files=[plan])
    with sample_ws.session() as s:
        found = suggest_files(s, YEAR, [copy, plan, DATA / "thong-bao-ket-luan-kiem-tra.pdf"])
    assert [sg.duplicate_of for sg in found] == [same_number, same_file, None]
    assert found[0].codes[0] == "1.1.2"


def test_signatures_are_kept_on_the_stored_files(sample_ws, add_doc, make_file) -> None:
    signed = add_doc(files=[DATA / "ke-hoach-cchc-2023-ky-so.pdf"])
    unsigned = add_doc("18/TB-PNV", files=[DATA / "thong-bao-ket-luan-kiem-tra.pdf"])
    photo = add_doc("01/BB-UBND", files=[make_file("anh.jpg", b"\xff\xd8\xff anh")])
    from db.models import EvidenceDocument

    with sample_ws.transaction() as s:
        assert check_year_signatures(s, sample_ws.store, YEAR) == 3
    with sample_ws.transaction() as s:
        files = {d: s.get(EvidenceDocument, d).files[0] for d in (signed, unsigned, photo)}
        assert files[signed].signed is True
        assert files[signed].signed_by == "Nguyễn Văn An"
        assert files[signed].signed_at is not None
        assert files[unsigned].signed is False
        assert files[photo].signed is False
        # read once: nothing left to read
        assert record_signatures(s, sample_ws.store, files.values()) == 0


def test_the_same_text_saved_again_is_a_duplicate(sample_ws, add_doc) -> None:
    """The signed copy from the e-office system has other bytes than the draft's PDF, and
    the officer typed another number: the text is the same."""
    first = add_doc("99/KH-UBND", ("1.1.1",), files=[DATA / "ke-hoach-cchc-2023.pdf"])
    with sample_ws.session() as s:
        (before,) = suggest_files(s, YEAR, [DATA / "ke-hoach-cchc-2023-ky-so.pdf"])
    assert before.duplicate_of is None  # the stored file's text not read yet
    with sample_ws.transaction() as s:
        check_year_signatures(s, sample_ws.store, YEAR)
    with sample_ws.session() as s:
        (after,) = suggest_files(s, YEAR, [DATA / "ke-hoach-cchc-2023-ky-so.pdf"])
    assert after.duplicate_of == first
