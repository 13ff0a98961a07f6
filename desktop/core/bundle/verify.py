"""``Kiểm tra gói``: is a bundle (folder or .zip) whole? Missing, extra, changed files; a
missing, truncated or hand-edited manifest; paths that would leave the bundle."""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from base.errors import BundleError
from base.os_reason import os_reason
from desktop.core.bundle.manifest import MANIFEST_NAME, Manifest, ManifestError, parse_manifest
from desktop.core.bundle.schema import MAX_MANIFEST_BYTES
from desktop.core.bundle.signing import SignatureCheck, check_signature
from desktop.core.bundle.source import JUNK, BundleSource, open_source, unsafe_reason
from desktop.core.bundle.writers import hash_stream
from desktop.core.office.vnformat import format_size
from desktop.core.progress import NO_PROGRESS, Progress
from desktop.core.targets import TEMP_SUFFIX


@dataclass(frozen=True)
class BundleProblem:
    # incomplete | not_bundle | zip_corrupt | manifest_missing | manifest_corrupt |
    # manifest_edited | too_new | signature_invalid | unsafe_path | zip_bomb | missing |
    # changed | extra
    kind: str
    path: str
    message: str
    severity: str = "error"  # error | warning (an extra file does not stop an import)


@dataclass(frozen=True)
class BundleInfo:
    """The manifest as the bundle screen shows it."""

    bundle_name: str
    created_at: str
    app_version: str
    year: int
    commune: str
    province: str
    documents: int
    files: int
    total_bytes: int
    signed: bool = False  # an Ed25519 signature (bundles from older versions have none)
    fingerprint: str = ""  # the signer's key, as the officer compares it


@dataclass
class VerifyReport:
    source: Path
    is_zip: bool
    info: BundleInfo | None = None
    files_checked: int = 0
    problems: list[BundleProblem] = field(default_factory=list)
    manifest: Manifest | None = field(default=None, repr=False)
    signature: SignatureCheck = field(default_factory=lambda: SignatureCheck("unsigned"))

    @property
    def ok(self) -> bool:
        """Intact: every listed file present and unchanged, nothing more, nothing unsafe."""
        return not self.problems

    @property
    def importable(self) -> bool:
        return self.manifest is not None and not any(p.severity == "error" for p in self.problems)

    def to_json(self) -> dict:
        return {
            "path": str(self.source),
            "kind": "zip" if self.is_zip else "folder",
            "ok": self.ok,
            "bundle": asdict(self.info) if self.info else None,
            "files_checked": self.files_checked,
            "problems": [asdict(p) for p in self.problems],
            "signature": self.signature.to_json(),
        }


def _info(m: Manifest, check: SignatureCheck) -> BundleInfo:
    return BundleInfo(
        bundle_name=m.bundle_name,
        created_at=m.created_at,
        app_version=m.app_version,
        year=m.year,
        commune=str(m.commune.get("commune_name") or ""),
        province=str(m.commune.get("province") or ""),
        documents=len(m.documents),
        files=len(m.files),
        total_bytes=m.total_bytes,
        signed=check.signed,
        fingerprint=check.fingerprint,
    )


