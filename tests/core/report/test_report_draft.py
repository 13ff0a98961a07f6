"""The drafted index report holds seed 002's figures, written exactly as seed 002 writes
them; a section whose data is missing says so."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from report_seed import PERIOD, fill_profile_and_catalog

from desktop.core.dossiers import custom_period
from desktop.core.report.layout import build_document
from desktop.core.report.store import create_index_report
from desktop.core.results.store import set_result

SEED_002_PHRASES = [
    # header
    "Số: 123/BC-UBND",
    "Đồng Tâm, ngày 04 tháng 4 năm 2023",
    "Kết quả đánh giá Chỉ số cải cách hành chính năm 2022",
    "và nhiệm vụ trọng tâm năm 2023",
    "Căn cứ Quyết định số 3395/QĐ-UBND ngày 15/12/2022 của UBND tỉnh Hải Dương",
    "Quyết định số 766/QĐ-UBND ngày 16/3/2023 của UBND huyện Ninh Giang",
    # the commune's plan, found in the evidence register
    "Thực hiện Kế hoạch số 1332/KH-UBND ngày 31/12/2021 của UBND xã",
    # I. index result
    "I. KẾT QUẢ CHỈ SỐ CCHC NĂM 2022",
    "UBND xã đạt 87,75/100 điểm, xếp thứ 9/20 xã, thị trấn, thuộc nhóm hoàn thành tốt nhiệm vụ",
    "Công tác chỉ đạo, điều hành cải cách hành chính: đạt 11,84/15 điểm, xếp hạng 9/19;",
    "Cải cách thể chế: đạt 4,75/5 điểm, xếp hạng 2/3;",
    "Cải cách thủ tục hành chính: đạt 16,62/18,5 điểm, xếp hạng 2/20;",
    "Cải cách tổ chức bộ máy: đạt 6/6 điểm, xếp hạng 1/5;",
    "Cải cách chế độ công vụ: đạt 11/11 điểm, xếp hạng 1/14;",
    "Cải cách tài chính công: đạt 5/7 điểm, xếp hạng 12/12;",
    "chính quyền số: đạt 10,19/11,5 điểm, xếp hạng 9/16;",
    "(thông qua tài liệu kiểm chứng): đạt 1,577/2 điểm, xếp hạng 14/20;",
    "(đánh giá qua điều tra xã hội học): đạt 11,49/14 điểm, xếp hạng 5/19;",
    "(SIPAS): đạt 9,28/10 điểm, xếp hạng 12/18.",
    # II. dossiers of 15/12/2022 – 30/3/2023
    "II. KẾT QUẢ THỰC HIỆN CÔNG TÁC CCHC QUÝ I NĂM 2023",
    "đạt 65,67 điểm, đứng thứ 14/20 xã, thị trấn trong huyện",
    "quý I năm 2023 từ ngày 15/12/2022 đến ngày 30/3/2023",
    "đã tiếp nhận tổng số 192 hồ sơ",
    "tiếp nhận trực tiếp 03 hồ sơ, tiếp nhận trực tuyến 186 hồ sơ, 03 hồ sơ tồn",
    "đã giải quyết 191 hồ sơ",
    "trước hạn và đúng hạn 190 hồ sơ, trễ hạn 01 hồ sơ, tỷ lệ 0,5%",
    "đang giải quyết 01 hồ sơ",
    "chứng thực bản sao điện tử 74 hồ sơ",
    "số hồ sơ chưa số hóa thành phần khi tiếp nhận: 04 hồ sơ",
    "188 hồ sơ đạt 97,9%",
    "số hồ sơ chưa số hóa kết quả: 24 hồ sơ",
    "167 hồ sơ đạt 87,4%",
    "toàn trình (mức độ 4): 19 hồ sơ",
    "thanh toán phí, lệ phí trên Cổng Dịch vụ công quốc gia: đạt 84,89%",
    "Có 01 hồ sơ giải quyết quá hạn trên hệ thống (lĩnh vực Lao động - Thương binh và Xã hội)",
    # III, signature
    "III. MỘT SỐ NHIỆM VỤ VÀ GIẢI PHÁP TRONG THỜI GIAN TỚI",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "Nguyễn Văn Hùng",
]


def _text(outcome) -> str:
    return "\n".join(build_document(outcome.report).text_lines())


def test_report_holds_seed_002_figures_as_seed_002_writes_them(report) -> None:
    text = _text(report)
    missing = [p for p in SEED_002_PHRASES if p not in text]
    assert missing == []
    assert report.problems == []
    # what the data cannot know is a named blank, said on screen and never in the text
    assert report.warnings == [
        "Chưa nhập Công văn hướng dẫn chấm điểm Chỉ số CCHC năm 2022 (guidance_letter).",
        "Chưa nhập Kế hoạch CCHC năm 2023 của UBND huyện Ninh Giang (upper_plan).",
        "Chưa nhập Kế hoạch CCHC năm 2023 của UBND xã (next_plan).",
    ]
    assert "Soạn lại mục này" not in text and "(Chưa" not in text


def test_areas_in_catalog_order_then_assessment(report) -> None:
    lines = build_document(report.report).text_lines()
    areas = [ln for ln in lines if ln.startswith("- ") and ", xếp hạng " in ln and ": đạt " in ln]
    assert [a.split(": đạt ")[1].split(" ")[0] for a in areas] == [
        "11,84/15",
        "4,75/5",
        "16,62/18,5",
        "6/6",
        "11/11",
        "5/7",
        "10,19/11,5",
        "1,577/2",
        "11,49/14",
        "9,28/10",
    ]


def test_weaknesses_are_drafted_per_area_naming_the_sub_criteria_that_lost_points(report):
    sec = report.report.section("han_che")
    by_area = {ln.split(":")[0]: ln for ln in sec.text.splitlines() if ln.startswith("+ ")}
    finance = by_area["+ Trong lĩnh vực cải cách tài chính công"]
    assert "đạt 5/7 điểm, bị trừ 2 điểm, xếp hạng 12/12" in finance
    assert "6.2 Công khai ngân sách (đạt 1/2 điểm: Tài liệu kiểm chứng thiếu chính xác)" in finance
    assert "6.3 Thực hiện kiến nghị sau thanh tra, kiểm toán (đạt 1/2 điểm)" in finance
    steering = by_area["+ Trong lĩnh vực công tác chỉ đạo, điều hành cải cách hành chính"]
    assert "bị trừ 3,16 điểm" in steering
    assert "1.5 Sáng kiến trong cải cách hành chính (đạt 0/1 điểm" in steering
    # areas at full marks are praised, not listed as weaknesses
    assert not any("tổ chức bộ máy" in k for k in by_area)
    assert "cải cách tổ chức bộ máy (6/6 điểm)" in report.report.section("uu_diem").text


def test_tasks_come_from_the_remediation_plan(report) -> None:
    tasks = report.report.section("nhiem_vu").text
    assert "Đối với lĩnh vực cải cách tài chính công (đạt 5/7 điểm)" in tasks
    assert "6.2 (đạt 1/2), 6.3 (đạt 1/2)" in tasks
    assert "giữ vững kết quả các lĩnh vực đạt điểm tối đa" in tasks


def test_missing_results_and_dossiers_are_said_on_screen_never_in_the_draft(ws) -> None:
    fill_profile_and_catalog(ws)
    empty = custom_period("15/12/2021", "30/03/2022")
    with ws.transaction() as s:
        outcome = create_index_report(s, index_year=2022, period=empty, number="5")
    r = outcome.report
    assert any("chưa có kết quả thẩm định" in p for p in outcome.problems)
    assert any("chưa có hồ sơ TTHC nào" in p for p in outcome.problems)
    text = "\n".join(build_document(r).text_lines())
    assert "Chưa có" not in text and "Soạn lại mục này" not in text
    assert "(" not in r.section("ket_qua").text


def test_missing_hand_entered_figures_are_blank_fields(seeded) -> None:
    other = custom_period("15/12/2022", "14/03/2023")  # no manual figures for this range
    with seeded.transaction() as s:
        outcome = create_index_report(s, index_year=2022, period=other)
    assert outcome.problems == []
    assert [w for w in outcome.warnings if "service_index" in w or "online_payment" in w] == [
        "Chưa nhập Chỉ số phục vụ người dân và doanh nghiệp (điểm) (service_index).",
        "Chưa nhập Tỷ lệ thanh toán trực tuyến phí, lệ phí (online_payment_rate).",
    ]
    text = outcome.report.section("ho_so").text
    assert "Cổng Dịch vụ công quốc gia của xã đạt … điểm, cụ thể:" in text
    assert "đứng thứ" not in text  # no rank given: its words are left out
    assert "thanh toán phí, lệ phí trên Cổng Dịch vụ công quốc gia: đạt …." in text


def test_area_level_results_only(ws) -> None:
    """Published results with areas only: the weaknesses name the area, not sub-criteria."""
    fill_profile_and_catalog(ws)
    with ws.transaction() as s:
        set_result(s, 2022, "6", Decimal(5), rank="12/12")
        outcome = create_index_report(
            s, index_year=2022, period=PERIOD, report_date=date(2023, 4, 4)
        )
    text = outcome.report.section("han_che").text
    assert (
        "+ Trong lĩnh vực cải cách tài chính công: đạt 5/7 điểm, bị trừ 2 điểm, xếp hạng 12/12."
        in text
    )
    # no total published: the areas' sum is not invented either
    assert "…/100 điểm" in outcome.report.section("ket_qua").text


def test_how_the_text_names_a_period() -> None:
    from desktop.core.dossiers import calendar_quarter, nd09_period
    from desktop.core.report.data import period_name

    assert period_name(custom_period("15/12/2022", "30/03/2023")) == "quý I năm 2023"
    assert period_name(custom_period("15/12/2022", "14/06/2023")) == "6 tháng đầu năm 2023"
    assert period_name(custom_period("01/01/2023", "31/12/2023")) == "năm 2023"
    assert period_name(nd09_period("9m", 2023)) == "9 tháng năm 2023"
    assert period_name(calendar_quarter(2, 2023)) == "quý II năm 2023"
    assert period_name(custom_period("03/02/2023", "17/05/2023")) == (
        "từ ngày 03/02/2023 đến ngày 17/5/2023"
    )


def test_a_custom_period_is_named_once(seeded) -> None:
    """The period was written twice ("từ ngày 01/6/2023 đến ngày 30/6/2023 từ ngày …")."""
    period = custom_period("03/02/2023", "17/05/2023")
    with seeded.transaction() as s:
        outcome = create_index_report(s, index_year=2022, period=period)
    text = outcome.report.section("ho_so").text
    assert "TTHC từ ngày 03/02/2023 đến ngày 17/5/2023: Ủy ban nhân dân xã" in text
    assert text.count("từ ngày 03/02/2023") == 1
    with seeded.transaction() as s:  # a named period keeps its dates once too
        named = create_index_report(s, index_year=2022, period=PERIOD, number="124").report
    assert "quý I năm 2023 từ ngày 15/12/2022 đến ngày 30/3/2023:" in named.section("ho_so").text


def test_number_below_ten_is_padded() -> None:
    """ND 30/2020 numbers from 01 each year: ``Số: 07/BC-UBND``."""
    from dataclasses import replace

    from desktop.core.report.records import ReportInfo

    info = ReportInfo(1, "index", 2022, "7", "BC-UBND", None, None, None, "", "draft", None, None)  # type: ignore[arg-type]
    assert info.number_text == "07/BC-UBND"
    assert replace(info, number="123").number_text == "123/BC-UBND"
    assert replace(info, number="").number_text == "      /BC-UBND"


def test_tasks_from_the_lost_points_without_a_saved_plan(ws) -> None:
    """Section III without a remediation plan: per area that lost points, the sub-criteria
    lost with the officer responsible where one is assigned; no run of identical lines."""
    from report_seed import AREAS, LOSSES, YEAR

    from desktop.core.catalog.assignments import set_assignment
    from desktop.core.results.store import set_result, set_result_header

    fill_profile_and_catalog(ws)
    with ws.transaction() as s:
        set_result_header(s, YEAR, decision_number="766/QĐ-UBND", decision_date=date(2023, 3, 16))
        for code, (score, rank) in AREAS.items():
            set_result(s, YEAR, code, Decimal(score), rank=rank)
        for code, (score, note) in LOSSES.items():
            set_result(s, YEAR, code, Decimal(score), note=note)
        set_assignment(s, YEAR, "6.2", "Lê Thị Tài Chính")
        outcome = create_index_report(s, index_year=YEAR, period=PERIOD)
    lines = outcome.report.section("nhiem_vu").text.splitlines()
    finance = next(ln for ln in lines if "cải cách tài chính công" in ln)
    assert "(đạt 5/7 điểm)" in finance
    assert (
        "6.2 Công khai ngân sách (đạt 1/2 điểm; công chức phụ trách: Lê Thị Tài Chính)" in finance
    )
    assert "6.3 Thực hiện kiến nghị sau thanh tra, kiểm toán (đạt 1/2 điểm)" in finance
    assert not any("cải cách tổ chức bộ máy (đạt" in ln for ln in lines)  # full marks: kept
    assert len(lines) == len(set(lines))
    assert "(" not in lines[0] and "Chưa có" not in "\n".join(lines)
