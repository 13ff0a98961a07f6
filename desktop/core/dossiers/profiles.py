"""Named column-mapping profiles: saved once (mapping dialog or ``--save-profile``) and
applied by themselves the next time an export with the same header is imported."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from base.errors import NotFoundError, ValidationError
from db.models_dossiers import DossierMappingProfile
from desktop.core.dossiers.header import Header
from desktop.core.dossiers.synonyms import FIELD_KEYS


@dataclass(frozen=True)
class MappingProfile:
    name: str
    signature: str
    mapping: dict[str, str]  # folded header label -> field key

    @property
    def as_pair(self) -> tuple[str, dict[str, str]]:
        return self.name, self.mapping


def _to_profile(row: DossierMappingProfile) -> MappingProfile:
    return MappingProfile(row.name, row.signature, json.loads(row.mapping))


def list_profiles(session: Session) -> list[MappingProfile]:
    rows = session.scalars(select(DossierMappingProfile).order_by(DossierMappingProfile.name))
    return [_to_profile(r) for r in rows]


def profiles_by_signature(session: Session) -> dict[str, tuple[str, dict[str, str]]]:
    return {p.signature: p.as_pair for p in list_profiles(session)}


def get_profile(session: Session, name: str) -> MappingProfile:
    row = session.scalar(
        select(DossierMappingProfile).where(DossierMappingProfile.name == name.strip())
    )
    if row is None:
        known = ", ".join(f"“{p.name}”" for p in list_profiles(session)) or "chưa có"
        raise NotFoundError(f"Không có mẫu ánh xạ cột “{name}” (các mẫu đã lưu: {known}).")
    return _to_profile(row)


def save_profile(session: Session, name: str, header: Header) -> MappingProfile:
    """Save (or replace) the header's mapping under ``name``."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError("Tên mẫu ánh xạ cột không được để trống.")
    mapping = header.label_mapping()
    bad = sorted(set(mapping.values()) - set(FIELD_KEYS))
    if bad:
        raise ValidationError(f"Trường không hợp lệ trong mẫu ánh xạ: {', '.join(bad)}.")
    row = session.scalar(select(DossierMappingProfile).where(DossierMappingProfile.name == name))
    if row is None:
        row = DossierMappingProfile(name=name, signature="", mapping="{}")
        session.add(row)
    row.signature = header.signature
    row.mapping = json.dumps(mapping, ensure_ascii=False, sort_keys=True)
    session.flush()
    return _to_profile(row)
