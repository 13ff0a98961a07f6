"""Is the year's self-assessment ready to submit? Which explanations are missing?

A sub-criterion needs an explanation (giải trình) when it has no evidence, or when a check
finding about it is still open (not dismissed with a reason). A bonus item nobody claims
(no score, or 0) needs nothing. The year is ready when every sub-criterion that counts has
a score (or "không áp dụng") and every explanation needed is written.
``explanation_findings`` turns the missing ones into check findings for the checks panel.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from db.filestore import FileStore
from desktop.core.evidence.checks import FINDING_KINDS, CheckReport, EvidenceFinding, run_checks
from desktop.core.scoring.rollup import score_tree
from desktop.core.selfassess.entry import year_entries

EXPLANATION_KIND = "explanation_missing"
EXPLANATION_LABEL = "Thiếu giải trình"
# Findings an explanation does not answer (a missing score is listed on its own).
NOT_EXPLAINED_BY_TEXT = {"score_missing", "score_above_max"}


@dataclass(frozen=True)
class NeedsExplanation:
    node_id: int
    code: str
    title: str
    reasons: tuple[str, ...]  # why (no evidence, the open findings' labels)
    explanation: str  # "" when missing

    @property
    def missing(self) -> bool:
        return not self.explanation.strip()


@dataclass
class Readiness:
    year: int
    needs: list[NeedsExplanation] = field(default_factory=list)  # explained or not
    unscored: list[tuple[str, str]] = field(default_factory=list)  # (code, title)

    @property
    def missing(self) -> list[NeedsExplanation]:
        return [n for n in self.needs if n.missing]

    @property
    def ready(self) -> bool:
        return not self.missing and not self.unscored

    def summary(self) -> str:
        """One Vietnamese sentence: ready, or what is still missing."""
        if self.ready:
            return f"Năm {self.year} đã sẵn sàng nộp: đã chấm đủ điểm và có đủ giải trình."
        parts = []
        if self.missing:
            codes = ", ".join(n.code for n in self.missing[:10])
            more = "…" if len(self.missing) > 10 else ""
            parts.append(f"{len(self.missing)} tiêu chí thành phần cần giải trình ({codes}{more})")
        if self.unscored:
            codes = ", ".join(c for c, _ in self.unscored[:10])
            more = "…" if len(self.unscored) > 10 else ""
            parts.append(f"{len(self.unscored)} tiêu chí thành phần chưa chấm điểm ({codes}{more})")
        return f"Năm {self.year} chưa sẵn sàng nộp: còn " + " và ".join(parts) + "."


def readiness(
    session: Session, store: FileStore, year: int, report: CheckReport | None = None
) -> Readiness:
    """Pass ``report`` when the year's checks were just run (saves running them again)."""
    tree = score_tree(session, year)
    entries = year_entries(session, year)
    if report is None:
        report = run_checks(session, store, year)
    open_kinds: dict[str, list[str]] = defaultdict(list)
    for f in report.findings:
        if f.kind in NOT_EXPLAINED_BY_TEXT:
            continue
        codes = f.codes if f.scope == "document" else ((f.code,) if f.code else ())
        for code in codes:
            label = FINDING_KINDS.get(f.kind, ("", f.kind))[1]
            if label not in open_kinds[code]:
                open_kinds[code].append(label)
    out = Readiness(year)
    for n in tree.nodes:
        if not n.is_leaf or not n.self_scored or not n.applicable:
            continue
        claimed = not n.bonus or (n.self_score is not None and n.self_score > 0)
        if not claimed:
            continue
        if n.self_score is None:
            out.unscored.append((n.code, n.title))
        reasons = list(open_kinds.get(n.code, []))
        if n.doc_count == 0 and FINDING_KINDS["no_evidence"][1] not in reasons:
            reasons.insert(0, FINDING_KINDS["no_evidence"][1])
        if reasons:
            entry = entries.get(n.node_id)
            out.needs.append(
                NeedsExplanation(
                    n.node_id, n.code, n.title, tuple(reasons), entry.explanation if entry else ""
                )
            )
    return out


def explanation_findings(r: Readiness) -> list[EvidenceFinding]:
    """The missing explanations as warnings a checks list can show next to the others."""
    return [
        EvidenceFinding(
            kind=EXPLANATION_KIND,
            message=(
                f"{n.code} “{n.title}” cần giải trình ({'; '.join(n.reasons).lower()}) "
                "trước khi nộp."
            ),
            severity="warning",
            code=n.code,
            node_id=n.node_id,
        )
        for n in r.missing
    ]
