"""Where points were lost: per sub-criterion, per area, per responsible officer.

Lost = maximum − appraised score. A "loss row" is the deepest node the appraising body
scored (a sub-criterion when the results are detailed, an area when only areas were
published). Self-score vs appraised shows where the district cut the commune's own score;
the year before is compared per area through the code mapping (``year_mapping``).
Read in plain SQL (no SQLAlchemy): the report command drafts from it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from db import sqlconn
from desktop.core.catalog.read import catalog_id_for_year
from desktop.core.results.read import ResultNode, ResultsInfo, results_info
from desktop.core.scoring.rollup import score_tree
from desktop.core.years.mapping import area_mapping

if TYPE_CHECKING:
    from db.sqlconn import Source

ZERO = Decimal(0)


@dataclass(frozen=True)
class LossRow:
    code: str
    title: str
    level: int
    area_code: str
    area_title: str
    max_points: Decimal
    score: Decimal
    lost: Decimal
    rank: str = ""
    self_score: Decimal | None = None
    responsible: str = ""
    note: str = ""

    @property
    def cut(self) -> Decimal | None:
        """How much the appraisal took off the self-score (None if not self-scored/not cut)."""
        if self.self_score is None or self.self_score <= self.score:
            return None
        return self.self_score - self.score


@dataclass(frozen=True)
class AreaLoss:
    code: str
    title: str
    max_points: Decimal
    score: Decimal | None
    lost: Decimal | None
    rank: str = ""
    self_score: Decimal | None = None
    previous_score: Decimal | None = None
    previous_max: Decimal | None = None
    previous_codes: tuple[str, ...] = ()

    @property
    def change(self) -> Decimal | None:
        """Score now − score the year before (same area through the code mapping)."""
        if self.score is None or self.previous_score is None:
            return None
        return self.score - self.previous_score


@dataclass(frozen=True)
class OfficerLoss:
    officer: str  # "" = nobody assigned
    lost: Decimal
    codes: tuple[str, ...]


@dataclass(frozen=True)
class LossReport:
    year: int
    previous_year: int | None
    total: Decimal | None
    total_rank: str
    max_total: Decimal
    rows: list[LossRow] = field(default_factory=list)  # sorted by points at stake
    areas: list[AreaLoss] = field(default_factory=list)  # catalog order
    officers: list[OfficerLoss] = field(default_factory=list)
    full_marks: list[LossRow] = field(default_factory=list)  # scored rows at maximum
    titles: dict[str, str] = field(default_factory=dict)  # every node's title by code

    @property
    def lost_total(self) -> Decimal:
        return sum((r.lost for r in self.rows), ZERO)


def scored_leaves(info: ResultsInfo) -> list[ResultNode]:
    """The deepest appraised nodes: scored, with no scored node below them (catalog order)."""
    by_id = {n.id: n for n in info.nodes}
    has_scored_below: set[int] = set()
    for n in info.nodes:
        if n.score is None:
            continue
        p = n.parent_id
        while p is not None:
            has_scored_below.add(p)
            p = by_id[p].parent_id
    return [
        n
        for n in info.nodes
        if n.score is not None and n.applicable and n.id not in has_scored_below
    ]


def _area_of(n: ResultNode, by_id: dict[int, ResultNode]) -> ResultNode:
    while n.parent_id is not None:
        n = by_id[n.parent_id]
    return n


def self_scores(src: Source, info: ResultsInfo) -> dict[int, Decimal]:
    """Self-score per node on the node's own scale, rolled up with the catalog's
    "không áp dụng" rule: the same figures the self-scoring screen shows."""
    tree = score_tree(src, info.year)
    return {n.node_id: n.self_score for n in tree.nodes if n.self_score is not None}


def responsible_officers(src: Source, info: ResultsInfo) -> dict[int, str]:
    """Officer per node: the one assigned to it, else the officer most often named
    responsible on its evidence documents, else the nearest ancestor's."""
    ids = [n.id for n in info.nodes]
    named: dict[int, Counter[str]] = {}
    marks = sqlconn.placeholders(len(ids))
    for r in sqlconn.rows(
        src,
        "SELECT l.node_id, d.responsible FROM evidence_link l "
        "JOIN evidence_document d ON d.id = l.document_id "
        f"WHERE l.node_id IN ({marks}) AND d.responsible != ''",
        ids,
    ):
        named.setdefault(r["node_id"], Counter())[r["responsible"]] += 1
    own = {nid: c.most_common(1)[0][0] for nid, c in named.items()}
    own.update(
        {
            r["node_id"]: r["officer"]
            for r in sqlconn.rows(
                src, f"SELECT node_id, officer FROM node_assignment WHERE node_id IN ({marks})", ids
            )
            if r["officer"]
        }
    )
    out: dict[int, str] = {}
    for n in info.nodes:  # parents first
        out[n.id] = own.get(n.id) or (out.get(n.parent_id, "") if n.parent_id else "")
    return out


