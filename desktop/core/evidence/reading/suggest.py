"""What a read document most likely serves, and whether the register already has it.

``CatalogMatcher`` compares a document's kind and trích yếu with each sub-criterion of the
year (its title, its criterion's title and the "tài liệu kiểm chứng cần có" text) word by
word, ignoring diacritics and case, with the abbreviations documents use read as their long
forms (CCHC = cải cách hành chính, TTHC, UBND, HĐND, DVC …). Rare words count more than
words every criterion has; the document's kind counts when the evidence text asks for that
kind (a Kế hoạch for "Kế hoạch CCHC năm") and against it when it asks for another one. The
best come first, each with the reason; the officer confirms.

``find_duplicate`` says which document of the year already has the same file, the same
text (the same document exported or saved again) or the same number and date.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from hashlib import sha256
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import CatalogNode, EvidenceDocument, EvidenceFile
from desktop.core.catalog.store import catalog_for_year
from desktop.core.evidence.reading.fields import KIND_LINES
from desktop.core.evidence.reading.read import Reading, read_document
from desktop.core.office.text import fold

ABBREVIATIONS = {
    "cchc": "cai cach hanh chinh",
    "tthc": "thu tuc hanh chinh",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "dvc": "dich vu cong",
    "dvctt": "dich vu cong truc tuyen",
    "cbcc": "can bo cong chuc",
    "cbccvc": "can bo cong chuc vien chuc",
    "vbqppl": "van ban quy pham phap luat",
    "qppl": "quy pham phap luat",
    "cntt": "cong nghe thong tin",
    "bpmc": "bo phan mot cua",
    "tn&tkq": "tiep nhan va tra ket qua",
    "pakn": "phan anh kien nghi",
    "xhh": "xa hoi hoc",
    "sipas": "su hai long",
    "par": "cai cach hanh chinh",
    "ktcc": "ky cuong",
    "ttdt": "thong tin dien tu",
    "mttq": "mat tran to quoc",
}
# syllables every document and criterion has: no evidence of anything by themselves
STOPWORDS = set(
    [
        "va",
        "cua",
        "cac",
        "cho",
        "tai",
        "tren",
        "theo",
        "ve",
        "viec",
        "voi",
        "trong",
        "nhung",
        "nay",
        "do",
        "duoc",
        "co",
        "la",
        "mot",
        "so",
        "xa",
        "huyen",
        "tinh",
        "phuong",
        "thi",
        "tran",
        "dia",
        "ban",
        "nha",
        "nuoc",
        "uy",
        "nhan",
        "dan",
    ]
)
KIND_WORDS = {**KIND_LINES, "van ban": "*"}  # "văn bản": any document


def _tokens(text: str) -> list[tuple[str, str]]:
    """(folded word, as the text wrote it); an abbreviation gives its long form's words."""
    out: list[tuple[str, str]] = []
    for raw in re.findall(r"[\w&]+", text):
        f = fold(raw)
        if f in ABBREVIATIONS:
            out += [(w, raw) for w in ABBREVIATIONS[f].split()]
        else:
            out.append((f, raw if raw.isupper() and len(raw) <= 5 else raw.lower()))
    return out


def words(text: str) -> list[str]:
    return [w for w, _ in _tokens(text)]


def _terms(text: str) -> Counter:
    ws = [w for w in words(text) if not w.isdigit()]
    terms = Counter(w for w in ws if w not in STOPWORDS and len(w) > 1)
    terms.update(
        f"{a} {b}"
        for a, b in zip(ws, ws[1:], strict=False)
        if not (a in STOPWORDS and b in STOPWORDS)
    )
    return terms


_LEAD = re.compile(r"^(?:cac|nhung|\d+|ban hanh|co|xay dung)\s+")


def kinds_asked(title: str, evidence: str) -> set[str]:
    """The kinds the evidence text asks for: each item (split at ; and ,) that starts
    with a kind (``Biên bản kiểm tra; báo cáo kết quả`` → Biên bản, Báo cáo); without
    an evidence text, the title's start (``Ban hành kế hoạch …``)."""
    items = re.split(r"[;,\n]", evidence) if evidence.strip() else [title]
    found = set()
    for item in items:
        text = " ".join(words(item))
        text = _LEAD.sub("", _LEAD.sub("", text))
        for w, k in KIND_WORDS.items():
            if text == w or text.startswith(w + " "):
                found.add(k)
    return found


def _runs(doc_tokens: list[tuple[str, str]], shared: set[str]) -> list[str]:
    """The document's words that the criterion shares, as phrases written the document's
    way (``cải cách hành chính``, ``CCHC``, ``kiểm tra``)."""
    runs: list[list[int]] = []
    for i in range(len(doc_tokens) - 1):
        if f"{doc_tokens[i][0]} {doc_tokens[i + 1][0]}" in shared:
            if runs and runs[-1][-1] == i:
                runs[-1].append(i + 1)
            else:
                runs.append([i, i + 1])
    out = []
    for run in runs:
        shown: list[str] = []
        for i in run:
            raw = doc_tokens[i][1]
            if not shown or shown[-1] != raw:
                shown.append(raw)
        out.append(" ".join(shown))
    return list(dict.fromkeys(out))


@dataclass(frozen=True)
class CriterionMatch:
    code: str
    title: str
    score: float
    reason: str


@dataclass
class _Leaf:
    code: str
    title: str
    evidence: str
    terms: dict[str, float]  # term → weight (its own words 1, its criterion's ½)
    kinds: set[str]


