"""Start-up benchmark: ``cchc-desktop --self-test`` with 5,000 documents in the database
against a bare PySide6 window, both as whole processes, measured in the same run.

    python bench/bench_selftest.py [--docs 5000] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from db.models import Blob, CatalogNode, EvidenceDocument, EvidenceFile, EvidenceLink  # noqa: E402
from desktop.core.catalog.store import load_builtin  # noqa: E402
from desktop.core.evidence.documents import KINDS, search_text_of  # noqa: E402
from desktop.core.settings import set_setting  # noqa: E402
from desktop.core.workspace import open_workspace  # noqa: E402
from desktop.core.years.profile import save_profile  # noqa: E402

TARGET = 2.5


def fill(data_dir: Path, n_docs: int, year: int = 2025) -> None:
    ws = open_workspace(data_dir)
    with ws.transaction() as s:
        save_profile(s, commune_name="Đồng Tâm", district="Ninh Giang", province="Hải Dương")
        catalog, _ = load_builtin(s, year, "mau-minh-hoa")
        set_setting(s, "last_year", str(year))
        s.flush()
        leaves = [
            n.id
            for n in s.query(CatalogNode).filter_by(catalog_id=catalog.id)
            if not n.children and n.self_scored
        ]
        for i in range(n_docs):
            data = f"tài liệu {i}".encode()
            blob = ws.store.put_bytes(data)
            if s.get(Blob, blob.sha256) is None:
                s.add(Blob(sha256=blob.sha256, size=blob.size))
            number = f"{i + 1}/BC-UBND"
            summary = f"Báo cáo số {i + 1} về công tác cải cách hành chính"
            doc = EvidenceDocument(
                year=year,
                number=number,
                issue_date=date(year, 1 + i % 12, 1 + i % 28),
                kind=KINDS[i % len(KINDS)],
                summary=summary,
                issuer="UBND xã Đồng Tâm",
                search_text=search_text_of(number, summary, "UBND xã Đồng Tâm"),
            )
            doc.files.append(EvidenceFile(sha256=blob.sha256, original_name=f"{i + 1}.pdf"))
            doc.links.append(EvidenceLink(node_id=leaves[i % len(leaves)]))
            doc.links.append(EvidenceLink(node_id=leaves[(i * 7 + 3) % len(leaves)]))
            s.add(doc)
    ws.close()


def timed(cmd: list[str], env: dict) -> tuple[float, str]:
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    elapsed = (time.perf_counter() - t) * 1000
    if proc.returncode != 0 or not proc.stdout.startswith("ready"):
        raise SystemExit(f"failed: {cmd}\n{proc.stdout}\n{proc.stderr}")
    return elapsed, proc.stdout.split()[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--app", help="command of the app (default: this Python's desktop.ui.app)")
    args = ap.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    app_cmd = args.app.split() if args.app else [sys.executable, "-m", "desktop.ui.app"]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        t = time.perf_counter()
        fill(data, args.docs)
        print(f"filled {args.docs} documents in {time.perf_counter() - t:.1f} s")
        bare, app = [], []
        for _ in range(args.runs):  # interleaved so both see the same machine state
            bare.append(timed([sys.executable, str(HERE / "bare_window.py")], env)[0])
            app.append(timed([*app_cmd, "--self-test", "--data-dir", str(data)], env)[0])
    b, a = statistics.median(bare), statistics.median(app)
    ratio = a / b
    print(
        f"bare PySide6 window : median {b:7.0f} ms  (runs: {', '.join(f'{x:.0f}' for x in bare)})"
    )
    print(
        f"cchc-desktop --self-test ({args.docs} docs): median {a:7.0f} ms  "
        f"(runs: {', '.join(f'{x:.0f}' for x in app)})"
    )
    print(f"ratio {ratio:.2f}x (target <= {TARGET}x): {'OK' if ratio <= TARGET else 'OVER TARGET'}")


if __name__ == "__main__":
    main()
