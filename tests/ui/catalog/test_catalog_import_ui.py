"""Năm → Nhập bộ tiêu chí từ tệp… and Năm mới từ năm trước…, as the officer uses them."""

from __future__ import annotations

import pytest
from results_helpers import fill, open_window, pick_file, visible_dialog
from results_sheets import catalog_broken, catalog_with_roman

from db.models_results import NodeAssignment
from desktop.core.evidence.documents import NewDocument, add_document, nodes_by_code
from desktop.ui.catalog.import_dialog import CatalogImportDialog
from desktop.ui.years.rollover_dialog import COL_NEW, NewYearDialog


@pytest.fixture
def window(qtbot, ws):
    fill(ws)
    return open_window(qtbot, ws)


def _dialog(window, qtbot, cls=CatalogImportDialog):
    return visible_dialog(qtbot, window, cls)


def test_broken_sheet_is_previewed_fixed_and_saved(window, qtbot, boxes, monkeypatch, tmp_path):
    path = catalog_broken(tmp_path / "bo-tieu-chi-loi.xlsx")
    asked = pick_file(monkeypatch, path)
    window.act_import_catalog.trigger()
    dlg = _dialog(window, qtbot)
    assert asked == ["Chọn tệp bộ tiêu chí năm 2023"]
    assert "THAY THẾ" in dlg.notice.text() and "Bộ tiêu chí mẫu" in dlg.notice.text()
    texts = dlg.problems.texts()
    assert "Lỗi: Sheet “Sheet1”, dòng 3: Điểm tối đa “mười” của 1.1 không phải là số." in texts
    assert any("dòng 4: Mã 1.1 bị trùng (đã có ở dòng 3)" in t for t in texts)
    assert any("dòng 5: Mã 2.3 không có mục cha 2" in t for t in texts)
    assert texts[0].startswith("Lỗi:")  # errors first
    assert not dlg.save_button.isEnabled()
    assert "sửa hết các lỗi" in dlg.save_button.toolTip()
    # the officer clicks the problem about row 5: that row is selected in the table
    item = next(dlg.problems.item(i) for i in range(dlg.problems.count()) if "2.3" in texts[i])
    dlg.problems.itemClicked.emit(item)
    assert dlg.model.cell(dlg.table.currentIndex().row(), 1) == "2.3"

    # fix: a number for 1.1, a new code for the duplicate, drop the orphan
    m = dlg.model
    assert m.setData(m.index(1, 3), "5")
    assert m.setData(m.index(2, 1), "1,2")  # written badly on purpose: normalised
    assert m.cell(2, 1) == "1.2"
    dlg.table.setCurrentIndex(m.index(3, 0))
    boxes.answer = boxes.answer.Yes
    dlg.remove_button.click()
    assert "Bỏ dòng 5 (mã 2.3" in boxes.texts[-1]
    assert [m.cell(r, 1) for r in range(m.rowCount())] == ["1", "1.1", "1.2", "3"]
    assert dlg.preview.errors == []
    assert dlg.problems.texts() == [
        "Cảnh báo: Sheet “Sheet1”, dòng 2: Tổng điểm các mục con của 1 là 10, khác điểm tối đa 15."
    ]
    assert not dlg.save_button.isEnabled()  # warnings must be accepted explicitly
    dlg.accept_warnings.setChecked(True)
    assert dlg.save_button.isEnabled()
    with qtbot.waitSignal(window.dataShown):
        dlg.save_button.click()
    assert [r[0] for r in window.tree.row_texts()] == ["1", "1.1", "1.2", "3"]
    assert "Đã thay thế bộ tiêu chí “Bộ tiêu chí mẫu" in boxes.texts[-1]
    assert "4 mục, tổng 100 điểm" in boxes.texts[-1]


def test_nothing_is_written_until_accepted(window, qtbot, boxes, monkeypatch, tmp_path):
    pick_file(monkeypatch, catalog_with_roman(tmp_path / "phu-luc.xlsx", year=2023))
    before = window.tree.row_texts()
    window.act_import_catalog.trigger()
    dlg = _dialog(window, qtbot)
    assert dlg.model.rowCount() > 10
    dlg.reject()
    window.refresh()
    assert window.tree.row_texts() == before


def test_a_year_with_evidence_is_not_replaced(window, qtbot, boxes, monkeypatch, tmp_path):
    scan = tmp_path / "kh.pdf"
    scan.write_bytes(b"%PDF-1.4 ke hoach")
    with window.ws.transaction() as s:
        add_document(s, window.ws.store, NewDocument(2023, "5/KH-UBND"), [scan], ["1.1.1"])
    pick_file(monkeypatch, catalog_with_roman(tmp_path / "phu-luc.xlsx", year=2023))
    window.act_import_catalog.trigger()
    dlg = _dialog(window, qtbot)
    assert "không thể thay thế" in dlg.notice.text()
    assert "1 liên kết tài liệu kiểm chứng" in dlg.notice.text()
    dlg.accept_warnings.setChecked(True)
    assert not dlg.save_button.isEnabled()


