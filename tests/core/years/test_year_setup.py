"""The profile dialog's list of former communes and the year's catalog decision; the
read-only year view agrees with the core's year settings."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from base.errors import ValidationError
from db.models_years import FormerCommune
from desktop.core.catalog.store import catalog_info, load_builtin
from desktop.core.years.profile import save_profile
from desktop.core.years.setup import FormerEdit, save_former_communes, set_catalog_decision
from desktop.core.years.store import set_former_communes, set_year, year_settings
from desktop.core.years.view import year_view


def _ids(s) -> dict[str, int]:
    return {f.name: f.id for f in s.scalars(select(FormerCommune))}


def test_rename_keeps_the_row_remove_and_add(ws) -> None:
    with ws.transaction() as s:
        set_former_communes(s, ["Đồng Tâm", "Hồng Phong", "Tân Tiến"])
        before = _ids(s)
    with ws.transaction() as s:
        names = save_former_communes(
            s,
            [
                FormerEdit("Tân Tiến", "Tân Tiến"),
                FormerEdit("Đồng Tâm", "Đồng Tâm (cũ)"),
                FormerEdit(None, "An Lâm"),
            ],
        )
        after = _ids(s)
    assert names == ["Tân Tiến", "Đồng Tâm (cũ)", "An Lâm"]
    assert after["Đồng Tâm (cũ)"] == before["Đồng Tâm"]
    assert after["Tân Tiến"] == before["Tân Tiến"]
    assert "Hồng Phong" not in after


def test_swapping_two_names_and_retyping_a_removed_one(ws) -> None:
    with ws.transaction() as s:
        set_former_communes(s, ["A Xá", "B Xá"])
        before = _ids(s)
    with ws.transaction() as s:
        save_former_communes(s, [FormerEdit("A Xá", "B Xá"), FormerEdit("B Xá", "A Xá")])
        assert _ids(s) == {"B Xá": before["A Xá"], "A Xá": before["B Xá"]}
    with ws.transaction() as s:  # removed, then typed again as a new line: same row
        save_former_communes(s, [FormerEdit(None, "a xa")])
        assert _ids(s) == {"a xa": before["B Xá"]}


@pytest.mark.parametrize(
    ("edits", "message"),
    [
        ([FormerEdit("Đồng Tâm", "  ")], "Tên xã cũ thay cho “Đồng Tâm” đang để trống."),
        ([FormerEdit(None, "Hồng Phong"), FormerEdit(None, "hong phong")], "bị nhập hai lần"),
    ],
)
def test_bad_list_is_refused_and_nothing_changes(ws, edits, message) -> None:
    with ws.transaction() as s:
        set_former_communes(s, ["Đồng Tâm"])
    with pytest.raises(ValidationError, match=message), ws.transaction() as s:
        save_former_communes(s, edits)
    with ws.session() as s:
        assert list(_ids(s)) == ["Đồng Tâm"]


def test_catalog_decision_of_a_year(ws) -> None:
    with ws.transaction() as s:
        load_builtin(s, 2026)
        set_catalog_decision(
            s,
            2026,
            number=" 120/QĐ-UBND ",
            decision_date=date(2026, 1, 15),
            issuer="UBND thành phố Hải Phòng",
        )
    with ws.session() as s:
        info = catalog_info(s, 2026)
    assert (info.decision_number, info.decision_date, info.issuer) == (
        "120/QĐ-UBND",
        date(2026, 1, 15),
        "UBND thành phố Hải Phòng",
    )
    with (
        pytest.raises(ValidationError, match="Năm 2019 chưa có bộ tiêu chí"),
        ws.transaction() as s,
    ):
        set_catalog_decision(s, 2019, number="1", decision_date=None, issuer="")


def test_year_view_matches_year_settings(ws) -> None:
    with ws.transaction() as s:
        save_profile(s, commune_name="Đồng Tâm", district="Ninh Giang", province="Hải Dương")
        load_builtin(s, 2024)
    with ws.transaction() as s:
        save_profile(s, commune_name="Tân Tiến", district="", province="Hải Phòng")
        set_year(s, 2026, appraiser="UBND thành phố Hải Phòng")
    with ws.session() as s:
        expected = {y: year_settings(s, y) for y in (2024, 2026, 2027)}
    for y, settings in expected.items():
        assert year_view(ws.db_path, y) == settings
    assert year_view(ws.db_path, 2024).appraiser == "UBND huyện Ninh Giang"
    assert year_view(ws.db_path, 2027).appraiser == "Sở Nội vụ thành phố Hải Phòng"
