"""Dossier commands: ``dossiers import``, ``dossiers list``, ``dossiers manual``,
``dossiers profiles`` and ``stats``."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path

from base.errors import ValidationError
from desktop.cli.common import EXIT_OK, Registry, emit_json, year_arg
from desktop.core.dossiers import (
    FIGURE_KEYS,
    FIGURE_LABELS,
    DossierFigures,
    Period,
    calendar_quarter,
    compute_figures,
    custom_period,
    list_dossiers,
    list_profiles,
    nd09_period,
    nd09_quarter,
    parse_overrides,
    read_dossier_export,
    set_manual_figures,
    write_dossier_export,
    write_form06,
)
from desktop.core.dossiers.synonyms import FIELD_KEYS, FIELD_LABELS
from desktop.core.dossiers.values import CHANNEL_LABELS
from desktop.core.office.vnformat import format_int, format_points, parse_points
from desktop.core.workspace import Workspace

# --- periods ------------------------------------------------------------------------------


def add_period_args(sp: argparse.ArgumentParser) -> None:
    g = sp.add_argument_group("kỳ báo cáo (chọn một cách)")
    g.add_argument("--from", dest="date_from", metavar="dd/mm/yyyy", help="từ ngày")
    g.add_argument("--to", dest="date_to", metavar="dd/mm/yyyy", help="đến ngày")
    g.add_argument(
        "--quarter", type=int, choices=(1, 2, 3, 4), help="quý theo NĐ 09/2019 (Q1: 15/12–14/3)"
    )
    g.add_argument(
        "--period", choices=("q1", "6m", "9m", "year"), help="kỳ thống kê theo NĐ 09/2019"
    )
    g.add_argument("--year", type=year_arg, help="năm của kỳ (với --quarter, --period)")
    g.add_argument(
        "--calendar", action="store_true", help="với --quarter: quý dương lịch (1/1–31/3 ...)"
    )


def period_from_args(args: argparse.Namespace) -> Period:
    if args.date_from or args.date_to:
        if not (args.date_from and args.date_to) or args.quarter or args.period:
            raise ValidationError("Hãy cho cả --from và --to (và không dùng kèm --quarter).")
        return custom_period(args.date_from, args.date_to)
    if not (args.quarter or args.period) or (args.quarter and args.period):
        raise ValidationError(
            "Hãy chọn kỳ báo cáo: --from dd/mm/yyyy --to dd/mm/yyyy, hoặc --quarter N --year "
            "NĂM, hoặc --period q1|6m|9m|year --year NĂM."
        )
    if args.year is None:
        raise ValidationError("Hãy cho năm của kỳ báo cáo: --year NĂM.")
    if args.quarter:
        maker = calendar_quarter if args.calendar else nd09_quarter
        return maker(args.quarter, args.year)
    return nd09_period(args.period, args.year)


# --- import -------------------------------------------------------------------------------


class ProgressBar:
    """``Đang nhập tệp.xlsx [#######.............]  35%`` on stderr, redrawn in place."""

    WIDTH = 30

    def __init__(self, label: str) -> None:
        self.label = label
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        pct = 100 * done // total if total else 100
        if pct == self.last:
            return
        self.last = pct
        filled = self.WIDTH * pct // 100
        bar = "#" * filled + "." * (self.WIDTH - filled)
        sys.stderr.write(f"\rĐang nhập {self.label} [{bar}] {pct:3d}%")
        sys.stderr.flush()

    def close(self) -> None:
        if self.last >= 0:
            sys.stderr.write("\n")
            sys.stderr.flush()


def cmd_import(ws: Workspace, args: argparse.Namespace) -> int:
    overrides = parse_overrides(args.map)
    bar = None if args.json else ProgressBar(args.file.name)
    try:
        with ws.session() as s:  # reading the file holds no write lock
            read = read_dossier_export(
                s,
                args.file,
                sheet=args.sheet,
                profile=args.profile,
                overrides=overrides,
                progress=bar,
            )
        with ws.transaction() as s:
            summary = write_dossier_export(s, read, save_profile_as=args.save_profile, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    if args.json:
        emit_json(summary.to_json())
        return EXIT_OK
    rows = "–".join(str(r) for r in (summary.header_rows[0], summary.header_rows[-1]))
    rows = str(summary.header_rows[0]) if len(summary.header_rows) == 1 else rows
    print(f"Đã nhập tệp {summary.file}, trang “{summary.sheet}” (dòng tiêu đề {rows}).")
    if summary.profile:
        print(f"Dùng mẫu ánh xạ cột “{summary.profile}”.")
    print(
        f"Hồ sơ mới: {format_int(summary.imported)}; cập nhật: {format_int(summary.updated)}; "
        f"không đổi: "
        f"{format_int(summary.unchanged)}; dòng bỏ qua: {format_int(len(summary.skipped))}."
    )
    if summary.duplicates:
        print(f"{format_int(summary.duplicates)} dòng lặp lại mã hồ sơ đã có trong tệp (đã gộp).")
    for row in summary.skipped:
        print(f"  Bỏ qua {row.describe(summary.file)}")
    if summary.missing_columns:
        print("Lưu ý: tệp không có cột " + ", ".join(summary.missing_columns) + ".")
    if summary.saved_profile:
        print(f"Đã lưu mẫu ánh xạ cột “{summary.saved_profile}”.")
    return EXIT_OK


def cmd_profiles(ws: Workspace, args: argparse.Namespace) -> int:
    with ws.session() as s:
        profiles = list_profiles(s)
    if args.json:
        emit_json([{"name": p.name, "mapping": p.mapping} for p in profiles])
        return EXIT_OK
    if not profiles:
        print("Chưa có mẫu ánh xạ cột nào.")
    for p in profiles:
        cols = ", ".join(f"{label} → {FIELD_LABELS[k]}" for label, k in p.mapping.items())
        print(f"{p.name}: {cols}")
    return EXIT_OK


# --- stats ----------------------------------------------------------------------------------


def _pct(value: float | Decimal | None) -> str:
    return "—" if value is None else f"{format_points(Decimal(str(value)))}%"


def _print_figures(fig: DossierFigures) -> None:
    doc = fig.to_json()
    r, res, prog = doc["received"], doc["resolved"], doc["in_progress"]
    print(f"Kết quả giải quyết TTHC: {fig.period.title}")
    print(
        f"Tiếp nhận: {format_int(r['total'])} (mới {format_int(r['new'])}: trực tuyến "
        f"{format_int(r['online'])}, trực tiếp "
        f"{format_int(r['direct'])}, bưu chính {format_int(r['postal'])}; từ kỳ trước "
        f"{format_int(r['carried_over'])})"
    )
    if r["unknown_channel"]:
        print(f"  trong đó {format_int(r['unknown_channel'])} hồ sơ không rõ hình thức nộp")
    print(
        f"Đã giải quyết: {format_int(res['total'])} (trước hạn {format_int(res['before_due'])}, "
        f"đúng hạn {format_int(res['on_due'])}, quá hạn {format_int(res['late'])} = "
        f"{_pct(res['late_percent'])})"
    )
    print(
        f"Đang giải quyết: {format_int(prog['total'])} (trong hạn {format_int(prog['in_time'])}, "
        f"quá hạn {format_int(prog['overdue'])})"
    )
    print(f"Rút hoặc hủy: {format_int(doc['withdrawn'])}")
    d = doc["digital"]
    print(
        f"Số hóa khi tiếp nhận: {format_int(d['digitised_on_receipt'])}/{format_int(r['total'])} "
        f"({_pct(d['digitised_on_receipt_percent'])}); số hóa kết quả: "
        f"{format_int(d['results_digitised'])}/{format_int(res['total'])} "
        f"({_pct(d['results_digitised_percent'])})"
    )
    source = {"manual": " (nhập tay)", "export": " (theo tệp)", "none": ""}
    print(
        f"Thanh toán trực tuyến: {_pct(d['online_payment_percent'])}"
        f"{source[d['online_payment_source']]}; toàn trình {format_int(d['fully_online'])}, một "
        f"phần {format_int(d['partly_online'])}; chứng thực điện tử {format_int(d['e_certified'])}"
    )
    if fig.manual and fig.manual.service_index is not None:
        rank = f", xếp hạng {fig.manual.rank_text}" if fig.manual.rank_text else ""
        print(f"Chỉ số phục vụ: {format_points(fig.manual.service_index)}{rank}")
    print("Theo lĩnh vực (Biểu 06: tiếp nhận | giải quyết | đang giải quyết):")
    for f in [*fig.by_field, fig.total]:
        c = f.form06_cells()
        print(f"  {f.field}: {format_int(c[0])} | {format_int(c[4])} | {format_int(c[8])}")


def cmd_stats(ws: Workspace, args: argparse.Namespace) -> int:
    period = period_from_args(args)
    with ws.session() as s:
        fig = compute_figures(s, period)
    if args.export:
        write_form06(fig, args.export, args.unit or "")
    if args.json:
        emit_json(fig.to_json())
    else:
        _print_figures(fig)
        if args.export:
            print(f"Đã ghi Biểu 06 vào {args.export}.")
    return EXIT_OK


def cmd_list(ws: Workspace, args: argparse.Namespace) -> int:
    period = period_from_args(args)
    with ws.session() as s:
        rows = list_dossiers(s, period, args.figure, field_name=args.field)
    if args.json:
        emit_json(
            {
                "from": period.start.isoformat(),
                "to": period.end.isoformat(),
                "figure": args.figure,
                "count": len(rows),
                "dossiers": [
                    {
                        "code": d.code,
                        "procedure": d.procedure,
                        "field": d.field,
                        "channel": d.channel,
                        "received": d.received_at.isoformat(sep=" "),
                        "due": d.due_at.isoformat(sep=" ") if d.due_at else None,
                        "result": d.result_at.isoformat(sep=" ") if d.result_at else None,
                        "status": d.status,
                    }
                    for d in rows
                ],
            }
        )
        return EXIT_OK
    print(f"{FIGURE_LABELS[args.figure]}, {period.title}: {format_int(len(rows))} hồ sơ")
    for d in rows:
        channel = CHANNEL_LABELS.get(d.channel or "", "")
        result = d.result_at.strftime("%d/%m/%Y") if d.result_at else "chưa có kết quả"
        print(
            f"  {d.code}  {d.received_at:%d/%m/%Y}  {d.field}  {channel}  {result}  {d.procedure}"
        )
    return EXIT_OK


def _rank(text: str) -> tuple[int, int | None]:
    head, _, tail = text.partition("/")
    try:
        return int(head), int(tail) if tail else None
    except ValueError:
        raise ValidationError(f"Xếp hạng “{text}” không hợp lệ (ví dụ: 14/20).") from None


def cmd_manual(ws: Workspace, args: argparse.Namespace) -> int:
    period = period_from_args(args)
    values: dict = {}
    if args.service_index is not None:
        values["service_index"] = parse_points(args.service_index, what="Chỉ số phục vụ")
    if args.rank is not None:
        values["service_rank"], values["service_rank_of"] = _rank(args.rank)
    if args.online_payment is not None:
        values["online_payment_rate"] = parse_points(
            args.online_payment.rstrip("%"), what="Tỷ lệ thanh toán trực tuyến"
        )
    if args.note is not None:
        values["note"] = args.note
    if not values:
        raise ValidationError(
            "Hãy cho ít nhất một số liệu: --service-index, --rank, --online-payment, --note."
        )
    with ws.transaction() as s:
        manual = set_manual_figures(s, period, **values)
    if args.json:
        emit_json(
            {"from": period.start.isoformat(), "to": period.end.isoformat(), **manual.to_json()}
        )
    else:
        print(f"Đã lưu số liệu nhập tay cho kỳ {period.title}.")
    return EXIT_OK


# --- registration ---------------------------------------------------------------------


def register(r: Registry) -> None:
    g = r.group("dossiers", "hồ sơ TTHC: nhập danh sách từ hệ thống một cửa")
    sp = g.command("import", cmd_import, "nhập tệp Excel (.xlsx, .xls) danh sách hồ sơ")
    sp.add_argument("file", type=Path, metavar="FILE", help="tệp xuất từ hệ thống một cửa")
    sp.add_argument("--sheet", help="tên trang tính (mặc định: trang có bảng hồ sơ)")
    sp.add_argument("--profile", help="mẫu ánh xạ cột đã lưu")
    sp.add_argument(
        "--map",
        action="append",
        metavar="“Tên cột=trường”",
        help="chỉ rõ cột, ví dụ “Số biên nhận=code”; trường: " + ", ".join(FIELD_KEYS),
    )
    sp.add_argument("--save-profile", metavar="TÊN", help="lưu cách ánh xạ cột thành mẫu")

    g.command("profiles", cmd_profiles, "liệt kê các mẫu ánh xạ cột đã lưu")

    sp = g.command("list", cmd_list, "liệt kê hồ sơ đứng sau một số liệu")
    add_period_args(sp)
    sp.add_argument(
        "--figure",
        required=True,
        choices=FIGURE_KEYS,
        metavar="CHỈ_SỐ",
        help="ví dụ resolved.late, in_progress.overdue, received.new",
    )
    sp.add_argument("--field", help="chỉ một lĩnh vực")

    sp = g.command("manual", cmd_manual, "nhập số liệu chỉ có trên cổng (chỉ số phục vụ ...)")
    add_period_args(sp)
    sp.add_argument("--service-index", metavar="ĐIỂM", help="chỉ số phục vụ, ví dụ 65,67")
    sp.add_argument("--rank", metavar="HẠNG/TỔNG", help="xếp hạng, ví dụ 14/20")
    sp.add_argument("--online-payment", metavar="TỶ_LỆ", help="tỷ lệ thanh toán trực tuyến, %%")
    sp.add_argument("--note", help="ghi chú")

    sp = r.command("stats", cmd_stats, "số liệu giải quyết hồ sơ TTHC của một kỳ")
    add_period_args(sp)
    sp.add_argument("--export", type=Path, metavar="FILE.xlsx", help="ghi Biểu 06 ra tệp Excel")
    sp.add_argument("--unit", help="tên cơ quan ghi ở đầu biểu, ví dụ “UBND xã Đồng Tâm”")
