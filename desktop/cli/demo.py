"""``cchc demo --data-dir DIR``: the demo commune in an empty data folder, without the GUI
(the same folder ``cchc-desktop --demo`` opens)."""

from __future__ import annotations

import argparse

from base.errors import ValidationError
from desktop.cli.common import EXIT_OK, Registry, emit_json
from desktop.core.office.vnformat import format_int
from desktop.core.workspace import Workspace


def cmd_demo(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.core.demo.build import build_demo

    summary = build_demo(ws)
    if summary is None:
        raise ValidationError(
            f"Thư mục dữ liệu {ws.data_dir} đã có hồ sơ xã: xã mẫu chỉ được tạo trong một thư "
            "mục trống (dùng --data-dir để chọn thư mục khác)."
        )
    if args.json:
        emit_json(
            {
                "data_dir": str(summary.data_dir),
                "years": list(summary.years),
                "documents": summary.documents,
                "dossiers": summary.dossiers,
                "reports": [str(p) for p in summary.reports],
                "bundles": [str(p) for p in summary.bundles],
            }
        )
        return EXIT_OK
    print(
        f"Đã tạo xã mẫu trong {summary.data_dir}: năm {', '.join(map(str, summary.years))}, "
        f"{format_int(summary.documents)} tài liệu mẫu, {format_int(summary.dossiers)} hồ sơ TTHC, "
        f"{len(summary.reports)} báo cáo, {len(summary.bundles)} gói nộp."
    )
    return EXIT_OK


def register(r: Registry) -> None:
    r.command("demo", cmd_demo, "tạo xã mẫu (dữ liệu minh họa) trong thư mục dữ liệu trống")
