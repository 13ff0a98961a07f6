"""The dossier statistics screen as the officer uses it: the figures of an imported export
laid out like Biểu 06, periods, the dossiers behind a figure, hand-entered portal figures,
the monthly chart and the .xlsx export."""

from __future__ import annotations

from datetime import date

import pytest
from dossier_exports import write_export1
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog
from stats_screen import EXPORT1_Q1_FORM06, import_file, screen, stats_ws  # noqa: F401

from desktop.ui.dossiers.listing import DossierListDialog
from desktop.ui.dossiers.period import PRESETS


@pytest.fixture
def imported(qtbot, screen, tmp_path):  # noqa: F811
    import_file(qtbot, screen, write_export1(tmp_path / "xuat-q1.xlsx")).accept()
    return screen


def _click(qtbot, table, row: int, col: int) -> None:
    rect = table.visualRect(table.model().index(row, col))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _codes(dlg: DossierListDialog) -> list[str]:
    return [row[0] for row in dlg.texts()]


def test_tab_opens_with_ctrl_3_on_nd09_q1_of_the_window_year(qtbot, screen) -> None:  # noqa: F811
    window = screen.window_
    window.tabs.setCurrentIndex(0)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is screen
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Thống kê hồ sơ TTHC"
    p = screen.period
    assert (p.start, p.end) == (date(2022, 12, 15), date(2023, 3, 14))
    assert screen.picker.date_from.text() == "15/12/2022"
    assert "Quý I năm 2023" in screen.title.text()
    assert screen.empty.isVisible()  # nothing imported yet
    head = screen.table.header_texts()
    assert head[0][2] == "Số hồ sơ nhận giải quyết" and head[0][10] == "Số hồ sơ đang giải quyết"
    assert head[1][2:] == [
        "Tổng số",
        "Trực tuyến",
        "Trực tiếp và dịch vụ bưu chính",
        "Từ kỳ trước",
        "Tổng số",
        "Trước hạn",
        "Đúng hạn",
        "Quá hạn",
        "Tổng số",
        "Trong hạn",
        "Quá hạn",
    ]


def test_imported_export_shows_hand_counted_form06(imported) -> None:
    assert imported.table.row_texts() == EXPORT1_Q1_FORM06
    assert not imported.empty.isVisible()
    ind = {row[0]: row[1:] for row in imported.indicators.row_texts()}
    assert ind["Giải quyết quá hạn"] == ["1", "5", "20%"]
    assert ind["Rút hồ sơ, hủy hồ sơ"] == ["1", "9", ""]
    # "x" in Số hóa / Hồ sơ: A01, A02, A04, A07; Số hóa / Kết quả: A02, A05, A07
    assert ind["Số hóa hồ sơ khi tiếp nhận"] == ["4", "9", "44,4%"]
    assert ind["Số hóa kết quả giải quyết"] == ["3", "5", "60%"]
    assert ind["Chứng thực bản sao điện tử"] == ["1", "", ""]  # A07
    assert ind["Thanh toán trực tuyến"] == ["0", "0", "—"]  # export 1 has no payment column
    # the chart: new dossiers by month of receipt, resolved by month of result
    months = [(m.month, m.received, m.resolved, m.late) for m in imported.chart.months]
    assert months == [
        (date(2022, 12, 1), 1, 2, 0),  # A04 new; A02, A04 resolved
        (date(2023, 1, 1), 2, 1, 1),  # A05, A06; A05 late
        (date(2023, 2, 1), 2, 1, 0),  # A07, A11; A07
        (date(2023, 3, 1), 2, 1, 0),  # A08, A09; A08
    ]


