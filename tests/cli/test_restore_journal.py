"""One journal for a whole restore (the data folder and the former communes' history
folders): a restore killed half-way is finished at the next start, or rolled back when its
backup is gone; ``check`` notices one left half done."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from history_fixtures import make_history, merged_commune

from db.dbfile import DB_FILE_NAME
from desktop.core.backup.integrity import check_integrity
from desktop.core.backup.restore import JOURNAL_NAME
from desktop.core.workspace import open_workspace

KILLED_AFTER_MAIN_SWAP = """
import os, sys
import desktop.core.backup.restore as restore
restore.restore_histories = lambda *a, **k: os._exit(9)  # the power goes here
from desktop.cli import main
main(["--data-dir", sys.argv[1], "backup", "restore", sys.argv[2], "--yes"])
"""


def _count(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM evidence_document").fetchone()[0]
    finally:
        con.close()


def _half_restored(cli, data_dir: Path, tmp_path: Path) -> tuple[Path, Path]:
    merged_commune(data_dir, "Hồng Phong")
    history = make_history(data_dir, "Hồng Phong", tmp=tmp_path) / DB_FILE_NAME
    backup = Path(cli("backup", "create").out.strip())
    assert (backup.parent / "lich-su" / "hong-phong" / backup.name).is_file()
    # after the backup: the history loses its document, the main data gains one
    con = sqlite3.connect(history)
    con.execute("DELETE FROM evidence_document")
    con.commit()
    con.close()
    scan = tmp_path / "moi.pdf"
    scan.write_bytes(b"%PDF moi")
    args = ["--year", "2025", "--criterion", "1", "--number", "9/KH-UBND", "--date", "01/03/2025"]
    assert cli("evidence", "add", str(scan), *args).code == 0
    proc = subprocess.run(
        [sys.executable, "-c", KILLED_AFTER_MAIN_SWAP, str(data_dir), str(backup)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 9, proc.stderr
    assert _count(data_dir / DB_FILE_NAME) == 0 and _count(history) == 0  # half done
    assert (data_dir / JOURNAL_NAME).is_file()
    return backup, history


def test_check_notices_a_restore_left_half_done(cli, data_dir: Path, tmp_path: Path) -> None:
    _half_restored(cli, data_dir, tmp_path)
    ws = open_workspace(data_dir)
    try:
        report = check_integrity(ws)
    finally:
        ws.close()
    assert not report.ok
    assert any(f.kind == "restore_unfinished" and "dở dang" in f.message for f in report.findings)


def test_the_next_start_finishes_an_interrupted_restore(
    cli, data_dir: Path, tmp_path: Path
) -> None:
    backup, history = _half_restored(cli, data_dir, tmp_path)
    r = cli("check")
    assert r.code == 0, r.out + r.err
    assert f"Lần khôi phục từ {backup.name} bị gián đoạn" in r.err and "đã làm xong" in r.err
    assert _count(data_dir / DB_FILE_NAME) == 0 and _count(history) == 1  # all of the backup
    assert not (data_dir / JOURNAL_NAME).exists()


def test_an_interrupted_restore_whose_backup_is_gone_is_rolled_back(
    cli, data_dir: Path, tmp_path: Path
) -> None:
    backup, history = _half_restored(cli, data_dir, tmp_path)
    backup.unlink()  # e.g. the stick it came from was taken away
    r = cli("check")
    assert r.code == 0, r.out + r.err
    assert "đã đưa dữ liệu về như trước khi khôi phục" in r.err
    assert _count(data_dir / DB_FILE_NAME) == 1 and _count(history) == 0  # as before
    assert not (data_dir / JOURNAL_NAME).exists()


def test_a_journal_whose_copies_are_all_gone_leaves_the_data_as_it_is(
    cli, initialized, data_dir: Path, tmp_path: Path
) -> None:
    import json

    gone = str(tmp_path / "khong-con.sqlite3")
    (data_dir / JOURNAL_NAME).write_text(
        json.dumps({"backup": gone, "safety": gone, "histories": {}}), encoding="utf-8"
    )
    r = cli("check")
    assert r.code == 0, r.err
    assert "dữ liệu được để nguyên như hiện có" in r.err
    assert not (data_dir / JOURNAL_NAME).exists()
    assert cli("catalog", "list", "--year", "2022").code == 0  # the data as it was
