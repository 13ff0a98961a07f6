"""Two or three programs writing to one data folder at once: every write lands (they wait
for each other), none fails with "database is locked", and one bundle imported twice at
once adds each document once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.workspace import open_workspace

pytestmark = pytest.mark.slow

WRITER = """
import sys, time
from pathlib import Path
from desktop.cli import main
data, start, who, count, scan = sys.argv[1:6]
while not Path(start).exists():  # all writers begin together
    time.sleep(0.01)
failed = 0
for i in range(int(count)):
    code = main([
        "--data-dir", data, "evidence", "add", scan, "--year", "2023", "--criterion", "1.1.1",
        "--number", f"{who}-{i}/KH-UBND", "--date", "01/03/2023",
        "--summary", f"Kế hoạch {who} {i}",
    ])
    failed += code != 0
sys.exit(failed)
"""


def _run_together(tmp_path: Path, commands: list[list[str]]) -> list[subprocess.CompletedProcess]:
    start = tmp_path / "bat-dau"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", *cmd] if cmd[0] == WRITER else cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        for cmd in commands
    ]
    start.write_text("go")
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=300)
        out.append(subprocess.CompletedProcess(p.args, p.returncode, stdout, stderr))
    return out


def _documents(data_dir: Path) -> list[str]:
    ws = open_workspace(data_dir)
    try:
        with ws.connection() as con:
            return [r[0] for r in con.execute("SELECT number FROM evidence_document")]
    finally:
        ws.close()


def test_three_commands_adding_documents_at_once_all_land(
    sample_year, data_dir: Path, scan, tmp_path: Path
) -> None:
    start = str(tmp_path / "bat-dau")
    runs = _run_together(
        tmp_path,
        [[WRITER, str(data_dir), start, who, "6", scan(f"{who}.pdf")] for who in "ABC"],
    )
    for r in runs:
        assert r.returncode == 0, r.stderr
        assert "Traceback" not in r.stderr and "database is locked" not in r.stderr
    assert sorted(_documents(data_dir)) == sorted(
        f"{w}-{i}/KH-UBND" for w in "ABC" for i in range(6)
    )


IMPORTER = """
import sys, time
from pathlib import Path
from desktop.cli import main
data, start, bundle = sys.argv[1:4]
while not Path(start).exists():
    time.sleep(0.01)
sys.exit(main(["--data-dir", data, "bundle", "import", bundle, "--yes"]))
"""


def test_one_bundle_imported_twice_at_once_adds_each_document_once(
    cli, sample_year, data_dir: Path, scan, tmp_path: Path
) -> None:
    for i in range(3):
        args = ["--year", "2023", "--criterion", "1.1.1", "--date", "01/03/2023"]
        assert cli("evidence", "add", scan(f"{i}.pdf"), *args, "--number", f"{i}/KH-UBND").code == 0
    usb = tmp_path / "usb"
    usb.mkdir()
    bundle = cli("bundle", "export", str(usb), "--year", "2023").out.strip()
    other, start = tmp_path / "may-khac", str(tmp_path / "bat-dau")
    runs = _run_together(
        tmp_path,
        [[sys.executable, "-c", IMPORTER, str(other), start, bundle] for _ in range(2)],
    )
    for r in runs:
        assert "Traceback" not in r.stderr, r.stderr[-3000:]
    assert any(r.returncode == 0 for r in runs)
    assert sorted(_documents(other)) == ["0/KH-UBND", "1/KH-UBND", "2/KH-UBND"]


DOSSIERS = """
import sys, time
from pathlib import Path
from desktop.cli import main
data, start, sheet = sys.argv[1:4]
while not Path(start).exists():
    time.sleep(0.01)
sys.exit(main(["--data-dir", data, "dossiers", "import", sheet]))
"""


def test_a_dossier_import_beside_documents_being_added(
    sample_year, data_dir: Path, scan, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Mã hồ sơ", "Tên thủ tục", "Ngày tiếp nhận", "Ngày hẹn trả"])
    for i in range(2000):
        wb.active.append([f"H{i:05}", "Đăng ký khai sinh", "05/01/2023", "10/01/2023"])
    wb.save(tmp_path / "ho-so.xlsx")
    start = str(tmp_path / "bat-dau")
    runs = _run_together(
        tmp_path,
        [
            [sys.executable, "-c", DOSSIERS, str(data_dir), start, str(tmp_path / "ho-so.xlsx")],
            [WRITER, str(data_dir), start, "A", "6", scan("A.pdf")],
        ],
    )
    for r in runs:
        assert r.returncode == 0, r.stderr
        assert "Traceback" not in r.stderr
    assert len(_documents(data_dir)) == 6
    assert "Hồ sơ mới: 2.000" in runs[0].stdout
