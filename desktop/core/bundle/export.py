"""Export a bundle: write it under a temporary name on the target, read every file back
and check its hash, then rename it into place in one step.

A full or pulled-out stick, a cancel or a kill leaves at most a ``….dang-ghi`` folder or
file without a finished manifest: ``verify`` calls it incomplete, nothing imports it, and
the next export to the same target removes it.
"""

from __future__ import annotations

import hashlib
import io
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from base.errors import BundleError, BundleWriteError
from base.os_reason import os_reason
from db.filestore import FileStore
from desktop.core.bundle.handoff import NewHandoff, record_handoff
from desktop.core.bundle.layout import BUNDLE_PREFIX
from desktop.core.bundle.manifest import INDEX_NAME, MANIFEST_NAME, ManifestFile, manifest_bytes
from desktop.core.bundle.plan import ExportPlan, ExportScope, PlannedFile, ReportFile, plan_export
from desktop.core.bundle.signing import SigningKey, ensure_signing_key
from desktop.core.bundle.writers import FolderWriter, ZipWriter
from desktop.core.progress import NO_PROGRESS, Progress
from desktop.core.targets import TEMP_SUFFIX, fsync_dir, rename_with_retry, target_error_message
from desktop.core.workspace import Workspace

MARGIN = 1_000_000  # for the index, the manifest and the file system's own needs


@dataclass(frozen=True)
class ExportResult:
    path: Path
    is_zip: bool
    files: int  # files in the bundle, the index and the manifest included
    total_bytes: int
    verified: int  # files read back from the target with the right hash
    bundle_id: str
    warnings: tuple[str, ...] = ()
    handoff_id: int | None = None


def _remove_stale(dest: Path) -> None:
    """Bundles left half-written by an earlier run (power cut, stick pulled, kill)."""
    try:
        entries = list(dest.iterdir())
    except OSError:
        return
    for p in entries:
        if p.name.startswith(BUNDLE_PREFIX) and p.name.endswith(TEMP_SUFFIX):
            if p.is_dir():
                shutil.rmtree(p, ignore_errors=True)
            else:
                p.unlink(missing_ok=True)


def _final_path(dest: Path, name: str, ext: str) -> Path:
    final, n = dest / f"{name}{ext}", 1
    while final.exists() or final.with_name(final.name + TEMP_SUFFIX).exists():
        n += 1
        final = dest / f"{name} ({n}){ext}"
    return final


def _open(store: FileStore, f: PlannedFile):
    if f.source is not None:
        try:
            return f.source.open("rb")
        except OSError as exc:
            raise BundleError(f"Không đọc được tệp báo cáo {f.source}: {os_reason(exc)}.") from exc
    return store.open_blob(f.sha256, f.original_name)


def _check_space(dest: Path, needed: int) -> None:
    try:
        free = shutil.disk_usage(dest).free
    except OSError as exc:
        raise BundleWriteError(target_error_message(exc, dest, needed)) from exc
    if free < needed:
        raise BundleWriteError(
            f"Ổ đĩa {dest} không đủ chỗ trống cho gói: cần khoảng {needed / 1e6:.1f} MB, "
            f"còn {free / 1e6:.1f} MB. Chưa ghi gì."
        )


