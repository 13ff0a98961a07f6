"""``cchc history import|list|compare``: former communes' bundles and backups imported as
the merged commune's history, each kept apart and whole."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

from history_fixtures import (  # noqa: F401
    DOCS,
    RESULT_ROWS,
    YEARS,
    formers_fixture,
    merged_commune,
    ok,
    rows,
    run,
    snapshot,
)

from db.dbfile import DB_FILE_NAME
from db.filestore import FileStore
from desktop.core.history.store import history_dir


def _import_all(data_dir: Path, formers) -> None:
    for f in formers.values():
        for year in YEARS:
            out = ok(data_dir, "history", "import", str(f.bundles[year]))
            assert f"Đã nhập lịch sử xã cũ {f.name} (năm {year})" in out


def test_two_former_communes_arrive_whole_and_apart(tmp_path, formers) -> None:
    """Done when: every document, file hash and score arrives attributed to the right former
    commune, nothing lost or mixed; 05/KH-UBND exists in both without clashing."""
    data = tmp_path / "tan-hung"
    merged_commune(data, "Hồng Phong", "Đồng Tâm")
    own_before = snapshot(data)
    _import_all(data, formers)
    assert snapshot(data) == own_before  # the merged commune's own data is untouched

    for f in formers.values():
        folder = history_dir(data, f.name)
        got, want = snapshot(folder), snapshot(f.folder)
        assert got["docs"] == want["docs"]  # numbers, dates, summaries, file hashes, codes
        assert len(got["docs"]) == 2 * len(DOCS[f.name])
        assert got["self"] == want["self"] and len(got["self"]) == 4
        assert got["res"] == want["res"] and len(got["res"]) == 2 * RESULT_ROWS[f.name]
        store = FileStore(folder / "files")
        for (sha,) in rows(folder / DB_FILE_NAME, "SELECT sha256 FROM evidence_file"):
            assert store.hash_of(sha) == sha  # each file present and verified
        (name,) = rows(folder / DB_FILE_NAME, "SELECT commune_name FROM commune_profile")[0]
        assert name == f.name
        settings = rows(
            folder / DB_FILE_NAME, "SELECT year, commune_name, appraiser FROM assessment_year"
        )
        district = "Ninh Giang" if f.name == "Hồng Phong" else "Thanh Miện"
        assert {(y, f.name, f"UBND huyện {district}") for y in YEARS} <= set(settings)

    hp, dt = (snapshot(history_dir(data, n))["docs"] for n in ("Hồng Phong", "Đồng Tâm"))
    kh = [r for r in hp + dt if r[1] == "05/KH-UBND" and r[0] == 2023]
    assert sorted(r[3] for r in kh) == [
        "Kế hoạch CCHC năm 2023 của xã Hồng Phong",
        "Kế hoạch CCHC năm 2023 của xã Đồng Tâm",
    ]

    listed = ok(data, "history", "list", "--json")
    doc = {r["name"]: r for r in json.loads(listed)["former_communes"]}
    assert doc["Hồng Phong"]["history"]["years"] == [2023, 2024]
    assert doc["Đồng Tâm"]["history"]["documents"] == 6
    assert doc["Đồng Tâm"]["history"]["files"] == 8
    assert doc["Đồng Tâm"]["history"]["scores"] == 4
    text = ok(data, "history", "list")
    assert "Xã Hồng Phong: năm 2023, 2024; 4 tài liệu, 6 tệp, 4 điểm tự chấm" in text


def test_compare_shows_area_scores_and_ranks(tmp_path, formers) -> None:
    data = tmp_path / "tan-hung"
    merged_commune(data, "Hồng Phong", "Đồng Tâm")
    _import_all(data, formers)
    table = json.loads(ok(data, "history", "compare", "--json"))
    assert [a["code"] for a in table["areas"]] == [str(n) for n in range(1, 11)]
    units = [(r["unit"], r["year"], r["current"]) for r in table["rows"]]
    assert units == [
        ("Xã Hồng Phong", 2023, False),
        ("Xã Hồng Phong", 2024, False),
        ("Xã Đồng Tâm", 2023, False),
        ("Xã Đồng Tâm", 2024, False),
        ("Xã Tân Hưng", 2025, True),
    ]
    first = table["rows"][0]
    assert first["total_rank"] == "9/20"
    assert first["areas"]["1"]["rank"] == "9/19"
    assert first["areas"]["1"]["score"] == 11.5  # 15 − 1 (1.3.3) − 1,5 (1.4.2) − 1 (1.5)
    assert table["rows"][2]["areas"]["1"] == {"score": 11.84, "max_points": 15, "rank": "9/19"}
    assert (table["rows"][2]["total"], table["rows"][2]["total_rank"]) == (87.75, "9/20")
    assert table["rows"][-1]["total"] is None
    text = ok(data, "history", "compare")
    assert "Xã Đồng Tâm (xã cũ) – năm 2024: tổng" in text
    assert "1: 11,5/15 (9/19)" in text


def test_commune_not_listed_needs_add_former(tmp_path, formers) -> None:
    data = tmp_path / "tan-hung"
    merged_commune(data, "Hồng Phong")
    bundle = formers["Đồng Tâm"].bundles[2023]
    code, out, err = run(data, "history", "import", str(bundle))
    assert code == 1
    assert "là dữ liệu của xã Đồng Tâm, không có trong danh sách xã cũ đã sáp nhập vào" in err
    assert "Xã Tân Hưng (Hồng Phong)" in err and "--add-former" in err
    assert not (data / "lich-su").exists() or not any((data / "lich-su").iterdir())
    assert "Đồng Tâm" not in ok(data, "history", "list")
    out = ok(data, "history", "import", str(bundle), "--add-former")
    assert "Đã thêm xã Đồng Tâm vào danh sách xã cũ đã sáp nhập." in out
    assert "Xã Đồng Tâm: năm 2023; 3 tài liệu" in ok(data, "history", "list")


def test_same_commune_twice_needs_update(tmp_path, formers) -> None:
    data = tmp_path / "tan-hung"
    merged_commune(data, "Hồng Phong")
    bundle = formers["Hồng Phong"].bundles[2023]
    ok(data, "history", "import", str(bundle))
    folder = history_dir(data, "Hồng Phong")
    before = snapshot(folder)
    db_bytes = (folder / DB_FILE_NAME).read_bytes()
    code, _out, err = run(data, "history", "import", str(bundle))
    assert code == 1
    assert "Lịch sử của xã cũ Hồng Phong đã được nhập (2 tài liệu, năm 2023)" in err
    assert "--update" in err and "Chưa thay đổi gì." in err
    assert (folder / DB_FILE_NAME).read_bytes() == db_bytes
    # Another year of the same commune is not a repeat.
    ok(data, "history", "import", str(formers["Hồng Phong"].bundles[2024]))
    out = ok(data, "history", "import", str(bundle), "--update")
    assert "Đã cập nhật lịch sử xã cũ Hồng Phong (năm 2023)" in out
    after = snapshot(folder)
    assert [r for r in after["docs"] if r[0] == 2023] == before["docs"]  # replaced, not doubled
    assert [r for r in after["self"] if r[0] == 2023] == before["self"]


def test_year_with_another_appraiser_needs_confirmation(tmp_path, formers) -> None:
    data = tmp_path / "tan-hung"
    merged_commune(data, "Hồng Phong")
    ok(data, "year", "set", "2023", "--appraiser", "UBND huyện Tứ Kỳ")
    bundle = formers["Hồng Phong"].bundles[2023]
    code, _out, err = run(data, "history", "import", str(bundle))
    assert code == 1
    assert (
        "Năm 2023: gói tài liệu của xã Hồng Phong ghi cơ quan thẩm định “UBND huyện Ninh Giang”"
        in err
    )
    assert "“UBND huyện Tứ Kỳ”" in err and "--confirm-appraiser" in err
    assert not (history_dir(data, "Hồng Phong") / DB_FILE_NAME).exists()
    ok(data, "history", "import", str(bundle), "--confirm-appraiser")
    assert (history_dir(data, "Hồng Phong") / DB_FILE_NAME).exists()


def test_tampered_bundle_is_refused_with_verify_messages(tmp_path, formers) -> None:
    data = tmp_path / "tan-hung"
    merged_commune(data, "Hồng Phong")
    bundle = tmp_path / "goi"
    shutil.copytree(formers["Hồng Phong"].bundles[2023], bundle)
    victim = next(p for p in bundle.rglob("*.pdf"))
    victim.write_bytes(b"%PDF sua tay")
    code, _out, err = run(data, "history", "import", str(bundle))
    assert code == 1
    assert "gói bị hỏng, chưa ghi xong hoặc đã bị sửa" in err
    assert "Chưa thay đổi gì." in err
    assert not (history_dir(data, "Hồng Phong")).exists()


def test_backup_of_a_former_commune(tmp_path, formers) -> None:
    """A stick backup (database + files) zipped, imported as a former commune's history."""
    data = tmp_path / "tan-hung"
    merged_commune(data, "Đồng Tâm")
    f = formers["Đồng Tâm"]
    stick = tmp_path / "usb"
    stick.mkdir()
    ok(f.folder, "backup", "create", str(stick))
    archive = tmp_path / "sao-luu-dong-tam.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for p in (stick / "SoCCHC-SaoLuu").rglob("*"):
            if p.is_file():
                zf.write(p, p.relative_to(stick).as_posix())
    out = ok(data, "history", "import", str(archive))
    assert "Đã nhập lịch sử xã cũ Đồng Tâm (năm 2023, 2024) từ bản sao lưu" in out
    folder = history_dir(data, "Đồng Tâm")
    assert snapshot(folder) == snapshot(f.folder)
    store = FileStore(folder / "files")
    for (sha,) in rows(folder / DB_FILE_NAME, "SELECT sha256 FROM evidence_file"):
        assert store.hash_of(sha) == sha
    assert not list((data / "lich-su").glob(".tam-*"))  # the unpacked copy is gone
    code, _o, err = run(data, "history", "import", str(archive))
    assert code == 1 and "toàn bộ lịch sử của xã này sẽ được thay bằng bản sao lưu" in err
    ok(data, "history", "import", str(archive), "--update")
    assert snapshot(folder) == snapshot(f.folder)


