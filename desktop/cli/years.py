"""``cchc year set|show``: the appraising body and the commune's name per year."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from desktop.cli.common import EXIT_OK, Registry, emit_json, year_arg
from desktop.core.office.vnformat import parse_date
from desktop.core.workspace import Workspace
from desktop.core.years.evidence_window import (
    EvidenceWindow,
    evidence_window,
    set_evidence_window,
)
from desktop.core.years.store import set_year, year_settings


def _print(info, window: EvidenceWindow) -> None:
    print(f"Năm {info.year}: xã {info.commune_name or '(chưa có tên)'}")
    print(f"Cơ quan thẩm định ({info.level_label}): {info.appraiser or '(chưa có)'}")
    if not info.confirmed:
        print("(giá trị mặc định theo thời kỳ; đặt bằng “cchc year set”)")
    print(f"Tài liệu kiểm chứng của năm: {window.text}" + (" (mặc định)" if window.default else ""))


def _json(info, window: EvidenceWindow) -> dict:
    return {
        **asdict(info),
        "evidence_from": window.start.isoformat(),
        "evidence_to": window.end.isoformat(),
    }


def cmd_set(ws: Workspace, args: argparse.Namespace) -> int:
    start = parse_date(args.evidence_from, what="Từ ngày") if args.evidence_from else None
    end = parse_date(args.evidence_to, what="Đến ngày") if args.evidence_to else None
    with ws.transaction() as s:
        info = set_year(
            s,
            args.year,
            appraiser=args.appraiser,
            commune_name=args.commune_name,
            level=args.level,
            district=args.district,
            replace=args.replace,
        )
        if args.evidence_default:
            window = set_evidence_window(s, args.year, None, None)
        elif start or end:
            window = set_evidence_window(s, args.year, start, end)
        else:
            window = evidence_window(s, args.year)
    if args.json:
        emit_json(_json(info, window))
    else:
        _print(info, window)
    return EXIT_OK


def cmd_show(ws: Workspace, args: argparse.Namespace) -> int:
    with ws.session() as s:
        info = year_settings(s, args.year)
        window = evidence_window(s, args.year)
    if args.json:
        emit_json(_json(info, window))
    else:
        _print(info, window)
    return EXIT_OK


def register(r: Registry) -> None:
    g = r.group("year", "thông tin từng năm đánh giá (cơ quan thẩm định, tên xã)")
    sp = g.command("set", cmd_set, "đặt cơ quan thẩm định và tên xã của một năm")
    sp.add_argument("year", type=year_arg, metavar="YYYY")
    sp.add_argument("--appraiser", help="ví dụ: “Sở Nội vụ thành phố Hải Phòng”")
    sp.add_argument("--commune-name", help="tên xã trong năm đó (tên cũ trước sáp nhập)")
    sp.add_argument("--district", help="huyện của năm đó (trước 01/7/2025)")
    sp.add_argument("--level", choices=("district", "province"), help="cấp thẩm định")
    sp.add_argument("--replace", action="store_true", help="thay cơ quan thẩm định đã đặt")
    sp.add_argument(
        "--evidence-from",
        metavar="dd/mm/yyyy",
        help="tài liệu của năm tính từ ngày (mặc định 01/10 năm trước)",
    )
    sp.add_argument(
        "--evidence-to",
        metavar="dd/mm/yyyy",
        help="tài liệu của năm tính đến ngày (mặc định 31/01 năm sau)",
    )
    sp.add_argument(
        "--evidence-default", action="store_true", help="thời gian tài liệu theo mặc định"
    )
    sp = g.command("show", cmd_show, "xem thông tin của một năm")
    sp.add_argument("year", type=year_arg, metavar="YYYY")
