"""Merged communes' history: ``history import|list|compare|remove|removed|restore-removed``,
``history reports`` (the former communes' report files) and ``history report-file`` (a copy).

``history import`` refuses (exit 1, nothing changed) while a question is unanswered:
a commune not listed as former (``--add-former``), a former commune already imported
(``--update``), a year whose appraising body differs (``--confirm-appraiser``).
``history remove`` only says what it would remove until ``--yes`` (exit 1); the history
is moved to ``lich-su-da-xoa``, never deleted, and ``history restore-removed`` puts it back.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli.common import EXIT_ERROR, EXIT_OK, Registry, emit_json, year_arg
from desktop.cli.progress_bar import cli_progress
from desktop.core.history.compare import compare_units
from desktop.core.history.importer import (
    HistoryRefused,
    apply_history_import,
    histories_of,
    plan_history_import,
)
from desktop.core.office.text import fold
from desktop.core.office.vnformat import format_datetime, format_int, format_points, format_size
from desktop.core.workspace import Workspace


def cmd_import(ws: Workspace, args: argparse.Namespace) -> int:
    with cli_progress(args.json) as progress:
        plan = plan_history_import(ws, Path(args.file), former=args.former, progress=progress)
        try:
            result = apply_history_import(
                ws,
                plan,
                add_former=args.add_former,
                update=args.update,
                confirm_appraiser=args.confirm_appraiser,
                progress=progress,
            )
        except HistoryRefused as exc:
            if args.json:
                emit_json(
                    {
                        "imported": False,
                        "questions": [
                            {"kind": q.kind, "message": q.message, "flag": q.flag}
                            for q in exc.questions
                        ],
                    }
                )
            for q in exc.questions:
                print(f"Lỗi: {q.message} (dòng lệnh: {q.flag} để xác nhận)", file=sys.stderr)
            return EXIT_ERROR
    if args.json:
        emit_json({"imported": True, **result.to_json()})
        return EXIT_OK
    for w in result.warnings:
        print(f"Cảnh báo: {w}", file=sys.stderr)
    verb = "Đã cập nhật" if result.updated else "Đã nhập"
    years = ", ".join(map(str, result.years)) or "không rõ năm"
    print(
        f"{verb} lịch sử xã cũ {result.former} (năm {years}) từ {plan.source.kind_label} "
        f"{plan.source.path.name}: {format_int(result.documents)} tài liệu, chép "
        f"{format_int(result.files_copied)} tệp."
    )
    if result.added_former:
        print(f"Đã thêm xã {result.former} vào danh sách xã cũ đã sáp nhập.")
    return EXIT_OK


def cmd_list(ws: Workspace, args: argparse.Namespace) -> int:
    names, histories = histories_of(ws)
    by_key = {h.key: h for h in histories}
    rows = []
    for name in names:
        h = by_key.pop(fold(name), None)
        rows.append({"name": name, "listed": True, "history": h.to_json() if h else None})
    for h in by_key.values():  # a folder whose commune left the list
        rows.append({"name": h.name, "listed": False, "history": h.to_json()})
    if args.json:
        emit_json({"former_communes": rows})
        return EXIT_OK
    if not rows:
        print("Chưa có xã cũ nào (cchc init --former-commune TÊN, hoặc cchc history import).")
    for r in rows:
        h = r["history"]
        flag = "" if r["listed"] else " (không còn trong danh sách xã cũ)"
        if h is None:
            print(f"Xã {r['name']}: chưa nhập lịch sử.")
            continue
        years = ", ".join(map(str, h["years"])) or "chưa có năm"
        print(
            f"Xã {r['name']}{flag}: năm {years}; {format_int(h['documents'])} tài liệu, "
            f"{format_int(h['files'])} tệp, "
            f"{h['scores']} điểm tự chấm, {h['results']} điểm thẩm định"
            + (f", {h['reports']} tệp báo cáo." if h["reports"] else ".")
        )
    return EXIT_OK


def _cell(score, max_points, rank: str) -> str:
    if score is None:
        return "–"
    text = f"{format_points(score)}/{format_points(max_points)}"
    return f"{text} ({rank})" if rank else text


def cmd_compare(ws: Workspace, args: argparse.Namespace) -> int:
    table = compare_units(ws)
    if args.json:
        emit_json(table.to_json())
        return EXIT_OK
    if not table.rows:
        print("Chưa có năm đánh giá nào để so sánh.")
        return EXIT_OK
    for r in table.rows:
        who = f"{r.unit}{' (hiện tại)' if r.current else ' (xã cũ)'}"
        total = _cell(r.total, r.max_total, r.total_rank)
        print(f"{who} – năm {r.year}: tổng {total}; thẩm định: {r.appraiser or 'chưa rõ'}")
        cells = [
            f"{code}: {_cell(a.score, a.max_points, a.rank)}"
            for code, _t in table.areas
            if (a := r.areas.get(code)) is not None
        ]
        print("    " + "; ".join(cells))
    return EXIT_OK


def cmd_remove(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.core.history.remove import (
        REMOVED_DIR_NAME,
        find_history_to_remove,
        remove_history,
    )

    if not args.yes:
        h = find_history_to_remove(ws.data_dir, args.name)
        message = (
            f"Chưa xóa: thêm --yes để xác nhận xóa lịch sử xã cũ {h.name}. Lịch sử được chuyển "
            f"vào thư mục {REMOVED_DIR_NAME} trong thư mục dữ liệu, khôi phục được bằng "
            "cchc history restore-removed."
        )
        if args.json:
            emit_json({"removed": False, **h.to_json(), "message": message})
        else:
            print(f"Sẽ xóa lịch sử xã cũ {h.name} ({h.summary()}), ở {h.folder}.")
        print(f"Lỗi: {message}", file=sys.stderr)
        return EXIT_ERROR
    r = remove_history(ws.data_dir, args.name)
    if args.json:
        emit_json({"removed": True, **r.to_json()})
        return EXIT_OK
    print(f"Đã xóa lịch sử xã cũ {r.name} ({r.summary()}).")
    print(f"Dữ liệu được giữ ở {r.folder}.")
    print(f"Khôi phục: cchc history restore-removed {r.folder.name}")
    return EXIT_OK


def cmd_removed(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.core.history.remove import list_removed

    removed = list_removed(ws.data_dir)
    if args.json:
        emit_json({"removed": [r.to_json() for r in removed]})
        return EXIT_OK
    if not removed:
        print("Chưa có lịch sử xã cũ nào đã xóa.")
        return EXIT_OK
    for r in removed:
        print(
            f"{r.folder.name}: xã {r.name}, xóa lúc {format_datetime(r.removed_at)}; {r.summary()}."
        )
    print("Khôi phục: cchc history restore-removed TÊN_THƯ_MỤC")
    return EXIT_OK


def cmd_restore_removed(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.core.history.remove import restore_removed

    r = restore_removed(ws.data_dir, args.folder)
    if args.json:
        emit_json({"restored": True, **r.to_json()})
        return EXIT_OK
    held = f" ({r.info.summary()})" if r.info else ""
    print(f"Đã khôi phục lịch sử xã cũ {r.name}{held} vào {r.folder}.")
    return EXIT_OK


def cmd_reports(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.core.history.report_files import history_report_files

    files = history_report_files(ws.data_dir)
    if args.json:
        emit_json({"reports": [f.to_json() for f in files]})
        return EXIT_OK
    if not files:
        print("Các xã cũ chưa có tệp báo cáo nào (thư mục BaoCao của gói đã nhập làm lịch sử).")
        return EXIT_OK
    for f in files:
        gone = "" if f.present else " – THIẾU trong kho tệp"
        print(f"Xã {f.commune} – năm {f.year}: {f.name} ({format_size(f.size)}){gone}")
    print('Lưu một bản: cchc history report-file "TÊN XÃ" NĂM "TÊN TỆP" --out THƯ_MỤC')
    return EXIT_OK


def cmd_report_file(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.core.history.report_files import find_report_file, save_report_file

    f = find_report_file(ws.data_dir, args.commune, args.year, args.name)
    path = save_report_file(f, Path(args.out))
    if args.json:
        emit_json({"saved": str(path), **f.to_json()})
        return EXIT_OK
    print(f"Đã lưu tệp báo cáo {f.name} năm {f.year} của xã cũ {f.commune} vào {path}")
    return EXIT_OK


def register(registry: Registry) -> None:
    g = registry.group("history", "lịch sử các xã cũ đã sáp nhập (nhập, xem, so sánh, xóa)")
    sp = g.command(
        "import", cmd_import, "nhập gói tài liệu hoặc bản sao lưu của một xã cũ làm lịch sử"
    )
    sp.add_argument("file", metavar="FILE", help="thư mục gói, tệp gói .zip hoặc bản sao lưu")
    sp.add_argument(
        "--former", metavar="TÊN", help="tên xã cũ (mặc định: tên xã ghi trong dữ liệu)"
    )
    sp.add_argument(
        "--add-former",
        action="store_true",
        help="xác nhận đây là xã cũ dù chưa có trong danh sách (thêm vào danh sách)",
    )
    sp.add_argument("--update", action="store_true", help="cập nhật lịch sử đã nhập của xã cũ này")
    sp.add_argument(
        "--confirm-appraiser",
        action="store_true",
        help="vẫn nhập khi cơ quan thẩm định của năm khác với thông tin năm",
    )
    g.command("list", cmd_list, "các xã cũ, năm có lịch sử và số tài liệu, tệp, điểm")
    g.command("compare", cmd_compare, "so sánh điểm, xếp hạng từng lĩnh vực của các xã cũ theo năm")
    sp = g.command(
        "remove",
        cmd_remove,
        "xóa lịch sử một xã cũ nhập nhầm (chuyển vào lich-su-da-xoa, khôi phục được)",
    )
    sp.add_argument("name", metavar="TÊN", help="tên xã cũ (hoặc tên thư mục lịch sử của xã)")
    sp.add_argument("--yes", action="store_true", help="xác nhận xóa (không có: chỉ cho xem)")
    g.command("reports", cmd_reports, "các tệp báo cáo (BaoCao) trong gói của các xã cũ")
    sp = g.command(
        "report-file", cmd_report_file, "lưu một bản tệp báo cáo của một xã cũ ra thư mục"
    )
    sp.add_argument("commune", metavar="XÃ", help="tên xã cũ")
    sp.add_argument("year", metavar="NĂM", type=year_arg, help="năm của gói")
    sp.add_argument("name", metavar="TÊN_TỆP", help="tên tệp (xem: cchc history reports)")
    sp.add_argument("--out", metavar="THƯ_MỤC", required=True, help="thư mục lưu tệp")
    g.command("removed", cmd_removed, "các lịch sử xã cũ đã xóa, khôi phục được")
    sp = g.command("restore-removed", cmd_restore_removed, "khôi phục một lịch sử xã cũ đã xóa")
    sp.add_argument(
        "folder",
        metavar="TÊN_THƯ_MỤC",
        help="tên thư mục trong lich-su-da-xoa (xem: cchc history removed), hoặc tên xã",
    )
