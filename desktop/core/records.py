"""Plain records (profile, catalog, nodes) as screens and the CLI see them (no database imports here, so
the first screen can be drawn before SQLAlchemy is loaded)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

LEVEL_NAMES = {1: "Lĩnh vực", 2: "Tiêu chí", 3: "Tiêu chí thành phần"}


def level_name(level: int) -> str:
    return LEVEL_NAMES.get(level, "Tiêu chí thành phần")


@dataclass(frozen=True)
class NodeInfo:
    """A node as screens and the CLI see it (plain data, no session attached)."""

    id: int
    code: str
    level: int
    title: str
    max_points: Decimal
    parent_id: int | None
    position: int
    scoring_guide: str
    evidence_required: str
    self_scored: bool
    is_leaf: bool


@dataclass(frozen=True)
class CatalogInfo:
    id: int
    year: int
    name: str
    decision_number: str
    decision_date: date | None
    issuer: str
    source: str
    complete: bool
    note: str
    total_points: Decimal
    node_count: int
    nodes: list[NodeInfo] = field(default_factory=list)

    @property
    def is_sample(self) -> bool:
        return self.source == "sample"


@dataclass(frozen=True)
class ProfileInfo:
    unit_kind: str
    commune_name: str
    district: str | None
    province: str
    chairman: str
    officer: str
    merger_decision_number: str | None = None
    merger_decision_date: date | None = None

    @property
    def display_name(self) -> str:
        """``Xã Đồng Tâm``."""
        return f"{self.unit_kind.capitalize()} {self.commune_name}"

    @property
    def place_line(self) -> str:
        parts = [self.display_name]
        if self.district:
            parts.append(self.district)
        parts.append(self.province)
        return ", ".join(parts)
