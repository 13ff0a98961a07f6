"""The "Việc cần làm" tab: the same steps as ``cchc todo``, a button per step that opens the
right screen, the year's deadlines with days left."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from date_typing import type_date
from PySide6.QtWidgets import QDialogButtonBox
from report_seed import fill_seed_002

from desktop.core.years.eras import default_assessed_year
from desktop.ui.report.dialogs import NewReportDialog
from desktop.ui.todo.deadlines_dialog import DeadlinesDialog


@pytest.fixture
def window(qtbot, show_window, ws, tmp_path):
    fill_seed_002(ws, tmp_path)
    w = show_window(ws)
    with qtbot.waitSignal(w.todo_tab.loaded):  # first shown: read just after it is painted
        w.show_todo()
    return w


def _texts(tab) -> dict[str, tuple[str, str]]:
    return {k: (tab.states[k].text(), tab.details[k].text()) for k in tab.states}


def test_tab_is_first_and_agrees_with_the_command_line(window, cli) -> None:
    tab = window.todo_tab
    assert window.tabs.tabText(0) == "Việc cần làm" and window.tabs.currentWidget() is tab
    assert "Việc cần làm năm 2022" in tab.title.text()
    doc = cli("todo", "--year", "2022", "--json").json()
    shown = _texts(tab)
    assert list(shown) == [s["key"] for s in doc["steps"]]
    labels = {"done": "✓ Đã xong", "todo": "○ Cần làm", "attention": "! Cần chú ý"}
    for step in doc["steps"]:
        state, detail = shown[step["key"]]
        assert state == labels[step["state"]]
        assert step["title"] in detail
        assert step["detail"].replace("&", "&amp;") in detail
    done = sum(s["state"] == "done" for s in doc["steps"])
    assert f"đã xong {done}/12 bước" in tab.title.text()
    assert shown["results"][0] == "✓ Đã xong" and "87,75/100" in shown["results"][1]


def test_buttons_open_the_right_screen(window, monkeypatch, boxes) -> None:
    tab = window.todo_tab
    tab.buttons["results"].click()
    assert type(window.tabs.currentWidget()).__name__ == "ResultsTab"
    window.show_todo()
    assert tab.buttons["evidence"].text() == "Đến mục chưa có tài liệu"
    tab.buttons["evidence"].click()
    assert window.tabs.currentWidget() is window.catalog_tab
    node = window.pane.node
    assert node is not None and node.is_leaf
    counts = window.overview.evidence_counts
    assert counts.get(node.id, 0) == 0  # a sub-criterion still without a document
    window.show_todo()
    assert tab.buttons["dossiers"].text() == "Mở Thống kê hồ sơ"
    tab.buttons["dossiers"].click()
    stats = window.tabs.currentWidget()
    assert type(stats).__name__ == "DossierStatsScreen"
    # the step's period: quarter I of 2023 (ND 09), where the step counted its dossiers
    assert (stats.period.start, stats.period.end) == (date(2022, 12, 15), date(2023, 3, 14))
    assert stats.figures.total["received.total"] > 0
    window.show_todo()
    opened = []
    monkeypatch.setattr(NewReportDialog, "exec", lambda dlg: opened.append(dlg) or 0)
    assert tab.buttons["report"].text() == "Soạn báo cáo…"
    tab.buttons["report"].click()
    assert len(opened) == 1 and type(window.tabs.currentWidget()).__name__ == "ReportsTab"


def test_deadline_typed_in_the_dialog_shows_days_left(window, monkeypatch) -> None:
    tab = window.todo_tab
    due = date.today() + timedelta(days=30)

    def fill(dlg) -> int:
        type_date(dlg.boxes["self_assessment"], f"{due:%d/%m/%Y}")
        dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
        return dlg.result()

    monkeypatch.setattr(DeadlinesDialog, "exec", fill)
    tab.deadline_btn.click()
    state, detail = _texts(tab)["self_assessment"]
    assert f"hạn {due:%d/%m/%Y}, còn 30 ngày" in detail


def test_deadline_dialog_refuses_an_impossible_date(qtbot, ws, window) -> None:
    dlg = DeadlinesDialog(ws, 2022)
    qtbot.addWidget(dlg)
    dlg.show()
    type_date(dlg.boxes["report"], "31/06/2023")
    dlg.accept()
    assert dlg.isVisible() and "không tồn tại" in dlg.boxes["report"].error()


@pytest.mark.parametrize(
    ("today", "year"),
    [(date(2026, 1, 5), 2025), (date(2026, 4, 30), 2025), (date(2026, 5, 1), 2026)],
)
def test_wizard_year_defaults_to_the_year_being_assessed(today, year) -> None:
    assert default_assessed_year(today) == year


def test_first_run_wizard_asks_the_assessed_year(qtbot, data_dir) -> None:
    from desktop.core.workspace import open_workspace
    from desktop.ui.years.profile_form import FirstRunWizard

    ws = open_workspace(data_dir)
    try:
        wiz = FirstRunWizard(ws)
        qtbot.addWidget(wiz)
        assert wiz.form.year.value() == default_assessed_year(date.today())
    finally:
        ws.close()


def test_first_start_lands_on_viec_can_lam(qapp, tmp_path, monkeypatch, boxes) -> None:
    """cchc-desktop on an empty folder: the wizard, then the Việc cần làm tab of its year."""
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from desktop.ui import app as app_module
    from desktop.ui.main_window import MainWindow
    from desktop.ui.years.profile_form import FirstRunWizard

    def answer_wizard(wizard) -> int:
        wizard.form.commune.insert("Tân Tiến")
        wizard.form.province.insert("Hải Phòng")
        wizard.accept()
        return 1

    seen: dict[str, object] = {}

    def run_loop(*_args) -> int:  # instead of the event loop: look at the window, close it
        w = next(
            x
            for x in QApplication.topLevelWidgets()
            if isinstance(x, MainWindow) and x.ws.data_dir == tmp_path / "du-lieu"
        )
        seen.update(todo=w.tabs.currentWidget() is w.todo_tab, year=w.year)
        w.close()
        return 0

    monkeypatch.setattr(FirstRunWizard, "exec", answer_wizard)
    monkeypatch.setattr(QApplication, "exec", run_loop)
    try:
        assert app_module.main(["--data-dir", str(tmp_path / "du-lieu")]) == 0
    finally:
        for tr in qapp.findChildren(QTranslator):
            qapp.removeTranslator(tr)
    assert boxes.texts == []
    assert seen == {"todo": True, "year": default_assessed_year(date.today())}
