"""Importing a colleague's bundle: round trip, matching, conflicts, and refusals."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from bundle_sample import SAMPLE
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from base.errors import BundleError, ValidationError
from db.models import Blob, Catalog, EvidenceDocument, EvidenceFile, EvidenceLink
from desktop.core.backup.integrity import check_integrity
from desktop.core.bundle.export import export_bundle
from desktop.core.bundle.import_preview import BundleRejected, preview_import
from desktop.core.bundle.importer import OtherCommuneRefused, apply_import
from desktop.core.bundle.plan import ExportScope
from desktop.core.evidence.documents import nodes_by_code
from desktop.core.workspace import Workspace, open_workspace
from desktop.core.years.profile import save_profile

FIELDS = ("number", "issue_date", "kind", "summary", "issuer", "signer", "responsible", "note")


@pytest.fixture
def other(tmp_path: Path):
    ws = open_workspace(tmp_path / "may-dong-nghiep")
    yield ws
    ws.close()


def snapshot(ws: Workspace) -> dict[str, dict]:
    """What a user sees per document: metadata, sub-criteria, files with their hashes."""
    out = {}
    with ws.session() as s:
        docs = s.scalars(
            select(EvidenceDocument).options(
                selectinload(EvidenceDocument.files),
                selectinload(EvidenceDocument.links).selectinload(EvidenceLink.node),
            )
        )
        for d in docs:
            out[d.number or d.summary] = {
                "meta": tuple(getattr(d, f) for f in FIELDS),
                "codes": sorted(link.node.code for link in d.links),
                "files": sorted((f.original_name, f.sha256) for f in d.files),
            }
    return out


@pytest.mark.parametrize("as_zip", [False, True])
def test_round_trip_into_an_empty_data_folder(sample_ws, other, usb: Path, as_zip) -> None:
    bundle = export_bundle(sample_ws, ExportScope(2023), usb, as_zip=as_zip).path
    preview = preview_import(other, bundle)
    assert preview.create_catalog and preview.counts["new"] == len(SAMPLE)
    assert preview.files_to_copy == 6
    result = apply_import(other, preview)
    assert result.added == len(SAMPLE) and result.files_copied == 6 and result.catalog_created
    assert snapshot(other) == snapshot(sample_ws)
    assert snapshot(other)["123/BC-UBND"]["codes"] == ["1.3.3", "1.4.3"]
    with other.session() as s:
        assert s.scalar(select(Catalog.source).where(Catalog.year == 2023)) == "sample"
        for sha, size in s.execute(select(Blob.sha256, Blob.size)):
            data = other.store.path_for(sha).read_bytes()
            assert hashlib.sha256(data).hexdigest() == sha and len(data) == size
    report = check_integrity(other, full=True)
    assert report.ok and report.findings == []
    assert result.backup is not None and result.backup.is_file()


def test_importing_again_changes_nothing(sample_ws, other, usb: Path) -> None:
    bundle = export_bundle(sample_ws, ExportScope(2023), usb).path
    apply_import(other, preview_import(other, bundle))
    before = snapshot(other)
    again = preview_import(other, bundle)
    assert again.nothing_to_do and again.counts["identical"] == len(SAMPLE)
    result = apply_import(other, again)
    assert result.identical == len(SAMPLE) and result.added == 0 and result.files_copied == 0
    assert snapshot(other) == before


def test_preview_writes_nothing(sample_ws, other, usb: Path) -> None:
    bundle = export_bundle(sample_ws, ExportScope(2023), usb).path
    preview_import(other, bundle)
    with other.session() as s:
        assert s.query(EvidenceDocument).count() == 0 and s.query(Catalog).count() == 0
    assert list(other.store.iter_stored()) == []


def _edit(ws: Workspace, number: str, **values) -> None:
    with ws.transaction() as s:
        doc = s.scalar(select(EvidenceDocument).where(EvidenceDocument.number == number))
        for k, v in values.items():
            setattr(doc, k, v)


def _second_bundle(sample_ws, other, usb: Path, tmp_path: Path) -> Path:
    """The colleague's PC got the first bundle; then the officer changed two documents."""
    apply_import(
        other, preview_import(other, export_bundle(sample_ws, ExportScope(2023), usb).path)
    )
    _edit(sample_ws, "135/KH-UBND", summary="Kế hoạch CCHC năm 2023 (đã sửa)", signer="Lê Văn C")
    extra = tmp_path / "Biên bản kiểm tra.pdf"
    extra.write_bytes(b"%PDF bien ban kiem tra")
    with sample_ws.transaction() as s:
        doc = s.scalar(select(EvidenceDocument).where(EvidenceDocument.number == "123/BC-UBND"))
        stored = sample_ws.store.put_file(extra)
        s.add(Blob(sha256=stored.sha256, size=stored.size))
        doc.files.append(EvidenceFile(sha256=stored.sha256, original_name=extra.name, position=5))
        doc.links.append(EvidenceLink(node_id=nodes_by_code(s, 2023, ["1.2.1"])[0].id))
    return export_bundle(sample_ws, ExportScope(2023), usb, as_zip=True).path


