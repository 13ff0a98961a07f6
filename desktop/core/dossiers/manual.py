"""Figures only the portal knows (service index score and rank, online payment rate),
entered by hand for a period and kept with it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models_dossiers import DossierManualFigures
from db.values import to_points
from desktop.core.dossiers.periods import Period
from desktop.core.errors import ValidationError
from desktop.core.vnformat import format_points

_UNSET = object()


@dataclass(frozen=True)
class ManualFigures:
    service_index: Decimal | None = None
    service_rank: int | None = None
    service_rank_of: int | None = None
    online_payment_rate: Decimal | None = None
    note: str = ""

    @property
    def rank_text(self) -> str:
        """``14/20`` as reports write it."""
        if self.service_rank is None:
            return ""
        return (
            f"{self.service_rank}/{self.service_rank_of}"
            if self.service_rank_of
            else str(self.service_rank)
        )

    def to_json(self) -> dict:
        def num(v: Decimal | None) -> float | None:
            return float(v) if v is not None else None

        return {
            "service_index": num(self.service_index),
            "service_index_text": format_points(self.service_index),
            "service_rank": self.service_rank,
            "service_rank_of": self.service_rank_of,
            "online_payment_rate": num(self.online_payment_rate),
            "note": self.note,
        }


def _row(session: Session, period: Period) -> DossierManualFigures | None:
    return session.scalar(
        select(DossierManualFigures).where(
            DossierManualFigures.date_from == period.start,
            DossierManualFigures.date_to == period.end,
        )
    )


def get_manual_figures(session: Session, period: Period) -> ManualFigures | None:
    row = _row(session, period)
    if row is None:
        return None
    return ManualFigures(
        row.service_index,
        row.service_rank,
        row.service_rank_of,
        row.online_payment_rate,
        row.note,
    )


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
    row = _row(session, period)
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
