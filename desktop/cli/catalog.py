"""Sharing a catalog: ``cchc catalog export --year YYYY --out FILE.xlsx`` and
``cchc catalog template --out FILE.xlsx`` (the blank table to fill, that imports as is)."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import EXIT_OK, Registry, emit_json, year_arg
from desktop.core.workspace import Workspace


def cmd_catalog_export(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.core.catalog.share import export_catalog

    out = Path(args.out)
    with ws.session() as s:
        outcome = export_catalog(s, args.year, out)
    if args.json:
        emit_json(
            {
                "year": args.year,
                "out": str(out),
                "node_count": outcome.node_count,
                "rule_count": outcome.rule_count,
            }
        )
    else:
        print(
            f"Đã xuất bộ tiêu chí năm {args.year} ({outcome.node_count} mục, "
            f"{outcome.rule_count} cách tính điểm) ra {out}."
        )
    return EXIT_OK


def cmd_catalog_template(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.core.catalog.share import write_template

    out = write_template(Path(args.out))
    if args.json:
        emit_json({"out": str(out)})
    else:
        print(f"Đã tạo tệp mẫu bộ tiêu chí {out}: điền theo sheet “Hướng dẫn” rồi nhập lại.")
    return EXIT_OK


def register(r: Registry) -> None:
    group = r.group("catalog", "bộ tiêu chí")
    sp = group.command(
        "export", cmd_catalog_export, "xuất bộ tiêu chí của năm ra .xlsx (nhập lại được)"
    )
    sp.add_argument("--year", type=year_arg, required=True)
    sp.add_argument("--out", required=True, metavar="FILE.xlsx")
    sp = group.command("template", cmd_catalog_template, "tạo tệp mẫu .xlsx để gõ bộ tiêu chí")
    sp.add_argument("--out", required=True, metavar="FILE.xlsx")
