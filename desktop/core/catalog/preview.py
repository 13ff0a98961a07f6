"""The one row model of every catalog import: ``PreviewRow``s in a ``CatalogPreview``.

Whatever the source (a sheet, a Word table, a PDF page, a web page, a paste), a row knows
its place in it (``sheet`` names the part, ``row`` its 1-based row, ``kind`` how to say
it: ``Sheet “Phụ lục”, dòng 12``, ``Bảng 3, dòng 5``, ``Trang 2, dòng 4``), the code as
the source wrote it beside the dotted code, and the scoring methods read under it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from base.errors import ValidationError
from desktop.core.catalog.rules_import import adjust_for_bonus, bonus_codes, rule_problems
from desktop.core.catalog.store import (
    CatalogProblem,
    NodeRow,
    ProblemReport,
    check_rows,
    code_depth,
)
from desktop.core.office.tables import KIND_SHEET, place
from desktop.core.office.vnformat import format_points

SOURCE_NAMES = {
    ".xlsx": "bảng tính Excel",
    ".xlsm": "bảng tính Excel",
    ".xls": "bảng tính Excel",
    ".docx": "tài liệu Word",
    ".pdf": "tệp PDF",
    ".html": "trang web",
    ".htm": "trang web",
    "": "bảng dán",
}


@dataclass
class PreviewRow:
    """One catalog row as read (and possibly edited) before saving."""

    sheet: str  # the part of the source: a sheet's name, ``Bảng 3``, ``Trang 2``
    row: int  # 1-based, as the source shows it
    code: str
    title: str
    max_points: Decimal | None
    max_text: str = ""
    scoring_guide: str = ""
    evidence_required: str = ""
    written_code: str = ""  # the code as the file writes it (``1,5``, ``II``, ``a)``)
    rule_text: str = ""  # the scoring rule in notation (desktop.core.scoring.rules), "" = none
    kind: str = KIND_SHEET
    methods: list[tuple[str, Decimal | None]] = field(default_factory=list, repr=False)

    @property
    def level(self) -> int:
        return code_depth(self.code)

    @property
    def where(self) -> str:
        return place(self.kind, self.sheet, self.row)

    @property
    def shown_code(self) -> str:
        """The dotted code, with the source's own numbering beside it when that differs."""
        written = self.written_code.strip()
        if not written or written.rstrip(".") == self.code:
            return self.code
        return f"{self.code} ← {written}"

    def to_node_row(self) -> NodeRow:
        if self.max_points is None:
            raise ValidationError(f"{self.where}: mã {self.code} chưa có điểm tối đa hợp lệ.")
        return NodeRow(
            code=self.code,
            title=self.title.strip(),
            max_points=self.max_points,
            scoring_guide=self.scoring_guide.strip(),
            evidence_required=self.evidence_required.strip(),
        )


@dataclass
class CatalogPreview(ProblemReport):
    """What an import would save, and what is wrong with it."""

    path: Path
    sheet: str
    rows: list[PreviewRow]
    name: str = ""
    decision_number: str = ""
    decision_date: date | None = None
    issuer: str = ""
    stated_total: Decimal | None = None
    total_where: str = ""  # where the "Tổng cộng" row is
    kind: str = KIND_SHEET
    parts: list[str] = field(default_factory=list)  # the tables/pages read, in order
    notes: list[CatalogProblem] = field(default_factory=list)  # found while reading
    problems: list[CatalogProblem] = field(default_factory=list)

    @property
    def source_name(self) -> str:
        return SOURCE_NAMES.get(self.path.suffix.lower(), "tệp")

    def revalidate(self) -> list[CatalogProblem]:
        found = [*self.notes, *check_rows(self.rows), *rule_problems(self.rows)]
        self.problems = adjust_for_bonus(found, self.rows)
        bonus = bonus_codes(self.rows)
        areas = [r.max_points for r in self.rows if r.level == 1 and r.code not in bonus]
        if self.stated_total is not None and areas and None not in areas:
            total = sum(areas, Decimal(0))  # type: ignore[arg-type]
            if total != self.stated_total:
                where = self.total_where or f"Sheet “{self.sheet}”"
                self.problems.append(
                    CatalogProblem(
                        "warning",
                        f"{where}: dòng Tổng ghi {format_points(self.stated_total)}"
                        f" điểm nhưng các lĩnh vực cộng lại được {format_points(total)}.",
                        sheet=self.sheet,
                    )
                )
        return self.problems
