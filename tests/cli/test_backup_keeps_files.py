"""A backup is restorable in full: the files it needs stay in the store while a kept
backup needs them, and go when no backup and no document needs them any more."""

from __future__ import annotations

import os
import time
from pathlib import Path

from db.dbfile import DB_FILE_NAME
from desktop.core.backup.integrity import check_integrity, remove_orphans
from desktop.core.backup.store import collect_garbage, create_backup, rotate
from desktop.core.workspace import open_workspace


def _added(cli, scan, name: str) -> tuple[int, str]:
    r = cli(
        "evidence", "add", scan(name), "--year", "2023", "--criterion", "1.1.1",
        "--number", f"{name[:2]}/KH-UBND", "--date", "01/03/2023", "--json",
    )  # fmt: skip
    assert r.code == 0, r.err
    doc = r.json()
    return doc["id"], doc["files"][0]["sha256"]


def test_a_backup_made_before_a_delete_restores_the_file_too(
    cli, sample_year, scan, data_dir: Path
) -> None:
    doc_id, sha = _added(cli, scan, "12 ke hoach.pdf")
    backup = cli("backup", "create").out.strip()
    assert cli("evidence", "delete", str(doc_id), "--yes").code == 0
    stored = data_dir / "files" / sha[:2] / sha
    assert stored.is_file()  # the backup still needs it

    r = cli("check", "--full")
    assert r.code == 0 and "có thể xóa an toàn" not in r.out  # not offered for deletion

    assert cli("backup", "restore", backup, "--yes").code == 0
    r = cli("check", "--full", "--json")
    assert r.code == 0 and r.json()["ok"], r.out
    shown = cli("evidence", "show", str(doc_id), "--json").json()
    assert shown["files"][0]["sha256"] == sha
    assert stored.read_bytes() == b"%PDF 12 ke hoach.pdf"


def test_files_go_when_no_kept_backup_needs_them(cli, sample_year, scan, data_dir: Path) -> None:
    doc_id, sha = _added(cli, scan, "12 ke hoach.pdf")
    ws = open_workspace(data_dir)
    try:
        old = create_backup(ws, label="tu-dong-khoi-dong").path
        assert cli("evidence", "delete", str(doc_id), "--yes").code == 0
        stored = ws.store.path_for(sha)
        assert remove_orphans(ws) == 0 and stored.is_file()  # kept for the backup
        newer = create_backup(ws, label="tu-dong-khoi-dong").path
        assert collect_garbage(ws) == 0 and stored.is_file()
        assert rotate(newer.parent, keep_last=1) == [old]
        assert collect_garbage(ws) == 0  # too recent: an add may be about to use it
        hour_ago = time.time() - 2 * 3600
        os.utime(stored, (hour_ago, hour_ago))
        assert collect_garbage(ws) == 1 and not stored.exists()
        assert check_integrity(ws, full=True).ok
        assert (data_dir / DB_FILE_NAME).is_file()
    finally:
        ws.close()
