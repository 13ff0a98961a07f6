"""The Báo cáo screen as the officer uses it: the register, a new report, section edits
kept, "Soạn lại mục này" with the difference, Word and PDF export in the background, print
preview, every status up to uploaded."""

from __future__ import annotations

import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from report_seed import PERIOD, fill_seed_002

from desktop.core.report.store import create_index_report, report_info
from desktop.core.results.store import set_result
from desktop.ui.main_window import MainWindow
from desktop.ui.report.dialogs import NewReportDialog, RedraftDialog, UploadDialog


@pytest.fixture
def window(qtbot, ws, tmp_path):
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
    w.activateWindow()
    qtbot.waitActive(w)
    return w


@pytest.fixture
def tab(window):
    tab = window.screens.open("ReportsTab")
    assert window.tabs.currentWidget() is tab
    return tab


def _select_section(tab, key: str) -> None:
    for i in range(tab.sections.list.count()):
        if tab.sections.list.item(i).data(Qt.ItemDataRole.UserRole) == key:
            tab.sections.list.setCurrentRow(i)
            return
    raise AssertionError(key)


def test_ctrl_7_opens_the_register(window, qtbot) -> None:
    act = next(a for a in window.findChildren(type(window.act_about)) if a.text() == "Báo cáo")
    assert act.shortcut().toString() == "Ctrl+7"
    act.trigger()
    tab = window.tabs.currentWidget()
    assert type(tab).__name__ == "ReportsTab"
    assert tab.model.texts() == [["123/BC-UBND", "04/04/2023", "2022", "Bản nháp"]]
    assert "15/12/2022 – 30/03/2023" in tab.title.text()


def test_an_edit_is_kept_and_marked(tab, qtbot, window) -> None:
    _select_section(tab, "ket_luan")
    tab.sections.body.setFocus()
    tab.sections.body.setPlainText("Trên đây là báo cáo của xã Đồng Tâm./.")
    qtbot.waitUntil(tab.sections.body.hasFocus)
    qtbot.keyClick(tab.sections.body, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    with window.ws.session() as s:
        sec = report_info(s, tab.current_id).section("ket_luan")
    assert sec.text == "Trên đây là báo cáo của xã Đồng Tâm./." and sec.edited
    names = [tab.sections.list.item(i).text() for i in range(tab.sections.list.count())]
    assert "Kết luận ✎" in names
    # switching sections saves what was typed
    _select_section(tab, "mo_dau")
    tab.sections.body.setPlainText("Ủy ban nhân dân xã báo cáo như sau:")
    _select_section(tab, "can_cu")
    with window.ws.session() as s:
        assert report_info(s, tab.current_id).section("mo_dau").text.endswith("như sau:")


def test_redraft_shows_the_difference(tab, window, monkeypatch) -> None:
    _select_section(tab, "han_che")
    tab.sections.body.setPlainText("- Ý kiến riêng của công chức.")
    tab.sections.save()
    with window.ws.transaction() as s:
        set_result(s, 2022, "6", Decimal(6), rank="8/12")
    window.dataChanged.emit()
    seen = {}

    def accept(dialog) -> int:
        from PySide6.QtWidgets import QTextBrowser

        seen["text"] = dialog.findChild(QTextBrowser).toPlainText()
        return 1

    monkeypatch.setattr(RedraftDialog, "exec", accept)
    _select_section(tab, "han_che")
    tab.sections.redraft_btn.click()
    assert "− - Ý kiến riêng của công chức." in seen["text"]
    assert any(
        "đạt 6/7 điểm, bị trừ 1 điểm" in ln
        for ln in seen["text"].splitlines()
        if ln.startswith("+")
    )
    assert "đạt 6/7 điểm, bị trừ 1 điểm" in tab.sections.body.toPlainText()


def test_refresh_keeps_edits_and_says_where_figures_changed(tab, window, boxes) -> None:
    _select_section(tab, "han_che")
    tab.sections.body.setPlainText("- Ý kiến riêng.")
    tab.sections.save()
    with window.ws.transaction() as s:
        set_result(s, 2022, "6", Decimal(6), rank="8/12")
    tab.sections.refresh_btn.click()
    assert "Các mục đã sửa tay được giữ nguyên" in boxes.texts[-1]
    assert "I.2.2. Tồn tại, hạn chế" in boxes.texts[-1]
    assert tab.sections.body.toPlainText() == "- Ý kiến riêng."
    _select_section(tab, "ket_qua")
    assert (
        "Cải cách tài chính công: đạt 6/7 điểm, xếp hạng 8/12;" in tab.sections.body.toPlainText()
    )


def test_new_report_from_the_dialog(tab, monkeypatch, boxes) -> None:
    def fill(dialog) -> int:
        dialog.number.setText("124")
        dialog.period.preset.setCurrentIndex(1)  # Quý I năm 2023 (ND 09)
        return 1

    monkeypatch.setattr(NewReportDialog, "exec", fill)
    tab.new_btn.click()
    assert len(tab.model.rows) == 2
    r = tab.current
    assert r.number_text == "124/BC-UBND" and (r.period_from, r.period_to) == (
        date(2022, 12, 15),
        date(2023, 3, 14),
    )
    assert "Chưa nhập Chỉ số phục vụ" in boxes.texts[-1]  # no hand figures for that range


def test_export_word_and_pdf_in_the_background(tab, qtbot, monkeypatch, boxes, tmp_path) -> None:
    out = tmp_path / "xuat"
    out.mkdir()
    target = {"path": out / "BC-123.docx"}
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target["path"]), ""))
    boxes.answer = boxes.answer.Yes  # blanks "…" remain: export anyway
    tab.word_btn.click()
    with qtbot.waitSignal(tab.last_job.finished, timeout=20000):
        pass
    assert (out / "BC-123.docx").is_file()
    assert "Còn chỗ trống" in boxes.texts[0]
    assert tab.current.status == "exported" and tab.open_word_btn.isEnabled()
    target["path"] = out / "BC-123"  # no suffix typed: .pdf is added
    tab.pdf_btn.click()
    with qtbot.waitSignal(tab.last_job.finished, timeout=20000):
        pass
    pdf = out / "BC-123.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    text = " ".join(text.split())  # where a line breaks depends on the installed fonts
    assert "188 hồ sơ đạt 97,9%" in text
    assert tab.current.last_pdf == str(pdf)


