"""``cchc year set|show``: the appraising body and the commune's name per year."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from desktop.cli.common import EXIT_OK, Registry, emit_json, year_arg
from desktop.core.workspace import Workspace
from desktop.core.years.store import set_year, year_settings


def _print(info) -> None:
    print(f"Năm {info.year}: xã {info.commune_name or '(chưa có tên)'}")
    print(f"Cơ quan thẩm định ({info.level_label}): {info.appraiser or '(chưa có)'}")
    if not info.confirmed:
        print("(giá trị mặc định theo thời kỳ; đặt bằng “cchc year set”)")


def cmd_set(ws: Workspace, args: argparse.Namespace) -> int:
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
    if args.json:
        emit_json(asdict(info))
    else:
        _print(info)
    return EXIT_OK


def cmd_show(ws: Workspace, args: argparse.Namespace) -> int:
    with ws.session() as s:
        info = year_settings(s, args.year)
    if args.json:
        emit_json(asdict(info))
    else:
        _print(info)
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
    sp = g.command("show", cmd_show, "xem thông tin của một năm")
    sp.add_argument("year", type=year_arg, metavar="YYYY")
