"""``cchc bundle export|verify|import`` and ``cchc backup create|list|restore``."""

from __future__ import annotations

import json
from pathlib import Path

from bundle_fixtures import count_documents, evidence_fixture, usb_fixture  # noqa: F401
from sqlalchemy import select

from db.dbfile import DB_FILE_NAME
from db.models import EvidenceDocument
from desktop.core.workspace import open_workspace


def test_export_prints_the_bundle_path(cli, evidence, usb: Path) -> None:
    r = cli("bundle", "export", str(usb), "--year", "2023")
    assert r.code == 0, r.err
    path = Path(r.out.strip())
    assert r.out.count("\n") == 1 and path.parent == usb and path.is_dir()
    assert (path / "manifest.json").is_file()
    assert "đã đọc lại và kiểm tra mã băm cả 4 tệp" in r.err


def test_export_zip_json(cli, evidence, usb: Path) -> None:
    r = cli("bundle", "export", str(usb), "--year", "2023", "--zip", "--json")
    assert r.code == 0, r.err
    doc = r.json()
    assert doc["kind"] == "zip" and doc["path"].endswith(".zip") and Path(doc["path"]).is_file()
    assert doc["files"] == doc["verified"] == 4 and doc["warnings"] == []
    assert r.err == ""


def test_export_errors(cli, evidence, usb: Path) -> None:
    r = cli("bundle", "export", str(usb), "--year", "2021")
    assert r.code == 1 and "Năm 2021 chưa có bộ tiêu chí" in r.err
    r = cli("bundle", "export", str(usb / "khong-co"), "--year", "2023")
    assert r.code == 1 and "Không thấy thư mục đích" in r.err


def test_verify_exit_codes(cli, evidence, usb: Path) -> None:
    path = Path(cli("bundle", "export", str(usb), "--year", "2023").out.strip())
    r = cli("bundle", "verify", str(path))
    assert r.code == 0 and "Gói nguyên vẹn: cả 3 tệp đúng mã băm." in r.out
    pdf = next(path.rglob("123-BC-UBND*.pdf"))
    pdf.write_bytes(b"sua")
    (path / "them.txt").write_text("x")
    r = cli("bundle", "verify", str(path))
    assert r.code == 3
    assert "LỖI: Tệp “" in r.out and "đã bị thay đổi" in r.out and "Thừa: Tệp “them.txt”" in r.out
    doc = cli("bundle", "verify", str(path), "--json").json()
    assert doc["ok"] is False
    assert sorted(p["kind"] for p in doc["problems"]) == ["changed", "extra"]


def test_import_asks_before_writing(cli, evidence, usb: Path, tmp_path: Path) -> None:
    path = cli("bundle", "export", str(usb), "--year", "2023", "--zip").out.strip()
    other = tmp_path / "dong-nghiep"
    r = cli("bundle", "import", path, "--data-dir", str(other))
    assert r.code == 0 and "2 tài liệu mới" in r.out and "Chưa ghi gì vào dữ liệu" in r.out
    assert count_documents(other) == 0
    r = cli("bundle", "import", path, "--yes", "--data-dir", str(other))
    assert r.code == 0 and "Đã nhập: 2 tài liệu mới" in r.out
    assert count_documents(other) == 2
    doc = cli("bundle", "import", path, "--yes", "--json", "--data-dir", str(other)).json()
    assert doc["applied"] is False and doc["result"] is None  # nothing new: nothing to apply
    assert doc["preview"]["counts"] == {"new": 0, "identical": 2, "additions": 0, "conflict": 0}
    third = tmp_path / "may-thu-ba"
    doc = cli("bundle", "import", path, "--yes", "--json", "--data-dir", str(third)).json()
    assert doc["applied"] is True and doc["result"]["added"] == 2
    assert doc["result"]["catalog_created"] is True and count_documents(third) == 2


def test_import_of_a_tampered_bundle(cli, evidence, usb: Path, tmp_path: Path) -> None:
    path = Path(cli("bundle", "export", str(usb), "--year", "2023").out.strip())
    manifest = path / "manifest.json"
    body = json.loads(manifest.read_bytes())
    body["documents"][0]["summary"] = "sửa tay"
    manifest.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    other = tmp_path / "dong-nghiep"
    r = cli("bundle", "import", str(path), "--yes", "--data-dir", str(other))
    assert r.code == 1 and "Lỗi: Không nhập gói" in r.err and "bị sửa" in r.err
    assert count_documents(other) == 0


