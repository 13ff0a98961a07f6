"""Catalog import, appraised results, losses and the remediation plan.

``cchc catalog import FILE --year YYYY [--name TEXT] [--accept] [--json]``,
``cchc results import FILE --year YYYY``, ``cchc results show --year YYYY``,
``cchc losses --year YYYY``, ``cchc plan export --year YYYY --out FILE.docx|FILE.xlsx``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli.common import EXIT_ERROR, EXIT_OK, Registry, emit_json, json_number, year_arg
from desktop.core.backup.store import create_backup
from desktop.core.catalog.importer import read_catalog_file, save_preview
from desktop.core.catalog.replace import rule_losses
from desktop.core.catalog.store import CatalogProblem
from desktop.core.office.vnformat import format_fraction, format_points
from desktop.core.results.importer import (
    REPLACE_BACKUP_LABEL,
    match_results,
    read_results_file,
    replacement_for,
    save_results,
)
from desktop.core.results.losses import loss_report
from desktop.core.results.plan import plan_for_export
from desktop.core.results.plan_export import export_plan, plan_warnings
from desktop.core.results.store import results_info
from desktop.core.workspace import Workspace


def _problems_json(problems: list[CatalogProblem]) -> list[dict]:
    return [
        {
            "severity": p.severity,
            "sheet": p.sheet,
            "row": p.row,
            "code": p.code,
            "message": p.message,
        }
        for p in problems
    ]


def _print_problems(problems: list[CatalogProblem]) -> None:
    for p in problems:
        label = "LỖI" if p.is_error else "Cảnh báo"
        print(f"{label}: {p.message}", file=sys.stderr)


# --- catalog import ---------------------------------------------------------------------


def cmd_catalog_import(ws: Workspace, args: argparse.Namespace) -> int:
    preview = read_catalog_file(Path(args.file), year=args.year, sheet=args.sheet)
    errors, warnings = preview.errors, preview.warnings
    with ws.session() as s:  # hand-set scoring rules a replace would drop: ask (--accept)
        rules_lost = rule_losses(s, args.year, preview.rows)
    may_save = not errors and (args.accept or not (warnings or rules_lost)) and not args.check
    outcome = None
    if may_save:
        with ws.transaction() as s:
            outcome = save_preview(s, args.year, preview, name=args.name, accept_warnings=True)
        rules_lost = list(outcome.rules_lost)
    if args.json:
        emit_json(
            {
                "file": str(args.file),
                "sheet": preview.sheet,
                "year": args.year,
                "name": args.name or preview.name,
                "decision_number": preview.decision_number,
                "decision_date": (
                    preview.decision_date.isoformat() if preview.decision_date else None
                ),
                "issuer": preview.issuer,
                "parts": preview.parts,
                "node_count": len(preview.rows),
                "errors": len(errors),
                "warnings": len(warnings),
                "problems": _problems_json(preview.problems),
                "saved": outcome is not None,
                "replaced": bool(outcome and outcome.replaced),
                "rules_kept": list(outcome.rules_kept) if outcome else [],
                "rules_lost": rules_lost,
                "nodes": [
                    {
                        "code": r.code,
                        "level": r.level,
                        "title": r.title,
                        "max_points": json_number(r.max_points),
                        "sheet": r.sheet,
                        "row": r.row,
                        "written_code": r.written_code,
                        "scoring_guide": r.scoring_guide,
                        "evidence_required": r.evidence_required,
                        "rule": r.rule_text,
                    }
                    for r in preview.rows
                ],
            }
        )
    else:
        _print_problems(preview.problems)
        if rules_lost:
            print(
                f"{'Đã bỏ' if outcome else 'Cảnh báo: thay bộ tiêu chí sẽ bỏ'} cách tính điểm "
                f"đặt tay ở {len(rules_lost)} mục không còn trong bộ mới: "
                f"{', '.join(rules_lost)}.",
                file=sys.stderr,
            )
        levels = sorted({r.level for r in preview.rows})
        if preview.kind == "sheet":
            where = f"sheet “{preview.sheet}”"
        else:
            parts = preview.parts
            where = parts[0] if len(parts) == 1 else f"{parts[0]} – {parts[-1]}"
        print(
            f"Đọc {len(preview.rows)} mục (cấp {', '.join(map(str, levels))}) từ {where} "
            f"của {Path(args.file).name}: {len(errors)} lỗi, {len(warnings)} cảnh báo."
        )
        if outcome is not None:
            if outcome.replaced:
                kept = ""
                if outcome.moved_results or outcome.moved_assignments:
                    kept = (
                        f" Giữ lại {outcome.moved_results} điểm thẩm định và "
                        f"{outcome.moved_assignments} người phụ trách theo mã."
                    )
                if outcome.rules_kept:
                    kept += f" Giữ {len(outcome.rules_kept)} cách tính điểm đặt tay."
                print(
                    f"Đã thay thế bộ tiêu chí “{outcome.replaced_name}” của năm {args.year} "
                    f"bằng bộ vừa nhập ({outcome.node_count} mục, tổng "
                    f"{format_points(outcome.total_points)} điểm).{kept}"
                )
            else:
                print(
                    f"Đã lưu bộ tiêu chí năm {args.year}: {outcome.node_count} mục, tổng "
                    f"{format_points(outcome.total_points)} điểm."
                )
    if outcome is not None or args.check:
        return EXIT_OK if not errors else EXIT_ERROR
    if errors:
        print("Chưa lưu: hãy sửa các lỗi trong tệp rồi nhập lại.", file=sys.stderr)
    else:
        print("Chưa lưu: có cảnh báo. Xem lại rồi chạy lại với --accept để lưu.", file=sys.stderr)
    return EXIT_ERROR


# --- results ----------------------------------------------------------------------------


def cmd_results_import(ws: Workspace, args: argparse.Namespace) -> int:
    preview = read_results_file(Path(args.file), year=args.year, sheet=args.sheet)
    with ws.session() as s:
        match_results(s, preview)
        replaces = replacement_for(s, preview)
    saved = backup = None
    refused = replaces is not None and not args.replace and not preview.errors
    if not preview.errors and not refused:
        if replaces is not None:  # what is replaced can be had back from this copy
            backup = create_backup(ws, label=REPLACE_BACKUP_LABEL).path
        with ws.transaction() as s:
            saved = save_results(s, preview)
    if args.json:
        emit_json(
            {
                "file": str(args.file),
                "sheet": preview.sheet,
                "year": args.year,
                "saved": saved is not None,
                "node_count": len(preview.matched),
                "total": json_number(preview.total),
                "total_rank": preview.total_rank or None,
                "decision_number": preview.decision_number,
                "problems": _problems_json(preview.problems),
                "replaces": replaces.to_json() if replaces else None,
                "backup": str(backup) if backup else None,
            }
        )
    else:
        _print_problems(preview.problems)
        if replaces is not None and (refused or saved is not None):
            print(replaces.describe())
        if saved is not None:
            again = f" (thay cho {saved.replaced} điểm đã có)" if saved.replaced else ""
            total = ""
            if saved.total is not None:
                total = f"; tổng {format_points(saved.total)}"
                total += f", xếp hạng {saved.total_rank}" if saved.total_rank else ""
            print(
                f"Đã nhập kết quả thẩm định năm {args.year}: {saved.node_count} mục{again}{total}."
            )
            if backup:
                print(f"Đã sao lưu trước khi thay: {backup}")
        elif refused:
            print(
                "Chưa lưu gì. Xem lại rồi chạy lại với --replace để thay (dữ liệu hiện tại "
                "được sao lưu trước)."
            )
        else:
            print("Chưa lưu: hãy sửa các lỗi trong tệp rồi nhập lại.", file=sys.stderr)
    return EXIT_OK if saved is not None else EXIT_ERROR


def cmd_results_show(ws: Workspace, args: argparse.Namespace) -> int:
    with ws.session() as s:
        info = results_info(s, args.year)
    if args.json:
        emit_json(
            {
                "year": info.year,
                "decision_number": info.decision_number,
                "decision_date": info.decision_date.isoformat() if info.decision_date else None,
                "publisher": info.publisher,
                "total": json_number(info.total),
                "total_rank": info.total_rank or None,
                "total_is_sum": info.total_is_sum,
                "max_total": json_number(info.max_total),
                "nodes": [
                    {
                        "code": n.code,
                        "level": n.level,
                        "title": n.title,
                        "max_points": json_number(n.max_points),
                        "score": json_number(n.score),
                        "rank": n.rank or None,
                        "applicable": n.applicable,
                    }
                    for n in info.nodes
                ],
            }
        )
        return EXIT_OK
    if not info.has_scores:
        print(f"Năm {args.year} chưa có kết quả thẩm định.")
        return EXIT_OK
    for n in info.nodes:
        if n.score is None and n.applicable:
            continue
        shown = format_fraction(n.score, n.max_points) if n.applicable else "không áp dụng"
        rank = f"  hạng {n.rank}" if n.rank else ""
        print(f"{'  ' * (n.level - 1)}{n.code}  {n.title}: {shown}{rank}")
    rank = f", xếp hạng {info.total_rank}" if info.total_rank else ""
    print(f"Tổng: {info.total_text}{rank}.")
    return EXIT_OK


def cmd_losses(ws: Workspace, args: argparse.Namespace) -> int:
    with ws.session() as s:
        report = loss_report(s, args.year)
    if args.json:
        emit_json(
            {
                "year": report.year,
                "total": json_number(report.total),
                "total_rank": report.total_rank or None,
                "lost_total": json_number(report.lost_total),
                "rows": [
                    {
                        "code": r.code,
                        "title": r.title,
                        "area": r.area_code,
                        "max_points": json_number(r.max_points),
                        "score": json_number(r.score),
                        "lost": json_number(r.lost),
                        "self_score": json_number(r.self_score),
                        "cut": json_number(r.cut),
                        "responsible": r.responsible or None,
                    }
                    for r in report.rows
                ],
                "areas": [
                    {
                        "code": a.code,
                        "title": a.title,
                        "max_points": json_number(a.max_points),
                        "score": json_number(a.score),
                        "lost": json_number(a.lost),
                        "rank": a.rank or None,
                        "previous_score": json_number(a.previous_score),
                        "change": json_number(a.change),
                    }
                    for a in report.areas
                ],
                "officers": [
                    {"officer": o.officer or None, "lost": json_number(o.lost), "codes": o.codes}
                    for o in report.officers
                ],
            }
        )
        return EXIT_OK
    if not report.rows:
        print(f"Năm {args.year} không có tiêu chí nào bị mất điểm (hoặc chưa có kết quả).")
        return EXIT_OK
    print(f"Các tiêu chí bị mất điểm năm {args.year} (nhiều nhất trước):")
    for r in report.rows:
        who = f"  [{r.responsible}]" if r.responsible else ""
        print(
            f"  {r.code}  mất {format_points(r.lost)}  "
            f"({format_fraction(r.score, r.max_points)})  {r.title}{who}"
        )
    print(f"Tổng số điểm bị mất: {format_points(report.lost_total)}.")
    return EXIT_OK


def cmd_plan_export(ws: Workspace, args: argparse.Namespace) -> int:
    out = Path(args.out)
    with ws.session() as s:
        plan = plan_for_export(s, args.year)
    export_plan(plan, out)
    warnings = plan_warnings(plan)
    if args.json:
        emit_json(
            {
                "year": args.year,
                "out": str(out),
                "rows": len(plan.rows),
                "draft": not plan.saved,
                "warnings": warnings,
            }
        )
    else:
        for w in warnings:
            print(f"Lưu ý: {w}", file=sys.stderr)
        kind = "kế hoạch đã lưu" if plan.saved else "bản dự thảo lập từ kết quả thẩm định"
        print(f"Đã xuất {len(plan.rows)} dòng ({kind}) ra {out}.")
    return EXIT_OK


# --- registration ---------------------------------------------------------------------


def register(r: Registry) -> None:
    sp = r.group("catalog", "bộ tiêu chí").command(
        "import",
        cmd_catalog_import,
        "nhập bộ tiêu chí của năm từ tệp Excel, Word (.docx), PDF hoặc trang web (.html)",
    )
    sp.add_argument("file", metavar="FILE")
    sp.add_argument("--year", type=year_arg, required=True)
    sp.add_argument("--name", help="tên bộ tiêu chí (mặc định: tiêu đề trong tệp)")
    sp.add_argument(
        "--sheet", help="tên sheet của tệp Excel (mặc định: sheet đầu tiên có bảng tiêu chí)"
    )
    sp.add_argument("--accept", action="store_true", help="chấp nhận các cảnh báo và lưu")
    sp.add_argument("--check", action="store_true", help="chỉ kiểm tra, không lưu")

    results = r.group("results", "kết quả thẩm định")
    sp = results.command("import", cmd_results_import, "nhập kết quả thẩm định từ tệp Excel")
    sp.add_argument("file", metavar="FILE")
    sp.add_argument("--year", type=year_arg, required=True)
    sp.add_argument("--sheet", help="tên sheet (mặc định: sheet đầu tiên có bảng điểm)")
    sp.add_argument(
        "--replace",
        action="store_true",
        help="thay kết quả đã có của năm (sao lưu trước); không có: chỉ nói sẽ thay gì",
    )
    sp = results.command("show", cmd_results_show, "xem kết quả thẩm định của năm")
    sp.add_argument("--year", type=year_arg, required=True)

    sp = r.command("losses", cmd_losses, "các tiêu chí bị mất điểm, nhiều nhất trước")
    sp.add_argument("--year", type=year_arg, required=True)

    sp = r.group("plan", "kế hoạch khắc phục").command(
        "export", cmd_plan_export, "xuất kế hoạch khắc phục ra .docx hoặc .xlsx"
    )
    sp.add_argument("--year", type=year_arg, required=True)
    sp.add_argument("--out", required=True, metavar="FILE", help="tệp .docx hoặc .xlsx")
