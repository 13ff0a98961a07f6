"""Vietnamese number forms used by published results: ``0,2439/1,5``, ``9/19``."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest

from base.errors import ValidationError
from desktop.core.office.vnformat import format_fraction, parse_fraction, parse_points, parse_rank


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0,2439/1,5", (Decimal("0.2439"), Decimal("1.5"))),
        ("1/3 điểm", (Decimal(1), Decimal(3))),
        ("16.74/20 điểm", (Decimal("16.74"), Decimal(20))),
        (" 11,84 ", (Decimal("11.84"), None)),
        (unicodedata.normalize("NFD", "0,972/3 điểm"), (Decimal("0.972"), Decimal(3))),
    ],
)
def test_parse_fraction(text, expected):
    assert parse_fraction(text) == expected


def test_parse_fraction_refuses_what_is_not_one():
    with pytest.raises(ValidationError, match="“1/2/3” không đúng dạng"):
        parse_fraction("1/2/3")
    with pytest.raises(ValidationError, match="“abc” không phải là số"):
        parse_fraction("abc/1,5")


def test_points_keep_three_decimals_unless_told_more():
    assert parse_points("1,577") == Decimal("1.577")
    with pytest.raises(ValidationError, match="quá 3 chữ số thập phân"):
        parse_points("0,2439")
    assert parse_points("0,2439", places=4) == Decimal("0.2439")


def test_format_fraction_and_rank():
    assert format_fraction(Decimal("0.2439"), Decimal("1.500")) == "0,2439/1,5"
    assert format_fraction(Decimal(0), Decimal("1.5")) == "0/1,5"
    assert format_fraction(None, Decimal(1)) == ""
    assert parse_rank("9 / 19 hạng") == "9/19"
    assert parse_rank("09") == "9"
    assert parse_rank("9.0") == "9"
    with pytest.raises(ValidationError, match="không đúng dạng thứ hạng"):
        parse_rank("nhất")
