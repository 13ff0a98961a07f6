"""The report's fields: the commune's plans found in the evidence register (a Kế hoạch about
CCHC of that year; several: the officer picks, and the choice is kept), one home for each
value (the results screen's decision is the report's), where each value came from."""

from __future__ import annotations

from datetime import date

import pytest
from report_seed import PERIOD, YEAR, fill_seed_002

from base.errors import ValidationError
from desktop.core.evidence.documents import NewDocument, add_document
from desktop.core.report.field_store import clear_field, pick_document, report_fields, set_field
from desktop.core.report.store import create_index_report, report_info
from desktop.core.results.read import results_info


@pytest.fixture
def report_id(ws, tmp_path):
    fill_seed_002(ws, tmp_path)
    with ws.transaction() as s:
        return create_index_report(
            s, index_year=YEAR, period=PERIOD, number="7", report_date=date(2023, 4, 4)
        ).report.id


def _add_plan(ws, tmp_path, number: str, when: date, summary: str, year: int = YEAR) -> int:
    scan = tmp_path / f"{number.replace('/', '-')}.pdf"
    scan.write_bytes(f"%PDF-1.4 {number}".encode())
    with ws.transaction() as s:
        return add_document(
            s, ws.store, NewDocument(year, number, when, "Kế hoạch", summary), [scan], ["1.1.1"]
        ).id


def test_several_plans_the_officer_picks_and_the_choice_is_kept(ws, tmp_path, report_id):
    other = _add_plan(ws, tmp_path, "20/KH-UBND", date(2022, 1, 10),
                      "Kế hoạch tuyên truyền cải cách hành chính năm 2022")  # fmt: skip
    _add_plan(ws, tmp_path, "30/KH-UBND", date(2022, 2, 1), "Kế hoạch phòng chống thiên tai")
    with ws.session() as s:
        f = report_fields(s, report_id)["commune_plan"]
    assert f.blank and [c.number for c in f.options] == ["1332/KH-UBND", "20/KH-UBND"]
    with ws.transaction() as s:
        outcome = pick_document(s, report_id, "commune_plan", other)
        assert "mo_dau" in outcome.updated
        f = report_fields(s, report_id)["commune_plan"]
        text = report_info(s, report_id).section("mo_dau").text
    assert f.text == "20/KH-UBND 10/01/2022" and f.document_id == other
    assert f.source.startswith("sổ tài liệu kiểm chứng (đã chọn): 20/KH-UBND")
    assert "Kế hoạch số 20/KH-UBND ngày 10/01/2022" in text
    # typed as the register writes it: the register's document is the value
    with ws.transaction() as s:
        set_field(s, report_id, "commune_plan", "1332/KH-UBND 31/12/2021")
        f = report_fields(s, report_id)["commune_plan"]
    assert f.source.startswith("sổ tài liệu kiểm chứng (đã chọn): 1332/KH-UBND")


def test_next_years_plan_is_found_in_the_register(ws, tmp_path, report_id) -> None:
    _add_plan(ws, tmp_path, "1450/KH-UBND", date(2022, 12, 28),
              "Kế hoạch cải cách hành chính năm 2023")  # fmt: skip
    with ws.session() as s:
        f = report_fields(s, report_id)["next_plan"]
    assert f.text == "1450/KH-UBND 28/12/2022"
    assert (
        f.source
        == "sổ tài liệu kiểm chứng: 1450/KH-UBND ngày 28/12/2022: Kế hoạch cải cách hành chính năm 2023"
    )


def test_the_results_decision_has_one_home(ws, report_id) -> None:
    with ws.transaction() as s:
        set_field(s, report_id, "results_decision", "800 20/03/2023")
        assert results_info(s, YEAR).decision_number == "800/QĐ-UBND"
        f = report_fields(s, report_id)["results_decision"]
    assert (f.text, f.source) == ("800/QĐ-UBND 20/03/2023", "kết quả thẩm định")
    with ws.transaction() as s:
        clear_field(s, report_id, "results_decision")
        assert results_info(s, YEAR).decision_number == ""
        text = report_info(s, report_id).section("can_cu").text
    assert "Căn cứ Quyết định số …/QĐ-UBND ngày … của UBND huyện Ninh Giang về việc" in text


def test_a_signed_report_takes_no_field(ws, report_id, tmp_path) -> None:
    from desktop.core.report.status import attach_signed_scan, set_status

    scan = tmp_path / "da-ky.pdf"
    scan.write_bytes(b"%PDF-1.4 da ky")
    with ws.transaction() as s:
        set_status(s, report_id, "exported", path=tmp_path / "bc.docx")
        attach_signed_scan(s, ws.store, report_id, scan)
    with pytest.raises(ValidationError, match="đã ký"), ws.transaction() as s:
        set_field(s, report_id, "guidance_letter", "01/UBND-NV 10/01/2023")
