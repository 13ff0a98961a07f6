"""Kết quả thẩm định (Ctrl+4): import the district's sheet, read it, correct it by hand."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from results_helpers import fill, open_tab, open_window, pick_file, visible_dialog
from results_sheets import results_areas, results_full

from desktop.ui.results.import_dialog import ResultsImportDialog
from desktop.ui.results.tab import COL_LOST, COL_RANK, COL_SCORE, ResultsTab


@pytest.fixture
def window(qtbot, ws):
    fill(ws)
    return open_window(qtbot, ws)


@pytest.fixture
def tab(window, qtbot) -> ResultsTab:
    return open_tab(qtbot, window, Qt.Key.Key_4, ResultsTab)


def _import(window, tab, qtbot, monkeypatch, path) -> ResultsImportDialog:
    pick_file(monkeypatch, path)
    tab.import_button.click()
    return visible_dialog(qtbot, tab, ResultsImportDialog)


def _row(tab, code):
    return next(r for r in tab.row_texts() if r[0] == code)


def test_import_the_districts_sheet(window, tab, qtbot, boxes, monkeypatch, tmp_path):
    assert "chưa có kết quả thẩm định" in tab.source.text()
    dlg = _import(window, tab, qtbot, monkeypatch, results_full(tmp_path / "kq-2023.xlsx"))
    assert "72 dòng khớp bộ tiêu chí năm 2023" in dlg.findChildren(type(dlg.notice))[0].text()
    assert "chưa có kết quả thẩm định" in dlg.notice.text()
    assert dlg.save_button.isEnabled(), dlg.problems.texts()
    with qtbot.waitSignal(window.dataShown):
        dlg.save_button.click()
    assert "Đã nhập kết quả thẩm định năm 2023: 72 mục; tổng 90,963" in boxes.texts[-1]
    # code, title, max, self, appraised, lost, rank
    assert _row(tab, "1")[2:7] == ("15", "", "11,5", "3,5", "9/19")
    assert _row(tab, "1.4.2")[4:6] == ("0", "1,5")
    assert _row(tab, "4.2")[4:6] == ("2,2439", "0,7561")
    assert _row(tab, "5.4.3.4")[4:6] == ("0", "0,5")
    assert (tab.decision_number.text(), tab.decision_date.text()) == ("766/QĐ-UBND", "16/03/2023")
    assert (tab.total.text(), tab.total_rank.text()) == ("90,963", "9/20")
    assert "từ tệp kq-2023.xlsx" in tab.source.text()

    # importing again says it replaces what is there
    dlg = _import(window, tab, qtbot, monkeypatch, results_full(tmp_path / "kq-2023.xlsx"))
    assert "THAY THẾ toàn bộ kết quả cũ" in dlg.notice.text()
    dlg.reject()

    # an areas-only sheet says which detailed scores it would drop; saving backs up first
    areas = results_areas(tmp_path / "linh-vuc.xlsx", year=2023)
    dlg = _import(window, tab, qtbot, monkeypatch, areas)
    assert "72 điểm đã có (từ tệp kq-2023.xlsx)" in dlg.notice.text()
    assert "62 mục sẽ không còn điểm thẩm định (1.1, 1.1.1," in dlg.notice.text()
    assert "sao lưu trước khi thay" in dlg.notice.text()
    with qtbot.waitSignal(window.dataShown):
        dlg.save_button.click()
    kept = list((window.ws.data_dir / "backups").glob("so-cchc-truoc-thay-the-*.sqlite3"))
    assert len(kept) == 1


def test_a_sheet_of_another_year_is_refused_with_sheet_and_row(
    window, tab, qtbot, boxes, monkeypatch, tmp_path
):
    dlg = _import(
        window,
        tab,
        qtbot,
        monkeypatch,
        results_areas(tmp_path / "kq.xlsx", year=2023, title_year=2021),
    )
    assert not dlg.save_button.isEnabled()
    assert any(
        t.startswith("Lỗi: Sheet “Tổng hợp”, dòng 1: tiêu đề ghi kết quả năm 2021")
        for t in dlg.problems.texts()
    )


def test_scores_typed_in_the_table(window, tab, qtbot, boxes):
    view = tab.view
    idx = tab.index_of("1.3.3", COL_SCORE)
    view.scrollTo(idx)
    view.setCurrentIndex(idx)
    view.edit(idx)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.setText("0,5")
    with qtbot.waitSignal(window.dataShown):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert _row(tab, "1.3.3")[4:6] == ("0,5", "0,5")
    assert tab.view.currentIndex().data(Qt.ItemDataRole.UserRole + 1) == "1.3.3"

    tab.set_cell("1.3.3", COL_SCORE, "3")  # more than the maximum
    assert "nằm ngoài khoảng 0 – 1" in boxes.texts[-1]
    assert _row(tab, "1.3.3")[4] == "0,5"
    tab.set_cell("1.3.3", COL_SCORE, "mot")
    assert "không phải là số" in boxes.texts[-1]
    tab.set_cell("1.3.3", COL_SCORE, "0,5/2")
    assert "ghi điểm tối đa 2, bộ tiêu chí ghi 1" in boxes.texts[-1]
    tab.set_cell("1.5", COL_SCORE, "KAD")
    assert _row(tab, "1.5")[4:6] == ("không áp dụng", "")
    tab.set_cell("1", COL_RANK, "9 / 19")
    assert _row(tab, "1")[6] == "9/19"
    tab.set_cell("1.3.3", COL_SCORE, "")
    assert _row(tab, "1.3.3")[4:6] == ("", "")
    assert COL_LOST == 5


def test_decision_header_typed_by_hand(window, tab, qtbot, boxes):
    tab.decision_number.setText("766/QĐ-UBND")
    tab.decision_date.setText("31/02/2023")
    tab.save_header.click()
    assert "không tồn tại" in boxes.texts[-1]
    tab.decision_date.setText("16/3/2023")
    tab.total.setText("87,75")
    tab.total_rank.setText("9/20")
    tab.group_label.insert("Tốt")
    with qtbot.waitSignal(window.dataShown):
        tab.save_header.click()
    assert (tab.decision_date.text(), tab.total.text()) == ("16/03/2023", "87,75")
    assert tab.group_label.text() == "Tốt"
    assert "Tổng 87,75/100, xếp hạng 9/20" in tab.source.text()


def test_areas_only_results_of_the_old_catalog(window, tab, qtbot, boxes, monkeypatch, tmp_path):
    with qtbot.waitSignal(window.dataShown):
        window.year_combo.setCurrentIndex(window.year_combo.findData(2022))
    dlg = _import(window, tab, qtbot, monkeypatch, results_areas(tmp_path / "kq-2022.xlsx"))
    with qtbot.waitSignal(window.dataShown):
        dlg.save_button.click()
    assert [r[:7] for r in tab.row_texts()][:2] == [
        ("1", "Công tác chỉ đạo, điều hành cải cách hành chính", "15", "", "11,84", "3,16", "9/19"),
        ("2", "Cải cách thể chế", "5", "", "4,75", "0,25", "2/3"),
    ]
    assert tab.total.text() == "87,75"
