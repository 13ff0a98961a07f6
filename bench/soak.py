"""Soak test: kill -9 over and over, then two writers at once. Not part of the test suite.

    python bench/soak.py [--trials 50] [--writers-seconds 60] [--keep]

1. ``--trials`` times (round robin): start one of ``evidence add`` (a 4 MB file), ``bundle
   import`` (a colleague's .zip), ``bundle export`` (.zip), ``backup create``, ``backup
   restore`` as a real ``cchc`` process, kill it (SIGKILL / TerminateProcess) at a random
   moment within its usual duration, then:
   - ``cchc check --json`` must say the data is sound (no finding of severity "error");
   - the same command run again must finish (exit 0): an interrupted job can be redone.
   A trial that breaks either rule is a failure (its output is printed).
2. Two ``evidence add`` loops on the same data folder for ``--writers-seconds``: every
   command must succeed (writers wait for each other) and every document a command said
   it added ("Đã thêm tài liệu: #N") must be in the database at the end.
3. Leftovers, after one more ``cchc check`` (a start cleans what killed processes left):
   ``*.part`` files, ``.tam-*`` folders of the history, half-written bundles
   (``*.dang-ghi``) on the stick, and findings of kind ``temp_left``.

Prints ``trials``, ``failures`` and ``leftovers`` (target 0 / 0 / 0) and exits 1 when a
failure or a leftover was found. Everything happens in a temporary folder (``--keep``
keeps it and prints where).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
YEAR = "2023"
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}


def cchc(data: Path, *argv: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", "--data-dir", str(data), *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=ENV,
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )


def must(data: Path, *argv: str) -> str:
    r = cchc(data, *argv)
    if r.returncode != 0:
        raise SystemExit(f"Chuẩn bị không được: cchc {' '.join(argv)}\n{r.stdout}{r.stderr}")
    return r.stdout


def flag_supported(data: Path, command: tuple[str, ...], flag: str) -> bool:
    return flag in cchc(data, *command, "--help").stdout


@dataclass
class Soak:
    root: Path
    data: Path = field(init=False)
    usb: Path = field(init=False)
    colleague_zip: Path = field(init=False)
    backup: Path = field(init=False)
    counter: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.data = self.root / "dữ liệu xã"  # spaces and Vietnamese, as on a real PC
        self.usb = self.root / "usb"
        self.usb.mkdir(parents=True)

    # --- setup -------------------------------------------------------------------------
    def setup(self) -> None:
        init = ("init", "--commune", "Đồng Tâm", "--province", "Hải Dương", "--year", YEAR)
        must(self.data, *init)
        colleague = self.root / "may dong nghiep"
        must(colleague, *init)
        for n in range(8):
            must(colleague, *self.add_args(f"{100 + n}/BC-UBND", size=1_000_000))
        must(colleague, "bundle", "export", str(self.root), "--year", YEAR, "--zip")
        self.colleague_zip = next(self.root.glob("*.zip"))
        for n in range(3):
            must(self.data, *self.add_args(f"{n + 1}/KH-UBND", size=500_000))
        self.backup = Path(must(self.data, "backup", "create").strip().splitlines()[-1])
        self.restore_yes = flag_supported(self.data, ("backup", "restore"), "--yes")
        self.import_flags = [
            f
            for f in ("--other-commune", "--accept-new-key")
            if flag_supported(self.data, ("bundle", "import"), f)
        ]

    def add_args(self, number: str, size: int = 4_000_000) -> list[str]:
        with self.lock:
            self.counter += 1
            n = self.counter
        src = self.root / "nguon"
        src.mkdir(exist_ok=True)
        path = src / f"tai-lieu-{n}.pdf"
        path.write_bytes(b"%PDF-1.4 " + os.urandom(size))
        return [
            "evidence", "add", str(path), "--year", YEAR, "--criterion", "1",
            "--number", number, "--date", "04/04/2023", "--summary", f"Tài liệu thử {n}",
        ]  # fmt: skip

    def operations(self) -> dict[str, list[str]]:
        restore = ["backup", "restore", str(self.backup)] + (["--yes"] if self.restore_yes else [])
        return {
            "evidence add": self.add_args(f"{random.randint(1000, 9999)}/TB-UBND"),
            "bundle import": [
                "bundle",
                "import",
                str(self.colleague_zip),
                "--yes",
                *self.import_flags,
            ],
            "bundle export": ["bundle", "export", str(self.usb), "--year", YEAR, "--zip"],
            "backup create": ["backup", "create"],
            "backup restore": restore,
        }

    # --- checks ------------------------------------------------------------------------
    def errors(self) -> list[str]:
        r = cchc(self.data, "check", "--json")
        try:
            doc = json.loads(r.stdout)
        except json.JSONDecodeError:
            return [f"check không chạy được (mã {r.returncode}): {r.stderr.strip()[-300:]}"]
        return [f"{f['kind']}: {f['message']}" for f in doc["findings"] if f["severity"] == "error"]

    def leftovers(self) -> list[str]:
        """What killed processes left behind (each file once), after one more start."""
        r = cchc(self.data, "check", "--json")
        found = []
        for folder in (self.data, self.usb):
            for p in folder.rglob("*"):
                if p.name.endswith((".part", ".dang-ghi")) or p.name.startswith(".tam-"):
                    found.append(str(p.relative_to(self.root)))
        try:
            said = [
                f["message"] for f in json.loads(r.stdout)["findings"] if f["kind"] == "temp_left"
            ]
        except json.JSONDecodeError:
            said = ["check không chạy được"]
        return sorted(found) or said  # check's own finding when no file was seen


def kill_at_random(soak: Soak, name: str, argv: list[str], usual: float) -> str | None:
    """One trial; returns what went wrong, or None."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop.cli", "--data-dir", str(soak.data), *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=ENV,
        cwd=ROOT,
    )
    time.sleep(random.uniform(0.05, max(0.1, usual)))
    proc.kill()  # SIGKILL on Linux, TerminateProcess on Windows: no cleanup runs
    proc.wait()
    problems = soak.errors()
    if problems:
        return f"{name}: sau khi bị ngắt, check báo lỗi: {'; '.join(problems)[:500]}"
    again = cchc(soak.data, *argv)
    if again.returncode != 0:
        return f"{name}: chạy lại không xong (mã {again.returncode}): {again.stderr.strip()[-500:]}"
    problems = soak.errors()
    if problems:
        return f"{name}: chạy lại xong nhưng check báo lỗi: {'; '.join(problems)[:500]}"
    return None