def test_backup_create_list_restore(cli, evidence, data_dir: Path, usb: Path) -> None:
    r = cli("backup", "create")
    assert r.code == 0, r.err
    backup = Path(r.out.strip())
    assert backup.parent == data_dir / "backups" and backup.is_file()
    r = cli("backup", "create", str(usb))
    stick = Path(r.out.strip())
    assert r.code == 0 and stick.parent == usb / "SoCCHC-SaoLuu" and "Đã chép 2 tệp mới" in r.err
    r = cli("backup", "list")
    assert r.code == 0 and backup.name in r.out and "Sao lưu thủ công" in r.out
    assert cli("backup", "list", "--json").json()["backups"][0]["file"] == backup.name

    (data_dir / DB_FILE_NAME).write_bytes(b"hong het roi" * 1000)  # a damaged database
    assert cli("check").code == 1
    r = cli("backup", "restore", backup.name)
    assert r.code == 1 and "Chưa khôi phục gì" in r.out and "sẽ bị thay thế" in r.out
    assert cli("check").code == 1  # nothing replaced yet
    r = cli("backup", "restore", backup.name, "--yes")
    assert r.code == 0, r.err
    assert "chứa:      Xã Đồng Tâm, Hải Dương; năm 2022, 2023; 2 tài liệu, 2 tệp" in r.out
    assert "hiện tại:  không đọc được" in r.out and "Đã khôi phục" in r.out
    assert cli("check", "--full").code == 0
    assert count_documents(data_dir) == 2


def test_restore_of_a_missing_file(cli, evidence) -> None:
    r = cli("backup", "restore", "khong-co.sqlite3")
    assert r.code == 1 and "Không tìm thấy bản sao lưu “khong-co.sqlite3”" in r.err


def test_import_asks_per_conflict_on_a_terminal(
    cli, evidence, data_dir: Path, usb: Path, tmp_path: Path, monkeypatch
) -> None:
    path = cli("bundle", "export", str(usb), "--year", "2023").out.strip()
    other = tmp_path / "dong-nghiep"
    assert cli("bundle", "import", path, "--yes", "--data-dir", str(other)).code == 0
    ws = open_workspace(data_dir)
    with ws.transaction() as s:
        doc = s.scalar(select(EvidenceDocument).where(EvidenceDocument.number == "5/KH-UBND"))
        doc.summary = "Kế hoạch tuyên truyền CCHC (bản sửa)"
    ws.close()
    path = cli("bundle", "export", str(usb), "--year", "2023").out.strip()
    answers = iter(["2", "c"])  # take the bundle's version, then confirm
    monkeypatch.setattr("desktop.cli.bundle._interactive", lambda: True)
    monkeypatch.setattr("builtins.input", lambda _prompt: next(answers))
    r = cli("bundle", "import", path, "--data-dir", str(other))
    assert r.code == 0, r.err
    assert "[KHÁC THÔNG TIN] 5/KH-UBND" in r.out
    assert (
        "Trích yếu: trên máy “Kế hoạch tuyên truyền” | trong gói “Kế hoạch tuyên truyền CCHC (bản sửa)”"
        in r.out
    )
    assert "[2] Lấy thông tin trong gói" in r.out and "1 tài liệu được bổ sung/cập nhật" in r.out
    ws = open_workspace(other)
    with ws.session() as s:
        summary = s.scalar(
            select(EvidenceDocument.summary).where(EvidenceDocument.number == "5/KH-UBND")
        )
    ws.close()
    assert summary == "Kế hoạch tuyên truyền CCHC (bản sửa)"


def test_restore_from_a_stick_on_a_new_pc(cli, evidence, usb: Path, tmp_path: Path) -> None:
    """The data folder of a new PC does not exist yet: restoring creates it."""
    from desktop.cli import main

    r = cli("backup", "create", str(usb))
    assert r.code == 0, r.err
    stick = Path(r.out.strip())
    new_pc = tmp_path / "may-moi" / "SoCCHC"
    assert not new_pc.exists()
    assert main(["--data-dir", str(new_pc), "backup", "restore", str(stick), "--yes"]) == 0
    assert count_documents(new_pc) == 2
    assert main(["--data-dir", str(new_pc), "check", "--full"]) == 0


def test_verify_of_a_hostile_manifest_exits_3_with_the_reason(cli, evidence, usb: Path) -> None:
    path = Path(cli("bundle", "export", str(usb), "--year", "2023").out.strip())
    (path / "manifest.json").write_text('{"a": ' + "[" * 50_000 + "]" * 50_000 + "}")
    r = cli("bundle", "verify", str(path))
    assert r.code == 3, r.err
    assert "lồng nhau quá sâu" in r.out and "Traceback" not in r.err
    doc = cli("bundle", "verify", str(path), "--json").json()
    assert [p["kind"] for p in doc["problems"]] == ["manifest_corrupt"]


