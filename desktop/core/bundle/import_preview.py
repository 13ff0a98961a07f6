"""Preview of a colleague's bundle before anything is written: which documents are new,
which are already here (identical), which bring more files or sub-criteria, and which
differ in their metadata (shown side by side for the officer to choose).

Documents are matched within their year by content hash (a shared file) and by number.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from base.errors import BundleError
from db.models import CatalogNode, EvidenceDocument, EvidenceLink
from desktop.core.bundle.handoff import fingerprint
from desktop.core.bundle.manifest import Manifest, ManifestDocument
from desktop.core.bundle.signing import key_trust, trust_warning
from desktop.core.bundle.verify import VerifyReport, problems_text, verify_bundle
from desktop.core.catalog.store import catalog_for_year
from desktop.core.office.text import fold, nfc
from desktop.core.office.vnformat import format_date
from desktop.core.progress import NO_PROGRESS, Progress
from desktop.core.workspace import Workspace
from desktop.core.years.profile import get_profile
from desktop.core.years.store import former_communes

FIELDS = (
    ("number", "Số, ký hiệu"),
    ("issue_date", "Ngày ban hành"),
    ("kind", "Loại văn bản"),
    ("summary", "Trích yếu"),
    ("issuer", "Cơ quan ban hành"),
    ("signer", "Người ký"),
    ("responsible", "Người phụ trách"),
    ("note", "Ghi chú"),
)
CHOICE_LABELS = {
    "add": "Thêm mới",
    "merge": "Bổ sung tệp, tiêu chí còn thiếu",
    "keep_local": "Giữ thông tin trên máy (bổ sung tệp, tiêu chí còn thiếu)",
    "take_bundle": "Lấy thông tin trong gói (bổ sung tệp, tiêu chí còn thiếu)",
    "keep_both": "Giữ cả hai (thêm tài liệu trong gói thành tài liệu riêng)",
    "skip": "Bỏ qua",
}
_CHOICES = {
    "new": ("add", "skip"),
    "identical": ("skip",),
    "additions": ("merge", "skip"),
    "conflict": ("keep_local", "take_bundle", "keep_both", "skip"),
}


class BundleRejected(BundleError):
    """The bundle is damaged, edited or unsafe: nothing of it is imported."""

    def __init__(self, message: str, report: VerifyReport) -> None:
        super().__init__(message)
        self.report = report


@dataclass(frozen=True)
class FieldDiff:
    field: str
    label: str
    local: str
    bundle: str


@dataclass(frozen=True)
class DocView:
    number: str
    issue_date: str  # dd/mm/yyyy
    kind: str
    summary: str
    codes: tuple[str, ...]
    files: int


@dataclass(frozen=True)
class ImportItem:
    key: str  # the document's key in the bundle
    status: str  # new | identical | additions | conflict
    bundle: DocView
    local_id: int | None = None
    local: DocView | None = None
    local_fingerprint: str = ""
    matched_by: str = ""  # số | tệp | số và tệp
    diffs: tuple[FieldDiff, ...] = ()
    new_codes: tuple[str, ...] = ()
    new_files: tuple[str, ...] = ()  # SHA-256 of files the local document lacks
    unknown_codes: tuple[str, ...] = ()  # not in this PC's catalog: not linked

    @property
    def choices(self) -> tuple[str, ...]:
        return _CHOICES[self.status]

    @property
    def default_choice(self) -> str:
        return self.choices[0]


@dataclass
class ImportPreview:
    bundle: Path
    bundle_name: str
    manifest_checksum: str
    year: int
    commune: str
    other_commune: bool
    create_catalog: bool
    items: list[ImportItem]
    former_commune: str = ""  # a former commune of this one: history, not a colleague's
    # The year on this PC has only the built-in (incomplete) set and the bundle carries a
    # full catalog: it is offered; ``take_catalog`` is the officer's answer.
    offer_catalog: str = ""  # the offer in words ("" = none)
    take_catalog: bool = False
    warnings: list[str] = field(default_factory=list)
    files_to_copy: int = 0
    bytes_to_copy: int = 0
    # Who signed the bundle (``signing.KeyTrust.to_json()``: status, fingerprint, ...).
    signer: dict = field(default_factory=dict)
    key_changed: bool = False  # a commune's key differs from the one remembered

    @property
    def counts(self) -> dict[str, int]:
        c = Counter(i.status for i in self.items)
        return {s: c.get(s, 0) for s in ("new", "identical", "additions", "conflict")}

    def ensure_importable(self) -> None:
        """A former commune's bundle is its history, never a colleague's: refuse it (the
        first warning says so and where it belongs)."""
        if self.former_commune:
            raise BundleError(f"Chưa nhập gì. {self.warnings[0]}")

    @property
    def nothing_to_do(self) -> bool:
        return (
            all(i.status == "identical" for i in self.items)
            and not self.create_catalog
            and not self.offer_catalog
        )

    def to_json(self) -> dict:
        doc = asdict(self)
        doc["bundle"] = str(self.bundle)
        doc["counts"] = self.counts
        return doc


def number_key(number: str) -> str:
    return "".join(fold(number).split())


def _view(d: ManifestDocument) -> DocView:
    return DocView(d.number, format_date(d.date), d.kind, d.summary, d.codes, len(d.files))


def _local_view(doc: EvidenceDocument, codes: list[str]) -> DocView:
    return DocView(
        doc.number, format_date(doc.issue_date), doc.kind, doc.summary, tuple(codes), len(doc.files)
    )


def _diffs(doc: EvidenceDocument, b: ManifestDocument) -> tuple[FieldDiff, ...]:
    out = []
    for name, label in FIELDS:
        local = getattr(doc, name)
        theirs = getattr(b, name)
        if name == "issue_date":
            local, theirs = format_date(local), format_date(b.date)
        if nfc(str(local or "")).strip() != nfc(str(theirs or "")).strip():
            out.append(FieldDiff(name, label, str(local or ""), str(theirs or "")))
    return tuple(out)


def catalog_offer(session: Session, manifest: Manifest) -> str:
    """What to say when the bundle's catalog can replace this PC's built-in set of the year
    (only areas: nothing can be linked to its sub-criteria); "" when it cannot."""
    from desktop.core.catalog.replace import attached_work

    bundled = manifest.catalog or {}
    nodes = bundled.get("nodes", [])
    catalog = catalog_for_year(session, manifest.year)
    if catalog is None or catalog.source != "builtin" or catalog.complete:
        return ""
    if not bundled.get("complete", True) or len(nodes) <= len(catalog.nodes):
        return ""
    if attached_work(session, catalog.id):
        return ""
    return (
        f"Năm {manifest.year} trên máy này mới có bộ tiêu chí có sẵn “{catalog.name}” "
        f"({len(catalog.nodes)} mục, chưa đầy đủ); gói có bộ tiêu chí đầy đủ "
        f"“{bundled.get('name') or 'trong gói'}” ({len(nodes)} mục). Dùng bộ tiêu chí trong "
        "gói để tài liệu được gắn đúng tiêu chí thành phần."
    )


def _local_codes(session: Session, manifest: Manifest) -> tuple[dict[int, set[str]], bool]:
    """Codes of the catalogs of the bundle's years on this PC; whether one is created."""
    codes: dict[int, set[str]] = {}
    create = False
    offered = bool(catalog_offer(session, manifest))
    for year in {manifest.year, *(d.year for d in manifest.documents)}:
        catalog = catalog_for_year(session, year)
        if offered and year == manifest.year:  # as it will be once the offer is taken
            codes[year] = {n["code"] for n in (manifest.catalog or {}).get("nodes", [])}
        elif catalog is not None:
            codes[year] = set(
                session.scalars(
                    select(CatalogNode.code).where(CatalogNode.catalog_id == catalog.id)
                )
            )
        elif year == manifest.year and manifest.catalog:
            create = True
            codes[year] = {n["code"] for n in manifest.catalog.get("nodes", [])}
        else:
            codes[year] = set()
    return codes, create


