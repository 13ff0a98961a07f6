"""The register: search ignoring diacritics, case and Unicode form; filters; sorting."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from base.errors import ValidationError
from desktop.core.evidence.query import (
    RegisterFilter,
    RegisterIndex,
    list_register,
    responsible_names,
)

YEAR = 2023


@pytest.fixture
def register(sample_ws, add_doc, make_file) -> dict[str, int]:
    ids = {
        "kh": add_doc(
            "05/KH-UBND",
            ("1.1.1", "1.4.1"),
            issue_date=date(2023, 1, 12),
            kind="Kế hoạch",
            summary="Kế hoạch cải cách hành chính năm 2023",
            issuer="UBND xã Đồng Tâm",
            responsible="Trần Thị B",
        ),
        "bc": add_doc(
            "123/BC-UBND",
            ("1.2.1",),
            issue_date=date(2023, 4, 4),
            kind="Báo cáo",
            summary="Báo cáo kết quả CCHC quý I",
            issuer="UBND xã Đồng Tâm",
            responsible="Lê Văn C",
        ),
        "bb": add_doc(
            "7/BB-UBND",
            ("3.3.1",),
            issue_date=date(2023, 3, 1),
            kind="Biên bản",
            summary="Biên bản kiểm tra Bộ phận Một cửa",
            issuer="Đoàn kiểm tra huyện Ninh Giang",
            responsible="Trần Thị B",
        ),
        "anh": add_doc(
            "",
            (),
            issue_date=None,
            summary="Ảnh niêm yết thủ tục hành chính",
            files=[make_file("anh.jpg", b"\xff\xd8")],
        ),
    }
    return ids


def _ids(ws, **kw) -> list[int]:
    sort = kw.pop("sort", "date")
    descending = kw.pop("descending", False)
    with ws.session() as s:
        rows = list_register(s, RegisterFilter(year=YEAR, **kw), sort=sort, descending=descending)
    return [r.id for r in rows]


@pytest.mark.parametrize(
    "query",
    [
        "ke hoach",
        "KẾ HOẠCH",
        unicodedata.normalize("NFD", "kế hoạch cải cách"),
        "hoach ke",
        "05/kh",
        "  Kế   hoạch  ",
    ],
)
def test_search_ignores_diacritics_case_and_unicode_form(sample_ws, register, query) -> None:
    assert _ids(sample_ws, search=query) == [register["kh"]]


def test_search_covers_number_summary_and_issuer(sample_ws, register) -> None:
    assert _ids(sample_ws, search="123/BC") == [register["bc"]]
    assert _ids(sample_ws, search="ninh giang") == [register["bb"]]
    assert _ids(sample_ws, search="dong tam") == [register["kh"], register["bc"]]
    assert _ids(sample_ws, search="mot cua") == [register["bb"]]
    assert _ids(sample_ws, search="khong co dau") == []
    assert _ids(sample_ws, search="100%_x") == []  # LIKE wildcards mean nothing here


def test_filters(sample_ws, register) -> None:
    assert _ids(sample_ws, kind="Biên bản") == [register["bb"]]
    assert _ids(sample_ws, responsible="Trần Thị B") == [register["kh"], register["bb"]]
    assert _ids(sample_ws, code="1") == [register["kh"], register["bc"]]  # area 1
    assert _ids(sample_ws, code="1.1") == [register["kh"]]  # criterion 1.1
    assert _ids(sample_ws, code="1,4.1") == [register["kh"]]
    assert _ids(sample_ws, code="3") == [register["bb"]]
    assert _ids(sample_ws, code="1", search="bao cao") == [register["bc"]]
    assert _ids(sample_ws, status="unlinked") == [register["anh"]]
    assert set(_ids(sample_ws, status="complete")) == {
        register["kh"],
        register["bc"],
        register["bb"],
    }


def test_other_year_is_separate(sample_ws, register) -> None:
    with sample_ws.session() as s:
        assert list_register(s, RegisterFilter(year=2024)) == []


def test_sorting(sample_ws, register) -> None:
    kh, bc, bb, anh = register["kh"], register["bc"], register["bb"], register["anh"]
    assert _ids(sample_ws, sort="date") == [anh, kh, bb, bc]  # no date first
    assert _ids(sample_ws, sort="date", descending=True) == [bc, bb, kh, anh]
    assert _ids(sample_ws, sort="number") == [kh, bb, bc, anh]  # 5 < 7 < 123, blank last
    # Vietnamese letters sort with their base letter: Ảnh, Báo, Biên, Kế
    assert _ids(sample_ws, sort="summary") == [anh, bc, bb, kh]
    # Đoàn sorts among the D's, before "UBND"
    assert _ids(sample_ws, sort="issuer")[:2] == [anh, bb]
    with pytest.raises(ValidationError):
        _ids(sample_ws, sort="mau sac")


def test_row_shows_its_sub_criteria_and_files(sample_ws, register) -> None:
    with sample_ws.session() as s:
        row = list_register(s, RegisterFilter(year=YEAR, search="ke hoach"))[0]
        names = responsible_names(s, YEAR)
    assert row.codes == ("1.1.1", "1.4.1")
    assert [f.name for f in row.files] == ["05-KH-UBND.pdf"]
    assert row.status_label == "Đủ thông tin"
    assert names == ["Lê Văn C", "Trần Thị B"]


@pytest.mark.parametrize(
    "kw",
    [
        {},
        {"search": "ke hoach"},
        {"search": unicodedata.normalize("NFD", "ĐỒNG TÂM")},
        {"search": "dong tam", "code": "1"},
        {"code": "3.3"},
        {"kind": "Biên bản"},
        {"responsible": "Trần Thị B", "sort": "number", "descending": True},
        {"status": "unlinked"},
        {"sort": "summary"},
    ],
)
def test_register_index_answers_like_the_database(sample_ws, register, kw) -> None:
    """The register screen filters in memory while the officer types; same answers."""
    sort = kw.pop("sort", "date")
    descending = kw.pop("descending", False)
    flt = RegisterFilter(year=YEAR, **kw)
    with sample_ws.session() as s:
        index = RegisterIndex.load(s, YEAR)
        expected = list_register(s, flt, sort=sort, descending=descending)
    got = index.query(flt, sort=sort, descending=descending)
    assert [r.id for r in got] == [r.id for r in expected]
    assert [r.file_count for r in got] == [len(r.files) for r in expected]
    assert [r.status for r in got] == [r.status for r in expected]


def test_register_index_is_for_one_year(sample_ws, register) -> None:
    with sample_ws.session() as s:
        index = RegisterIndex.load(s, YEAR)
    assert len(index) == 4
    with pytest.raises(ValidationError):
        index.query(RegisterFilter(year=2024))
