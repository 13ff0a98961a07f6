"""Assessment years across the July 2025 reform: who appraised the commune each year, and
under which name.

Until 2025 the district (UBND huyện) appraised communes; since districts were abolished on
01/7/2025 the province does it through its Sở Nội vụ (the 2025 index onwards). A year's
values are snapshotted when the year is created, so changing the profile later (a merger,
a new name) never rewrites past years.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from base.errors import ValidationError
from db.models_years import AssessmentYear, FormerCommune
from desktop.core.office.text import fold
from desktop.core.years.eras import (  # noqa: F401 - re-exported for the core and the CLI
    CITIES,
    FIRST_PROVINCE_YEAR,
    LEVELS,
    YearSettings,
    default_appraiser,
    default_level,
    fresh_settings,
    province_full,
    resolve,
)
from desktop.core.years.read import (  # noqa: F401 - the readers, re-exported
    former_communes,
    fresh_year,
    stored_year,
    year_settings,
)


def _snapshot(session: Session, year: int) -> AssessmentYear:
    f = fresh_year(session, year)
    return AssessmentYear(
        year=year,
        commune_name=f.commune_name,
        district=f.district,
        province=f.province,
        appraiser=f.appraiser,
        appraiser_level=f.appraiser_level,
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
    return stored_year(session, year)  # type: ignore[return-value]


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
