"""The "Cách tính điểm" dialog: kinds, the steps table with the core's overlap/gap/maximum
messages before saving, deduction per fault; the rule in words in the sub-criterion pane."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.core.catalog.store import load_builtin
from desktop.core.selfassess.entry import entry_info, set_entry, set_node_rule
from desktop.ui.scoring.rule_dialog import (
    COL_HIGH,
    COL_HIGH_INCL,
    COL_LOW,
    COL_LOW_INCL,
    COL_POINTS,
    RuleDialog,
)

YEAR = 2023


@pytest.fixture
def rule_ws(ws):
    with ws.transaction() as s:
        load_builtin(s, YEAR, "mau-minh-hoa")
    return ws


def _info(ws, code="3.5.1"):
    with ws.session() as s:
        return entry_info(s, YEAR, code)


def _dialog(qtbot, ws, code="3.5.1") -> RuleDialog:
    dlg = RuleDialog(ws, YEAR, _info(ws, code))
    qtbot.addWidget(dlg)
    return dlg


def _ok(dlg):
    return dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)


def _set(dlg, row: int, col: int, text: str) -> None:
    dlg.steps.item(row, col).setText(text)


def test_steps_start_from_the_usual_shape_and_save(rule_ws, qtbot) -> None:
    dlg = _dialog(qtbot, rule_ws)
    assert dlg.kind.currentText() == "Chưa đặt (chấm trực tiếp)"
    assert _ok(dlg).isEnabled() and dlg.words.text() == "Không tính điểm tự động: cán bộ nhập điểm."
    dlg.kind.setCurrentIndex(dlg.kind.findData("steps"))
    max_points = _info(rule_ws).max_points
    assert dlg.steps.rowCount() == 3
    assert dlg.words.text().startswith("Cách tính: Đạt 100%: ")
    assert "từ 98% đến dưới 100%" in dlg.words.text() and "dưới 98%: 0 điểm" in dlg.words.text()
    dlg.accept()
    e = _info(rule_ws)
    assert e.rule is not None and e.rule.kind == "steps"
    assert e.rule.score(D(99), max_points) == max_points / 2
    assert e.rule.score(D(98), max_points) == max_points / 2  # exactly 98% is in the step
    assert e.rule.score(D("97.9"), max_points) == 0


def test_overlap_gap_and_maximum_are_said_before_saving(rule_ws, qtbot) -> None:
    with rule_ws.transaction() as s:
        set_node_rule(s, YEAR, "3.5.1", "bac: 100=1; 98-<100=0,5; <98=0")
    dlg = _dialog(qtbot, rule_ws)
    assert dlg.kind.currentData() == "steps" and dlg.steps.rowCount() == 3
    assert dlg.steps.item(1, COL_HIGH_INCL).checkState() == Qt.CheckState.Unchecked
    enabled = Qt.ItemFlag.ItemIsEnabled
    assert not dlg.steps.item(2, COL_LOW_INCL).flags() & enabled  # "<98" has no "từ"
    _set(dlg, 2, COL_LOW, "0")
    assert dlg.steps.item(2, COL_LOW_INCL).flags() & enabled
    assert dlg.words.text().endswith("từ 0% đến dưới 98%: 0 điểm.")
    dlg.steps.item(1, COL_HIGH_INCL).setCheckState(Qt.CheckState.Checked)  # 98-100 and 100
    assert dlg.words.text() == (
        "Các bậc “98-100” và “100” chồng lên nhau: giá trị 100% thuộc cả hai bậc."
    )
    assert not _ok(dlg).isEnabled()
    dlg.steps.item(1, COL_HIGH_INCL).setCheckState(Qt.CheckState.Unchecked)
    _set(dlg, 2, COL_HIGH, "97")
    assert dlg.words.text() == "Các bậc bỏ sót giá trị từ 97% đến dưới 98%."
    assert not _ok(dlg).isEnabled()
    _set(dlg, 2, COL_HIGH, "98")
    _set(dlg, 0, COL_POINTS, "9")
    assert dlg.words.text() == "Bậc “100” cho 9 điểm, vượt điểm tối đa 3."
    _set(dlg, 0, COL_POINTS, "")
    assert dlg.words.text() == "Bậc 1 chưa có số điểm."
    _set(dlg, 0, COL_POINTS, "một")
    assert not _ok(dlg).isEnabled() and "Điểm của bậc 1" in dlg.words.text()
    _set(dlg, 0, COL_POINTS, "1")
    assert _ok(dlg).isEnabled()
    dlg.steps.setCurrentCell(2, COL_LOW)
    dlg.remove_step_btn.click()
    assert dlg.words.text() == "Các bậc bỏ sót giá trị từ 0% đến dưới 98%."
    dlg.accept()  # refused: nothing saved
    assert _info(rule_ws).rule.notation() == "bac: 100=1; 98-<100=0,5; <98=0"


def test_count_steps_deduction_yes_no_and_clearing(rule_ws, qtbot) -> None:
    dlg = _dialog(qtbot, rule_ws, "1.1.1")
    dlg.kind.setCurrentIndex(dlg.kind.findData("steps"))
    dlg.on_count.setChecked(True)
    while dlg.steps.rowCount():
        dlg.steps.setCurrentCell(0, 0)
        dlg.remove_step_btn.click()
    assert dlg.words.text() == "Chưa có bậc điểm nào: bấm “Thêm bậc”."
    dlg.add_step_btn.click()
    _set(dlg, 0, COL_LOW, "1")
    _set(dlg, 0, COL_POINTS, "1")
    dlg.add_step_btn.click()
    _set(dlg, 1, COL_HIGH, "0")
    _set(dlg, 1, COL_POINTS, "0")
    assert dlg.words.text() == "Cách tính: Từ 1 trở lên: 1 điểm; từ 0 trở xuống: 0 điểm."
    dlg.kind.setCurrentIndex(dlg.kind.findData("deduction"))
    assert dlg.words.text() == "Chưa nhập số điểm trừ mỗi lỗi."
    dlg.per_fault.setText("0,25")
    assert dlg.words.text() == (
        "Cách tính: Trừ 0,25 điểm cho mỗi lỗi, trừ đến hết 1 điểm (không tính điểm âm)."
    )
    dlg.accept()
    assert _info(rule_ws, "1.1.1").rule.notation() == "tru 0,25/loi"

    dlg = _dialog(qtbot, rule_ws, "1.1.1")
    assert dlg.per_fault.text() == "0,25"
    dlg.kind.setCurrentIndex(dlg.kind.findData(None))
    dlg.accept()
    assert _info(rule_ws, "1.1.1").rule is None


def test_a_rule_the_declared_figure_does_not_fit_is_refused(rule_ws, qtbot, boxes) -> None:
    with rule_ws.transaction() as s:
        set_node_rule(s, YEAR, "1.1.1", "co/khong")
        set_entry(s, YEAR, "1.1.1", declared="Có", value="auto")
    dlg = _dialog(qtbot, rule_ws, "1.1.1")
    dlg.kind.setCurrentIndex(dlg.kind.findData("proportional"))
    dlg.accept()
    assert boxes.shown[-1][0] == "Chưa đặt được cách tính"
    assert "1.1.1 đã kê khai “Có”, không hợp với cách tính mới" in boxes.texts[-1]
    assert _info(rule_ws, "1.1.1").rule.kind == "yesno"


def test_pane_shows_the_rule_in_words_and_opens_the_dialog(ev_window, qtbot, monkeypatch):
    w = ev_window
    w.tree.select_node(w.node_by_code("3.5.1"))
    box = w.pane.score_box
    assert box.rule_words.text() == (
        "<b>Cách tính điểm:</b> Chưa có cách tính điểm tự động: chấm trực tiếp theo hướng dẫn."
    )

    def choose_yes_no(dlg):
        dlg.kind.setCurrentIndex(dlg.kind.findData("yesno"))
        dlg.accept()
        return dlg.result()

    monkeypatch.setattr(RuleDialog, "exec", choose_yes_no)
    assert box.edit_rule()
    assert box.rule_words.text().startswith("<b>Cách tính điểm:</b> Có: ")
    assert box.rule_words.text().endswith("điểm; Không: 0 điểm.")
