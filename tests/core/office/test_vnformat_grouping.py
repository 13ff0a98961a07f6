"""Numbers of a thousand and more are grouped the Vietnamese way (``1.234 hồ sơ``,
``45.734``, ``1.234,5``), as CLDR's ``vi`` locale writes them: the app's formatting is
checked against Babel, the well-kept library for CLDR number formats; the grouped forms
are read back, and the report writes them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from babel.numbers import format_percent as babel_percent

from desktop.core.office.vnformat import (
    format_count,
    format_dossiers,
    format_int,
    format_number,
    format_percent,
    format_points,
    parse_points,
)

VALUES = ["0", "7", "15", "87.75", "1.577", "0.2439", "999", "1000", "1234", "1234.5",
          "45734", "100000", "1000000", "-1234.5", "98765.432"]  # fmt: skip


@pytest.mark.parametrize("text", VALUES)
def test_numbers_as_cldr_vi_writes_them(text: str) -> None:
    value = Decimal(text)
    expected = format_decimal(value, locale="vi", decimal_quantization=False)
    assert format_points(value) == expected
    assert format_number(value) == expected


@pytest.mark.parametrize("text", ["84.89", "97.9", "100", "1234.5", "0.5"])
def test_percentages_as_cldr_vi_writes_them(text: str) -> None:
    value = Decimal(text)
    expected = babel_percent(value / 100, locale="vi", decimal_quantization=False)
    assert format_percent(value) == expected


@pytest.mark.parametrize("n", [10, 192, 999, 1000, 1234, 45734, 2_000_000])
def test_counts_are_grouped_and_small_ones_padded(n: int) -> None:
    expected = format_decimal(n, locale="vi")
    assert format_count(n) == expected == format_int(n)
    assert format_dossiers(n) == f"{expected} hồ sơ"
    assert format_count(7) == "07" and format_int(7) == "7"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.234,5", "1234.5"),  # as the screens show it
        ("12.345.678,25", "12345678.25"),
        ("1234,5", "1234.5"),
        ("1,5", "1.5"),
        ("1.5", "1.5"),
        ("1,577", "1.577"),  # a decimal comma, not a group: points have three decimals
    ],
)
def test_what_the_screens_show_is_read_back(text: str, value: str) -> None:
    assert parse_points(text) == Decimal(value)
    assert parse_points(format_points(Decimal(value))) == Decimal(value)


def test_report_writes_thousands_grouped(ws, tmp_path) -> None:
    """A commune that received 1.234 dossiers in the period reads ``1.234 hồ sơ``."""
    from datetime import datetime, timedelta

    from openpyxl import Workbook
    from report_seed import HEADER, fill_profile_and_catalog, fill_results

    from desktop.core.dossiers import custom_period, import_dossiers
    from desktop.core.report.store import create_index_report

    fill_profile_and_catalog(ws)
    fill_results(ws)
    wb = Workbook()
    sheet = wb.active
    sheet.append(HEADER)
    start = datetime(2023, 1, 2, 8)
    for i in range(1234):
        r = start + timedelta(minutes=90 * i)
        sheet.append([f"H{i:05d}", "Đăng ký khai sinh", "Hộ tịch", "Trực tuyến",
                      r.strftime("%d/%m/%Y %H:%M:%S"),
                      (r + timedelta(days=5)).strftime("%d/%m/%Y %H:%M:%S"),
                      (r + timedelta(days=1)).strftime("%d/%m/%Y %H:%M:%S"), "Đã trả kết quả",
                      "x", "x", "Một phần"])  # fmt: skip
    path = tmp_path / "hs.xlsx"
    wb.save(path)
    with ws.transaction() as s:
        import_dossiers(s, path)
        outcome = create_index_report(
            s, index_year=2022, period=custom_period("01/01/2023", "31/03/2023")
        )
    text = outcome.report.section("ho_so").text
    assert "đã tiếp nhận tổng số 1.234 hồ sơ" in text
    assert "1234" not in text
