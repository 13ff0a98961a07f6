"""What goes into a bundle: ``plan_export`` reads the database in one short session and
returns plain data (the files with their paths and hashes, the documents for the manifest,
and a summary the bundle screen shows before anything is written)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from base.errors import NotFoundError, ValidationError
from db.filestore import FileStore
from db.models import EvidenceDocument, EvidenceFile
from desktop import __version__
from desktop.core.bundle.handoff import fingerprint, handed_off, last_handoff
from desktop.core.bundle.layout import BundleLayout, bundle_name, document_stem
from desktop.core.bundle.manifest import DocFile, Manifest, ManifestDocument, ManifestFile
from desktop.core.bundle.writers import hash_stream
from desktop.core.bundle.year_data import collect_year_data
from desktop.core.catalog.store import catalog_info, normalize_code
from desktop.core.office.vnformat import format_date
from desktop.core.records import CatalogInfo
from desktop.core.targets import TEMP_SUFFIX
from desktop.core.years.profile import get_profile


@dataclass(frozen=True)
class ReportFile:
    """An exported report or signed scan for ``BaoCao/`` (reports plug in here)."""

    path: Path
    display_name: str


@dataclass(frozen=True)
class ExportScope:
    year: int
    areas: tuple[str, ...] = ()  # area codes; empty = every area
    changed_only: bool = False  # only documents not handed off in their current state
    reports_only: bool = False

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class PlannedFile:
    path: str
    sha256: str
    size: int
    role: str  # evidence | report
    source: Path | None = None  # a report on disk; evidence comes from the file store
    document: str | None = None
    number: str = ""
    codes: tuple[str, ...] = ()
    original_name: str = ""

    def entry(self) -> ManifestFile:
        return ManifestFile(
            self.path,
            self.sha256,
            self.size,
            self.role,
            self.document,
            self.number,
            self.codes,
            self.original_name,
        )


@dataclass(frozen=True)
class AreaSummary:
    code: str
    folder: str
    documents: int
    files: int
    bytes: int


@dataclass(frozen=True)
class ExportSummary:
    """What the bundle screen shows before writing."""

    year: int
    commune: str
    bundle_name: str
    documents: int
    files: int
    total_bytes: int
    reports: int
    areas: tuple[AreaSummary, ...]
    changed_only: bool
    last_handoff: datetime | None
    unchanged_skipped: int
    warnings: tuple[str, ...]


@dataclass
class ExportPlan:
    scope: ExportScope
    bundle_name: str
    bundle_id: str
    created_at: datetime
    commune: dict
    catalog: dict | None
    documents: list[ManifestDocument]
    files: list[PlannedFile]
    fingerprints: dict[int, str]  # document id → fingerprint at planning time
    summary: ExportSummary
    ascii_folders: bool = False
    warnings: list[str] = field(default_factory=list)
    year_data: dict | None = None

    def manifest(self, extra: Sequence[ManifestFile] = ()) -> Manifest:
        return Manifest(
            bundle_id=self.bundle_id,
            bundle_name=self.bundle_name,
            created_at=self.created_at.isoformat(timespec="seconds"),
            app_version=__version__,
            year=self.scope.year,
            commune=self.commune,
            scope=self.scope.to_json(),
            catalog=self.catalog,
            documents=self.documents,
            files=[f.entry() for f in self.files] + list(extra),
            year_data=self.year_data,
        )


def hash_path(path: Path) -> tuple[str, int]:
    with path.open("rb") as fh:
        return hash_stream(fh), path.stat().st_size


def _catalog_json(info: CatalogInfo) -> dict:
    """The year's catalog, so that a PC without it can rebuild the links."""
    return {
        "name": info.name,
        "decision_number": info.decision_number,
        "decision_date": info.decision_date.isoformat() if info.decision_date else None,
        "issuer": info.issuer,
        "source": info.source,
        "complete": info.complete,
        "note": info.note,
        "nodes": [
            {
                "code": n.code,
                "title": n.title,
                "max_points": str(n.max_points),
                "scoring_guide": n.scoring_guide,
                "evidence_required": n.evidence_required,
                "self_scored": n.self_scored,
            }
            for n in info.nodes
        ],
    }


