"""Apply a previewed import: the files first (into the content-addressed store, under their
hash: no name from the bundle ever becomes a path here), then every row in ONE
transaction, then an automatic backup.

A kill or power cut while copying files leaves only orphan files (the integrity check
lists them as removable); one during the transaction leaves the database as it was.
Running the import again completes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from base.errors import BundleError, CchcError, ValidationError
from base.os_reason import os_reason
from db.models import Blob, CatalogNode, EvidenceDocument, EvidenceFile, EvidenceLink
from db.values import to_points
from desktop.core.backup.store import auto_backup
from desktop.core.bundle.handoff import fingerprint
from desktop.core.bundle.import_preview import (
    BundleRejected,
    ImportItem,
    ImportPreview,
    _diffs,
    number_key,
)
from desktop.core.bundle.manifest import (
    MANIFEST_NAME,
    Manifest,
    ManifestDocument,
    ManifestError,
    parse_manifest,
)
from desktop.core.bundle.signing import check_signature, remember_key
from desktop.core.bundle.source import SizeExceeded, capped_reader, ensure_room, open_source
from desktop.core.catalog.store import NodeRow, catalog_for_year, save_catalog
from desktop.core.evidence.documents import search_text_of
from desktop.core.office.text import nfc
from desktop.core.progress import NO_PROGRESS, Progress
from desktop.core.workspace import Workspace

BUNDLE_FIELDS = ("number", "kind", "summary", "issuer", "signer", "responsible", "note")

__all__ = [
    "BundleRejected",
    "ImportResult",
    "KeyChangedRefused",
    "OtherCommuneRefused",
    "apply_import",
]


@dataclass(frozen=True)
class ImportResult:
    added: int = 0  # new documents (and "keep both")
    merged: int = 0  # existing documents that got files or sub-criteria
    updated: int = 0  # existing documents whose metadata was taken from the bundle
    skipped: int = 0
    identical: int = 0
    files_copied: int = 0
    links_added: int = 0
    catalog_created: bool = False
    backup: Path | None = None
    warnings: tuple[str, ...] = ()


class OtherCommuneRefused(BundleError):
    """A bundle of another commune, not confirmed: nothing was written."""

    def __init__(self, preview: ImportPreview) -> None:
        super().__init__(f"Chưa nhập gì. {preview.warnings[0]}")


class KeyChangedRefused(BundleError):
    """The commune's bundle is signed with another key than the one remembered, and the
    officer has not accepted it: nothing was written."""

    def __init__(self, preview: ImportPreview) -> None:
        said = next((w for w in preview.warnings if w.startswith("CẢNH BÁO")), "")
        super().__init__(f"Chưa nhập gì. {said}")


def _resolve_choices(preview: ImportPreview, choices: Mapping[str, str] | None) -> dict[str, str]:
    out = {}
    for item in preview.items:
        choice = (choices or {}).get(item.key, item.default_choice)
        if choice not in item.choices:
            raise ValidationError(
                f"Lựa chọn “{choice}” không dùng được cho tài liệu {item.bundle.number or item.key}."
            )
        out[item.key] = choice
    return out


def _needed_files(item: ImportItem, choice: str, doc: ManifestDocument) -> list[str]:
    if choice == "skip":
        return []
    if choice in ("add", "keep_both"):
        return [f.sha256 for f in doc.files]
    return list(item.new_files)


def _copy_blobs(ws: Workspace, preview: ImportPreview, manifest: Manifest, shas, progress) -> int:
    missing = [s for s in dict.fromkeys(shas) if not ws.store.has(s)]
    sizes = {f.sha256: f.size for f in manifest.files}
    # What will be written, against the free space, before the first byte is.
    ensure_room(
        ws.data_dir,
        sum(sizes.get(s, 0) for s in missing),
        f"các tệp của gói {preview.bundle.name}. Chưa nhập gì",
    )
    with open_source(preview.bundle) as src:
        for i, sha in enumerate(missing):
            path = manifest.path_of(sha)
            progress.update(i, len(missing), f"Đang chép tệp {path}")
            if path is None or not src.has(path):
                raise BundleError(f"Gói thiếu tệp có mã {sha[:12]}…: không nhập gì.")
            with src.open(path) as fh:
                try:  # never more than the manifest says, whatever the file holds now
                    stored = ws.store.put_stream(capped_reader(fh, sizes[sha], path), label=path)
                except SizeExceeded as exc:
                    raise BundleError(f"{exc} Không nhập gì; hãy kiểm tra gói lại.") from None
            if stored.sha256 != sha:
                raise BundleError(
                    f"Tệp “{path}” trong gói đã bị thay đổi sau khi kiểm tra: không nhập gì. "
                    "Hãy kiểm tra gói lại."
                )
    return len(missing)


def _create_catalog(session: Session, manifest: Manifest, *, replace: bool = False) -> None:
    """The bundle's catalog as the year's: a year without one, or (``replace``) in place
    of the built-in set the officer chose to leave."""
    cat = manifest.catalog or {}
    nodes = cat.get("nodes", [])
    rows = [
        NodeRow(
            code=n["code"],
            title=n["title"],
            max_points=to_points(n["max_points"]),
            scoring_guide=n.get("scoring_guide", ""),
            evidence_required=n.get("evidence_required", ""),
        )
        for n in nodes
    ]
    common = {
        "name": cat.get("name") or f"Bộ tiêu chí năm {manifest.year} (từ gói)",
        "decision_number": cat.get("decision_number", ""),
        "decision_date": date.fromisoformat(cat["decision_date"])
        if cat.get("decision_date")
        else None,
        "issuer": cat.get("issuer", ""),
        "survey_codes": tuple(n["code"] for n in nodes if not n.get("self_scored", True)),
    }
    try:
        if replace:
            from desktop.core.catalog.replace import save_or_replace_catalog

            save_or_replace_catalog(
                session,
                manifest.year,
                rows,
                **common,
                source="imported",
                complete=True,
                note=f"Lấy từ gói của đồng nghiệp. {cat.get('note', '')}".strip(),
                allow_warnings=True,
            )
            return
        save_catalog(
            session,
            manifest.year,
            rows,
            **common,
            source=cat.get("source", "imported"),
            complete=bool(cat.get("complete", True)),
            note=cat.get("note", ""),
        )
    except CchcError as exc:
        raise BundleError(
            f"Bộ tiêu chí năm {manifest.year} trong gói không dùng được: {exc}"
        ) from exc


class _Rows:
    """Adds rows for one import (one session, one transaction)."""

    def __init__(self, session: Session, shas: list[str]) -> None:
        self.s = session
        self.nodes: dict[int, dict[str, int]] = {}
        self.blobs: set[str] = set()  # blob rows that exist (or are added) in this session
        for i in range(0, len(shas), 500):
            chunk = shas[i : i + 500]
            self.blobs.update(session.scalars(select(Blob.sha256).where(Blob.sha256.in_(chunk))))
        self.links_added = 0

    def node_id(self, year: int, code: str) -> int | None:
        if year not in self.nodes:
            catalog = catalog_for_year(self.s, year)
            self.nodes[year] = (
                {}
                if catalog is None
                else dict(
                    self.s.execute(
                        select(CatalogNode.code, CatalogNode.id).where(
                            CatalogNode.catalog_id == catalog.id
                        )
                    ).all()
                )
            )
        return self.nodes[year].get(code)

    def blob(self, sha: str, size: int) -> None:
        if sha not in self.blobs:
            self.s.add(Blob(sha256=sha, size=size))
            self.blobs.add(sha)

    def add_document(self, d: ManifestDocument) -> EvidenceDocument:
        values = {f: nfc(getattr(d, f)) for f in BUNDLE_FIELDS}
        doc = EvidenceDocument(
            year=d.year,
            issue_date=d.date,
            search_text=search_text_of(values["number"], values["summary"], values["issuer"]),
            files=[],
            links=[],
            **values,
        )
        self.s.add(doc)
        self._attach(doc, d, set(), set(), 0)
        return doc

    def take_metadata(self, doc: EvidenceDocument, d: ManifestDocument) -> None:
        for f in BUNDLE_FIELDS:
            setattr(doc, f, nfc(getattr(d, f)))
        doc.issue_date = d.date
        doc.search_text = search_text_of(doc.number, doc.summary, doc.issuer)

    def union(self, doc: EvidenceDocument, d: ManifestDocument) -> None:
        """Add the bundle document's files and sub-criteria that ``doc`` lacks."""
        pos = max((f.position for f in doc.files), default=-1) + 1
        have, linked = {f.sha256 for f in doc.files}, {link.node_id for link in doc.links}
        self._attach(doc, d, have, linked, pos)

    def _attach(
        self, doc: EvidenceDocument, d: ManifestDocument, have: set, linked: set, pos: int
    ) -> None:
        for f in d.files:
            if f.sha256 in have:
                continue
            self.blob(f.sha256, f.size)
            doc.files.append(
                EvidenceFile(sha256=f.sha256, original_name=nfc(f.original_name), position=pos)
            )
            have.add(f.sha256)
            pos += 1
        for code in d.codes:
            node_id = self.node_id(d.year, code)
            if node_id is not None and node_id not in linked:
                doc.links.append(EvidenceLink(node_id=node_id))
                linked.add(node_id)
                self.links_added += 1


