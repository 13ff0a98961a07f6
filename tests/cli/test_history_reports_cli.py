"""``cchc history reports`` and ``cchc history report-file``: the former communes' report
files (BaoCao/ of their bundles) listed and saved out."""

from __future__ import annotations

import hashlib

from history_report_fixtures import REPORT_BYTES, merged_with_reports

DT_NAME = "Bao cao ket qua CCHC 2024 (da ky).pdf"


def test_reports_lists_every_former_communes_files(cli, data_dir, tmp_path) -> None:
    merged_with_reports(data_dir, tmp_path)
    r = cli("history", "reports", "--json")
    assert r.code == 0
    reports = r.json()["reports"]
    assert [(x["commune"], x["year"], x["name"]) for x in reports] == [
        ("Hồng Phong", 2024, "Bao cao 6 thang.pdf"),
        ("Hồng Phong", 2024, "Ke hoach CCHC 2024.pdf"),
        ("Đồng Tâm", 2024, DT_NAME),
    ]
    assert set(reports[2]) == {"commune", "year", "name", "size", "sha256", "present"}
    assert reports[2]["size"] == len(REPORT_BYTES) and reports[2]["present"] is True
    assert reports[2]["sha256"] == hashlib.sha256(REPORT_BYTES).hexdigest()
    text = cli("history", "reports").out
    assert f"Xã Đồng Tâm – năm 2024: {DT_NAME} (1 KB)" in text


def test_report_file_saves_a_copy_and_says_where(cli, data_dir, tmp_path) -> None:
    merged_with_reports(data_dir, tmp_path)
    out = tmp_path / "ra"
    r = cli("history", "report-file", "Đồng Tâm", "2024", DT_NAME, "--out", str(out))
    assert r.code == 0, r.err
    assert (out / DT_NAME).read_bytes() == REPORT_BYTES
    assert r.out.strip() == (
        f"Đã lưu tệp báo cáo {DT_NAME} năm 2024 của xã cũ Đồng Tâm vào {out / DT_NAME}"
    )
    r = cli("history", "report-file", "dong tam", "2024", DT_NAME, "--out", str(out), "--json")
    saved = r.json()
    assert saved["saved"] == str(out / "Bao cao ket qua CCHC 2024 (da ky) (2).pdf")
    assert saved["commune"] == "Đồng Tâm" and saved["present"] is True


def test_report_file_refuses_an_unknown_or_missing_file(cli, data_dir, tmp_path) -> None:
    merged_with_reports(data_dir, tmp_path)
    out = tmp_path / "ra"
    r = cli("history", "report-file", "Đồng Tâm", "2023", DT_NAME, "--out", str(out))
    assert r.code == 1 and r.out == ""
    assert f"không có tệp báo cáo {DT_NAME} năm 2023 (các tệp có: 2024: {DT_NAME})" in r.err
    sha = hashlib.sha256(REPORT_BYTES).hexdigest()
    stored = data_dir / "lich-su" / "dong-tam" / "files" / sha[:2] / sha
    stored.unlink()
    assert "THIẾU trong kho tệp" in cli("history", "reports").out
    r = cli("history", "report-file", "Đồng Tâm", "2024", DT_NAME, "--out", str(out))
    assert r.code == 1
    assert f"Lỗi: Không còn tệp báo cáo {DT_NAME} năm 2024 của xã cũ Đồng Tâm" in r.err
    assert not out.exists()


def test_no_report_files_yet(cli, data_dir) -> None:
    cli("init", "--commune", "Tân Hưng", "--province", "Hải Phòng")
    assert cli("history", "reports", "--json").json() == {"reports": []}
    assert "chưa có tệp báo cáo nào" in cli("history", "reports").out
