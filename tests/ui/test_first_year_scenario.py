"""Issue 17's "done when": from an empty data folder to an exported BC-UBND, driving the
real window the way a first-time officer would, with the two files in hand (the district's
appraised-results sheet and the portal's dossier export), counting the officer's actions
(each click, each field typed, each question answered; target ≤ 40). ``Việc cần làm`` leads
the way: every screen is reached through its button there, and ``year_todo`` (what
``cchc todo`` prints) is checked after each step."""

from __future__ import annotations

from datetime import date

from date_typing import type_date
from docx import Document
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog
from report_seed import write_dossier_export
from results_helpers import visible_dialog
from results_sheets import results_areas

from desktop.core.todo.steps import year_todo
from desktop.core.workspace import open_workspace
from desktop.ui.dossiers.import_dialog import ImportSummaryDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.report.dialogs import NewReportDialog
from desktop.ui.results.import_dialog import ResultsImportDialog
from desktop.ui.years.profile_form import FirstRunWizard

TARGET_ACTIONS = 40


class Officer:
    """Counts what the officer does."""

    def __init__(self) -> None:
        self.actions = 0

    def does(self, n: int = 1) -> None:
        self.actions += n


def _states(ws, year: int) -> dict[str, str]:
    with ws.session() as s:
        return {step.key: step.state for step in year_todo(s, ws.store, year).steps}


def test_first_year_from_an_empty_folder_to_an_exported_report(
    qtbot, data_dir, tmp_path, monkeypatch, boxes
) -> None:
    officer = Officer()
    results_file = results_areas(tmp_path / "KQ chi so CCHC 2022.xlsx", year=2022)
    dossier_file = write_dossier_export(tmp_path / "DanhSachHoSo.xlsx")
    out = tmp_path / "Tai lieu" / "bao-cao-chi-so-2022.docx"
    out.parent.mkdir()

    def answer_open(parent, title, start, filters, *a, **k):
        officer.does()  # picks the file in the dialog
        path = results_file if "kết quả thẩm định" in title else dossier_file
        return str(path), filters

    def answer_save(parent, title, start, filters, *a, **k):
        officer.does()  # types the name, presses Lưu
        return str(out), filters

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(answer_open))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer_save))

    ws = open_workspace(data_dir)
    try:
        # --- first start: the wizard asks the profile and the assessed year --------------
        w = MainWindow(ws)
        qtbot.addWidget(w)
        w.load()
        wiz = FirstRunWizard(ws)
        qtbot.addWidget(wiz)
        wiz.show()
        officer.does()
        wiz.next()  # "Tiếp theo >"
        form = wiz.form
        for box, text in (
            (form.commune, "Đồng Tâm"),
            (form.province, "Hải Dương"),
            (form.district, "Ninh Giang"),
            (form.chairman, "Nguyễn Văn Hùng"),
            (form.officer, "Trần Thị B"),
        ):
            officer.does()
            box.insert(text)  # QTest cannot type non-ASCII keys; insert() is what an IME does
        officer.does()
        form.year.selectAll()
        QTest.keyClicks(form.year, "2022")
        officer.does()
        wiz.accept()  # "Hoàn tất"
        w.load(wiz.saved_year)  # what cchc-desktop does after the wizard
        w.resize(1366, 768)
        w.show()
        with qtbot.waitSignal(w.todo_tab.loaded):  # read just after the first paint
            w.show_todo()
        qtbot.waitExposed(w)
        todo = w.todo_tab
        assert w.tabs.currentWidget() is todo and "năm 2022" in todo.title.text()
        states = _states(ws, 2022)
        assert states["profile"] == "done" and states["results"] == "todo"

        # --- appraised results, from the district's sheet ---------------------------------
        officer.does()
        todo.buttons["results"].click()
        results = w.tabs.currentWidget()
        assert type(results).__name__ == "ResultsTab"
        officer.does()
        results.import_button.click()
        dlg = visible_dialog(qtbot, results, ResultsImportDialog)
        officer.does()
        with qtbot.waitSignal(w.dataShown):
            dlg.save_button.click()
        assert _states(ws, 2022)["results"] == "done"

        # --- remediation plan, drafted from the lost points ---------------------------------
        officer.does()
        w.act_tab_todo.trigger()  # Alt+Home
        officer.does()
        todo.buttons["plan"].click()
        plan = w.tabs.currentWidget()
        assert type(plan).__name__ == "PlanTab"
        officer.does()
        plan.draft_button.click()
        officer.does()
        plan.save_button.click()
        assert _states(ws, 2022)["plan"] == "done"

        # --- the portal's dossiers of the report's period ----------------------------------
        officer.does()
        w.act_tab_todo.trigger()
        assert todo.buttons["dossiers"].text() == "Nhập tệp hồ sơ…"
        officer.does()
        todo.buttons["dossiers"].click()
        stats = w.tabs.currentWidget()
        assert type(stats).__name__ == "DossierStatsScreen"
        summary = visible_dialog(qtbot, stats, ImportSummaryDialog)
        officer.does()
        summary.accept()
        assert "Tệp DanhSachHoSo.xlsx: 192 hồ sơ" in stats.import_note.text()
        assert _states(ws, 2022)["dossiers"] == "done"

        # --- the report: drafted from all of it, then exported to Word ------------------------
        def fill(dialog) -> int:
            officer.does()
            QTest.keyClicks(dialog.number, "123")
            officer.does()
            type_date(dialog.date, "04/04/2023")
            # the period offered is already 15/12/2022 – 30/03/2023 (seed 002's)
            assert (dialog.period.start.value(), dialog.period.end.value()) == (
                date(2022, 12, 15),
                date(2023, 3, 30),
            )
            officer.does()
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
            return dialog.result()

        monkeypatch.setattr(NewReportDialog, "exec", fill)
        officer.does()
        w.act_tab_todo.trigger()
        officer.does()
        todo.buttons["report"].click()
        reports = w.tabs.currentWidget()
        assert type(reports).__name__ == "ReportsTab" and reports.current is not None
        officer.does()
        reports.word_btn.click()
        qtbot.waitUntil(lambda: out.exists() and w.saved_notice.isVisible(), timeout=30_000)
        officer.does(len(boxes.shown))  # each message box was read and closed
        assert w.saved_notice.full_text == f"Đã lưu báo cáo: {out}"
        assert _states(ws, 2022)["report"] == "todo"  # exported; next: print, sign

        # --- the document -----------------------------------------------------------------
        doc = Document(str(out))
        text = "\n".join(p.text for p in doc.paragraphs)
        cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
        assert "BÁO CÁO" in text
        assert "123/BC-UBND" in cells and "ngày 04 tháng 4 năm 2023" in cells
        assert "ỦY BAN NHÂN DÂN\nXÃ ĐỒNG TÂM" in cells
        assert "87,75" in text  # the appraised total from the district's sheet
        assert "Nguyễn Văn Hùng" in text + cells
        assert "192" in text  # the dossiers received in the period, from the portal's export

        print(f"Số thao tác: {officer.actions}")
        assert officer.actions <= TARGET_ACTIONS, officer.actions
    finally:
        ws.close()
