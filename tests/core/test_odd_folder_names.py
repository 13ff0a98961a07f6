"""A data folder whose name has ``#``, ``%``, spaces and Vietnamese letters works like any
other (the read-only SQLite connections are opened through a proper file URI)."""

from __future__ import annotations

import os

import pytest

from db.dbfile import DB_FILE_NAME, connect_read_only, quick_check, read_revision
from desktop.cli import main
from desktop.core.years.overview import year_overview


def test_everything_that_reads_the_database_file_directly(tmp_path, capsys) -> None:
    folder = tmp_path / "Dữ liệu #1 (50%) xã Đồng Tâm"
    args = ["--data-dir", str(folder)]
    init = ["init", "--commune", "Đồng Tâm", "--province", "Hải Dương", "--year", "2023"]
    assert main([*args, *init]) == 0
    db = folder / DB_FILE_NAME
    assert quick_check(db) == ["ok"] and read_revision(db)
    con = connect_read_only(db)
    try:
        assert con.execute("SELECT commune_name FROM commune_profile").fetchone() == ("Đồng Tâm",)
    finally:
        con.close()
    assert year_overview(db).profile.commune_name == "Đồng Tâm"  # the first screen
    assert main([*args, "backup", "create"]) == 0
    backup = capsys.readouterr().out.strip().splitlines()[-1]
    assert main([*args, "backup", "list"]) == 0 and "Sao lưu thủ công" in capsys.readouterr().out
    assert main([*args, "backup", "restore", backup, "--yes"]) == 0
    assert main([*args, "check", "--full"]) == 0


ODD_NAMES = ["p%20q", "a #b", "Dữ liệu xã Đồng Tâm", "x%3Fy"]
if os.name != "nt":  # "?" cannot be in a Windows file name
    ODD_NAMES.append("p?q")


@pytest.mark.parametrize("name", ODD_NAMES)
def test_the_database_is_made_inside_the_folder_named(tmp_path, capsys, name) -> None:
    folder = tmp_path / "goc" / name
    args = ["--data-dir", str(folder)]
    init = ["init", "--commune", "Đồng Tâm", "--province", "Hải Dương", "--year", "2023"]
    assert main([*args, *init]) == 0, capsys.readouterr().err
    assert (folder / DB_FILE_NAME).is_file()
    around = sorted(p.name for p in (tmp_path / "goc").iterdir())
    assert around == [name]  # nothing made beside it (a "p q" or "p" sibling)
    assert main([*args, "catalog", "list", "--year", "2023"]) == 0
    assert main([*args, "check", "--full"]) == 0
