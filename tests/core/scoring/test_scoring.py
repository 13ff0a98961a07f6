"""Self-scores: entry rules, roll-up to criterion/area/index, "không áp dụng", area summary."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from base.errors import NotFoundError, ValidationError
from desktop.core.scoring.rollup import score_tree
from desktop.core.scoring.scores import clear_score, set_na_rule, set_note, set_score_text
from desktop.core.scoring.subcriterion import sub_criterion_pane

YEAR = 2023


def _set(ws, *pairs: tuple[str, str]) -> None:
    with ws.transaction() as s:
        for code, text in pairs:
            set_score_text(s, YEAR, code, text)


def _tree(ws):
    with ws.session() as s:
        return score_tree(s, YEAR)


def test_scores_roll_up_to_criterion_area_and_index(sample_ws) -> None:
    _set(sample_ws, ("1.1.1", "1"), ("1.1.2", "1,5"), ("1.4.2", "1.25"), ("2.1", "2"))
    t = _tree(sample_ws)
    assert t.by_code["1.1"].self_score == D("2.5")
    assert t.by_code["1.4"].self_score == D("1.25")
    assert t.by_code["1"].self_score == D("3.75")
    assert t.by_code["2"].self_score == D("2")
    assert t.by_code["3"].self_score is None  # nothing scored there yet
    assert t.self_score == D("5.75")
    assert t.max_points == D(100) and t.effective_max == D(100)
    assert t.survey_max == D(24)  # areas 9 and 10 are published, not self-scored
    assert t.rule.name == "rescale"
    assert (t.by_code["1.1"].scored, t.by_code["1.1"].leaves) == (2, 2)
    assert t.by_code["1.1"].status == "scored"


def test_four_levels_roll_up(sample_ws) -> None:
    _set(sample_ws, *((f"5.4.3.{i}", "0,5") for i in range(1, 5)), ("5.4.1", "1"))
    t = _tree(sample_ws)
    assert t.by_code["5.4.3"].self_score == D(2)
    assert t.by_code["5.4"].self_score == D(3)
    assert t.by_code["5"].self_score == D(3)


def test_not_applicable_rescales_the_parent_by_default(sample_ws) -> None:
    # 1.1 (3 points) = 1.1.1 (1) + 1.1.2 (2); 1.1.2 does not apply: 1.1.1 carries all 3.
    _set(sample_ws, ("1.1.2", "na"), ("1.1.1", "1"))
    t = _tree(sample_ws)
    n112, n111, n11 = t.by_code["1.1.2"], t.by_code["1.1.1"], t.by_code["1.1"]
    assert not n112.applicable and n112.self_score is None and n112.status == "na"
    assert n111.effective_max == D(3) and n111.effective_score == D(3)
    assert n11.self_score == D(3) and n11.applicable
    assert t.by_code["1"].self_score == D(3) and t.self_score == D(3)
    # 5.4.3 (2 points, four children of 0.5); three of them do not apply
    _set(sample_ws, ("5.4.3.1", "na"), ("5.4.3.2", "KAD"), ("5.4.3.3", "không áp dụng"))
    _set(sample_ws, ("5.4.3.4", "0,25"))
    t = _tree(sample_ws)
    assert t.by_code["5.4.3.4"].effective_max == D(2)
    assert t.by_code["5.4.3"].self_score == D(1)


def test_all_children_not_applicable_moves_up_a_level(sample_ws) -> None:
    _set(sample_ws, ("1.1.1", "na"), ("1.1.2", "na"), ("1.2.1", "1"), ("1.2.2", "1"))
    t = _tree(sample_ws)
    assert not t.by_code["1.1"].applicable
    # area 1 keeps its 15 points, spread over the 12 points that still apply
    assert t.by_code["1.2"].effective_max == D("2.5")
    assert t.by_code["1"].self_score == D("2.5")


def test_rounding_keeps_three_decimals(sample_ws) -> None:
    # 1.4 (4) = 1.4.1 (1) + 1.4.2 (1.5) + 1.4.3 (1.5); without 1.4.1, 1.4.2 weighs 2
    _set(sample_ws, ("1.4.1", "na"), ("1.4.2", "1"))
    t = _tree(sample_ws)
    assert t.by_code["1.4"].self_score == D("1.333")
    assert t.by_code["1.4.2"].effective_max == D(2)


@pytest.mark.parametrize(
    "rule, area1, total_max",
    [("full", D(2) + D(1), D(100)), ("exclude", D(1), D(98))],
)
def test_other_rules(sample_ws, rule, area1, total_max) -> None:
    _set(sample_ws, ("1.1.2", "na"), ("1.1.1", "1"))
    with sample_ws.transaction() as s:
        assert set_na_rule(s, YEAR, rule).name == rule
    t = _tree(sample_ws)
    assert t.rule.name == rule and t.rule.description
    assert t.by_code["1"].self_score == area1
    assert t.effective_max == total_max


def test_unknown_rule_is_refused(sample_ws) -> None:
    with pytest.raises(ValidationError) as exc, sample_ws.transaction() as s:
        set_na_rule(s, YEAR, "tuy y")
    assert "rescale" in str(exc.value)


@pytest.mark.parametrize(
    "code, text, message",
    [
        ("1.1.1", "1,5", "vượt điểm tối đa 1"),
        ("1.1.1", "-1", "không được âm"),
        ("1.1.1", "0,1234", "quá 3 chữ số thập phân"),
        ("1.1.1", "một", "không phải là số"),
        ("1.1", "1", "được cộng từ các tiêu chí thành phần"),
        ("9", "10", "do cơ quan thẩm định công bố"),
        ("4.4", "1", "không có tiêu chí 4.4"),
    ],
)
def test_bad_scores_are_refused_and_change_nothing(sample_ws, code, text, message) -> None:
    _set(sample_ws, ("1.1.1", "0,5"))
    with pytest.raises((ValidationError, NotFoundError)) as exc:
        _set(sample_ws, ("1.4.1", "1"), (code, text))
    assert message in str(exc.value)
    t = _tree(sample_ws)
    assert t.by_code["1.1.1"].self_score == D("0.5")
    assert t.by_code["1.4.1"].self_score is None  # the whole batch rolled back


def test_clear_score_and_note(sample_ws) -> None:
    _set(sample_ws, ("1.1.1", "1"))
    with sample_ws.transaction() as s:
        set_note(s, YEAR, "1.1.1", "Kế hoạch ban hành ngày 28/12/2022")
        clear_score(s, YEAR, "1.1.1")
    n = _tree(sample_ws).by_code["1.1.1"]
    assert n.self_score is None and n.note == "Kế hoạch ban hành ngày 28/12/2022"


def test_status_and_area_summary(sample_ws, add_doc) -> None:
    add_doc("05/KH-UBND", ("1.1.1", "1.1.2"))
    _set(sample_ws, ("1.1.1", "1"), ("1.2.1", "1"))
    t = _tree(sample_ws)
    assert t.by_code["1.1.1"].status == "scored"
    assert t.by_code["1.1.2"].status == "evidence"
    assert t.by_code["1.2.2"].status == "no_evidence"
    assert t.by_code["1.1.2"].status_label == "Có tài liệu, chưa chấm"
    summary = {a.code: a for a in t.areas()}
    one = summary["1"]
    assert one.max_points == D(15) and one.effective_score == D(2)
    assert (one.with_evidence, one.leaves) == (2, 12)
    assert one.evidence_percent == D("16.7") and one.gap == D(13)
    assert summary["9"].self_scored is False and summary["9"].gap is None
    assert summary["2"].evidence_percent == D(0) and summary["2"].effective_score is None


def test_sub_criterion_pane(sample_ws, add_doc) -> None:
    doc_id = add_doc("05/KH-UBND", ("1.1.1",))
    _set(sample_ws, ("1.1.1", "1"))
    with sample_ws.session() as s:
        pane = sub_criterion_pane(s, YEAR, "1.1.1")
    assert pane.path == (
        ("1", "Công tác chỉ đạo, điều hành cải cách hành chính"),
        ("1.1", "Kế hoạch cải cách hành chính năm"),
    )
    assert "31/12" in pane.scoring_guide and pane.evidence_required
    assert [d.id for d in pane.documents] == [doc_id]
    assert pane.node.self_score == D(1) and pane.node.status == "scored"
    assert pane.rule.name == "rescale"


def test_first_screen_rolls_up_the_same_without_sqlalchemy(sample_ws, add_doc) -> None:
    """The main window's overview (stdlib sqlite3) gives the figures score_tree gives."""
    from desktop.core.years.overview import year_overview

    add_doc("05/KH-UBND", ("1.1.1", "1.4.3"))
    _set(sample_ws, ("1.1.1", "1"), ("1.1.2", "na"), ("5.4.3.1", "0,25"))
    with sample_ws.transaction() as s:
        set_note(s, YEAR, "1.4.3", "chờ ảnh chụp")
        set_na_rule(s, YEAR, "exclude")
    ov = year_overview(sample_ws.db_path, YEAR)
    tree = _tree(sample_ws)
    assert ov.scores == tree
    assert ov.scores.rule.name == "exclude" and ov.scores.by_code["1.4.3"].note == "chờ ảnh chụp"
    assert (tree.leaves, tree.scored, tree.with_evidence) == (49, 2, 2)
