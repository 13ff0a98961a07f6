"""USB handoff and safety: ``bundle export|verify|import``, ``backup create|list|restore``.

``bundle verify`` exits 3 (not 1) when the bundle is not intact, so scripts can tell a
damaged bundle from a command that could not run. ``backup list`` and ``backup restore``
do not open the database first: they must work when it is damaged.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path

from base.errors import CchcError
from desktop.cli.common import EXIT_ERROR, EXIT_OK, Registry, emit_json, year_arg
from desktop.cli.progress_bar import cli_progress
from desktop.core.backup.files import backups_dir, list_backups
from desktop.core.backup.restore import DataSummary, preview_restore, resolve_backup, restore_backup
from desktop.core.backup.store import backup_to_stick, create_backup
from desktop.core.bundle.export import export_bundle
from desktop.core.bundle.import_preview import (
    CHOICE_LABELS,
    ImportItem,
    ImportPreview,
    preview_import,
)
from desktop.core.bundle.importer import apply_import
from desktop.core.bundle.plan import ExportScope
from desktop.core.bundle.signing import SignatureCheck
from desktop.core.bundle.verify import verify_bundle
from desktop.core.office.vnformat import format_int, format_size
from desktop.core.workspace import Workspace

EXIT_PROBLEMS = 3


def _err(text: str) -> None:
    print(text, file=sys.stderr)


# --- bundle ---------------------------------------------------------------------------


def cmd_export(ws: Workspace, args: argparse.Namespace) -> int:
    with cli_progress(args.json) as progress:
        result = export_bundle(
            ws, ExportScope(args.year), Path(args.dest), as_zip=args.zip, progress=progress
        )
    if args.json:
        emit_json(
            {
                "path": str(result.path),
                "kind": "zip" if result.is_zip else "folder",
                "files": result.files,
                "total_bytes": result.total_bytes,
                "verified": result.verified,
                "warnings": list(result.warnings),
            }
        )
        return EXIT_OK
    for w in result.warnings:
        _err(f"Cảnh báo: {w}")
    _err(
        f"Đã ghi gói {format_int(result.files)} tệp ({format_size(result.total_bytes)}); đã đọc "
        f"lại và kiểm tra mã băm cả {format_int(result.verified)} tệp."
    )
    print(result.path)
    return EXIT_OK


def cmd_verify(ws: Workspace, args: argparse.Namespace) -> int:
    with cli_progress(args.json) as progress:
        report = verify_bundle(Path(args.path), progress)
    if args.json:
        emit_json(report.to_json())
    else:
        if report.info:
            i = report.info
            print(
                f"Gói “{i.bundle_name}” năm {i.year} của {i.commune or 'xã không rõ'}: "
                f"{format_int(i.documents)} tài liệu, {format_int(i.files)} tệp "
                f"({format_size(i.total_bytes)})."
            )
            print(signer_line(report.signature))
        for p in report.problems:
            print(f"{'LỖI' if p.severity == 'error' else 'Thừa'}: {p.message}")
        if report.ok:
            print(f"Gói nguyên vẹn: cả {format_int(report.files_checked)} tệp đúng mã băm.")
        else:
            _err(f"Gói không nguyên vẹn: {len(report.problems)} vấn đề (xem ở trên).")
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def signer_line(check: SignatureCheck) -> str:
    if check.status == "valid":
        return f"Chữ ký số: hợp lệ, mã khóa người ký {check.fingerprint}."
    if check.status == "invalid":
        return "Chữ ký số: KHÔNG HỢP LỆ (gói đã bị sửa sau khi ký)."
    return "Chữ ký số: không có (gói tạo bởi phiên bản Sổ CCHC cũ)."


TRUST_TEXT = {
    "own": "khóa của chính máy này",
    "new": "lần đầu nhận gói của xã này",
    "trusted": "đã ghi nhớ từ lần nhập trước",
    "changed": "KHÁC KHÓA ĐÃ GHI NHỚ",
}
STATUS_TEXT = {
    "new": "Mới",
    "identical": "Đã có (giống hệt)",
    "additions": "Đã có, gói bổ sung tệp/tiêu chí",
    "conflict": "KHÁC THÔNG TIN",
}


def _print_item(item: ImportItem) -> None:
    b = item.bundle
    label = f"{b.number or '(không số)'} {b.issue_date} {b.summary[:60]}".strip()
    print(f"- [{STATUS_TEXT[item.status]}] {label}")
    if item.new_files and item.status != "new":
        print(f"    thêm {format_int(len(item.new_files))} tệp")
    if item.new_codes and item.status != "new":
        print(f"    gắn thêm tiêu chí {', '.join(item.new_codes)}")
    for d in item.diffs:
        print(f"    {d.label}: trên máy “{d.local}” | trong gói “{d.bundle}”")


def _print_preview(p: ImportPreview) -> None:
    c = p.counts
    print(f"Gói “{p.bundle_name}” năm {p.year} của {p.commune or 'xã không rõ'}.")
    if p.signer.get("fingerprint"):
        print(f"Mã khóa người ký: {p.signer['fingerprint']} ({TRUST_TEXT[p.signer['status']]}).")
    print(
        f"{format_int(c['new'])} tài liệu mới, {format_int(c['identical'])} đã có, "
        f"{format_int(c['additions'])} được bổ sung, "
        f"{format_int(c['conflict'])} khác thông tin; {format_int(p.files_to_copy)} tệp cần chép "
        f"({format_size(p.bytes_to_copy)})."
    )
    if p.create_catalog:
        print(f"Máy này chưa có bộ tiêu chí năm {p.year}: sẽ lấy bộ tiêu chí trong gói.")
    if p.offer_catalog:
        taken = (
            "Sẽ dùng bộ tiêu chí trong gói (--keep-catalog để giữ bộ có sẵn)."
            if p.take_catalog
            else "Giữ bộ tiêu chí có sẵn của máy này (--keep-catalog)."
        )
        print(f"{p.offer_catalog} {taken}")
    for w in p.warnings:
        print(f"Cảnh báo: {w}")
    for item in p.items:
        if item.status != "identical":
            _print_item(item)


def _ask_choices(p: ImportPreview) -> dict[str, str] | None:
    choices: dict[str, str] = {}
    for item in p.items:
        if item.status != "conflict":
            continue
        print(f"\nTài liệu {item.bundle.number or item.key} (khớp theo {item.matched_by}):")
        for n, choice in enumerate(item.choices, 1):
            print(f"  [{n}] {CHOICE_LABELS[choice]}")
        answer = input("Chọn (Enter = 1): ").strip() or "1"
        if not answer.isdigit() or not 1 <= int(answer) <= len(item.choices):
            answer = "1"
        choices[item.key] = item.choices[int(answer) - 1]
    if input("Nhập vào dữ liệu? [c/K]: ").strip().lower() not in ("c", "co", "có", "y", "yes"):
        return None
    return choices


def _interactive() -> bool:
    isatty = getattr(sys.stdin, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:
        return False


def cmd_import(ws: Workspace, args: argparse.Namespace) -> int:
    with cli_progress(args.json) as progress:
        preview = preview_import(ws, Path(args.path), progress)
    if preview.offer_catalog and args.keep_catalog:
        preview.take_catalog = False
    if not args.json:
        _print_preview(preview)
    choices: dict[str, str] | None = {}
    preview.ensure_importable()  # before "run again with --yes" is suggested
    if preview.nothing_to_do:
        choices = None
        if not args.json:
            print("Không có gì mới để nhập: mọi tài liệu trong gói đã có trên máy.")
    elif not args.yes:
        if args.json or not _interactive():
            choices = None
            if not args.json:
                flags = "--yes --other-commune" if preview.other_commune else "--yes"
                print(
                    f"Chưa ghi gì vào dữ liệu. Chạy lại với {flags} để nhập (tài liệu khác "
                    "thông tin sẽ giữ thông tin trên máy, bổ sung tệp và tiêu chí còn thiếu)."
                )
        else:
            choices = _ask_choices(preview)
            if choices is None:
                print("Đã hủy: chưa ghi gì vào dữ liệu.")
    if choices is not None and preview.key_changed and not args.accept_new_key:
        if args.yes or args.json or not _interactive():
            raise CchcError(
                "Chưa ghi gì vào dữ liệu: khóa ký của xã đã thay đổi (xem cảnh báo). Chỉ khi "
                "đã gọi điện hỏi người gửi và mã khóa khớp, chạy lại với --accept-new-key."
            )
        answer = input("Khóa ký đã thay đổi: mã khóa đã khớp với người gửi, vẫn nhập? [c/K]: ")
        if answer.strip().lower() not in ("c", "co", "có", "y", "yes"):
            choices = None
            print("Đã hủy: chưa ghi gì vào dữ liệu.")
    other_commune = args.other_commune
    if choices is not None and preview.other_commune and not other_commune:
        if args.yes or args.json or not _interactive():
            raise CchcError(
                f"Chưa ghi gì vào dữ liệu: gói của xã khác ({preview.commune}). Nếu chắc chắn "
                "đây là tài liệu cho xã mình, chạy lại với --other-commune."
            )
        answer = input(f"Gói của xã khác ({preview.commune}): vẫn nhập? [c/K]: ")
        other_commune = answer.strip().lower() in ("c", "co", "có", "y", "yes")
        if not other_commune:
            choices = None
            print("Đã hủy: chưa ghi gì vào dữ liệu.")
    result = None
    if choices is not None:
        with cli_progress(args.json) as progress:
            result = apply_import(
                ws,
                preview,
                choices,
                progress,
                other_commune=other_commune,
                accept_new_key=preview.key_changed,  # refused above unless accepted
            )
    if args.json:
        emit_json(
            {
                "preview": preview.to_json(),
                "applied": result is not None,
                "result": asdict(result) if result else None,
            }
        )
    elif result is not None:
        print(
            f"Đã nhập: {format_int(result.added)} tài liệu mới, "
            f"{format_int(result.merged + result.updated)} tài liệu "
            f"được bổ sung/cập nhật, {format_int(result.identical)} đã có, "
            f"{format_int(result.skipped)} bỏ qua; {format_int(result.files_copied)} tệp mới."
        )
        for w in result.warnings:
            _err(f"Cảnh báo: {w}")
        if result.backup:
            print(f"Đã tự sao lưu: {result.backup}")
    return EXIT_OK


# --- backup ---------------------------------------------------------------------------


def cmd_backup_create(ws: Workspace, args: argparse.Namespace) -> int:
    with cli_progress(args.json) as progress:
        if args.dest:
            stick = backup_to_stick(ws, Path(args.dest), progress)
            info = stick.backup
        else:
            stick, info = None, create_backup(ws, progress=progress)
    if args.json:
        doc = info.to_json()
        if stick:
            doc.update(
                folder=str(stick.folder),
                files_copied=stick.files_copied,
                files_present=stick.files_present,
                bytes_copied=stick.bytes_copied,
            )
        emit_json(doc)
        return EXIT_OK
    if stick:
        _err(
            f"Đã chép {format_int(stick.files_copied)} tệp mới "
            f"({format_size(stick.bytes_copied)}); "
            f"{format_int(stick.files_present)} tệp đã có sẵn trên USB."
        )
    print(info.path)
    return EXIT_OK


def cmd_backup_list(ws: Workspace, args: argparse.Namespace) -> int:
    infos = list_backups(backups_dir(ws.data_dir))
    if args.json:
        emit_json(
            {"folder": str(backups_dir(ws.data_dir)), "backups": [i.to_json() for i in infos]}
        )
        return EXIT_OK
    if not infos:
        print(f"Chưa có bản sao lưu nào trong {backups_dir(ws.data_dir)}.")
    for i in infos:
        print(
            f"{i.created:%d/%m/%Y %H:%M}  {format_size(i.size):>9}  {i.description:<32}  {i.path.name}"
        )
    return EXIT_OK


def _summary_line(s: DataSummary | None) -> str:
    if s is None:
        return "không đọc được (hỏng hoặc chưa có)"
    years = ", ".join(str(y) for y in s.years) or "chưa có"
    return (
        f"{s.commune or 'chưa có hồ sơ xã'}; năm {years}; {format_int(s.document_total)} tài "
        f"liệu, {format_int(s.files)} tệp"
    )


def _confirm_restore(args: argparse.Namespace) -> bool:
    """``--yes``; else ask on a terminal; a script without ``--yes`` changes nothing."""
    if args.yes:
        return True
    if args.json or not _interactive():
        if not args.json:
            print(
                "Chưa khôi phục gì. Chạy lại với --yes để thay dữ liệu hiện tại bằng bản sao lưu "
                "này (dữ liệu hiện tại được sao lưu trước)."
            )
        return False
    answer = input("Thay dữ liệu hiện tại bằng bản sao lưu này? [c/K]: ").strip().lower()
    if answer in ("c", "co", "có", "y", "yes"):
        return True
    print("Đã hủy: chưa khôi phục gì.")
    return False


def cmd_backup_restore(ws: Workspace, args: argparse.Namespace) -> int:
    path = resolve_backup(ws.data_dir, args.file)
    preview = preview_restore(ws.data_dir, path)
    if not args.json:
        print(f"Bản sao lưu {path.name} ({preview.label or 'không rõ loại'}):")
        print(f"  chứa:      {_summary_line(preview.holds)}")
        print(f"  hiện tại:  {_summary_line(preview.current)}  (sẽ bị thay thế)")
        if preview.histories:
            print(f"  kèm lịch sử xã cũ: {', '.join(preview.histories)}")
        if preview.blobs_missing:
            print(
                f"  Cảnh báo: {format_int(preview.blobs_missing)} tệp mà bản sao lưu cần không còn "
                f"ở đâu."
            )
    if not _confirm_restore(args):
        if args.json:
            emit_json({"preview": preview.to_json(), "restored": False})
        return EXIT_ERROR
    with cli_progress(args.json) as progress:
        result = restore_backup(ws.data_dir, path, progress)
    if args.json:
        emit_json(
            {
                "preview": preview.to_json(),
                "restored": True,
                "restored_from": str(result.restored_from),
                "safety_copy": str(result.safety_copy) if result.safety_copy else None,
                "files_copied": result.files_copied,
                "files_missing": result.files_missing,
            }
        )
        return EXIT_OK
    if result.safety_copy:
        print(f"Dữ liệu trước khi khôi phục đã được giữ tại: {result.safety_copy}")
    print(f"Đã khôi phục từ {path.name}.")
    return EXIT_OK


# --- registration ---------------------------------------------------------------------


def register(r: Registry) -> None:
    g = r.group("bundle", "gói tài liệu kiểm chứng để mang qua USB")
    sp = g.command("export", cmd_export, "ghi gói tài liệu của một năm ra USB hoặc thư mục")
    sp.add_argument("dest", metavar="DEST", help="thư mục đích (ví dụ E:\\)")
    sp.add_argument("--year", type=year_arg, required=True, help="năm đánh giá")
    sp.add_argument("--zip", action="store_true", help="ghi một tệp .zip thay cho thư mục")
    sp = g.command("verify", cmd_verify, "kiểm tra gói (thư mục hoặc .zip): thiếu, thừa, bị sửa")
    sp.add_argument("path", metavar="PATH")
    sp = g.command("import", cmd_import, "nhập gói của đồng nghiệp (xem trước, rồi xác nhận)")
    sp.add_argument("path", metavar="PATH")
    sp.add_argument("--yes", action="store_true", help="nhập luôn, không hỏi")
    sp.add_argument(
        "--other-commune",
        action="store_true",
        help="xác nhận nhập gói của một xã khác (không phải xã trong hồ sơ)",
    )
    sp.add_argument(
        "--accept-new-key",
        action="store_true",
        help="nhận khóa ký mới của xã gửi gói (khi đã đối chiếu mã khóa với người gửi)",
    )
    sp.add_argument(
        "--keep-catalog",
        action="store_true",
        help="giữ bộ tiêu chí có sẵn của năm, không dùng bộ đầy đủ trong gói",
    )

    g = r.group("backup", "sao lưu và khôi phục dữ liệu")
    sp = g.command("create", cmd_backup_create, "sao lưu (vào thư mục dữ liệu hoặc ra USB)")
    sp.add_argument("dest", metavar="DEST", nargs="?", help="USB hoặc thư mục (tùy chọn)")
    sp = g.command("list", cmd_backup_list, "liệt kê các bản sao lưu")
    sp.set_defaults(open_workspace=False)
    sp = g.command("restore", cmd_backup_restore, "khôi phục từ một bản sao lưu")
    sp.add_argument("file", metavar="FILE", help="tệp sao lưu (đường dẫn hoặc tên trong danh sách)")
    sp.add_argument(
        "--yes", action="store_true", help="khôi phục luôn, không hỏi (dữ liệu hiện tại bị thay)"
    )
    sp.set_defaults(open_workspace=False)
