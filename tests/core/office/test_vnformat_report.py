"""The forms reports write (seed 002): percentages, padded counts, ND 30 dates, ranks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop.core.office.vnformat import (
    format_count,
    format_doc_date,
    format_dossiers,
    format_fraction,
    format_long_date,
    format_number,
    format_percent,
    format_place_date,
    format_rank,
)


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (Decimal("97.9"), None, "97,9%"),
        (Decimal("87.40"), None, "87,4%"),
        (Decimal("84.89"), None, "84,89%"),
        (Decimal("100.0"), None, "100%"),
        (Decimal("0.5"), None, "0,5%"),
        (Decimal("97.916"), 1, "97,9%"),
        (Decimal("0.05"), 1, "0,1%"),  # half up, as the statistics round
        (12.5, None, "12,5%"),
        (None, None, ""),
    ],
)
def test_format_percent(value, places, text) -> None:
    assert format_percent(value, places) == text


def test_format_number_rounds_half_up_and_drops_trailing_zeros() -> None:
    assert format_number(Decimal("65.670")) == "65,67"
    assert format_number(Decimal("1.5770")) == "1,577"
    assert format_number(Decimal("2.25"), 1) == "2,3"
    assert format_number(Decimal("11.00"), 2) == "11"
    assert format_number(None) == ""


@pytest.mark.parametrize(
    ("n", "text"), [(0, "0"), (1, "01"), (3, "03"), (9, "09"), (10, "10"), (192, "192")]
)
def test_counts_below_ten_are_padded(n, text) -> None:
    assert format_count(n) == text


def test_dossier_counts_as_seed_002_writes_them() -> None:
    assert format_dossiers(1) == "01 hồ sơ"
    assert format_dossiers(186) == "186 hồ sơ"
    assert format_dossiers(7, "nội dung") == "07 nội dung"


def test_scores_and_ranks() -> None:
    assert format_fraction(Decimal("87.75"), Decimal(100)) == "87,75/100"
    assert format_fraction(Decimal("1.577"), Decimal(2)) == "1,577/2"
    assert format_fraction(Decimal("6.000"), Decimal("6")) == "6/6"
    assert format_rank(9, 20) == "9/20"
    assert format_rank(" 9/19 ") == "9/19"
    assert format_rank(3) == "3"
    assert format_rank(None) == ""


@pytest.mark.parametrize(
    ("value", "doc", "long"),
    [
        (date(2023, 4, 4), "04/4/2023", "ngày 04 tháng 4 năm 2023"),
        (date(2022, 12, 15), "15/12/2022", "ngày 15 tháng 12 năm 2022"),
        (date(2023, 3, 16), "16/3/2023", "ngày 16 tháng 3 năm 2023"),
        (date(2023, 2, 24), "24/02/2023", "ngày 24 tháng 02 năm 2023"),
        (date(2024, 1, 5), "05/01/2024", "ngày 05 tháng 01 năm 2024"),
    ],
)
def test_nd30_dates(value, doc, long) -> None:
    assert format_doc_date(value) == doc
    assert format_long_date(value) == long


def test_place_and_date_line() -> None:
    assert format_place_date("Đồng Tâm", date(2023, 4, 4)) == "Đồng Tâm, ngày 04 tháng 4 năm 2023"
    # no date yet: blanks for the clerk to write by hand
    assert format_place_date("Đồng Tâm", None).startswith("Đồng Tâm, ngày ")
    assert format_doc_date(None) == ""