def test_new_year_copies_last_year_with_an_edited_mapping(window, qtbot, boxes):
    with window.ws.transaction() as s:
        (node,) = nodes_by_code(s, 2023, ["1.4"])
        s.add(NodeAssignment(node_id=node.id, officer="Văn hóa - Xã hội", note="trước 31/12"))
    window.act_new_year_from.trigger()
    dlg = _dialog(window, qtbot, NewYearDialog)
    assert (dlg.from_year, dlg.target.value()) == (2023, 2024)
    assert "Năm 2024 chưa có bộ tiêu chí" in dlg.notice.text()
    assert "72 giữ mã, 0 đổi mã, 0 không có mục tương ứng" in dlg.summary.text()
    m = dlg.model
    row = next(i for i, r in enumerate(m.rows) if r.old_code == "1.4")
    # the "Mã năm mới" cell offers the new year's codes in a combo
    editor = dlg.table.itemDelegateForColumn(COL_NEW).createEditor(
        dlg.table.viewport(), None, m.index(row, COL_NEW)
    )
    assert editor.itemText(0) == "(không có mục tương ứng)" and editor.count() == 73
    editor.setCurrentIndex(editor.findData("1.2"))
    dlg.table.itemDelegateForColumn(COL_NEW).setModelData(editor, m, m.index(row, COL_NEW))
    assert m.index(row, COL_NEW).data() == "1.2"
    assert m.index(row, 5).data() == "do người dùng chọn"
    assert "71 giữ mã, 1 đổi mã" in dlg.summary.text()
    with qtbot.waitSignal(window.dataShown):
        dlg.ok_button.click()
    assert window.year == 2024
    assert len(window.tree.row_texts()) == 72
    assert window.year_combo.currentText() == "2024"
    assert "Chuyển người phụ trách, ghi chú cho 1 mục" in boxes.texts[-1]
    assert "Tài liệu kiểm chứng không được chuyển" in boxes.texts[-1]
    with window.ws.session() as s:
        (moved,) = nodes_by_code(s, 2024, ["1.2"])
        carried = s.get(NodeAssignment, moved.id)
        assert (carried.officer, carried.note) == ("Văn hóa - Xã hội", "trước 31/12")


def test_new_year_from_the_provinces_sheet(window, qtbot, boxes, monkeypatch, tmp_path):
    pick_file(monkeypatch, catalog_with_roman(tmp_path / "phu-luc.xlsx", year=2024))
    window.act_new_year_from.trigger()
    dlg = _dialog(window, qtbot, NewYearDialog)
    dlg.file_radio.setChecked(True)  # asks for the file and shows its preview to check
    check = _dialog(dlg, qtbot, CatalogImportDialog)
    assert check.save_button.text() == "&Dùng bộ tiêu chí này"
    if check.preview.warnings:
        check.accept_warnings.setChecked(True)
    check.save_button.click()
    assert "phu-luc.xlsx" in dlg.file_label.text()
    mapped = {r.old_code: r.new_code for r in dlg.model.rows}
    assert mapped["1"] == "1" and mapped["5.4.3.4"] is None
    assert "không có mục tương ứng (tô vàng)" in dlg.summary.text()
    with qtbot.waitSignal(window.dataShown):
        dlg.ok_button.click()
    assert window.year == 2024
    assert window.overview.catalog.name.startswith("PHỤ LỤC I")


def test_new_year_over_a_year_with_evidence_is_refused(window, qtbot, boxes, tmp_path):
    scan = tmp_path / "kh.pdf"
    scan.write_bytes(b"%PDF-1.4 ke hoach")
    with window.ws.transaction() as s:
        add_document(s, window.ws.store, NewDocument(2023, "5/KH-UBND"), [scan], ["1.1.1"])
    window.act_new_year_from.trigger()
    dlg = _dialog(window, qtbot, NewYearDialog)
    dlg.source.setCurrentIndex(dlg.source.findData(2022))
    dlg.target.setValue(2023)
    assert "không thể thay thế" in dlg.notice.text()
    assert not dlg.ok_button.isEnabled()
    dlg.target.setValue(2024)
    assert dlg.ok_button.isEnabled()


def test_replacing_the_catalog_names_the_hand_set_rules_it_loses(
    window, qtbot, boxes, monkeypatch, tmp_path
):
    from openpyxl import load_workbook
    from results_sheets import catalog_with_codes

    from desktop.core.selfassess.entry import set_node_rule

    with window.ws.transaction() as s:  # the sample catalog of 2023
        set_node_rule(s, 2023, "1.1.1", "co/khong")
        set_node_rule(s, 2023, "1.1.2", "co/khong")
    path = catalog_with_codes(tmp_path / "bo.xlsx")
    wb = load_workbook(path)
    for row in wb.active.iter_rows():
        if str(row[0].value).strip() == "1.1.1":
            row[0].value = "1.1.9"  # 1.1.1 is gone from the new catalog
    wb.save(path)
    pick_file(monkeypatch, path)
    window.act_import_catalog.trigger()
    dlg = _dialog(window, qtbot)
    text = dlg.notice.text()
    assert "cách tính điểm đặt tay được giữ theo mã" in text
    assert "MẤT cách tính điểm đặt tay ở 1 mục" in text and text.endswith(": 1.1.1.")
    dlg.reject()
