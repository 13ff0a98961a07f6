"""What the self-assessment report (báo cáo tự đánh giá) is made of, read as plain data.

The score table by area, criterion and sub-criterion (code, content, maximum, declared
figure, self-score, evidence numbers, explanation), the totals with and without bonus
points, the explanations, and the report's editable parts kept per year (number, date,
difficulties, recommendations, recipients). ``selfassess_xlsx`` and ``selfassess_docx``
write it out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.filestore import FileStore
from db.models import EvidenceDocument, EvidenceLink
from db.models_selfassess import SelfAssessmentText
from desktop.core.catalog.store import catalog_info
from desktop.core.office.vnformat import format_date, format_points, parse_date
from desktop.core.records import CatalogInfo, ProfileInfo
from desktop.core.report.data import appraiser_of
from desktop.core.scoring.rollup import ScoreTree, score_tree
from desktop.core.selfassess.entry import year_entries
from desktop.core.years.profile import get_profile
from desktop.core.years.store import YearSettings, year_settings

# From this year the province appraises communes directly (two-tier local government).
SURVEY_TEXT = "Cơ quan thẩm định đánh giá"  # survey parts (XHH, SIPAS)
NA_TEXT = "Không áp dụng"

# The score table's columns (name, width in characters in the .xlsx), shared by both exports.
COLUMNS = (
    ("Mã", 9),
    ("Nội dung", 46),
    ("Điểm tối đa", 9),
    ("Số liệu kê khai", 13),
    ("Điểm tự chấm", 11),
    ("Tài liệu kiểm chứng (số, ngày, trích yếu)", 34),
    ("Giải trình", 40),
)


UNSCORED_TEXT = "Chưa chấm"


def score_text(applicable: bool, self_scored: bool, self_score: Decimal | None) -> str:
    """``1,5``; ``Không áp dụng``; ``—`` for a survey part; "" when not scored yet."""
    if not applicable:
        return NA_TEXT
    if not self_scored:
        return "—"
    return format_points(self_score) if self_score is not None else ""


@dataclass(frozen=True)
class ReportRow:
    code: str
    title: str
    level: int
    is_leaf: bool
    bonus: bool
    max_points: Decimal
    applicable: bool
    self_scored: bool
    self_score: Decimal | None
    declared: str
    evidence: str  # the documents' numbers, "; "-separated
    explanation: str
    override_reason: str
    documents: str = ""  # one line per document: number, date and trích yếu
    rule: str = ""  # how the sub-criterion is scored, in words

    @property
    def unscored(self) -> bool:
        """A sub-criterion the commune scores that has no score yet."""
        return self.is_leaf and self.applicable and self.self_scored and self.self_score is None

    @property
    def score_cell(self) -> str:
        """The table's score: ``Chưa chấm`` rather than an empty cell read as 0."""
        return UNSCORED_TEXT if self.unscored else self.score_text

    @property
    def score_text(self) -> str:
        return score_text(self.applicable, self.self_scored, self.self_score)

    @property
    def remark(self) -> str:
        """The last column: the explanation, or who scores a survey part."""
        if not self.self_scored and self.applicable:
            return f"Do {SURVEY_TEXT.lower()}"
        return self.explanation


@dataclass(frozen=True)
class ReportTexts:
    number: str = ""
    report_date: date | None = None
    difficulties: str = ""
    recommendations: str = ""
    recipients: str = ""


@dataclass
class SelfAssessmentReport:
    year: int
    profile: ProfileInfo | None
    catalog: CatalogInfo
    tree: ScoreTree
    rows: list[ReportRow]
    texts: ReportTexts
    explanations: list[ReportRow] = field(default_factory=list)
    # sub-criteria that need an explanation nobody has written yet (code, title): the
    # draft leaves a "…" line for each instead of saying there is nothing to explain
    unexplained: list[tuple[str, str]] = field(default_factory=list)
    settings: YearSettings | None = None  # the year's commune name and appraising body

    @property
    def commune(self) -> str:
        if self.settings is not None and self.settings.commune_name:
            return self.settings.commune_name
        return self.profile.commune_name if self.profile else "…"

    @property
    def unit(self) -> str:
        return self.profile.unit_kind if self.profile else "xã"

    @property
    def appraiser(self) -> str:
        """The year's appraising body (``cchc year set``, or the era's default)."""
        if self.profile is None or self.settings is None:
            return "cơ quan thẩm định"
        return appraiser_of(self.settings).name

    @property
    def unscored(self) -> list[ReportRow]:
        return [r for r in self.rows if r.unscored]

    @property
    def index_total(self) -> str:
        """``62,5/76`` (the self-scored part of the index, without bonus points)."""
        t = self.tree
        return f"{format_points(t.self_score or 0)}/{format_points(t.effective_max - t.survey_max)}"

    def total_lines(self) -> list[tuple[str, str]]:
        """(label, value) rows under the table: without bonus, bonus, with bonus."""
        t = self.tree
        survey = (
            f" (chưa gồm {format_points(t.survey_max)} điểm do cơ quan thẩm định đánh giá)"
            if t.survey_max
            else ""
        )
        unscored = self.unscored
        pending = (
            f" (còn {len(unscored)} tiêu chí thành phần chưa chấm, chưa tính vào tổng)"
            if unscored
            else ""
        )
        out = [(f"Tổng điểm tự đánh giá, không gồm điểm cộng{survey}{pending}", self.index_total)]
        if t.bonus_max:
            out.append(
                ("Điểm cộng", f"{format_points(t.bonus_score or 0)}/{format_points(t.bonus_max)}")
            )
            out.append(
                ("Tổng điểm tự đánh giá, gồm điểm cộng", format_points(t.combined_score or 0))
            )
        return out


