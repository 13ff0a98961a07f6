from __future__ import annotations

import sys
from pathlib import Path

from desktop.core import paths


def test_priority_cli_then_env_then_portable_then_appdata(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CCHC_DATA_DIR", str(tmp_path / "env"))
    assert paths.resolve_data_dir(str(tmp_path / "cli")) == (tmp_path / "cli").resolve()
    assert paths.resolve_data_dir(None) == (tmp_path / "env").resolve()
    monkeypatch.delenv("CCHC_DATA_DIR")
    exe_dir = tmp_path / "app"
    exe_dir.mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe_dir / "cchc-desktop.exe"))
    assert paths.resolve_data_dir(None) == paths.user_app_dir() / "data"
    (exe_dir / "portable").write_text("")
    assert paths.resolve_data_dir(None) == exe_dir.resolve() / "data"
    assert paths.resolve_data_dir(None, demo=True) == exe_dir.resolve() / "demo"


def test_user_app_dir_is_never_the_current_directory(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    d = paths.resolve_data_dir(None)
    assert tmp_path not in d.parents and d != tmp_path
    assert d.name == "data" and d.parent.name == paths.APP_DIR_NAME


def test_resource_path_finds_catalogs() -> None:
    assert paths.resource_path("catalogs", "catalogs.json").is_file()
