"""Foundation commands: ``init``, ``catalog list``, ``check``."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from desktop.cli.common import EXIT_ERROR, EXIT_OK, Registry, emit_json, json_number, year_arg
from desktop.cli.score import merge_check_json, not_covered, print_checks, year_checks
from desktop.core.backup.integrity import check_integrity
from desktop.core.catalog.store import catalog_info, load_builtin
from desktop.core.office.vnformat import format_int, format_points, parse_date
from desktop.core.workspace import Workspace
from desktop.core.years.profile import save_profile
from desktop.core.years.store import former_communes, set_former_communes

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
            merger_decision_number=args.merger_decision,
            merger_decision_date=parse_date(args.merger_date, what="Ngày quyết định sáp nhập")
            if args.merger_date
            else None,
        )
        if args.former_commune:
            set_former_communes(s, args.former_commune)
        catalog, created = load_builtin(s, year)
        former = former_communes(s)
        from desktop.core.bundle.signing import ensure_signing_key  # not for other commands

        fingerprint = ensure_signing_key(s).fingerprint  # signs the commune's bundles
        cat = {
            "name": catalog.name,
            "decision_number": catalog.decision_number,
            "complete": catalog.complete,
            "note": catalog.note,
        }
    if args.json:
        emit_json(
            {
                "data_dir": str(ws.data_dir),
                "profile": profile.__dict__,
                "former_communes": former,
                "year": year,
                "catalog": cat,
                "catalog_created": created,
                "signing_key_fingerprint": fingerprint,
            }
        )
    else:
        print(f"Đã lưu hồ sơ {profile.place_line}.")
        state = "Đã nạp" if created else "Đã có"
        print(f"{state} bộ tiêu chí năm {year}: {cat['name']}.")
        if not cat["complete"]:
            print(f"Lưu ý: {cat['note']}")
        print(f"Mã khóa ký gói của máy này: {fingerprint}.")
    return EXIT_OK


def cmd_catalog_list(ws: Workspace, args: argparse.Namespace) -> int:
    with ws.session() as s:
        info = catalog_info(s, args.year)
    codes = {n.id: n.code for n in info.nodes}
    if args.json:
        emit_json(
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
                        "scoring_guide": n.scoring_guide,
                        "evidence_required": n.evidence_required,
                    }
                    for n in info.nodes
                ],
            }
        )
        return EXIT_OK
    print(f"Bộ tiêu chí năm {info.year}: {info.name}")
    if not info.complete:
        print(f"Lưu ý: {info.note}")
    for n in info.nodes:
        indent = "  " * (n.level - 1)
        print(f"{indent}{n.code}  {n.title}  [{format_points(n.max_points)} điểm]")
    print(f"Tổng: {format_points(info.total_points)} điểm, {info.node_count} mục.")
    return EXIT_OK


def cmd_check(ws: Workspace, args: argparse.Namespace) -> int:
    """Integrity always; with ``--year`` also the evidence and self-score checks of that
    year, in the same ``findings`` list. The exit status follows integrity only."""
    report = check_integrity(ws, full=args.full)
    damaged = report.quick_check != ["ok"]
    year = year_checks(ws, args.year) if args.year and not damaged else None
    if args.json:
        emit_json(merge_check_json(report, year) if year else report.to_json())
    else:
        for f in not_covered(report.findings, year) if year else report.findings:
            label = "LỖI" if f.severity == "error" else "Cảnh báo"
            print(f"{label}: {f.message}")
        if year:
            print_checks(year)
        if report.good_backup is not None:
            print(f"Khôi phục: cchc backup restore {report.good_backup.name} --yes")
        if report.ok:
            print(
                f"Dữ liệu nguyên vẹn: cơ sở dữ liệu ổn định, {format_int(report.blobs_total)} tệp "
                f"trong kho ({format_int(report.blobs_verified)} tệp đã kiểm tra mã băm)."
            )
        else:
            print("Dữ liệu có lỗi (xem danh sách ở trên).", file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_ERROR


# --- registration ---------------------------------------------------------------------


def register(r: Registry) -> None:
    sp = r.command("init", cmd_init, "tạo hoặc cập nhật hồ sơ xã, nạp bộ tiêu chí của năm")
    sp.add_argument("--commune", required=True, help="tên xã")
    sp.add_argument("--district", help="huyện (trước 01/7/2025) hoặc huyện cũ")
    sp.add_argument("--province", required=True, help="tỉnh hoặc thành phố")
    sp.add_argument("--chairman", help="Chủ tịch UBND xã")
    sp.add_argument("--officer", help="công chức phụ trách CCHC")
    sp.add_argument("--year", type=year_arg, help="năm đánh giá (mặc định: năm nay)")
    sp.add_argument(
        "--former-commune",
        action="append",
        metavar="NAME",
        help="xã cũ đã sáp nhập vào xã (lặp lại cho mỗi xã)",
    )
    sp.add_argument("--merger-decision", metavar="SỐ", help="số quyết định thành lập xã mới")
    sp.add_argument("--merger-date", metavar="dd/mm/yyyy", help="ngày quyết định thành lập")

    sp = r.group("catalog", "bộ tiêu chí").command(
        "list", cmd_catalog_list, "liệt kê bộ tiêu chí của năm"
    )
    sp.add_argument("--year", type=year_arg, required=True)

    sp = r.command("check", cmd_check, "kiểm tra tính toàn vẹn của dữ liệu")
    sp.add_argument("--full", action="store_true", help="kiểm tra mã băm của mọi tệp")
    sp.add_argument(
        "--year", type=year_arg, help="kiểm tra cả tài liệu kiểm chứng và điểm tự chấm của năm"
    )
