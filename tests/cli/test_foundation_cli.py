"""The foundation CLI contract: init, catalog list, check; exit codes; --json output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from db.dbfile import DB_FILE_NAME


def test_init_creates_profile_and_catalog_and_is_idempotent(cli, data_dir: Path) -> None:
    args = [
        "init",
        "--commune",
        "Đồng Tâm",
        "--district",
        "Ninh Giang",
        "--province",
        "Hải Dương",
        "--year",
        "2022",
        "--json",
    ]
    first = cli(*args)
    assert first.code == 0, first.err
    doc = first.json()
    assert doc["profile"]["commune_name"] == "Đồng Tâm"
    assert doc["profile"]["district"] == "Ninh Giang"
    assert doc["year"] == 2022 and doc["catalog_created"] is True
    assert doc["catalog"]["complete"] is False
    second = cli(*args)
    assert second.code == 0 and second.json()["catalog_created"] is False
    nodes = cli("catalog", "list", "--year", "2022", "--json").json()["nodes"]
    assert len(nodes) == 10  # loaded once, not twice
    assert (data_dir / DB_FILE_NAME).exists()


def test_init_updates_profile_without_district(cli, initialized) -> None:
    r = cli(
        "init",
        "--commune",
        "Đồng Tâm",
        "--province",
        "Hải Phòng",
        "--officer",
        "Lê C",
        "--year",
        "2026",
        "--json",
    )
    assert r.code == 0, r.err
    prof = r.json()["profile"]
    assert prof["province"] == "Hải Phòng"
    assert prof["district"] == "Ninh Giang"  # not given: kept
    assert prof["officer"] == "Lê C" and prof["chairman"] == "Nguyễn Văn A"


def test_init_default_year_is_this_year(cli) -> None:
    from datetime import date

    r = cli("init", "--commune", "X", "--province", "Y", "--json")
    assert r.json()["year"] == date.today().year


def test_catalog_list_json(cli, initialized) -> None:
    r = cli("catalog", "list", "--year", "2022", "--json")
    assert r.code == 0
    doc = json.loads(r.out)  # stdout is exactly one JSON document
    first = doc["nodes"][0]
    assert {"code", "level", "title", "max_points"} <= set(first)
    assert [n["max_points"] for n in doc["nodes"]] == [15, 5, 18.5, 6, 11, 7, 11.5, 2, 14, 10]
    assert all(n["level"] == 1 for n in doc["nodes"])
    assert doc["catalog"]["decision_number"] == "3395/QĐ-UBND"


def test_catalog_list_text_says_incomplete(cli, initialized) -> None:
    r = cli("catalog", "list", "--year", "2022")
    assert r.code == 0
    assert "18,5 điểm" in r.out and "Chưa có tiêu chí" in r.out


def test_unknown_year_is_a_user_error(cli, initialized) -> None:
    r = cli("catalog", "list", "--year", "2031", "--json")
    assert r.code == 1 and r.out == ""
    assert "Năm 2031 chưa có bộ tiêu chí" in r.err


def test_usage_errors_exit_2(cli) -> None:
    assert cli("init", "--commune", "X").code == 2
    assert cli("catalog").code == 2
    assert cli("nonsense").code == 2
    r = cli("catalog", "list", "--year", "hai nghìn")
    assert r.code == 2 and "năm" in r.err


def test_check_sound_and_broken(cli, initialized, data_dir: Path, tmp_path: Path) -> None:
    r = cli("check", "--json")
    assert r.code == 0 and r.json()["ok"] is True and r.json()["quick_check"] == ["ok"]
    # a document whose file vanished from the store
    from desktop.core.catalog.store import load_builtin
    from desktop.core.evidence.documents import NewDocument, add_document
    from desktop.core.workspace import open_workspace

    ws = open_workspace(data_dir)
    src = tmp_path / "kh.pdf"
    src.write_bytes(b"ke hoach")
    with ws.transaction() as s:
        load_builtin(s, 2023, "mau-minh-hoa")
        add_document(s, ws.store, NewDocument(year=2023, number="05/KH-UBND"), [src], ["1.1.1"])
    sha = next(ws.store.iter_stored())
    ws.store.remove(sha)
    ws.close()
    r = cli("check", "--json")
    assert r.code == 1
    kinds = [f["kind"] for f in r.json()["findings"]]
    assert kinds == ["blob_missing"]
    assert {"kind", "code", "evidence_id", "message"} <= set(r.json()["findings"][0])
    text = cli("check")
    assert text.code == 1 and "kh.pdf" in text.out


def test_unwritable_data_dir_message(tmp_path: Path, capsys) -> None:
    from desktop.cli import main

    blocker = tmp_path / "la-tep"
    blocker.write_text("x")
    code = main(["--data-dir", str(blocker / "du-lieu"), "check"])
    err = capsys.readouterr().err
    assert code == 1 and "Không ghi được vào thư mục dữ liệu" in err


def test_corrupt_database_message_and_file_kept(cli, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    db = data_dir / DB_FILE_NAME
    db.write_bytes(b"garbage" * 1000)
    r = cli("check", "--json")
    assert r.code == 1 and r.out == ""
    assert "bị hỏng" in r.err
    assert db.read_bytes() == b"garbage" * 1000


def test_data_dir_from_environment_and_real_entry_point(tmp_path: Path) -> None:
    env = dict(os.environ, CCHC_DATA_DIR=str(tmp_path / "env-data"), PYTHONIOENCODING="cp1252")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop.cli",
            "init",
            "--commune",
            "Đồng Tâm",
            "--province",
            "Hải Dương",
            "--year",
            "2023",
            "--json",
        ],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert json.loads(proc.stdout.decode("utf-8"))["profile"]["commune_name"] == "Đồng Tâm"
    assert (tmp_path / "env-data" / DB_FILE_NAME).exists()
    assert not (tmp_path / DB_FILE_NAME).exists()  # never the current directory
