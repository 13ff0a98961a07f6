"""``manifest.json``: what a bundle holds, so that it can be verified and re-imported.

Every file with its SHA-256 and size, the documents (number, date, summary, sub-criteria,
their files), the year's catalog (to rebuild the links on a PC that lacks it), the app
version and the commune. A ``checksum`` over the rest catches a manifest edited by hand;
it is an integrity check, not a signature.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from base.errors import BundleError
from desktop.core.bundle.schema import (
    MAX_DEPTH,
    MAX_MANIFEST_BYTES,
    SchemaError,
    check_manifest,
    depth_of,
    too_deep_message,
)

FORMAT = "so-cchc/goi-tai-lieu-kiem-chung"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
INDEX_NAME = "Danh muc tai lieu kiem chung.xlsx"
ROLES = ("evidence", "report", "index")
log = logging.getLogger("cchc")


class ManifestError(BundleError):
    """``kind``: manifest_corrupt | manifest_edited | not_bundle | too_new."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class DocFile:
    sha256: str
    size: int
    original_name: str


@dataclass(frozen=True)
class ManifestDocument:
    key: str
    year: int
    number: str
    issue_date: str | None  # ISO date
    kind: str
    summary: str
    issuer: str
    signer: str
    responsible: str
    note: str
    codes: tuple[str, ...]
    files: tuple[DocFile, ...]

    @property
    def date(self) -> date | None:
        return date.fromisoformat(self.issue_date) if self.issue_date else None


@dataclass(frozen=True)
class ManifestFile:
    path: str  # relative, "/"-separated
    sha256: str
    size: int
    role: str  # evidence | report | index
    document: str | None = None  # ManifestDocument.key
    number: str = ""
    codes: tuple[str, ...] = ()
    original_name: str = ""


@dataclass
class Manifest:
    bundle_id: str
    bundle_name: str
    created_at: str  # ISO date-time
    app_version: str
    year: int
    commune: dict[str, Any]
    scope: dict[str, Any]
    catalog: dict[str, Any] | None
    documents: list[ManifestDocument] = field(default_factory=list)
    files: list[ManifestFile] = field(default_factory=list)
    format_version: int = FORMAT_VERSION
    checksum: str = ""
    # The year's scores and appraising body (``bundle.year_data``); None in older bundles.
    year_data: dict[str, Any] | None = None
    # The Ed25519 signature as read (``bundle.signing``); None in older bundles.
    signature: dict[str, Any] | None = field(default=None, compare=False)
    signed_message: bytes = field(default=b"", repr=False, compare=False)
    _paths: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    def body(self) -> dict[str, Any]:
        doc = asdict(self)
        for key in ("checksum", "_paths", "signature", "signed_message"):
            doc.pop(key)
        doc["format"] = FORMAT
        return doc

    @property
    def total_bytes(self) -> int:
        return sum(f.size for f in self.files)

    def path_of(self, sha256: str) -> str | None:
        """A path in the bundle that holds this content (the first one listed)."""
        if not self._paths:  # a manifest is not changed once read
            for f in reversed(self.files):
                self._paths[f.sha256] = f.path
        return self._paths.get(sha256)


def _too_big(size: int) -> str:
    return (
        f"Tệp {MANIFEST_NAME} quá lớn ({size // (1024 * 1024)} MB, tối đa "
        f"{MAX_MANIFEST_BYTES // (1024 * 1024)} MB): không phải danh sách do Sổ CCHC ghi."
    )


