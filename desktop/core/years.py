"""Assessment years across the July 2025 reform: who appraised the commune each year, and
under which name.

Until 2025 the district (UBND huyện) appraised communes; since districts were abolished on
01/7/2025 the province does it through its Sở Nội vụ (the 2025 index onwards). A year's
values are snapshotted when the year is created, so changing the profile later (a merger,
a new name) never rewrites past years.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models_years import AssessmentYear, FormerCommune
from desktop.core.errors import ValidationError
from desktop.core.profile import get_profile
from desktop.core.text import fold

FIRST_PROVINCE_YEAR = 2025  # the first index appraised by the province
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


def _snapshot(session: Session, year: int) -> AssessmentYear:
    profile = get_profile(session)
    level = default_level(year)
    district = profile.district if profile and level == "district" else None
    province = profile.province if profile else ""
    return AssessmentYear(
        year=year,
        commune_name=profile.commune_name if profile else "",
        district=district,
        province=province,
        appraiser=default_appraiser(level, district, province),
        appraiser_level=level,
        appraiser_confirmed=False,
    )


def ensure_year(session: Session, year: int) -> AssessmentYear:
    """The year's row, created from the current profile the first time it is asked for."""
    row = session.get(AssessmentYear, year)
    if row is None:
        row = _snapshot(session, year)
        session.add(row)
        session.flush()
    return row


def _info(row: AssessmentYear) -> YearSettings:
    return YearSettings(
        year=row.year,
        commune_name=row.commune_name,
        district=row.district,
        province=row.province,
        appraiser=row.appraiser,
        appraiser_level=row.appraiser_level,
        confirmed=row.appraiser_confirmed,
    )


def year_settings(session: Session, year: int) -> YearSettings:
    """The year's values. A year never snapshotted, or snapshotted before the profile was
    entered, takes what is missing from the current profile."""
    row = session.get(AssessmentYear, year)
    fresh = _snapshot(session, year)
    if row is None:
        return _info(fresh)
    info = _info(row)
    district = info.district
    if district is None and info.appraiser_level == "district":
        district = fresh.district
    province = info.province or fresh.province
    appraiser = info.appraiser or default_appraiser(info.appraiser_level, district, province)
    return YearSettings(
        year=year,
        commune_name=info.commune_name or fresh.commune_name,
        district=district,
        province=province,
        appraiser=appraiser,
        appraiser_level=info.appraiser_level,
        confirmed=info.confirmed,
    )


def set_year(
    session: Session,
    year: int,
    *,
    appraiser: str | None = None,
    commune_name: str | None = None,
    level: str | None = None,
    district: str | None = None,
    replace: bool = False,
) -> YearSettings:
    """Set a year's appraising body and/or the commune's name that year.

    A year has one appraising body: replacing one the officer already set needs
    ``replace=True`` (the CLI's ``--replace``), so nothing changes by accident."""
    row = ensure_year(session, year)
    if level is not None:
        if level not in LEVELS:
            raise ValidationError(f"Cấp thẩm định “{level}” không hợp lệ (district hoặc province).")
        row.appraiser_level = level
    if appraiser is not None:
        new = " ".join(appraiser.split())
        if not new:
            raise ValidationError("Chưa nhập tên cơ quan thẩm định.")
        if row.appraiser_confirmed and fold(row.appraiser) != fold(new) and not replace:
            raise ValidationError(
                f"Năm {year} đã có cơ quan thẩm định “{row.appraiser}”. Một năm chỉ có một cơ "
                f"quan thẩm định; nếu muốn thay bằng “{new}”, hãy xác nhận thay thế "
                "(dòng lệnh: --replace). Chưa thay đổi gì."
            )
        row.appraiser = new
        row.appraiser_confirmed = True
        if level is None:
            row.appraiser_level = (
                "province"
                if fold(new).startswith(("so noi vu", "ubnd tinh", "ubnd thanh pho"))
                else ("district" if fold(new).startswith("ubnd huyen") else row.appraiser_level)
            )
    if commune_name is not None:
        name = " ".join(commune_name.split())
        if not name:
            raise ValidationError("Tên xã của năm không được để trống.")
        row.commune_name = name
    if district is not None:
        row.district = " ".join(district.split()) or None
    session.flush()
    return _info(row)


def former_communes(session: Session) -> list[str]:
    return list(session.scalars(select(FormerCommune.name).order_by(FormerCommune.position)))


def set_former_communes(session: Session, names: list[str]) -> list[str]:
    """Replace the list of communes merged into ours (order kept, duplicates refused)."""
    clean = [" ".join(n.split()) for n in names if n and n.strip()]
    seen: set[str] = set()
    for n in clean:
        if fold(n) in seen:
            raise ValidationError(f"Xã cũ “{n}” bị nhập hai lần.")
        seen.add(fold(n))
    existing = {fold(f.name): f for f in session.scalars(select(FormerCommune))}
    for key, row in existing.items():
        if key not in seen:
            session.delete(row)
    session.flush()
    for pos, n in enumerate(clean):
        row = existing.get(fold(n))
        if row is None:
            session.add(FormerCommune(name=n, position=pos))
        else:
            row.name, row.position = n, pos
    session.flush()
    return former_communes(session)
