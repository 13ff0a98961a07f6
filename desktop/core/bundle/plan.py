"""What goes into a bundle: ``plan_export`` reads the database in one short session and
returns plain data (the files with their paths and hashes, the documents for the manifest,
and a summary the bundle screen shows before anything is written)."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from db.filestore import CHUNK, FileStore
from db.models import CatalogNode, EvidenceDocument
from db.models_bundles import Handoff, HandoffDocument
from desktop import __version__
from desktop.core.bundle.layout import BundleLayout, bundle_name, document_stem
from desktop.core.bundle.manifest import DocFile, Manifest, ManifestDocument, ManifestFile
from desktop.core.catalog import catalog_for_year, normalize_code
from desktop.core.errors import NotFoundError, ValidationError
from desktop.core.profile import get_profile
from desktop.core.targets import TEMP_SUFFIX
from desktop.core.vnformat import format_date


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
        )


def hash_path(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def fingerprint(doc: EvidenceDocument, codes: Sequence[str]) -> str:
    """Changes when the document's metadata, files or sub-criteria change."""
    body = [
        doc.number,
        doc.issue_date.isoformat() if doc.issue_date else None,
        doc.kind,
        doc.summary,
        doc.issuer,
        doc.signer,
        doc.responsible,
        doc.note,
        sorted(f.sha256 for f in doc.files),
        sorted(codes),
    ]
    return hashlib.sha256(json.dumps(body, ensure_ascii=False).encode()).hexdigest()


def _catalog_json(catalog, nodes: list[CatalogNode]) -> dict:
    return {
        "name": catalog.name,
        "decision_number": catalog.decision_number,
        "decision_date": catalog.decision_date.isoformat() if catalog.decision_date else None,
        "issuer": catalog.issuer,
        "source": catalog.source,
        "complete": catalog.complete,
        "note": catalog.note,
        "nodes": [
            {
                "code": n.code,
                "title": n.title,
                "max_points": str(n.max_points),
                "scoring_guide": n.scoring_guide,
                "evidence_required": n.evidence_required,
                "self_scored": n.self_scored,
            }
            for n in nodes
        ],
    }


def last_handoff(session: Session, year: int) -> datetime | None:
    return session.scalar(select(func.max(Handoff.created_at)).where(Handoff.year == year))