def test_import_of_another_communes_bundle_needs_other_commune(
    cli, evidence, usb: Path, tmp_path: Path
) -> None:
    path = cli("bundle", "export", str(usb), "--year", "2023", "--zip").out.strip()
    other = tmp_path / "xa-khac"
    r = cli("--data-dir", str(other), "init", "--commune", "Hưng Long", "--province", "Hải Phòng")
    assert r.code == 0, r.err
    r = cli("bundle", "import", path, "--yes", "--data-dir", str(other))
    assert r.code == 1 and "--other-commune" in r.err and "Chưa ghi gì" in r.err
    assert count_documents(other) == 0
    r = cli(
        "bundle", "import", path, "--yes", "--other-commune", "--json", "--data-dir", str(other)
    )
    assert r.code == 0, r.err
    assert r.json()["applied"] is True and count_documents(other) == 2


def test_signer_fingerprint_in_verify_and_import(cli, evidence, usb: Path, tmp_path: Path) -> None:
    path = cli("bundle", "export", str(usb), "--year", "2023", "--zip").out.strip()
    r = cli("bundle", "verify", path)
    assert r.code == 0
    fingerprint = r.out.split("mã khóa người ký ")[1].split(".")[0]
    assert len(fingerprint) == 39
    doc = cli("bundle", "verify", path, "--json").json()
    assert doc["signature"]["valid"] is True and doc["signature"]["fingerprint"] == fingerprint
    assert doc["bundle"]["fingerprint"] == fingerprint
    # a colleague's PC with the same commune: first time, then remembered
    other = tmp_path / "dong-nghiep"
    r = cli("--data-dir", str(other), "init", "--commune", "Đồng Tâm", "--province", "Hải Dương")
    assert r.code == 0 and "Mã khóa ký gói của máy này: " in r.out
    r = cli("bundle", "import", path, "--yes", "--data-dir", str(other))
    assert r.code == 0, r.err
    assert f"Mã khóa người ký: {fingerprint} (lần đầu nhận gói của xã này)" in r.out
    doc = cli("bundle", "import", path, "--json", "--data-dir", str(other)).json()
    assert doc["preview"]["signer"]["status"] == "trusted"


def test_a_changed_key_needs_accept_new_key(cli, evidence, usb: Path, tmp_path: Path) -> None:
    path = cli("bundle", "export", str(usb), "--year", "2023", "--zip").out.strip()
    other = tmp_path / "dong-nghiep"
    cli("--data-dir", str(other), "init", "--commune", "Đồng Tâm", "--province", "Hải Dương")
    assert cli("bundle", "import", path, "--yes", "--data-dir", str(other)).code == 0
    # another PC claiming to be Đồng Tâm
    fake_home = tmp_path / "may-gia"
    r = cli(
        "--data-dir",
        str(fake_home),
        "init",
        "--commune",
        "Đồng Tâm",
        "--province",
        "Hải Dương",
        "--year",
        "2022",
    )
    assert r.code == 0, r.err
    pdf = tmp_path / "99-BC-UBND 04.4.2022.pdf"
    pdf.write_bytes(b"%PDF gia mao")
    r = cli(
        "--data-dir",
        str(fake_home),
        "evidence",
        "add",
        str(pdf),
        "--year",
        "2022",
        "--criterion",
        "1",
        "--number",
        "99/BC-UBND",
        "--date",
        "04/04/2022",
    )
    assert r.code == 0, r.err
    fake = cli(
        "--data-dir", str(fake_home), "bundle", "export", str(usb), "--year", "2022", "--zip"
    ).out.strip()
    r = cli("bundle", "import", fake, "--yes", "--data-dir", str(other))
    assert r.code == 1 and "--accept-new-key" in r.err and "CẢNH BÁO: KHÓA KÝ" in r.out
    assert count_documents(other) == 2
    r = cli("bundle", "import", fake, "--yes", "--accept-new-key", "--data-dir", str(other))
    assert r.code == 0, r.err
    assert count_documents(other) == 3


def test_import_yes_of_a_zip_bomb_writes_nothing(cli, evidence, usb: Path, tmp_path: Path) -> None:
    import zipfile

    path = Path(cli("bundle", "export", str(usb), "--year", "2023", "--zip").out.strip())
    bomb = tmp_path / "bom.zip"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("them/khong-lo.bin", b"\0" * (8 * 1024 * 1024))  # ~1000:1
    other = tmp_path / "dong-nghiep"
    r = cli("bundle", "import", str(bomb), "--yes", "--data-dir", str(other))
    assert r.code == 1 and "zip bomb" in r.err and "tỉ lệ nén" in r.err
    assert count_documents(other) == 0
    assert not any(p.is_file() for p in (other / "files").rglob("*"))
    r = cli("bundle", "verify", str(bomb), "--json")
    assert r.code == 3 and [p["kind"] for p in r.json()["problems"]] == ["zip_bomb"]
