from datetime import date

import pytest

from base.errors import ValidationError
from desktop.core.dossiers.periods import (
    calendar_quarter,
    custom_period,
    nd09_period,
    nd09_quarter,
    presets,
)


def test_nd09_periods_start_on_15_december_of_the_previous_year():
    assert (nd09_period("q1", 2023).start, nd09_period("q1", 2023).end) == (
        date(2022, 12, 15),
        date(2023, 3, 14),
    )
    assert nd09_period("6m", 2023).end == date(2023, 6, 14)
    assert nd09_period("9m", 2023).end == date(2023, 9, 14)
    year = nd09_period("year", 2023)
    assert (year.start, year.end) == (date(2022, 12, 15), date(2023, 12, 14))
    assert nd09_quarter(1, 2023) == nd09_period("q1", 2023)
    assert (nd09_quarter(3, 2023).start, nd09_quarter(3, 2023).end) == (
        date(2023, 6, 15),
        date(2023, 9, 14),
    )


def test_calendar_quarters_and_custom_ranges():
    q4 = calendar_quarter(4, 2023)
    assert (q4.start, q4.end) == (date(2023, 10, 1), date(2023, 12, 31))
    q1 = calendar_quarter(1, 2024)
    assert q1.end == date(2024, 3, 31)
    seed = custom_period("15/12/2022", "30/3/2023")  # the period seed 002 used
    assert (seed.start, seed.end) == (date(2022, 12, 15), date(2023, 3, 30))
    assert "15/12/2022" in seed.title and "30/03/2023" in seed.title
    assert len(presets(2023)) == 11


def test_bad_periods_are_refused_in_vietnamese():
    with pytest.raises(ValidationError, match="trước ngày bắt đầu"):
        custom_period("14/03/2023", "15/12/2022")
    with pytest.raises(ValidationError, match="không tồn tại"):
        custom_period("31/02/2023", "14/03/2023")
    with pytest.raises(ValidationError, match="Quý 5"):
        calendar_quarter(5, 2023)