def test_backup_and_restore_carry_the_history(tmp_path, formers) -> None:
    data = tmp_path / "tan-hung"
    merged_commune(data, "Hồng Phong", "Đồng Tâm")
    ok(data, "history", "import", str(formers["Hồng Phong"].bundles[2023]))
    saved = json.loads(ok(data, "backup", "create", "--json"))
    name = Path(saved["path"]).name
    companion = data / "backups" / "lich-su" / "hong-phong" / name
    assert companion.is_file()
    folder = history_dir(data, "Hồng Phong")
    before = snapshot(folder)
    ok(data, "history", "import", str(formers["Hồng Phong"].bundles[2024]))
    assert snapshot(folder) != before
    ok(data, "backup", "restore", name, "--yes")
    assert snapshot(folder) == before  # the history is back as it was when saved

    # A stick backup carries the history's files: restore it on another PC.
    ok(data, "history", "import", str(formers["Đồng Tâm"].bundles[2024]))
    stick = tmp_path / "usb"
    stick.mkdir()
    usb_backup = Path(json.loads(ok(data, "backup", "create", str(stick), "--json"))["path"])
    other = tmp_path / "may-moi"  # not created: restoring makes the data folder
    out = ok(other, "backup", "restore", str(usb_backup), "--yes")
    assert "kèm lịch sử xã cũ: Đồng Tâm, Hồng Phong" in out  # by folder name
    for former in ("Hồng Phong", "Đồng Tâm"):
        restored = history_dir(other, former)
        assert snapshot(restored) == snapshot(history_dir(data, former))
        store = FileStore(restored / "files")
        for (sha,) in rows(restored / DB_FILE_NAME, "SELECT sha256 FROM evidence_file"):
            assert store.hash_of(sha) == sha
    assert "Xã Đồng Tâm: năm 2024; 3 tài liệu" in ok(other, "history", "list")


