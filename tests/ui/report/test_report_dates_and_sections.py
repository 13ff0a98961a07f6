"""The report screen's date boxes take exactly the typed date (new report, Thông tin chung,
upload), and its section list and editor stay in step."""

from __future__ import annotations

from datetime import date

import pytest
from date_typing import type_date
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox
from report_seed import PERIOD, fill_seed_002

from desktop.core.report.store import create_index_report, report_info
from desktop.ui.main_window import MainWindow
from desktop.ui.report.dialogs import NewReportDialog, UploadDialog


@pytest.fixture
def tab(qtbot, ws, tmp_path):
    fill_seed_002(ws, tmp_path)
    with ws.transaction() as s:
        create_index_report(
            s, index_year=2022, period=PERIOD, number="123", report_date=date(2023, 4, 4)
        )
    w = MainWindow(ws)
    qtbot.addWidget(w)
    w.load()
    w.show()
    qtbot.waitExposed(w)
    return w.screens.open("ReportsTab")


def _click_section(tab, key: str) -> None:
    lst = tab.sections.list
    for i in range(lst.count()):
        if lst.item(i).data(Qt.ItemDataRole.UserRole) == key:
            rect = lst.visualItemRect(lst.item(i))
            QTest.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            return
    raise AssertionError(key)


def _shown_key(tab) -> str:
    return tab.sections.list.currentItem().data(Qt.ItemDataRole.UserRole)


def test_edit_switch_and_switch_back_keeps_list_and_editor_in_step(tab) -> None:
    _click_section(tab, "ket_luan")
    assert _shown_key(tab) == "ket_luan" == tab.sections.key
    body = tab.sections.body
    body.setFocus()
    QTest.keyClick(body, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(body, " Them mot cau.")
    _click_section(tab, "mo_dau")  # saves the edit, the screen refreshes
    assert _shown_key(tab) == "mo_dau" == tab.sections.key
    mo_dau = report_info_of(tab).section("mo_dau")
    assert body.toPlainText() == mo_dau.text
    _click_section(tab, "ket_luan")
    assert _shown_key(tab) == "ket_luan" == tab.sections.key
    assert body.toPlainText().endswith(" Them mot cau.")
    assert report_info_of(tab).section("ket_luan").text.endswith(" Them mot cau.")


def report_info_of(tab):
    with tab.window.ws.session() as s:
        return report_info(s, tab.current_id)


def test_thong_tin_chung_takes_the_typed_date_and_period(tab) -> None:
    form = tab.header
    tab.pages.setCurrentWidget(form)
    assert form.date.text() == "04/04/2023"
    type_date(form.date, "07/04/2023")
    type_date(form.period.start, "15/12/2022")
    type_date(form.period.end, "31/03/2023")
    form.save_btn.click()
    r = report_info_of(tab)
    assert r.report_date == date(2023, 4, 7)
    assert (r.period_from, r.period_to) == (date(2022, 12, 15), date(2023, 3, 31))
    assert form.date.text() == "07/04/2023"  # shown again after the refresh


def test_thong_tin_chung_refuses_an_impossible_date(tab) -> None:
    form = tab.header
    tab.pages.setCurrentWidget(form)
    type_date(form.date, "31/04/2023")
    assert "không tồn tại" in form.date.message.text()
    form.save_btn.click()
    assert report_info_of(tab).report_date == date(2023, 4, 4)


def test_new_report_dialog_takes_typed_dates(tab, monkeypatch, boxes) -> None:
    def fill(dialog) -> int:
        dialog.number.setText("124")
        type_date(dialog.date, "10/04/2023")
        type_date(dialog.period.start, "15/12/2022")
        type_date(dialog.period.end, "30/03/2023")
        assert dialog.period.preset.currentIndex() == 0  # typed: "Tùy chọn"
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        return dialog.result()

    monkeypatch.setattr(NewReportDialog, "exec", fill)
    tab.new_btn.click()
    r = tab.current
    assert r.number_text == "124/BC-UBND" and r.report_date == date(2023, 4, 10)
    assert (r.period_from, r.period_to) == (date(2022, 12, 15), date(2023, 3, 30))


def test_new_report_dialog_stays_open_on_an_impossible_date(tab, monkeypatch, boxes) -> None:
    seen = {}

    def fill(dialog) -> int:
        type_date(dialog.date, "29/02/2023")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        seen["error"] = dialog.date.error()
        return dialog.result()

    monkeypatch.setattr(NewReportDialog, "exec", fill)
    tab.new_btn.click()
    assert "không có ngày 29" in seen["error"]
    assert len(tab.model.rows) == 1


def test_upload_dialog_takes_the_typed_date(qtbot) -> None:
    dlg = UploadDialog()
    qtbot.addWidget(dlg)
    dlg.show()
    type_date(dlg.on, "5/6/2023")
    dlg.note.setText("Cổng của tỉnh")
    assert dlg.values() == (date(2023, 6, 5), "Cổng của tỉnh")
