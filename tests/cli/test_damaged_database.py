"""A database with a damaged page (its header and schema still readable): every command
says so in Vietnamese, ``check`` names the newest good backup, and a backup never copies
the damage over good backups."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from db.dbfile import DB_FILE_NAME

ADD = ["--year", "2023", "--criterion", "1.1.1", "--date", "01/03/2023"]


def _damage_a_data_page(db: Path) -> None:
    """Overwrite the pages of the documents table (not page 1: the header and schema)."""
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = con.execute("PRAGMA page_size").fetchone()[0]
    roots = [
        r[0]
        for r in con.execute(
            "SELECT rootpage FROM sqlite_master WHERE tbl_name IN ('evidence_document', 'blob')"
        )
    ]
    con.close()
    data = bytearray(db.read_bytes())
    for root in roots:
        start = (root - 1) * page
        data[start : start + page] = b"\xa5" * page
    db.write_bytes(bytes(data))


@pytest.fixture
def damaged(cli, sample_year, scan, data_dir: Path) -> Path:
    for i in range(30):
        r = cli("evidence", "add", scan(f"{i}.pdf"), *ADD, "--number", f"{i}/KH-UBND")
        assert r.code == 0, r.err
    good = Path(cli("backup", "create").out.strip())
    _damage_a_data_page(data_dir / DB_FILE_NAME)
    return good


@pytest.mark.parametrize(
    "argv",
    [
        ["evidence", "list", "--year", "2023"],
        ["evidence", "add", "{scan}", *ADD, "--number", "99/KH-UBND"],
        ["bundle", "export", "{usb}", "--year", "2023"],
        ["check", "--full"],
    ],
)
def test_every_command_says_the_database_is_damaged(cli, damaged, scan, tmp_path, argv) -> None:
    usb = tmp_path / "usb"
    usb.mkdir(exist_ok=True)
    argv = [a.format(scan=scan("moi.pdf"), usb=usb) for a in argv]
    r = cli(*argv)
    assert r.code == 1
    assert "Traceback" not in r.err and "malformed" not in r.err + r.out
    assert "bị hỏng" in r.err + r.out


def test_check_names_the_newest_good_backup(cli, damaged: Path) -> None:
    for argv in (["check"], ["check", "--full"]):
        r = cli(*argv)
        assert r.code == 1 and "Cơ sở dữ liệu bị hỏng" in r.out
        assert f"Bản sao lưu tốt gần nhất: {damaged.name}" in r.out
        assert f"cchc backup restore {damaged.name} --yes" in r.out
    doc = cli("check", "--json").json()
    assert doc["ok"] is False and doc["good_backup"] == str(damaged)


def test_a_backup_of_a_damaged_database_is_refused_and_keeps_the_good_ones(
    cli, damaged: Path, data_dir: Path
) -> None:
    r = cli("backup", "create")
    assert r.code == 1 and "bị hỏng" in r.err and "Traceback" not in r.err
    left = sorted(p.name for p in (data_dir / "backups").glob("*.sqlite3"))
    assert left == [damaged.name]  # the damaged copy is not kept as a backup
    assert cli("backup", "restore", damaged.name, "--yes").code == 0
    assert cli("check", "--full").code == 0
