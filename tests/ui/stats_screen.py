"""Fixtures and helpers for the dossier statistics screen's tests (imported by them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.catalog.store import load_builtin
from desktop.core.workspace import open_workspace
from desktop.core.years.profile import save_profile
from desktop.ui.dossiers.import_dialog import ImportSummaryDialog

# Biểu 06 rows of export 1 for ND 09 Q1 2023, counted by hand from tests/dossier_exports.py:
# STT, field, received: total, online, direct+postal, carried over | resolved: total,
# before due, on due, late | in progress: total, in time, overdue. A13 (Tư pháp) was
# refused at the desk, so Tư pháp has no row.
EXPORT1_Q1_FORM06 = [
    ["", "Tổng số", "9", "4", "3", "2", "5", "2", "2", "1", "3", "1", "2"],
    # A07 on due (direct), A11 overdue (direct)
    ["1", "Chứng thực", "2", "0", "2", "0", "1", "0", "1", "0", "1", "0", "1"],
    # A05 online late, A06 online withdrawn
    ["2", "Đất đai", "2", "2", "0", "0", "1", "0", "0", "1", "0", "0", "0"],
    # A01, A02 carried over; A04 postal before due; A08 online before due; A09 online in time
    ["3", "Hộ tịch", "5", "2", "1", "2", "3", "2", "1", "0", "2", "1", "1"],
]


@pytest.fixture
def stats_ws(data_dir: Path):
    ws = open_workspace(data_dir)
    with ws.transaction() as s:
        save_profile(s, commune_name="Đồng Tâm", district="Ninh Giang", province="Hải Dương")
        load_builtin(s, 2023, "mau-minh-hoa")
    yield ws
    ws.close()


@pytest.fixture
def screen(show_window, stats_ws):
    return show_window(stats_ws).screens.open("DossierStatsScreen")


def import_file(qtbot, screen, path: Path) -> ImportSummaryDialog:
    """Import through the screen; returns the summary dialog (closes it afterwards)."""
    with qtbot.waitSignal(screen.importer.dialogShown, timeout=20_000) as shown:
        screen.import_files([path])
    dlg = shown.args[0]
    assert isinstance(dlg, ImportSummaryDialog), type(dlg)
    return dlg
