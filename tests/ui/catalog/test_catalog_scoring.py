"""The catalog tab as the officer uses it: drop files on a sub-criterion, score it, see the
totals change at once, the inline message for a bad score, "không áp dụng"."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.core.evidence.query import RegisterFilter, list_register
from desktop.core.scoring.rollup import score_tree
from desktop.ui.catalog.tree import COL_CODE, COL_DOCS, COL_SCORE
from desktop.ui.evidence.dialog import DocumentDialog

YEAR = 2023


def row_of(window, code: str) -> tuple[str, ...]:
    window.tree.view.expandAll()
    return next(r for r in window.tree.row_texts() if r[COL_CODE] == code)


def select(window, code: str) -> None:
    assert window.tree.select_node(window.node_by_code(code))


def test_tree_shows_scores_status_and_totals(ev_window) -> None:
    w = ev_window
    assert row_of(w, "1.4.1")[COL_DOCS] == "1"
    assert w.tree.status_of(w.node_by_code("1.4.1")) == "evidence"
    assert w.tree.status_of(w.node_by_code("1.1.1")) == "no_evidence"
    assert "Tổng điểm tự chấm: 0" in w.catalog_tab.totals.text()
    assert "có tài liệu 4/50" in w.catalog_tab.totals.text()


def test_drop_files_on_a_sub_criterion_adds_a_document_linked_to_it(
    ev_window, qtbot, drop, make_file
) -> None:
    w = ev_window
    scan = make_file("123-BC-UBND 04.4.2023.pdf", b"%PDF bao cao ket qua")
    w.tree.view.expandAll()
    node_id = w.node_by_code("1.1.2")
    w.tree.select_node(node_id)
    view = w.tree.view
    rect = view.visualRect(view.currentIndex())
    view.clearSelection()
    # a drop on an area row is refused: evidence is filed under sub-criteria
    area_rect = view.visualRect(view.model().index(0, 0))
    assert not drop(view.viewport(), [scan], area_rect.center())
    assert w.findChildren(DocumentDialog) == []

    assert drop(view.viewport(), [scan], rect.center())
    (dlg,) = w.findChildren(DocumentDialog)
    # suggestions from the file name, pre-linked to the sub-criterion it was dropped on
    assert dlg.number.text() == "123/BC-UBND"
    assert dlg.date.text() == "04/04/2023"
    assert dlg.kind.currentText() == "Báo cáo"
    assert "123-BC-UBND 04.4.2023.pdf" in dlg.hints.text()
    assert dlg.picker.checked_codes() == ["1.1.2"]
    assert dlg.issuer.text() == "UBND xã Đồng Tâm"
    dlg.summary.insert("Báo cáo kết quả thực hiện kế hoạch CCHC")
    with qtbot.waitSignal(w.dataShown, timeout=10_000):
        qtbot.keyClick(dlg.summary, Qt.Key.Key_Return)  # Enter = Lưu
    assert not dlg.isVisible()
    with w.ws.session() as s:
        (row,) = list_register(s, RegisterFilter(year=YEAR, search="123/BC"))
    assert row.codes == ("1.1.2",) and row.issue_date.isoformat() == "2023-04-04"
    assert [f.name for f in row.files] == ["123-BC-UBND 04.4.2023.pdf"]
    assert w.ws.store.has(row.files[0].sha256)
    assert row_of(w, "1.1.2")[COL_DOCS] == "1"
    assert w.tree.status_of(node_id) == "evidence"


def test_drop_on_the_pane_adds_for_the_selected_sub_criterion(ev_window, drop, make_file) -> None:
    w = ev_window
    select(w, "3.5.1")
    assert drop(w.pane, [make_file("anh-niem-yet.jpg", b"\xff\xd8 anh")])
    (dlg,) = w.findChildren(DocumentDialog)
    assert dlg.picker.checked_codes() == ["3.5.1"]
    assert dlg.number.text() == ""  # nothing to suggest in that name
    dlg.reject()


def test_score_updates_totals_at_once(ev_window, qtbot) -> None:
    w = ev_window
    select(w, "1.4.1")
    pane = w.pane
    assert pane.score_box.isVisible() and pane.score_box.score_max.text() == "/ 1 điểm"
    qtbot.keyClicks(pane.score_box.score, "0,5")
    qtbot.keyClick(pane.score_box.score, Qt.Key.Key_Return)
    assert row_of(w, "1.4.1")[COL_SCORE] == "0,5"
    assert row_of(w, "1.4")[COL_SCORE] == "0,5"
    assert row_of(w, "1")[COL_SCORE] == "0,5"
    assert "Tổng điểm tự chấm: 0,5" in w.catalog_tab.totals.text()
    assert w.tree.status_of(w.node_by_code("1.4.1")) == "scored"
    assert w.tree.current_node_id() == w.node_by_code("1.4.1")  # selection kept

    select(w, "1.4.3")
    w.tree.view.setFocus()
    qtbot.keyClick(w.tree.view, Qt.Key.Key_F2)  # from the tree straight to the score box
    assert pane.score_box.score.hasFocus()
    qtbot.keyClicks(pane.score_box.score, "1.5")
    qtbot.keyClick(pane.score_box.score, Qt.Key.Key_Return)
    assert row_of(w, "1.4")[COL_SCORE] == "2"
    assert "Tổng điểm tự chấm: 2" in w.catalog_tab.totals.text()
    with w.ws.session() as s:
        assert str(score_tree(s, YEAR).self_score) == "2.000"


def test_not_applicable_is_shown_and_points_are_redistributed(ev_window, qtbot) -> None:
    w = ev_window
    select(w, "1.1.1")
    qtbot.keyClicks(w.pane.score_box.score, "1")
    qtbot.keyClick(w.pane.score_box.score, Qt.Key.Key_Return)
    select(w, "1.1.2")
    assert "chia lại điểm theo tỷ lệ" in w.pane.score_box.rule.text()
    w.pane.score_box.na.click()
    assert row_of(w, "1.1.2")[COL_SCORE] == "KAD"
    assert w.tree.status_of(w.node_by_code("1.1.2")) == "na"
    assert not w.pane.score_box.score.isEnabled()
    # 1.1 (3 points) = 1.1.1 (1) + 1.1.2 (2, not applicable): 1.1.1 carries all 3
    assert row_of(w, "1.1")[COL_SCORE] == "3"
    select(w, "1.1.1")
    assert "sau khi chia lại: 3" in w.pane.toPlainText()


def test_bad_score_shows_inline_message_and_saves_nothing(ev_window, qtbot, boxes) -> None:
    w = ev_window
    select(w, "1.4.1")
    pane = w.pane
    qtbot.keyClicks(pane.score_box.score, "7")
    qtbot.keyClick(pane.score_box.score, Qt.Key.Key_Return)
    assert pane.score_box.error.isVisible()
    assert pane.score_box.error.text() == "Điểm 7 của 1.4.1 vượt điểm tối đa 1."
    assert boxes.shown == []  # inline, no message box
    assert row_of(w, "1.4.1")[COL_SCORE] == ""
    pane.score_box.score.clear()
    qtbot.keyClicks(pane.score_box.score, "abc")
    assert not pane.score_box.error.isVisible()  # typing clears the message
    qtbot.keyClick(pane.score_box.score, Qt.Key.Key_Return)
    assert "không phải là số" in pane.score_box.error.text()
    with w.ws.session() as s:
        assert score_tree(s, YEAR).by_code["1.4.1"].self_score is None


def test_note_is_saved_with_the_score(ev_window, qtbot) -> None:
    w = ev_window
    select(w, "1.4.1")
    w.pane.score_box.note.insert("Chờ bản ký đóng dấu")
    qtbot.keyClick(w.pane.score_box.note, Qt.Key.Key_Return)
    select(w, "1.4.3")
    select(w, "1.4.1")
    assert w.pane.score_box.note.text() == "Chờ bản ký đóng dấu"


def test_pane_lists_documents_opens_and_unlinks(ev_window, qtbot, boxes, opened) -> None:
    w = ev_window
    select(w, "1.2.2")
    pane = w.pane
    assert pane.docs_box.title() == "Tài liệu kiểm chứng (1)"
    assert pane.docs.topLevelItem(0).text(0) == "45/BC-UBND"
    pane.open_btn.click()
    assert opened and opened[-1].endswith("45-BC-UBND.pdf")
    boxes.answer = boxes.answer.No
    pane.docs.setFocus()
    qtbot.keyClick(pane.docs, Qt.Key.Key_Delete)
    assert "Bỏ gắn báo cáo 45/BC-UBND khỏi tiêu chí 1.2.2?" in boxes.texts[-1]
    assert pane.docs.topLevelItemCount() == 1
    boxes.answer = boxes.answer.Yes
    pane.unlink_btn.click()
    assert pane.docs.topLevelItemCount() == 0
    assert row_of(w, "1.2.2")[COL_DOCS] == ""
    assert row_of(w, "1.2.1")[COL_DOCS] == "1"  # the document still serves 1.2.1


def test_area_summary_tab(ev_window, qtbot) -> None:
    w = ev_window
    select(w, "1.4.1")
    qtbot.keyClicks(w.pane.score_box.score, "1")
    qtbot.keyClick(w.pane.score_box.score, Qt.Key.Key_Return)
    qtbot.keyClick(w, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    tab = w.tabs.currentWidget()
    assert type(tab).__name__ == "AreaSummaryTab"
    rows = tab.model.texts()
    assert rows[0][:4] == ["1", "Công tác chỉ đạo, điều hành cải cách hành chính", "15", "1"]
    assert rows[0][6] == "14"  # the gap
    assert rows[-1][1] == "Tổng cộng" and rows[-1][2] == "100" and rows[-1][3] == "1"
    assert rows[-1][6] == "75"  # 100 − 24 survey points − 1
    assert [r[3] for r in rows if r[0] in ("9", "10")] == ["Do cơ quan thẩm định công bố"] * 2
    tab.table.setCurrentIndex(tab.model.index(2, 0))
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert w.tabs.currentWidget() is w.catalog_tab  # Bộ tiêu chí (after Việc cần làm)
    assert w.tree.current_node_id() == w.node_by_code("3")


def test_a_score_against_the_rule_asks_for_the_reason_in_the_declared_box(ev_window, qtbot) -> None:
    from desktop.core.selfassess.entry import set_entry, set_node_rule

    w = ev_window
    with w.ws.transaction() as s:
        set_node_rule(s, YEAR, "1.4.1", "co/khong")
        set_entry(s, YEAR, "1.4.1", declared="Có")
    w.refresh()
    select(w, "1.4.1")
    box = w.pane.score_box
    assert box.score.text() == "1"  # the rule's score for "Có"
    box.score.selectAll()
    qtbot.keyClicks(box.score, "0,5")
    qtbot.keyClick(box.score, Qt.Key.Key_Return)
    assert "hãy ghi lý do chấm khác" in box.error.text()
    assert row_of(w, "1.4.1")[COL_SCORE] == "1"
    box.more_btn.click()
    declared = box.declared
    assert declared is not None and declared.isVisible()
    assert declared.title().startswith("Tự đánh giá 1.4.1")
    declared.auto_check.setChecked(False)  # not the rule's score
    declared.score_edit.setText("0,5")
    declared.reason_edit.insert("Kế hoạch ban hành muộn")
    with qtbot.waitSignal(w.dataShown):
        declared.save_button.click()
    assert row_of(w, "1.4.1")[COL_SCORE] == "0,5"
    select(w, "1.4.3")  # the open box follows the selection
    assert declared.title().startswith("Tự đánh giá 1.4.3")


def test_officer_is_assigned_from_the_pane(ev_window, qtbot) -> None:
    from desktop.core.catalog.assignments import assignment_of

    w = ev_window
    select(w, "1.4.2")
    field = w.pane.officer
    assert field.isVisible() and field.combo.currentText() == ""
    field.combo.lineEdit().setFocus()
    field.combo.lineEdit().insert("Lê Văn C")  # non-ASCII: typed with insert()
    qtbot.keyClick(field.combo.lineEdit(), Qt.Key.Key_Return)
    with w.ws.session() as s:
        assert assignment_of(s, YEAR, "1.4.2") == "Lê Văn C"
    assert "Đã giao 1.4.2 cho Lê Văn C." in w.statusBar().currentMessage()
    select(w, "1.4.3")  # another node: its own (empty) assignment, the name offered
    assert field.combo.currentText() == ""
    assert field.combo.findText("Lê Văn C") >= 0
    select(w, "1")  # an area: nobody is assigned to a whole area here
    assert not field.isVisible()
