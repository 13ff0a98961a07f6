"""Declared figures, computed scores, overrides with reasons, rules set in the app, bonus."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from base.errors import ValidationError
from desktop.core.catalog.node_rules import set_bonus
from desktop.core.catalog.store import NodeRow, read_catalog_csv, save_catalog
from desktop.core.paths import resource_path
from desktop.core.scoring.rollup import score_tree
from desktop.core.scoring.scores import set_score_text
from desktop.core.selfassess.entry import entry_info, set_entry, set_explanation, set_node_rule

YEAR = 2023
STEPS_3 = "bac: 100=3; 98-<100=2; <98=0"


def _entry(ws, code="3.5.1", **kw):
    with ws.transaction() as s:
        return set_entry(s, YEAR, code, **kw)


def _info(ws, code="3.5.1"):
    with ws.session() as s:
        return entry_info(s, YEAR, code)


def _rule(ws, code, notation):
    with ws.transaction() as s:
        return set_node_rule(s, YEAR, code, notation)


def _tree(ws, year=YEAR):
    with ws.session() as s:
        return score_tree(s, year)


def test_declared_figure_gives_the_score_by_the_rule(sample_ws) -> None:
    _rule(sample_ws, "3.5.1", STEPS_3)
    e = _entry(sample_ws, declared="98%", value="auto")
    assert (e.declared_text, e.computed, e.self_score) == ("98%", D(2), D(2))
    assert e.rule_words.startswith("Đạt 100%: 3 điểm; từ 98% đến dưới 100%: 2 điểm")
    # a newly declared figure moves the score by itself while it is not overridden
    e = _entry(sample_ws, declared="97,99")
    assert (e.computed, e.self_score, e.overridden) == (D(0), D(0), False)
    assert _tree(sample_ws).by_code["3.5"].self_score == D(0)
    e = _entry(sample_ws, declared="100%")
    assert e.self_score == D(3)
    assert _tree(sample_ws).by_code["3.5.1"].self_score == D(3)


def test_override_needs_a_reason_that_is_kept(sample_ws) -> None:
    _rule(sample_ws, "3.5.1", STEPS_3)
    _entry(sample_ws, declared="99%", value="auto")
    with pytest.raises(ValidationError) as exc:
        _entry(sample_ws, value="3")
    assert str(exc.value) == (
        "Điểm 3 của 3.5.1 khác điểm tính theo cách tính (2 điểm với số liệu kê khai 99%): "
        "hãy ghi lý do chấm khác."
    )
    assert _info(sample_ws).self_score == D(2)  # nothing saved
    e = _entry(sample_ws, value="3", reason="Hồ sơ trễ do lỗi hệ thống, đã có xác nhận")
    assert e.overridden and e.self_score == D(3)
    assert e.override_reason == "Hồ sơ trễ do lỗi hệ thống, đã có xác nhận"
    # the same override again keeps the reason; a new figure does not move an overridden score
    e = _entry(sample_ws, value="3")
    assert e.override_reason.startswith("Hồ sơ trễ")
    e = _entry(sample_ws, declared="98,5")
    assert (e.computed, e.self_score, e.overridden) == (D(2), D(3), True)
    # back to the computed score: the reason is no longer needed
    e = _entry(sample_ws, value="auto")
    assert (e.self_score, e.override_reason, e.overridden) == (D(2), "", False)


def test_bad_input_saves_nothing(sample_ws) -> None:
    _rule(sample_ws, "3.5.1", STEPS_3)
    _entry(sample_ws, declared="99%", value="auto", explanation="Giải trình cũ")
    for kw, message in [
        ({"declared": "120%", "explanation": "mới"}, "vượt quá 100%"),
        ({"declared": "nhiều", "value": "auto"}, "phải là một tỷ lệ phần trăm"),
        ({"declared": "100", "value": "2,5", "explanation": "mới"}, "hãy ghi lý do"),
        ({"value": "4", "reason": "x"}, "vượt điểm tối đa 3"),
    ]:
        with pytest.raises(ValidationError) as exc:
            _entry(sample_ws, **kw)
        assert message in str(exc.value)
    e = _info(sample_ws)
    assert (e.declared_text, e.self_score, e.explanation) == ("99%", D(2), "Giải trình cũ")


def test_not_applicable_from_the_figure_or_the_score(sample_ws) -> None:
    _rule(sample_ws, "3.5.1", STEPS_3)
    e = _entry(sample_ws, declared="KAD")
    assert not e.applicable and e.declared_text == "Không áp dụng" and e.scored
    assert not _tree(sample_ws).by_code["3.5.1"].applicable
    with pytest.raises(ValidationError) as exc:
        _entry(sample_ws, value="1")
    assert "đã kê khai “Không áp dụng”" in str(exc.value)
    e = _entry(sample_ws, declared="100%", value="auto")
    assert e.applicable and e.self_score == D(3)
    e = _entry(sample_ws, value="na")
    assert not e.applicable and e.declared_text == "Không áp dụng"


def test_auto_needs_a_rule_and_a_figure(sample_ws) -> None:
    with pytest.raises(ValidationError) as exc:
        _entry(sample_ws, "1.1.1", declared="Có", value="auto")
    assert "1.1.1 chưa có cách tính điểm tự động" in str(exc.value)
    _rule(sample_ws, "1.1.1", "co/khong")
    with pytest.raises(ValidationError) as exc:
        _entry(sample_ws, "1.1.1", value="auto")
    assert "1.1.1 chưa có số liệu kê khai" in str(exc.value)
    assert _entry(sample_ws, "1.1.1", declared="có", value="auto").self_score == D(1)


def test_plain_scores_keep_working_without_a_figure(sample_ws) -> None:
    _rule(sample_ws, "3.5.1", STEPS_3)
    with sample_ws.transaction() as s:
        set_score_text(s, YEAR, "3.5.1", "1,5")
    e = _info(sample_ws)
    assert (e.self_score, e.declared, e.overridden) == (D("1.5"), None, False)


def test_changing_the_rule_recomputes_a_computed_score(sample_ws) -> None:
    _rule(sample_ws, "3.5.1", STEPS_3)
    _entry(sample_ws, declared="99%", value="auto")
    e = _rule(sample_ws, "3.5.1", "ty le")
    assert (e.computed, e.self_score) == (D("2.97"), D("2.97"))
    with pytest.raises(ValidationError) as exc:
        _rule(sample_ws, "3.5.1", "co/khong")
    assert "3.5.1 đã kê khai “99%”, không hợp với cách tính mới (Có/Không)" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        _rule(sample_ws, "3.5.1", "bac: 100=4; <100=0")
    assert str(exc.value).startswith("Cách tính điểm của 3.5.1: Bậc “100” cho 4 điểm")
    e = _rule(sample_ws, "3.5.1", None)
    assert e.rule is None and e.computed is None and e.self_score == D("2.97")


def test_explanations_are_kept_per_sub_criterion(sample_ws) -> None:
    with sample_ws.transaction() as s:
        set_explanation(s, YEAR, "1.2.1", "  Năm 2023 không phát sinh\n\n báo cáo đột xuất ")
    assert _info(sample_ws, "1.2.1").explanation == "Năm 2023 không phát sinh\nbáo cáo đột xuất"
    with sample_ws.transaction() as s:
        set_explanation(s, YEAR, "1.2.1", "")
    assert _info(sample_ws, "1.2.1").explanation == ""


def _catalog_with_bonus(ws, year: int = 2024) -> None:
    rows = read_catalog_csv(resource_path("catalogs", "bo-tieu-chi-mau.csv"))
    rows += [
        NodeRow("11", "Điểm cộng", D(5)),
        NodeRow("11.1", "Có sáng kiến CCHC được công nhận", D(2)),
        NodeRow("11.2", "Được khen thưởng về CCHC", D(2)),
        NodeRow("11.3", "Mô hình mới được nhân rộng", D(3)),
    ]
    with ws.transaction() as s:
        save_catalog(
            s, year, rows, name="Bộ có điểm cộng", survey_codes=("9", "10"), allow_warnings=True
        )
        set_bonus(s, year, "11")


def test_bonus_points_are_apart_capped_and_combined(ws) -> None:
    _catalog_with_bonus(ws)
    with ws.transaction() as s:
        for code, value in [("1.1.1", "1"), ("2.1", "2"), ("11.1", "2"), ("11.3", "3")]:
            set_score_text(s, 2024, code, value)
    t = _tree(ws, 2024)
    assert t.max_points == D(100) and t.effective_max == D(100)
    assert t.self_score == D(3)  # the index without bonus
    assert (t.bonus_max, t.bonus_score) == (D(5), D(5))  # 2 + 3, capped at 5
    assert t.combined_score == D(8)
    b = t.by_code["11"]
    assert b.bonus and b.self_score == D(5) and b.effective_max == D(5)
    assert t.by_code["11.3"].effective_score == D(3) and t.by_code["11.3"].bonus
    assert not t.by_code["1"].bonus
    # a bonus item that does not apply is just left out (nothing is redistributed)
    with ws.transaction() as s:
        set_score_text(s, 2024, "11.3", "na")
    t = _tree(ws, 2024)
    assert t.bonus_score == D(2) and t.combined_score == D(5)
    assert t.by_code["11.1"].effective_max == D(2)


def test_bonus_marks_only_an_area(ws) -> None:
    _catalog_with_bonus(ws)
    with pytest.raises(ValidationError) as exc, ws.transaction() as s:
        set_bonus(s, 2024, "11.1")
    assert "11.1 không phải là lĩnh vực" in str(exc.value)
    with ws.transaction() as s:
        set_bonus(s, 2024, "11", False)
    t = _tree(ws, 2024)
    assert t.bonus_max == D(0) and t.bonus_score is None and t.max_points == D(105)


def test_a_year_copied_from_last_year_keeps_rules_and_bonus(ws) -> None:
    from desktop.core.years.rollover import start_year

    _catalog_with_bonus(ws, 2024)
    with ws.transaction() as s:
        set_node_rule(s, 2024, "3.5.1", STEPS_3)
        start_year(s, 2025, 2024)
    with ws.session() as s:
        assert entry_info(s, 2025, "3.5.1").rule.notation() == STEPS_3
        assert entry_info(s, 2025, "1.1.1").rule is None
    t = _tree(ws, 2025)
    assert t.bonus_max == D(5) and t.by_code["11"].bonus