def test_changing_the_period(qtbot, imported) -> None:
    with qtbot.waitSignal(imported.picker.periodChanged):
        imported.picker.preset.setCurrentIndex([t for t, _ in PRESETS].index("Cả năm (NĐ 09)"))
    assert "Năm 2023 (từ ngày 15/12/2022 đến ngày 14/12/2023)" in imported.title.text()
    # A10 (received 15/03, direct, due 18/03) joins; A09 resolved 15/03 before due 16/03
    assert imported.table.row_texts()[0] == [
        "", "Tổng số", "10", "4", "4", "2", "6", "3", "2", "1", "3", "0", "3"
    ]  # fmt: skip
    # a custom range: January 2023 (A05 late, A06 withdrawn, A01 carried over and overdue)
    imported.picker.date_from.setDate(date(2023, 1, 1))
    imported.picker.date_to.setDate(date(2023, 1, 31))
    assert imported.picker.preset.currentText().startswith("Tùy chọn")
    assert "Từ ngày 01/01/2023 đến ngày 31/01/2023" in imported.title.text()
    assert imported.table.row_texts()[0] == [
        "", "Tổng số", "3", "2", "0", "1", "1", "0", "0", "1", "1", "0", "1"
    ]  # fmt: skip
    # an impossible range is refused on screen and the shown figures stay
    imported.picker.date_to.setDate(date(2022, 12, 1))
    assert "trước ngày bắt đầu" in imported.picker.problem.text()
    assert imported.period.end == date(2023, 1, 31)
    # the year selector
    imported.picker.set_preset(0)
    imported.picker.set_year(2024)
    assert (imported.period.start, imported.period.end) == (date(2023, 12, 15), date(2024, 3, 14))
    # A01, A10, A11 never got a result: carried over, still in progress, overdue
    assert imported.table.row_texts()[0][2:] == [
        "3",
        "0",
        "0",
        "3",
        "0",
        "0",
        "0",
        "0",
        "3",
        "0",
        "3",
    ]


def test_click_or_enter_on_a_figure_lists_its_dossiers(qtbot, imported) -> None:
    table = imported.table
    row, col = table.cell_for("in_progress.total", "Hộ tịch")
    _click(qtbot, table, row, col)
    dlg = imported.list_dialog
    assert dlg.isVisible()
    assert _codes(dlg) == ["A01", "A09"]  # by received date
    assert "Tổng số hồ sơ đang giải quyết" in dlg.heading.text()
    assert "lĩnh vực Hộ tịch" in dlg.heading.text()
    first = dlg.texts()[0]
    assert first == [
        "A01",
        "Đăng ký khai sinh",
        "Hộ tịch",
        "Trực tuyến",
        "10/12/2022 08:00",
        "14/12/2022",
        "",
        "Đang xử lý",
    ]
    dlg.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert _codes(dlg) == ["A09", "A01"]
    dlg.reject()

    # keyboard: the total row's "before due", then Enter
    row, col = table.cell_for("resolved.before_due", None)
    table.setFocus()
    table.setCurrentCell(row, col)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert _codes(imported.list_dialog) == ["A04", "A08"]
    imported.list_dialog.reject()

    # the header cells and field names are not figures
    _click(qtbot, table, 0, 3)
    _click(qtbot, table, 3, 1)
    assert imported.list_dialog is not None and not imported.list_dialog.isVisible()

    # an indicator count
    r = [x[0] for x in imported.indicators.row_texts()].index("Rút hồ sơ, hủy hồ sơ")
    _click(qtbot, imported.indicators, r, 1)
    assert _codes(imported.list_dialog) == ["A06"]
    imported.list_dialog.reject()


def test_chart_bar_lists_the_month(qtbot, imported) -> None:
    chart = imported.chart
    # January: the resolved bar (A05)
    bar = next(b for b in chart.bars if b.figure == "resolved.total" and b.month_index == 1)
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=bar.rect.center().toPoint())
    assert _codes(imported.list_dialog) == ["A05"]
    assert "Tháng 01/2023" in imported.list_dialog.heading.text()
    imported.list_dialog.reject()
    # keyboard: → picks the first bar (December, received), Enter lists it
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    qtbot.keyClick(chart, Qt.Key.Key_Return)
    assert _codes(imported.list_dialog) == ["A04"]
    assert "15/12/2022 đến ngày 31/12/2022" in imported.list_dialog.heading.text()
    imported.list_dialog.reject()
    assert chart.bar_at(QPoint(0, 0).toPointF()) == -1


