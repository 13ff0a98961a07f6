"""The former communes side by side: per commune and year, the appraised total and rank
and each area's score and rank, with the merged commune's own years last."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from desktop.core.catalog.store import catalog_years
from desktop.core.history.store import list_histories
from desktop.core.results.store import results_info
from desktop.core.workspace import Workspace, open_workspace
from desktop.core.years.profile import get_profile
from desktop.core.years.store import year_settings


@dataclass(frozen=True)
class AreaCell:
    max_points: Decimal
    score: Decimal | None
    rank: str


@dataclass(frozen=True)
class CompareRow:
    unit: str  # "Xã Hồng Phong"
    current: bool  # the merged commune's own data
    year: int
    commune_name: str  # the name that year
    appraiser: str
    max_total: Decimal
    total: Decimal | None
    total_rank: str
    areas: dict[str, AreaCell] = field(default_factory=dict)

    def to_json(self) -> dict:
        num = lambda v: None if v is None else float(v)  # noqa: E731
        return {
            "unit": self.unit,
            "current": self.current,
            "year": self.year,
            "commune_name": self.commune_name,
            "appraiser": self.appraiser,
            "max_total": num(self.max_total),
            "total": num(self.total),
            "total_rank": self.total_rank,
            "areas": {
                c: {"score": num(a.score), "max_points": num(a.max_points), "rank": a.rank}
                for c, a in self.areas.items()
            },
        }


@dataclass
class CompareTable:
    areas: list[tuple[str, str]]  # (code, title) of every area seen, in code order
    rows: list[CompareRow]

    def to_json(self) -> dict:
        return {
            "areas": [{"code": c, "title": t} for c, t in self.areas],
            "rows": [r.to_json() for r in self.rows],
        }


def _code_key(code: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in code.split("."))


def _unit_rows(
    ws: Workspace, titles: dict[str, str], years: tuple[int, ...] | None = None
) -> list[CompareRow]:
    """``years``: a former commune's years with data (None: every year, our own)."""
    rows = []
    with ws.session() as s:
        profile = get_profile(s)
        unit = profile.display_name if profile else str(ws.data_dir.name)
        for year in catalog_years(s) if years is None else years:
            info = results_info(s, year)
            settings = year_settings(s, year)
            areas = {}
            for n in info.nodes:
                if n.parent_id is None:
                    titles.setdefault(n.code, n.title)
                    areas[n.code] = AreaCell(n.max_points, n.score, n.rank)
            rows.append(
                CompareRow(
                    unit=unit,
                    current=years is None,
                    year=year,
                    commune_name=settings.commune_name,
                    appraiser=settings.appraiser,
                    max_total=info.max_total,
                    total=info.total,
                    total_rank=info.total_rank,
                    areas=areas,
                )
            )
    return rows


def compare_units(ws: Workspace) -> CompareTable:
    """``ws``: the merged commune's data folder (never a history folder)."""
    titles: dict[str, str] = {}
    rows: list[CompareRow] = []
    for h in list_histories(ws.data_dir):  # in the order of the former communes' list
        hws = open_workspace(h.folder)
        try:
            rows += _unit_rows(hws, titles, h.years)
        finally:
            hws.close()
    rows += _unit_rows(ws, titles)
    areas = sorted(titles.items(), key=lambda kv: _code_key(kv[0]))
    return CompareTable(areas=areas, rows=rows)