class _Planner:
    """Places each document's files in the layout and counts them per area."""

    def __init__(self, info: CatalogInfo, scope: ExportScope, layout: BundleLayout) -> None:
        self.by_id = {n.id: n for n in info.nodes}
        self.by_code = {n.code: n for n in info.nodes}
        self.wanted = {normalize_code(a) for a in scope.areas}
        unknown = sorted(
            a for a in self.wanted if a not in self.by_code or self.by_code[a].level != 1
        )
        if unknown:
            raise NotFoundError(
                f"Bộ tiêu chí năm {scope.year} không có lĩnh vực {', '.join(unknown)}."
            )
        self.layout = layout
        self.files: list[PlannedFile] = []
        self.documents: list[ManifestDocument] = []
        self.warnings: list[str] = []
        self.per_area: dict[str, list] = {}  # area folder → [code, document ids, files, bytes]

    def codes(self, doc: EvidenceDocument) -> list[str]:
        linked = [self.by_id[link.node_id] for link in doc.links if link.node_id in self.by_id]
        return [n.code for n in sorted(linked, key=lambda n: n.position)]

    def _present(self, doc: EvidenceDocument, store: FileStore, label: str) -> list:
        present = []
        for f in doc.files:
            if store.has(f.sha256):
                present.append(f)
            else:
                self.warnings.append(
                    f"Thiếu tệp “{f.original_name}” của tài liệu {label} trong kho tệp: "
                    "không đưa vào gói (hãy chạy Kiểm tra dữ liệu)."
                )
        if not doc.files:
            self.warnings.append(f"Tài liệu {label} chưa có tệp nào: chỉ có thông tin trong gói.")
        return present

    def add(self, doc: EvidenceDocument, codes: list[str], store: FileStore) -> bool:
        """Plan one document; False when it is outside the chosen areas."""
        in_scope = [c for c in codes if not self.wanted or c.split(".")[0] in self.wanted]
        if self.wanted and not in_scope:
            return False
        label = doc.number or doc.summary[:40] or f"#{doc.id}"
        present = self._present(doc, store, label)
        key = f"d{doc.id}"
        self.documents.append(
            ManifestDocument(
                key=key,
                year=doc.year,
                number=doc.number,
                issue_date=doc.issue_date.isoformat() if doc.issue_date else None,
                kind=doc.kind,
                summary=doc.summary,
                issuer=doc.issuer,
                signer=doc.signer,
                responsible=doc.responsible,
                note=doc.note,
                codes=tuple(codes),
                files=tuple(DocFile(f.sha256, f.blob.size, f.original_name) for f in present),
            )
        )
        stem = document_stem(doc.number, doc.issue_date, doc.summary)
        for code in in_scope or [None]:
            if code is None:
                folder = area_folder = self.layout.unlinked_folder()
                area_code = ""
            else:
                node, area = self.by_code[code], self.by_code[code.split(".")[0]]
                folder = self.layout.node_folder(area.code, area.title, node.code, node.title)
                area_folder, area_code = folder.split("/")[0], area.code
            stats = self.per_area.setdefault(area_folder, [area_code, set(), 0, 0])
            stats[1].add(doc.id)
            for i, f in enumerate(present, 1):
                suffix = f"_{i}" if len(present) > 1 else ""
                self.files.append(
                    PlannedFile(
                        path=self.layout.file_path(folder, stem + suffix, f.original_name),
                        sha256=f.sha256,
                        size=f.blob.size,
                        role="evidence",
                        document=key,
                        number=doc.number,
                        codes=(code,) if code else (),
                        original_name=f.original_name,
                    )
                )
                stats[2] += 1
                stats[3] += f.blob.size
        return True

    def add_report(self, r: ReportFile) -> None:
        if not r.path.is_file():
            raise ValidationError(f"Không tìm thấy tệp báo cáo {r.path}.")
        sha, size = hash_path(r.path)
        self.files.append(
            PlannedFile(
                path=self.layout.report_path(r.display_name, r.path.name),
                sha256=sha,
                size=size,
                role="report",
                source=r.path,
                original_name=r.path.name,
            )
        )

    def areas(self) -> tuple[AreaSummary, ...]:
        return tuple(
            AreaSummary(code, folder, len(ids), n, size)
            for folder, (code, ids, n, size) in self.per_area.items()
        )


