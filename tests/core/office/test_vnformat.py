from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from base.errors import ValidationError
from desktop.core.office.vnformat import format_date, format_points, parse_date, parse_points


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("87.750"), "87,75"),
        (Decimal("1.577"), "1,577"),
        (Decimal("15.000"), "15"),
        (Decimal("18.5"), "18,5"),
        (0, "0"),
        (None, ""),
    ],
)
def test_format_points(value, text) -> None:
    assert format_points(value) == text


def test_parse_points_accepts_decimal_comma() -> None:
    assert parse_points("1,5") == Decimal("1.5")
    assert parse_points(" 0.25 ") == Decimal("0.25")
    with pytest.raises(ValidationError, match="quá 3 chữ số"):
        parse_points("1,2345")
    with pytest.raises(ValidationError, match="không phải là số"):
        parse_points("một")


def test_dates_day_first_and_impossible_dates_refused() -> None:
    assert parse_date("04/4/2023") == date(2023, 4, 4)
    assert parse_date("15.12.2022") == date(2022, 12, 15)
    assert format_date(date(2023, 4, 4)) == "04/04/2023"
    with pytest.raises(ValidationError, match="không tồn tại"):
        parse_date("31/02/2023")
    with pytest.raises(ValidationError, match="không có tháng 13"):
        parse_date("01/13/2023")
    with pytest.raises(ValidationError, match="dd/mm/yyyy"):
        parse_date("2023-02-01")


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 KB"),
        (300, "1 KB"),
        (12_400, "12 KB"),
        (3_420_000, "3,4 MB"),
        (1_250_000_000, "1,25 GB"),
    ],
)
def test_format_size(size, text) -> None:
    from desktop.core.office.vnformat import format_size

    assert format_size(size) == text


def test_format_datetime() -> None:
    from datetime import datetime

    from desktop.core.office.vnformat import format_datetime

    assert format_datetime(datetime(2024, 1, 5, 15, 30, 12)) == "05/01/2024 15:30"
    assert format_datetime(None) == ""
