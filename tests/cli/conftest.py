"""Fixtures for the evidence and scoring commands: the sample catalog for 2023."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.catalog.store import load_builtin
from desktop.core.workspace import open_workspace


@pytest.fixture
def sample_year(data_dir: Path) -> str:
    """The data folder has the shipped sample catalog (with sub-criteria) for 2023."""
    ws = open_workspace(data_dir)
    with ws.transaction() as s:
        load_builtin(s, 2023, "mau-minh-hoa")
    ws.close()
    return "2023"


@pytest.fixture
def scan(make_file):
    """Like ``make_file``, as the string a command line gets."""

    def make(name: str, content: bytes | None = None) -> str:
        return str(make_file(name, content))

    return make