def _nothing_to_export(scope: ExportScope, since: datetime | None) -> ValidationError:
    if scope.reports_only:
        return ValidationError("Chưa có báo cáo nào để đưa vào gói.")
    if scope.changed_only and since is not None:
        return ValidationError(
            f"Không có tài liệu nào thay đổi từ lần bàn giao trước ({format_date(since)})."
        )
    return ValidationError(f"Năm {scope.year} chưa có tài liệu kiểm chứng nào để đưa vào gói.")


def plan_export(
    session: Session,
    store: FileStore,
    scope: ExportScope,
    *,
    dest: Path | None = None,
    reports: Sequence[ReportFile] = (),
    ascii_folders: bool = False,
    now: datetime | None = None,
) -> ExportPlan:
    """Decide every file's place in the bundle (``dest`` sets the path-length budget).
    Reads the database in the caller's session; writes nothing."""
    info = catalog_info(session, scope.year)
    profile = get_profile(session)
    created = (now or datetime.now()).replace(microsecond=0)
    name = bundle_name(profile.commune_name if profile else "", scope.year, created)
    root = (dest.resolve() if dest else Path("E:/")) / (name + ".zip" + TEMP_SUFFIX)
    planner = _Planner(info, scope, BundleLayout(len(str(root)), ascii_folders=ascii_folders))
    handed = handed_off(session) if scope.changed_only else set()
    fingerprints: dict[int, str] = {}
    skipped = 0
    docs = (
        []
        if scope.reports_only
        else session.scalars(
            select(EvidenceDocument)
            .where(EvidenceDocument.year == scope.year)
            .options(
                selectinload(EvidenceDocument.files).selectinload(EvidenceFile.blob),
                selectinload(EvidenceDocument.links),
            )
            .order_by(EvidenceDocument.issue_date, EvidenceDocument.number, EvidenceDocument.id)
        )
    )
    for doc in docs:
        codes = planner.codes(doc)
        fp = fingerprint(doc, codes)
        if (doc.id, fp) in handed:
            skipped += 1
        elif planner.add(doc, codes, store):
            fingerprints[doc.id] = fp
    for r in reports:
        planner.add_report(r)
    since = last_handoff(session, scope.year)
    if not planner.files and not planner.documents:
        raise _nothing_to_export(scope, since)
    files = planner.files
    summary = ExportSummary(
        year=scope.year,
        commune=profile.display_name if profile else "",
        bundle_name=name,
        documents=len(planner.documents),
        files=len(files),
        total_bytes=sum(f.size for f in files),
        reports=sum(1 for f in files if f.role == "report"),
        areas=planner.areas(),
        changed_only=scope.changed_only,
        last_handoff=since,
        unchanged_skipped=skipped,
        warnings=tuple(planner.warnings),
    )
    commune = {}
    if profile is not None:
        commune = {
            "unit_kind": profile.unit_kind,
            "commune_name": profile.commune_name,
            "district": profile.district,
            "province": profile.province,
        }
    return ExportPlan(
        scope=scope,
        bundle_name=name,
        bundle_id=str(uuid.uuid4()),
        created_at=created,
        commune=commune,
        catalog=_catalog_json(info),
        documents=planner.documents,
        files=files,
        fingerprints=fingerprints,
        summary=summary,
        ascii_folders=ascii_folders,
        warnings=planner.warnings,
        year_data=collect_year_data(session, scope.year),
    )
