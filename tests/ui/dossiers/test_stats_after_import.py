"""After an import the statistics screen shows a period that holds the imported dossiers
and says how many there are (it used to stay on the year's quarter I and say "none")."""

from __future__ import annotations

from datetime import date

from dossier_exports import write_export1
from report_seed import write_dossier_export
from stats_screen import import_file, screen, stats_ws  # noqa: F401

from desktop.core.catalog.store import load_builtin
from desktop.core.settings import set_setting


def test_import_outside_the_period_switches_to_the_data_and_counts(
    qtbot,
    show_window,
    stats_ws,  # noqa: F811
    tmp_path,
) -> None:
    with stats_ws.transaction() as s:
        load_builtin(s, 2025)
        set_setting(s, "last_year", "2025")
    screen = show_window(stats_ws).screens.open("DossierStatsScreen")  # noqa: F811
    assert (screen.period.start, screen.period.end) == (date(2024, 12, 15), date(2025, 3, 14))
    # seed 002's export: received 10/12/2022 … 18/3/2023, 192 dossiers
    import_file(qtbot, screen, write_dossier_export(tmp_path / "ho-so.xlsx")).accept()
    assert (screen.period.start, screen.period.end) == (date(2022, 12, 10), date(2023, 3, 18))
    assert screen.picker.is_custom
    note = screen.import_note.text()
    assert note.startswith("Tệp ho-so.xlsx: 192 hồ sơ, tiếp nhận từ ngày 10/12/2022")
    assert "có 192 hồ sơ trong số đó" in note
    assert not screen.empty.isVisible()
    assert screen.figures.total["received.total"] == 192


def test_import_inside_the_period_keeps_it_and_says_how_many(qtbot, screen, tmp_path) -> None:  # noqa: F811
    before = screen.period
    import_file(qtbot, screen, write_export1(tmp_path / "xuat-q1.xlsx")).accept()
    assert screen.period == before  # quarter I 2023 already holds them
    assert screen.import_note.isVisible()
    assert "Kỳ đang xem (15/12/2022 – 14/03/2023) có" in screen.import_note.text()


def test_typing_the_period_boxes_gives_exactly_those_days(screen) -> None:  # noqa: F811
    from date_typing import type_date

    type_date(screen.picker.date_from, "01/01/2023")
    type_date(screen.picker.date_to, "31.1.2023")
    assert (screen.period.start, screen.period.end) == (date(2023, 1, 1), date(2023, 1, 31))
    assert screen.picker.is_custom
    assert "01/01/2023" in screen.title.text() and "31/01/2023" in screen.title.text()
    type_date(screen.picker.date_to, "30/02/2023")
    assert "không tồn tại" in screen.picker.date_to.error()
    assert screen.period.end == date(2023, 1, 31)  # the last good range stays on screen


def test_online_levels_the_export_lacks_show_a_dash_not_zero(qtbot, screen, tmp_path) -> None:  # noqa: F811
    import_file(qtbot, screen, write_export1(tmp_path / "xuat-q1.xlsx")).accept()
    rows = {
        screen.indicators.item(r, 0).text(): screen.indicators.item(r, 3)
        for r in range(screen.indicators.rowCount())
    }
    assert screen.figures.total["received.online"] > 0  # online dossiers, no "Mức độ" column
    for label in ("Dịch vụ công trực tuyến toàn trình", "Dịch vụ công trực tuyến một phần"):
        assert rows[label].text() == "—"
        assert "không có cột mức độ" in rows[label].toolTip()


def test_online_levels_from_an_export_that_has_them(qtbot, screen, tmp_path) -> None:  # noqa: F811
    import_file(qtbot, screen, write_dossier_export(tmp_path / "ho-so.xlsx")).accept()
    rows = {
        screen.indicators.item(r, 0).text(): screen.indicators.item(r, 3).text()
        for r in range(screen.indicators.rowCount())
    }
    assert rows["Dịch vụ công trực tuyến toàn trình"].endswith("%")
    assert rows["Dịch vụ công trực tuyến toàn trình"] != "0%"
