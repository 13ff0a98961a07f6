from datetime import date, datetime, time

import pytest

from desktop.core.dossiers.values import (
    BadValue,
    parse_channel,
    parse_datetime,
    parse_due,
    parse_flag,
    parse_online_level,
    parse_payment,
    parse_status,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("05/01/2023", datetime(2023, 1, 5)),  # day first, never month first
        ("13/01/2023", datetime(2023, 1, 13)),
        ("5/1/2023 8:05", datetime(2023, 1, 5, 8, 5)),
        ("05/01/2023 08:30:15", datetime(2023, 1, 5, 8, 30, 15)),
        ("05-01-2023", datetime(2023, 1, 5)),
        ("05.01.2023", datetime(2023, 1, 5)),
        ("2023-01-05", datetime(2023, 1, 5)),
        ("2023-01-05 14:20:00", datetime(2023, 1, 5, 14, 20)),
        ("2023-01-05T14:20", datetime(2023, 1, 5, 14, 20)),
        ("08:30 05/01/2023", datetime(2023, 1, 5, 8, 30)),
        ("  05/01/2023\n 08:30 ", datetime(2023, 1, 5, 8, 30)),
        ("'05/01/2023", datetime(2023, 1, 5)),  # Excel's text mark kept by the export
        ("05/01/2023 08:30 SA", datetime(2023, 1, 5, 8, 30)),  # Windows in Vietnamese
        ("05/01/2023 02:30 CH", datetime(2023, 1, 5, 14, 30)),
        ("05/01/2023 12:10 SA", datetime(2023, 1, 5, 0, 10)),
        ("05/01/2023 2:30 p.m.", datetime(2023, 1, 5, 14, 30)),
        ("2023/01/05 07:00", datetime(2023, 1, 5, 7)),
        (44927, datetime(2023, 1, 1)),  # Excel serial
        (44927.5, datetime(2023, 1, 1, 12)),
        (date(2023, 1, 5), datetime(2023, 1, 5)),
        (datetime(2023, 1, 5, 8, 30), datetime(2023, 1, 5, 8, 30)),
    ],
)
def test_dates_are_read_day_first(raw, expected):
    assert parse_datetime(raw)[0] == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("31/02/2023", "không có ngày 31"),
        ("01/13/2023", "không có tháng 13"),  # month-first text is refused, not guessed
        ("Chưa có", "không phải là ngày"),
        ("05/01/2023 25:00", "giờ"),
        (12, "không phải là ngày"),
    ],
)
def test_impossible_dates_are_refused_with_a_reason(raw, reason):
    with pytest.raises(BadValue, match=reason):
        parse_datetime(raw)


def test_empty_date_is_none_and_due_without_time_is_end_of_day():
    assert parse_datetime(None) is None
    assert parse_datetime("  ") is None
    assert parse_due("05/01/2023") == datetime(2023, 1, 5, 23, 59, 59)
    assert parse_due("05/01/2023 17:00") == datetime(2023, 1, 5, 17, 0)
    assert parse_due(datetime(2023, 1, 5, 0, 0)).time() == time(23, 59, 59)
    assert parse_due("05/01/2023 00:00:00").time() == time(23, 59, 59)


@pytest.mark.parametrize(
    ("raw", "channel"),
    [
        ("Trực tuyến", "online"),
        ("TRUC TUYEN", "online"),
        ("Trực tiếp", "direct"),
        ("Dịch vụ bưu chính công ích", "postal"),
        ("Bưu chính", "postal"),
        (1, "direct"),
        (2.0, "online"),
        ("3", "postal"),
        ("", None),
        ("Khác", None),
    ],
)
def test_channels(raw, channel):
    assert parse_channel(raw) == channel


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("Đã trả kết quả", "returned"),
        ("Đang xử lý", "processing"),
        ("Chờ bổ sung", "processing"),
        ("Đã xử lý xong", "done"),
        ("Đã hủy", "withdrawn"),
        ("Công dân yêu cầu rút hồ sơ", "withdrawn"),
        ("Dừng xử lý", "withdrawn"),
        ("Không được tiếp nhận", "rejected"),
        ("Chuyển huyện", "processing"),  # "huyện" is not "hủy"
        (10, "returned"),
        (7, "withdrawn"),
        (3, "rejected"),
        ("", ""),
    ],
)
def test_statuses(raw, kind):
    assert parse_status(raw) == kind


def test_flags_payment_and_levels():
    assert [parse_flag(v) for v in ("x", "Có", "Đã số hóa", 1, 2, "", None, "Không", 0)] == [
        True,
        True,
        True,
        True,
        True,
        False,
        False,
        False,
        False,
    ]
    assert parse_payment("Đã thanh toán") is True
    assert parse_payment("Chưa thanh toán") is False
    assert parse_payment("Hoàn phí") is False
    assert parse_payment(None) is None
    assert parse_online_level("Toàn trình") == "full"
    assert parse_online_level("Một phần") == "partial"
    assert parse_online_level("") is None
