"""Saving says where the file went (status bar, "Mở thư mục"); file dialogs start in the last
folder used for that kind of file, else Documents; the progress box is gone before the
message that ends a job."""

from __future__ import annotations

import threading
from pathlib import Path

from dossier_exports import write_export1
from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog
from stats_screen import import_file, screen, stats_ws  # noqa: F401

from desktop.ui.worker import run_job


def test_export_says_where_and_the_next_dialog_starts_there(
    qtbot,
    screen,  # noqa: F811
    tmp_path,
    monkeypatch,
    boxes,
) -> None:
    import_file(qtbot, screen, write_export1(tmp_path / "xuat-q1.xlsx")).accept()
    starts: list[str] = []
    out = tmp_path / "bao-cao" / "Bieu06.xlsx"
    out.parent.mkdir()

    def save(parent, title, start, filters):
        starts.append(start)
        return str(out), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    screen.choose_export()
    qtbot.waitUntil(lambda: out.exists() and screen.window_.saved_notice.isVisible())
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert Path(starts[0]).parent == Path(docs or Path.home())
    notice = screen.window_.saved_notice
    assert notice.full_text == f"Đã lưu Biểu 06: {out}"
    assert notice.button.text() == "Mở thư mục"
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    notice.button.click()
    assert opened == [str(out.parent)]
    screen.choose_export()  # the next dialog starts in the folder used last
    assert Path(starts[1]).parent == out.parent


def test_progress_box_is_gone_before_the_final_message(qtbot) -> None:
    seen: list[bool] = []

    release = threading.Event()

    def work(progress):
        progress.update(1, 2, "Đang làm…")
        assert release.wait(10)
        return 1

    def visible_boxes() -> bool:
        return any(
            w.isVisible() for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)
        )

    job = run_job(None, work, label="Đang làm…", on_success=lambda _r: seen.append(visible_boxes()))
    qtbot.waitUntil(visible_boxes, timeout=5000)  # the box shows while the job runs
    with qtbot.waitSignal(job.finished, timeout=5000):
        release.set()
    assert seen == [False]
