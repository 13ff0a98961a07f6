"""The two eras of the July 2025 reform, without a database: who appraises a year by
default, how the province is named, and a year's values resolved from what was stored
for it and the current profile.

Pure (no SQLAlchemy), so the main window's first screen can use it (``year_view``) and
the core's ``years`` module shares the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.core.office.text import fold

FIRST_PROVINCE_YEAR = 2025  # the first index appraised by the province
# The years the app accepts anywhere (the CLI's --year, a bundle's years).
FIRST_YEAR, LAST_YEAR = 2000, 2100
LEVELS = {"district": "cấp huyện", "province": "cấp tỉnh"}
# Centrally-run cities after the 2025 reorganisation ("thành phố", not "tỉnh").
CITIES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")


@dataclass(frozen=True)
class YearSettings:
    year: int
    commune_name: str
    district: str | None
    province: str
    appraiser: str
    appraiser_level: str  # district | province
    confirmed: bool  # set by the officer (else the default for the era)

    @property
    def level_label(self) -> str:
        return LEVELS.get(self.appraiser_level, self.appraiser_level)


def default_level(year: int) -> str:
    return "district" if year < FIRST_PROVINCE_YEAR else "province"


def province_full(name: str) -> str:
    """``Hải Phòng`` → ``thành phố Hải Phòng``; ``Sơn La`` → ``tỉnh Sơn La``."""
    folded = fold(name)
    if folded.startswith(("tinh ", "thanh pho ", "tp ")):
        return name
    if any(fold(c) == folded or folded.endswith(fold(c)) for c in CITIES):
        return f"thành phố {name}"
    return f"tỉnh {name}"


def default_appraiser(level: str, district: str | None, province: str) -> str:
    if level == "district":
        return f"UBND huyện {district}" if district else ""
    return f"Sở Nội vụ {province_full(province)}" if province else ""


def fresh_settings(
    year: int, commune_name: str, district: str | None, province: str
) -> YearSettings:
    """A year's values taken from the current profile (the era's default appraiser)."""
    level = default_level(year)
    district = district if level == "district" else None
    return YearSettings(
        year=year,
        commune_name=commune_name,
        district=district,
        province=province,
        appraiser=default_appraiser(level, district, province),
        appraiser_level=level,
        confirmed=False,
    )


def resolve(stored: YearSettings | None, fresh: YearSettings) -> YearSettings:
    """The year's values: what was stored for it, with what is missing (a year never
    snapshotted, or snapshotted before the profile was entered) taken from ``fresh``."""
    if stored is None:
        return fresh
    district = stored.district
    if district is None and stored.appraiser_level == "district":
        district = fresh.district
    province = stored.province or fresh.province
    appraiser = stored.appraiser or default_appraiser(stored.appraiser_level, district, province)
    return YearSettings(
        year=stored.year,
        commune_name=stored.commune_name or fresh.commune_name,
        district=district,
        province=province,
        appraiser=appraiser,
        appraiser_level=stored.appraiser_level,
        confirmed=stored.confirmed,
    )


def default_assessed_year(today: date) -> int:
    """The year an officer is most likely assessing: from January to April the previous
    year's index is still being self-assessed and appraised, so that year; later, this one."""
    return today.year - 1 if today.month <= 4 else today.year