def loss_report(src: Source, year: int, *, previous_year: int | None = None) -> LossReport:
    info = results_info(src, year)
    by_id = {n.id: n for n in info.nodes}
    selfs = self_scores(src, info)
    people = responsible_officers(src, info)
    rows, full = [], []
    for n in scored_leaves(info):
        area = _area_of(n, by_id)
        row = LossRow(
            code=n.code,
            title=n.title,
            level=n.level,
            area_code=area.code,
            area_title=area.title,
            max_points=n.max_points,
            score=n.score,  # type: ignore[arg-type]
            lost=n.lost,  # type: ignore[arg-type]
            rank=n.rank,
            self_score=selfs.get(n.id),
            responsible=people.get(n.id, ""),
            note=n.note,
        )
        (rows if row.lost > 0 else full).append(row)
    rows.sort(key=lambda r: (-r.lost, r.code))
    prev_year = previous_year if previous_year is not None else year - 1
    areas = _areas(src, info, rows + full, selfs, prev_year)
    has_prev = catalog_id_for_year(src, prev_year) is not None
    return LossReport(
        year=year,
        previous_year=prev_year if has_prev else None,
        total=info.total,
        total_rank=info.total_rank,
        max_total=info.max_total,
        rows=rows,
        areas=areas,
        officers=_by_officer(rows),
        full_marks=full,
        titles={n.code: n.title for n in info.nodes},
    )


def _areas(
    src: Source,
    info: ResultsInfo,
    scored: list[LossRow],
    selfs: dict[int, Decimal],
    prev_year: int,
) -> list[AreaLoss]:
    leaves_by_area: dict[str, list[LossRow]] = {}
    for r in scored:
        leaves_by_area.setdefault(r.area_code, []).append(r)
    previous: dict[str, ResultNode] = {}
    mapping: dict[str, list[str]] = {}
    if catalog_id_for_year(src, prev_year) is not None:
        previous = results_info(src, prev_year).by_code()
        mapping = area_mapping(src, prev_year, info.year)
    out = []
    for a in (n for n in info.nodes if n.parent_id is None):
        score, lost = a.score, a.lost
        leaves = leaves_by_area.get(a.code, [])
        if score is None and leaves and sum((r.max_points for r in leaves), ZERO) == a.max_points:
            score = sum((r.score for r in leaves), ZERO)  # every part of the area was scored
            lost = a.max_points - score
        olds = [previous[c] for c in mapping.get(a.code, []) if c in previous]
        prev_score = prev_max = None
        if olds and all(o.score is not None for o in olds):
            prev_score = sum((o.score for o in olds), ZERO)  # type: ignore[misc]
            prev_max = sum((o.max_points for o in olds), ZERO)
        out.append(
            AreaLoss(
                code=a.code,
                title=a.title,
                max_points=a.max_points,
                score=score,
                lost=lost,
                rank=a.rank,
                self_score=selfs.get(a.id),
                previous_score=prev_score,
                previous_max=prev_max,
                previous_codes=tuple(o.code for o in olds),
            )
        )
    return out


def _by_officer(rows: list[LossRow]) -> list[OfficerLoss]:
    groups: dict[str, list[LossRow]] = {}
    for r in rows:
        groups.setdefault(r.responsible, []).append(r)
    out = [
        OfficerLoss(officer, sum((r.lost for r in rs), ZERO), tuple(r.code for r in rs))
        for officer, rs in groups.items()
    ]
    out.sort(key=lambda o: (-o.lost, o.officer))
    return out
