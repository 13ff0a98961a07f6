"""Self-scoring and pre-upload check commands: ``cchc score set|clear|show|rule``,
``cchc check dismiss|restore`` and the evidence part of ``cchc check --year``."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from desktop.cli.common import EXIT_OK, Registry, emit_json, json_number, year_arg
from desktop.cli.selfassess import add_entry_args, apply_entry_args, entry_json, entry_lines
from desktop.core.backup.integrity import Finding, IntegrityReport
from desktop.core.catalog.store import normalize_code
from desktop.core.evidence.checks import (
    CheckReport,
    dismiss_finding,
    find_by_key,
    restore_finding,
    run_checks,
)
from desktop.core.office.vnformat import format_points
from desktop.core.scoring.rollup import NodeScore, ScoreTree, score_tree
from desktop.core.scoring.scores import NA_RULES, clear_score, set_na_rule
from desktop.core.selfassess.entry import EntryInfo
from desktop.core.workspace import Workspace

# --- score ------------------------------------------------------------------------------


def _node_json(n: NodeScore, codes: dict[int, str]) -> dict:
    return {
        "code": n.code,
        "title": n.title,
        "level": n.level,
        "parent": codes.get(n.parent_id) if n.parent_id else None,
        "is_leaf": n.is_leaf,
        "max_points": json_number(n.max_points),
        "self_score": json_number(n.self_score),
        "applicable": n.applicable,
        "self_scored": n.self_scored,
        "effective_max": json_number(n.effective_max),
        "effective_score": json_number(n.effective_score),
        "gap": json_number(n.gap),
        "evidence_percent": json_number(n.evidence_percent),
        "status": n.status,
        "sub_criteria": n.leaves,
        "scored": n.scored,
        "with_evidence": n.with_evidence,
        "documents": n.doc_count,
        "note": n.note,
        "bonus": n.bonus,
    }


def tree_json(tree: ScoreTree) -> dict:
    codes = {n.node_id: n.code for n in tree.nodes}
    return {
        "year": tree.year,
        "rule": asdict(tree.rule),
        "total": {
            "max_points": json_number(tree.max_points),
            "effective_max": json_number(tree.effective_max),
            "self_score": json_number(tree.self_score),
            "survey_max": json_number(tree.survey_max),
        },
        "bonus": {
            "max_points": json_number(tree.bonus_max),
            "self_score": json_number(tree.bonus_score),
            "combined": json_number(tree.combined_score),
        },
        "nodes": [_node_json(n, codes) for n in tree.nodes],
        "areas": [
            {
                "code": a.code,
                "title": a.title,
                "max_points": json_number(a.max_points),
                "effective_max": json_number(a.effective_max),
                "self_score": json_number(a.effective_score),
                "applicable": a.applicable,
                "self_scored": a.self_scored,
                "evidence_percent": json_number(a.evidence_percent),
                "gap": json_number(a.gap),
            }
            for a in tree.areas()
        ],
    }


def _pts(value) -> str:
    return "—" if value is None else format_points(value)


def cmd_score_set(ws: Workspace, args: argparse.Namespace) -> int:
    """A number, ``na`` or ``auto``, with the declared figure, reason and explanation."""
    entry = apply_entry_args(ws, args)
    return _after_change(ws, args, entry)


def cmd_score_clear(ws: Workspace, args: argparse.Namespace) -> int:
    with ws.transaction() as s:
        clear_score(s, args.year, args.code)
    return _after_change(ws, args)


def _after_change(ws: Workspace, args: argparse.Namespace, entry: EntryInfo | None = None) -> int:
    with ws.session() as s:
        tree = score_tree(s, args.year)
    n = tree.by_code.get(normalize_code(args.code))
    if args.json:
        codes = {x.node_id: x.code for x in tree.nodes}
        emit_json(
            {
                "node": _node_json(n, codes) if n else None,
                "total": {"self_score": json_number(tree.self_score)},
                **({"entry": entry_json(entry)} if entry is not None else {}),
            }
        )
    elif n is not None:
        value = f"{_pts(n.self_score)}/{format_points(n.max_points)}"
        print(
            f"{n.code}: {value if n.applicable else 'không áp dụng'}. Tổng tự chấm: "
            f"{_pts(tree.self_score)}/{format_points(tree.effective_max)}."
        )
        for line in entry_lines(entry) if entry is not None else []:
            print(f"  {line}")
    return EXIT_OK


def cmd_score_show(ws: Workspace, args: argparse.Namespace) -> int:
    with ws.session() as s:
        tree = score_tree(s, args.year)
    if args.json:
        emit_json(tree_json(tree))
        return EXIT_OK
    print(f"Điểm tự chấm năm {tree.year} (mục không áp dụng: {tree.rule.label}).")
    for n in tree.nodes:
        indent = "  " * (n.level - 1)
        if not n.applicable:
            value = "không áp dụng"
        elif not n.self_scored:
            value = f"do cơ quan thẩm định chấm /{format_points(n.max_points)}"
        else:
            value = f"{_pts(n.self_score)}/{format_points(n.max_points)}"
        print(f"{indent}{n.code}  {n.title}  [{value}]")
    print(
        f"Tổng tự chấm: {_pts(tree.self_score)}/{format_points(tree.effective_max)} "
        f"(trong đó {format_points(tree.survey_max)} điểm điều tra xã hội học chưa tính)."
    )
    if tree.bonus_max:
        print(
            f"Điểm cộng: {_pts(tree.bonus_score)}/{format_points(tree.bonus_max)}; tổng gồm "
            f"điểm cộng: {_pts(tree.combined_score)}."
        )
    return EXIT_OK


def cmd_score_rule(ws: Workspace, args: argparse.Namespace) -> int:
    with ws.transaction() as s:
        rule = set_na_rule(s, args.year, args.rule)
    if args.json:
        emit_json({"year": args.year, "rule": asdict(rule)})
    else:
        print(f"Năm {args.year}, mục không áp dụng: {rule.label}. {rule.description}")
    return EXIT_OK


# --- check ------------------------------------------------------------------------------


def year_checks(ws: Workspace, year: int) -> CheckReport:
    with ws.session() as s:
        return run_checks(s, ws.store, year)


def not_covered(integrity: list[Finding], report: CheckReport) -> list[Finding]:
    """Integrity findings the year's checks do not already report: a file missing from
    the store is reported once, as the year's ``file_missing`` (it names the sub-criterion)."""
    covered = {(f.evidence_id, f.sha256) for f in report.findings if f.kind == "file_missing"}
    return [
        f
        for f in integrity
        if not (f.kind == "blob_missing" and (f.evidence_id, f.sha256) in covered)
    ]