def _canonical(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def manifest_bytes(manifest: Manifest, key=None) -> bytes:
    """The manifest as written; with ``key`` (``bundle.signing.SigningKey``) signed over
    the body, and the checksum taken over the body with its signature (so that older
    versions, which know no signature, still find it intact)."""
    body = manifest.body()
    if key is not None:
        body["signature"] = key.sign(_canonical(body))
    body["checksum"] = hashlib.sha256(_canonical(body)).hexdigest()
    return (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _doc(d: dict[str, Any]) -> ManifestDocument:
    return ManifestDocument(
        key=str(d["key"]),
        year=int(d["year"]),
        number=str(d["number"]),
        issue_date=date.fromisoformat(d["issue_date"]).isoformat() if d["issue_date"] else None,
        kind=str(d["kind"]),
        summary=str(d["summary"]),
        issuer=str(d["issuer"]),
        signer=str(d["signer"]),
        responsible=str(d["responsible"]),
        note=str(d["note"]),
        codes=tuple(str(c) for c in d["codes"]),
        files=tuple(
            DocFile(str(f["sha256"]), int(f["size"]), str(f["original_name"])) for f in d["files"]
        ),
    )


def _file(f: dict[str, Any]) -> ManifestFile:
    if f["role"] not in ROLES:
        raise ValueError(f["role"])
    return ManifestFile(
        path=str(f["path"]),
        sha256=str(f["sha256"]),
        size=int(f["size"]),
        role=str(f["role"]),
        document=str(f["document"]) if f.get("document") is not None else None,
        number=str(f.get("number", "")),
        codes=tuple(str(c) for c in f.get("codes", ())),
        original_name=str(f.get("original_name", "")),
    )


def parse_manifest(data: bytes) -> Manifest:
    """Read ``manifest.json``; refuse a truncated, foreign or hand-edited one."""
    if len(data) > MAX_MANIFEST_BYTES:
        raise ManifestError("manifest_corrupt", _too_big(len(data)))
    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ManifestError(
            "manifest_corrupt",
            f"Tệp {MANIFEST_NAME} bị hỏng hoặc bị cắt cụt (không đọc được nội dung).",
        ) from None
    except RecursionError:  # [[[[… a million deep: refused, never a crash
        raise ManifestError(
            "manifest_corrupt", f"Tệp {MANIFEST_NAME} không dùng được: {too_deep_message()}."
        ) from None
    if depth_of(body) > MAX_DEPTH:
        raise ManifestError(
            "manifest_corrupt", f"Tệp {MANIFEST_NAME} không dùng được: {too_deep_message()}."
        )
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise ManifestError(
            "not_bundle", f"Tệp {MANIFEST_NAME} không phải danh sách của gói Sổ CCHC."
        )
    version = body.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ManifestError(
            "too_new",
            "Gói được tạo bởi phiên bản Sổ CCHC mới hơn; hãy cài phiên bản mới nhất để đọc.",
        )
    checksum = body.pop("checksum", None)
    if checksum != hashlib.sha256(_canonical(body)).hexdigest():
        raise ManifestError(
            "manifest_edited",
            f"Tệp {MANIFEST_NAME} đã bị sửa sau khi tạo gói (mã kiểm tra không khớp): "
            "không tin được danh sách tệp trong gói.",
        )
    try:
        check_manifest(body)
    except SchemaError as exc:
        raise ManifestError(
            "manifest_corrupt", f"Tệp {MANIFEST_NAME} không đúng cấu trúc: {exc}."
        ) from None
    try:
        manifest = Manifest(
            bundle_id=str(body["bundle_id"]),
            bundle_name=str(body["bundle_name"]),
            created_at=str(body["created_at"]),
            app_version=str(body["app_version"]),
            year=int(body["year"]),
            commune=dict(body["commune"]),
            scope=dict(body["scope"]),
            catalog=dict(body["catalog"]) if body["catalog"] is not None else None,
            documents=[_doc(d) for d in body["documents"]],
            files=[_file(f) for f in body["files"]],
            format_version=version,
            checksum=checksum,
            year_data=dict(body["year_data"]) if body.get("year_data") else None,
            signature=body.get("signature"),
            signed_message=_canonical({k: v for k, v in body.items() if k != "signature"}),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        log.info("manifest.json: %r", exc)  # the library's words go to the log only
        raise ManifestError(
            "manifest_corrupt",
            f"Tệp {MANIFEST_NAME} không đúng cấu trúc (có trường thiếu hoặc sai kiểu).",
        ) from None
    shas = {f.sha256 for f in manifest.files}
    for d in manifest.documents:
        for df in d.files:
            if df.sha256 not in shas:
                raise ManifestError(
                    "manifest_corrupt",
                    f"Tệp {MANIFEST_NAME}: tài liệu {d.number or d.key} có tệp "
                    f"“{df.original_name}” không nằm trong gói.",
                )
    return manifest
