"""Backups: online copies, rotation, a stick, restore (also over a damaged database)."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from base.errors import BackupError, CorruptDatabaseError
from db.dbfile import DB_FILE_NAME
from db.models import EvidenceDocument
from desktop.core.backup.files import STICK_DIR_NAME, backups_dir, list_backups
from desktop.core.backup.integrity import check_integrity
from desktop.core.backup.restore import newest_good_backup, preview_restore, restore_backup
from desktop.core.backup.store import auto_backup, backup_to_stick, create_backup, rotate
from desktop.core.catalog.store import load_builtin
from desktop.core.evidence.documents import NewDocument, add_document
from desktop.core.progress import Cancelled, Progress
from desktop.core.workspace import open_workspace
from desktop.core.years.profile import save_profile

DOCS = [
    ("12/KH-UBND", "Kế hoạch CCHC năm 2023", "1.1.1", "KH.pdf"),
    ("45/BC-UBND", "Báo cáo CCHC 6 tháng", "1.2.1", "Báo cáo.pdf"),
    ("01/QĐ-UBND", "Quyết định kiện toàn Bộ phận Một cửa", "3.5.1", "QĐ.pdf"),
]


@pytest.fixture
def filled(ws, tmp_path: Path):
    with ws.transaction() as s:
        save_profile(s, commune_name="Đồng Tâm", province="Hải Dương")
        load_builtin(s, 2023, "mau-minh-hoa")
    for number, summary, code, name in DOCS:
        f = tmp_path / name
        f.write_bytes(f"%PDF {number}".encode())
        with ws.transaction() as s:
            doc = NewDocument(2023, number, date(2023, 3, 1), summary=summary)
            add_document(s, ws.store, doc, [f], [code])
    return ws


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    path = tmp_path / "USB"
    path.mkdir()
    return path


def _documents(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM evidence_document").fetchone()[0]
    finally:
        con.close()


def _add_one(ws, tmp_path: Path, name: str = "moi.pdf") -> None:
    f = tmp_path / name
    f.write_bytes(f"%PDF {name}".encode())
    with ws.transaction() as s:
        add_document(
            s, ws.store, NewDocument(2023, "77/CV-UBND", summary="Công văn mới"), [f], ["1.2.1"]
        )


def test_create_and_list(filled) -> None:
    info = create_backup(filled)
    assert info.path.parent == filled.data_dir / "backups"
    assert info.path.name.startswith("so-cchc-thu-cong-") and info.description == "Sao lưu thủ công"
    assert list_backups(backups_dir(filled.data_dir)) == [info]
    assert _documents(info.path) == 3
    assert not list(info.path.parent.glob("*.part"))


def test_cancelled_backup_leaves_no_file_under_a_real_name(filled) -> None:
    progress = Progress(lambda *_: progress.cancel())
    progress.update(0)  # the sink cancels at once: the next update raises
    with pytest.raises(Cancelled):
        create_backup(filled, progress=progress)
    assert list(backups_dir(filled.data_dir).iterdir()) == []


def test_automatic_backup_skips_an_unchanged_database(filled, tmp_path: Path) -> None:
    first = auto_backup(filled, "khoi-dong")
    assert first is not None and first.automatic
    assert auto_backup(filled, "khoi-dong") is None
    _add_one(filled, tmp_path)
    second = auto_backup(filled, "sau-nhap-goi")
    assert second is not None and second.description == "Tự động sau khi nhập gói"
    assert len(list_backups(backups_dir(filled.data_dir))) == 2


def test_rotation_keeps_last_ten_and_one_per_month(filled) -> None:
    real = create_backup(filled, label="tu-dong-khoi-dong").path
    folder = real.parent
    stamps = [f"2024{m:02d}{d:02d}-080000" for m in (1, 2, 3) for d in (3, 12, 20, 27)]
    stamps += ["20231115-090000", "20231130-090000"]
    for stamp in stamps:
        shutil.copyfile(real, folder / f"so-cchc-tu-dong-khoi-dong-{stamp}.sqlite3")
    shutil.copyfile(real, folder / "so-cchc-thu-cong-20230101-070000.sqlite3")
    real.unlink()
    removed = {p.name for p in rotate(folder)}
    kept = {b.path.name for b in list_backups(folder)}
    # The newest ten: 27/3 back to 20/1; then the newest of Jan 2024 is among them, of
    # Nov 2023 is 30/11. 3/1, 12/1 and 15/11 go; the manual backup is never rotated.
    assert removed == {
        "so-cchc-tu-dong-khoi-dong-20240103-080000.sqlite3",
        "so-cchc-tu-dong-khoi-dong-20240112-080000.sqlite3",
        "so-cchc-tu-dong-khoi-dong-20231115-090000.sqlite3",
    }
    assert "so-cchc-tu-dong-khoi-dong-20231130-090000.sqlite3" in kept
    assert "so-cchc-thu-cong-20230101-070000.sqlite3" in kept
    assert len(kept) == 12


def test_stick_backup_copies_only_missing_files(filled, tmp_path: Path, usb: Path) -> None:
    first = backup_to_stick(filled, usb)
    root = usb / STICK_DIR_NAME
    assert first.folder == root and first.backup.path.parent == root
    assert first.files_copied == 3 and first.files_present == 0
    second = backup_to_stick(filled, usb)
    assert second.files_copied == 0 and second.files_present == 3
    _add_one(filled, tmp_path)
    third = backup_to_stick(filled, usb)
    assert third.files_copied == 1 and third.bytes_copied == len(b"%PDF moi.pdf")
    assert len(list_backups(root)) == 3


def test_full_stick(filled, usb: Path, monkeypatch) -> None:
    class Usage:
        free = 10

    monkeypatch.setattr("desktop.core.backup.store.shutil.disk_usage", lambda _p: Usage)
    with pytest.raises(BackupError) as exc:
        backup_to_stick(filled, usb)
    assert "không đủ chỗ trống" in str(exc.value)
    assert list_backups(usb / STICK_DIR_NAME) == []
    assert not list((usb / STICK_DIR_NAME).glob("*.dang-ghi"))


def test_restore_previews_then_keeps_the_current_state(filled, tmp_path: Path) -> None:
    backup = create_backup(filled).path
    _add_one(filled, tmp_path)
    data_dir = filled.data_dir
    preview = preview_restore(data_dir, backup)
    assert preview.sound and preview.holds.commune == "Xã Đồng Tâm, Hải Dương"
    assert preview.holds.years == (2023,) and preview.holds.documents == {2023: 3}
    assert preview.current.documents == {2023: 4} and preview.blobs_missing == 0
    filled.close()
    result = restore_backup(data_dir, backup)
    assert _documents(data_dir / DB_FILE_NAME) == 3
    assert "truoc-khoi-phuc" in result.safety_copy.name and _documents(result.safety_copy) == 4
    ws = open_workspace(data_dir)
    report = check_integrity(ws, full=True)
    ws.close()
    # The newer document's file stays: the pre-restore copy needs it (no "safe to delete").
    assert report.ok and report.findings == [] and report.kept_for_backups == 1


def _damage(db: Path) -> bytes:
    data = bytearray(db.read_bytes())
    data[100:150] = b"\x00" * 50
    db.write_bytes(bytes(data[:4096]) + bytes(data[4096:]).replace(b"CREATE", b"CRxATE"))
    return db.read_bytes()


def test_damaged_database_restored_from_newest_good_backup(filled) -> None:
    good = create_backup(filled).path
    data_dir = filled.data_dir
    filled.close()
    bad = backups_dir(data_dir) / "so-cchc-thu-cong-20991231-235959.sqlite3"
    bad.write_bytes(b"not a database")
    damaged = _damage(data_dir / DB_FILE_NAME)
    with pytest.raises(CorruptDatabaseError):
        open_workspace(data_dir)
    assert newest_good_backup(data_dir) == good
    result = restore_backup(data_dir, good)
    assert "hong" in result.safety_copy.name and result.safety_copy.read_bytes() == damaged
    ws = open_workspace(data_dir)
    with ws.session() as s:
        assert s.query(EvidenceDocument).count() == 3
    assert check_integrity(ws, full=True).ok
    ws.close()


def test_damaged_backup_is_refused_and_data_untouched(filled) -> None:
    backup = create_backup(filled).path
    backup.write_bytes(backup.read_bytes()[:3000])
    data_dir = filled.data_dir
    filled.close()
    before = (data_dir / DB_FILE_NAME).read_bytes()
    with pytest.raises(BackupError) as exc:
        restore_backup(data_dir, backup)
    assert "Hãy chọn bản khác" in str(exc.value)
    assert (data_dir / DB_FILE_NAME).read_bytes() == before


def test_restore_from_a_stick_on_a_new_pc(filled, usb: Path, tmp_path: Path) -> None:
    stick = backup_to_stick(filled, usb).backup.path
    new_pc = tmp_path / "may-moi"
    new_pc.mkdir()
    preview = preview_restore(new_pc, stick)
    assert preview.blobs_beside == 3 and preview.blobs_missing == 0 and preview.current is None
    result = restore_backup(new_pc, stick)
    assert result.files_copied == 3 and result.safety_copy is None
    ws = open_workspace(new_pc)
    report = check_integrity(ws, full=True)
    ws.close()
    assert report.ok and report.findings == []
