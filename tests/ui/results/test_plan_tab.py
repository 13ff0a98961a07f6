"""Kế hoạch khắc phục (Ctrl+6): draft from the losses, edit, reorder, track, save, export."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QPlainTextEdit
from results_helpers import fill, open_tab, open_window, pick_file
from results_sheets import import_results, results_full

from desktop.core.catalog.store import load_builtin
from desktop.core.evidence.documents import NewDocument, add_document
from desktop.core.results.plan import PLAN_COLUMNS, plan_info
from desktop.ui.results.plan_model import COL_PROOF, COL_STATUS
from desktop.ui.results.plan_tab import PlanTab

SOLUTION = "Ban hành văn bản chỉ đạo xử lý sau kiểm tra CCHC"


@pytest.fixture
def window(qtbot, ws, tmp_path):
    fill(ws)
    import_results(ws, results_full(tmp_path / "kq-2023.xlsx"), 2023)
    return open_window(qtbot, ws)


@pytest.fixture
def tab(window, qtbot) -> PlanTab:
    return open_tab(qtbot, window, Qt.Key.Key_6, PlanTab)


def _criteria(tab) -> list[str]:
    return [r[2] for r in tab.model.texts()]


def test_draft_is_shown_in_seed_004_columns(tab):
    shown = [tab.model.headerData(c, Qt.Orientation.Horizontal) for c in range(9)]
    assert [h.replace("\n", " ") for h in shown] == list(PLAN_COLUMNS)  # narrow: two lines
    assert "Bản nháp lập từ điểm bị mất năm 2023" in tab.status.text()
    assert tab.title.text().startswith("NỘI DUNG PHÂN CÔNG NHIỆM VỤ KHẮC PHỤC")
    rows = tab.model.texts()
    assert rows[0][:4] == ["1", "Công tác chỉ đạo, điều hành cải cách hành chính", "1.3.3", "0/1"]
    assert rows[1][:4] == ["", "", "1.4.2", "0/1,5"]
    assert rows[0][8] == "Trong năm 2024" and rows[0][9] == "Chưa thực hiện"
    assert _criteria(tab)[:4] == ["1.3.3", "1.4.2", "1.5", ""]  # then the "giữ vững" row
    # STT and Nội dung only on the first row of an area: only there can it be edited
    assert not tab.model.flags(tab.model.index(1, 1)) & Qt.ItemFlag.ItemIsEditable


def test_edit_reorder_add_delete_save(window, tab, qtbot, boxes):
    table = tab.table
    # edit "Giải pháp khắc phục" of the first row in its multi-line editor
    idx = tab.model.index(0, 5)
    table.setCurrentIndex(idx)
    table.edit(idx)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QPlainTextEdit)
    editor.setPlainText(SOLUTION + "\n- Báo cáo kết quả")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert tab.model.rows[0].solution == SOLUTION + "\n- Báo cáo kết quả"
    assert "chưa lưu" in tab.status.text()

    # Ctrl+Down moves the row below 1.4.2; the STT stays on the first row of the area
    table.setFocus()
    table.setCurrentIndex(tab.model.index(0, 2))
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert _criteria(tab)[:2] == ["1.4.2", "1.3.3"]
    assert tab.model.texts()[0][0] == "1" and tab.model.texts()[1][0] == ""
    assert table.currentIndex().row() == 1
    tab.up_button.click()
    tab.down_button.click()

    # Insert adds a row of the same area below; Delete asks first
    count = len(tab.model.rows)
    qtbot.keyClick(table, Qt.Key.Key_Insert)
    assert len(tab.model.rows) == count + 1
    new = tab.model.rows[2]
    assert (new.kind, new.area_code, new.criterion) == ("manual", "1", "")
    boxes.answer = boxes.answer.No
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert "Xóa dòng 3" in boxes.texts[-1] and len(tab.model.rows) == count + 1
    boxes.answer = boxes.answer.Yes
    tab.remove_button.click()
    assert len(tab.model.rows) == count

    # the area title is edited once for the whole group
    tab.model.setData(tab.model.index(0, 1), "Công tác chỉ đạo, điều hành CCHC")
    assert {r.area_title for r in tab.model.rows if r.area_code == "1"} == {
        "Công tác chỉ đạo, điều hành CCHC"
    }

    with qtbot.waitSignal(window.dataShown):
        qtbot.keyClick(tab, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "đã lưu" in tab.status.text()
    with window.ws.session() as s:
        saved = plan_info(s, 2023)
    assert [r.criterion for r in saved.rows[:2]] == ["1.4.2", "1.3.3"]
    assert saved.rows[1].solution.startswith(SOLUTION)
    assert saved.rows[0].area_title == "Công tác chỉ đạo, điều hành CCHC"


def test_progress_with_the_document_that_proves_it(window, tab, qtbot, boxes, tmp_path):
    proof = tmp_path / "bc.pdf"
    proof.write_bytes(b"%PDF-1.4 bao cao")
    with window.ws.transaction() as s:
        load_builtin(s, 2024, "mau-minh-hoa")
        add_document(
            s,
            window.ws.store,
            NewDocument(2024, "12/BC-UBND", date(2024, 3, 1), "Báo cáo", "Báo cáo khắc phục"),
            [proof],
            [],
        )
    tab.refresh()
    table = tab.table
    idx = tab.model.index(0, COL_STATUS)
    table.setCurrentIndex(idx)
    table.edit(idx)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Chưa thực hiện",
        "Đang thực hiện",
        "Đã hoàn thành",
    ]
    combo.setCurrentIndex(2)
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.model.rows[0].status == "done")
    idx = tab.model.index(0, COL_PROOF)
    table.setCurrentIndex(idx)
    table.edit(idx)
    combo = QApplication.focusWidget()
    assert combo.itemText(1) == "12/BC-UBND ngày 01/03/2024 – Báo cáo khắc phục"
    combo.setCurrentIndex(1)
    qtbot.keyClick(combo, Qt.Key.Key_Return)  # the view commits on its next turn
    qtbot.waitUntil(lambda: tab.model.rows[0].evidence_id is not None)
    assert tab.model.texts()[0][9:] == [
        "Đã hoàn thành",
        "12/BC-UBND ngày 01/03/2024 – Báo cáo khắc phục",
    ]
    with qtbot.waitSignal(window.dataShown):
        tab.save_button.click()
    with window.ws.session() as s:
        row = plan_info(s, 2023).rows[0]
    assert row.status_label == "Đã hoàn thành" and row.evidence_id is not None


def test_export_word_and_excel_and_read_them_back(window, tab, qtbot, boxes, monkeypatch, tmp_path):
    tab.model.setData(tab.model.index(0, 5), SOLUTION)
    tab.model.move(0, 1)
    out = tmp_path / "xuat"
    out.mkdir()
    asked = pick_file(monkeypatch, out / "ke-hoach")  # the officer typed no suffix
    tab.word_button.click()
    job = tab.job
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    assert asked == ["Xuất kế hoạch ra Word"]
    doc = Document(str(out / "ke-hoach.docx"))
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == list(PLAN_COLUMNS)
    assert [table.rows[1].cells[2].text, table.rows[2].cells[2].text] == ["1.4.2", "1.3.3"]
    assert table.rows[2].cells[5].text == SOLUTION
    assert doc.paragraphs[0].text.startswith("NỘI DUNG PHÂN CÔNG NHIỆM VỤ KHẮC PHỤC")
    assert "Đã xuất" in boxes.texts[-1] and "ke-hoach.docx" in boxes.texts[-1]

    pick_file(monkeypatch, out / "ke-hoach.xlsx")
    tab.excel_button.click()
    job = tab.job
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    ws = load_workbook(out / "ke-hoach.xlsx").active
    assert [c.value for c in ws[4]] == list(PLAN_COLUMNS)
    assert (ws["C5"].value, ws["C6"].value, ws["F6"].value) == ("1.4.2", "1.3.3", SOLUTION)
    assert ws["F6"].alignment.wrap_text
    assert ws.page_setup.orientation == "landscape"


def test_export_errors_are_explained(window, tab, qtbot, boxes, monkeypatch, tmp_path):
    pick_file(monkeypatch, tmp_path / "USB-da-rut" / "ke-hoach.docx")
    tab.word_button.click()
    job = tab.job
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    assert "không tồn tại (USB đã rút ra?)" in boxes.texts[-1]

    import os

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    pick_file(monkeypatch, tmp_path / "ke-hoach.xlsx")
    tab.excel_button.click()
    job = tab.job
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    assert "đang mở trong Word/Excel hoặc thư mục chỉ cho đọc" in boxes.texts[-1]
    assert not (tmp_path / "ke-hoach.xlsx").exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx"] == ["kq-2023.xlsx"]


def test_unsaved_edits_are_kept_or_saved_when_the_year_changes(window, tab, qtbot, boxes):
    tab.model.setData(tab.model.index(0, 5), SOLUTION)
    window.refresh()  # something else changed: the edit stays on screen
    assert tab.model.rows[0].solution == SOLUTION and tab.dirty
    boxes.answer = boxes.answer.Yes
    with qtbot.waitSignal(window.dataShown):
        window.year_combo.setCurrentIndex(window.year_combo.findData(2022))
    assert "thay đổi chưa lưu" in boxes.texts[0]
    assert "chưa có kết quả thẩm định" in tab.status.text()
    assert tab.model.rows == [] and not tab.word_button.isEnabled()
    with window.ws.session() as s:
        assert plan_info(s, 2023).rows[0].solution == SOLUTION


def test_new_draft_replaces_a_saved_plan_only_when_confirmed(window, tab, qtbot, boxes):
    tab.model.setData(tab.model.index(0, 5), SOLUTION)
    with qtbot.waitSignal(window.dataShown):
        tab.save_button.click()
    boxes.answer = boxes.answer.No
    tab.draft_button.click()
    assert "Thay kế hoạch đang có" in boxes.texts[-1]
    assert tab.model.rows[0].solution == SOLUTION
    boxes.answer = boxes.answer.Yes
    tab.draft_button.click()
    assert tab.model.rows[0].solution == "" and tab.dirty