def test_former_names_the_commune_the_data_belongs_to(tmp_path, formers) -> None:
    """A bundle whose app spelled the name otherwise is filed under the name given."""
    data = tmp_path / "tan-hung"
    merged_commune(data, "Hồng Phong", "Đồng Tâm (cũ)")
    bundle = formers["Đồng Tâm"].bundles[2023]
    out = ok(data, "history", "import", str(bundle), "--former", "dong tam (CU)", "--json")
    doc = json.loads(out)
    assert doc["former"] == "Đồng Tâm (cũ)" and doc["added_former"] is False
    folder = history_dir(data, "Đồng Tâm (cũ)")
    assert folder.name == "dong-tam-cu"
    assert snapshot(folder)["docs"] == [
        r for r in snapshot(formers["Đồng Tâm"].folder)["docs"] if r[0] == 2023
    ]
    assert "Xã Đồng Tâm (cũ): năm 2023; 3 tài liệu" in ok(data, "history", "list")


def test_files_that_are_neither_bundle_nor_backup(tmp_path) -> None:
    data = tmp_path / "tan-hung"
    merged_commune(data, "Hồng Phong")
    junk = tmp_path / "so-cchc-thu-cong-20240101-101010.sqlite3"
    junk.write_bytes(b"day khong phai co so du lieu" * 50)
    code, _o, err = run(data, "history", "import", str(junk))
    assert code == 1
    assert f"Tệp {junk.name} không đọc được như bản sao lưu của Sổ CCHC" in err
    cut = tmp_path / "goi.zip"
    cut.write_bytes(b"PK\x03\x04 cat cut")
    code, _o, err = run(data, "history", "import", str(cut))
    assert code == 1 and "goi.zip" in err and "bị hỏng hoặc bị cắt cụt" in err
    assert not (data / "lich-su").exists() or not any((data / "lich-su").iterdir())


