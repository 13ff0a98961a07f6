"""The "Tự đánh giá" screen: the score table and totals with bonus points, the texts, the
ready mark refused with the list of missing explanations, locking as submitted with the
changes since, and the export to .docx / .xlsx."""

from __future__ import annotations

import os

from docx import Document
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from selfassess_ui_data import (  # noqa: F401 - fixtures
    YEAR,
    complete_year,
    open_tab,
    row_of,
    sa_window_fixture,
    sa_ws_fixture,
    wait_loaded,
)

from desktop.core.selfassess.entry import set_entry
from desktop.core.selfassess.report import get_texts
from desktop.core.selfassess.rounds import rounds


def test_score_table_and_totals_with_and_without_bonus(sa_window, qtbot) -> None:
    tab = open_tab(sa_window, qtbot)
    assert row_of(tab, "1") == [
        "1",
        "Công tác chỉ đạo, điều hành cải cách hành chính",
        "15",
        "",
        "1",
        "",
        "",
    ]
    assert row_of(tab, "1.1.1")[1:] == [
        "        Ban hành kế hoạch CCHC năm kịp thời",
        "1",
        "",
        "1",
        "",
        "Thiếu giải trình",
    ]
    assert row_of(tab, "1.4.1")[5:] == ["12/KH-UBND", ""]
    assert row_of(tab, "11.3")[4] == "3"
    totals = tab.totals.text()
    assert "không gồm điểm cộng" in totals and "<b>1/76</b>" in totals
    assert "Điểm cộng: <b>5/5</b>" in totals
    assert "Tổng điểm tự đánh giá, gồm điểm cộng: <b>6</b>" in totals
    assert "Năm 2023 chưa nộp (đang soạn vòng 1)." in tab.status.text()
    assert "chưa sẵn sàng nộp" in tab.status.text()


def test_declared_figure_and_explanation_show_in_the_table(sa_window, sa_ws, qtbot) -> None:
    tab = open_tab(sa_window, qtbot)
    with sa_ws.transaction() as s:
        set_entry(s, YEAR, "1.1.2", explanation="Kế hoạch ban hành muộn do sáp nhập xã")
        set_entry(s, YEAR, "1.1.1", declared="Có")
    sa_window.dataChanged.emit()
    wait_loaded(tab, qtbot)
    assert row_of(tab, "1.1.2")[6] == "Đã giải trình"
    assert row_of(tab, "1.1.1")[3] == "Có"


def test_enter_on_a_missing_explanation_opens_it_in_the_pane(sa_window, qtbot) -> None:
    w = sa_window
    tab = open_tab(w, qtbot)
    row = next(i for i, t in enumerate(tab.model.texts()) if t[0] == "1.1.2")
    tab.table.selectRow(row)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert w.tabs.currentWidget() is w.catalog_tab  # Bộ tiêu chí (after Việc cần làm)
    assert w.pane.heading.text().startswith("Tiêu chí thành phần 1.1.2")
    box = w.pane.score_box.declared
    assert box is not None and box.isVisible()
    assert box.explanation_edit.hasFocus()


def test_texts_are_kept_for_the_report(sa_window, sa_ws, qtbot) -> None:
    tab = open_tab(sa_window, qtbot)
    tab.texts.difficulties.insertPlainText("Thiếu cán bộ chuyên trách")
    tab.texts.recommendations.insertPlainText("Đề nghị tập huấn phần mềm một cửa")
    assert tab.texts.dirty
    tab.texts.save_btn.click()
    with sa_ws.session() as s:
        texts = get_texts(s, YEAR)
    assert (texts.difficulties, texts.recommendations) == (
        "Thiếu cán bộ chuyên trách",
        "Đề nghị tập huấn phần mềm một cửa",
    )
    assert not tab.texts.dirty and tab.texts.saved_label.text() == "Đã lưu."


def test_ready_is_refused_with_the_list_then_marked(sa_window, sa_ws, qtbot, boxes) -> None:
    tab = open_tab(sa_window, qtbot)
    assert tab.mark_ready() is False
    title, text = boxes.shown[-1]
    assert title == "Chưa sẵn sàng nộp"
    assert text.startswith("Chưa đánh dấu sẵn sàng được: Năm 2023 chưa sẵn sàng nộp: còn ")
    assert "- 1.1.1 “Ban hành kế hoạch CCHC năm kịp thời”: cần giải trình (chưa có tài liệu" in text
    assert "chưa chấm điểm" in text
    complete_year(sa_ws)
    tab.ready_btn.click()
    assert boxes.texts[-1] == "Đã đánh dấu năm 2023 sẵn sàng nộp."
    wait_loaded(tab, qtbot)
    assert "Đã đánh dấu sẵn sàng ngày" in tab.status.text()
    assert "Năm 2023 đã sẵn sàng nộp" in tab.status.text()


