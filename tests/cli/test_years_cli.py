from __future__ import annotations


def test_init_without_district_and_year_set(cli) -> None:
    r = cli(
        "init",
        "--commune",
        "Tân Tiến",
        "--province",
        "Hải Phòng",
        "--year",
        "2025",
        "--former-commune",
        "Đồng Tâm",
        "--former-commune",
        "Hồng Phong",
        "--merger-decision",
        "1669/NQ-UBTVQH15",
        "--merger-date",
        "16/6/2025",
        "--json",
    )
    assert r.code == 0, r.err
    doc = r.json()
    assert doc["former_communes"] == ["Đồng Tâm", "Hồng Phong"]
    assert doc["profile"]["merger_decision_date"] == "2025-06-16"
    show = cli("year", "show", "2025", "--json").json()
    assert show["appraiser"] == "Sở Nội vụ thành phố Hải Phòng" and not show["confirmed"]
    r = cli("year", "set", "2025", "--appraiser", "Sở Nội vụ thành phố Hải Phòng", "--json")
    assert r.code == 0 and r.json()["confirmed"] is True
    r = cli(
        "year",
        "set",
        "2022",
        "--appraiser",
        "UBND huyện Ninh Giang",
        "--commune-name",
        "Đồng Tâm",
        "--json",
    )
    assert r.json()["appraiser_level"] == "district" and r.json()["commune_name"] == "Đồng Tâm"
    r = cli("year", "set", "2025", "--appraiser", "UBND thành phố Hải Phòng")
    assert r.code == 1 and "--replace" in r.err
    assert cli("init", "--commune", "X", "--province", "Y", "--merger-date", "31/02/2025").code == 1