def _handed_off(session: Session) -> set[tuple[int, str]]:
    rows = session.execute(select(HandoffDocument.document_id, HandoffDocument.fingerprint))
    return {(d, fp) for d, fp in rows}


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
    """Decide every file's place in the bundle. Nothing is written."""
    catalog = catalog_for_year(session, scope.year)
    if catalog is None:
        raise NotFoundError(f"Năm {scope.year} chưa có bộ tiêu chí: chưa có gì để đưa vào gói.")
    nodes = list(
        session.scalars(
            select(CatalogNode)
            .where(CatalogNode.catalog_id == catalog.id)
            .order_by(CatalogNode.position, CatalogNode.id)
        )
    )
    by_id = {n.id: n for n in nodes}
    by_code = {n.code: n for n in nodes}
    wanted = {normalize_code(a) for a in scope.areas}
    unknown = sorted(a for a in wanted if a not in by_code or by_code[a].level != 1)
    if unknown:
        raise NotFoundError(f"Bộ tiêu chí năm {scope.year} không có lĩnh vực {', '.join(unknown)}.")
    profile = get_profile(session)
    commune = {}
    if profile is not None:
        commune = {
            "unit_kind": profile.unit_kind,
            "commune_name": profile.commune_name,
            "district": profile.district,
            "province": profile.province,
        }
    created = (now or datetime.now()).replace(microsecond=0)
    name = bundle_name(profile.commune_name if profile else "", scope.year, created)
    root = (dest.resolve() if dest else Path("E:/")) / (name + ".zip" + TEMP_SUFFIX)
    layout = BundleLayout(len(str(root)), ascii_folders=ascii_folders)

    handed = _handed_off(session) if scope.changed_only else set()
    files: list[PlannedFile] = []
    documents: list[ManifestDocument] = []
    fingerprints: dict[int, str] = {}
    warnings: list[str] = []
    per_area: dict[str, list] = {}  # area folder → [code, document ids, files, bytes]
    skipped = 0
    docs = (
        []
        if scope.reports_only
        else session.scalars(
            select(EvidenceDocument)
            .where(EvidenceDocument.year == scope.year)
            .options(selectinload(EvidenceDocument.files), selectinload(EvidenceDocument.links))
            .order_by(EvidenceDocument.issue_date, EvidenceDocument.number, EvidenceDocument.id)
        )
    )
    for doc in docs:
        linked = sorted(
            (by_id[link.node_id] for link in doc.links if link.node_id in by_id),
            key=lambda n: n.position,
        )
        codes = [n.code for n in linked]
        fp = fingerprint(doc, codes)
        if (doc.id, fp) in handed:
            skipped += 1
            continue
        in_scope = [n for n in linked if not wanted or n.code.split(".")[0] in wanted]
        if wanted and not in_scope:
            continue
        label = doc.number or doc.summary[:40] or f"#{doc.id}"
        present = []
        for f in doc.files:
            if store.has(f.sha256):
                present.append(f)
            else:
                warnings.append(
                    f"Thiếu tệp “{f.original_name}” của tài liệu {label} trong kho tệp: "
                    "không đưa vào gói (hãy chạy Kiểm tra dữ liệu)."
                )
        if not doc.files:
            warnings.append(f"Tài liệu {label} chưa có tệp nào: chỉ có thông tin trong gói.")
        key = f"d{doc.id}"
        fingerprints[doc.id] = fp
        documents.append(
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
        targets = [(n, by_code[n.code.split(".")[0]]) for n in in_scope]
        for node, area in targets or [(None, None)]:
            if node is None:
                folder, area_key = layout.unlinked_folder(), layout.unlinked_folder()
            else:
                folder = layout.node_folder(area.code, area.title, node.code, node.title)
                area_key = folder.split("/")[0]
            stats = per_area.setdefault(area_key, [area.code if area else "", set(), 0, 0])
            stats[1].add(doc.id)
            for i, f in enumerate(present, 1):
                suffix = f"_{i}" if len(present) > 1 else ""
                files.append(
                    PlannedFile(
                        path=layout.file_path(folder, stem + suffix, f.original_name),
                        sha256=f.sha256,
                        size=f.blob.size,
                        role="evidence",
                        document=key,
                        number=doc.number,
                        codes=(node.code,) if node else (),
                        original_name=f.original_name,
                    )
                )
                stats[2] += 1
                stats[3] += f.blob.size
    for r in reports:
        if not r.path.is_file():
            raise ValidationError(f"Không tìm thấy tệp báo cáo {r.path}.")
        sha, size = hash_path(r.path)
        files.append(
            PlannedFile(
                path=layout.report_path(r.display_name, r.path.name),
                sha256=sha,
                size=size,
                role="report",
                source=r.path,
                original_name=r.path.name,
            )
        )
    since = last_handoff(session, scope.year)
    if not files and not documents:
        if scope.reports_only:
            raise ValidationError("Chưa có báo cáo nào để đưa vào gói.")
        if scope.changed_only and since is not None:
            raise ValidationError(
                f"Không có tài liệu nào thay đổi từ lần bàn giao trước ({format_date(since)})."
            )
        raise ValidationError(f"Năm {scope.year} chưa có tài liệu kiểm chứng nào để đưa vào gói.")
    summary = ExportSummary(
        year=scope.year,
        commune=profile.display_name if profile else "",
        bundle_name=name,
        documents=len(documents),
        files=len(files),
        total_bytes=sum(f.size for f in files),
        reports=sum(1 for f in files if f.role == "report"),
        areas=tuple(
            AreaSummary(code, folder, len(d), n, b) for folder, (code, d, n, b) in per_area.items()
        ),
        changed_only=scope.changed_only,
        last_handoff=since,
        unchanged_skipped=skipped,
        warnings=tuple(warnings),
    )
    return ExportPlan(
        scope=scope,
        bundle_name=name,
        bundle_id=str(uuid.uuid4()),
        created_at=created,
        commune=commune,
        catalog=_catalog_json(catalog, nodes),
        documents=documents,
        files=files,
        fingerprints=fingerprints,
        summary=summary,
        ascii_folders=ascii_folders,
        warnings=warnings,
    )
