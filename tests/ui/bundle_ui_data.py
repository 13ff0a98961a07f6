"""Data and fixtures for the bundle and backup screen tests: a commune with three documents
for 2023 on the sample catalog, a main window on it, and a folder standing for a USB stick.
A test module imports the fixtures (``bundle_window``, ``usb``) by their function names."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.core.bundle import drives
from desktop.core.catalog.store import load_builtin
from desktop.core.evidence.documents import NewDocument, add_document
from desktop.core.workspace import Workspace, open_workspace
from desktop.core.years.profile import save_profile
from desktop.ui.main_window import MainWindow

DOCS = [
    ("12/KH-UBND", date(2023, 1, 9), "Kế hoạch cải cách hành chính năm 2023", "1.1.1"),
    ("45/BC-UBND", date(2023, 6, 15), "Báo cáo CCHC 6 tháng đầu năm", "1.2.1"),
    ("01/QĐ-UBND", date(2023, 1, 5), "Quyết định kiện toàn Bộ phận Một cửa", "3.5.1"),
]


def add_doc(
    ws: Workspace,
    folder: Path,
    number: str,
    day: date,
    summary: str,
    code: str,
    *,
    signer: str = "",
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    f = folder / f"{number.replace('/', '-')}.pdf"
    f.write_bytes(f"%PDF-1.4 {number}".encode())
    with ws.transaction() as s:
        doc = NewDocument(2023, number, day, "Khác", summary, "UBND xã", signer)
        add_document(s, ws.store, doc, [f], [code])


def fill(ws: Workspace, folder: Path, *, commune: str = "Đồng Tâm", docs=DOCS) -> Workspace:
    with ws.transaction() as s:
        save_profile(s, commune_name=commune, district="Ninh Giang", province="Hải Dương")
        load_builtin(s, 2023, "mau-minh-hoa")
    for number, day, summary, code in docs:
        add_doc(ws, folder, number, day, summary, code)
    return ws


@pytest.fixture(name="bundle_window")
def bundle_window_fixture(qtbot, data_dir: Path, tmp_path: Path, monkeypatch):
    """The main window on the filled commune; no real USB drive is ever listed."""
    monkeypatch.setattr(drives, "list_removable_drives", lambda: [])
    ws = fill(open_workspace(data_dir), tmp_path / "nguon")
    w = MainWindow(ws)
    qtbot.addWidget(w)
    w.load()
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.ws.close()


@pytest.fixture(name="usb")
def usb_fixture(tmp_path: Path) -> Path:
    path = tmp_path / "USB"
    path.mkdir()
    return path


def wait_job(qtbot, job, timeout: int = 15_000):
    """Wait until a run_job job has finished (success, failure or cancel)."""
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=timeout):
        pass
    return job