def former_message(name: str, merged: str) -> str:
    return (
        f"Gói này của xã cũ {name}, đã sáp nhập vào {merged}: hãy nhập bằng Tệp → Nhập lịch "
        "sử xã cũ… (cchc history import) để lịch sử của xã cũ được giữ riêng, không trộn vào "
        "dữ liệu của xã hiện tại."
    )


def _commune_warning(session: Session, manifest: Manifest) -> tuple[str, bool, str]:
    """(warning, from another commune, the former commune it comes from or "")."""
    c = manifest.commune
    if not c.get("commune_name"):
        return "Gói không ghi tên xã đã tạo gói.", False, ""
    theirs = f"{str(c.get('unit_kind') or 'xã').capitalize()} {c['commune_name']}, {c.get('province', '')}"
    profile = get_profile(session)
    if profile is None:
        return "", False, ""
    same = fold(profile.commune_name) == fold(str(c["commune_name"])) and fold(
        profile.province
    ) == fold(str(c.get("province", "")))
    if same:
        return "", False, ""
    wanted = fold(str(c["commune_name"]))
    former = next((n for n in former_communes(session) if fold(n) == wanted), "")
    if former:
        return former_message(former, profile.display_name), True, former
    return (
        f"Gói này của {theirs}, không phải của {profile.place_line}. Chỉ nhập khi chắc "
        "chắn đây là tài liệu cho xã mình (cần xác nhận riêng); hãy xem kỹ danh sách trước "
        "khi nhập. Dữ liệu của một xã cũ trước khi sáp nhập nên nhập bằng Tệp → Nhập lịch "
        "sử xã cũ… (cchc history import) để được giữ riêng.",
        True,
        "",
    )