def merge_check_json(integrity: IntegrityReport, report: CheckReport) -> dict:
    """The integrity JSON (its keys unchanged) with the year's findings added to
    ``findings``, plus ``year``, ``ready`` and ``dismissed``."""
    doc = integrity.to_json()
    ev = report.to_json()
    doc["findings"] = [asdict(f) for f in not_covered(integrity.findings, report)]
    doc["findings"].extend(ev["findings"])
    doc.update(year=report.year, ready=ev["ready"], dismissed=ev["dismissed"])
    return doc


def print_checks(report: CheckReport) -> None:
    for f in report.findings:
        label = "LỖI" if f.severity == "error" else "Cảnh báo"
        print(f"{label} [{f.code or '—'}]: {f.message}  (mã: {f.key})")
    if report.dismissed:
        print(f"Đã bỏ qua {len(report.dismissed)} kết quả kiểm tra (có ghi lý do).")
    errors = sum(1 for f in report.findings if f.severity == "error")
    warnings = len(report.findings) - errors
    print(
        f"Năm {report.year}: {errors} lỗi, {warnings} cảnh báo về tài liệu kiểm chứng và điểm "
        "tự chấm."
    )


def cmd_dismiss(ws: Workspace, args: argparse.Namespace) -> int:
    with ws.transaction() as s:
        finding = find_by_key(run_checks(s, ws.store, args.year), args.key)
        dismiss_finding(s, args.year, finding, args.reason)
    if args.json:
        emit_json({"year": args.year, "key": finding.key, "dismissed": True, "reason": args.reason})
    else:
        print(f"Đã bỏ qua: {finding.message} Lý do: {args.reason}")
    return EXIT_OK


def cmd_restore(ws: Workspace, args: argparse.Namespace) -> int:
    with ws.transaction() as s:
        restore_finding(s, args.year, args.key)
    if args.json:
        emit_json({"year": args.year, "key": args.key, "dismissed": False})
    else:
        print(f"Đã hiện lại kết quả kiểm tra {args.key}.")
    return EXIT_OK


def register(r: Registry) -> None:
    g = r.group("score", "tự chấm điểm")
    sp = g.command("set", cmd_score_set, "nhập điểm tự chấm của một tiêu chí thành phần")
    sp.add_argument("code", metavar="CODE")
    sp.add_argument(
        "value",
        metavar="VALUE",
        help="điểm (ví dụ 1,5), na (không áp dụng) hoặc auto (tính từ số liệu kê khai)",
    )
    sp.add_argument("--year", type=year_arg, required=True)
    sp.add_argument("--note", help="ghi chú cho tiêu chí")
    add_entry_args(sp)

    sp = g.command("clear", cmd_score_clear, "xóa điểm tự chấm (về chưa chấm)")
    sp.add_argument("code", metavar="CODE")
    sp.add_argument("--year", type=year_arg, required=True)

    sp = g.command("show", cmd_score_show, "bảng điểm tự chấm, cộng dồn lên tiêu chí, lĩnh vực")
    sp.add_argument("--year", type=year_arg, required=True)

    sp = g.command("rule", cmd_score_rule, "cách tính điểm của mục không áp dụng")
    sp.add_argument("rule", choices=list(NA_RULES))
    sp.add_argument("--year", type=year_arg, required=True)

    actions = r.actions("check")
    sp = actions.command("dismiss", cmd_dismiss, "bỏ qua một kết quả kiểm tra, ghi lý do")
    sp.add_argument("key", metavar="KEY", help="mã của kết quả (trường key trong --json)")
    sp.add_argument("--year", type=year_arg, required=True)
    sp.add_argument("--reason", required=True, help="lý do bỏ qua")

    sp = actions.command("restore", cmd_restore, "hiện lại một kết quả đã bỏ qua")
    sp.add_argument("key", metavar="KEY")
    sp.add_argument("--year", type=year_arg, required=True)
