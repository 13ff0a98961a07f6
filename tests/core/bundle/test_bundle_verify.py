"""``Kiểm tra gói``: tampered, truncated, hand-edited and unsafe bundles are caught."""

from __future__ import annotations

import json
import os
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest

from desktop.core.bundle.export import export_bundle
from desktop.core.bundle.manifest import MANIFEST_NAME, manifest_bytes, parse_manifest
from desktop.core.bundle.plan import ExportScope
from desktop.core.bundle.verify import verify_bundle


@pytest.fixture
def bundle(sample_ws, usb: Path) -> Path:
    return export_bundle(sample_ws, ExportScope(2023), usb).path


@pytest.fixture
def zipped(sample_ws, usb: Path) -> Path:
    return export_bundle(sample_ws, ExportScope(2023), usb, as_zip=True).path


def _kinds(report) -> list[tuple[str, str]]:
    return [(p.kind, p.path) for p in report.problems]


def _some_pdf(root: Path) -> Path:
    return next(p for p in sorted(root.rglob("*.pdf")) if "1.1.1" in str(p))


def test_intact_bundle(bundle: Path) -> None:
    report = verify_bundle(bundle)
    assert report.ok and report.problems == []
    assert report.info.commune == "Đồng Tâm" and report.info.documents == 5
    assert report.files_checked == report.info.files


def test_one_changed_byte(bundle: Path) -> None:
    pdf = _some_pdf(bundle)
    data = bytearray(pdf.read_bytes())
    data[-1] ^= 0x01
    pdf.write_bytes(bytes(data))
    report = verify_bundle(bundle)
    rel = pdf.relative_to(bundle).as_posix()
    assert _kinds(report) == [("changed", rel)]
    assert "đã bị thay đổi" in report.problems[0].message and not report.ok


def test_missing_and_extra_files(bundle: Path) -> None:
    pdf = _some_pdf(bundle)
    pdf.unlink()
    (bundle / "ghi chu them.txt").write_text("thêm tay", encoding="utf-8")
    (bundle / "Thumbs.db").write_bytes(b"windows cache")  # noise Windows adds: ignored
    report = verify_bundle(bundle)
    assert sorted(_kinds(report)) == [
        ("extra", "ghi chu them.txt"),
        ("missing", pdf.relative_to(bundle).as_posix()),
    ]
    assert not report.ok


def test_hand_edited_manifest(bundle: Path) -> None:
    path = bundle / MANIFEST_NAME
    doc = json.loads(path.read_bytes())
    doc["documents"][0]["number"] = "999/BC-UBND"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    report = verify_bundle(bundle)
    assert _kinds(report) == [("manifest_edited", MANIFEST_NAME)]
    assert "bị sửa" in report.problems[0].message


def test_truncated_manifest(bundle: Path) -> None:
    path = bundle / MANIFEST_NAME
    path.write_bytes(path.read_bytes()[:200])
    assert _kinds(verify_bundle(bundle)) == [("manifest_corrupt", MANIFEST_NAME)]


def test_manifest_removed(bundle: Path) -> None:
    (bundle / MANIFEST_NAME).unlink()
    report = verify_bundle(bundle)
    assert _kinds(report) == [("manifest_missing", MANIFEST_NAME)]
    assert "không phải gói" in report.problems[0].message


def test_zip_truncated(zipped: Path) -> None:
    data = zipped.read_bytes()
    zipped.write_bytes(data[: len(data) // 2])
    report = verify_bundle(zipped)
    assert [p.kind for p in report.problems] == ["zip_corrupt"]
    assert "bị cắt cụt" in report.problems[0].message


def test_zip_with_a_changed_byte(zipped: Path) -> None:
    data = zipped.read_bytes()
    assert data.count(b"ke hoach 135") == 1  # PDFs are stored, not compressed
    zipped.write_bytes(data.replace(b"ke hoach 135", b"ke hoach 136"))
    report = verify_bundle(zipped)
    assert [p.kind for p in report.problems] == ["changed"]
    assert "1.1.1" in report.problems[0].path


def test_zip_with_entries_leaving_the_bundle(zipped: Path) -> None:
    with zipfile.ZipFile(zipped, "a") as zf:
        for name in ("../../ngoai.txt", "/etc/cchc.txt", "C:/Windows/x.txt", "a/../../b.txt"):
            zf.writestr(zipfile.ZipInfo(name), b"evil")
    report = verify_bundle(zipped)
    unsafe = sorted(p.path for p in report.problems if p.kind == "unsafe_path")
    assert unsafe == ["../../ngoai.txt", "/etc/cchc.txt", "C:/Windows/x.txt", "a/../../b.txt"]
    assert not report.importable


def test_manifest_naming_a_path_outside(bundle: Path) -> None:
    path = bundle / MANIFEST_NAME
    manifest = parse_manifest(path.read_bytes())
    first = manifest.files[0]
    manifest.files[0] = type(first)(**{**first.__dict__, "path": "../" + first.path})
    path.write_bytes(manifest_bytes(manifest))  # a consistent checksum: crafted, not edited
    report = verify_bundle(bundle)
    assert ("unsafe_path", "../" + first.path) in _kinds(report)
    assert not report.importable


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_folder_with_a_link_outside(bundle: Path, tmp_path: Path) -> None:
    secret = tmp_path / "bi-mat.txt"
    secret.write_text("x")
    (bundle / "lien-ket.txt").symlink_to(secret)
    report = verify_bundle(bundle)
    assert ("unsafe_path", "lien-ket.txt") in _kinds(report)
    assert not report.importable


def test_not_a_bundle(tmp_path: Path) -> None:
    text = tmp_path / "ghi-chu.txt"
    text.write_text("không phải gói")
    assert [p.kind for p in verify_bundle(text).problems] == ["not_bundle"]
    folder = tmp_path / "thu muc"
    folder.mkdir()
    assert [p.kind for p in verify_bundle(folder).problems] == ["manifest_missing"]


def test_copy_of_a_bundle_is_still_intact(bundle: Path, tmp_path: Path) -> None:
    copy = tmp_path / "ban sao"
    shutil.copytree(bundle, copy)
    assert verify_bundle(copy).ok


def test_names_in_decomposed_unicode_still_match(bundle: Path, tmp_path: Path) -> None:
    """A bundle copied through a Mac comes back with NFD names; it is the same bundle."""
    copy = tmp_path / "qua may Mac"
    for src in bundle.rglob("*"):
        rel = unicodedata.normalize("NFD", src.relative_to(bundle).as_posix())
        if src.is_file():
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            (copy / rel).write_bytes(src.read_bytes())
    assert any(unicodedata.normalize("NFC", p.name) != p.name for p in copy.rglob("*"))
    assert verify_bundle(copy).ok
