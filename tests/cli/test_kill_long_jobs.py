"""kill -9 in the middle of an export, an import or a backup (a real subprocess): the data
folder stays sound (integrity check), nothing half-done looks finished, and running the
same command again completes it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bundle_fixtures import count_documents, evidence_fixture, usb_fixture  # noqa: F401

from desktop.core.backup.files import STICK_DIR_NAME, backups_dir, list_backups
from desktop.core.backup.integrity import check_integrity
from desktop.core.bundle.verify import verify_bundle
from desktop.core.workspace import open_workspace

pytestmark = pytest.mark.slow

# Runs ``cchc ARGS`` and freezes at the N-th progress update whose text starts with PREFIX,
# after saying so on stdout: the test then kills it with SIGKILL (TerminateProcess).
CHILD = """
import sys, threading
from desktop.core import progress
prefix, nth, argv = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
real, seen = progress.Progress.update, [0]
def update(self, done, total=0, text=""):
    if text.startswith(prefix):
        seen[0] += 1
        if seen[0] == nth:
            print("FROZEN", flush=True)
            threading.Event().wait()
    return real(self, done, total, text)
progress.Progress.update = update
from desktop.cli import main
sys.exit(main(argv))
"""


def kill_midway(tmp_path: Path, prefix: str, nth: int, *argv: str) -> None:
    err = (tmp_path / "child-stderr.txt").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, prefix, str(nth), *argv],
        stdout=subprocess.PIPE,
        stderr=err,
        encoding="utf-8",
        errors="replace",
    )
    try:
        for line in proc.stdout:  # the command's own output comes first
            if line == "FROZEN\n":
                break
        else:
            pytest.fail((tmp_path / "child-stderr.txt").read_text(encoding="utf-8"))
        proc.kill()
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        err.close()
    assert proc.returncode != 0


def sound(data_dir: Path) -> list[str]:
    """Integrity of the data folder after the kill: no errors; the kinds of warnings."""
    ws = open_workspace(data_dir)
    try:
        report = check_integrity(ws, full=True)
    finally:
        ws.close()
    assert report.ok, report.to_json()
    return sorted({f.kind for f in report.findings})


def test_kill_during_export(cli, evidence, data_dir: Path, usb: Path, tmp_path: Path) -> None:
    kill_midway(
        tmp_path,
        "Đang ghi",
        2,
        "--data-dir",
        str(data_dir),
        "bundle",
        "export",
        str(usb),
        "--year",
        "2023",
    )
    left = list(usb.iterdir())
    assert len(left) == 1 and left[0].name.endswith(".dang-ghi")
    assert not (left[0] / "manifest.json").exists()
    assert [p.kind for p in verify_bundle(left[0]).problems][0] == "incomplete"
    assert sound(data_dir) == []
    r = cli("bundle", "export", str(usb), "--year", "2023")
    assert r.code == 0, r.err
    assert [p.name for p in usb.iterdir()] == [Path(r.out.strip()).name]
    assert verify_bundle(Path(r.out.strip())).ok


@pytest.mark.parametrize(("prefix", "nth"), [("Đang chép tệp", 2), ("Đang nhập tài liệu", 2)])
def test_kill_during_import(cli, evidence, usb: Path, tmp_path: Path, prefix, nth) -> None:
    bundle = cli("bundle", "export", str(usb), "--year", "2023", "--zip").out.strip()
    other = tmp_path / "dong-nghiep"
    kill_midway(
        tmp_path, prefix, nth, "--data-dir", str(other), "bundle", "import", bundle, "--yes"
    )
    assert count_documents(other) == 0  # one transaction: nothing or everything
    assert set(sound(other)) <= {"blob_orphaned", "temp_left"}
    r = cli("bundle", "import", bundle, "--yes", "--data-dir", str(other))
    assert r.code == 0 and "Đã nhập: 2 tài liệu mới" in r.out, r.err
    assert count_documents(other) == 2
    assert sound(other) == []


def test_kill_during_backup(cli, evidence, data_dir: Path, tmp_path: Path) -> None:
    kill_midway(tmp_path, "Đang sao lưu", 1, "--data-dir", str(data_dir), "backup", "create")
    folder = backups_dir(data_dir)
    assert list_backups(folder) == []
    assert [p.suffix for p in folder.iterdir()] == [".part"]
    assert sound(data_dir) == ["temp_left"]  # reported, then cleaned at the next start
    r = cli("backup", "create")
    assert r.code == 0, r.err
    assert [p.name for p in folder.iterdir()] == [Path(r.out.strip()).name]


def test_kill_during_backup_to_a_stick(
    cli, evidence, data_dir: Path, usb: Path, tmp_path: Path
) -> None:
    kill_midway(
        tmp_path, "Đang chép tệp", 2, "--data-dir", str(data_dir), "backup", "create", str(usb)
    )
    root = usb / STICK_DIR_NAME
    assert list_backups(root) == []
    assert len(list(root.glob("*.dang-ghi"))) == 1
    assert sound(data_dir) == []
    r = cli("backup", "create", str(usb))
    assert r.code == 0 and "Đã chép 1 tệp mới" in r.err and "1 tệp đã có sẵn" in r.err
    assert [b.path for b in list_backups(root)] == [Path(r.out.strip())]
    assert not list(root.glob("*.dang-ghi"))
