"""Built-in catalogs: every shipped set is sound; codes are normalised; gaps are said."""

from __future__ import annotations

from decimal import Decimal

import pytest

from base.errors import NotFoundError
from desktop.core.catalog.store import (
    NodeRow,
    builtin_catalogs,
    catalog_info,
    load_builtin,
    normalize_code,
    validate_rows,
)


@pytest.mark.parametrize("catalog", builtin_catalogs(), ids=lambda c: c.id)
def test_every_shipped_catalog_sums_to_its_parents_and_100(catalog) -> None:
    rows = catalog.rows()
    assert rows, "shipped catalog is empty"
    assert validate_rows(rows) == []
    assert sum(r.max_points for r in rows if r.level == 1) == Decimal(100)


def test_hai_duong_areas_match_seed_002() -> None:
    hd = next(c for c in builtin_catalogs() if c.id == "hai-duong-xa-2022")
    maxima = [r.max_points for r in hd.rows()]
    assert maxima == [
        Decimal(x) for x in ["15", "5", "18.5", "6", "11", "7", "11.5", "2", "14", "10"]
    ]
    assert hd.decision_number == "3395/QĐ-UBND"
    assert not hd.complete and "Chưa có tiêu chí" in hd.note


@pytest.mark.parametrize(
    ("raw", "code"),
    [("1,5", "1.5"), ("7,2", "7.2"), ("1.5.", "1.5"), (" 5 . 4.3.4 ", "5.4.3.4"), ("3..1", "3.1")],
)
def test_normalize_code(raw: str, code: str) -> None:
    assert normalize_code(raw) == code


def test_validate_rows_names_the_problems() -> None:
    rows = [
        NodeRow("1", "A", Decimal(60)),
        NodeRow("1.1", "A1", Decimal(30)),
        NodeRow("1.1", "A1 lần nữa", Decimal(20)),
        NodeRow("2.1", "mồ côi", Decimal(5)),
    ]
    problems = " | ".join(validate_rows(rows))
    assert "Mã 1.1 bị trùng" in problems
    assert "2.1 không có mục cha 2" in problems
    assert "Tổng điểm các mục con của 1 là 20, khác điểm tối đa 60" in problems
    assert "Tổng điểm các lĩnh vực là 60, không phải 100" in problems


def test_load_builtin_is_idempotent_and_keeps_tree(ws) -> None:
    with ws.transaction() as s:
        _, created = load_builtin(s, 2023, "mau-minh-hoa")
        assert created
    with ws.transaction() as s:
        _, created = load_builtin(s, 2023)
        assert not created
    with ws.session() as s:
        info = catalog_info(s, 2023)
    assert info.is_sample and "không phải bộ chính thức" in info.name
    by_code = {n.code: n for n in info.nodes}
    assert by_code["5.4.3.4"].level == 4
    assert by_code["5.4.3.4"].parent_id == by_code["5.4.3"].id
    assert by_code["1.1.1"].is_leaf and not by_code["1.1"].is_leaf
    assert not by_code["9"].self_scored and by_code["1"].self_scored
    assert info.total_points == 100


def test_later_years_say_the_builtin_set_is_from_before_the_reform(ws) -> None:
    with ws.transaction() as s:
        load_builtin(s, 2026)
    with ws.session() as s:
        info = catalog_info(s, 2026)
    assert not info.complete
    assert "01/7/2025" in info.note


def test_missing_year_message(ws) -> None:
    with ws.session() as s, pytest.raises(NotFoundError) as exc:
        catalog_info(s, 2031)
    assert "Năm 2031 chưa có bộ tiêu chí" in str(exc.value)
