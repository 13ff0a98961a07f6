"""Criteria catalogs: the built-in sets shipped in ``resources/catalogs``, codes, trees.

A catalog belongs to one assessment year. Nodes are areas (level 1), criteria (level 2),
sub-criteria (level 3) and sometimes a fourth level; a node's level is the depth of its code.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from base.errors import NotFoundError, ValidationError
from db.models import Catalog, CatalogNode
from db.values import to_points
from desktop.core.catalog.read import (  # noqa: F401 - the readers, re-exported
    catalog_id_for_year,
    catalog_info,
    catalog_years,
)
from desktop.core.office.vnformat import format_points
from desktop.core.paths import resource_path
from desktop.core.records import CatalogInfo, NodeInfo, level_name  # noqa: F401
from desktop.core.years.store import ensure_year

HUNDRED = Decimal(100)
_CODE_JUNK = re.compile(r"[\s]+")
_CODE_SHAPE = re.compile(r"^\d+(\.\d+)*$")


def normalize_code(raw: str) -> str:
    """``1,5`` → ``1.5``; ``1.5.`` → ``1.5``; `` 7 , 2 `` → ``7.2``."""
    code = _CODE_JUNK.sub("", str(raw)).replace(",", ".")
    code = re.sub(r"\.+", ".", code).strip(".")
    return code


def code_depth(code: str) -> int:
    return len(normalize_code(code).split(".")) if code else 0


def parent_code(code: str) -> str | None:
    parts = normalize_code(code).split(".")
    return ".".join(parts[:-1]) if len(parts) > 1 else None


@dataclass(frozen=True)
class NodeRow:
    """A catalog row before it is saved (from a shipped CSV or an import)."""

    code: str
    title: str
    max_points: Decimal
    scoring_guide: str = ""
    evidence_required: str = ""

    @property
    def level(self) -> int:
        return code_depth(self.code)


@dataclass(frozen=True)
class BuiltinCatalog:
    id: str
    file: str
    name: str
    decision_number: str
    decision_date: date | None
    issuer: str
    source: str
    complete: bool
    note: str
    later_years_note: str = ""
    survey_codes: tuple[str, ...] = ()

    def rows(self) -> list[NodeRow]:
        return read_catalog_csv(resource_path("catalogs", self.file))


def read_catalog_csv(path: Path) -> list[NodeRow]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [
            NodeRow(
                code=normalize_code(r["code"]),
                title=r["title"].strip(),
                max_points=to_points(r["max_points"].strip().replace(",", ".")),
                scoring_guide=(r.get("scoring_guide") or "").strip(),
                evidence_required=(r.get("evidence_required") or "").strip(),
            )
            for r in csv.DictReader(fh)
        ]


@cache
def _manifest() -> dict:
    return json.loads(resource_path("catalogs", "catalogs.json").read_text(encoding="utf-8"))


def builtin_catalogs() -> list[BuiltinCatalog]:
    out = []
    for e in _manifest()["catalogs"]:
        out.append(
            BuiltinCatalog(
                id=e["id"],
                file=e["file"],
                name=e["name"],
                decision_number=e.get("decision_number", ""),
                decision_date=date.fromisoformat(e["decision_date"])
                if e.get("decision_date")
                else None,
                issuer=e.get("issuer", ""),
                source=e.get("source", "builtin"),
                complete=bool(e.get("complete", True)),
                note=e.get("note", ""),
                later_years_note=e.get("later_years_note", ""),
                survey_codes=tuple(e.get("survey_codes", ())),
            )
        )
    return out


def builtin_catalog(catalog_id: str | None = None, *, demo: bool = False) -> BuiltinCatalog:
    wanted = catalog_id or _manifest()["demo" if demo else "default"]
    for c in builtin_catalogs():
        if c.id == wanted:
            return c
    raise NotFoundError(f"Không có bộ tiêu chí có sẵn “{wanted}”.")


@dataclass(frozen=True)
class CatalogProblem:
    """One finding about a catalog tree. ``error`` refuses to save; ``warning`` may be accepted.

    ``message`` is the whole Vietnamese sentence, starting with the sheet and row when the
    row came from a file (``Sheet “Bộ chỉ số”, dòng 12: Mã 1.2 bị trùng ...``).
    """

    severity: str  # error | warning
    message: str
    code: str = ""
    sheet: str = ""
    row: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class ProblemReport:
    """Splits ``self.problems`` into errors (refuse to save) and warnings (may be accepted)."""

    problems: list[CatalogProblem]

    @property
    def errors(self) -> list[CatalogProblem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[CatalogProblem]:
        return [p for p in self.problems if not p.is_error]


class RowLike(Protocol):
    """What ``check_rows`` needs of a row: a ``NodeRow`` or an import preview row.

    A preview row may also have ``sheet``/``row`` (where it came from), ``max_text`` (the
    cell as written) and ``max_points = None`` when that cell is not a number.
    """

    code: str
    title: str

    @property
    def max_points(self) -> Decimal | None: ...


def _where(r: RowLike) -> tuple[str, int | None, str]:
    sheet, row = getattr(r, "sheet", ""), getattr(r, "row", None)
    if sheet and row:
        return sheet, row, f"{getattr(r, 'where', f'Sheet “{sheet}”, dòng {row}')}: "
    return "", None, ""


def _seen_at(r: RowLike) -> str:
    """Where an earlier row is, for a message about a later one: ``dòng 3`` within a sheet,
    ``Bảng 2, dòng 5`` in a document (its rows come from several tables or pages)."""
    sheet, row = getattr(r, "sheet", ""), getattr(r, "row", None)
    if not (sheet and row):
        return ""
    if getattr(r, "kind", "sheet") == "sheet":
        return f"dòng {row}"
    return getattr(r, "where", f"dòng {row}")


def check_rows(rows: Sequence[RowLike]) -> list[CatalogProblem]:
    """Errors and warnings of a catalog tree, in Vietnamese, in row order.

    Errors: a row without code or title, a code present twice, maximum not a number or
    negative, a child whose parent is missing. Warnings: children not summing to their
    parent's maximum, areas not totalling 100 (a province may have bonus points).
    """
    problems: list[CatalogProblem] = []

    def add(severity: str, r: RowLike | None, message: str, code: str = "") -> None:
        sheet, row, prefix = _where(r) if r is not None else ("", None, "")
        problems.append(CatalogProblem(severity, prefix + message, code, sheet, row))

    by_code: dict[str, RowLike] = {}
    for r in rows:
        if not r.code:
            add("error", r, f"Dòng “{r.title[:40]}” không có mã tiêu chí.")
            continue
        if not _CODE_SHAPE.match(r.code):
            add("error", r, f"Mã “{r.code}” không đúng dạng (ví dụ: 1, 1.2, 5.4.3.4).", r.code)
            continue
        if not r.title.strip():
            add("error", r, f"Mã {r.code} chưa có nội dung (tên tiêu chí).", r.code)
        if r.code in by_code:
            first = _seen_at(by_code[r.code])
            seen = f" (đã có ở {first})" if first else ""
            add("error", r, f"Mã {r.code} bị trùng{seen}.", r.code)
        by_code[r.code] = r  # the later row counts in the sums below
        if r.max_points is None:
            written = getattr(r, "max_text", "")
            if written:
                add("error", r, f"Điểm tối đa “{written}” của {r.code} không phải là số.", r.code)
            else:
                add("error", r, f"Mã {r.code} chưa có điểm tối đa.", r.code)
        elif r.max_points < 0:
            add("error", r, f"Điểm tối đa của {r.code} là số âm.", r.code)
    children: dict[str, list[RowLike]] = {}
    for r in by_code.values():
        p = parent_code(r.code)
        if p is None:
            continue
        if p not in by_code:
            add("error", r, f"Mã {r.code} không có mục cha {p}.", r.code)
            continue
        children.setdefault(p, []).append(r)
    for p, kids in children.items():
        parent = by_code[p]
        if parent.max_points is None or any(k.max_points is None for k in kids):
            continue
        total = sum((k.max_points for k in kids), Decimal(0))  # type: ignore[misc]
        if total != parent.max_points:
            add(
                "warning",
                parent,
                f"Tổng điểm các mục con của {p} là {_fmt(total)}, khác điểm tối đa "
                f"{_fmt(parent.max_points)}.",
                p,
            )
    areas = [r.max_points for r in by_code.values() if code_depth(r.code) == 1]
    if areas and None not in areas:
        total = sum(areas, Decimal(0))  # type: ignore[arg-type]
        if total != HUNDRED:
            add("warning", None, f"Tổng điểm các lĩnh vực là {_fmt(total)}, không phải 100.")
    elif not areas and rows:
        add("error", None, "Không có lĩnh vực nào (mã cấp 1 như 1, 2, 3).")
    return problems


def validate_rows(rows: Sequence[RowLike]) -> list[str]:
    """Every problem of a catalog tree (errors and warnings), in Vietnamese (empty when sound)."""
    return [p.message for p in check_rows(rows)]


def _fmt(d: Decimal) -> str:
    return format_points(d)


def catalog_for_year(session: Session, year: int) -> Catalog | None:
    return session.scalar(select(Catalog).where(Catalog.year == year))


def save_catalog(
    session: Session,
    year: int,
    rows: list[NodeRow],
    *,
    name: str,
    decision_number: str = "",
    decision_date: date | None = None,
    issuer: str = "",
    source: str = "imported",
    complete: bool = True,
    note: str = "",
    survey_codes: tuple[str, ...] = (),
    allow_warnings: bool = False,
) -> Catalog:
    """Write a validated tree as the catalog of ``year`` (the caller owns the transaction).

    Errors always refuse; warnings refuse unless ``allow_warnings`` (the user accepted them).
    """
    problems = [p.message for p in check_rows(rows) if allow_warnings is False or p.is_error]
    if problems:
        raise ValidationError("Bộ tiêu chí có lỗi: " + " ".join(problems[:5]))
    if catalog_for_year(session, year) is not None:
        raise ValidationError(f"Năm {year} đã có bộ tiêu chí.")
    catalog = Catalog(
        year=year,
        name=name,
        decision_number=decision_number,
        decision_date=decision_date,
        issuer=issuer,
        source=source,
        complete=complete,
        note=note,
    )
    session.add(catalog)
    session.flush()
    by_code: dict[str, CatalogNode] = {}
    surveys = set(survey_codes)
    for pos, r in enumerate(rows):
        p = parent_code(r.code)
        in_survey = r.code in surveys or any(r.code.startswith(s + ".") for s in surveys)
        node = CatalogNode(
            catalog_id=catalog.id,
            parent=by_code[p] if p else None,
            code=r.code,
            level=r.level,
            title=r.title,
            max_points=r.max_points,
            scoring_guide=r.scoring_guide,
            evidence_required=r.evidence_required,
            position=pos,
            self_scored=not in_survey,
        )
        session.add(node)
        by_code[r.code] = node
    session.flush()
    ensure_year(session, year)
    return catalog


def load_builtin(
    session: Session, year: int, catalog_id: str | None = None, *, demo: bool = False
) -> tuple[Catalog, bool]:
    """Give ``year`` the built-in catalog unless it already has one. Returns (catalog, created)."""
    existing = catalog_for_year(session, year)
    if existing is not None:
        return existing, False
    b = builtin_catalog(catalog_id, demo=demo)
    note = b.note
    if b.later_years_note and year >= 2025:
        note = f"{note} {b.later_years_note}"
    catalog = save_catalog(
        session,
        year,
        b.rows(),
        name=b.name,
        decision_number=b.decision_number,
        decision_date=b.decision_date,
        issuer=b.issuer,
        source=b.source,
        complete=b.complete,
        note=note,
        survey_codes=b.survey_codes,
    )
    return catalog, True
