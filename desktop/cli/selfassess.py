"""Self-assessment commands: scoring rules, explanations, offered figures.

``cchc rule show|set|clear|list|bonus``, ``cchc explain set|list``, ``cchc score offers``.
The options of ``cchc score set`` for declared figures come from here too
(``add_entry_args``); readiness, rounds and the report are in ``selfassess_report``.
"""

from __future__ import annotations

import argparse

from base.errors import ValidationError
from desktop.cli.common import EXIT_OK, Registry, emit_json, json_number, year_arg
from desktop.cli.dossiers import add_period_args, period_from_args
from desktop.core.catalog.node_rules import set_bonus
from desktop.core.dossiers import nd09_period
from desktop.core.office.vnformat import format_points
from desktop.core.scoring.offers import OFFER_KINDS, offers, use_offer
from desktop.core.scoring.scores import set_note
from desktop.core.selfassess.entry import (
    EntryInfo,
    entry_info,
    set_entry,
    set_node_rule,
    year_entries,
)
from desktop.core.selfassess.readiness import readiness
from desktop.core.workspace import Workspace

# --- score set: declared figures --------------------------------------------------------


def add_entry_args(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--declared", metavar="TEXT", help="số liệu kê khai: có, không, na, 98,5%%, 2")
    sp.add_argument(
        "--from-stats",
        choices=list(OFFER_KINDS),
        help="kê khai số liệu lấy từ thống kê hồ sơ TTHC của kỳ (xem cchc score offers)",
    )
    sp.add_argument(
        "--stats-period",
        choices=("q1", "6m", "9m", "year"),
        default="year",
        help="kỳ thống kê NĐ 09 của số liệu --from-stats (mặc định: year)",
    )
    sp.add_argument("--reason", help="lý do khi điểm khác điểm tính theo cách tính")
    sp.add_argument("--explanation", help="giải trình của tiêu chí (chuỗi rỗng để xóa)")


def apply_entry_args(ws: Workspace, args: argparse.Namespace) -> EntryInfo:
    """``cchc score set``: figure, score, reason, explanation and note in one transaction."""
    if args.from_stats and args.declared is not None:
        raise ValidationError("Chỉ dùng một trong hai: --declared hoặc --from-stats.")
    with ws.transaction() as s:
        if args.from_stats:
            use_offer(
                s, args.year, args.code, args.from_stats, nd09_period(args.stats_period, args.year)
            )
        info = set_entry(
            s,
            args.year,
            args.code,
            value=args.value,
            declared=args.declared,
            reason=args.reason,
            explanation=args.explanation,
        )
        if args.note is not None:
            set_note(s, args.year, args.code, args.note)
    return info


def entry_json(e: EntryInfo) -> dict:
    return {
        "code": e.code,
        "declared": e.declared_text or None,
        "declared_kind": e.declared.kind if e.declared else None,
        "declared_source": e.declared_source,
        "rule": e.rule.notation() if e.rule else None,
        "rule_kind": e.rule.kind if e.rule else None,
        "rule_words": e.rule_words,
        "computed": json_number(e.computed),
        "self_score": json_number(e.self_score),
        "applicable": e.applicable,
        "overridden": e.overridden,
        "override_reason": e.override_reason,
        "explanation": e.explanation,
    }


def entry_lines(e: EntryInfo) -> list[str]:
    out = []
    if e.declared is not None:
        src = f" (nguồn: {e.declared_source})" if e.declared_source else ""
        out.append(f"Số liệu kê khai: {e.declared_text}{src}.")
    if e.rule is not None:
        out.append(f"Cách tính điểm: {e.rule_words}")
    if e.computed is not None:
        out.append(f"Điểm theo cách tính: {format_points(e.computed)}.")
    if e.overridden:
        out.append(f"Chấm khác cách tính, lý do: {e.override_reason}")
    if e.explanation:
        out.append(f"Giải trình: {e.explanation}")
    return out


# --- rule -------------------------------------------------------------------------------


def _print_rule(e: EntryInfo, args) -> int:
    if args.json:
        emit_json(entry_json(e))
    else:
        notation = f" [{e.rule.notation()}]" if e.rule else ""
        print(f"{e.code} (tối đa {format_points(e.max_points)} điểm): {e.rule_words}{notation}")
    return EXIT_OK


def cmd_rule_show(ws: Workspace, args) -> int:
    with ws.session() as s:
        return _print_rule(entry_info(s, args.year, args.code), args)


def cmd_rule_set(ws: Workspace, args) -> int:
    with ws.transaction() as s:
        e = set_node_rule(s, args.year, args.code, args.notation)
    return _print_rule(e, args)


def cmd_rule_clear(ws: Workspace, args) -> int:
    with ws.transaction() as s:
        e = set_node_rule(s, args.year, args.code, None)
    return _print_rule(e, args)


def cmd_rule_list(ws: Workspace, args) -> int:
    with ws.session() as s:
        entries = [e for e in year_entries(s, args.year).values() if e.rule is not None]
    if args.json:
        emit_json({"year": args.year, "rules": [entry_json(e) for e in entries]})
        return EXIT_OK
    for e in entries:
        print(f"{e.code}  [{e.rule.notation()}]  {e.rule_words}")  # type: ignore[union-attr]
    print(f"Năm {args.year}: {len(entries)} tiêu chí thành phần có cách tính điểm tự động.")
    return EXIT_OK


def cmd_rule_bonus(ws: Workspace, args) -> int:
    with ws.transaction() as s:
        node = set_bonus(s, args.year, args.code, not args.off)
        code, title, mx = node.code, node.title, node.max_points
    if args.json:
        emit_json({"year": args.year, "code": code, "bonus": not args.off})
    elif args.off:
        print(f"{code} “{title}” không còn là phần điểm cộng.")
    else:
        print(f"{code} “{title}” là phần điểm cộng (tối đa {format_points(mx)} điểm).")
    return EXIT_OK


# --- explain ----------------------------------------------------------------------------


def cmd_explain_set(ws: Workspace, args) -> int:
    with ws.transaction() as s:
        e = set_entry(s, args.year, args.code, explanation=args.text)
    if args.json:
        emit_json(entry_json(e))
    else:
        print(f"{e.code}: {'đã ghi giải trình.' if e.explanation else 'đã xóa giải trình.'}")
    return EXIT_OK


def cmd_explain_list(ws: Workspace, args) -> int:
    with ws.session() as s:
        state = readiness(s, ws.store, args.year)
    needs = state.missing if args.missing else state.needs
    if args.json:
        emit_json(
            {
                "year": args.year,
                "ready": state.ready,
                "needs": [
                    {
                        "code": n.code,
                        "title": n.title,
                        "reasons": list(n.reasons),
                        "explanation": n.explanation,
                        "missing": n.missing,
                    }
                    for n in needs
                ],
            }
        )
        return EXIT_OK
    for n in needs:
        state_text = n.explanation if n.explanation else "CHƯA CÓ GIẢI TRÌNH"
        print(f"{n.code} {n.title} — {'; '.join(n.reasons)}: {state_text}")
    print(
        f"Năm {args.year}: {len(state.needs)} tiêu chí thành phần cần giải trình, còn thiếu "
        f"{len(state.missing)}."
    )
    return EXIT_OK


# --- offered figures ---------------------------------------------------------------------


def cmd_offers(ws: Workspace, args) -> int:
    if args.year is None:
        raise ValidationError("Hãy cho năm đánh giá: --year NĂM.")
    chosen = args.period or args.quarter or args.date_from or args.date_to
    period = period_from_args(args) if chosen else nd09_period("year", args.year)
    with ws.session() as s:
        found = offers(s, args.year, args.code, period)
    if args.json:
        emit_json(
            {
                "code": args.code,
                "from": period.start.isoformat(),
                "to": period.end.isoformat(),
                "offers": [
                    {
                        "key": o.key,
                        "label": o.label,
                        "value": json_number(o.value),
                        "text": o.text,
                        "source": o.source,
                        "suggested": o.suggested,
                    }
                    for o in found
                ],
            }
        )
        return EXIT_OK
    if not found:
        print(f"Kỳ {period.title} chưa có số liệu hồ sơ TTHC để kê khai.")
    for o in found:
        mark = "* " if o.suggested else "  "
        print(f"{mark}{o.key}: {o.label} = {o.text}  ({o.source})")
    return EXIT_OK


# --- registration ---------------------------------------------------------------------------


def _code_year(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("code", metavar="CODE")
    sp.add_argument("--year", type=year_arg, required=True)


def register(r: Registry) -> None:
    g = r.group("rule", "cách tính điểm của tiêu chí thành phần")
    _code_year(g.command("show", cmd_rule_show, "cách tính điểm của một tiêu chí"))
    sp = g.command("set", cmd_rule_set, "đặt cách tính: co/khong; bac: 100=1; <100=0; ...")
    sp.add_argument("code", metavar="CODE")
    sp.add_argument("notation", metavar="NOTATION")
    sp.add_argument("--year", type=year_arg, required=True)
    _code_year(g.command("clear", cmd_rule_clear, "bỏ cách tính tự động (chấm trực tiếp)"))
    sp = g.command("list", cmd_rule_list, "các cách tính điểm của năm")
    sp.add_argument("--year", type=year_arg, required=True)
    sp = g.command("bonus", cmd_rule_bonus, "đánh dấu lĩnh vực là phần điểm cộng")
    _code_year(sp)
    sp.add_argument("--off", action="store_true", help="bỏ đánh dấu")

    g = r.group("explain", "giải trình của tiêu chí thành phần")
    sp = g.command("set", cmd_explain_set, "ghi giải trình (chuỗi rỗng để xóa)")
    sp.add_argument("code", metavar="CODE")
    sp.add_argument("text", metavar="TEXT")
    sp.add_argument("--year", type=year_arg, required=True)
    sp = g.command("list", cmd_explain_list, "tiêu chí cần giải trình và giải trình đã ghi")
    sp.add_argument("--year", type=year_arg, required=True)
    sp.add_argument("--missing", action="store_true", help="chỉ những tiêu chí còn thiếu")

    sp = r.group("score").command(
        "offers", cmd_offers, "số liệu kê khai có sẵn từ thống kê hồ sơ TTHC"
    )
    sp.add_argument("code", metavar="CODE")
    add_period_args(sp)
