""" "Tệp báo cáo của các xã cũ" in the "So sánh các xã cũ" tab: listed, opened, saved out."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import pytest
from history_report_fixtures import REPORT_BYTES, merged_with_reports
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QFileDialog

from desktop.core.workspace import open_workspace

DT_NAME = "Bao cao ket qua CCHC 2024 (da ky).pdf"


@pytest.fixture
def tab(show_window, data_dir: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tam"))  # copies opened go here
    (tmp_path / "tam").mkdir()
    merged_with_reports(data_dir, tmp_path / "xa-cu")
    ws = open_workspace(data_dir)
    window = show_window(ws)
    yield window.screens.open("HistoryCompareTab").reports
    window.units.close()
    ws.close()


def _select(box, row: int) -> None:
    index = box.model.index(row, 0)
    box.view.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def test_lists_the_report_files_and_saves_one(tab, tmp_path, monkeypatch) -> None:
    assert tab.model.texts() == [
        ["Hồng Phong", "2024", "Bao cao 6 thang.pdf", "1 KB"],
        ["Hồng Phong", "2024", "Ke hoach CCHC 2024.pdf", "1 KB"],
        ["Đồng Tâm", "2024", DT_NAME, "1 KB"],
    ]
    assert tab.view.isVisible() and not tab.empty.isVisible()
    assert not tab.open_button.isEnabled() and not tab.save_button.isEnabled()
    _select(tab, 2)
    assert tab.open_button.isEnabled() and tab.save_button.isEnabled()
    out = tmp_path / "Tài liệu"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    tab.save_button.click()
    assert (out / DT_NAME).read_bytes() == REPORT_BYTES
    assert tab.window.statusBar().currentMessage() == (
        f"Đã lưu tệp báo cáo {DT_NAME} năm 2024 của xã cũ Đồng Tâm vào {out / DT_NAME}"
    )


def test_enter_opens_a_copy_under_its_name(tab, qtbot, opened, tmp_path) -> None:
    _select(tab, 2)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    (path,) = opened
    assert Path(path).parent.parent == tmp_path / "tam" / "SoCCHC-xem"
    assert Path(path).name == DT_NAME and Path(path).read_bytes() == REPORT_BYTES
    assert tab.model.record(2).stored.read_bytes() == REPORT_BYTES  # the store untouched


def test_a_missing_stored_file_is_shown_and_explained(tab, boxes, opened) -> None:
    sha = hashlib.sha256(REPORT_BYTES).hexdigest()
    stored = tab.model.record(2).stored
    assert stored.name == sha
    _select(tab, 2)  # opened once: a copy is in the temp folder, not reused once gone
    assert tab.open_selected() is not None and len(opened) == 1
    stored.unlink()
    tab.window.screens.open("HistoryCompareTab").refresh()
    assert tab.model.texts()[2][2] == f"{DT_NAME} (thiếu trong kho tệp)"
    _select(tab, 2)
    tab.open_button.click()
    assert len(opened) == 1
    ((title, text),) = boxes.shown
    assert title == "Không mở được tệp báo cáo"
    assert text.startswith(f"Không còn tệp báo cáo {DT_NAME} năm 2024 của xã cũ Đồng Tâm")


def test_no_report_files_says_so(show_window, data_dir) -> None:
    from history_fixtures import make_history, merged_commune

    merged_commune(data_dir, "Đồng Tâm")
    make_history(data_dir, "Đồng Tâm")  # a history without any bundle's report files
    ws = open_workspace(data_dir)
    window = show_window(ws)
    try:
        box = window.screens.open("HistoryCompareTab").reports
        assert box.model.rows == [] and not box.view.isVisible()
        assert box.empty.isVisible() and box.empty.text().startswith(
            "Các xã cũ chưa có tệp báo cáo nào."
        )
        assert not box.open_button.isEnabled() and not box.save_button.isEnabled()
    finally:
        window.units.close()
        ws.close()
