"""The commune profile (one row)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from base.errors import ValidationError
from db.models import CommuneProfile
from desktop.core.records import ProfileInfo
from desktop.core.years.profile_read import PROFILE_ID, get_profile  # noqa: F401 - one reader


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())


def save_profile(
    session: Session,
    *,
    commune_name: str,
    province: str,
    district: str | None = None,
    chairman: str | None = None,
    officer: str | None = None,
    unit_kind: str | None = None,
    merger_decision_number: str | None = None,
    merger_decision_date: date | None = None,
) -> ProfileInfo:
    """Create or update the profile. ``None`` leaves an optional field as it was."""
    name, prov = _clean(commune_name), _clean(province)
    if not name:
        raise ValidationError("Chưa nhập tên xã.")
    if not prov:
        raise ValidationError("Chưa nhập tên tỉnh (thành phố).")
    row = session.get(CommuneProfile, PROFILE_ID)
    if row is None:
        row = CommuneProfile(id=PROFILE_ID, commune_name=name, province=prov)
        session.add(row)
    row.commune_name = name
    row.province = prov
    if district is not None:
        row.district = _clean(district) or None
    if chairman is not None:
        row.chairman = _clean(chairman)
    if officer is not None:
        row.officer = _clean(officer)
    if unit_kind is not None:
        row.unit_kind = _clean(unit_kind).lower() or "xã"
    if merger_decision_number is not None:
        row.merger_decision_number = _clean(merger_decision_number) or None
    if merger_decision_date is not None:
        row.merger_decision_date = merger_decision_date
    if row.chairman is None:
        row.chairman = ""
    if row.officer is None:
        row.officer = ""
    if row.unit_kind is None:
        row.unit_kind = "xã"
    session.flush()
    return get_profile(session)  # type: ignore[return-value]


def clear_merger_date(session: Session) -> None:
    """Forget the merger decision's date (``save_profile`` leaves a ``None`` date as it was)."""
    row = session.get(CommuneProfile, PROFILE_ID)
    if row is not None:
        row.merger_decision_date = None
        session.flush()
