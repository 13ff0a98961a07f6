"""Self-assessment readiness, submission rounds and the report's texts.

``cchc selfassess ready|lock|rounds|diff|text|round-report`` (the export itself,
``cchc report self-assessment``, is in ``selfassess_export``).
"""

from __future__ import annotations

from pathlib import Path

from base.errors import ValidationError
from desktop.cli.common import EXIT_OK, Registry, emit_json, json_number, year_arg
from desktop.core.office.vnformat import format_date, format_points
from desktop.core.selfassess.readiness import readiness
from desktop.core.selfassess.report import get_texts, set_texts
from desktop.core.selfassess.rounds import lock_year, round_diff, round_report, rounds, year_status
from desktop.core.workspace import Workspace

# --- selfassess ----------------------------------------------------------------------------


def cmd_ready(ws: Workspace, args) -> int:
    with ws.session() as s:
        state = readiness(s, ws.store, args.year)
        status = year_status(s, args.year)
    if args.json:
        emit_json(
            {
                "year": args.year,
                "ready": state.ready,
                "missing_explanations": [n.code for n in state.missing],
                "unscored": [c for c, _ in state.unscored],
                "round": status.current_round,
                "submitted_round": status.submitted.number if status.submitted else None,
                "changes_since_submitted": status.changes,
            }
        )
        return EXIT_OK
    for n in state.missing:
        print(f"Thiếu giải trình: {n.code} {n.title} ({'; '.join(n.reasons).lower()})")
    for code, title in state.unscored:
        print(f"Chưa chấm điểm: {code} {title}")
    print(state.summary())
    print(status.summary())
    return EXIT_OK


def cmd_lock(ws: Workspace, args) -> int:
    with ws.transaction() as s:
        r = lock_year(s, ws.store, args.year, note=args.note or "")
    if args.json:
        emit_json(_round_json(r))
    else:
        print(
            f"Đã khóa năm {args.year} là đã nộp ({r.label}): tổng tự chấm "
            f"{format_points(r.self_score or 0)}/{format_points(r.max_points)}. Sửa sau này "
            f"thuộc vòng {r.number + 1}."
        )
    return EXIT_OK


def _round_json(r) -> dict:
    return {
        "year": r.year,
        "round": r.number,
        "submitted_at": r.submitted_at.isoformat(),
        "note": r.note,
        "max_points": json_number(r.max_points),
        "self_score": json_number(r.self_score),
        "bonus_max": json_number(r.bonus_max),
        "bonus_score": json_number(r.bonus_score),
        "report": r.report_name,
    }


def cmd_rounds(ws: Workspace, args) -> int:
    with ws.session() as s:
        found = rounds(s, args.year)
    if args.json:
        emit_json({"year": args.year, "rounds": [_round_json(r) for r in found]})
        return EXIT_OK
    for r in found:
        bonus = f", điểm cộng {format_points(r.bonus_score or 0)}" if r.bonus_max else ""
        note = f" — {r.note}" if r.note else ""
        print(
            f"Vòng {r.number}: nộp ngày {format_date(r.submitted_at.date())}, tự chấm "
            f"{format_points(r.self_score or 0)}/{format_points(r.max_points)}{bonus}{note}"
        )
    if not found:
        print(f"Năm {args.year} chưa nộp vòng nào.")
    return EXIT_OK


def cmd_diff(ws: Workspace, args) -> int:
    with ws.session() as s:
        diff = round_diff(s, args.year, args.round)
    rows = [*diff.changes, *diff.totals]
    if args.json:
        emit_json(
            {
                "year": args.year,
                "round": diff.round.number,
                "changes": [
                    {"code": c.code, "what": c.what, "before": c.before, "after": c.after}
                    for c in diff.changes
                ],
                "totals": [
                    {"what": c.what, "before": c.before, "after": c.after} for c in diff.totals
                ],
            }
        )
        return EXIT_OK
    print(f"Thay đổi so với {diff.round.label}:")
    for c in rows:
        where = f"{c.code} " if c.code else ""
        print(f"  {where}{c.what}: {c.before or '(trống)'} → {c.after or '(trống)'}")
    if not rows:
        print("  Không có thay đổi.")
    return EXIT_OK


