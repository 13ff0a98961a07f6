"""The "Kiểm tra trước khi nộp" panel: F7 runs the checks in the background, findings
name the sub-criterion and document, jump there, can be dismissed with a reason and
restored; the panel follows changes while open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from desktop.core.evidence.checks import dismissals


def run_f7(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F7)
    panel = window.checks
    assert panel is not None and panel.isVisible()
    qtbot.waitUntil(lambda: panel.job is None and panel.report is not None, timeout=10_000)
    return panel


def line_index(panel, kind: str, code: str) -> int:
    for i, line in enumerate(panel.model.rows):
        if line.finding.kind == kind and code in (line.finding.code, *line.finding.codes):
            return i
    raise AssertionError(f"no {kind} finding for {code}: {panel.model.texts()}")


def test_f7_lists_findings_in_vietnamese(ev_window, qtbot) -> None:
    panel = run_f7(ev_window, qtbot)
    texts = panel.model.texts()
    assert texts[0][0] == "Lỗi"  # errors first
    row = texts[line_index(panel, "wrong_year", "3.1.1")]
    assert row[:4] == ["Lỗi", "Tài liệu không thuộc năm đánh giá", "3.1.1", "08/BB-UBND"]
    assert "ban hành ngày 05/09/2022, không thuộc năm đánh giá 2023" in row[4]
    row = texts[line_index(panel, "no_evidence", "1.1.1")]
    assert row[:4] == ["Lỗi", "Chưa có tài liệu kiểm chứng", "1.1.1", ""]
    assert "lỗi" in panel.summary.text() and "cảnh báo" in panel.summary.text()


def test_jump_to_a_sub_criterion_and_to_a_document(ev_window, qtbot) -> None:
    w = ev_window
    panel = run_f7(w, qtbot)
    i = line_index(panel, "no_evidence", "1.1.2")
    panel.table.selectRow(i)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert w.tabs.currentWidget() is w.catalog_tab  # Bộ tiêu chí (after Việc cần làm)
    assert w.tree.current_node_id() == w.node_by_code("1.1.2")
    assert w.pane.heading.text().startswith("Tiêu chí thành phần 1.1.2")

    panel.jump(line_index(panel, "wrong_year", "3.1.1"))
    register = w.tabs.currentWidget()
    assert type(register).__name__ == "RegisterTab"
    assert register.current_row().number == "08/BB-UBND"


def test_fixing_in_the_pane_updates_the_open_panel(ev_window, qtbot) -> None:
    w = ev_window
    panel = run_f7(w, qtbot)
    i = line_index(panel, "score_missing", "1.4.1")
    panel.jump(i)
    qtbot.keyClicks(w.pane.score_box.score, "1")
    qtbot.keyClick(w.pane.score_box.score, Qt.Key.Key_Return)
    assert panel.job is not None  # the open panel checks again by itself
    qtbot.waitUntil(lambda: panel.job is None, timeout=10_000)
    kinds = {(f.kind, f.code) for f in panel.report.findings}
    assert ("score_missing", "1.4.1") not in kinds


def test_dismiss_with_a_reason_then_restore(ev_window, qtbot, monkeypatch) -> None:
    w = ev_window
    panel = run_f7(w, qtbot)
    before = len(panel.report.findings)
    panel.table.selectRow(line_index(panel, "wrong_year", "3.1.1"))
    monkeypatch.setattr(QInputDialog, "exec", lambda self: 1)
    monkeypatch.setattr(
        QInputDialog, "textValue", lambda self: "Biên bản năm trước, huyện đã chấp nhận"
    )
    assert panel.dismiss()
    qtbot.waitUntil(lambda: panel.job is None, timeout=10_000)
    assert len(panel.report.findings) == before - 1
    assert "1 mục đã bỏ qua" in panel.summary.text()
    with w.ws.session() as s:
        (d,) = dismissals(s, 2023)
    assert d.reason == "Biên bản năm trước, huyện đã chấp nhận"

    panel.show_dismissed.setChecked(True)
    assert not panel.table.isColumnHidden(5)
    i = next(n for n, line in enumerate(panel.model.rows) if line.dismissed)
    assert panel.model.texts()[i][0] == "Đã bỏ qua"
    assert panel.model.texts()[i][5] == "Biên bản năm trước, huyện đã chấp nhận"
    panel.table.selectRow(i)
    assert panel.restore_btn.isEnabled() and not panel.dismiss_btn.isEnabled()
    assert panel.restore()
    qtbot.waitUntil(lambda: panel.job is None, timeout=10_000)
    assert len(panel.report.findings) == before and not panel.report.dismissed


def test_empty_reason_is_refused(ev_window, qtbot, monkeypatch, boxes) -> None:
    panel = run_f7(ev_window, qtbot)
    panel.table.selectRow(0)
    monkeypatch.setattr(QInputDialog, "exec", lambda self: 1)
    monkeypatch.setattr(QInputDialog, "textValue", lambda self: "   ")
    assert not panel.dismiss()
    assert boxes.texts == ["Hãy ghi lý do bỏ qua cảnh báo này."]
