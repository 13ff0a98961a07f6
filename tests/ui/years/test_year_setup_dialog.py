"""Năm → Thiết lập năm đánh giá…: the era's default appraising body, the commune's name
that year, the catalog decision, and the question before replacing an appraiser; the
window shows the selected year's values."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.core.catalog.store import catalog_info, load_builtin
from desktop.core.years.profile import save_profile
from desktop.core.years.store import set_former_communes, set_year, year_settings
from desktop.ui.years.setup_dialog import YearSetupDialog


@pytest.fixture
def merged(ws):
    """Đồng Tâm's 2024 (Ninh Giang, Hải Dương), then the merger into Tân Tiến (Hải Phòng,
    former district kept in the profile) with its 2026."""
    with ws.transaction() as s:
        save_profile(s, commune_name="Đồng Tâm", district="Ninh Giang", province="Hải Dương")
        load_builtin(s, 2024)
    with ws.transaction() as s:
        save_profile(s, commune_name="Tân Tiến", district="Ninh Giang", province="Hải Phòng")
        set_former_communes(s, ["Đồng Tâm", "Hồng Phong"])
        load_builtin(s, 2026)
    return ws


def _dialog(qtbot, ws, year: int) -> YearSetupDialog:
    dlg = YearSetupDialog(ws, year)
    qtbot.addWidget(dlg)
    return dlg


@pytest.mark.parametrize(
    ("year", "level", "appraiser", "commune"),
    [
        (2024, "district", "UBND huyện Ninh Giang", "Đồng Tâm"),
        (2026, "province", "Sở Nội vụ thành phố Hải Phòng", "Tân Tiến"),
    ],
)
def test_default_body_follows_the_era(qtbot, merged, year, level, appraiser, commune) -> None:
    dlg = _dialog(qtbot, merged, year)
    assert dlg.windowTitle() == f"Thiết lập năm đánh giá {year}"
    assert dlg.level == level
    assert dlg.by_district.isChecked() == (level == "district")
    assert dlg.appraiser.text() == appraiser
    assert dlg.commune.currentText() == commune
    assert [dlg.commune.itemText(i) for i in range(dlg.commune.count())] == (
        [commune, "Tân Tiến", "Hồng Phong"]
        if year == 2024
        else ["Tân Tiến", "Đồng Tâm", "Hồng Phong"]
    )


def test_switching_level_offers_the_other_era_default_but_keeps_typed_text(qtbot, merged) -> None:
    dlg = _dialog(qtbot, merged, 2024)
    dlg.by_province.setChecked(True)
    assert dlg.appraiser.text() == "Sở Nội vụ tỉnh Hải Dương"
    dlg.appraiser.setText("UBND tỉnh Hải Dương")
    dlg.by_district.setChecked(True)
    assert dlg.appraiser.text() == "UBND tỉnh Hải Dương"


def test_values_are_saved_and_reloaded(qtbot, boxes, merged) -> None:
    dlg = _dialog(qtbot, merged, 2024)
    dlg.commune.setCurrentText("Hồng Phong")
    dlg.decision_number.setText("3395/QĐ-UBND")
    dlg.decision_date.setText("15/12/2023")
    dlg.issuer.setText("UBND tỉnh Hải Dương")
    dlg.accept()
    assert boxes.shown == []
    assert dlg.result() == YearSetupDialog.DialogCode.Accepted
    with merged.session() as s:
        y, cat = year_settings(s, 2024), catalog_info(s, 2024)
    assert (y.commune_name, y.appraiser, y.appraiser_level, y.confirmed) == (
        "Hồng Phong",
        "UBND huyện Ninh Giang",
        "district",
        True,
    )
    assert (cat.decision_number, cat.decision_date, cat.issuer) == (
        "3395/QĐ-UBND",
        date(2023, 12, 15),
        "UBND tỉnh Hải Dương",
    )
    again = _dialog(qtbot, merged, 2024)
    assert again.commune.currentText() == "Hồng Phong"
    assert (again.decision_number.text(), again.decision_date.text(), again.issuer.text()) == (
        "3395/QĐ-UBND",
        "15/12/2023",
        "UBND tỉnh Hải Dương",
    )


def test_impossible_catalog_date_names_the_field(qtbot, boxes, merged) -> None:
    dlg = _dialog(qtbot, merged, 2026)
    dlg.commune.setCurrentText("Tân Tiến mới")
    dlg.decision_date.setText("31/02/2025")
    dlg.accept()
    assert boxes.texts == [
        "Ngày ban hành bộ tiêu chí “31/02/2025” không tồn tại (tháng 2 năm 2025 không có ngày 31)."
    ]
    assert dlg.result() != YearSetupDialog.DialogCode.Accepted
    with merged.session() as s:
        assert year_settings(s, 2026).commune_name == "Tân Tiến"


@pytest.mark.parametrize("answer", ["No", "Yes"])
def test_replacing_a_set_appraiser_asks_first(qtbot, boxes, merged, answer) -> None:
    with merged.transaction() as s:
        set_year(s, 2026, appraiser="Sở Nội vụ thành phố Hải Phòng")
    dlg = _dialog(qtbot, merged, 2026)
    dlg.appraiser.setText("UBND thành phố Hải Phòng")
    dlg.commune.setCurrentText("Tân Tiến B")
    boxes.answer = getattr(QMessageBox.StandardButton, answer)
    dlg.accept()
    assert boxes.shown[0][0] == "Thay cơ quan thẩm định?"
    text = boxes.texts[0]
    assert text.startswith("Năm 2026 đã có cơ quan thẩm định “Sở Nội vụ thành phố Hải Phòng”.")
    assert "“UBND thành phố Hải Phòng”" in text and "--replace" not in text
    assert boxes.buttons == ["Có", "Không"]
    with merged.session() as s:
        y = year_settings(s, 2026)
    if answer == "No":  # nothing changed, the dialog stays open
        assert dlg.result() != YearSetupDialog.DialogCode.Accepted
        assert (y.appraiser, y.commune_name) == ("Sở Nội vụ thành phố Hải Phòng", "Tân Tiến")
    else:
        assert dlg.result() == YearSetupDialog.DialogCode.Accepted
        assert (y.appraiser, y.commune_name) == ("UBND thành phố Hải Phòng", "Tân Tiến B")


def test_same_appraiser_again_is_not_a_conflict(qtbot, boxes, merged) -> None:
    with merged.transaction() as s:
        set_year(s, 2026, appraiser="Sở Nội vụ thành phố Hải Phòng")
    dlg = _dialog(qtbot, merged, 2026)
    dlg.appraiser.setText("so noi vu thanh pho hai phong")
    dlg.accept()
    assert boxes.shown == []
    assert dlg.result() == YearSetupDialog.DialogCode.Accepted


def test_window_shows_the_selected_years_name_and_appraiser(qtbot, show_window, merged) -> None:
    with merged.transaction() as s:
        set_year(s, 2024, commune_name="Hồng Phong")
    w = show_window(merged)
    assert w.year == 2026
    assert w.windowTitle() == "Sổ CCHC – Xã Tân Tiến – năm 2026"
    assert w.status_commune.text() == (
        "Xã Tân Tiến, Hải Phòng · Cơ quan thẩm định năm 2026: Sở Nội vụ thành phố Hải Phòng"
    )
    assert "Sở Nội vụ thành phố Hải Phòng" in w.catalog_tab.header.text()
    assert w.catalog_tab.header.isVisible()
    with qtbot.waitSignal(w.dataShown):
        w.year_combo.setCurrentIndex(w.year_combo.findData(2024))
    assert w.windowTitle() == "Sổ CCHC – Xã Hồng Phong – năm 2024"
    assert w.status_commune.text() == (
        "Xã Hồng Phong, Ninh Giang, Hải Dương · Cơ quan thẩm định năm 2024: UBND huyện Ninh Giang"
    )
    assert "cấp huyện" in w.catalog_tab.header.text()
    assert w.year_values.appraiser == "UBND huyện Ninh Giang"


def test_menu_item_opens_the_dialog_for_the_selected_year(
    qtbot, show_window, merged, monkeypatch
) -> None:
    opened: list[int] = []

    def fake_exec(self) -> int:
        opened.append(self.year)
        self.commune.setCurrentText("Tân Tiến (mới)")
        self.accept()
        return int(self.result())

    monkeypatch.setattr(YearSetupDialog, "exec", fake_exec)
    w = show_window(merged)
    act = w.act_setup_year
    assert act.text() == "Thiết &lập năm đánh giá…"
    assert act.toolTip() == "Thiết lập năm đánh giá… (Ctrl+Shift+T)"
    year_menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&Năm")
    assert act in year_menu.actions()
    with qtbot.waitSignal(w.dataShown):
        act.trigger()
    assert opened == [2026]
    assert "Tân Tiến (mới)" in w.windowTitle()


def test_evidence_window_is_edited_per_year(qtbot, boxes, merged) -> None:
    from PySide6.QtCore import Qt

    from desktop.core.years.evidence_window import evidence_window

    dlg = _dialog(qtbot, merged, 2024)
    assert dlg.window_from.text() == "" and dlg.window_from.line.placeholderText() == "01/10/2023"
    assert dlg.window_to.line.placeholderText() == "31/01/2025"
    dlg.show()
    qtbot.waitExposed(dlg)
    for edit, text in ((dlg.window_from, "01/12/2023"), (dlg.window_to, "15/02/2025")):
        edit.setFocus()
        qtbot.keyClicks(edit, text)
    qtbot.keyClick(dlg.window_to, Qt.Key.Key_Return)
    assert boxes.shown == []
    with merged.session() as s:
        w = evidence_window(s, 2024)
    assert (w.start, w.end, w.default) == (date(2023, 12, 1), date(2025, 2, 15), False)
    again = _dialog(qtbot, merged, 2024)
    assert (again.window_from.text(), again.window_to.text()) == ("01/12/2023", "15/02/2025")
    assert evidence_window_default_for(merged, 2026)


def evidence_window_default_for(ws, year: int) -> bool:
    from desktop.core.years.evidence_window import evidence_window

    with ws.session() as s:
        return evidence_window(s, year).default  # another year keeps the default


def test_a_window_that_does_not_exist_is_refused_and_nothing_saved(qtbot, boxes, merged):
    from desktop.core.years.evidence_window import evidence_window

    dlg = _dialog(qtbot, merged, 2024)
    dlg.commune.setCurrentText("Hồng Phong")
    dlg.window_from.setText("31/02/2024")
    dlg.accept()
    assert "không tồn tại" in boxes.texts[-1]
    assert dlg.result() != YearSetupDialog.DialogCode.Accepted
    dlg.window_from.setText("01/03/2025")
    dlg.window_to.setText("01/01/2024")
    dlg.accept()
    assert "sau ngày kết thúc" in boxes.texts[-1]
    with merged.session() as s:
        assert evidence_window(s, 2024).default
        assert year_settings(s, 2024).commune_name == "Đồng Tâm"  # nothing saved