def test_export_refused_when_the_officer_says_no(tab, monkeypatch, boxes, tmp_path) -> None:
    called = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: called.append(1))
    boxes.answer = boxes.answer.No
    tab.word_btn.click()
    assert called == [] and tab.last_job is None


def test_print_preview_renders_the_report(tab, qtbot, tmp_path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from desktop.core.report.layout import build_document
    from desktop.ui.report.preview import preview_dialog

    dlg = preview_dialog(tab, build_document(tab.current))
    qtbot.addWidget(dlg)
    dlg.show()  # the dialog lays the pages out with its own printer, kept alive with it
    qtbot.waitExposed(dlg)
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    qtbot.waitUntil(lambda: dlg.findChild(QPrintPreviewWidget).pageCount() >= 4)
    labels = {a.text() for a in dlg.findChildren(type(tab.window.act_about))}
    assert {"Trang sau", "Phóng to", "In…"} <= labels
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "xem-truoc.pdf"))
    dlg.paintRequested.emit(printer)
    del printer
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "xem-truoc.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "87,75/100 điểm" in " ".join(text.split())


def test_every_status_from_the_screen(tab, monkeypatch, boxes, tmp_path, window) -> None:
    scan = tmp_path / "ban-da-ky.pdf"
    scan.write_bytes(b"%PDF-1.4 signed and sealed")
    assert not tab.sign_btn.isEnabled() and not tab.handed_btn.isEnabled()
    tab.printed_btn.click()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(scan), ""))
    tab.sign_btn.click()
    assert tab.open_scan_btn.isEnabled()
    assert not tab.sections.save_btn.isEnabled()  # a signed report's text is fixed
    tab.handed_btn.click()

    def fill(dialog) -> int:
        dialog.note.insert("Phần mềm chấm điểm của tỉnh")
        return 1

    monkeypatch.setattr(UploadDialog, "exec", fill)
    tab.upload_btn.click()
    r = tab.current
    assert [e.status for e in r.events] == ["draft", "printed", "signed", "handed_off", "uploaded"]
    assert r.upload_note == "Phần mềm chấm điểm của tỉnh"
    assert tab.history.count() == 5
    assert "Đã tải lên" in tab.status_label.text()
    assert boxes.texts == []


def test_delete_key_asks_first(tab, qtbot, boxes) -> None:
    boxes.answer = boxes.answer.No
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert len(tab.model.rows) == 1
    boxes.answer = boxes.answer.Yes
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert tab.model.rows == [] and tab.empty.isVisible()
    assert "Xóa bản nháp báo cáo số 123/BC-UBND?" in boxes.texts[0]


def test_header_form_saves_number_date_and_margins(tab, window) -> None:
    tab.pages.setCurrentIndex(1)
    form = tab.header
    form.number.setText("130")
    form.margins["left"].setValue(35)
    form.signer.setText("Phạm Văn C")
    form.save_btn.click()
    with window.ws.session() as s:
        r = report_info(s, tab.current_id)
    assert (r.number, r.margins.left, r.header.signer) == ("130", 35, "Phạm Văn C")
    assert Path(r.file_stem).name.startswith("BC-130-UBND-2023")