def _current_fingerprint(doc: EvidenceDocument) -> str:
    return fingerprint(doc, [link.node.code for link in doc.links])


class _ArrivedSince:
    """Documents that appeared since the preview (another import of the same bundle ran
    meanwhile: two windows, two ``bundle import --yes``). Read inside the write
    transaction, which holds the database's write lock (``BEGIN IMMEDIATE``), so no
    other import can add one between this check and the insert."""

    def __init__(self, session: Session, years: set[int]) -> None:
        self.by_number: dict[tuple[int, str], EvidenceDocument] = {}
        self.by_sha: dict[tuple[int, str], EvidenceDocument] = {}
        for doc in session.scalars(
            select(EvidenceDocument)
            .where(EvidenceDocument.year.in_(years))
            .options(selectinload(EvidenceDocument.files))
        ):
            if doc.number.strip():
                self.by_number.setdefault((doc.year, number_key(doc.number)), doc)
            for f in doc.files:
                self.by_sha.setdefault((doc.year, f.sha256), doc)

    def same_as(self, d: ManifestDocument) -> EvidenceDocument | None:
        """The document now here that ``d`` matches; raises when it is not the same."""
        doc = self.by_number.get((d.year, number_key(d.number))) if d.number.strip() else None
        for f in d.files:
            doc = doc or self.by_sha.get((d.year, f.sha256))
        if doc is None:
            return None
        have = {f.sha256 for f in doc.files}
        if _diffs(doc, d) or any(f.sha256 not in have for f in d.files):
            raise BundleError(
                f"Tài liệu {d.number or d.key} vừa được thêm vào dữ liệu sau khi xem trước "
                "(có thể bởi một lần nhập khác): không nhập gì. Hãy xem trước lại rồi mới nhập."
            )
        return doc


