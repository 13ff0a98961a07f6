"""A colleague's bundle carries the province's full catalog while this PC's year has only
the built-in areas: the import dialog offers it, and the document lands on its
sub-criterion."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bundle_ui_data import usb_fixture, wait_job  # noqa: F401
from PySide6.QtCore import Qt
from results_helpers import open_window

from desktop.core.bundle.export import export_bundle
from desktop.core.bundle.plan import ExportScope
from desktop.core.catalog.importer import read_catalog_file, save_preview
from desktop.core.catalog.store import load_builtin
from desktop.core.evidence.documents import NewDocument, add_document
from desktop.core.workspace import open_workspace
from desktop.core.years.profile import save_profile
from desktop.ui.bundle.import_dialog import run_import

PDF = Path(__file__).parents[2] / "core" / "data" / "phu-luc-chi-so-cchc.pdf"


def _colleague_bundle(tmp_path: Path, usb: Path) -> Path:
    ws = open_workspace(tmp_path / "may-dong-nghiep")
    try:
        with ws.transaction() as s:
            save_profile(s, commune_name="Đồng Tâm", district="", province="Hải Dương")
            save_preview(s, 2025, read_catalog_file(PDF, year=2025), accept_warnings=True)
        scan = tmp_path / "12-KH-UBND.pdf"
        scan.write_bytes(b"%PDF-1.4 12/KH-UBND")
        with ws.transaction() as s:
            doc = NewDocument(2025, "12/KH-UBND", issue_date=date(2024, 12, 20))
            add_document(s, ws.store, doc, [scan], ["1.1.1"])
        return export_bundle(ws, ExportScope(2025), usb).path
    finally:
        ws.close()


def test_the_bundles_catalog_is_offered_and_taken(qtbot, ws, boxes, tmp_path, usb):
    with ws.transaction() as s:
        save_profile(s, commune_name="Đồng Tâm", district="", province="Hải Dương")
        load_builtin(s, 2025)
    window = open_window(qtbot, ws)
    assert len(window.tree.row_texts()) == 10 and window.catalog_tab.banner_actions.isVisible()
    job = wait_job(qtbot, run_import(window, _colleague_bundle(tmp_path, usb)))
    dlg = job.dialog
    assert dlg.take_catalog.isVisible() and dlg.take_catalog.isChecked()
    assert "mới có bộ tiêu chí có sẵn" in dlg.take_catalog.toolTip()
    assert "(21 mục)" in dlg.banner.text()
    with qtbot.waitSignal(window.dataShown, timeout=15_000):
        qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
        wait_job(qtbot, dlg.apply_job)
    assert len(window.tree.row_texts()) == 21
    assert not window.catalog_tab.banner_actions.isVisible()
    assert "Đã lấy bộ tiêu chí của năm trong gói." in boxes.texts[-1]
    node = window.node_by_code("1.1.1")
    assert node is not None and window.overview.evidence_counts.get(node) == 1