def write_bundle(
    plan: ExportPlan,
    store: FileStore,
    dest: Path,
    *,
    as_zip: bool = False,
    progress: Progress = NO_PROGRESS,
    key: SigningKey | None = None,
) -> ExportResult:
    """Write, read back, check, rename (the manifest signed with ``key`` when given). Raises ``BundleWriteError`` with the reason when
    the target fails, ``Cancelled`` when the user stops; in both cases no bundle is left."""
    dest = Path(dest)
    if not dest.is_dir():
        raise BundleWriteError(f"Không thấy thư mục đích {dest} (USB đã cắm chưa?).")
    _remove_stale(dest)
    needed = plan.summary.total_bytes + MARGIN
    _check_space(dest, needed)
    final = _final_path(dest, plan.bundle_name, ".zip" if as_zip else "")
    temp = final.with_name(final.name + TEMP_SUFFIX)
    total = 2 * (len(plan.files) + 1) + 1
    step = 0
    writer: FolderWriter | ZipWriter | None = None
    try:
        writer = ZipWriter(temp, plan.created_at) if as_zip else FolderWriter(temp)
        for f in plan.files:
            progress.update(step, total, f"Đang ghi {f.path}")
            with _open(store, f) as src:
                sha, _size = writer.add(f.path, src.read, f.size)
            if sha != f.sha256:
                what = f"Tệp báo cáo {f.source}" if f.source else f"Tệp “{f.original_name}”"
                raise BundleError(
                    f"{what} đã thay đổi hoặc bị hỏng trong kho so với lúc lập danh sách "
                    "(mã băm khác): gói không được tạo. Hãy chạy Kiểm tra dữ liệu rồi tạo lại."
                )
            step += 1
        from desktop.core.bundle.index_xlsx import write_index  # openpyxl: slow to import

        buf = io.BytesIO()
        write_index(plan, buf)
        index = buf.getvalue()
        writer.add(INDEX_NAME, io.BytesIO(index).read, len(index))
        entry = ManifestFile(INDEX_NAME, hashlib.sha256(index).hexdigest(), len(index), "index")
        manifest = plan.manifest([entry])
        data = manifest_bytes(manifest, key)
        writer.add(MANIFEST_NAME, io.BytesIO(data).read, len(data))
        writer.finish()
        step += 1
        for mf in [*manifest.files, ManifestFile(MANIFEST_NAME, _sha(data), len(data), "index")]:
            progress.update(step, total, f"Đang đọc lại để kiểm tra {mf.path}")
            if writer.read_back(mf.path) != mf.sha256:
                raise BundleWriteError(
                    f"Tệp {mf.path} đọc lại từ {dest} khác với bản vừa ghi: USB có thể bị "
                    "lỗi. Gói đã bị bỏ; hãy thử USB khác."
                )
            step += 1
        writer.close_reader()
        progress.update(total - 1, total, "Đang hoàn tất")
        rename_with_retry(temp, final)
        fsync_dir(dest)
    except OSError as exc:
        if writer is not None:
            writer.discard()
        raise BundleWriteError(target_error_message(exc, dest, needed)) from exc
    except BaseException:  # Cancelled, a changed source, anything: no half bundle is left
        if writer is not None:
            writer.discard()
        raise
    return ExportResult(
        path=final,
        is_zip=as_zip,
        files=len(manifest.files) + 1,
        total_bytes=manifest.total_bytes + len(data),
        verified=len(manifest.files) + 1,
        bundle_id=plan.bundle_id,
        warnings=tuple(plan.warnings),
    )


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def export_bundle(
    ws: Workspace,
    scope: ExportScope,
    dest: Path,
    *,
    as_zip: bool = False,
    reports: Sequence[ReportFile] = (),
    ascii_folders: bool = False,
    progress: Progress = NO_PROGRESS,
) -> ExportResult:
    """Plan, write and check a bundle, then record the handoff."""
    ws.ensure_writable()  # the handoff is recorded: not from a read-only view of history
    with ws.transaction() as s:  # a data folder from before signing gets its key now
        key = ensure_signing_key(s)
    with ws.session() as s:
        plan = plan_export(
            s, ws.store, scope, dest=dest, reports=reports, ascii_folders=ascii_folders
        )
    result = write_bundle(plan, ws.store, dest, as_zip=as_zip, progress=progress, key=key)
    with ws.transaction() as s:
        handoff_id = record_handoff(
            s,
            NewHandoff(
                bundle_id=plan.bundle_id,
                year=plan.scope.year,
                scope=plan.scope.to_json(),
                path=result.path,
                is_zip=result.is_zip,
                files=result.files,
                total_bytes=result.total_bytes,
                fingerprints=plan.fingerprints,
            ),
        )
    return replace(result, handoff_id=handoff_id)