class CatalogMatcher:
    """The year's sub-criteria, ready to be compared with many documents."""

    def __init__(self, session: Session, year: int) -> None:
        self.leaves: list[_Leaf] = []
        catalog = catalog_for_year(session, year)
        if catalog is None:
            return
        nodes = list(
            session.scalars(
                select(CatalogNode)
                .where(CatalogNode.catalog_id == catalog.id)
                .order_by(CatalogNode.position, CatalogNode.id)
            )
        )
        by_id = {n.id: n for n in nodes}
        parents = {n.parent_id for n in nodes if n.parent_id is not None}
        for n in nodes:
            if n.id in parents or n.parent_id is None or not n.self_scored:
                continue
            parent = by_id.get(n.parent_id)
            own = _terms(f"{n.title} {n.evidence_required}")
            # the criterion's title counts half: it is shared by its sub-criteria
            weights = {t: 1.0 for t in own}
            if parent is not None and parent.parent_id is not None:
                for t in _terms(parent.title):
                    weights.setdefault(t, 0.5)
            self.leaves.append(
                _Leaf(
                    n.code,
                    n.title,
                    n.evidence_required,
                    weights,
                    kinds_asked(n.title, n.evidence_required),
                )
            )
        df: Counter = Counter()
        for leaf in self.leaves:
            df.update(set(leaf.terms))
        total = max(len(self.leaves), 1)
        self.idf = {t: math.log(1 + total / c) for t, c in df.items()}

    def match(self, kind: str, summary: str, *, limit: int = 5) -> list[CriterionMatch]:
        if not self.leaves or not summary.strip():
            return []  # a kind alone (from a file name) says too little
        doc = _terms(summary)
        doc_tokens = _tokens(summary)
        found: list[CriterionMatch] = []
        for leaf in self.leaves:
            shared = {t for t in doc if t in leaf.terms}
            score = sum(
                self.idf.get(t, 0.0) * (1.6 if " " in t else 0.5) * leaf.terms[t] for t in shared
            )
            reasons = []
            if kind and leaf.kinds:
                if kind in leaf.kinds:
                    score = score * 1.3 + 6.0
                    reasons.append(f"đúng loại tài liệu cần có ({kind})")
                elif "*" in leaf.kinds:
                    score = score * 1.1 + 2.0
                else:
                    score *= 0.6
            elif kind:
                score *= 0.85  # the evidence text names no kind: the words alone
            if score < 2.0:
                continue
            phrases = _runs(doc_tokens, shared)
            if phrases:
                reasons.append("trùng nội dung: " + ", ".join(phrases[:4]))
            if leaf.evidence:
                reasons.append(f"tài liệu cần có: “{leaf.evidence}”")
            else:
                reasons.append(f"tiêu chí: “{leaf.title}”")
            found.append(CriterionMatch(leaf.code, leaf.title, round(score, 2), "; ".join(reasons)))
        found.sort(key=lambda m: -m.score)
        if found:
            best = found[0].score
            found = [m for m in found if m.score >= best * 0.35]
        return found[:limit]


def file_sha256(path: Path) -> str:
    h = sha256()
    with Path(path).open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _number_key(number: str) -> str:
    return "".join(fold(number).split())


def find_duplicate(
    session: Session,
    year: int,
    number: str,
    issue_date: date | None,
    sha: str = "",
    text_key: str = "",
) -> int | None:
    """The id of a document of ``year`` with this file, the same text (re-exported), or
    this number and date."""
    for column, value in ((EvidenceFile.sha256, sha), (EvidenceFile.text_key, text_key)):
        if not value:
            continue
        doc_id = session.scalar(
            select(EvidenceDocument.id)
            .join(EvidenceFile, EvidenceFile.document_id == EvidenceDocument.id)
            .where(EvidenceDocument.year == year, column == value)
            .order_by(EvidenceDocument.id)
            .limit(1)
        )
        if doc_id is not None:
            return doc_id
    if number and issue_date is not None:
        key = _number_key(number)
        for doc_id, other in session.execute(
            select(EvidenceDocument.id, EvidenceDocument.number)
            .where(EvidenceDocument.year == year, EvidenceDocument.issue_date == issue_date)
            .order_by(EvidenceDocument.id)
        ):
            if _number_key(other) == key:
                return doc_id
    return None


@dataclass(frozen=True)
class Suggestion:
    reading: Reading
    criteria: list[CriterionMatch] = field(default_factory=list)
    duplicate_of: int | None = None
    sha256: str = ""

    @property
    def codes(self) -> list[str]:
        return [m.code for m in self.criteria]


def suggest_files(
    session: Session,
    year: int,
    paths: Sequence[Path],
    *,
    on_file: Callable[[int, Path], None] | None = None,
) -> list[Suggestion]:
    """Read each file and suggest; ``on_file(i, path)`` before each (progress, cancel)."""
    matcher = CatalogMatcher(session, year)
    out: list[Suggestion] = []
    for i, path in enumerate(paths):
        if on_file is not None:
            on_file(i, Path(path))
        out.append(suggest_one(session, year, Path(path), matcher))
    return out


def suggest_one(session: Session, year: int, path: Path, matcher: CatalogMatcher) -> Suggestion:
    reading = read_document(path)
    try:
        sha = file_sha256(path)
    except OSError:
        sha = ""
    f = reading.fields
    return Suggestion(
        reading=reading,
        criteria=matcher.match(f.kind, f.summary),
        duplicate_of=find_duplicate(
            session, year, f.number, f.issue_date, sha, reading.content_key
        ),
        sha256=sha,
    )
