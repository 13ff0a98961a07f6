"""The remediation plan: drafted from the losses like seed 004, edited, tracked."""

from __future__ import annotations

import pytest
from results_sheets import import_results, results_areas, results_full

from base.errors import NotFoundError, ValidationError
from desktop.core.catalog.store import load_builtin
from desktop.core.evidence.documents import NewDocument, add_document
from desktop.core.results.plan import (
    KEEP_CAUSE,
    PLAN_COLUMNS,
    create_plan,
    draft_plan,
    move_row,
    numbered,
    plan_for_export,
    plan_info,
    save_plan,
    set_progress,
    update_row,
)


@pytest.fixture
def appraised_2023(ws, tmp_path, initialized):
    with ws.transaction() as s:
        load_builtin(s, 2023, "mau-minh-hoa")
    import_results(ws, results_full(tmp_path / "kq.xlsx"), 2023)


def test_columns_are_exactly_seed_004s():
    assert PLAN_COLUMNS == (
        "STT",
        "Nội dung",
        "Tiêu chí thành phần",
        "Kết quả đạt thấp",
        "Nguyên nhân điểm đạt thấp",
        "Giải pháp khắc phục",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian thực hiện",
    )


def test_draft_groups_losses_by_area_with_keep_rows(ws, appraised_2023):
    with ws.session() as s:
        plan = draft_plan(s, 2023)
    assert plan.title.startswith("NỘI DUNG PHÂN CÔNG NHIỆM VỤ KHẮC PHỤC")
    assert plan.title.endswith("NĂM 2023")
    assert plan.attachment_line.startswith("(Kèm theo Kế hoạch số")
    assert plan.attachment_line.endswith("/2024 của UBND xã Đồng Tâm)")
    cells = [nr.cells() for nr in numbered(plan.rows)]
    # area 1: three sub-criteria in code order, then the "giữ vững" row
    assert [c[:4] for c in cells[:4]] == [
        ("1", "Công tác chỉ đạo, điều hành cải cách hành chính", "1.3.3", "0/1"),
        ("", "", "1.4.2", "0/1,5"),
        ("", "", "1.5", "0/1"),
        ("", "", "", ""),
    ]
    # Nguyên nhân: the appraisal gave none, so it is the officer's to write (it used to
    # repeat the sub-criterion's title)
    assert cells[0][4] == ""
    assert cells[0][8] == "Trong năm 2024"
    assert cells[3][4] == KEEP_CAUSE and cells[3][8] == "Thường xuyên trong năm"
    # area 2 lost nothing: one "giữ vững" row naming its criteria
    assert cells[4][:2] == ("2", "Cải cách thể chế")
    assert "Rà soát, hệ thống hóa văn bản" in cells[4][5]
    by_code = {c[2]: c for c in cells if c[2]}
    assert by_code["4.2"][3] == "2,2439/3"
    assert by_code["5.4.3.4"][3] == "0/0,5"
    assert [c[0] for c in cells if c[0]] == [str(i) for i in range(1, 11)]


def test_areas_only_results_give_area_rows(ws, tmp_path, initialized):
    import_results(ws, results_areas(tmp_path / "kq.xlsx"), 2022)
    with ws.session() as s:
        rows = draft_plan(s, 2022).rows
    kinds = [(r.area_code, r.kind, r.criterion, r.result_text) for r in rows]
    assert kinds[0] == ("1", "loss", "1", "11,84/15")
    assert ("4", "keep", "", "") in kinds and ("5", "keep", "", "") in kinds
    keep4 = next(r for r in rows if r.area_code == "4")
    assert (
        keep4.solution
        == "Tiếp tục giữ vững kết quả đạt điểm tối đa của lĩnh vực Cải cách tổ chức bộ máy."
    )


