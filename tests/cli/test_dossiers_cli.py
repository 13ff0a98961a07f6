"""``cchc dossiers ...`` and ``cchc stats``: the contract of issue 6."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from dossier_exports import BOTH_Q1, figure_subset, write_export1, write_export2
from openpyxl import Workbook
from results_sheets import catalog_with_codes
from sqlalchemy import func, select

from db.models_dossiers import Dossier, DossierImport
from desktop.core.workspace import open_workspace

STATS_KEYS = {
    "received": {"total", "new", "online", "direct", "postal", "carried_over"},
    "resolved": {"total", "on_time", "before_due", "late", "late_percent"},
    "in_progress": {"total", "in_time", "overdue"},
}


@pytest.fixture
def imported(cli, tmp_path):
    for path in (write_export1(tmp_path / "e1.xlsx"), write_export2(tmp_path / "e2.xlsx")):
        r = cli("dossiers", "import", str(path), "--json")
        assert r.code == 0, r.err
    return tmp_path


def test_import_json_summary(cli, tmp_path):
    r = cli("dossiers", "import", str(write_export1(tmp_path / "e1.xlsx")), "--json")
    assert r.code == 0, r.err
    doc = r.json()
    assert (doc["imported"], doc["updated"], doc["unchanged"], doc["skipped"]) == (13, 0, 0, 2)
    assert doc["skipped_rows"][1] == {
        "sheet": "Danh sách",
        "row": 21,
        "code": "A15",
        "reason": "ngày tiếp nhận: ngày “31/02/2023” không tồn tại "
        "(tháng 2 năm 2023 không có ngày 31)",
    }
    assert r.err == ""  # no progress bar with --json
    again = cli("dossiers", "import", str(tmp_path / "e1.xlsx"), "--json").json()
    assert (again["imported"], again["updated"], again["unchanged"]) == (0, 0, 13)


def test_import_text_output_has_a_progress_bar_and_lists_skipped_rows(cli, tmp_path):
    r = cli("dossiers", "import", str(write_export1(tmp_path / "e1.xlsx")))
    assert r.code == 0, r.err
    assert "Hồ sơ mới: 13; cập nhật: 0; không đổi: 0; dòng bỏ qua: 2." in r.out
    assert "e1.xlsx, trang “Danh sách”, dòng 20: không có mã hồ sơ" in r.out
    assert "Đang nhập e1.xlsx [" in r.err and "100%" in r.err


def test_stats_json_has_exactly_the_contract_keys_with_integers(cli, imported):
    r = cli("stats", "--from", "15/12/2022", "--to", "14/03/2023", "--json")
    assert r.code == 0, r.err
    doc = r.json()
    assert (doc["from"], doc["to"]) == ("2022-12-15", "2023-03-14")
    for group, keys in STATS_KEYS.items():
        assert keys <= set(doc[group])
        for key in keys - {"late_percent"}:
            assert type(doc[group][key]) is int, (group, key)
    assert type(doc["withdrawn"]) is int
    assert type(doc["resolved"]["late_percent"]) is float
    assert figure_subset(doc, BOTH_Q1) == BOTH_Q1
    assert doc["received"]["total"] == doc["received"]["new"] + doc["received"]["carried_over"]


def test_stats_quarter_uses_the_nd09_period(cli, imported):
    doc = cli("stats", "--quarter", "1", "--year", "2023", "--json").json()
    assert (doc["from"], doc["to"]) == ("2022-12-15", "2023-03-14")
    assert figure_subset(doc, BOTH_Q1) == BOTH_Q1
    cal = cli("stats", "--quarter", "1", "--year", "2023", "--calendar", "--json").json()
    assert (cal["from"], cal["to"]) == ("2023-01-01", "2023-03-31")
    six = cli("stats", "--period", "6m", "--year", "2023", "--json").json()
    assert (six["from"], six["to"]) == ("2022-12-15", "2023-06-14")


def test_stats_text_and_form06_export(cli, imported):
    out = imported / "bieu-06.xlsx"
    r = cli("stats", "--quarter", "1", "--year", "2023", "--export", str(out))
    assert r.code == 0, r.err
    assert "Tiếp nhận: 12 (mới 10: trực tuyến 5, trực tiếp 3, bưu chính 2; từ kỳ trước 2)" in r.out
    assert "quá hạn 2 = 25%" in r.out
    assert out.exists()


def test_stats_period_errors(cli, imported):
    r = cli("stats", "--year", "2023")
    assert r.code == 1 and "Hãy chọn kỳ báo cáo" in r.err
    r = cli("stats", "--from", "31/02/2023", "--to", "14/03/2023")
    assert r.code == 1 and "không tồn tại" in r.err
    r = cli("stats", "--quarter", "5", "--year", "2023")
    assert r.code == 2


def test_manual_figures_from_the_cli(cli, imported):
    r = cli(
        "dossiers",
        "manual",
        "--quarter",
        "1",
        "--year",
        "2023",
        "--service-index",
        "65,67",
        "--rank",
        "14/20",
        "--online-payment",
        "84,89%",
    )
    assert r.code == 0, r.err
    doc = cli("stats", "--quarter", "1", "--year", "2023", "--json").json()
    assert doc["manual"]["service_index"] == 65.67
    assert (doc["manual"]["service_rank"], doc["manual"]["service_rank_of"]) == (14, 20)
    assert doc["digital"]["online_payment_percent"] == 84.89
    r = cli("dossiers", "manual", "--quarter", "1", "--year", "2023", "--rank", "21/20")
    assert r.code == 1 and "Xếp hạng 21/20" in r.err
    r = cli("dossiers", "manual", "--quarter", "1", "--year", "2023", "--service-index", "abc")
    assert r.code == 1 and "không phải là số" in r.err


def test_list_the_dossiers_behind_a_figure(cli, imported):
    r = cli(
        "dossiers",
        "list",
        "--quarter",
        "1",
        "--year",
        "2023",
        "--figure",
        "resolved.late",
        "--json",
    )
    assert r.code == 0, r.err
    doc = r.json()
    assert [d["code"] for d in doc["dossiers"]] == ["A01", "A05"]
    text = cli(
        "dossiers",
        "list",
        "--quarter",
        "1",
        "--year",
        "2023",
        "--figure",
        "in_progress.overdue",
        "--field",
        "Chứng thực",
    )
    assert "A11" in text.out and "B02" not in text.out


def test_mapping_and_profiles_from_the_cli(cli, tmp_path):
    wb = Workbook()
    wb.active.append(["Mã số phiếu", "Ngày nộp", "Lĩnh vực"])
    wb.active.append(["X-001", "03/01/2023", "Hộ tịch"])
    path = tmp_path / "tinh-x.xlsx"
    wb.save(path)
    r = cli("dossiers", "import", str(path))
    assert r.code == 1 and "tinh-x.xlsx" in r.err and "--map" in r.err
    r = cli(
        "dossiers",
        "import",
        str(path),
        "--map",
        "Mã số phiếu=code",
        "--map",
        "Ngày nộp=received",
        "--save-profile",
        "Tỉnh X",
        "--json",
    )
    assert r.code == 0, r.err
    assert r.json()["imported"] == 1
    r = cli("dossiers", "profiles", "--json")
    assert r.json()[0]["name"] == "Tỉnh X"
    r = cli("dossiers", "import", str(path), "--profile", "Tỉnh X", "--json")
    assert r.json()["unchanged"] == 1
    r = cli("dossiers", "import", str(path), "--profile", "Tỉnh Y")
    assert r.code == 1 and "Tỉnh Y" in r.err


def _state(data_dir: Path):
    ws = open_workspace(data_dir)
    try:
        with ws.session() as s:
            rows = s.execute(
                select(Dossier.code, Dossier.result_at, Dossier.status).order_by(Dossier.code)
            ).all()
            imports = s.scalar(select(func.count()).select_from(DossierImport))
        return rows, imports
    finally:
        ws.close()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rong.xlsx", b"", "0 byte"),
        ("csv.xlsx", "Mã hồ sơ;Ngày\nH1;05/01/2023\n".encode(), "CSV"),
    ],
)
def test_bad_files_exit_1_and_change_nothing(cli, imported, data_dir, name, content, message):
    before = _state(data_dir)
    path = imported / name
    path.write_bytes(content)
    r = cli("dossiers", "import", str(path))
    assert r.code == 1
    assert r.err.startswith("Lỗi: ") and name in r.err and message in r.err
    assert _state(data_dir) == before


def _big_export(path: Path, n: int) -> Path:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("DS")
    ws.append(
        [
            "STT",
            "Mã hồ sơ",
            "Lĩnh vực",
            "Hình thức nộp",
            "Ngày tiếp nhận",
            "Ngày hẹn trả",
            "Ngày có kết quả",
            "Trạng thái",
        ]
    )
    start = datetime(2023, 1, 2, 8, 0)
    for i in range(n):
        rec = start + timedelta(minutes=7 * i)
        ws.append(
            [
                i + 1,
                f"K{i:06d}",
                "Hộ tịch",
                "Trực tuyến",
                rec.strftime("%d/%m/%Y %H:%M:%S"),
                (rec + timedelta(days=3)).strftime("%d/%m/%Y"),
                None,
                "Đang xử lý",
            ]
        )
    wb.save(path)
    return path


@pytest.mark.slow
def test_kill_during_import_leaves_the_database_as_before(cli, imported, data_dir):
    before = _state(data_dir)
    big = _big_export(imported / "lon.xlsx", 30_000)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from desktop.cli import main; sys.exit(main())",
            "--data-dir",
            str(data_dir),
            "dossiers",
            "import",
            str(big),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    seen = b""
    percent = 0
    try:
        # Wait until rows are being written inside the transaction (the second half).
        while percent < 60:
            chunk = os.read(proc.stderr.fileno(), 4096)
            assert chunk, f"the import ended before it could be killed: {seen[-300:]!r}"
            seen += chunk
            found = re.findall(rb"(\d+)%", seen)
            percent = int(found[-1]) if found else 0
        proc.kill()
    finally:
        proc.wait(timeout=60)
        proc.stderr.close()
    assert proc.returncode != 0  # killed, not finished
    assert _state(data_dir) == before
    # and the database still works: the same file imports whole afterwards
    r = cli("dossiers", "import", str(big), "--json")
    assert r.code == 0, r.err
    assert r.json()["imported"] == 30_000


def _imports(data_dir: Path) -> tuple[int, int]:
    ws = open_workspace(data_dir)
    try:
        with ws.session() as s:
            return (
                s.scalar(select(func.count()).select_from(Dossier)),
                s.scalar(select(func.count()).select_from(DossierImport)),
            )
    finally:
        ws.close()


def test_a_sheet_with_headers_only_records_nothing(cli, tmp_path, data_dir):
    wb = Workbook()
    wb.active.append(["STT", "Mã hồ sơ", "Tên thủ tục", "Ngày tiếp nhận", "Ngày hẹn trả"])
    wb.save(tmp_path / "chi-tieu-de.xlsx")
    r = cli("dossiers", "import", str(tmp_path / "chi-tieu-de.xlsx"))
    assert r.code == 1, r.out
    assert "tệp không có dòng hồ sơ nào" in r.err and "chi-tieu-de.xlsx" in r.err
    assert "Hồ sơ mới" not in r.out
    assert _imports(data_dir) == (0, 0)


def test_a_full_disk_during_an_import_says_how_much_room_is_needed(
    cli, tmp_path, data_dir, monkeypatch
):
    """SQLite's own "database or disk is full" (a page limit stands for the full disk)."""
    import db.engine

    assert cli("dossiers", "import", str(write_export1(tmp_path / "e1.xlsx"))).code == 0
    before = _imports(data_dir)
    real = db.engine.setup_connection

    def full_disk(conn) -> None:
        real(conn)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count={pages}")

    wb = Workbook()  # a year's register: more rows than the database has room for
    wb.active.append(["Mã hồ sơ", "Tên thủ tục", "Ngày tiếp nhận", "Ngày hẹn trả"])
    for i in range(3000):
        wb.active.append([f"H{i:05}", "Đăng ký khai sinh " * 5, "05/01/2023", "10/01/2023"])
    wb.save(tmp_path / "ca-nam.xlsx")
    monkeypatch.setattr(db.engine, "setup_connection", full_disk)
    for argv in (
        ["dossiers", "import", str(tmp_path / "ca-nam.xlsx")],
        ["catalog", "import", str(catalog_with_codes(tmp_path / "bo.xlsx")), "--year", "2023"],
    ):
        r = cli(*argv)
        assert r.code == 1 and "Traceback" not in r.err, r.err
        assert "đã đầy: chưa lưu gì" in r.err and "Còn trống" in r.err
        assert "hãy giải phóng thêm ít nhất" in r.err and "disk is full" not in r.err
    monkeypatch.undo()
    assert _imports(data_dir) == before  # nothing half-saved
    assert cli("catalog", "list", "--year", "2023").code == 1
