"""The register tab: search without diacritics, filters, open, link to a second
sub-criterion, edit, delete with confirmation, drop files, the add dialog's checks."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt

from desktop.core.evidence.documents import delete_document
from desktop.core.evidence.query import RegisterFilter, list_register
from desktop.ui.catalog.tree import COL_CODE, COL_DOCS
from desktop.ui.evidence.dialog import DocumentDialog
from desktop.ui.evidence.node_picker import LinkDialog

YEAR = 2023


def open_register(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    tab = window.tabs.currentWidget()
    assert type(tab).__name__ == "RegisterTab"
    return tab


def numbers(tab) -> list[str]:
    return [r[0] for r in tab.model.texts()]


def docs_of(window, code: str) -> str:
    window.tree.view.expandAll()
    return next(r for r in window.tree.row_texts() if r[COL_CODE] == code)[COL_DOCS]


def test_register_lists_the_year_sorted_by_date(ev_window, qtbot) -> None:
    tab = open_register(ev_window, qtbot)
    assert numbers(tab) == ["08/BB-UBND", "12/KH-UBND", "45/BC-UBND"]
    assert tab.model.texts()[2][1:3] == ["15/06/2023", "Báo cáo"]
    assert tab.model.texts()[2][6:8] == ["1.2.1, 1.2.2", "1"]
    assert tab.count.text() == "3/3 tài liệu năm 2023"
    tab.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by number: 08, 12, 45
    tab.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert numbers(tab) == ["45/BC-UBND", "12/KH-UBND", "08/BB-UBND"]


def test_search_ignores_diacritics_case_and_unicode_form(ev_window, qtbot) -> None:
    tab = open_register(ev_window, qtbot)
    qtbot.keyClicks(tab.search, "KE HOACH tuyen")
    assert numbers(tab) == ["12/KH-UBND"]
    assert tab.count.text() == "1/3 tài liệu năm 2023"
    tab.search.clear()
    tab.search.insert(unicodedata.normalize("NFD", "biên bản"))
    assert numbers(tab) == ["08/BB-UBND"]
    tab.search.clear()
    assert len(numbers(tab)) == 3


def test_filters_by_area_kind_responsible_and_status(ev_window, qtbot) -> None:
    tab = open_register(ev_window, qtbot)
    tab.area.setCurrentIndex(tab.area.findData("3"))
    assert numbers(tab) == ["08/BB-UBND"]
    tab.area.setCurrentIndex(0)
    tab.kind.setCurrentIndex(tab.kind.findData("Kế hoạch"))
    assert numbers(tab) == ["12/KH-UBND"]
    tab.kind.setCurrentIndex(0)
    tab.responsible.setCurrentIndex(tab.responsible.findData("Phạm Thị Dung"))
    assert numbers(tab) == ["08/BB-UBND", "45/BC-UBND"]
    tab.status.setCurrentIndex(tab.status.findData("unlinked"))
    assert numbers(tab) == []


def test_enter_opens_the_file_and_detail_shows_sub_criteria(ev_window, qtbot, opened) -> None:
    w = ev_window
    tab = open_register(w, qtbot)
    assert tab.select_document(_id(tab, "45/BC-UBND"))
    assert [tab.codes.item(i).text() for i in range(tab.codes.count())] == [
        "1.2.1  Báo cáo định kỳ đầy đủ về số lượng và nội dung",
        "1.2.2  Báo cáo đúng thời hạn",
    ]
    assert tab.files.item(0).text() == "45-BC-UBND.pdf"
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert opened[-1].endswith("45-BC-UBND.pdf")
    tab.codes.setCurrentRow(1)
    tab.codes.itemActivated.emit(tab.codes.item(1))
    assert w.tabs.currentWidget() is w.catalog_tab  # Bộ tiêu chí (after Việc cần làm)
    assert w.tree.current_node_id() == w.node_by_code("1.2.2")


def _id(tab, number: str) -> int:
    return next(r.id for r in tab.model.rows if r.number == number)


def test_link_to_a_second_sub_criterion(ev_window, qtbot) -> None:
    w = ev_window
    tab = open_register(w, qtbot)
    tab.select_document(_id(tab, "12/KH-UBND"))
    qtbot.keyClick(tab.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    (dlg,) = w.findChildren(LinkDialog)
    assert dlg.picker.checked_codes() == ["1.4.1"]
    dlg.picker.filter.insert("đa dạng")
    dlg.picker.set_checked(["1.4.1", "1.4.3"])
    with qtbot.waitSignal(w.dataShown):
        qtbot.keyClick(dlg.picker.filter, Qt.Key.Key_Return)  # Enter = Lưu
    with w.ws.session() as s:
        (row,) = list_register(s, RegisterFilter(year=YEAR, search="12/KH"))
        files = [f.sha256 for f in row.files]
    assert row.codes == ("1.4.1", "1.4.3")
    assert len(files) == 1 and len(list(w.ws.store.iter_stored())) == 3  # nothing copied
    assert tab.model.texts()[numbers(tab).index("12/KH-UBND")][6] == "1.4.1, 1.4.3"
    assert docs_of(w, "1.4.3") == "1" and docs_of(w, "1.4") == "1"  # one document


def test_delete_asks_first_then_releases_the_file(ev_window, qtbot, boxes) -> None:
    w = ev_window
    tab = open_register(w, qtbot)
    doc_id = _id(tab, "08/BB-UBND")
    tab.select_document(doc_id)
    with w.ws.session() as s:
        (row,) = list_register(s, RegisterFilter(year=YEAR, ids=(doc_id,)))
    sha = row.files[0].sha256
    boxes.answer = boxes.answer.No
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert "Xóa biên bản 08/BB-UBND (tiêu chí 3.1.1)" in boxes.texts[-1]
    assert sorted(boxes.buttons) == ["Có", "Không"]
    assert "08/BB-UBND" in numbers(tab) and w.ws.store.has(sha)
    boxes.answer = boxes.answer.Yes
    with qtbot.waitSignal(w.dataShown):
        qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert numbers(tab) == ["12/KH-UBND", "45/BC-UBND"]
    assert not w.ws.store.has(sha)
    assert docs_of(w, "3.1.1") == ""
    assert "2 tài liệu" in w.status_year.text()


def test_drop_files_on_the_register_opens_the_add_dialog(ev_window, qtbot, drop, make_file):
    w = ev_window
    tab = open_register(w, qtbot)
    scan = make_file("05_KH-UBND_12-01-2023.docx", b"PK word")
    assert drop(tab.table.viewport(), [scan])
    (dlg,) = w.findChildren(DocumentDialog)
    assert (dlg.number.text(), dlg.kind.currentText()) == ("05/KH-UBND", "Kế hoạch")
    assert dlg.picker.checked_codes() == []
    dlg.summary.insert("Kế hoạch kiểm soát thủ tục hành chính")
    dlg.responsible.setCurrentText("Lê Văn Cường")
    with qtbot.waitSignal(w.dataShown, timeout=10_000):
        dlg.save_btn.click()
    assert "05/KH-UBND" in numbers(tab)
    tab.status.setCurrentIndex(tab.status.findData("unlinked"))
    assert numbers(tab) == ["05/KH-UBND"]
    assert tab.responsible.findData("Lê Văn Cường") > 0


def test_bad_date_is_explained_in_the_dialog_and_nothing_saved(ev_window, qtbot, make_file):
    w = ev_window
    from desktop.ui.evidence.actions import add_documents

    dlg = add_documents(w, [make_file("scan.pdf")], ["1.1.1"])
    dlg.number.insert("77/TB-UBND")
    qtbot.keyClicks(dlg.date, "31/02/2023")
    qtbot.keyClick(dlg.number, Qt.Key.Key_Return)
    assert dlg.isVisible() and dlg.error.isVisible()
    assert "tháng 2 năm 2023 không có ngày 31" in dlg.error.text()
    with w.ws.session() as s:
        assert list_register(s, RegisterFilter(year=YEAR, search="77/TB")) == []
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)  # Esc = Hủy
    assert not dlg.isVisible()


def test_core_refusal_is_shown_and_the_dialog_stays(ev_window, qtbot, boxes, make_file) -> None:
    w = ev_window
    from desktop.ui.evidence.actions import add_documents

    dlg = add_documents(w, [make_file("rong.pdf", b"")], ["1.1.1"])
    dlg.save_btn.click()
    qtbot.waitUntil(lambda: dlg.job is None, timeout=10_000)
    assert any("rỗng (0 byte)" in t for t in boxes.texts)
    assert dlg.isVisible() and dlg.save_btn.isEnabled()
    assert len(list(w.ws.store.iter_stored())) == 3


def test_edit_changes_fields_and_files(ev_window, qtbot, make_file) -> None:
    w = ev_window
    tab = open_register(w, qtbot)
    tab.select_document(_id(tab, "45/BC-UBND"))
    qtbot.keyClick(tab.table, Qt.Key.Key_F2)
    (dlg,) = w.findChildren(DocumentDialog)
    assert dlg.windowTitle() == "Sửa tài liệu kiểm chứng"
    assert dlg.date.text() == "15/06/2023" and dlg.responsible.currentText() == "Phạm Thị Dung"
    old_sha = dlg.files.item(0).data(Qt.ItemDataRole.UserRole + 1).sha256
    dlg.files.setCurrentRow(0)
    dlg.remove_file_btn.click()
    dlg.add_paths([make_file("45-BC-UBND-ky-so.pdf", b"%PDF ban ky so")])
    dlg.signer.insert("Nguyễn Văn An")
    dlg.picker.set_checked(["1.2.1"])
    with qtbot.waitSignal(w.dataShown, timeout=10_000):
        dlg.save_btn.click()
    with w.ws.session() as s:
        (row,) = list_register(s, RegisterFilter(year=YEAR, search="45/BC"))
    assert row.signer == "Nguyễn Văn An" and row.codes == ("1.2.1",)
    assert [f.name for f in row.files] == ["45-BC-UBND-ky-so.pdf"]
    assert not w.ws.store.has(old_sha)
    assert docs_of(w, "1.2.2") == ""


def test_register_reads_changes_made_elsewhere_when_shown_again(ev_window, qtbot) -> None:
    w = ev_window
    tab = open_register(w, qtbot)
    w.tabs.setCurrentIndex(0)
    with w.ws.transaction() as s:
        delete_document(s, _id(tab, "45/BC-UBND"))
    w.dataChanged.emit()
    assert "45/BC-UBND" in numbers(tab)  # not read while hidden
    qtbot.keyClick(w, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert numbers(tab) == ["08/BB-UBND", "12/KH-UBND"]
