"""Fixtures for the evidence, scoring and checks tests: the sample catalog for a year."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.core.catalog.store import load_builtin
from desktop.core.evidence.documents import NewDocument, add_document
from desktop.core.workspace import Workspace

YEAR = 2023


@pytest.fixture
def sample_ws(ws: Workspace) -> Workspace:
    """A workspace whose year 2023 has the shipped sample catalog (with sub-criteria)."""
    with ws.transaction() as s:
        load_builtin(s, YEAR, "mau-minh-hoa")
    return ws


@pytest.fixture
def add_doc(sample_ws: Workspace, make_file):
    """Add a document of 2023 in one transaction; returns its id."""

    def add(
        number: str = "05/KH-UBND",
        codes: tuple[str, ...] = ("1.1.1",),
        *,
        issue_date: date | None = date(2023, 1, 12),
        files: list[Path] | None = None,
        **fields,
    ) -> int:
        paths = files if files is not None else [make_file(f"{number.replace('/', '-')}.pdf")]
        doc = NewDocument(year=YEAR, number=number, issue_date=issue_date, **fields)
        with sample_ws.transaction() as s:
            return add_document(s, sample_ws.store, doc, paths, list(codes)).id

    return add
