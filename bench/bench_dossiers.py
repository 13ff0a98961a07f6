"""Benchmark of dossier import and statistics (issue 6). One command:

    python bench/bench_dossiers.py [--rows 50000] [--stored 100000]

Prints, measured in the same run:
- importing an export of --rows rows (read, normalise, upsert, commit) against openpyxl's
  read-only mode merely iterating the same file's cells: the ratio (target ≤ 0.8);
- the import's peak memory (a fresh child process; target < 300 MB);
- a period's figures over --stored stored dossiers (target < 50 ms), through an ORM session
  (the screens) and through a plain sqlite3 connection (the report).
Each timing runs in a fresh child process (best of --repeat), so one measurement's memory
and caches do not help another.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIELDS = [
    "Hộ tịch",
    "Chứng thực",
    "Đất đai",
    "Tư pháp",
    "Lao động - Thương binh và Xã hội",
    "Xây dựng",
    "Nông nghiệp",
    "Văn hóa",
    "Y tế",
    "Giáo dục",
    "Công thương",
    "Nội vụ",
]
CHANNELS = ["Trực tuyến", "Trực tiếp", "Dịch vụ bưu chính công ích"]


def make_export(path: Path, rows: int) -> None:
    """A portal-like export: title rows, STT, text dates dd/mm/yyyy HH:mm:ss, 12 columns."""
    from openpyxl import Workbook

    rnd = random.Random(6)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("DanhSach")
    ws.append(["UBND XÃ ĐỒNG TÂM"])
    ws.append(["DANH SÁCH HỒ SƠ TIẾP NHẬN"])
    ws.append(["Từ ngày 01/01/2019 đến ngày 31/12/2023"])
    ws.append([])
    ws.append(
        [
            "STT",
            "Mã hồ sơ",
            "Tên thủ tục hành chính",
            "Lĩnh vực",
            "Người nộp",
            "Hình thức nộp",
            "Ngày tiếp nhận",
            "Ngày hẹn trả",
            "Ngày có kết quả",
            "Ngày trả kết quả",
            "Trạng thái",
            "Số hóa hồ sơ",
        ]
    )
    start = datetime(2019, 1, 1, 7, 30)
    fmt = "%d/%m/%Y %H:%M:%S"
    for i in range(rows):
        rec = start + timedelta(minutes=rnd.randrange(0, 5 * 365 * 24 * 60))
        due = rec + timedelta(days=rnd.randrange(1, 15))
        done = rnd.random() < 0.95
        res = (
            rec + timedelta(days=rnd.randrange(0, 17), hours=rnd.randrange(0, 8)) if done else None
        )
        ws.append(
            [
                i + 1,
                f"000.00.18.H23-{rec:%y%m%d}-{i:05d}",
                "Đăng ký khai sinh",
                rnd.choice(FIELDS),
                "Nguyễn Văn An",
                rnd.choice(CHANNELS),
                rec.strftime(fmt),
                due.strftime("%d/%m/%Y"),
                res.strftime(fmt) if res else None,
                (res + timedelta(days=1)).strftime(fmt) if res else None,
                "Đã trả kết quả" if res else rnd.choice(["Đang xử lý", "Đã hủy"]),
                "x" if rnd.random() < 0.9 else None,
            ]
        )
    ws.append(["Tổng cộng", rows])
    wb.save(path)


# --- children (each runs in a fresh process) ---------------------------------------------


def _peak_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def child_openpyxl(path: Path) -> dict:
    from openpyxl import load_workbook

    t = time.perf_counter()
    wb = load_workbook(path, read_only=True, data_only=True)
    cells = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for _ in row:
                cells += 1
    wb.close()
    return {"seconds": time.perf_counter() - t, "cells": cells, "peak_mb": _peak_mb()}


def child_import(path: Path, data_dir: Path) -> dict:
    from desktop.core.dossiers import import_dossiers
    from desktop.core.workspace import open_workspace

    ws = open_workspace(data_dir)  # migrations run here, outside the timing
    t = time.perf_counter()
    with ws.transaction() as s:
        summary = import_dossiers(s, path)
    seconds = time.perf_counter() - t
    ws.close()
    return {"seconds": seconds, "imported": summary.imported, "peak_mb": _peak_mb()}


def child_stats(data_dir: Path, stored: int, repeat: int) -> dict:
    from sqlalchemy import func, insert, select

    from db.models_dossiers import Dossier
    from desktop.core.dossiers import (
        calendar_quarter,
        compute_figures,
        custom_period,
        nd09_period,
    )
    from desktop.core.dossiers.klass import klass_of
    from desktop.core.workspace import open_workspace

    ws = open_workspace(data_dir)
    with ws.session() as s:
        have = s.scalar(select(func.count()).select_from(Dossier))
    if have < stored:
        _fill(ws, stored - have, klass_of, insert, Dossier)
    periods = {
        "ND 09 quý I/2023": nd09_period("q1", 2023),
        "ND 09 6 tháng/2023": nd09_period("6m", 2023),
        "ND 09 năm 2023": nd09_period("year", 2023),
        "quý IV/2022 dương lịch": calendar_quarter(4, 2022),
        "tháng 02/2021": custom_period("01/02/2021", "28/02/2021"),
        "10 năm (mọi hồ sơ)": custom_period("01/01/2014", "31/12/2024"),
    }
    out = {}
    with ws.session() as s:
        for name, period in periods.items():
            compute_figures(s, period)  # warm the page cache
            best = min(_timed(compute_figures, s, period) for _ in range(repeat))
            fig = compute_figures(s, period)
            out[name] = {"ms": best * 1000, "received": fig.total["received.total"]}
    with ws.connection() as conn:
        for name, period in periods.items():
            best = min(_timed(compute_figures, conn, period) for _ in range(repeat))
            assert compute_figures(conn, period).total["received.total"] == out[name]["received"]
            out[name]["ms_conn"] = best * 1000
    ws.close()
    return out


def _timed(fn, *args) -> float:
    t = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t


def _fill(ws, n: int, klass_of, insert, Dossier) -> None:
    """``n`` dossiers over ten years (2014–2024), ~10,000 a year like a busy commune."""
    rnd = random.Random(9)
    start = datetime(2014, 1, 1, 7, 0)
    channels = ["online", "direct", "postal"]
    batch = []
    with ws.transaction() as s:
        for i in range(n):
            rec = start + timedelta(minutes=rnd.randrange(0, 10 * 365 * 24 * 60))
            due = (rec + timedelta(days=rnd.randrange(1, 15))).replace(
                hour=23, minute=59, second=59
            )
            res = rec + timedelta(days=rnd.randrange(0, 17)) if rnd.random() < 0.97 else None
            row = {
                "code": f"BENCH-{i:07d}",
                "procedure": "Đăng ký khai sinh",
                "field": rnd.choice(FIELDS),
                "applicant": "",
                "channel": rnd.choice(channels),
                "received_at": rec,
                "due_at": due,
                "result_at": res,
                "returned_at": None,
                "status": "",
                "status_kind": "returned" if res else "processing",
                "digitised_on_receipt": rnd.random() < 0.9,
                "result_digitised": None,
                "online_payment": None,
                "online_level": None,
                "e_certified": False,
            }
            row["klass"] = klass_of(row)
            batch.append(row)
            if len(batch) == 5000:
                s.execute(insert(Dossier.__table__), batch)
                batch = []
        if batch:
            s.execute(insert(Dossier.__table__), batch)


def _run_child(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"child {args[0]} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rows", type=int, default=50_000)
    ap.add_argument("--stored", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "openpyxl":
            result = child_openpyxl(Path(rest[0]))
        elif kind == "import":
            result = child_import(Path(rest[0]), Path(rest[1]))
        else:
            result = child_stats(Path(rest[0]), int(rest[1]), int(rest[2]))
        print(json.dumps(result))
        return

    with tempfile.TemporaryDirectory(prefix="bench-hoso-") as tmp:
        tmp_path = Path(tmp)
        export = tmp_path / "danh-sach.xlsx"
        t = time.perf_counter()
        make_export(export, args.rows)
        print(
            f"Tệp thử: {args.rows:,} dòng, {export.stat().st_size / 1e6:.1f} MB "
            f"(tạo trong {time.perf_counter() - t:.1f} s)"
        )

        base = [_run_child("openpyxl", str(export)) for _ in range(args.repeat)]
        imports = [
            _run_child("import", str(export), str(tmp_path / f"data-{i}"))
            for i in range(args.repeat)
        ]
        b = min(r["seconds"] for r in base)
        im = min(r["seconds"] for r in imports)
        peak = max((r["peak_mb"] or 0) for r in imports)
        assert all(r["imported"] == args.rows for r in imports), imports
        print(f"openpyxl read-only, chỉ duyệt ô: {b:.2f} s ({base[0]['cells']:,} ô)")
        print(f"Nhập hồ sơ (đọc, chuẩn hóa, ghi, commit): {im:.2f} s")
        print(f"  tỷ lệ nhập / openpyxl = {im / b:.2f} (mục tiêu ≤ 0,80)")
        if peak:
            print(f"  bộ nhớ đỉnh của tiến trình nhập: {peak:.0f} MB (mục tiêu < 300 MB)")

        stats = _run_child("stats", str(tmp_path / "stats"), str(args.stored), str(args.repeat))
        print(f"Số liệu của một kỳ trên {args.stored:,} hồ sơ đã lưu (tốt nhất {args.repeat} lần):")
        print(f"  {'':<24} {'session':>10}  {'sqlite3':>10}")
        for name, r in stats.items():
            flag = "" if max(r["ms"], r["ms_conn"]) < 50 else "  (vượt 50 ms)"
            print(
                f"  {name:<24} {r['ms']:7.1f} ms  {r['ms_conn']:7.1f} ms"
                f"  ({r['received']:,} hồ sơ trong kỳ){flag}"
            )


if __name__ == "__main__":
    main()
