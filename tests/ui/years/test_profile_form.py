"""Hồ sơ xã after the 2025 reform: province, optional former district, the merger
decision and the former communes; saving never rewrites the years already created."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.core.catalog.store import load_builtin
from desktop.core.years.profile import get_profile, save_profile
from desktop.core.years.store import former_communes, year_settings
from desktop.ui.years.profile_form import PAST_YEARS_NOTE, FirstRunWizard, ProfileDialog


@pytest.fixture
def before_merger(ws):
    """Đồng Tâm (Ninh Giang, Hải Dương) with its 2023 year, before the merger."""
    with ws.transaction() as s:
        save_profile(s, commune_name="Đồng Tâm", district="Ninh Giang", province="Hải Dương")
        load_builtin(s, 2023)
    return ws


def _dialog(qtbot, ws) -> ProfileDialog:
    dlg = ProfileDialog(ws)
    qtbot.addWidget(dlg)
    return dlg


def test_merger_fields_and_former_communes_are_saved_and_reloaded(
    qtbot, boxes, before_merger, monkeypatch
) -> None:
    ws = before_merger
    dlg = _dialog(qtbot, ws)
    f = dlg.form
    assert f.district.text() == "Ninh Giang"
    f.commune.setText("Tân Tiến")
    f.province.setText("Hải Phòng")
    f.district.clear()
    f.merger_number.insert("1669/NQ-UBTVQH15")
    f.merger_date.insert("16/6/2025")
    # the buttons ask the name in a small dialog
    monkeypatch.setattr("desktop.ui.years.former_list.ask_name", lambda *a, **k: "Đồng Tâm")
    f.former.add_button.click()
    f.former.add("Hồng Phong")
    f.former.add("An Lâm")
    assert f.former.names() == ["Đồng Tâm", "Hồng Phong", "An Lâm"]
    dlg.accept()
    assert dlg.result() == ProfileDialog.DialogCode.Accepted
    assert boxes.shown == []
    with ws.session() as s:
        p, former = get_profile(s), former_communes(s)
    assert (p.commune_name, p.province, p.district) == ("Tân Tiến", "Hải Phòng", None)
    assert (p.merger_decision_number, p.merger_decision_date) == (
        "1669/NQ-UBTVQH15",
        date(2025, 6, 16),
    )
    assert former == ["Đồng Tâm", "Hồng Phong", "An Lâm"]

    again = (dlg2 := _dialog(qtbot, ws)).form
    assert dlg2.windowTitle() == "Hồ sơ xã"
    assert again.district.text() == ""
    assert again.merger_number.text() == "1669/NQ-UBTVQH15"
    assert again.merger_date.text() == "16/06/2025"
    assert again.former.names() == ["Đồng Tâm", "Hồng Phong", "An Lâm"]


def test_rename_and_remove_a_former_commune_with_confirmation(qtbot, boxes, ws) -> None:
    with ws.transaction() as s:
        save_profile(s, commune_name="Tân Tiến", province="Hải Phòng")
    dlg = _dialog(qtbot, ws)
    lst = dlg.form.former
    lst.add("Dong Tam")
    lst.add("Hồng Phong")
    dlg.accept()
    dlg = _dialog(qtbot, ws)
    lst = dlg.form.former
    lst.view.setCurrentRow(0)
    lst.rename("Đồng Tâm")
    lst.view.setCurrentRow(1)
    boxes.answer = QMessageBox.StandardButton.No
    lst.remove()
    assert boxes.texts[-1] == "Bỏ “Hồng Phong” khỏi danh sách các xã cũ đã sáp nhập?"
    assert boxes.buttons == ["Có", "Không"]
    assert lst.names() == ["Đồng Tâm", "Hồng Phong"]  # Không: kept
    boxes.answer = QMessageBox.StandardButton.Yes
    lst.remove()
    assert lst.names() == ["Đồng Tâm"]
    dlg.accept()
    with ws.session() as s:
        assert former_communes(s) == ["Đồng Tâm"]


def test_impossible_merger_date_names_the_field_and_saves_nothing(
    qtbot, boxes, before_merger
) -> None:
    dlg = _dialog(qtbot, before_merger)
    dlg.form.commune.setText("Tân Tiến")
    dlg.form.merger_date.insert("31/02/2025")
    dlg.accept()
    assert boxes.texts == [
        "Ngày quyết định sáp nhập “31/02/2025” không tồn tại (tháng 2 năm 2025 không có ngày 31)."
    ]
    assert dlg.result() != ProfileDialog.DialogCode.Accepted
    with before_merger.session() as s:
        assert get_profile(s).commune_name == "Đồng Tâm"


def test_changing_the_profile_keeps_past_years_and_says_so(qtbot, boxes, before_merger) -> None:
    ws = before_merger
    dlg = _dialog(qtbot, ws)
    assert dlg.form.note.text() == PAST_YEARS_NOTE
    dlg.form.commune.setText("Tân Tiến")
    dlg.form.province.setText("Hải Phòng")
    dlg.form.district.clear()
    dlg.accept()
    with ws.session() as s:
        y23 = year_settings(s, 2023)
    assert (y23.commune_name, y23.district, y23.appraiser) == (
        "Đồng Tâm",
        "Ninh Giang",
        "UBND huyện Ninh Giang",
    )


def test_first_run_wizard_saves_the_post_2025_profile(qtbot, boxes, ws) -> None:
    wiz = FirstRunWizard(ws)
    qtbot.addWidget(wiz)
    f = wiz.form
    f.commune.insert("Tân Tiến")
    f.province.insert("Hải Phòng")
    f.merger_date.insert("16/06/2025")
    f.former.add("Đồng Tâm")
    f.year.setValue(2026)
    wiz.accept()
    assert wiz.saved_year == 2026
    with ws.session() as s:
        p = get_profile(s)
        assert (p.district, p.merger_decision_date) == (None, date(2025, 6, 16))
        assert former_communes(s) == ["Đồng Tâm"]
        assert year_settings(s, 2026).appraiser == "Sở Nội vụ thành phố Hải Phòng"
