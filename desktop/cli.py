"""``cchc``: the command-line face of Sổ CCHC, a thin layer over ``desktop.core``.

Exit status: 0 success, 1 a user-facing error (Vietnamese message on stderr), 2 usage error.
With ``--json`` exactly one JSON document goes to stdout and nothing else.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, NoReturn

from desktop import __version__
from desktop.core.catalog import catalog_info, load_builtin
from desktop.core.errors import CchcError
from desktop.core.integrity import check_integrity
from desktop.core.paths import resolve_data_dir
from desktop.core.profile import save_profile
from desktop.core.workspace import Workspace, open_workspace

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"Lỗi cú pháp lệnh: {message}\n")


def json_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _emit_json(doc: Any) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n")


# --- commands ---------------------------------------------------------------------------


def cmd_init(ws: Workspace, args: argparse.Namespace) -> int:
    year = args.year or date.today().year
    with ws.transaction() as s:
        profile = save_profile(
            s,
            commune_name=args.commune,
            province=args.province,
            district=args.district,
            chairman=args.chairman,
            officer=args.officer,
        )
        catalog, created = load_builtin(s, year)
        cat = {
            "name": catalog.name,
            "decision_number": catalog.decision_number,
            "complete": catalog.complete,
            "note": catalog.note,
        }
    if args.json:
        _emit_json(
            {
                "data_dir": str(ws.data_dir),
                "profile": profile.__dict__,
                "year": year,
                "catalog": cat,
                "catalog_created": created,
            }
        )
    else:
        print(f"Đã lưu hồ sơ {profile.place_line}.")
        state = "Đã nạp" if created else "Đã có"
        print(f"{state} bộ tiêu chí năm {year}: {cat['name']}.")
        if not cat["complete"]:
            print(f"Lưu ý: {cat['note']}")
    return EXIT_OK


def cmd_catalog_list(ws: Workspace, args: argparse.Namespace) -> int:
    with ws.session() as s:
        info = catalog_info(s, args.year)
    codes = {n.id: n.code for n in info.nodes}
    if args.json:
        _emit_json(
            {
                "year": info.year,
                "catalog": {
                    "name": info.name,
                    "decision_number": info.decision_number,
                    "decision_date": info.decision_date.isoformat() if info.decision_date else None,
                    "issuer": info.issuer,
                    "source": info.source,
                    "complete": info.complete,
                    "note": info.note,
                    "total_points": json_number(info.total_points),
                },
                "nodes": [
                    {
                        "code": n.code,
                        "level": n.level,
                        "title": n.title,
                        "max_points": json_number(n.max_points),
                        "parent": codes.get(n.parent_id) if n.parent_id else None,
                        "self_scored": n.self_scored,
                    }
                    for n in info.nodes
                ],
            }
        )
        return EXIT_OK
    from desktop.core.vnformat import format_points

    print(f"Bộ tiêu chí năm {info.year}: {info.name}")
    if not info.complete:
        print(f"Lưu ý: {info.note}")
    for n in info.nodes:
        indent = "  " * (n.level - 1)
        print(f"{indent}{n.code}  {n.title}  [{format_points(n.max_points)} điểm]")
    print(f"Tổng: {format_points(info.total_points)} điểm, {info.node_count} mục.")
    return EXIT_OK


def cmd_check(ws: Workspace, args: argparse.Namespace) -> int:
    report = check_integrity(ws, full=args.full)
    if args.json:
        _emit_json(report.to_json())
    else:
        for f in report.findings:
            label = "LỖI" if f.severity == "error" else "Cảnh báo"
            print(f"{label}: {f.message}")
        if report.ok:
            print(
                f"Dữ liệu nguyên vẹn: cơ sở dữ liệu ổn định, {report.blobs_total} tệp trong kho "
                f"({report.blobs_verified} tệp đã kiểm tra mã băm)."
            )
        else:
            print("Dữ liệu có lỗi (xem danh sách ở trên).", file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_ERROR


# --- parser -------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="cchc", description="Sổ CCHC: dòng lệnh")
    p.add_argument("--version", action="version", version=f"Sổ CCHC {__version__}")
    p.add_argument("--data-dir", help="thư mục dữ liệu (mặc định: CCHC_DATA_DIR hoặc AppData)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    def add(name: str, func: Callable, help_: str, parent=sub) -> argparse.ArgumentParser:
        sp = parent.add_parser(name, help=help_, description=help_)
        sp.set_defaults(func=func)
        sp.add_argument("--json", action="store_true", help="in một tài liệu JSON")
        return sp

    sp = add("init", cmd_init, "tạo hoặc cập nhật hồ sơ xã, nạp bộ tiêu chí của năm")
    sp.add_argument("--commune", required=True, help="tên xã")
    sp.add_argument("--district", help="huyện (trước 01/7/2025) hoặc huyện cũ")
    sp.add_argument("--province", required=True, help="tỉnh hoặc thành phố")
    sp.add_argument("--chairman", help="Chủ tịch UBND xã")
    sp.add_argument("--officer", help="công chức phụ trách CCHC")
    sp.add_argument("--year", type=_year, help="năm đánh giá (mặc định: năm nay)")

    cat = sub.add_parser("catalog", help="bộ tiêu chí")
    cat_sub = cat.add_subparsers(dest="catalog_command", metavar="ACTION", parser_class=_Parser)
    cat_sub.required = True
    sp = add("list", cmd_catalog_list, "liệt kê bộ tiêu chí của năm", parent=cat_sub)
    sp.add_argument("--year", type=_year, required=True)

    sp = add("check", cmd_check, "kiểm tra tính toàn vẹn của dữ liệu")
    sp.add_argument("--full", action="store_true", help="kiểm tra mã băm của mọi tệp")
    return p


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"năm “{text}” không hợp lệ") from None
    if not 2000 <= year <= 2100:
        raise argparse.ArgumentTypeError(f"năm {year} nằm ngoài khoảng 2000–2100")
    return year


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_streams()
    args = build_parser().parse_args(argv)
    try:
        ws = open_workspace(resolve_data_dir(args.data_dir))
    except CchcError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_ERROR
    try:
        return args.func(ws, args)
    except CchcError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # e.g. `cchc catalog list | head`
        return EXIT_OK
    finally:
        ws.close()


if __name__ == "__main__":
    sys.exit(main())