def cmd_text(ws: Workspace, args) -> int:
    fields = {
        k: getattr(args, k)
        for k in ("number", "difficulties", "recommendations", "recipients")
        if getattr(args, k) is not None
    }
    with ws.transaction() as s:
        if args.date is not None:
            fields["report_date"] = args.date
        texts = set_texts(s, args.year, **fields) if fields else get_texts(s, args.year)
    if args.json:
        emit_json(
            {
                "year": args.year,
                "number": texts.number,
                "date": texts.report_date.isoformat() if texts.report_date else None,
                "difficulties": texts.difficulties,
                "recommendations": texts.recommendations,
                "recipients": texts.recipients,
            }
        )
    else:
        print(f"Số: {texts.number or '(chưa có)'}/BC-UBND, ngày {format_date(texts.report_date)}")
        print(f"Khó khăn, vướng mắc: {texts.difficulties or '(chưa nhập)'}")
        print(f"Kiến nghị, đề xuất: {texts.recommendations or '(chưa nhập)'}")
        if texts.recipients:
            print(f"Nơi nhận: {texts.recipients}")
    return EXIT_OK


def cmd_round_report(ws: Workspace, args) -> int:
    out = Path(args.out)
    with ws.session() as s:
        content, name = round_report(s, ws.store, args.year, args.round)
    if not out.parent.is_dir():
        raise ValidationError(f"Thư mục {out.parent} không tồn tại (USB đã rút ra?).")
    out.write_bytes(content)
    if args.json:
        emit_json({"year": args.year, "round": args.round, "out": str(out), "name": name})
    else:
        print(f"Đã lưu bản báo cáo đã nộp vòng {args.round} vào {out}.")
    return EXIT_OK


# --- registration ---------------------------------------------------------------------------


def register(r: Registry) -> None:
    g = r.group("selfassess", "tự đánh giá: sẵn sàng, khóa nộp, các vòng")
    sp = g.command("ready", cmd_ready, "năm đã sẵn sàng nộp chưa; giải trình còn thiếu")
    sp.add_argument("--year", type=year_arg, required=True)
    sp = g.command("lock", cmd_lock, "khóa năm là đã nộp (giữ bản điểm và báo cáo)")
    sp.add_argument("--year", type=year_arg, required=True)
    sp.add_argument("--note", help="ghi chú của vòng nộp")
    sp = g.command("rounds", cmd_rounds, "các vòng đã nộp")
    sp.add_argument("--year", type=year_arg, required=True)
    sp = g.command("diff", cmd_diff, "thay đổi so với vòng đã nộp")
    sp.add_argument("--year", type=year_arg, required=True)
    sp.add_argument("--round", type=int, help="vòng so sánh (mặc định: vòng nộp sau cùng)")
    sp = g.command("text", cmd_text, "số, ngày, khó khăn, kiến nghị, nơi nhận của báo cáo")
    sp.add_argument("--year", type=year_arg, required=True)
    sp.add_argument("--number", help="số báo cáo (phần trước /BC-UBND)")
    sp.add_argument("--date", metavar="dd/mm/yyyy", help="ngày báo cáo (chuỗi rỗng để xóa)")
    sp.add_argument("--difficulties", help="khó khăn, vướng mắc (mỗi dòng một ý)")
    sp.add_argument("--recommendations", help="kiến nghị, đề xuất (mỗi dòng một ý)")
    sp.add_argument("--recipients", help="nơi nhận (mỗi dòng một nơi)")
    sp = g.command("round-report", cmd_round_report, "lưu bản báo cáo đã nộp của một vòng")
    sp.add_argument("--year", type=year_arg, required=True)
    sp.add_argument("--round", type=int, required=True)
    sp.add_argument("--out", required=True, metavar="FILE.docx")
