"""A data folder filled like seed 002, and its index report no. 123 of 04/04/2023."""

from __future__ import annotations

from datetime import date

import pytest
from report_seed import PERIOD, fill_seed_002

from desktop.core.report.store import create_index_report


@pytest.fixture
def seeded(ws, tmp_path):
    fill_seed_002(ws, tmp_path)
    return ws


@pytest.fixture
def report(seeded):
    with seeded.transaction() as s:
        outcome = create_index_report(
            s, index_year=2022, period=PERIOD, number="123", report_date=date(2023, 4, 4)
        )
    return outcome
