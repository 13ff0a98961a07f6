"""Both eras: a district appraises years before 2025, the province from 2025; a year's
values are snapshotted and survive profile changes."""

from __future__ import annotations

import pytest

from base.errors import ValidationError
from desktop.core.catalog.store import load_builtin
from desktop.core.years.profile import save_profile
from desktop.core.years.store import (
    province_full,
    set_former_communes,
    set_year,
    year_settings,
)


def test_default_appraiser_per_era_and_snapshot(ws) -> None:
    with ws.transaction() as s:
        save_profile(s, commune_name="Đồng Tâm", district="Ninh Giang", province="Hải Dương")
        load_builtin(s, 2022)
    with ws.transaction() as s:
        # the merger: new name, new province, no district
        save_profile(s, commune_name="Tân Tiến", district="", province="Hải Phòng")
        load_builtin(s, 2025)
    with ws.session() as s:
        y22, y25 = year_settings(s, 2022), year_settings(s, 2025)
    assert (y22.commune_name, y22.district, y22.appraiser) == (
        "Đồng Tâm",
        "Ninh Giang",
        "UBND huyện Ninh Giang",
    )
    assert y22.appraiser_level == "district" and y22.level_label == "cấp huyện"
    assert (y25.commune_name, y25.appraiser, y25.appraiser_level) == (
        "Tân Tiến",
        "Sở Nội vụ thành phố Hải Phòng",
        "province",
    )


def test_set_year_and_refuse_a_second_appraiser(ws) -> None:
    with ws.transaction() as s:
        save_profile(s, commune_name="Tân Tiến", province="Sơn La")
        info = set_year(s, 2025, appraiser="Sở Nội vụ tỉnh Sơn La", commune_name="Tân Tiến")
    assert info.confirmed and info.appraiser_level == "province"
    with pytest.raises(ValidationError, match="đã có cơ quan thẩm định"), ws.transaction() as s:
        set_year(s, 2025, appraiser="UBND tỉnh Sơn La")
    with ws.session() as s:
        assert year_settings(s, 2025).appraiser == "Sở Nội vụ tỉnh Sơn La"  # unchanged
    with ws.transaction() as s:
        info = set_year(s, 2025, appraiser="UBND tỉnh Sơn La", replace=True)
    assert info.appraiser == "UBND tỉnh Sơn La"


@pytest.mark.parametrize(
    ("name", "full"),
    [
        ("Hải Phòng", "thành phố Hải Phòng"),
        ("Sơn La", "tỉnh Sơn La"),
        ("thành phố Huế", "thành phố Huế"),
        ("TP. Hồ Chí Minh", "thành phố TP. Hồ Chí Minh"),
    ],
)
def test_province_full(name: str, full: str) -> None:
    assert province_full(name) == full


def test_former_communes_list(ws) -> None:
    with ws.transaction() as s:
        assert set_former_communes(s, ["Đồng Tâm", "Hồng Phong"]) == ["Đồng Tâm", "Hồng Phong"]
        assert set_former_communes(s, ["Hồng Phong", "Tân Tiến"]) == ["Hồng Phong", "Tân Tiến"]
    with pytest.raises(ValidationError, match="hai lần"), ws.transaction() as s:
        set_former_communes(s, ["Đồng Tâm", "dong tam"])


def test_year_created_before_the_profile_takes_it_later(ws) -> None:
    with ws.transaction() as s:
        load_builtin(s, 2023)  # e.g. a catalog imported before the first-run wizard
    with ws.transaction() as s:
        save_profile(s, commune_name="Đồng Tâm", district="Ninh Giang", province="Hải Dương")
    with ws.session() as s:
        y = year_settings(s, 2023)
    assert (y.commune_name, y.appraiser) == ("Đồng Tâm", "UBND huyện Ninh Giang")
