"""Evidence register commands: ``cchc evidence add|list|show|edit|link|unlink|delete|hints|
suggest``.

``suggest`` reads the documents themselves (number, date, kind, summary, issuer, signer,
digital signature) and suggests the sub-criteria of the year; ``add --auto`` takes the fields
not given on the command line from that reading."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from base.errors import ValidationError
from desktop.cli.common import EXIT_OK, EXIT_USAGE, Registry, emit_json, year_arg
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
from desktop.core.evidence.reading.stored import record_signatures
from desktop.core.evidence.reading.suggest import Suggestion, suggest_files
from desktop.core.office.vnformat import format_date, format_int, parse_date
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


def _auto_fields(ws: Workspace, args: argparse.Namespace, files: list[Path]) -> None:
    """``--auto``: the fields not given come from reading the first readable file."""
    with ws.session() as s:
        found = suggest_files(s, args.year, files)
    best = next((sg for sg in found if sg.reading.from_document), found[0] if found else None)
    if best is None:
        return
    f = best.reading.fields
    if args.number is None:
        args.number = f.number
    if args.date is None and f.issue_date is not None:
        args.date = format_date(f.issue_date)
    if args.kind is None and f.kind:
        args.kind = f.kind
    for name in ("summary", "issuer", "signer"):
        if getattr(args, name) is None:
            setattr(args, name, getattr(f, name))
    for sg in found:
        if sg.reading.note:
            print(f"{sg.reading.name}: {sg.reading.note}.", file=sys.stderr)
        if sg.duplicate_of is not None:
            print(
                f"{sg.reading.name}: sổ đã có tài liệu #{sg.duplicate_of} cùng tệp hoặc cùng "
                "số và ngày.",
                file=sys.stderr,
            )


def cmd_add(ws: Workspace, args: argparse.Namespace) -> int:
    files = [Path(f) for f in args.files]
    if args.auto:
        _auto_fields(ws, args, files)
    elif args.number is None or args.date is None:
        missing = " và ".join(
            n for n, v in (("--number", args.number), ("--date", args.date)) if v is None
        )
        print(
            f"Lỗi cú pháp lệnh: thiếu {missing} (hoặc dùng --auto để đọc số, ngày, loại… "
            "từ tài liệu).",
            file=sys.stderr,
        )
        return EXIT_USAGE
    doc = NewDocument(
        year=args.year,
        number=args.number or "",
        issue_date=_date(args.date),
        kind=args.kind or "Khác",
        summary=args.summary or "",
        issuer=args.issuer or "",
        signer=args.signer or "",
        responsible=args.responsible or "",
        note=args.note or "",
    )
    with ws.transaction() as s:
        row = add_document(s, ws.store, doc, files, args.criterion)
        record_signatures(s, ws.store, row.files)
        doc_id = row.id
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
    print(f"Tổng: {format_int(len(rows))} tài liệu.")
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
        print(f"  Tệp: {f.name} ({format_int(f.size)} byte)")
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
            f"Đã xóa tài liệu #{args.id} {row.number}. Đã xóa {format_int(removed)} tệp khỏi kho; "
            f"giữ {format_int(kept)} tệp mà tài liệu khác hoặc bản sao lưu còn cần."
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


def suggestion_json(file: str, sg: Suggestion) -> dict:
    r = sg.reading
    f = r.fields
    sig = r.signature
    return {
        "file": file,
        "number": f.number,
        "date": f.issue_date.isoformat() if f.issue_date else None,
        "kind": f.kind,
        "summary": f.summary,
        "issuer": f.issuer,
        "signer": f.signer,
        "text_layer": r.text_layer,
        "signature": {
            "present": sig.present,
            "signer": sig.signer,
            "signed_at": sig.signed_at.isoformat() if sig.signed_at else None,
        },
        "criteria": sg.codes,
        "duplicate_of": sg.duplicate_of,
    }


def _suggestion_text(file: str, sg: Suggestion) -> list[str]:
    r, f = sg.reading, sg.reading.fields
    out = [f"{file}:"]
    for label, value in (
        ("Số ký hiệu", f.number),
        ("Ngày ban hành", format_date(f.issue_date) if f.issue_date else ""),
        ("Loại", f.kind),
        ("Trích yếu", f.summary),
        ("Cơ quan ban hành", f.issuer),
        ("Người ký", f.signer),
    ):
        if value:
            out.append(f"  {label}: {value}")
    if r.note:
        out.append(f"  ({r.note})")
    if r.signature.present:
        out.append(f"  {r.signature.label()}")
    for m in sg.criteria:
        out.append(f"  Gợi ý tiêu chí {m.code} {m.title}: {m.reason}")
    if sg.duplicate_of is not None:
        out.append(f"  Có thể trùng tài liệu #{sg.duplicate_of} đã có trong sổ.")
    return out


def cmd_suggest(ws: Workspace, args: argparse.Namespace) -> int:
    """Never fails on a file it cannot read: that file's fields stay empty."""
    with ws.session() as s:
        found = suggest_files(s, args.year, [Path(f) for f in args.files])
    if args.json:
        for f, sg in zip(args.files, found, strict=True):
            if sg.reading.note:
                print(f"{Path(f).name}: {sg.reading.note}.", file=sys.stderr)
        emit_json(
            {"items": [suggestion_json(f, sg) for f, sg in zip(args.files, found, strict=True)]}
        )
        return EXIT_OK
    for f, sg in zip(args.files, found, strict=True):
        print("\n".join(_suggestion_text(f, sg)))
    return EXIT_OK


def _doc_fields(sp: argparse.ArgumentParser, *, required: bool) -> None:
    # --number and --date are needed to add a document, unless --auto reads them
    sp.add_argument("--number", help="số ký hiệu, ví dụ 123/BC-UBND")
    sp.add_argument("--date", help="ngày ban hành dd/mm/yyyy")
    sp.add_argument("--kind", default=None, help=f"loại văn bản ({', '.join(KINDS)})")
    for name, help_ in [
        ("summary", "trích yếu"),
        ("issuer", "cơ quan ban hành"),
        ("signer", "người ký"),
        ("responsible", "người phụ trách"),
        ("note", "ghi chú"),
    ]:
        sp.add_argument(f"--{name}", default=None, help=help_)


def register(r: Registry) -> None:
    g = r.group("evidence", "sổ tài liệu kiểm chứng")
    sp = g.command("add", cmd_add, "thêm tài liệu kiểm chứng với các tệp của nó")
    sp.add_argument("files", nargs="+", metavar="FILE")
    sp.add_argument("--year", type=year_arg, required=True)
    sp.add_argument("--criterion", action="append", required=True, metavar="CODE")
    _doc_fields(sp, required=True)
    sp.add_argument(
        "--auto",
        action="store_true",
        help="đọc số, ngày, loại, trích yếu, cơ quan ban hành, người ký từ tài liệu cho các "
        "trường không ghi trên dòng lệnh",
    )

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

    sp = g.command(
        "suggest",
        cmd_suggest,
        "đọc số, ngày, loại, trích yếu, cơ quan ban hành, người ký, chữ ký số từ tài liệu và "
        "gợi ý tiêu chí thành phần",
    )
    sp.add_argument("files", nargs="+", metavar="FILE")
    sp.add_argument("--year", type=year_arg, required=True)