def test_saved_plan_is_edited_reordered_and_tracked(ws, tmp_path, appraised_2023):
    with ws.transaction() as s:
        plan = create_plan(s, 2023)
    with pytest.raises(ValidationError, match="đã có kế hoạch"), ws.transaction() as s:
        create_plan(s, 2023)
    first, second = plan.rows[0], plan.rows[1]
    with ws.transaction() as s:
        update_row(
            s, first.id, solution="Ban hành văn bản xử lý sau kiểm tra", lead="Công chức Nội vụ"
        )
        move_row(s, second.id, 0)
    proof = tmp_path / "bao-cao.pdf"
    proof.write_bytes(b"%PDF-1.4 bao cao")
    with ws.transaction() as s:
        load_builtin(s, 2024, "mau-minh-hoa")  # the plan is carried out the next year
        doc = add_document(s, ws.store, NewDocument(year=2024, number="12/BC-UBND"), [proof], [])
        set_progress(s, first.id, "done", evidence_id=doc.id, note="Đã xử lý 100%")
        with pytest.raises(ValidationError, match="Trạng thái “xong” không hợp lệ"):
            set_progress(s, first.id, "xong")
        with pytest.raises(NotFoundError, match="tài liệu kiểm chứng số 999"):
            set_progress(s, first.id, "doing", evidence_id=999)
    with ws.session() as s:
        saved = plan_info(s, 2023)
        exported = plan_for_export(s, 2023)
    assert [r.criterion for r in saved.rows[:2]] == ["1.4.2", "1.3.3"]
    row = saved.rows[1]
    assert (row.solution, row.lead) == ("Ban hành văn bản xử lý sau kiểm tra", "Công chức Nội vụ")
    assert (row.status_label, row.evidence_id, row.progress_note) == (
        "Đã hoàn thành",
        doc.id,
        "Đã xử lý 100%",
    )
    assert exported.saved and len(exported.rows) == len(plan.rows)


def test_whole_plan_saved_from_the_screen_keeps_its_order(ws, appraised_2023):
    with ws.session() as s:
        plan = draft_plan(s, 2023)
    plan.rows.reverse()
    plan.rows[0].cause = "Chưa có phiếu khảo sát"
    with ws.transaction() as s:
        save_plan(s, plan)
    with ws.session() as s:
        again = plan_info(s, 2023)
    assert again.rows[0].area_code == "10" and again.rows[0].cause == "Chưa có phiếu khảo sát"
    assert numbered(again.rows)[0].stt == "1"  # STT follows the new order


def test_no_results_no_plan(ws, initialized):
    with pytest.raises(NotFoundError, match="chưa có kết quả thẩm định"), ws.session() as s:
        draft_plan(s, 2022)


def test_proof_choices_offer_documents_of_the_year_after_first(ws, tmp_path, appraised_2023):
    from datetime import date

    from desktop.core.results.plan import proof_choices

    scan = tmp_path / "a.pdf"
    scan.write_bytes(b"%PDF-1.4 a")
    with ws.transaction() as s:
        load_builtin(s, 2024, "mau-minh-hoa")
        add_document(
            s,
            ws.store,
            NewDocument(2023, "45/BC-UBND", date(2023, 6, 15), "Báo cáo", "Báo cáo 6 tháng"),
            [scan],
            [],
        )
        add_document(s, ws.store, NewDocument(2024, "12/BC-UBND", date(2024, 3, 1)), [scan], [])
        add_document(s, ws.store, NewDocument(2022, "1/BC-UBND"), [scan], [])
    with ws.session() as s:
        labels = [c.label for c in proof_choices(s, 2023)]
    assert labels == ["12/BC-UBND ngày 01/03/2024", "45/BC-UBND ngày 15/06/2023 – Báo cáo 6 tháng"]


def test_draft_names_the_commune_as_it_was_that_year(ws, appraised_2023):
    """After a merger the profile names the new commune; 2023's plan is the former one's."""
    from desktop.core.years.profile import save_profile
    from desktop.core.years.store import set_year

    with ws.transaction() as s:
        set_year(s, 2023, commune_name="Đồng Tâm")
        save_profile(s, commune_name="Hồng Phong", province="Hải Phòng")
    with ws.session() as s:
        assert draft_plan(s, 2023).attachment_line.endswith("/2024 của UBND xã Đồng Tâm)")
