"""A zipped "backup" for the history that would fill the disk is refused from the zip's
directory (compression ratio, declared sizes against free space) before anything is
unpacked."""

from __future__ import annotations

import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from base.errors import CchcError
from desktop.core.history.sources import read_source


def _nothing_unpacked(data_dir: Path) -> None:
    root = data_dir / "lich-su"
    assert not root.exists() or not any(root.iterdir())


def test_a_zip_bomb_backup_is_refused_before_unpacking(tmp_path: Path) -> None:
    bomb = tmp_path / "sao-luu.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("so-cchc-20240101-120000.sqlite3", b"\0" * (8 * 1024 * 1024))
    data_dir = tmp_path / "du-lieu"
    data_dir.mkdir()
    with pytest.raises(CchcError) as exc:
        read_source(bomb, data_dir)
    assert "tỉ lệ nén" in str(exc.value) and "sao-luu.zip" in str(exc.value)
    _nothing_unpacked(data_dir)


def test_a_backup_larger_than_the_free_space_is_refused(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "so-cchc-20240101-120000.sqlite3"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE t (x)")
    con.executemany("INSERT INTO t VALUES (?)", [(str(i) * 20,) for i in range(20_000)])
    con.commit()
    con.close()
    packed = tmp_path / "sao-luu.zip"
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(db, db.name)
    real = shutil.disk_usage

    def tiny(path):
        u = real(path)
        return type(u)(u.total, u.total - 4096, 4096)

    monkeypatch.setattr(shutil, "disk_usage", tiny)
    data_dir = tmp_path / "du-lieu"
    data_dir.mkdir()
    with pytest.raises(CchcError) as exc:
        read_source(packed, data_dir)
    assert "không đủ chỗ" in str(exc.value)
    _nothing_unpacked(data_dir)