def _linked_documents(session: Session, year: int):
    """(node id, document id, number, kind, issue date, trích yếu) of the year's documents
    per node they back, oldest first."""
    return session.execute(
        select(
            EvidenceLink.node_id,
            EvidenceDocument.id,
            EvidenceDocument.number,
            EvidenceDocument.kind,
            EvidenceDocument.issue_date,
            EvidenceDocument.summary,
        )
        .join(EvidenceDocument, EvidenceDocument.id == EvidenceLink.document_id)
        .where(EvidenceDocument.year == year)
        .order_by(EvidenceDocument.issue_date, EvidenceDocument.id)
    )


def evidence_numbers(session: Session, year: int) -> dict[int, list[str]]:
    """Per node, the documents backing it: their numbers (``05/KH-UBND``), or kind and date
    for a document without one, oldest first."""
    rows = _linked_documents(session, year)
    out: dict[int, list[str]] = defaultdict(list)
    for node_id, doc_id, number, kind, issued, _summary in rows:
        if number:
            out[node_id].append(number)
        elif issued:
            out[node_id].append(f"{kind} ngày {format_date(issued)}")
        else:
            out[node_id].append(f"{kind} (#{doc_id})")
    return out


def evidence_documents(session: Session, year: int) -> dict[int, list[str]]:
    """Per node, its documents as the appendix lists them: ``05/KH-UBND ngày 12/01/2024:
    Kế hoạch tuyên truyền CCHC`` (number, date, trích yếu), oldest first."""
    rows = _linked_documents(session, year)
    out: dict[int, list[str]] = defaultdict(list)
    for node_id, doc_id, number, kind, issued, summary in rows:
        head = number or f"{kind} (#{doc_id})"
        if issued:
            head += f" ngày {format_date(issued)}"
        out[node_id].append(f"{head}: {summary}" if summary else head)
    return out


def get_texts(session: Session, year: int) -> ReportTexts:
    row = session.get(SelfAssessmentText, year)
    if row is None:
        return ReportTexts()
    return ReportTexts(
        row.number, row.report_date, row.difficulties, row.recommendations, row.recipients
    )


def set_texts(
    session: Session,
    year: int,
    *,
    number: str | None = None,
    report_date: str | date | None = None,
    difficulties: str | None = None,
    recommendations: str | None = None,
    recipients: str | None = None,
) -> ReportTexts:
    """Set the report's editable parts (None leaves a part as it is; ``report_date=""``
    clears the date)."""
    when = None
    if isinstance(report_date, str) and report_date.strip():
        when = parse_date(report_date, what="Ngày báo cáo")
    elif isinstance(report_date, date):
        when = report_date
    row = session.get(SelfAssessmentText, year)
    if row is None:
        row = SelfAssessmentText(
            year=year, number="", difficulties="", recommendations="", recipients=""
        )
        session.add(row)
    if number is not None:
        row.number = " ".join(number.split())
    if report_date is not None:
        row.report_date = when
    if difficulties is not None:
        row.difficulties = difficulties.strip()
    if recommendations is not None:
        row.recommendations = recommendations.strip()
    if recipients is not None:
        row.recipients = recipients.strip()
    session.flush()
    return get_texts(session, year)


def gather_report(
    session: Session, year: int, store: FileStore | None = None
) -> SelfAssessmentReport:
    """The report's data; with the file ``store`` the year's checks run too, so the
    explanations still missing are known (``unexplained``)."""
    catalog = catalog_info(session, year)
    tree = score_tree(session, year)
    entries = year_entries(session, year)
    docs = evidence_numbers(session, year)
    full = evidence_documents(session, year)
    rows = []
    for n in tree.nodes:
        e = entries.get(n.node_id)
        rows.append(
            ReportRow(
                code=n.code,
                title=n.title,
                level=n.level,
                is_leaf=n.is_leaf,
                bonus=n.bonus,
                max_points=n.max_points,
                applicable=n.applicable,
                self_scored=n.self_scored,
                self_score=n.self_score,
                declared=e.declared_text if e else "",
                evidence="; ".join(docs.get(n.node_id, [])),
                explanation=e.explanation if e else "",
                override_reason=e.override_reason if e else "",
                documents="\n".join(full.get(n.node_id, [])),
                rule=e.rule.words(e.max_points) if e is not None and e.rule is not None else "",
            )
        )
    profile = get_profile(session)
    return SelfAssessmentReport(
        year=year,
        profile=profile,
        settings=year_settings(session, year) if profile is not None else None,
        catalog=catalog,
        tree=tree,
        rows=rows,
        texts=get_texts(session, year),
        explanations=[r for r in rows if r.explanation],
        unexplained=_unexplained(session, store, year) if store is not None else [],
    )


def _unexplained(session: Session, store: FileStore, year: int) -> list[tuple[str, str]]:
    from desktop.core.selfassess.readiness import readiness  # runs the checks: only when asked

    return [(n.code, n.title) for n in readiness(session, store, year).missing]
