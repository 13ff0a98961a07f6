"""``cchc report self-assessment --year YYYY --out FILE.docx|FILE.xlsx``: the
self-assessment report (its texts are set with ``cchc selfassess text``)."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.cli.common import EXIT_OK, Registry, emit_json, year_arg
from desktop.core.workspace import Workspace


def cmd_report(ws: Workspace, args) -> int:
    # Loaded here, not with the module: ``cchc report index`` shares the ``report`` word and
    # must not wait for SQLAlchemy.
    from desktop.core.selfassess.export_docx import export_self_assessment
    from desktop.core.selfassess.report import gather_report

    out = Path(args.out)
    with ws.session() as s:
        report = gather_report(s, args.year, ws.store)
    export_self_assessment(report, out)
    missing = [code for code, _title in report.unexplained]
    if args.json:
        emit_json({"year": args.year, "out": str(out), "missing_explanations": missing})
    else:
        print(f"Đã xuất báo cáo tự đánh giá năm {args.year} ra {out}.")
        if missing:
            print(
                f"Lưu ý: còn {len(missing)} tiêu chí thành phần chưa có giải trình "
                f"({', '.join(missing[:10])}{'…' if len(missing) > 10 else ''}); "
                "bản xuất để trống “…” ở mục Giải trình.",
                file=sys.stderr,
            )
    return EXIT_OK


def register(r: Registry) -> None:
    sp = r.group("report", "báo cáo").command(
        "self-assessment", cmd_report, "xuất báo cáo tự đánh giá ra .docx hoặc .xlsx"
    )
    sp.add_argument("--year", type=year_arg, required=True)
    sp.add_argument("--out", required=True, metavar="FILE", help="tệp .docx hoặc .xlsx")