def test_manual_figures_are_saved_per_period(qtbot, imported, boxes) -> None:
    box = imported.manual
    for name, text in (
        ("service_index", "65,67"),
        ("rank", "14 / 20"),
        ("online_payment", "84,89%"),
    ):
        box.edits[name].setText(text)
        box.edits[name].editingFinished.emit()
    assert box.edits["rank"].text() == "14/20"
    assert box.edits["online_payment"].text() == "84,89"
    pay = next(r for r in imported.indicators.row_texts() if r[0] == "Thanh toán trực tuyến")
    assert pay[3] == "84,89%"  # the hand-entered rate wins
    # a wrong value: a message, and the saved one comes back
    box.edits["service_index"].setText("sáu mươi")
    box.edits["service_index"].editingFinished.emit()
    assert "Chỉ số phục vụ “sáu mươi” không phải là số" in boxes.texts[-1]
    assert box.edits["service_index"].text() == "65,67"
    box.edits["rank"].setText("25/20")
    box.edits["rank"].editingFinished.emit()
    assert "Xếp hạng 25/20 không hợp lệ" in boxes.texts[-1]
    assert box.edits["rank"].text() == "14/20"
    # another period has its own (empty) figures; coming back shows the saved ones
    imported.picker.set_preset(1)
    assert box.edits["service_index"].text() == ""
    imported.picker.set_preset(0)
    assert [box.edits[n].text() for n in ("service_index", "rank", "online_payment")] == [
        "65,67",
        "14/20",
        "84,89",
    ]
    # clearing a figure
    box.edits["online_payment"].setText("")
    box.edits["online_payment"].editingFinished.emit()
    pay = next(r for r in imported.indicators.row_texts() if r[0] == "Thanh toán trực tuyến")
    assert pay[3] == "—"


def test_export_form06_to_xlsx(qtbot, imported, boxes, tmp_path, monkeypatch) -> None:
    target = tmp_path / "bao cao" / "bieu06"  # no suffix: .xlsx is added
    (tmp_path / "bao cao").mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Bảng tính Excel (*.xlsx)")
    )
    imported.btn_export.click()
    with qtbot.waitSignal(imported.export_job.finished, timeout=10_000):
        pass
    written = target.with_name("bieu06.xlsx")
    assert "Đã ghi Biểu 06" in boxes.texts[-1] and str(written) in boxes.texts[-1]
    ws = load_workbook(written).active
    assert ws["A1"].value == "UBND XÃ ĐỒNG TÂM"
    assert "15/12/2022" in ws["A4"].value and "14/03/2023" in ws["A4"].value
    rows = [
        [("" if v is None else str(v)) for v in row]
        for row in ws.iter_rows(min_row=10, max_row=13, max_col=13, values_only=True)
    ]
    assert rows == EXPORT1_Q1_FORM06


def test_year_follows_the_window_and_ctrl_i_only_on_this_tab(
    qtbot,
    screen,  # noqa: F811
    stats_ws,  # noqa: F811
    monkeypatch,
) -> None:
    from desktop.core.catalog.store import load_builtin

    with stats_ws.transaction() as s:
        load_builtin(s, 2024)
    window = screen.window_
    window.load()  # the latest year is shown: 2024
    assert window.year == 2024
    assert screen.picker.year.value() == 2024
    assert (screen.period.start, screen.period.end) == (date(2023, 12, 15), date(2024, 3, 14))

    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (asked.append(a[1]), ("", ""))[1]
    )
    window.tabs.setCurrentIndex(0)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert asked == []
    window.screens.open("DossierStatsScreen")
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["Chọn tệp xuất từ Hệ thống thông tin giải quyết TTHC"]