def _check_files(
    src: BundleSource, manifest: Manifest, report: VerifyReport, progress: Progress
) -> None:
    listed: set[str] = set()
    bombs = dict(src.bombs)
    total = len(manifest.files)
    for i, f in enumerate(manifest.files):
        progress.update(i, total, f"Đang kiểm tra {f.path}")
        listed.add(f.path)
        reason = unsafe_reason(f.path)
        if reason:
            report.problems.append(
                BundleProblem("unsafe_path", f.path, f"Danh sách ghi tệp “{f.path}”: {reason}.")
            )
            continue
        if not src.has(f.path):
            report.problems.append(
                BundleProblem("missing", f.path, f"Thiếu tệp “{f.path}” (có trong danh sách).")
            )
            continue
        if f.path in bombs:
            report.problems.append(
                BundleProblem("zip_bomb", f.path, f"Tệp “{f.path}” bị từ chối: {bombs[f.path]}.")
            )
            continue
        try:
            size = src.size(f.path)
        except OSError:
            size = f.size
        if size != f.size:
            report.problems.append(
                BundleProblem(
                    "changed",
                    f.path,
                    f"Tệp “{f.path}” có dung lượng {format_size(size)}, khác với lúc tạo gói "
                    f"({format_size(f.size)}): đã bị thay đổi.",
                )
            )
            continue
        try:
            with src.open(f.path) as fh:
                sha = hash_stream(fh, f.size + 1)
        except (OSError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
            report.problems.append(
                BundleProblem(
                    "changed", f.path, f"Không đọc được tệp “{f.path}” ({os_reason(exc)})."
                )
            )
            continue
        report.files_checked += 1
        if sha != f.sha256:
            report.problems.append(
                BundleProblem(
                    "changed",
                    f.path,
                    f"Tệp “{f.path}” đã bị thay đổi (nội dung khác lúc tạo gói).",
                )
            )
    progress.update(total, total, "Đã kiểm tra xong")
    for name in src.names:
        if name in bombs and name not in listed:
            report.problems.append(
                BundleProblem("zip_bomb", name, f"Tệp “{name}” bị từ chối: {bombs[name]}.")
            )
        elif name not in listed and name != MANIFEST_NAME and not JUNK.search(name):
            report.problems.append(
                BundleProblem(
                    "extra", name, f"Tệp “{name}” không có trong danh sách của gói.", "warning"
                )
            )


def verify_bundle(path: Path, progress: Progress = NO_PROGRESS) -> VerifyReport:
    """Check every file of the bundle against its manifest (re-hashing all of them)."""
    path = Path(path)
    report = VerifyReport(source=path, is_zip=not path.is_dir())
    if path.name.endswith(TEMP_SUFFIX):
        report.problems.append(
            BundleProblem(
                "incomplete",
                path.name,
                "Gói chưa ghi xong (bị ngắt giữa chừng: rút USB, mất điện): không dùng được; "
                "hãy tạo gói lại.",
            )
        )
    try:
        src = open_source(path)
    except BundleError as exc:
        kind = "zip_corrupt" if path.suffix.lower() == ".zip" else "not_bundle"
        report.problems.append(BundleProblem(kind, path.name, str(exc)))
        return report
    with src:
        report.is_zip = src.is_zip
        for name, reason in src.unsafe:
            report.problems.append(
                BundleProblem("unsafe_path", name, f"Tệp “{name}” bị từ chối: {reason}.")
            )
        if not src.has(MANIFEST_NAME):
            report.problems.append(
                BundleProblem(
                    "manifest_missing",
                    MANIFEST_NAME,
                    f"Không có {MANIFEST_NAME}: đây không phải gói của Sổ CCHC, hoặc gói "
                    "chưa ghi xong.",
                )
            )
            return report
        try:
            manifest = parse_manifest(src.read(MANIFEST_NAME, MAX_MANIFEST_BYTES))
        except ManifestError as exc:
            report.problems.append(BundleProblem(exc.kind, MANIFEST_NAME, str(exc)))
            return report
        except BundleError as exc:  # a zip bomb, or larger than any real manifest
            report.problems.append(BundleProblem("manifest_corrupt", MANIFEST_NAME, str(exc)))
            return report
        except (OSError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
            report.problems.append(
                BundleProblem(
                    "manifest_corrupt",
                    MANIFEST_NAME,
                    f"Không đọc được {MANIFEST_NAME} ({os_reason(exc)}).",
                )
            )
            return report
        report.manifest = manifest
        report.signature = check_signature(manifest.signature, manifest.signed_message)
        report.info = _info(manifest, report.signature)
        if report.signature.status == "invalid":
            report.problems.append(
                BundleProblem(
                    "signature_invalid",
                    MANIFEST_NAME,
                    f"Chữ ký số trong {MANIFEST_NAME} không khớp với nội dung: gói đã bị sửa "
                    "sau khi ký (hoặc chữ ký bị làm giả). Không tin được gói này.",
                )
            )
        _check_files(src, manifest, report, progress)
    return report


def problems_text(report: VerifyReport, limit: int = 5) -> str:
    """The first problems as one Vietnamese sentence list (for error messages)."""
    lines = [p.message for p in report.problems[:limit]]
    more = len(report.problems) - limit
    if more > 0:
        lines.append(f"và {more} vấn đề khác.")
    return " ".join(lines)
