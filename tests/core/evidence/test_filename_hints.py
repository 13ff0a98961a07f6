"""Number, date and kind suggested from the file names officers actually use."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from desktop.core.evidence.filename_hints import hints_from_filename


@pytest.mark.parametrize(
    "name, number, when, kind",
    [
        ("123-BC-UBND 04.4.2023.pdf", "123/BC-UBND", date(2023, 4, 4), "Báo cáo"),
        ("05_KH-UBND_12-01-2023.docx", "05/KH-UBND", date(2023, 1, 12), "Kế hoạch"),
        (
            "Quyet dinh 3395 QD-UBND ngay 15-12-2022.pdf",
            "3395/QĐ-UBND",
            date(2022, 12, 15),
            "Quyết định",
        ),
        ("12 tb-ubnd.pdf", "12/TB-UBND", None, "Thông báo"),
        ("45_TTr-UBND 2023-03-09.pdf", "45/TTr-UBND", date(2023, 3, 9), "Tờ trình"),
        ("123_UBND-VP 01.02.2023.pdf", "123/UBND-VP", date(2023, 2, 1), "Công văn"),
        ("01_2020_TT-VPCP.pdf", "01/2020/TT-VPCP", None, None),
        (unicodedata.normalize("NFD", "Biên bản họp 7-BB-UBND.pdf"), "7/BB-UBND", None, "Biên bản"),
        ("Bao cao tong ket nam.docx", None, None, "Báo cáo"),
        ("scan 31.02.2023.pdf", None, None, None),  # no such day: no suggestion
        ("IMG_0042.jpg", None, None, None),
        ("CON.pdf", None, None, None),
    ],
)
def test_hints(name, number, when, kind) -> None:
    h = hints_from_filename(name)
    assert (h.number, h.issue_date, h.kind) == (number, when, kind)
    assert h.empty == (number is None and when is None and kind is None)
