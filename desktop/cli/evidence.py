"""Evidence register commands: ``cchc evidence add|list|show|edit|link|unlink|delete|hints``."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from base.errors import ValidationError
from desktop.cli.common import EXIT_OK, Registry, emit_json, year_arg
from desktop.core.evidence.documents import (
    KINDS,
    DocumentFields,
    NewDocument,
    add_document,
    delete_document,
    link_document,
    unlink_document,
    update_document,
)
from desktop.core.evidence.filename_hints import hints_from_filename
from desktop.core.evidence.files import release_blobs
from desktop.core.evidence.query import (
    SORT_KEYS,
    STATUS_LABELS,
    RegisterFilter,
    RegisterRow,
    document_row,
    list_register,
)
from desktop.core.office.vnformat import format_date, parse_date
from desktop.core.workspace import Workspace


def item_json(row: RegisterRow) -> dict:
    return {
        "id": row.id,
        "year": row.year,
        "number": row.number,
        "date": row.issue_date.isoformat() if row.issue_date else None,
        "kind": row.kind,
        "summary": row.summary,
        "issuer": row.issuer,
        "signer": row.signer,
        "responsible": row.responsible,
        "note": row.note,
        "status": row.status,
        "criteria": list(row.codes),
        "files": [{"name": f.name, "sha256": f.sha256, "size": f.size} for f in row.files],
    }


def _line(row: RegisterRow) -> str:
    number = row.number or "(chưa có số)"
    date = format_date(row.issue_date) or "(chưa có ngày)"
    codes = ", ".join(row.codes) or "chưa gắn tiêu chí"
    return (
        f"#{row.id}  {number}  {date}  {row.kind}: {row.summary}  [{codes}; {row.file_count} tệp]"
    )


def _date(text: str | None):
    return parse_date(text, what="Ngày ban hành") if text else None


def _show(ws: Workspace, doc_id: int, args: argparse.Namespace, said: str) -> int:
    with ws.session() as s:
        row = document_row(s, doc_id)
    if args.json:
        emit_json(item_json(row))
    else:
        print(f"{said}: {_line(row)}")
    return EXIT_OK


def cmd_add(ws: Workspace, args: argparse.Namespace) -> int:
    doc = NewDocument(
        year=args.year,
        number=args.number,
        issue_date=_date(args.date),
        kind=args.kind,
        summary=args.summary,
        issuer=args.issuer,
        signer=args.signer,
        responsible=args.responsible,
        note=args.note,
    )
    files = [Path(f) for f in args.files]
    with ws.transaction() as s:
        doc_id = add_document(s, ws.store, doc, files, args.criterion).id
    return _show(ws, doc_id, args, "Đã thêm tài liệu")


def cmd_list(ws: Workspace, args: argparse.Namespace) -> int:
    flt = RegisterFilter(
        year=args.year,
        search=args.search or "",
        code=args.criterion or "",
        kind=args.kind or "",
        responsible=args.responsible or "",
        status=args.status or "",
    )
    with ws.session() as s:
        rows = list_register(s, flt, sort=args.sort, descending=args.desc)
    if args.json:
        emit_json({"year": args.year, "count": len(rows), "items": [item_json(r) for r in rows]})
        return EXIT_OK
    for r in rows:
        print(_line(r))
    print(f"Tổng: {len(rows)} tài liệu.")
    return EXIT_OK


def cmd_show(ws: Workspace, args: argparse.Namespace) -> int:
    with ws.session() as s:
        row = document_row(s, args.id)
    if args.json:
        emit_json(item_json(row))
        return EXIT_OK
    print(_line(row))
    for label, value in [
        ("Cơ quan ban hành", row.issuer),
        ("Người ký", row.signer),
        ("Người phụ trách", row.responsible),
        ("Ghi chú", row.note),
        ("Trạng thái", row.status_label),
    ]:
        if value:
            print(f"  {label}: {value}")
    for f in row.files:
        print(f"  Tệp: {f.name} ({f.size} byte)")
    return EXIT_OK


EDITABLE = ("number", "kind", "summary", "issuer", "signer", "responsible", "note")


def cmd_edit(ws: Workspace, args: argparse.Namespace) -> int:
    with ws.transaction() as s:
        row = document_row(s, args.id)
        fields = DocumentFields(
            number=row.number,
            issue_date=row.issue_date,
            kind=row.kind,
            summary=row.summary,
            issuer=row.issuer,
            signer=row.signer,
            responsible=row.responsible,
            note=row.note,
        )
        changes = {k: getattr(args, k) for k in EDITABLE if getattr(args, k) is not None}
        if args.date is not None:
            changes["issue_date"] = _date(args.date)
        if not changes:
            raise ValidationError("Chưa có gì để sửa (ví dụ: --number 05/KH-UBND).")
        update_document(s, args.id, replace(fields, **changes))
    return _show(ws, args.id, args, "Đã sửa tài liệu")


def cmd_link(ws: Workspace, args: argparse.Namespace) -> int:
    with ws.transaction() as s:
        link_document(s, args.id, args.criterion)
    return _show(ws, args.id, args, "Đã gắn tài liệu")


def cmd_unlink(ws: Workspace, args: argparse.Namespace) -> int:
    with ws.transaction() as s:
        unlink_document(s, args.id, args.criterion)
    return _show(ws, args.id, args, "Đã bỏ gắn tài liệu")


def cmd_delete(ws: Workspace, args: argparse.Namespace) -> int:
    if not args.yes:
        raise ValidationError(
            f"Xóa tài liệu #{args.id} khỏi sổ? Thêm --yes để xác nhận (tệp vẫn được giữ nếu "
            "tài liệu khác còn dùng)."
        )
    with ws.transaction() as s:
        row = document_row(s, args.id)
        freed = delete_document(s, args.id)
    with ws.session() as s:
        removed = release_blobs(s, ws.store, freed)
    kept = len(row.files) - removed
    if args.json:
        emit_json({"deleted": args.id, "files_removed": removed, "files_kept": kept})
    else:
        print(
            f"Đã xóa tài liệu #{args.id} {row.number}. Đã xóa {removed} tệp khỏi kho; "
            f"giữ {kept} tệp mà tài liệu khác hoặc bản sao lưu còn cần."
        )
    return EXIT_OK


def cmd_hints(ws: Workspace, args: argparse.Namespace) -> int:
    found = [(Path(f).name, hints_from_filename(Path(f).name)) for f in args.files]
    if args.json:
        emit_json(
            {
                "hints": [
                    {
                        "file": name,
                        "number": h.number,
                        "date": h.issue_date.isoformat() if h.issue_date else None,
                        "kind": h.kind,
                    }
                    for name, h in found
                ]
            }
        )
        return EXIT_OK
    for name, h in found:
        parts = [
            f"số {h.number}" if h.number else "",
            f"ngày {format_date(h.issue_date)}" if h.issue_date else "",
            h.kind or "",
        ]
        text = ", ".join(p for p in parts if p) or "không nhận ra số, ngày hay loại văn bản"
        print(f"{name}: {text}")
    return EXIT_OK


def _doc_fields(sp: argparse.ArgumentParser, *, required: bool) -> None:
    sp.add_argument("--number", required=required, help="số ký hiệu, ví dụ 123/BC-UBND")
    sp.add_argument("--date", required=required, help="ngày ban hành dd/mm/yyyy")
    default = "Khác" if required else None
    sp.add_argument("--kind", default=default, help=f"loại văn bản ({', '.join(KINDS)})")
    for name, help_ in [
        ("summary", "trích yếu"),
        ("issuer", "cơ quan ban hành"),
        ("signer", "người ký"),
        ("responsible", "người phụ trách"),
        ("note", "ghi chú"),
    ]:
        sp.add_argument(f"--{name}", default="" if required else None, help=help_)


def register(r: Registry) -> None:
    g = r.group("evidence", "sổ tài liệu kiểm chứng")
    sp = g.command("add", cmd_add, "thêm tài liệu kiểm chứng với các tệp của nó")
    sp.add_argument("files", nargs="+", metavar="FILE")
    sp.add_argument("--year", type=year_arg, required=True)
    sp.add_argument("--criterion", action="append", required=True, metavar="CODE")
    _doc_fields(sp, required=True)

    sp = g.command("list", cmd_list, "liệt kê, lọc và tìm tài liệu kiểm chứng của năm")
    sp.add_argument("--year", type=year_arg, required=True)
    sp.add_argument("--criterion", metavar="CODE", help="lĩnh vực, tiêu chí hoặc TCTP")
    sp.add_argument("--search", help="tìm theo số, trích yếu, cơ quan (không cần dấu)")
    sp.add_argument("--kind")
    sp.add_argument("--responsible")
    sp.add_argument("--status", choices=list(STATUS_LABELS))
    sp.add_argument("--sort", choices=SORT_KEYS, default="date")
    sp.add_argument("--desc", action="store_true", help="sắp xếp giảm dần")

    sp = g.command("show", cmd_show, "xem một tài liệu")
    sp.add_argument("id", type=int)

    sp = g.command("edit", cmd_edit, "sửa thông tin một tài liệu")
    sp.add_argument("id", type=int)
    _doc_fields(sp, required=False)

    for name, func, help_ in [
        ("link", cmd_link, "gắn tài liệu với thêm tiêu chí thành phần (không sao chép tệp)"),
        ("unlink", cmd_unlink, "bỏ gắn tài liệu khỏi tiêu chí thành phần"),
    ]:
        sp = g.command(name, func, help_)
        sp.add_argument("id", type=int)
        sp.add_argument("--criterion", action="append", required=True, metavar="CODE")

    sp = g.command("delete", cmd_delete, "xóa một tài liệu khỏi sổ")
    sp.add_argument("id", type=int)
    sp.add_argument("--yes", action="store_true", help="xác nhận xóa")

    sp = g.command("hints", cmd_hints, "đoán số, ngày, loại văn bản từ tên tệp")
    sp.add_argument("files", nargs="+", metavar="FILE")