def kill_trials(soak: Soak, trials: int) -> list[str]:
    ops = list(soak.operations())
    usual: dict[str, float] = {}
    for name in ops:  # how long each takes when left alone
        started = time.perf_counter()
        r = cchc(soak.data, *soak.operations()[name])
        usual[name] = time.perf_counter() - started
        if r.returncode != 0:
            raise SystemExit(f"{name} không chạy được:\n{r.stdout}{r.stderr}")
    failures = []
    for n in range(trials):
        name = ops[n % len(ops)]
        failure = kill_at_random(soak, name, soak.operations()[name], usual[name])
        status = "LỖI" if failure else "ok"
        print(f"  lần {n + 1:>3}/{trials}  {name:<15} ngắt sau ≤{usual[name]:.1f}s  {status}")
        if failure:
            failures.append(failure)
    return failures


ADDED = re.compile(r"Đã thêm tài liệu: #(\d+)")


def two_writers(soak: Soak, seconds: float) -> tuple[int, list[str]]:
    """Two loops of ``evidence add``; returns (writes, failures)."""
    deadline = time.monotonic() + seconds
    writes: list[int] = []
    failures: list[str] = []

    def loop(who: str) -> None:
        while time.monotonic() < deadline:
            r = cchc(soak.data, *soak.add_args(f"{who}-{random.randint(1, 10**6)}", size=20_000))
            if r.returncode != 0:
                failures.append(f"người ghi {who}: mã {r.returncode}: {r.stderr.strip()[-300:]}")
                continue
            m = ADDED.search(r.stdout + r.stderr)
            if m:
                writes.append(int(m[1]))

    threads = [threading.Thread(target=loop, args=(w,)) for w in ("A", "B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    con = sqlite3.connect(soak.data / "so-cchc.sqlite3")
    try:
        have = {row[0] for row in con.execute("SELECT id FROM evidence_document")}
    finally:
        con.close()
    lost = sorted(set(writes) - have)
    if lost:
        failures.append(f"{len(lost)} tài liệu báo đã thêm nhưng không có: #{lost[:10]}")
    failures += [f"sau hai người ghi: {p}" for p in soak.errors()]
    return len(writes), failures


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--trials", type=int, default=50)
    p.add_argument("--writers-seconds", type=float, default=60)
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--keep", action="store_true", help="giữ thư mục tạm để xem lại")
    args = p.parse_args(argv)
    random.seed(args.seed)
    root = Path(tempfile.mkdtemp(prefix="soak-cchc-"))
    soak = Soak(root)
    started = time.perf_counter()
    try:
        print(f"Chuẩn bị dữ liệu trong {root} …")
        soak.setup()
        print(f"{args.trials} lần kill -9:")
        failures = kill_trials(soak, args.trials)
        print(f"Hai người ghi cùng lúc trong {args.writers_seconds:.0f} giây …")
        writes, writer_failures = two_writers(soak, args.writers_seconds)
        leftovers = soak.leftovers()
    finally:
        if args.keep:
            print(f"Giữ lại: {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    for f in failures + writer_failures:
        print(f"  LỖI: {f}")
    for name in leftovers:
        print(f"  CÒN SÓT: {name}")
    print(f"two writers: {writes} writes, {len(writer_failures)} failures")
    print(
        f"trials: {args.trials}  failures: {len(failures) + len(writer_failures)}  "
        f"leftovers: {len(leftovers)}  ({time.perf_counter() - started:.0f} s)"
    )
    return 1 if failures or writer_failures or leftovers else 0


if __name__ == "__main__":
    sys.exit(main())
