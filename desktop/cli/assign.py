"""``cchc assign CODE [NAME] --year YYYY``: the officer answering for a (sub-)criterion."""

from __future__ import annotations

import argparse

from desktop.cli.common import EXIT_OK, Registry, emit_json, year_arg
from desktop.core.catalog.assignments import assignment_of, set_assignment
from desktop.core.workspace import Workspace


def cmd_assign(ws: Workspace, args: argparse.Namespace) -> int:
    if args.officer is None:
        with ws.session() as s:
            officer = assignment_of(s, args.year, args.code)
            code = args.code
    else:
        with ws.transaction() as s:
            code = set_assignment(s, args.year, args.code, args.officer).code
            officer = assignment_of(s, args.year, code)
    if args.json:
        emit_json({"year": args.year, "code": code, "officer": officer})
    elif officer:
        print(f"{code} năm {args.year}: người phụ trách {officer}.")
    else:
        print(f"{code} năm {args.year}: chưa giao người phụ trách.")
    return EXIT_OK


def register(r: Registry) -> None:
    sp = r.command(
        "assign",
        cmd_assign,
        'giao người phụ trách một tiêu chí (không ghi tên: xem; tên rỗng "": bỏ giao)',
    )
    sp.add_argument("code", metavar="MÃ", help="mã tiêu chí, ví dụ 1.4.3")
    sp.add_argument("officer", nargs="?", metavar="TÊN", help="họ tên người phụ trách")
    sp.add_argument("--year", type=year_arg, required=True, metavar="YYYY")
