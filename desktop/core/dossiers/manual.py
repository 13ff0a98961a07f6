"""Figures only the portal knows (service index score and rank, online payment rate),
entered by hand for a period and kept with it. Reading them: ``manual_read``."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from base.errors import ValidationError
from db.models_dossiers import DossierManualFigures
from db.values import to_points
from desktop.core.dossiers.manual_read import ManualFigures, get_manual_figures, manual_row
from desktop.core.dossiers.periods import Period
from desktop.core.office.vnformat import format_points

_UNSET = object()


def _check_percent(value: Decimal | None, what: str) -> Decimal | None:
    if value is None:
        return None
    if not Decimal(0) <= value <= Decimal(100):
        raise ValidationError(f"{what} {format_points(value)} phải nằm trong khoảng 0–100.")
    return to_points(value)


def set_manual_figures(
    session: Session,
    period: Period,
    *,
    service_index=_UNSET,
    service_rank=_UNSET,
    service_rank_of=_UNSET,
    online_payment_rate=_UNSET,
    note=_UNSET,
) -> ManualFigures:
    """Set the given figures of the period (others are kept; pass None to clear one)."""
    found = manual_row(session, period)
    row = session.get(DossierManualFigures, found["id"]) if found else None
    if row is None:
        row = DossierManualFigures(date_from=period.start, date_to=period.end, note="")
        session.add(row)
    if service_index is not _UNSET:
        row.service_index = _check_percent(service_index, "Chỉ số phục vụ")
    if online_payment_rate is not _UNSET:
        row.online_payment_rate = _check_percent(online_payment_rate, "Tỷ lệ thanh toán trực tuyến")
    if service_rank is not _UNSET:
        row.service_rank = service_rank
    if service_rank_of is not _UNSET:
        row.service_rank_of = service_rank_of
    if note is not _UNSET:
        row.note = note or ""
    rank, of = row.service_rank, row.service_rank_of
    if rank is not None and (rank < 1 or (of is not None and rank > of)):
        raise ValidationError(f"Xếp hạng {rank}/{of} không hợp lệ.")
    session.flush()
    result = get_manual_figures(session, period)
    assert result is not None
    return result
