"""The report register: numbers, the officer's edits against refreshed figures, every
status from draft to uploaded, next year's copy."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal

import pytest
from report_seed import PERIOD

from base.errors import ValidationError
from db.models import Blob
from desktop.core.report.records import Margins
from desktop.core.report.redraft import accept_redraft, redraft_offers, refresh_report
from desktop.core.report.status import attach_signed_scan, duplicate_for_next_year, set_status
from desktop.core.report.store import (
    create_index_report,
    delete_report,
    list_reports,
    report_info,
    save_section,
    update_header,
)
from desktop.core.results.store import set_result


def test_a_number_is_used_once_per_year(report, seeded) -> None:
    with seeded.transaction() as s, pytest.raises(ValidationError) as exc:
        create_index_report(
            s, index_year=2022, period=PERIOD, number="123", report_date=date(2023, 9, 1)
        )
    assert "Số 123/BC-UBND năm 2023 đã dùng" in str(exc.value)
    with seeded.transaction() as s:  # the same number next year is another document
        create_index_report(
            s, index_year=2022, period=PERIOD, number="123", report_date=date(2024, 1, 5)
        )
        with pytest.raises(ValidationError, match="phải là số"):
            create_index_report(s, index_year=2022, period=PERIOD, number="12a")
    with seeded.session() as s:
        assert [r.number_text for r in list_reports(s)] == ["123/BC-UBND", "123/BC-UBND"]


def test_refresh_keeps_the_officers_edits_and_offers_the_difference(report, seeded) -> None:
    rid = report.report.id
    mine = "- Lĩnh vực tài chính công còn thiếu tài liệu kiểm chứng (ý kiến của công chức)."
    with seeded.transaction() as s:
        save_section(s, rid, "han_che", "2.2. Tồn tại, hạn chế", mine)
        set_result(s, 2022, "6", Decimal("6"), rank="8/12")  # the district corrects area 6
    with seeded.transaction() as s:
        outcome = refresh_report(s, rid)
    r = outcome.report
    assert "ket_qua" in outcome.updated  # not edited: takes the new figures
    assert "Cải cách tài chính công: đạt 6/7 điểm, xếp hạng 8/12;" in r.section("ket_qua").text
    assert r.section("han_che").text == mine  # edited: never overwritten
    (offer,) = [o for o in outcome.offers if o.key == "han_che"]
    assert offer.edited
    removed = [d.text for d in offer.diff if d.op == "-"]
    added = [d.text for d in offer.diff if d.op == "+"]
    assert removed == [mine]
    assert any("đạt 6/7 điểm, bị trừ 1 điểm, xếp hạng 8/12" in a for a in added)
    with seeded.transaction() as s:
        assert [o.key for o in redraft_offers(s, rid)] == ["han_che"]
        r = accept_redraft(s, rid, "han_che")
    assert "đạt 6/7 điểm, bị trừ 1 điểm" in r.section("han_che").text
    assert not r.section("han_che").edited


def test_the_register_walks_through_every_status(report, seeded, tmp_path) -> None:
    rid = report.report.id
    scan = tmp_path / "BC 123 da ky.pdf"
    scan.write_bytes(b"%PDF-1.4 scan of the signed paper")
    out = tmp_path / "bc.docx"
    with seeded.transaction() as s:
        with pytest.raises(ValidationError, match="chỉ chuyển sang"):
            set_status(s, rid, "handed_off")
        set_status(s, rid, "exported", path=out)
        set_status(s, rid, "printed")
        attach_signed_scan(s, seeded.store, rid, scan)
        with pytest.raises(ValidationError, match="đã ký; không sửa được"):
            save_section(s, rid, "ket_luan", "", "Sửa sau khi ký.")
        set_status(s, rid, "handed_off", note="Chép sang USB cho văn thư")
        with pytest.raises(ValidationError, match="ngày tải"):
            set_status(s, rid, "uploaded")
        info = set_status(s, rid, "uploaded", on=date(2023, 4, 6), note="Phần mềm chấm điểm")
    assert [e.status for e in info.events] == [
        "draft",
        "exported",
        "printed",
        "signed",
        "handed_off",
        "uploaded",
    ]
    assert info.status_label == "Đã tải lên"
    assert info.uploaded_on == date(2023, 4, 6) and info.upload_note == "Phần mềm chấm điểm"
    assert info.last_docx == str(out)
    assert info.signed_name == "BC 123 da ky.pdf"
    digest = hashlib.sha256(scan.read_bytes()).hexdigest()
    assert info.signed_sha256 == digest
    assert seeded.store.path_for(digest).read_bytes() == scan.read_bytes()
    with seeded.session() as s:
        assert s.get(Blob, digest) is not None
        with pytest.raises(ValidationError, match="chỉ xóa được bản nháp"):
            delete_report(s, rid)


def test_signing_needs_a_scan_file(report, seeded, tmp_path) -> None:
    rid = report.report.id
    note = tmp_path / "ghi-chu.txt"
    note.write_text("không phải bản quét", encoding="utf-8")
    with seeded.transaction() as s:
        with pytest.raises(ValidationError, match="xuất tệp và in"):
            attach_signed_scan(s, seeded.store, rid, note)
        set_status(s, rid, "printed")
        with pytest.raises(ValidationError, match="không phải bản quét PDF hoặc ảnh"):
            attach_signed_scan(s, seeded.store, rid, note)
        with pytest.raises(ValidationError, match="Hãy đính kèm bản quét"):
            set_status(s, rid, "signed")


def test_an_edit_after_export_sends_the_report_back_to_draft(report, seeded) -> None:
    rid = report.report.id
    with seeded.transaction() as s:
        set_status(s, rid, "exported")
        info = save_section(s, rid, "ket_luan", "", "Trên đây là báo cáo./.")
    assert info.status == "draft"
    assert info.events[-1].note == "Sửa nội dung sau khi xuất/in"


def test_margins_stay_within_nd30_ranges(report, seeded) -> None:
    rid = report.report.id
    with seeded.transaction() as s:
        info = update_header(s, rid, margins=Margins(25, 25, 35, 20), signer="Phạm Văn C")
        assert info.margins == Margins(25, 25, 35, 20) and info.header.signer == "Phạm Văn C"
        with pytest.raises(ValidationError, match="Lề trái 25 mm nằm ngoài khoảng 30–35 mm"):
            update_header(s, rid, margins=Margins(20, 20, 25, 15))


def test_duplicate_as_next_years_start(report, seeded) -> None:
    rid = report.report.id
    mine = "- Ý kiến riêng của công chức về tồn tại."
    with seeded.transaction() as s:
        save_section(s, rid, "han_che", "2.2. Tồn tại, hạn chế", mine)
        update_header(s, rid, recipients="- Lưu: VT.")
        outcome = duplicate_for_next_year(s, rid)
    new = outcome.report
    assert (new.index_year, new.number, new.report_date, new.status) == (2023, "", None, "draft")
    assert (new.period_from, new.period_to) == (date(2023, 12, 15), date(2024, 3, 30))
    assert new.section("han_che").text == mine  # the officer's words carried over
    assert new.header.recipients == "- Lưu: VT."
    assert "Kết quả đánh giá Chỉ số cải cách hành chính năm 2023" in new.header.summary
    assert any("Năm 2023 chưa có bộ tiêu chí" in p for p in outcome.problems)
    assert new.events[0].note == "Nhân bản từ báo cáo 123/BC-UBND năm 2022"
    with seeded.session() as s:
        assert report_info(s, rid).index_year == 2022  # the original is untouched


def test_a_missing_signed_scan_is_named_by_the_integrity_check(report, seeded, tmp_path) -> None:
    from desktop.core.backup.integrity import check_integrity

    scan = tmp_path / "BC-123-da-ky.jpg"
    scan.write_bytes(b"\xff\xd8\xff scanned page")
    with seeded.transaction() as s:
        set_status(s, report.report.id, "printed")
        info = attach_signed_scan(s, seeded.store, report.report.id, scan)
    seeded.store.path_for(info.signed_sha256).unlink()
    findings = check_integrity(seeded, full=True).findings
    assert any(
        f.kind == "blob_missing"
        and "BC-123-da-ky.jpg (bản đã ký của báo cáo 123/BC-UBND)" in f.message
        for f in findings
    )
