"""The province's catalog from a Word decision, a PDF, a pasted table; the banner's buttons;
the template and the export, as the officer uses them from the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from catalog_annexes import EXPECTED, clipboard_tsv, portal_html, whole_decision_docx
from openpyxl import load_workbook
from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication
from results_helpers import fill, open_window, pick_file, visible_dialog

from desktop.ui.catalog.import_dialog import CatalogImportDialog

PDF = Path(__file__).parents[2] / "core" / "data" / "phu-luc-chi-so-cchc.pdf"


@pytest.fixture
def window(qtbot, ws):
    fill(ws)  # 2022: the built-in 10 areas (incomplete); 2023: the sample set
    w = open_window(qtbot, ws)
    with qtbot.waitSignal(w.dataShown):
        w.year_combo.setCurrentIndex(w.year_combo.findData(2022))
    return w


def test_the_banner_names_the_ways_with_buttons(window, qtbot, boxes, monkeypatch, tmp_path):
    tab = window.catalog_tab
    assert tab.banner_actions.isVisible()
    text = window.banner.text()
    assert "Word hoặc PDF của quyết định" in text and "trang web" in text
    assert "Dán bảng" in text and "tệp mẫu" in text and "chưa đầy đủ" in text
    buttons = (tab.import_button, tab.paste_button, tab.bundle_button, tab.template_button)
    assert [b.text() for b in buttons] == [
        "Nhập từ tệp (&Word, PDF, trang web, Excel)…",
        "&Dán bảng",
        "Gói của đồng ng&hiệp",
        "Tải tệp &mẫu…",
    ]
    assert "gói của đồng nghiệp" in text
    assert [a.text() for a in tab.bundle_button.menu().actions()] == [
        "&Thư mục gói…",
        "Tệp gói .&zip…",
    ]
    out = tmp_path / "mau"
    asked = pick_file(monkeypatch, out)
    tab.template_button.click()
    assert asked == ["Lưu tệp mẫu bộ tiêu chí"]
    saved = out.with_suffix(".xlsx")
    assert load_workbook(saved).sheetnames == ["Bộ tiêu chí", "Hướng dẫn"]
    assert "Đã lưu tệp mẫu mau.xlsx" in boxes.texts[-1]
    # the sample set of 2023 is complete: no buttons there
    with qtbot.waitSignal(window.dataShown):
        window.year_combo.setCurrentIndex(window.year_combo.findData(2023))
    assert not tab.banner_actions.isVisible()


def test_a_word_decision_previewed_and_saved(window, qtbot, boxes, monkeypatch, tmp_path):
    path = whole_decision_docx(tmp_path / "qd-3395.docx")
    asked = pick_file(monkeypatch, path)
    window.catalog_tab.import_button.click()
    dlg = visible_dialog(qtbot, window, CatalogImportDialog)
    assert asked == ["Chọn tệp bộ tiêu chí năm 2022"]
    assert "qd-3395.docx</b> (tài liệu Word, Bảng 4 – Bảng 6): 21 mục" in dlg.source.text()
    assert "Quyết định số 3395/QĐ-UBND ngày 15/12/2024 của UBND tỉnh Hải Dương" in (
        dlg.source.text()
    )
    m = dlg.model
    shown = [m.index(r, 1).data() for r in range(m.rowCount())]
    assert shown[:4] == ["1 ← I", "1.1 ← 1", "1.1.1 ← a)", "1.1.2 ← b)"]
    assert [m.cell(r, 1) for r in range(m.rowCount())] == [c for c, *_ in EXPECTED]
    assert m.cell(0, 0) == "Bảng 4, dòng 3"
    row = next(r for r in range(m.rowCount()) if m.cell(r, 1) == "1.1.2")
    assert m.cell(row, 6) == "bac: 100=4; 80-<100=2; <80=0"
    assert m.index(row, 4).data().startswith("- Hoàn thành 100% kế hoạch: 4 điểm ⏎ - Từ 80%")
    # the year's title says 2025, the officer is on 2022: said, with the bonus area
    texts = dlg.problems.texts()
    assert any("khác năm 2022 đang nhập" in t for t in texts)
    assert any("Bảng 6, dòng 11: lĩnh vực 4 “ĐIỂM THƯỞNG”" in t for t in texts)
    assert not dlg.save_button.isEnabled()
    # the officer corrects a proposed rule in its cell
    assert m.setData(m.index(row, 6), "bac: 100=4; <100=0")
    assert dlg.preview.rows[row].rule_text == "bac: 100=4; <100=0"
    # the decision read from the opening is proposed; the officer corrects its date
    assert (dlg.decision_number.text(), dlg.decision_date.text(), dlg.issuer.text()) == (
        "3395/QĐ-UBND",
        "15/12/2024",
        "UBND tỉnh Hải Dương",
    )
    dlg.accept_warnings.setChecked(True)
    dlg.decision_date.setText("16/13/2024")
    dlg.save_button.click()
    assert "Ngày quyết định" in boxes.texts[-1] and dlg.isVisible()  # said, nothing saved
    dlg.decision_date.setText("16/12/2024")
    with qtbot.waitSignal(window.dataShown):
        dlg.save_button.click()
    assert [r[0] for r in window.tree.row_texts()] == [c for c, *_ in EXPECTED]
    assert str(window.overview.catalog.decision_date) == "2024-12-16"
    assert "Đã thay thế bộ tiêu chí" in boxes.texts[-1] and "21 mục" in boxes.texts[-1]
    assert not window.catalog_tab.banner_actions.isVisible()


def test_a_pasted_table_and_dan_bang_in_the_dialog(window, qtbot, boxes, monkeypatch, tmp_path):
    clip = QApplication.clipboard()
    data = QMimeData()
    data.setText(clipboard_tsv())
    clip.setMimeData(data)
    window.act_paste_catalog.trigger()
    dlg = visible_dialog(qtbot, window, CatalogImportDialog)
    assert dlg.source.text().startswith("<b>Bảng dán</b>: 21 mục")
    assert dlg.model.cell(0, 0) == "Bảng dán, dòng 2"
    # the officer copies the portal's table instead and presses "Dán bảng" again
    page = QMimeData()
    page.setHtml(portal_html(tmp_path / "cong.html").read_text(encoding="utf-8"))
    clip.setMimeData(page)
    dlg.paste_button.click()
    assert dlg.model.cell(0, 0) == "Bảng 3, dòng 3"
    assert dlg.model.rowCount() == 21
    # nothing usable on the clipboard: said, and the preview stays
    empty = QMimeData()
    empty.setText("một dòng chữ")
    clip.setMimeData(empty)
    dlg.paste_button.click()
    assert "Bộ nhớ tạm không có bảng nào" in boxes.texts[-1]
    assert dlg.model.rowCount() == 21
    dlg.reject()


def test_export_from_the_menu_and_a_scanned_pdf(window, qtbot, boxes, monkeypatch, tmp_path):
    out = tmp_path / "bo-2022.xlsx"
    asked = pick_file(monkeypatch, out)
    window.act_export_catalog.trigger()
    assert asked == ["Xuất bộ tiêu chí năm 2022"]
    assert "Đã xuất bộ tiêu chí năm 2022 (10 mục" in boxes.texts[-1]
    rows = list(load_workbook(out).active.iter_rows(min_row=5, values_only=True))
    assert [r[0] for r in rows] == [str(i) for i in range(1, 11)]
    # a PDF the officer has: read in the background, previewed
    pick_file(monkeypatch, PDF)
    window.act_import_catalog.trigger()
    dlg = visible_dialog(qtbot, window, CatalogImportDialog)
    assert dlg.model.cell(0, 0) == "Trang 3 (bảng 1), dòng 3"
    assert dlg.model.rowCount() == 21
    dlg.reject()