def test_lock_asks_keeps_the_round_and_shows_changes_since(sa_window, sa_ws, qtbot, boxes):
    tab = open_tab(sa_window, qtbot)
    complete_year(sa_ws)
    sa_window.dataChanged.emit()
    wait_loaded(tab, qtbot)
    boxes.answer = QMessageBox.StandardButton.No
    assert tab.lock() is False
    assert boxes.shown[-1][0] == "Khóa – đã nộp"
    assert boxes.texts[-1].startswith("Khóa năm 2023 là đã nộp (vòng 1)?")
    assert sorted(boxes.buttons) == ["Có", "Không"]
    with sa_ws.session() as s:
        assert rounds(s, YEAR) == []
    boxes.answer = QMessageBox.StandardButton.Yes
    tab.lock_btn.click()
    assert boxes.texts[-1].startswith("Đã khóa năm 2023: vòng 1 (nộp ngày ")
    wait_loaded(tab, qtbot)
    assert tab.rounds.summary.text().startswith("Chưa sửa gì sau khi nộp vòng 1 (nộp ngày ")
    assert tab.side.tabText(1) == "Vòng nộp (0 thay đổi)"
    with sa_ws.transaction() as s:
        set_entry(s, YEAR, "1.1.1", value="0,5")
    sa_window.dataChanged.emit()
    wait_loaded(tab, qtbot)
    assert tab.rounds.model.texts()[0] == [
        "1.1.1",
        "Ban hành kế hoạch CCHC năm kịp thời",
        "Điểm tự chấm",
        "1",
        "0,5",
    ]
    assert ["", "", "Tổng điểm tự đánh giá", "1", "0,5"] in tab.rounds.model.texts()
    assert tab.side.tabText(1) == "Vòng nộp (1 thay đổi)"
    assert tab.rounds.summary.text().startswith("Thay đổi so với vòng 1 (nộp ngày ")
    assert "đang sửa vòng 2 (1 thay đổi so với vòng đã nộp)" in tab.status.text()


def test_lock_with_missing_explanations_says_why(sa_window, sa_ws, qtbot, boxes) -> None:
    tab = open_tab(sa_window, qtbot)
    assert tab.lock() is False
    assert boxes.shown[-1][0] == "Chưa khóa được"
    assert "Chưa khóa được năm 2023 là đã nộp" in boxes.texts[-1]
    with sa_ws.session() as s:
        assert rounds(s, YEAR) == []


def _export(tab, qtbot, monkeypatch, name: str, selected: str):
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (name, selected), raising=True
    )
    tab.export_btn.click()
    job = tab.export_job
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=15_000):
        pass
    return job


def test_export_docx_and_xlsx(sa_window, qtbot, monkeypatch, tmp_path) -> None:
    tab = open_tab(sa_window, qtbot)
    tab.texts.difficulties.insertPlainText("Thiếu cán bộ chuyên trách")
    target = tmp_path / "bao-cao.docx"
    _export(tab, qtbot, monkeypatch, str(target), "Tài liệu Word (*.docx)")
    doc = Document(str(target))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Thiếu cán bộ chuyên trách" in text  # unsaved edits are saved first
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "1.1.1" in cells and "Ban hành kế hoạch CCHC năm kịp thời" in cells
    assert "bao-cao.docx" in sa_window.statusBar().currentMessage()

    _export(tab, qtbot, monkeypatch, str(tmp_path / "bang-diem"), "Bảng tính Excel (*.xlsx)")
    ws = load_workbook(tmp_path / "bang-diem.xlsx").active
    values = [c for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert "1.1.1" in values
    assert any(isinstance(v, str) and v.startswith("12/KH-UBND ngày ") for v in values)


def test_export_to_a_file_open_in_word_says_so(sa_window, qtbot, monkeypatch, tmp_path, boxes):
    import desktop.core.office.docx_common as docx_common

    def refuse(_src, _dst):
        raise PermissionError(13, "The process cannot access the file")

    tab = open_tab(sa_window, qtbot)
    monkeypatch.setattr(docx_common.os, "replace", refuse)
    job = _export(tab, qtbot, monkeypatch, str(tmp_path / "dang-mo.docx"), "")
    assert job.error is not None
    assert boxes.texts[-1] == (
        "Không ghi được tệp dang-mo.docx: tệp đang mở trong Word/Excel hoặc thư mục chỉ cho "
        "đọc. Hãy đóng tệp hoặc chọn nơi lưu khác."
    )
    assert not (tmp_path / "dang-mo.docx").exists()
    assert [p for p in os.listdir(tmp_path) if p.endswith(".tmp.docx")] == []