def test_conflict_shown_side_by_side_and_additions(sample_ws, other, usb, tmp_path) -> None:
    bundle = _second_bundle(sample_ws, other, usb, tmp_path)
    preview = preview_import(other, bundle)
    items = {i.bundle.number: i for i in preview.items}
    kh = items["135/KH-UBND"]
    assert kh.status == "conflict" and kh.matched_by == "số và tệp"
    assert [(d.label, d.local, d.bundle) for d in kh.diffs] == [
        ("Trích yếu", "Kế hoạch cải cách hành chính năm 2023", "Kế hoạch CCHC năm 2023 (đã sửa)"),
        ("Người ký", "Nguyễn Văn An", "Lê Văn C"),
    ]
    assert kh.choices == ("keep_local", "take_bundle", "keep_both", "skip")
    bc = items["123/BC-UBND"]
    assert bc.status == "additions" and bc.new_codes == ("1.2.1",) and len(bc.new_files) == 1
    assert preview.counts == {"new": 0, "identical": 3, "additions": 1, "conflict": 1}

    result = apply_import(other, preview, {kh.key: "take_bundle"})
    assert (result.updated, result.merged, result.files_copied) == (1, 1, 1)
    assert snapshot(other) == snapshot(sample_ws)


def test_conflict_keep_local_and_keep_both(sample_ws, other, usb, tmp_path) -> None:
    bundle = _second_bundle(sample_ws, other, usb, tmp_path)
    preview = preview_import(other, bundle)
    kh = next(i for i in preview.items if i.bundle.number == "135/KH-UBND")
    apply_import(other, preview, {kh.key: "keep_local"})
    assert snapshot(other)["135/KH-UBND"]["meta"][3] == "Kế hoạch cải cách hành chính năm 2023"

    preview = preview_import(other, bundle)
    kh = next(i for i in preview.items if i.bundle.number == "135/KH-UBND")
    apply_import(other, preview, {kh.key: "keep_both"})
    with other.session() as s:
        summaries = sorted(
            s.scalars(
                select(EvidenceDocument.summary).where(EvidenceDocument.number == "135/KH-UBND")
            )
        )
    assert summaries == ["Kế hoạch CCHC năm 2023 (đã sửa)", "Kế hoạch cải cách hành chính năm 2023"]


def test_a_choice_that_does_not_apply_is_refused(sample_ws, other, usb) -> None:
    preview = preview_import(other, export_bundle(sample_ws, ExportScope(2023), usb).path)
    with pytest.raises(ValidationError):
        apply_import(other, preview, {preview.items[0].key: "take_bundle"})


