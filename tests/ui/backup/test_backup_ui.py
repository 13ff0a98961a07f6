"""Backups from the Tệp menu and the restore dialog; the automatic backup at start; a
damaged database at start offering the newest good backup."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bundle_ui_data import add_doc, bundle_window_fixture, fill, usb_fixture, wait_job  # noqa: F401
from PySide6.QtWidgets import QApplication

from db.dbfile import DB_FILE_NAME
from desktop.core.backup.files import STICK_DIR_NAME, backups_dir, list_backups
from desktop.core.backup.store import create_backup
from desktop.core.bundle import drives
from desktop.core.bundle.drives import DriveInfo
from desktop.core.workspace import open_workspace
from desktop.ui.main_window import MainWindow


def test_backup_now_then_restore_it_through_the_dialog(
    bundle_window, qtbot, boxes, tmp_path: Path
) -> None:
    window = bundle_window
    job = wait_job(qtbot, window.safety.backup_now())
    backup = job.result.path
    assert backup.is_file() and backup.parent == backups_dir(window.ws.data_dir)
    assert boxes.texts[-1].startswith("Đã sao lưu dữ liệu")
    # more work after the backup
    add_doc(window.ws, tmp_path / "moi", "99/BC-UBND", date(2023, 9, 9), "Báo cáo bổ sung", "1.2.1")
    window.dataChanged.emit()
    assert "4 tài liệu" in window.status_year.text()

    dlg = window.safety.restore()
    assert [r.path for r in dlg.model.rows] == [backup]
    assert dlg.chosen == backup
    held, now = zip(*dlg.compare_texts(), strict=True)
    assert held[0] == now[0] == "Xã Đồng Tâm, Hải Dương"
    assert held[2] == "3 (2023: 3)" and now[2] == "4 (2023: 4)"
    assert dlg.restore_button.isEnabled()
    old_ws = window.ws
    with qtbot.waitSignal(window.dataShown, timeout=15_000):
        dlg.restore_button.click()  # asks Có/Không (the boxes answer Có)
        wait_job(qtbot, dlg.job)
    assert "Thay dữ liệu hiện tại bằng bản sao lưu" in boxes.texts[-2]
    assert boxes.texts[-1].startswith(f"Đã khôi phục từ {backup.name}")
    assert window.ws is not old_ws  # closed and opened again
    assert "3 tài liệu" in window.status_year.text()
    kinds = [b.description for b in list_backups(backups_dir(window.ws.data_dir))]
    assert "Trước khi khôi phục" in kinds


def test_restore_needs_a_yes(bundle_window, qtbot, boxes) -> None:
    from PySide6.QtWidgets import QMessageBox

    create_backup(bundle_window.ws)
    boxes.answer = QMessageBox.StandardButton.No
    dlg = bundle_window.safety.restore()
    dlg.restore_button.click()
    assert dlg.isVisible() and not hasattr(dlg, "job")
    dlg.reject()


def test_backup_to_a_stick(bundle_window, qtbot, boxes, monkeypatch, usb: Path) -> None:
    monkeypatch.setattr(
        drives, "list_removable_drives", lambda: [DriveInfo(usb, "USB", 10**9, 2 * 10**9)]
    )
    dlg = bundle_window.safety.backup_to_usb()
    assert dlg.target() == usb
    dlg.accept()
    wait_job(qtbot, dlg.job)
    folder = usb / STICK_DIR_NAME
    assert len(list_backups(folder)) == 1
    assert "3 tệp mới" in boxes.texts[-1] and str(folder) in boxes.texts[-1]


def _run_main(monkeypatch, data_dir: Path, on_window) -> int:
    """``app.main`` in-process; the event loop is replaced by ``on_window(window)``."""
    from desktop.ui import app

    def fake_exec(self) -> int:
        # this run's window (another test's window may linger until its deleteLater runs)
        (window,) = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w.isVisible() and w.ws.data_dir == data_dir
        ]
        try:
            on_window(window)
        finally:
            window.close()
            window.deleteLater()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    return app.main(["--data-dir", str(data_dir)])


def test_automatic_backup_after_the_first_paint(qtbot, boxes, monkeypatch, tmp_path: Path) -> None:
    data = tmp_path / "du-lieu"
    fill(open_workspace(data), tmp_path / "nguon").close()
    seen: dict = {}

    def on_window(window) -> None:
        seen["before"] = list_backups(backups_dir(data))  # nothing before the first paint
        qtbot.waitUntil(lambda: getattr(window, "startup_backup", None) is not None, timeout=10_000)
        wait_job(qtbot, window.startup_backup)

    assert _run_main(monkeypatch, data, on_window) == 0
    assert seen["before"] == []
    assert [b.description for b in list_backups(backups_dir(data))] == ["Tự động khi mở ứng dụng"]


def test_damaged_database_offers_the_newest_good_backup(
    qtbot, boxes, monkeypatch, tmp_path: Path
) -> None:
    data = tmp_path / "du-lieu"
    ws = fill(open_workspace(data), tmp_path / "nguon")
    good = create_backup(ws)
    ws.close()
    (data / DB_FILE_NAME).write_bytes(b"hong hoan toan" * 100)
    shown: dict = {}
    assert _run_main(monkeypatch, data, lambda w: shown.update(status=w.status_year.text())) == 0
    title, text = boxes.shown[0]
    assert title == "Dữ liệu bị hỏng"
    assert f"Bản sao lưu tốt gần nhất: {good.created:%d/%m/%Y %H:%M} (Sao lưu thủ công)" in text
    assert shown["status"] == "Năm 2023 · 3 tài liệu kiểm chứng"
    assert "Dữ liệu hỏng (giữ lại để cứu)" in [
        b.description for b in list_backups(backups_dir(data))
    ]


def test_damaged_database_left_alone_when_the_officer_says_no(
    qtbot, boxes, monkeypatch, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QMessageBox

    data = tmp_path / "du-lieu"
    ws = fill(open_workspace(data), tmp_path / "nguon")
    create_backup(ws)
    ws.close()
    (data / DB_FILE_NAME).write_bytes(b"hong hoan toan" * 100)
    boxes.answer = QMessageBox.StandardButton.No
    assert _run_main(monkeypatch, data, lambda w: None) == 1
    assert (data / DB_FILE_NAME).read_bytes() == b"hong hoan toan" * 100


def test_a_damaged_page_found_by_the_check_offers_the_newest_good_backup(
    bundle_window, qtbot, boxes
) -> None:
    import sqlite3

    window = bundle_window
    backup = create_backup(window.ws).path
    db = window.ws.db_path
    window.ws.close()  # the pages of the documents table get damaged on disk
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'evidence_document'"
    ).fetchone()[0]
    con.close()
    data = bytearray(db.read_bytes())
    data[(root - 1) * page : root * page] = b"\xa5" * page
    db.write_bytes(bytes(data))

    with qtbot.waitSignal(window.dataShown, timeout=15_000):
        wait_job(qtbot, window.run_integrity_check(full=True))  # boxes answer Có
        wait_job(qtbot, window.restore_job)
    assert "Cơ sở dữ liệu bị hỏng" in boxes.texts[0]
    assert f"Khôi phục từ bản sao lưu tốt gần nhất ({backup.name})" in boxes.texts[1]
    assert boxes.texts[-1].startswith(f"Đã khôi phục từ {backup.name}")
    assert "3 tài liệu" in window.status_year.text()


def test_a_restore_while_a_command_works_in_the_folder_names_it_and_changes_nothing(
    bundle_window, qtbot, boxes, holders, monkeypatch
) -> None:
    from desktop.core import folderlock
    from desktop.ui.backup.dialogs import start_restore

    window = bundle_window
    backup = create_backup(window.ws).path
    add_doc(window.ws, backup.parent.parent / "moi", "99/BC-UBND", date(2023, 9, 9), "Mới", "1.2.1")
    monkeypatch.setattr(folderlock, "WAIT_SECONDS", 0.2)
    command = holders("register", window.ws.data_dir)  # e.g. `cchc evidence add` at work
    wait_job(qtbot, start_restore(window, backup))
    title, text = boxes.shown[-1]
    assert title == "Không khôi phục được"
    assert "lệnh thử" in text and f"tiến trình {command.proc.pid}" in text
    window.dataChanged.emit()
    assert "4 tài liệu" in window.status_year.text()  # the window works on, nothing replaced
