"""The "Còn thiếu" form of the Báo cáo screen, as the officer uses it: the blanks listed
first with inputs in place, the values found in the data shown with where they came
from; typing the missing references and saving rewrites the sentences; export refuses
while a required field is blank, unless "Xuất bản nháp có chỗ trống"; then issue 16's
"Done when" through the window: a DOCX and a PDF with every reference written out, no
"…" and no note of the app's, without typing into a section's text."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest
from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from report_seed import PERIOD, fill_seed_002

from desktop.core.report.store import create_index_report, report_info
from desktop.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, ws, tmp_path):
    fill_seed_002(ws, tmp_path)
    with ws.transaction() as s:
        create_index_report(
            s, index_year=2022, period=PERIOD, number="7", report_date=date(2023, 4, 4)
        )
    w = MainWindow(ws)
    qtbot.addWidget(w)
    w.load()
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitActive(w)
    return w


@pytest.fixture
def tab(window):
    return window.screens.open("ReportsTab")


def _type(qtbot, widget, text: str) -> None:
    """Click into the field, select what is there and type over it."""
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def _fill(qtbot, tab, key: str, number: str, when: str) -> None:
    row = tab.fields.rows[key]
    _type(qtbot, row.number, number)
    qtbot.keyClick(row.number, Qt.Key.Key_Tab)  # Tab into the date, as people do
    qtbot.waitUntil(row.date.line.hasFocus)
    qtbot.keyClicks(row.date.line, when)


def test_the_form_lists_the_blanks_first_and_where_values_came_from(tab, qtbot) -> None:
    tab.missing.linkActivated.emit("#fields")  # "Điền ngay"
    assert tab.pages.currentWidget() is tab.fields
    assert tab.pages.tabText(tab.pages.currentIndex()) == "Còn &thiếu (3)"
    assert "Còn thiếu 3 trường bắt buộc" in tab.fields.summary.text()
    keys = list(tab.fields.rows)
    assert keys[:3] == ["guidance_letter", "upper_plan", "next_plan"]
    qtbot.waitUntil(tab.fields.rows["guidance_letter"].number.hasFocus)
    plan = tab.fields.rows["commune_plan"]
    assert (plan.number.text(), plan.date.text()) == ("1332/KH-UBND", "31/12/2021")
    sources = [
        w.text() for w in tab.fields.body.findChildren(type(tab.missing)) if "Nguồn" in w.text()
    ]
    assert any("sổ tài liệu kiểm chứng: 1332/KH-UBND" in t for t in sources)
    assert tab.fields.rows["service_index"].edit.text() == "65,67"


def test_typing_the_references_rewrites_their_sentences(tab, qtbot, window) -> None:
    tab.show_fields()
    _fill(qtbot, tab, "guidance_letter", "01/UBND-NV", "10/01/2023")
    qtbot.mouseClick(tab.fields.save_btn, Qt.MouseButton.LeftButton)
    with window.ws.session() as s:
        r = report_info(s, tab.current_id)
    assert "Căn cứ Công văn số 01/UBND-NV ngày 10/01/2023 của UBND huyện Ninh Giang" in (
        r.section("can_cu").text
    )
    assert tab.pages.tabText(tab.pages.indexOf(tab.fields)) == "Còn &thiếu (2)"
    assert "Công văn" not in tab.missing.text()


def test_a_date_that_does_not_exist_is_said_and_nothing_is_saved(tab, qtbot, window) -> None:
    tab.show_fields()
    _fill(qtbot, tab, "guidance_letter", "01/UBND-NV", "31/02/2023")
    _fill(qtbot, tab, "upper_plan", "15/KH-UBND", "20/12/2022")
    tab.fields.save_btn.click()
    assert tab.fields.message.isVisible()
    assert "không tồn tại (tháng 2 năm 2023 không có ngày 31)" in tab.fields.message.text()
    with window.ws.session() as s:
        text = report_info(s, tab.current_id).section("trien_khai").text
    assert "15/KH-UBND" not in text  # nothing written while one field is wrong
    assert tab.fields.rows["upper_plan"].number.text() == "15/KH-UBND"  # nor lost


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")
def test_calendar_button_fills_the_date(tab, qtbot) -> None:
    from PySide6.QtCore import QDate

    tab.show_fields()
    field = tab.fields.rows["next_plan"].date
    menu = field.open_calendar()
    field.calendar.clicked.emit(QDate(2022, 12, 28))
    assert not menu.isVisible()
    assert field.text() == "28/12/2022"


def test_export_refuses_blanks_and_offers_a_draft(tab, qtbot, monkeypatch, boxes, tmp_path):
    target = tmp_path / "BC-07.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    boxes.answer = boxes.answer.No  # "Điền các trường còn thiếu"
    tab.word_btn.click()
    assert "Còn chỗ trống ở 3 trường bắt buộc" in boxes.texts[-1]
    assert "Công văn hướng dẫn chấm điểm Chỉ số CCHC năm 2022 (guidance_letter)" in boxes.texts[-1]
    assert boxes.buttons == ["Xuất bản nháp có chỗ trống", "Điền các trường còn thiếu"]
    assert tab.last_job is None and not target.exists()
    assert tab.pages.currentWidget() is tab.fields

    boxes.answer = boxes.answer.Yes  # "Xuất bản nháp có chỗ trống"
    tab.word_btn.click()
    with qtbot.waitSignal(tab.last_job.finished, timeout=20000):
        pass
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "Căn cứ Công văn số …/UBND-NV ngày …" in text
    assert "(Chưa" not in text and "Soạn lại" not in text


def test_done_when_through_the_window(tab, qtbot, monkeypatch, boxes, tmp_path) -> None:
    tab.show_fields()
    _fill(qtbot, tab, "guidance_letter", "01/UBND-NV", "10/01/2023")
    _fill(qtbot, tab, "upper_plan", "15", "20/12/2022")
    _fill(qtbot, tab, "next_plan", "1450", "28/12/2022")
    tab.fields.save_btn.click()
    assert "Đã điền đủ các trường bắt buộc" in tab.fields.summary.text()
    assert not tab.missing.isVisible()

    out = tmp_path / "BC-07.docx"
    target = {"path": out}
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target["path"]), ""))
    tab.word_btn.click()
    with qtbot.waitSignal(tab.last_job.finished, timeout=20000):
        pass
    target["path"] = tmp_path / "BC-07.pdf"
    tab.pdf_btn.click()
    with qtbot.waitSignal(tab.last_job.finished, timeout=20000):
        pass
    assert boxes.texts == []  # nothing to ask: the report is complete
    doc = Document(str(out))
    docx_text = "\n".join(
        [p.text for p in doc.paragraphs]
        + [c.text for t in doc.tables for row in t.rows for c in row.cells]
    )
    pdf_text = subprocess.run(
        ["pdftotext", str(tmp_path / "BC-07.pdf"), "-"], capture_output=True, text=True
    ).stdout
    for text in (docx_text, " ".join(pdf_text.split())):
        assert "…" not in text and "(Chưa" not in text and "Soạn lại" not in text
        for phrase in (
            "Số: 07/BC-UBND",
            "Căn cứ Công văn số 01/UBND-NV ngày 10/01/2023",
            "Thực hiện Kế hoạch số 1332/KH-UBND ngày 31/12/2021",
            "Thực hiện Kế hoạch số 15/KH-UBND ngày 20/12/2022",
            "Kế hoạch số 1450/KH-UBND",
            "Nguyễn Văn Hùng",
        ):
            assert phrase in text, phrase
    assert tab.current.status == "exported"
    assert not any(s.edited for s in tab.current.sections)  # no section typed into


def test_several_plans_in_the_register_the_officer_picks_one(qtbot, ws, tmp_path) -> None:
    from desktop.core.evidence.documents import NewDocument, add_document

    fill_seed_002(ws, tmp_path)
    scan = tmp_path / "20-KH.pdf"
    scan.write_bytes(b"%PDF-1.4 ke hoach 20")
    with ws.transaction() as s:
        add_document(s, ws.store, NewDocument(2022, "20/KH-UBND", date(2022, 1, 10), "Kế hoạch",
                     "Kế hoạch tuyên truyền cải cách hành chính năm 2022"), [scan], ["1.1.1"])  # fmt: skip
        create_index_report(
            s, index_year=2022, period=PERIOD, number="7", report_date=date(2023, 4, 4)
        )
    w = MainWindow(ws)
    qtbot.addWidget(w)
    w.load()
    w.show()
    qtbot.waitExposed(w)
    tab = w.screens.open("ReportsTab")
    tab.show_fields()
    row = tab.fields.rows["commune_plan"]
    assert row.info.blank and row.pick is not None
    assert "commune_plan" in list(tab.fields.rows)[:4]  # listed among what is missing
    items = [row.pick.itemText(i) for i in range(row.pick.count())]
    assert items[1].startswith("1332/KH-UBND ngày 31/12/2021") and items[2].startswith("20/KH")
    row.pick.setFocus()
    qtbot.waitUntil(row.pick.hasFocus)
    qtbot.keyClick(row.pick, Qt.Key.Key_Down)
    qtbot.keyClick(row.pick, Qt.Key.Key_Down)  # the second plan
    assert (row.number.text(), row.date.text()) == ("20/KH-UBND", "10/01/2022")
    tab.fields.save_btn.click()
    picked = tab.fields.rows["commune_plan"]
    assert picked.info.source.startswith("sổ tài liệu kiểm chứng (đã chọn): 20/KH-UBND")
    with w.ws.session() as s:
        text = report_info(s, tab.current_id).section("mo_dau").text
    assert "Kế hoạch số 20/KH-UBND ngày 10/01/2022" in text
