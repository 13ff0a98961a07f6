"""The content-addressed file store, including a crash between blob write and commit."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from base.errors import FileStoreError
from db.filestore import FileStore
from db.models import Blob, EvidenceDocument
from desktop.core.backup.integrity import check_integrity, remove_orphans
from desktop.core.catalog.store import load_builtin
from desktop.core.evidence.documents import NewDocument, add_document


def test_same_content_is_stored_once(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    a = tmp_path / "Báo cáo.pdf"
    b = tmp_path / "copy.pdf"
    a.write_bytes(b"%PDF-1.4 noi dung")
    b.write_bytes(b"%PDF-1.4 noi dung")
    first = store.put_file(a)
    second = store.put_file(b)
    assert first.sha256 == second.sha256 == hashlib.sha256(b"%PDF-1.4 noi dung").hexdigest()
    assert first.created and not second.created
    assert store.path_for(first.sha256).read_bytes() == b"%PDF-1.4 noi dung"
    assert list(store.iter_stored()) == [first.sha256]
    assert not list((tmp_path / "files" / "tmp").iterdir())


def test_unreadable_source_gives_vietnamese_message(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    with pytest.raises(FileStoreError) as exc:
        store.put_file(tmp_path / "khong-co.pdf")
    assert "khong-co.pdf" in str(exc.value)


def test_write_failure_leaves_no_temp_file(tmp_path: Path, monkeypatch) -> None:
    store = FileStore(tmp_path / "files")
    src = tmp_path / "a.pdf"
    src.write_bytes(b"x" * 10)

    def full_disk(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("db.filestore.os.replace", full_disk)
    with pytest.raises(FileStoreError) as exc:
        store.put_file(src)
    assert "dung lượng" in str(exc.value)
    assert list((tmp_path / "files" / "tmp").iterdir()) == []


def test_crash_between_blob_write_and_commit(ws, tmp_path: Path) -> None:
    """The blob reaches the disk, the transaction dies: no row points at nothing; the
    check reports an orphan (a warning), and adding the file again reuses the blob."""
    with ws.transaction() as s:
        load_builtin(s, 2023, "mau-minh-hoa")
    src = tmp_path / "123-BC-UBND.pdf"
    src.write_bytes(b"%PDF bao cao 123")

    class PowerCut(Exception):
        pass

    with pytest.raises(PowerCut), ws.transaction() as s:
        add_document(s, ws.store, NewDocument(year=2023, number="123/BC-UBND"), [src], ["1.1.1"])
        raise PowerCut

    with ws.session() as s:
        assert s.query(EvidenceDocument).count() == 0
        assert s.query(Blob).count() == 0
    report = check_integrity(ws, full=True)
    assert report.ok
    assert [f.kind for f in report.findings] == ["blob_orphaned"]

    with ws.transaction() as s:
        add_document(s, ws.store, NewDocument(year=2023, number="123/BC-UBND"), [src], ["1.1.1"])
    report = check_integrity(ws, full=True)
    assert report.ok and report.findings == []
    assert report.blobs_total == 1


def test_missing_and_changed_blobs_are_reported(ws, tmp_path: Path) -> None:
    with ws.transaction() as s:
        load_builtin(s, 2023, "mau-minh-hoa")
    a, b = tmp_path / "ke-hoach.pdf", tmp_path / "bien-ban.pdf"
    a.write_bytes(b"ke hoach")
    b.write_bytes(b"bien ban")
    with ws.transaction() as s:
        doc = add_document(s, ws.store, NewDocument(year=2023, number="05/KH-UBND"), [a], ["1.1.1"])
        doc2 = add_document(s, ws.store, NewDocument(year=2023, number="7/BB-UBND"), [b], ["1.3.2"])
        ids = doc.id, doc2.id
    ws.store.path_for(hashlib.sha256(b"ke hoach").hexdigest()).unlink()
    ws.store.path_for(hashlib.sha256(b"bien ban").hexdigest()).write_bytes(b"sua tay")
    report = check_integrity(ws, full=True)
    assert not report.ok
    kinds = {(f.kind, f.evidence_id) for f in report.findings}
    assert kinds == {("blob_missing", ids[0]), ("blob_corrupt", ids[1])}
    missing = next(f for f in report.findings if f.kind == "blob_missing")
    assert "ke-hoach.pdf" in missing.message


def test_remove_orphans(ws, tmp_path: Path) -> None:
    orphan = ws.store.put_bytes(b"mo coi")
    fresh = ws.store.put_bytes(b"vua chep")  # an add under way may be about to use it
    then = time.time() - 2 * 3600
    os.utime(ws.store.path_for(orphan.sha256), (then, then))
    assert remove_orphans(ws) == 1
    assert not ws.store.has(orphan.sha256) and ws.store.has(fresh.sha256)


def test_present_lists_which_blobs_are_on_disk(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    a = store.put_bytes(b"mot").sha256
    b = store.put_bytes(b"hai").sha256
    store.remove(b)
    never = "ab" * 32
    assert store.present([a, b, never]) == {a}
    assert FileStore(tmp_path / "chua-co").present([a]) == set()


def test_adding_the_original_again_heals_a_corrupted_stored_file(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    original = tmp_path / "KH 12.pdf"
    original.write_bytes(b"%PDF ke hoach 12/KH-UBND " * 100)
    sha = store.put_file(original).sha256
    stored = store.path_for(sha)
    damaged = bytearray(stored.read_bytes())
    damaged[10:20] = b"X" * 10  # same size, other content (a bad sector, a virus)
    stored.write_bytes(bytes(damaged))
    assert store.audit([sha], [sha]).corrupt == [sha]

    again = store.put_file(original)
    assert again.sha256 == sha
    assert stored.read_bytes() == original.read_bytes()
    assert store.audit([sha], [sha]).corrupt == []
    assert not list(store.tmp.glob("*.part"))


def test_a_stored_file_of_another_size_is_healed_too(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    sha = store.put_bytes(b"noi dung goc").sha256
    store.path_for(sha).write_bytes(b"cut")
    assert store.put_bytes(b"noi dung goc").sha256 == sha
    assert store.hash_of(sha) == sha