def build_preview(session: Session, store, path: Path, report: VerifyReport) -> ImportPreview:
    manifest = report.manifest
    assert manifest is not None
    codes_by_year, create = _local_codes(session, manifest)
    years = set(codes_by_year)
    local_docs = list(
        session.scalars(
            select(EvidenceDocument)
            .where(EvidenceDocument.year.in_(years))
            .options(
                selectinload(EvidenceDocument.files),
                selectinload(EvidenceDocument.links).selectinload(EvidenceLink.node),
            )
        )
    )
    by_number: dict[tuple[int, str], list[EvidenceDocument]] = {}
    by_sha: dict[tuple[int, str], list[EvidenceDocument]] = {}
    local_codes: dict[int, list[str]] = {}
    for doc in local_docs:
        local_codes[doc.id] = sorted(link.node.code for link in doc.links)
        if doc.number.strip():
            by_number.setdefault((doc.year, number_key(doc.number)), []).append(doc)
        for f in doc.files:
            by_sha.setdefault((doc.year, f.sha256), []).append(doc)
    items: list[ImportItem] = []
    unknown_all: set[str] = set()
    for b in manifest.documents:
        known = codes_by_year.get(b.year, set())
        unknown = tuple(c for c in b.codes if c not in known)
        unknown_all.update(unknown)
        cands: dict[int, list] = {}
        if b.number.strip():
            for doc in by_number.get((b.year, number_key(b.number)), []):
                cands[doc.id] = [doc, True, 0]
        for f in b.files:
            for doc in by_sha.get((b.year, f.sha256), []):
                cands.setdefault(doc.id, [doc, False, 0])[2] += 1
        if not cands:
            items.append(
                ImportItem(
                    b.key,
                    "new",
                    _view(b),
                    new_codes=tuple(c for c in b.codes if c in known),
                    new_files=tuple(f.sha256 for f in b.files),
                    unknown_codes=unknown,
                )
            )
            continue
        doc, by_num, shared = max(
            cands.values(), key=lambda c: (c[1] and c[2] > 0, c[2], c[1], -c[0].id)
        )
        codes = local_codes[doc.id]
        have = {f.sha256 for f in doc.files}
        diffs = _diffs(doc, b)
        new_files = tuple(f.sha256 for f in b.files if f.sha256 not in have)
        new_codes = tuple(c for c in b.codes if c in known and c not in codes)
        status = "conflict" if diffs else "additions" if new_files or new_codes else "identical"
        items.append(
            ImportItem(
                b.key,
                status,
                _view(b),
                local_id=doc.id,
                local=_local_view(doc, codes),
                local_fingerprint=fingerprint(doc, codes),
                matched_by="số và tệp" if by_num and shared else "số" if by_num else "tệp",
                diffs=diffs,
                new_codes=new_codes,
                new_files=new_files,
                unknown_codes=unknown,
            )
        )
    warning, other, former = _commune_warning(session, manifest)
    warnings = [warning] if warning else []
    trust = key_trust(session, manifest.commune, report.signature)
    said = trust_warning(trust, str(manifest.commune.get("commune_name") or ""))
    if said:
        warnings.append(said)
    warnings += [p.message for p in report.problems if p.severity == "warning"]
    if unknown_all:
        warnings.append(
            f"Bộ tiêu chí trên máy này không có {', '.join(sorted(unknown_all))}: tài liệu "
            "vẫn được nhập nhưng không gắn với các tiêu chí đó."
        )
    sizes = {f.sha256: f.size for d in manifest.documents for f in d.files}
    to_copy = {
        sha
        for i in items
        if i.default_choice != "skip"
        for sha in i.new_files
        if not store.has(sha)
    }
    c = manifest.commune
    return ImportPreview(
        bundle=path,
        bundle_name=manifest.bundle_name,
        manifest_checksum=manifest.checksum,
        year=manifest.year,
        commune=f"{c.get('commune_name', '')}, {c.get('province', '')}".strip(", "),
        other_commune=other,
        former_commune=former,
        create_catalog=create,
        offer_catalog=catalog_offer(session, manifest),
        take_catalog=bool(catalog_offer(session, manifest)),
        items=items,
        warnings=warnings,
        files_to_copy=len(to_copy),
        bytes_to_copy=sum(sizes[s] for s in to_copy),
        signer=trust.to_json(),
        key_changed=trust.status == "changed",
    )


def verified_bundle(
    path: Path, progress: Progress = NO_PROGRESS, *, then: str = ""
) -> VerifyReport:
    """Verify the bundle (every file re-hashed); refuse one that is damaged, partial or
    edited, naming what is wrong (``then`` is added to the message)."""
    report = verify_bundle(path, progress)
    if not report.importable:
        raise BundleRejected(
            f"Không nhập gói {path.name}: gói bị hỏng, chưa ghi xong hoặc đã bị sửa. "
            f"{problems_text(report)}{then}",
            report,
        )
    return report


def preview_import(ws: Workspace, path: Path, progress: Progress = NO_PROGRESS) -> ImportPreview:
    """Verify the bundle (every file re-hashed) and compare it with the data. Writes nothing."""
    path = Path(path)
    report = verified_bundle(path, progress)
    with ws.session() as s:
        return build_preview(s, ws.store, path, report)
