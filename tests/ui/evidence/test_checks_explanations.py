"""The checks panel (F7) lists the sub-criteria missing an explanation; a line jumps to the
sub-criterion with the cursor in "Giải trình", and writing it there clears the line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from test_checks_panel import run_f7


def _explanation_rows(panel) -> dict[str, list[str]]:
    return {t[2]: t for t in panel.model.texts() if t[1] == "Thiếu giải trình"}


def test_missing_explanations_are_listed_and_written_from_the_pane(ev_window, qtbot) -> None:
    w = ev_window
    panel = run_f7(w, qtbot)
    rows = _explanation_rows(panel)
    assert rows["1.1.2"][:3] == ["Cảnh báo", "Thiếu giải trình", "1.1.2"]
    assert rows["1.1.2"][4].startswith("1.1.2 “")
    assert "cần giải trình (chưa có tài liệu kiểm chứng) trước khi nộp." in rows["1.1.2"][4]
    assert "1.4.1" not in rows  # it has a document and no open finding
    assert "tiêu chí thiếu giải trình" in panel.summary.text()

    row = next(
        i
        for i, line in enumerate(panel.model.rows)
        if line.finding.code == "1.1.2" and line.explanation
    )
    panel.table.selectRow(row)
    assert not panel.dismiss_btn.isEnabled()  # answered by writing it, not set aside
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert w.tabs.currentWidget() is w.catalog_tab  # Bộ tiêu chí (after Việc cần làm)
    assert w.pane.heading.text().startswith("Tiêu chí thành phần 1.1.2")
    box = w.pane.score_box.declared
    assert box is not None and box.explanation_edit.hasFocus()
    box.explanation_edit.insertPlainText("Chưa ban hành do sáp nhập xã")
    box.save_button.click()
    assert panel.job is not None
    qtbot.waitUntil(lambda: panel.job is None, timeout=10_000)
    assert "1.1.2" not in _explanation_rows(panel)
    assert len(_explanation_rows(panel)) == len(rows) - 1
    assert w.pane.score_box.explained.text() == "<b>Giải trình:</b> Chưa ban hành do sáp nhập xã"
