"""One owner per data folder: a restore never replaces the database under another program
at work; a second window is told who has the folder; a dead program never keeps it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from base.errors import FolderBusyError
from desktop.core import folderlock
from desktop.core.backup.restore import restore_backup
from desktop.core.backup.store import create_backup
from desktop.core.catalog.store import load_builtin
from desktop.core.evidence.documents import NewDocument, add_document
from desktop.core.workspace import Workspace


def _documents(ws: Workspace) -> int:
    with ws.connection() as con:
        return con.execute("SELECT count(*) FROM evidence_document").fetchone()[0]


def _add(ws: Workspace, tmp: Path, number: str) -> None:
    f = tmp / f"{number.replace('/', '-')}.pdf"
    f.write_bytes(number.encode())
    with ws.transaction() as s:
        add_document(s, ws.store, NewDocument(2023, number, date(2023, 3, 1)), [f], ["1.1.1"])


@pytest.fixture
def saved(ws: Workspace, tmp_path: Path) -> Path:
    with ws.transaction() as s:
        load_builtin(s, 2023, "mau-minh-hoa")
    _add(ws, tmp_path, "1/KH-UBND")
    backup = create_backup(ws).path
    _add(ws, tmp_path, "27/BC-UBND")  # written after the backup, by the program at work
    return backup


def test_restore_refuses_while_another_program_is_at_work(
    ws: Workspace, saved: Path, holders, monkeypatch
) -> None:
    monkeypatch.setattr(folderlock, "WAIT_SECONDS", 0.2)
    other = holders("register", ws.data_dir)
    with pytest.raises(FolderBusyError) as err:
        restore_backup(ws.data_dir, saved)
    assert "lệnh thử" in str(err.value) and f"tiến trình {other.proc.pid}" in str(err.value)
    assert "Chưa thay đổi gì" in str(err.value)
    assert _documents(ws) == 2  # nothing replaced under the other program
    other.release()
    restore_backup(ws.data_dir, saved)
    assert _documents(ws) == 1


def test_a_killed_program_does_not_keep_the_folder(ws: Workspace, saved: Path, holders) -> None:
    holders("register", ws.data_dir).kill()
    holders("window", ws.data_dir).kill()
    restore_backup(ws.data_dir, saved)  # its leftover lock file is taken over
    assert _documents(ws) == 1
    assert not list(folderlock.lock_dir(ws.data_dir).glob("dang-dung-*"))
    window = folderlock.claim_window(ws.data_dir)
    assert isinstance(window, folderlock.HeldLock)
    window.release()


def test_a_second_window_is_told_who_has_the_folder(tmp_path: Path, holders) -> None:
    data = tmp_path / "du lieu"
    first = holders("window", data)
    got = folderlock.claim_window(data)
    assert isinstance(got, folderlock.Holder) and got.pid == first.proc.pid
    message = folderlock.window_holder_message(data, got)
    assert "cửa sổ Sổ CCHC" in message and f"tiến trình {first.proc.pid}" in message
    first.release()
    mine = folderlock.claim_window(data)
    assert isinstance(mine, folderlock.HeldLock)
    mine.release()


def test_a_command_waits_then_refuses_while_the_folder_is_held_alone(
    cli, initialized, data_dir: Path, holders, monkeypatch
) -> None:
    monkeypatch.setattr(folderlock, "WAIT_SECONDS", 0.2)
    restore = holders("alone", data_dir)
    r = cli("catalog", "list", "--year", "2022")
    assert r.code == 1 and "đang được lệnh thử" in r.err and "Hãy chờ" in r.err
    assert "Traceback" not in r.err
    restore.release()
    assert cli("catalog", "list", "--year", "2022").code == 0


def test_a_command_line_restore_names_the_window_that_has_the_folder(
    cli, initialized, data_dir: Path, holders, monkeypatch
) -> None:
    monkeypatch.setattr(folderlock, "WAIT_SECONDS", 0.2)
    backup = cli("backup", "create").out.strip()
    holders("register", data_dir)
    r = cli("backup", "restore", backup, "--yes")
    assert r.code == 1 and "lệnh thử" in r.err and "Chưa thay đổi gì" in r.err


def test_a_history_restore_needs_the_folder_alone(tmp_path: Path, holders, monkeypatch) -> None:
    from desktop.core.history.remove import remove_history, restore_removed
    from desktop.core.history.store import list_histories
    from tests.history_fixtures import make_history

    monkeypatch.setattr(folderlock, "WAIT_SECONDS", 0.2)
    data = tmp_path / "tan-hung"
    make_history(data, "Hồng Phong", tmp=tmp_path)
    removed = remove_history(data, "Hồng Phong")
    other = holders("register", data)
    with pytest.raises(FolderBusyError, match="lệnh thử"):
        restore_removed(data, removed.folder.name)
    assert list_histories(data) == []
    other.release()
    restore_removed(data, removed.folder.name)
    assert [h.name for h in list_histories(data)] == ["Hồng Phong"]