def apply_import(
    ws: Workspace,
    preview: ImportPreview,
    choices: Mapping[str, str] | None = None,
    progress: Progress = NO_PROGRESS,
    *,
    backup: bool = True,
    other_commune: bool = False,
    accept_new_key: bool = False,
) -> ImportResult:
    """Import what the officer confirmed. ``choices``: bundle document key → one of the
    item's ``choices`` (missing keys take the item's default). A bundle of another commune
    needs ``other_commune=True`` (the officer said yes to that, explicitly), one signed
    with another key than the commune's remembered one ``accept_new_key=True``."""
    preview.ensure_importable()  # never mixed into the merged commune's own data
    if preview.other_commune and not other_commune:
        raise OtherCommuneRefused(preview)
    if preview.key_changed and not accept_new_key:
        raise KeyChangedRefused(preview)
    chosen = _resolve_choices(preview, choices)
    with open_source(preview.bundle) as src:
        try:
            manifest = parse_manifest(src.read(MANIFEST_NAME))
        except (ManifestError, OSError) as exc:
            raise BundleError(
                f"Không đọc lại được gói {preview.bundle.name}: {os_reason(exc)}"
            ) from exc
    if manifest.checksum != preview.manifest_checksum:
        raise BundleError("Gói đã thay đổi sau khi xem trước: hãy xem trước lại rồi mới nhập.")
    docs = {d.key: d for d in manifest.documents}
    shas = [sha for i in preview.items for sha in _needed_files(i, chosen[i.key], docs[i.key])]
    copied = _copy_blobs(ws, preview, manifest, shas, progress)
    counts = {"added": 0, "merged": 0, "updated": 0, "skipped": 0, "identical": 0}
    created = False
    with ws.transaction() as s:
        if preview.create_catalog and catalog_for_year(s, manifest.year) is None:
            _create_catalog(s, manifest)
            created = True
        elif preview.offer_catalog and preview.take_catalog:
            _create_catalog(s, manifest, replace=True)
            created = True
        rows = _Rows(s, list(dict.fromkeys(shas)))
        adding = [i for i in preview.items if i.status == "new" and chosen[i.key] == "add"]
        arrived = _ArrivedSince(s, {docs[i.key].year for i in adding}) if adding else None
        total = len(preview.items)
        with s.no_autoflush:  # one flush at the end, not one per document
            for n, item in enumerate(preview.items):
                progress.update(n, total, f"Đang nhập tài liệu {item.bundle.number or item.key}")
                choice, d = chosen[item.key], docs[item.key]
                if item.status == "identical":
                    counts["identical"] += 1
                elif choice == "skip":
                    counts["skipped"] += 1
                elif choice == "add" and arrived is not None and arrived.same_as(d):
                    counts["identical"] += 1
                elif choice in ("add", "keep_both"):
                    rows.add_document(d)
                    counts["added"] += 1
                else:
                    doc = s.get(EvidenceDocument, item.local_id)
                    if doc is None or _current_fingerprint(doc) != item.local_fingerprint:
                        raise BundleError(
                            "Dữ liệu trên máy đã thay đổi sau khi xem trước: không nhập gì. "
                            "Hãy xem trước lại rồi mới nhập."
                        )
                    if choice == "take_bundle":
                        rows.take_metadata(doc, d)
                        counts["updated"] += 1
                    else:
                        counts["merged"] += 1
                    rows.union(doc, d)
        s.flush()
        if preview.signer.get("status") in ("new", "changed"):  # trust on first use
            remember_key(
                s, manifest.commune, check_signature(manifest.signature, manifest.signed_message)
            )
    warnings: list[str] = []
    backup_path = None
    if backup:
        try:
            info = auto_backup(ws, "sau-nhap-goi")
            backup_path = info.path if info else None
        except CchcError as exc:
            warnings.append(f"Đã nhập xong nhưng chưa sao lưu được: {exc}")
    return ImportResult(
        files_copied=copied,
        links_added=rows.links_added,
        catalog_created=created,
        backup=backup_path,
        warnings=tuple(warnings),
        **counts,
    )
