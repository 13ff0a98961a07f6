"""Fixtures for bundle tests (the sample data is in bundle_sample.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bundle_sample import fill

from desktop.core.workspace import Workspace


@pytest.fixture
def sample_ws(ws: Workspace, tmp_path: Path) -> Workspace:
    fill(ws, tmp_path)
    return ws


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    path = tmp_path / "USB"
    path.mkdir()
    return path