def test_a_partial_bundle_is_not_history(tmp_path, formers) -> None:
    from desktop.core.bundle.export import export_bundle
    from desktop.core.bundle.plan import ExportScope
    from desktop.core.workspace import open_workspace

    data = tmp_path / "tan-hung"
    merged_commune(data, "Hồng Phong")
    usb = tmp_path / "usb"
    usb.mkdir()
    ws = open_workspace(formers["Hồng Phong"].folder)
    try:
        partial = export_bundle(ws, ExportScope(2023, areas=("1",)), usb).path
    finally:
        ws.close()
    code, _o, err = run(data, "history", "import", str(partial))
    assert code == 1
    assert "chỉ gồm một phần dữ liệu năm 2023 (chỉ một số lĩnh vực)" in err
    assert not history_dir(data, "Hồng Phong").exists()


def test_report_files_of_a_bundle_are_kept(tmp_path, formers) -> None:
    from desktop.core.bundle.export import export_bundle
    from desktop.core.bundle.plan import ExportScope, ReportFile
    from desktop.core.workspace import open_workspace

    data = tmp_path / "tan-hung"
    merged_commune(data, "Đồng Tâm")
    usb = tmp_path / "usb"
    usb.mkdir()
    scan = tmp_path / "bc-ky.pdf"
    scan.write_bytes(b"%PDF bao cao da ky 2024")
    ws = open_workspace(formers["Đồng Tâm"].folder)
    try:
        reports = [ReportFile(scan, "Báo cáo kết quả Chỉ số CCHC 2024 (đã ký).pdf")]
        bundle = export_bundle(ws, ExportScope(2024), usb, reports=reports).path
    finally:
        ws.close()
    ok(data, "history", "import", str(bundle))
    listed = json.loads(ok(data, "history", "list", "--json"))["former_communes"][0]
    assert listed["history"]["reports"] == 1
    assert "3 tài liệu, 4 tệp, 2 điểm tự chấm, 10 điểm thẩm định, 1 tệp báo cáo." in ok(
        data, "history", "list"
    )
    store = FileStore(history_dir(data, "Đồng Tâm") / "files")
    sha = hashlib.sha256(scan.read_bytes()).hexdigest()
    assert store.hash_of(sha) == sha
    assert rows(
        history_dir(data, "Đồng Tâm") / DB_FILE_NAME,
        f"SELECT count(*) FROM blob WHERE sha256 = '{sha}'",
    ) == [(1,)]


def test_a_former_communes_bundle_is_not_mixed_into_the_merged_communes_data(
    tmp_path, formers
) -> None:
    data = tmp_path / "tan-hung"
    merged_commune(data, "Hồng Phong", "Đồng Tâm")
    before = snapshot(data)
    bundle = formers["Hồng Phong"].bundles[2023]
    code, out, err = run(data, "bundle", "import", str(bundle), "--yes")
    assert code == 1
    assert "Chưa nhập gì. Gói này của xã cũ Hồng Phong, đã sáp nhập vào Xã Tân Hưng" in err
    assert "cchc history import" in err
    assert snapshot(data) == before
    ok(data, "history", "import", str(bundle))  # the way it is meant to arrive
    assert "Xã Hồng Phong: năm 2023" in ok(data, "history", "list")
