"""Shared fixtures. Qt runs offscreen in every test (set here, never by hand)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("CCHC_DATA_DIR", None)

import pytest  # noqa: E402

from desktop.core.workspace import Workspace, open_workspace  # noqa: E402
from tests.folder_holders import holders  # noqa: E402, F401 - another program's lock


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch) -> None:
    """No test may touch the real user's app-data folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("LOCALAPPDATA", str(home / "AppData" / "Local"))
    monkeypatch.delenv("CCHC_DATA_DIR", raising=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "du-lieu"


@pytest.fixture
def ws(data_dir: Path) -> Iterator[Workspace]:
    workspace = open_workspace(data_dir)
    yield workspace
    workspace.close()


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cli(data_dir: Path, capsys):
    """Run ``cchc --data-dir <data_dir> ...`` in-process and capture its output."""
    from desktop.cli import main

    def run(*argv: str) -> CliResult:
        capsys.readouterr()
        try:
            code = main(["--data-dir", str(data_dir), *argv])
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def initialized(cli) -> None:
    r = cli(
        "init",
        "--commune",
        "Đồng Tâm",
        "--district",
        "Ninh Giang",
        "--province",
        "Hải Dương",
        "--chairman",
        "Nguyễn Văn A",
        "--officer",
        "Trần Thị B",
        "--year",
        "2022",
    )
    assert r.code == 0, r.err


@pytest.fixture
def make_file(tmp_path: Path):
    """Write a real source file (an officer's scan) under tmp_path/nguon; returns its path."""

    def make(name: str, content: bytes | None = None) -> Path:
        folder = tmp_path / "nguon"
        folder.mkdir(exist_ok=True)
        path = folder / name
        path.write_bytes(content if content is not None else f"%PDF {name}".encode())
        return path

    return make
