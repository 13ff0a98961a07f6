"""Authenticity of bundles: each installation signs its bundles (Ed25519), the receiving
PC shows the signer's key, remembers a colleague's key on the first import and refuses a
changed key without an explicit yes; tampering that recomputes every hash is caught."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bundle_sample import SAMPLE, fill
from hostile import checksum, rewrite

from db.models import EvidenceDocument
from desktop.core.backup.restore import restore_backup
from desktop.core.backup.store import create_backup
from desktop.core.bundle.export import export_bundle
from desktop.core.bundle.import_preview import BundleRejected, preview_import
from desktop.core.bundle.importer import KeyChangedRefused, apply_import
from desktop.core.bundle.manifest import MANIFEST_NAME
from desktop.core.bundle.plan import ExportScope
from desktop.core.bundle.signing import signing_key
from desktop.core.bundle.verify import verify_bundle
from desktop.core.workspace import open_workspace
from desktop.core.years.profile import save_profile


@pytest.fixture
def other(tmp_path: Path):
    ws = open_workspace(tmp_path / "may-nhan")
    with ws.transaction() as s:
        save_profile(s, commune_name="Đồng Tâm", province="Hải Dương")
    yield ws
    ws.close()


def _fingerprint(ws) -> str:
    with ws.session() as s:
        return signing_key(s).fingerprint


def _documents(ws) -> int:
    with ws.session() as s:
        return s.query(EvidenceDocument).count()


def test_a_bundle_is_signed_with_the_installations_key(sample_ws, usb: Path) -> None:
    bundle = export_bundle(sample_ws, ExportScope(2023), usb).path
    report = verify_bundle(bundle)
    assert report.ok and report.info.signed
    assert report.info.fingerprint == _fingerprint(sample_ws)
    assert len(report.info.fingerprint) == 39 and report.info.fingerprint.count("-") == 7
    doc = report.to_json()
    assert doc["signature"] == {
        "signed": True,
        "valid": True,
        "algorithm": "Ed25519",
        "fingerprint": _fingerprint(sample_ws),
    }


def test_tampering_that_recomputes_every_hash_is_caught(sample_ws, other, usb) -> None:
    bundle = export_bundle(sample_ws, ExportScope(2023), usb).path
    path = bundle / MANIFEST_NAME
    body = json.loads(path.read_bytes())
    body.pop("checksum")
    body["documents"][0]["summary"] = "Trích yếu bị sửa"
    body["checksum"] = checksum(body)  # the unkeyed checksum matches again
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    report = verify_bundle(bundle)
    assert [p.kind for p in report.problems] == ["signature_invalid"]
    assert "bị sửa sau khi ký" in report.problems[0].message
    with pytest.raises(BundleRejected):
        preview_import(other, bundle)
    assert _documents(other) == 0


def test_an_unsigned_older_bundle_imports_with_a_warning(sample_ws, other, usb) -> None:
    bundle = export_bundle(sample_ws, ExportScope(2023), usb).path
    rewrite(bundle, lambda body: None)  # as written by a version without signatures
    report = verify_bundle(bundle)
    assert report.ok and not report.info.signed and report.info.fingerprint == ""
    preview = preview_import(other, bundle)
    assert preview.signer["status"] == "unsigned"
    assert any("không có chữ ký số" in w for w in preview.warnings)
    assert apply_import(other, preview).added == len(SAMPLE)


def test_trust_on_first_import_then_a_changed_key_is_refused(
    sample_ws, other, usb, tmp_path: Path
) -> None:
    first = export_bundle(sample_ws, ExportScope(2023), usb).path
    preview = preview_import(other, first)
    assert preview.signer["status"] == "new"
    assert preview.signer["fingerprint"] == _fingerprint(sample_ws)
    assert any("Lần đầu nhận gói có chữ ký" in w for w in preview.warnings)
    apply_import(other, preview)
    again = preview_import(other, export_bundle(sample_ws, ExportScope(2023), usb).path)
    assert again.signer["status"] == "trusted" and not again.key_changed

    # Someone else's PC calling itself Đồng Tâm: another key for the same commune.
    impostor = open_workspace(tmp_path / "may-gia")
    try:
        (tmp_path / "gia").mkdir()
        fill(impostor, tmp_path / "gia", SAMPLE[:1])
        with impostor.transaction() as s:
            doc = s.query(EvidenceDocument).one()
            doc.summary = "Nội dung giả mạo"
        fake = export_bundle(impostor, ExportScope(2023), usb, as_zip=True).path
        fake_print = _fingerprint(impostor)
    finally:
        impostor.close()
    preview = preview_import(other, fake)
    assert preview.key_changed and preview.signer["status"] == "changed"
    loud = next(w for w in preview.warnings if w.startswith("CẢNH BÁO"))
    assert fake_print in loud and _fingerprint(sample_ws) in loud
    before = _documents(other)
    with pytest.raises(KeyChangedRefused):
        apply_import(other, preview, {i.key: "keep_both" for i in preview.items})
    assert _documents(other) == before
    apply_import(other, preview, accept_new_key=True)
    assert preview_import(other, fake).signer["status"] == "trusted"


def test_the_key_is_made_once_and_travels_with_backups(sample_ws, usb, tmp_path) -> None:
    export_bundle(sample_ws, ExportScope(2023), usb)
    mine = _fingerprint(sample_ws)
    export_bundle(sample_ws, ExportScope(2023), usb)
    assert _fingerprint(sample_ws) == mine  # not a new key per bundle
    backup = create_backup(sample_ws).path
    elsewhere = tmp_path / "may-moi"
    open_workspace(elsewhere).close()
    restore_backup(elsewhere, backup)
    restored = open_workspace(elsewhere)
    try:
        assert _fingerprint(restored) == mine
    finally:
        restored.close()
