"""Damaged files at every importer: the officer reads Vietnamese naming the file, never
the library's English ("Cannot detect file format", "invalid Zip archive", "File not
found '_rels/.rels'", "no such table" …), and nothing is saved."""

from __future__ import annotations

import os
import re
import sqlite3
import zipfile
from pathlib import Path

import openpyxl
import pytest

# Words the libraries (calamine, zipfile, sqlite3, the OS) put in their messages.
ENGLISH = re.compile(
    r"\b(cannot|could not|invalid|not found|error|exists|archive|format|syntax|"
    r"styleSheet|entity|no such|table|database|disk|file|found|detect|signature)\b",
    re.IGNORECASE,
)


def _workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active.append(["Mã", "Tên tiêu chí", "Điểm tối đa"])
    wb.active.append(["1", "Công tác chỉ đạo", 15])
    wb.save(path)
    return path


def _rezip(src: Path, dest: Path, change) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for name in zin.namelist():
            data = change(name, zin.read(name))
            if data is not None:
                zout.writestr(name, data)
    return dest


def _hostile(kind: str, tmp_path: Path) -> Path:
    good = _workbook(tmp_path / "tot.xlsx")
    if kind == "random":
        path = tmp_path / "Bảng điểm hỏng.xlsx"
        path.write_bytes(os.urandom(4000))
    elif kind == "random_xls":
        path = tmp_path / "Bảng điểm cũ.xls"
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4000))
    elif kind == "truncated":
        path = tmp_path / "Bảng điểm cắt cụt.xlsx"
        path.write_bytes(good.read_bytes()[:1500])
    elif kind == "no_rels":
        path = _rezip(
            good, tmp_path / "Thiếu rels.xlsx", lambda n, d: None if n == "_rels/.rels" else d
        )
    elif kind == "styles":
        path = _rezip(
            good,
            tmp_path / "Kiểu hỏng.xlsx",
            lambda n, d: b"<styleSheet><broken" if n == "xl/styles.xml" else d,
        )
    else:  # sheet XML with an entity no parser knows
        path = _rezip(
            good,
            tmp_path / "Thực thể lạ.xlsx",
            lambda n, d: (
                d.replace(b"<t>", b"<t>&bogus;", 1) if n.startswith("xl/worksheets/") else d
            ),
        )
    return path


KINDS = ["random", "random_xls", "truncated", "no_rels", "styles", "entity"]


def _assert_vietnamese(message: str, path: Path) -> None:
    text = message.replace(path.name, "")  # the file's own name may be anything
    assert path.name in message, message
    assert not ENGLISH.search(text), message
    assert "Traceback" not in message


@pytest.mark.parametrize("kind", KINDS)
def test_catalog_import(cli, initialized, tmp_path: Path, kind: str) -> None:
    path = _hostile(kind, tmp_path)
    r = cli("catalog", "import", str(path), "--year", "2024", "--accept")
    assert r.code == 1
    _assert_vietnamese(r.err, path)
    assert cli("catalog", "list", "--year", "2024").code == 1  # nothing saved


# calamine reads past an unknown entity in a cell-less sheet: that workbook is readable.
@pytest.mark.parametrize("kind", [k for k in KINDS if k != "entity"])
def test_results_import(cli, initialized, tmp_path: Path, kind: str) -> None:
    path = _hostile(kind, tmp_path)
    r = cli("results", "import", str(path), "--year", "2022")
    assert r.code == 1
    _assert_vietnamese(r.err, path)


@pytest.mark.parametrize("kind", KINDS)
def test_dossiers_import(cli, initialized, tmp_path: Path, kind: str) -> None:
    path = _hostile(kind, tmp_path)
    r = cli("dossiers", "import", str(path))
    assert r.code == 1
    _assert_vietnamese(r.err, path)


def test_history_import_of_a_foreign_database(cli, initialized, tmp_path: Path) -> None:
    path = tmp_path / "so-cchc-20240101-120000.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE khac (x)")
    con.commit()
    con.close()
    r = cli("history", "import", str(path))
    assert r.code == 1
    _assert_vietnamese(r.err, path)


def test_bundle_verify_of_a_file_that_is_not_a_zip(cli, initialized, tmp_path: Path) -> None:
    path = tmp_path / "Gói hỏng.zip"
    path.write_bytes(os.urandom(3000))
    r = cli("bundle", "verify", str(path))
    assert r.code == 3
    _assert_vietnamese(r.out, path)


def test_a_path_where_a_file_stands_in_the_way(cli, initialized, tmp_path: Path) -> None:
    blocker = tmp_path / "USB"
    blocker.write_text("một tệp, không phải thư mục")
    r = cli("backup", "create", str(blocker / "con"))
    assert r.code == 1, r.err
    assert "Traceback" not in r.err
    assert not ENGLISH.search(r.err.replace(str(blocker / "con"), "").replace(str(blocker), ""))
