"""Scoring rules: the notation, each kind's score at its boundaries, the words shown, bad rules."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from base.errors import ValidationError
from desktop.core.scoring.declared import parse_declared
from desktop.core.scoring.rules import RuleError, looks_like_rule, parse_rule

STEPS = "bac: 100=1; 98-<100=0,5; <98=0"


@pytest.mark.parametrize(
    "declared, points",
    [("100", "1"), ("99,99", "0.5"), ("98", "0.5"), ("97,999", "0"), ("97,9%", "0"), ("0", "0")],
)
def test_steps_on_a_percentage_at_the_boundaries(declared, points) -> None:
    rule = parse_rule(STEPS)
    figure = parse_declared(declared, rule, code="3.5.1")
    assert rule.score(figure.rule_value, D(1)) == D(points)


def test_steps_read_with_diacritics_percent_signs_and_spaces() -> None:
    rule = parse_rule("Bậc:  100% = 1 ; 98% - <100% = 0,5 điểm ; < 98% = 0")
    assert rule.notation() == STEPS
    assert rule.words(D(1)) == (
        "Đạt 100%: 1 điểm; từ 98% đến dưới 100%: 0,5 điểm; dưới 98%: 0 điểm."
    )
    assert parse_rule("bac: 100=1; >=98-<100=0,5; <98=0").notation() == STEPS


def test_steps_on_a_count_leave_no_gap_between_whole_numbers() -> None:
    rule = parse_rule("bac so: >=2=1; 1=0,5; 0=0")
    assert rule.expects == "count"
    assert [rule.score(D(n), D(1)) for n in (0, 1, 2, 7)] == [D(0), D("0.5"), D(1), D(1)]
    assert rule.words(D(1)) == "Từ 2 trở lên: 1 điểm; bằng 1: 0,5 điểm; bằng 0: 0 điểm."


@pytest.mark.parametrize(
    "text, message",
    [
        ("bac: 100=1; 95-<100=0,5; <98=0", "chồng lên nhau: giá trị từ 95% đến dưới 98%"),
        ("bac: 100=1; 98-100=0,5; <98=0", "“98-100” và “100” chồng lên nhau"),
        ("bac: 100=1; 98-<100=0,5; <95=0", "bỏ sót giá trị từ 95% đến dưới 98%"),
        ("bac: 100=1; >98-<100=0,5; <98=0", "bỏ sót giá trị 98%."),
        ("bac: 98-<100=0,5; <98=0", "bỏ sót giá trị 100%."),
        ("bac: 100=1; 98-<100=0,5", "bỏ sót giá trị từ 0% đến dưới 98%"),
        ("bac so: >=3=1; 0=0", "bỏ sót giá trị từ 1 đến 2"),
        ("bac so: 2=1; 1=0,5; 0=0", "bỏ sót giá trị từ 3 trở lên"),
        ("bac: >100=1; 0-100=1", "nằm ngoài khoảng 0–100%"),
        ("bac: 98-90=1", "không chứa giá trị nào"),
        ("bac: abc=1", "Khoảng “abc”"),
        ("bac: 100", "cần dạng khoảng=điểm"),
        ("bac:", "chưa có bậc nào"),
        ("tru 0/loi", "phải lớn hơn 0"),
        ("nhiều điểm", "Không hiểu cách tính điểm “nhiều điểm”"),
    ],
)
def test_bad_rules_say_what_is_wrong(text, message) -> None:
    with pytest.raises(RuleError) as exc:
        parse_rule(text)
    assert message in str(exc.value)


def test_yes_no_gives_full_or_nothing() -> None:
    rule = parse_rule("Có/Không")
    assert rule.notation() == "co/khong"
    yes = parse_declared("có", rule, code="1.1.1")
    no = parse_declared("Không", rule, code="1.1.1")
    assert rule.score(yes.rule_value, D("1.5")) == D("1.5")
    assert rule.score(no.rule_value, D("1.5")) == D(0)
    assert rule.words(D("1.5")) == "Có: 1,5 điểm; Không: 0 điểm."
    assert parse_declared("KAD", rule, code="1.1.1").is_na


def test_proportional_is_the_maximum_times_the_rate() -> None:
    rule = parse_rule("Tỷ lệ")
    assert rule.score(D("87.4"), D(2)) == D("1.748")
    assert rule.score(D(100), D(2)) == D(2)
    assert rule.score(D(0), D(2)) == D(0)
    assert "nhân với tỷ lệ kê khai" in rule.words(D(2))


def test_deduction_per_fault_stops_at_zero() -> None:
    rule = parse_rule("trừ 0,25/lỗi")
    assert rule.notation() == "tru 0,25/loi"
    assert [rule.score(D(n), D(1)) for n in (0, 1, 3, 4, 9)] == [
        D(1),
        D("0.75"),
        D("0.25"),
        D(0),
        D(0),
    ]
    assert rule.words(D(1)).startswith("Trừ 0,25 điểm cho mỗi lỗi")


def test_manual_computes_nothing() -> None:
    rule = parse_rule("thủ công")
    assert not rule.computes and rule.score(D(1), D(1)) is None


def test_points_above_the_maximum_are_refused() -> None:
    with pytest.raises(RuleError) as exc:
        parse_rule("bac: 100=3; <100=0").check_max(D(2))
    assert "“100” cho 3 điểm, vượt điểm tối đa 2" in str(exc.value)


@pytest.mark.parametrize(
    "text, is_rule",
    [
        ("bac: 100=1; <100=0", True),
        ("Tỷ lệ", True),
        ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 100%: 1 điểm", False),
        ("Trừ 0,25/lỗi", True),
        ("Trừ điểm nếu chậm", False),
        ("co/khong\nGhi chú: kế hoạch phải ban hành trước 31/12", True),
        ("Ban hành trước ngày 31/12 năm trước: 1 điểm", False),
        ("", False),
    ],
)
def test_notation_is_told_apart_from_prose(text, is_rule) -> None:
    assert looks_like_rule(text) is is_rule


@pytest.mark.parametrize(
    "rule_text, declared, message",
    [
        (STEPS, "abc", "phải là một tỷ lệ phần trăm từ 0 đến 100 (ví dụ 98,5%), không phải “abc”"),
        (STEPS, "120%", "là 120%, vượt quá 100%"),
        (STEPS, "120", "vượt quá 100%"),
        (STEPS, "Có", "phải là một tỷ lệ phần trăm"),
        (STEPS, "-3", "không được âm"),
        (STEPS, "99,12345", "quá 3 chữ số thập phân"),
        ("co/khong", "97%", "phải là Có, Không hoặc Không áp dụng, không phải “97%”"),
        ("tru 0,25/loi", "1,5", "phải là số nguyên"),
        ("tru 0,25/loi", "3%", "một số đếm"),
        (None, "", "Chưa nhập số liệu kê khai của 3.5.1"),
    ],
)
def test_declared_figures_of_the_wrong_kind(rule_text, declared, message) -> None:
    rule = parse_rule(rule_text) if rule_text else None
    with pytest.raises(ValidationError) as exc:
        parse_declared(declared, rule, code="3.5.1")
    assert message in str(exc.value)
    assert "3.5.1" in str(exc.value)


def test_declared_figures_without_a_rule_take_any_kind() -> None:
    assert parse_declared("97,9%", None, code="x").text() == "97,9%"
    assert parse_declared("12", None, code="x").text() == "12"
    assert parse_declared("co", None, code="x").text() == "Có"
    assert parse_declared("không áp dụng", None, code="x").text() == "Không áp dụng"
