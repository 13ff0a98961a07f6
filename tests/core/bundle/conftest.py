"""Fixtures for bundle tests (the sample data is in bundle_sample.py)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from bundle_sample import fill

from desktop.core.workspace import Workspace


@pytest.fixture
def sample_ws(ws: Workspace, tmp_path: Path) -> Workspace:
    fill(ws, tmp_path)
    return ws


@pytest.fixture
def usb():
    """A short path like a stick's root (E:\\): the 240-character budget is counted from
    here, so a deep pytest temp folder (e.g. under pytest-xdist) would shorten names."""
    path = Path(tempfile.mkdtemp(prefix="usb"))
    yield path
    shutil.rmtree(path, ignore_errors=True)
