"""Finishing a report without the window: its fields (``report fields``, ``report set``)
and its sections (``report sections``, ``report section``).

    cchc report fields --id 1 --json
    cchc report set --id 1 guidance_letter 01/UBND-NV 10/01/2023
    cchc report set --id 1 --clear guidance_letter
    cchc report sections --id 1 --json
    cchc report section --id 1 ket_luan --text-file ket-luan.txt
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from base.errors import ValidationError
from base.os_reason import os_reason
from desktop.cli.common import EXIT_OK, Registry, emit_json
from desktop.core.report.fields import FieldInfo, blanks
from desktop.core.workspace import Workspace


def fields_json(fields: dict[str, FieldInfo]) -> dict:
    return {
        "fields": [f.to_json() for f in fields.values()],
        "blanks": [f.key for f in blanks(fields)],
    }


def _print_fields(fields: dict[str, FieldInfo]) -> None:
    for f in fields.values():
        mark = "*" if f.spec.required else " "
        value = f.text or "(trống)"
        source = f" [{f.source}]" if f.source else ""
        print(f"{mark} {f.key:<24} {f.label}: {value}{source}")
        if f.blank and len(f.options) > 1:
            for c in f.options:
                print(f"      có thể chọn: {c.text}")
    missing = blanks(fields)
    if missing:
        print(
            f"Còn trống {len(missing)} trường bắt buộc (*): "
            + ", ".join(f.key for f in missing)
            + ". Điền bằng: cchc report set --id N KHÓA GIÁ_TRỊ",
            file=sys.stderr,
        )


def cmd_fields(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.core.report.field_store import report_fields

    with ws.connection() as s:
        fields = report_fields(s, args.id)
    if args.json:
        emit_json(fields_json(fields))
    else:
        _print_fields(fields)
    return EXIT_OK


def cmd_set(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.core.report.field_store import clear_field, report_fields, set_field

    if args.clear:
        if args.key:
            raise ValidationError("Dùng --clear KHÓA hoặc KHÓA GIÁ_TRỊ, không dùng cả hai.")
        key = args.clear
    else:
        if not args.key or not args.value:
            raise ValidationError("Thiếu khóa hoặc giá trị: cchc report set --id N KHÓA GIÁ_TRỊ.")
        key = args.key
    with ws.sql_transaction() as s:
        if args.clear:
            outcome = clear_field(s, args.id, key)
        else:
            outcome = set_field(s, args.id, key, " ".join(args.value))
        fields = report_fields(s, args.id)
    if args.json:
        emit_json(
            {
                **fields_json(fields),
                "updated_sections": outcome.updated,
                "redraft_offers": [o.key for o in outcome.offers],
            }
        )
        return EXIT_OK
    f = fields[key]
    print(f"{f.label}: {f.text or '(trống)'}.")
    for o in outcome.offers:
        print(
            f"Lưu ý: mục “{o.name}” đã được sửa tay nên giữ nguyên; nội dung soạn từ số liệu "
            "mới khác với bản đang có.",
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_sections(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.core.report.store import report_info

    with ws.connection() as s:
        r = report_info(s, args.id)
    if args.json:
        emit_json(
            {
                "sections": [
                    {"key": x.key, "heading": x.heading, "text": x.text, "edited": x.edited}
                    for x in r.sections
                ]
            }
        )
        return EXIT_OK
    for x in r.sections:
        print(f"{x.key:<16} {x.name}{' (đã sửa tay)' if x.edited else ''}")
    return EXIT_OK


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ValidationError(f"Không có tệp {path}.") from None
    except UnicodeDecodeError:
        raise ValidationError(
            f"Tệp {path.name} không phải văn bản UTF-8; hãy lưu lại dạng UTF-8 rồi chạy lại."
        ) from None
    except OSError as exc:
        raise ValidationError(f"Không đọc được tệp {path.name}: {os_reason(exc)}.") from exc


def cmd_section(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.core.report.store import report_info, save_section

    text = _read_text(Path(args.text_file))
    with ws.sql_transaction() as s:
        sec = report_info(s, args.id).section(args.key)
        info = save_section(s, args.id, args.key, sec.heading, text)
    sec = info.section(args.key)
    if args.json:
        emit_json({"key": sec.key, "heading": sec.heading, "text": sec.text, "edited": sec.edited})
    else:
        print(f"Đã thay nội dung mục “{sec.name}” của báo cáo {info.number_text}.")
    return EXIT_OK


def register(r: Registry) -> None:
    g = r.group("report", "báo cáo (BC-UBND): soạn, xuất Word/PDF, sổ báo cáo")
    sp = g.command("fields", cmd_fields, "các trường cần điền của báo cáo (số, ngày, số liệu)")
    sp.add_argument("--id", type=int, required=True, help="mã báo cáo (xem report list)")

    sp = g.command("set", cmd_set, "điền (hoặc xóa) một trường của báo cáo")
    sp.add_argument("--id", type=int, required=True, help="mã báo cáo (xem report list)")
    sp.add_argument("--clear", metavar="KHÓA", help="xóa giá trị của trường")
    sp.add_argument("key", nargs="?", metavar="KHÓA", help="khóa của trường (xem report fields)")
    sp.add_argument(
        "value", nargs="*", metavar="GIÁ_TRỊ", help="ví dụ: 1332/KH-UBND 31/12/2021; 65,67"
    )

    sp = g.command("sections", cmd_sections, "các mục của báo cáo và nội dung")
    sp.add_argument("--id", type=int, required=True, help="mã báo cáo (xem report list)")

    sp = g.command("section", cmd_section, "thay nội dung một mục của báo cáo từ tệp văn bản")
    sp.add_argument("--id", type=int, required=True, help="mã báo cáo (xem report list)")
    sp.add_argument("key", metavar="KHÓA", help="khóa của mục (xem report sections)")
    sp.add_argument("--text-file", required=True, metavar="TỆP", help="tệp văn bản UTF-8")
