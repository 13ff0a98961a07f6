"""Exporting a bundle: layout, index, manifest, scope, and a target that fails."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import zipfile
from pathlib import Path

import pytest
from bundle_sample import SAMPLE
from openpyxl import load_workbook
from sqlalchemy import select

from base.errors import BundleWriteError, ValidationError
from db.models import EvidenceDocument
from db.models_bundles import Handoff
from desktop import __version__
from desktop.core.bundle import writers
from desktop.core.bundle.export import export_bundle, write_bundle
from desktop.core.bundle.handoff import list_handoffs
from desktop.core.bundle.manifest import INDEX_NAME, MANIFEST_NAME
from desktop.core.bundle.plan import ExportScope, ReportFile, plan_export
from desktop.core.bundle.verify import verify_bundle
from desktop.core.progress import Cancelled, Progress

FORBIDDEN = set('\\:*?"<>|')
AREA1 = "1 Chỉ đạo điều hành"


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_folder_per_area_and_sub_criterion(sample_ws, usb: Path) -> None:
    result = export_bundle(sample_ws, ExportScope(2023), usb)
    assert result.path.parent == usb
    assert result.path.name.startswith("Goi CCHC Dong Tam 2023 - ")
    files = _files(result.path)
    folders = {p.rsplit("/", 1)[0] for p in files if "/" in p}
    assert folders == {
        f"{AREA1}/1.1.1 Ban hành kế hoạch CCHC năm kịp thời",
        f"{AREA1}/1.3.3 Xử lý các vấn đề phát hiện qua kiểm tra",
        f"{AREA1}/1.4.2 Tuyên truyền CCHC qua các hình thức khác",
        f"{AREA1}/1.4.3 Mức độ đa dạng trong tuyên truyền",
        "3 Cải cách thủ tục hành chính/3.5.1 Tỷ lệ TTHC được giải quyết đúng hạn theo quy",
        "5 Cải cách chế độ công vụ/5.4.3.4 Không có cán bộ công chức bị kỷ luật trong",
        "Chưa gắn tiêu chí",
    }
    # Named from number, date and summary (shortened to fit the path budget of the target).
    plan_file = next(p for p in files if p.startswith(f"{AREA1}/1.1.1 "))
    assert plan_file.split("/")[-1].startswith("135-KH-UBND_28-12-2022_Ke hoach cai cach")
    assert plan_file.endswith(".pdf") and files[plan_file] == b"%PDF-1.4 ke hoach 135"
    # A document linked to two sub-criteria is in both folders; its two files are numbered.
    report_pdf = [
        p for p in files if p.endswith(".pdf") and "/123-BC-UBND_04-04-2023_Bao cao ket qua" in p
    ]
    assert len(report_pdf) == 2
    assert all(files[p] == b"%PDF-1.4 bao cao 123" for p in report_pdf)
    for path in files:
        assert not set(path) & FORBIDDEN, path
        assert len(str(usb / result.path.name / path)) < 240
    assert INDEX_NAME in files and MANIFEST_NAME in files
    assert result.verified == result.files == len(files)


def test_manifest_lists_every_file_with_hash_number_and_codes(sample_ws, usb: Path) -> None:
    result = export_bundle(sample_ws, ExportScope(2023), usb)
    files = _files(result.path)
    manifest = json.loads(files[MANIFEST_NAME])
    assert manifest["app_version"] == __version__
    assert manifest["commune"]["commune_name"] == "Đồng Tâm"
    assert manifest["year"] == 2023
    listed = {f["path"]: f for f in manifest["files"]}
    assert set(listed) == set(files) - {MANIFEST_NAME}
    for path, entry in listed.items():
        assert entry["sha256"] == _sha(files[path]) and entry["size"] == len(files[path])
    qd = [f for f in manifest["files"] if f["number"] == "01/QĐ-UBND"]
    assert sorted(c for f in qd for c in f["codes"]) == ["3.5.1", "5.4.3.4"]
    docs = {d["number"]: d for d in manifest["documents"]}
    assert set(docs) == {d.number for d, _f, _c in SAMPLE}
    assert docs["123/BC-UBND"]["codes"] == ["1.3.3", "1.4.3"]
    assert docs["123/BC-UBND"]["issue_date"] == "2023-04-04"
    assert {f["original_name"] for f in docs["123/BC-UBND"]["files"]} == {
        "Báo cáo kết quả.pdf",
        "Phụ lục số liệu.docx",
    }


def test_index_workbook_has_a_row_per_file(sample_ws, usb: Path) -> None:
    result = export_bundle(sample_ws, ExportScope(2023), usb)
    ws = load_workbook(result.path / INDEX_NAME).active
    assert ws["A1"].value == "DANH MỤC TÀI LIỆU KIỂM CHỨNG NĂM 2023"
    rows = [r for r in ws.iter_rows(min_row=5, values_only=True) if r[0]]
    manifest = json.loads((result.path / MANIFEST_NAME).read_bytes())
    assert len(rows) == len(manifest["files"]) - 1
    row = next(r for r in rows if r[4] == "135/KH-UBND")
    assert row[2] == "1.1.1" and row[5] == "28/12/2022" and row[6] == "Kế hoạch"
    assert (result.path / row[10]).is_file()
    assert row[12] == _sha(b"%PDF-1.4 ke hoach 135")


def test_zip_bundle_holds_the_same_files(sample_ws, usb: Path) -> None:
    folder = export_bundle(sample_ws, ExportScope(2023), usb)
    zipped = export_bundle(sample_ws, ExportScope(2023), usb, as_zip=True)
    assert zipped.path.suffix == ".zip" and zipped.path.is_file()
    with zipfile.ZipFile(zipped.path) as zf:
        names = {n for n in zf.namelist() if not n.endswith("/")}
        pdf = next(n for n in names if n.startswith(f"{AREA1}/1.1.1"))
        assert zf.read(pdf) == b"%PDF-1.4 ke hoach 135"
    assert names == set(_files(folder.path))
    assert verify_bundle(zipped.path).ok


def test_scope_some_areas(sample_ws, usb: Path) -> None:
    result = export_bundle(sample_ws, ExportScope(2023, areas=("1",)), usb)
    files = _files(result.path)
    assert {p.split("/")[0] for p in files if "/" in p} == {AREA1}
    numbers = {d["number"] for d in json.loads(files[MANIFEST_NAME])["documents"]}
    assert numbers == {"123/BC-UBND", "135/KH-UBND", ""}


def test_unknown_area_is_refused(sample_ws) -> None:
    with sample_ws.session() as s, pytest.raises(Exception) as exc:
        plan_export(s, sample_ws.store, ExportScope(2023, areas=("11",)))
    assert "không có lĩnh vực 11" in str(exc.value)


def test_only_what_changed_since_the_last_handoff(sample_ws, usb: Path) -> None:
    export_bundle(sample_ws, ExportScope(2023), usb)
    with sample_ws.session() as s, pytest.raises(ValidationError) as exc:
        plan_export(s, sample_ws.store, ExportScope(2023, changed_only=True))
    assert "Không có tài liệu nào thay đổi từ lần bàn giao trước" in str(exc.value)
    with sample_ws.transaction() as s:
        doc = s.scalar(select(EvidenceDocument).where(EvidenceDocument.number == "135/KH-UBND"))
        doc.summary = "Kế hoạch cải cách hành chính năm 2023 (sửa đổi)"
    result = export_bundle(sample_ws, ExportScope(2023, changed_only=True), usb)
    manifest = json.loads((result.path / MANIFEST_NAME).read_bytes())
    assert [d["number"] for d in manifest["documents"]] == ["135/KH-UBND"]
    with sample_ws.session() as s:
        handoffs = list_handoffs(s, 2023)
    assert [(h.documents, h.bundle_name) for h in handoffs] == [
        (1, result.path.name),
        (5, handoffs[1].bundle_name),
    ]


def test_reports_go_to_baocao(sample_ws, usb: Path, tmp_path: Path) -> None:
    report = tmp_path / "bao-cao.docx"
    report.write_bytes(b"PK report docx")
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF signed scan")
    reports = [
        ReportFile(report, "Báo cáo CCHC quý I năm 2023.docx"),
        ReportFile(scan, "Báo cáo CCHC quý I năm 2023 (bản ký)"),
    ]
    result = export_bundle(sample_ws, ExportScope(2023, reports_only=True), usb, reports=reports)
    files = _files(result.path)
    assert set(files) == {
        "BaoCao/Bao cao CCHC quy I nam 2023.docx",
        "BaoCao/Bao cao CCHC quy I nam 2023 (ban ky).pdf",
        INDEX_NAME,
        MANIFEST_NAME,
    }
    assert files["BaoCao/Bao cao CCHC quy I nam 2023 (ban ky).pdf"] == b"%PDF signed scan"


def test_only_reports_without_reports_says_so(sample_ws) -> None:
    with sample_ws.session() as s, pytest.raises(ValidationError) as exc:
        plan_export(s, sample_ws.store, ExportScope(2023, reports_only=True))
    assert "Chưa có báo cáo nào" in str(exc.value)


def _fail_after(monkeypatch, calls: int, err: int) -> None:
    real = writers.write_chunk
    count = {"n": 0}

    def failing(fh, data):
        count["n"] += 1
        if count["n"] > calls:
            raise OSError(err, os.strerror(err))
        real(fh, data)

    monkeypatch.setattr(writers, "write_chunk", failing)


@pytest.mark.parametrize("as_zip", [False, True])
def test_full_disk_leaves_no_half_bundle(sample_ws, usb: Path, monkeypatch, as_zip) -> None:
    _fail_after(monkeypatch, 3, errno.ENOSPC)
    with pytest.raises(BundleWriteError) as exc:
        export_bundle(sample_ws, ExportScope(2023), usb, as_zip=as_zip)
    assert "đã đầy" in str(exc.value) and str(usb) in str(exc.value)
    assert list(usb.iterdir()) == []
    with sample_ws.session() as s:
        assert s.query(Handoff).count() == 0
    monkeypatch.undo()
    assert verify_bundle(export_bundle(sample_ws, ExportScope(2023), usb, as_zip=as_zip).path).ok


def test_stick_pulled_out_mid_write(sample_ws, usb: Path, monkeypatch) -> None:
    _fail_after(monkeypatch, 2, errno.EIO)
    with pytest.raises(BundleWriteError) as exc:
        export_bundle(sample_ws, ExportScope(2023), usb)
    assert "USB bị rút ra" in str(exc.value)
    assert list(usb.iterdir()) == []


def test_read_only_target(sample_ws, usb: Path, monkeypatch) -> None:
    real_mkdir = os.mkdir

    def read_only(path, *a, **k):
        if str(path).startswith(str(usb)):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_mkdir(path, *a, **k)

    monkeypatch.setattr(os, "mkdir", read_only)
    with pytest.raises(BundleWriteError) as exc:
        export_bundle(sample_ws, ExportScope(2023), usb)
    assert "khóa chống ghi" in str(exc.value)
    assert list(usb.iterdir()) == []


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="permissions do not bind root")
def test_really_read_only_folder(sample_ws, usb: Path) -> None:
    usb.chmod(0o555)
    try:
        with pytest.raises(BundleWriteError) as exc:
            export_bundle(sample_ws, ExportScope(2023), usb)
    finally:
        usb.chmod(0o755)
    assert "khóa chống ghi" in str(exc.value)


def test_not_enough_space_is_said_before_writing(sample_ws, usb: Path, monkeypatch) -> None:
    class Usage:
        free = 1000

    monkeypatch.setattr("desktop.core.bundle.export.shutil.disk_usage", lambda _p: Usage)
    with pytest.raises(BundleWriteError) as exc:
        export_bundle(sample_ws, ExportScope(2023), usb)
    assert "không đủ chỗ trống" in str(exc.value) and "Chưa ghi gì" in str(exc.value)
    assert list(usb.iterdir()) == []


def test_read_back_mismatch_drops_the_bundle(sample_ws, usb: Path, monkeypatch) -> None:
    monkeypatch.setattr(writers.FolderWriter, "read_back", lambda self, rel: "0" * 64)
    with pytest.raises(BundleWriteError) as exc:
        export_bundle(sample_ws, ExportScope(2023), usb)
    assert "đọc lại" in str(exc.value)
    assert list(usb.iterdir()) == []


def test_cancel_leaves_nothing(sample_ws, usb: Path) -> None:
    progress = Progress(lambda done, total, text: progress.cancel() if done >= 2 else None)
    with pytest.raises(Cancelled):
        export_bundle(sample_ws, ExportScope(2023), usb, progress=progress)
    assert list(usb.iterdir()) == []


def test_leftover_of_an_interrupted_export_is_removed(sample_ws, usb: Path) -> None:
    stale = usb / "Goi CCHC Dong Tam 2023 - 2023-05-01 10h00.dang-ghi"
    (stale / AREA1).mkdir(parents=True)
    (stale / AREA1 / "a.pdf").write_bytes(b"half")
    assert verify_bundle(stale).problems[0].kind == "incomplete"
    result = export_bundle(sample_ws, ExportScope(2023), usb)
    assert [p.name for p in usb.iterdir()] == [result.path.name]


def test_missing_stored_file_is_a_warning_not_a_broken_bundle(sample_ws, usb: Path) -> None:
    sha = _sha(b"%PDF-1.4 ke hoach 135")
    sample_ws.store.remove(sha)
    with sample_ws.session() as s:
        plan = plan_export(s, sample_ws.store, ExportScope(2023))
    assert any("KH CCHC 2023.pdf" in w for w in plan.summary.warnings)
    result = write_bundle(plan, sample_ws.store, usb)
    assert verify_bundle(result.path).ok
    assert all(sha != _sha(data) for data in _files(result.path).values())


def test_plan_summary_for_the_screen(sample_ws, usb: Path) -> None:
    with sample_ws.session() as s:
        plan = plan_export(s, sample_ws.store, ExportScope(2023), dest=usb)
    summary = plan.summary
    assert summary.commune == "Xã Đồng Tâm"
    assert summary.documents == 5 and summary.files == len(plan.files) == 9
    area1 = next(a for a in summary.areas if a.code == "1")
    assert area1.folder == AREA1 and area1.documents == 3 and area1.files == 6
    assert summary.total_bytes == sum(f.size for f in plan.files)
    assert summary.last_handoff is None