def test_bundle_from_another_commune_needs_an_explicit_confirmation(sample_ws, other, usb) -> None:
    with other.transaction() as s:
        save_profile(s, commune_name="Hưng Long", province="Hải Phòng")
    preview = preview_import(other, export_bundle(sample_ws, ExportScope(2023), usb).path)
    assert preview.other_commune
    assert any("Đồng Tâm" in w and "không phải của Xã Hưng Long" in w for w in preview.warnings)
    with pytest.raises(OtherCommuneRefused) as exc:
        apply_import(other, preview)
    assert str(exc.value).startswith("Chưa nhập gì. Gói này của Xã Đồng Tâm")
    with other.session() as s:
        assert s.query(EvidenceDocument).count() == 0 and s.query(Catalog).count() == 0
    assert apply_import(other, preview, other_commune=True).added == len(SAMPLE)


def test_tampered_bundle_is_refused_and_nothing_written(sample_ws, other, usb) -> None:
    bundle = export_bundle(sample_ws, ExportScope(2023), usb).path
    pdf = next(bundle.rglob("*.pdf"))
    pdf.write_bytes(pdf.read_bytes() + b"them")
    with pytest.raises(BundleRejected) as exc:
        preview_import(other, bundle)
    assert "đã bị thay đổi" in str(exc.value)
    assert [p.kind for p in exc.value.report.problems] == ["changed"]
    with other.session() as s:
        assert s.query(EvidenceDocument).count() == 0


def test_zip_with_traversal_entries_is_refused(sample_ws, other, usb, tmp_path) -> None:
    bundle = export_bundle(sample_ws, ExportScope(2023), usb, as_zip=True).path
    with zipfile.ZipFile(bundle, "a") as zf:
        zf.writestr("../../ngoai-goi.txt", b"evil")
        zf.writestr("C:\\Windows\\system.ini", b"evil")
    with pytest.raises(BundleRejected) as exc:
        preview_import(other, bundle)
    assert "đi ra ngoài gói" in str(exc.value)
    assert not any(p.name == "ngoai-goi.txt" for p in tmp_path.rglob("*"))
    with other.session() as s:
        assert s.query(EvidenceDocument).count() == 0


def test_bundle_changed_after_preview(sample_ws, other, usb) -> None:
    bundle = export_bundle(sample_ws, ExportScope(2023), usb).path
    preview = preview_import(other, bundle)
    victim = sorted(bundle.rglob("*.pdf"))[-1]
    victim.write_bytes(b"%PDF doi noi dung")
    with pytest.raises(BundleError) as exc:
        apply_import(other, preview)
    assert "đã bị thay đổi sau khi kiểm tra" in str(exc.value)
    with other.session() as s:
        assert s.query(EvidenceDocument).count() == 0
    assert check_integrity(other, full=True).ok  # at most orphan files (warnings)


def test_local_data_changed_after_preview(sample_ws, other, usb, tmp_path) -> None:
    bundle = _second_bundle(sample_ws, other, usb, tmp_path)
    preview = preview_import(other, bundle)
    _edit(other, "135/KH-UBND", note="sửa trên máy đồng nghiệp")
    before = snapshot(other)
    with pytest.raises(BundleError) as exc:
        apply_import(other, preview)
    assert "đã thay đổi sau khi xem trước" in str(exc.value)
    assert snapshot(other) == before


def test_two_imports_of_the_same_bundle_previewed_together_add_each_document_once(
    sample_ws, other, usb: Path
) -> None:
    """Two imports started side by side (two windows' previews, two `bundle import --yes`)
    both saw every document as new; the second to write finds them there and adds none."""
    bundle = export_bundle(sample_ws, ExportScope(2023), usb).path
    first, second = preview_import(other, bundle), preview_import(other, bundle)
    assert first.counts["new"] == second.counts["new"] == len(SAMPLE)
    apply_import(other, first, backup=False)
    result = apply_import(other, second, backup=False)
    assert result.added == 0 and result.identical == len(SAMPLE)
    assert snapshot(other) == snapshot(sample_ws)
    with other.session() as s:
        assert s.query(EvidenceDocument).count() == len(SAMPLE)
