"""Where the data lives, and where the app's own resources are (source or frozen build)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "SoCCHC"
PORTABLE_MARKER = "portable"
ENV_DATA_DIR = "CCHC_DATA_DIR"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def resource_root() -> Path:
    """The ``resources`` folder, from a source checkout, an installed wheel or PyInstaller."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    import resources

    return Path(resources.__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    return resource_root().joinpath(*parts)


def executable_dir() -> Path | None:
    """The folder of the frozen executable (portable mode lives there); None from source."""
    return Path(sys.executable).resolve().parent if is_frozen() else None


def user_app_dir() -> Path:
    """The per-user application-data folder (never the current directory)."""
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or os.environ.get("APPDATA")
        root = Path(base) if base else Path.home() / "AppData" / "Local"
        return root / APP_DIR_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_DIR_NAME
    base = os.environ.get("XDG_DATA_HOME")
    root = Path(base) if base else Path.home() / ".local" / "share"
    return root / APP_DIR_NAME


def base_dir() -> Path:
    """Portable folder beside the executable when marked, else the user's app-data folder."""
    exe = executable_dir()
    if exe is not None and (exe / PORTABLE_MARKER).exists():
        return exe
    return user_app_dir()


def resolve_data_dir(
    cli_value: str | os.PathLike[str] | None = None, *, demo: bool = False
) -> Path:
    """``--data-dir`` first, then ``CCHC_DATA_DIR``, then portable mode, then app data.

    The demo commune gets its own folder so it never mixes with the officer's real data.
    """
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env and not demo:
        return Path(env).expanduser().resolve()
    if env and demo:
        return Path(env).expanduser().resolve().parent / "demo"
    return base_dir() / ("demo" if demo else "data")
