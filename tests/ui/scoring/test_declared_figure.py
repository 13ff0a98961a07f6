"""The self-assessment box: figure → computed score, override with a reason, explanation."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from dossier_exports import write_export1

from desktop.core.catalog.store import load_builtin
from desktop.core.dossiers import import_dossiers
from desktop.core.selfassess.entry import entry_info, set_node_rule
from desktop.ui.scoring.declared_figure import NO_NODE, DeclaredFigureBox

YEAR = 2023


@pytest.fixture
def box(qtbot, ws):
    with ws.transaction() as s:
        load_builtin(s, YEAR, "mau-minh-hoa")
        set_node_rule(s, YEAR, "3.5.1", "bac: 100=3; 98-<100=2; <98=0")
    w = DeclaredFigureBox(ws)
    qtbot.addWidget(w)
    return w


def _stored(ws, code="3.5.1"):
    with ws.session() as s:
        return entry_info(s, YEAR, code)


def test_figure_gives_the_score_and_saves(box, ws, qtbot) -> None:
    assert not box.isEnabled() and box.message_label.text() == NO_NODE
    box.show_node(YEAR, "3.5.1")
    assert box.isEnabled()
    assert box.rule_label.text().startswith("Đạt 100%: 3 điểm; từ 98% đến dưới 100%: 2 điểm")
    box.declared_edit.setText("98%")
    box.auto_check.setChecked(True)
    assert box.computed_label.text() == "2 điểm" and box.score_edit.text() == "2"
    box.declared_edit.setText("97,9")
    assert box.computed_label.text() == "0 điểm"
    box.explanation_edit.setPlainText("Một hồ sơ trễ do mất điện")
    with qtbot.waitSignal(box.saved, timeout=2000) as sig:
        box.save_button.click()
    assert sig.args == ["3.5.1"]
    e = _stored(ws)
    assert (e.declared_text, e.self_score, e.explanation) == (
        "97,9%",
        D(0),
        "Một hồ sơ trễ do mất điện",
    )


def test_wrong_kind_of_figure_is_shown_and_not_saved(box, ws, boxes) -> None:
    box.show_node(YEAR, "3.5.1")
    box.declared_edit.setText("120%")
    assert box.message_label.text() == "Tỷ lệ kê khai của 3.5.1 là 120%, vượt quá 100%."
    assert box.computed_label.text() == "—"
    assert box.save() is False
    assert boxes.texts == ["Tỷ lệ kê khai của 3.5.1 là 120%, vượt quá 100%."]
    assert _stored(ws).declared is None


def test_override_needs_a_reason(box, ws, boxes) -> None:
    box.show_node(YEAR, "3.5.1")
    box.declared_edit.setText("99%")
    box.auto_check.setChecked(True)
    assert box.save()
    box.auto_check.setChecked(False)
    box.score_edit.setText("3")
    assert "hãy ghi lý do chấm khác" in box.message_label.text()
    assert box.save() is False
    assert "khác điểm tính theo cách tính (2 điểm" in boxes.texts[-1]
    assert _stored(ws).self_score == D(2)
    box.reason_edit.setText("Hồ sơ trễ do lỗi phần mềm, đã có xác nhận")
    assert box.save()
    e = _stored(ws)
    assert e.self_score == D(3) and e.override_reason.startswith("Hồ sơ trễ do lỗi")
    assert not box.auto_check.isChecked()  # shown again as overridden


def test_offered_figure_keeps_its_source(box, ws, tmp_path) -> None:
    with ws.transaction() as s:
        import_dossiers(s, write_export1(tmp_path / "e1.xlsx"))
    box.show_node(YEAR, "3.5.1")
    assert box.offer_box.isVisibleTo(box)
    assert box.offer_box.itemText(1).startswith("Tỷ lệ hồ sơ giải quyết đúng hạn: ")
    box.offer_box.activated.emit(1)
    assert box.source_label.text().startswith("Nguồn: Thống kê hồ sơ TTHC, Năm 2023")
    box.auto_check.setChecked(True)
    assert box.save()
    e = _stored(ws)
    assert e.declared_source.startswith("Thống kê hồ sơ TTHC, Năm 2023")
    assert e.declared_text == box.offer_box.itemText(1).split(": ")[1]


def test_rule_is_set_in_the_box(box, ws, boxes) -> None:
    box.show_node(YEAR, "1.1.1")
    assert box.rule_label.text().startswith("Chưa có cách tính điểm tự động")
    assert not box.auto_check.isEnabled()
    box.rule_edit.setText("bac: 100=1; 90-100=0,5; <90=0")
    assert box.set_rule() is False
    assert "chồng lên nhau" in boxes.texts[-1]
    box.rule_edit.setText("co/khong")
    assert box.set_rule()
    assert box.rule_label.text() == "Có: 1 điểm; Không: 0 điểm. (tối đa 1 điểm)"
    box.declared_edit.setText("có")
    box.auto_check.setChecked(True)
    assert box.save() and _stored(ws, "1.1.1").self_score == D(1)


def test_survey_parts_are_not_scored_here(box) -> None:
    box.show_node(YEAR, "9")
    assert not box.isEnabled()
    assert "do cơ quan thẩm định công bố" in box.message_label.text()
