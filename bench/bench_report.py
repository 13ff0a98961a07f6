"""Benchmark of the report export (issue 7). One command:

    python bench/bench_report.py [--repeat 5]

Prints, measured in the same run, each as the median of --repeat fresh processes:
- the whole ``cchc report index --index-year 2022 --from 15/12/2022 --to 30/03/2023
  --number 123 --date 04/04/2023 --out FILE.docx`` process on a data folder filled like seed
  002 (start, open the database, draft/refresh, write the .docx, record it);
- a process that only imports python-docx and saves an empty document (the baseline);
- their ratio (target ≤ 2×);
- for information, the same command with ``--pdf`` (the app's own PDF through Qt), a
  process that only imports SQLAlchemy's ORM and python-docx (what the command avoids), and
  writing the report's .docx in this process (``write_docx``, median of --repeat) next to
  python-docx opening and saving an empty document.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

BASELINE = "import sys, docx; docx.Document().save(sys.argv[1])"
# For information: what the command would cost at the least if it loaded SQLAlchemy's ORM,
# which is why the report reads and writes the register in plain SQL (db.sqlconn).
WITH_ORM = "import sys, sqlalchemy.orm, docx; docx.Document().save(sys.argv[1])"
TARGET = 2.0


def _timed(cmd: list[str], env: dict | None = None) -> float:
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - t0
    if r.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{r.stderr}")
    return elapsed


def _median(cmd: list[str], repeat: int, env: dict | None = None) -> float:
    _timed(cmd, env)  # warm the disk cache and the .pyc files
    return statistics.median(_timed(cmd, env) for _ in range(repeat))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    import os

    from report_seed import fill_seed_002

    from desktop.core.workspace import open_workspace

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ws = open_workspace(root / "du-lieu")
        fill_seed_002(ws, root)
        ws.close()
        # As installed: bytecode cached (a development shell may say PYTHONDONTWRITEBYTECODE).
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        report = [
            sys.executable,
            "-m",
            "desktop.cli",
            "--data-dir",
            str(root / "du-lieu"),
            "report",
            "index",
            "--index-year",
            "2022",
            "--from",
            "15/12/2022",
            "--to",
            "30/03/2023",
            "--number",
            "123",
            "--date",
            "04/04/2023",
            "--out",
            str(root / "BC-123.docx"),
        ]
        base = _median([sys.executable, "-c", BASELINE, str(root / "empty.docx")], args.repeat, env)
        orm = _median([sys.executable, "-c", WITH_ORM, str(root / "orm.docx")], args.repeat, env)
        whole = _median(report, args.repeat, env)
        with_pdf = _median([*report, "--pdf", str(root / "BC-123.pdf")], args.repeat, env)
        write, empty = _write_in_process(root, args.repeat)
    ratio = whole / base
    print(f"baseline (import python-docx, save an empty .docx): {base * 1000:7.0f} ms")
    print(f"cchc report index → .docx (whole process):          {whole * 1000:7.0f} ms")
    print(f"ratio: {ratio:.2f}× (target ≤ {TARGET:.0f}×) {'OK' if ratio <= TARGET else 'TOO SLOW'}")
    print(f"cchc report index → .docx and app PDF (information): {with_pdf * 1000:7.0f} ms")
    print(
        f"information: import SQLAlchemy ORM + python-docx, save empty: {orm * 1000:.0f} ms "
        f"({orm / base:.2f}× the baseline; the report command does not load SQLAlchemy)"
    )
    print(
        f"write_docx in process (information):                 {write * 1000:7.1f} ms "
        f"(python-docx opening and saving an empty document: {empty * 1000:.1f} ms)"
    )


def _write_in_process(root: Path, repeat: int) -> tuple[float, float]:
    """Medians of writing the drafted report's .docx and of an empty document's."""
    import docx

    from desktop.core.report.docx_writer import write_docx
    from desktop.core.report.layout import build_document
    from desktop.core.report.store import list_reports
    from desktop.core.workspace import open_workspace

    ws = open_workspace(root / "du-lieu")
    try:
        with ws.session() as s:
            doc = build_document(list_reports(s)[0])
    finally:
        ws.close()

    def timed(write) -> float:
        times = []
        for i in range(repeat + 1):  # the first one warms up
            t0 = time.perf_counter()
            write(root / f"in-process-{i}.docx")
            times.append(time.perf_counter() - t0)
        return statistics.median(times[1:])

    return timed(lambda p: write_docx(doc, p)), timed(lambda p: docx.Document().save(str(p)))


if __name__ == "__main__":
    main()
