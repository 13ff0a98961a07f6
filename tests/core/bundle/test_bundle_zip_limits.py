"""Zip bombs and oversized entries in a bundle: refused from the zip's own directory
(declared sizes, compression ratio) before anything is unpacked, and every read is capped
at the size the manifest gives. No test writes more than a few megabytes."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from hostile import checksum

from base.errors import BundleError
from db.models import EvidenceDocument
from desktop.core.bundle.export import export_bundle
from desktop.core.bundle.import_preview import BundleRejected, preview_import
from desktop.core.bundle.importer import apply_import
from desktop.core.bundle.manifest import MANIFEST_NAME
from desktop.core.bundle.plan import ExportScope
from desktop.core.bundle.verify import verify_bundle
from desktop.core.workspace import open_workspace

ZEROS = b"\0" * (8 * 1024 * 1024)  # 8 MB that deflate to ~8 KB: a ratio of about 1000


@pytest.fixture
def other(tmp_path: Path):
    ws = open_workspace(tmp_path / "may-dong-nghiep")
    yield ws
    ws.close()


def _store_files(ws) -> list[Path]:
    return [p for p in (ws.data_dir / "files").rglob("*") if p.is_file()]


def _swap_into_zip(zipped: Path, victim: str, data: bytes, tmp_path: Path) -> Path:
    """The same bundle with one evidence entry replaced by ``data`` and the manifest
    rewritten to match (sha and size recomputed, as an attacker would)."""
    import hashlib
    import json

    out = tmp_path / "bom.zip"
    with zipfile.ZipFile(zipped) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        body = json.loads(src.read(MANIFEST_NAME))
        body.pop("checksum")
        body.pop("signature", None)
        sha = hashlib.sha256(data).hexdigest()
        old = next(f for f in body["files"] if f["path"] == victim)
        for d in body["documents"]:
            for f in d["files"]:
                if f["sha256"] == old["sha256"]:
                    f.update(sha256=sha, size=len(data))
        old.update(sha256=sha, size=len(data))
        body["checksum"] = checksum(body)
        for info in src.infolist():
            if info.filename == MANIFEST_NAME:
                dst.writestr(MANIFEST_NAME, json.dumps(body, ensure_ascii=False))
            elif info.filename == victim:
                dst.writestr(victim, data)
            else:
                dst.writestr(info, src.read(info))
    return out


def _a_pdf_entry(zipped: Path) -> str:
    with zipfile.ZipFile(zipped) as zf:
        return next(n for n in zf.namelist() if n.endswith(".pdf"))


def test_a_zip_bomb_entry_is_refused_before_reading(sample_ws, other, usb, tmp_path) -> None:
    zipped = export_bundle(sample_ws, ExportScope(2023), usb, as_zip=True).path
    victim = _a_pdf_entry(zipped)
    bomb = _swap_into_zip(zipped, victim, ZEROS, tmp_path)
    report = verify_bundle(bomb)
    assert [(p.kind, p.path) for p in report.problems] == [("zip_bomb", victim)]
    assert "tỉ lệ nén" in report.problems[0].message
    assert report.files_checked < len(report.manifest.files)  # the bomb was never read
    with pytest.raises(BundleRejected):
        preview_import(other, bomb)
    assert _store_files(other) == []


def test_an_entry_larger_than_the_manifest_says_is_not_read(sample_ws, usb, tmp_path) -> None:
    zipped = export_bundle(sample_ws, ExportScope(2023), usb, as_zip=True).path
    victim = _a_pdf_entry(zipped)
    out = tmp_path / "lon-hon.zip"
    with zipfile.ZipFile(zipped) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(
                info.filename, data + b"x" * 3_000_000 if info.filename == victim else data
            )
    report = verify_bundle(out)
    assert [(p.kind, p.path) for p in report.problems] == [("changed", victim)]
    assert "dung lượng" in report.problems[0].message


def test_import_checks_free_space_before_copying(sample_ws, other, usb, monkeypatch) -> None:
    bundle = export_bundle(sample_ws, ExportScope(2023), usb).path
    preview = preview_import(other, bundle)
    assert preview.bytes_to_copy > 0
    real = shutil.disk_usage

    def tiny(path):
        u = real(path)
        return type(u)(u.total, u.total - 1000, 1000)

    monkeypatch.setattr(shutil, "disk_usage", tiny)
    with pytest.raises(BundleError) as exc:
        apply_import(other, preview)
    assert "không đủ chỗ" in str(exc.value) and "Chưa nhập gì" in str(exc.value)
    assert _store_files(other) == []
    with other.session() as s:
        assert s.query(EvidenceDocument).count() == 0


def test_import_reads_no_more_than_the_manifest_says(sample_ws, other, usb) -> None:
    bundle = export_bundle(sample_ws, ExportScope(2023), usb).path
    preview = preview_import(other, bundle)
    victim = sorted(bundle.rglob("*.pdf"))[0]
    victim.write_bytes(victim.read_bytes() + b"x" * 4_000_000)  # grown after the preview
    with pytest.raises(BundleError) as exc:
        apply_import(other, preview)
    assert "lớn hơn" in str(exc.value)
    assert all(p.stat().st_size < 1_000_000 for p in _store_files(other))
    assert not list((other.data_dir / "files" / "tmp").glob("*.part"))
