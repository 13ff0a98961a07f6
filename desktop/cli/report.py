"""Report commands: ``report index`` (draft, keep in the register, export .docx and the
app's own .pdf), ``report list``, ``report status``, ``report sign`` and
``report evidence-index``.

    cchc report index --index-year 2022 --from 15/12/2022 --to 30/03/2023 --number 123 \
        --date 04/04/2023 --out BC-123.docx [--pdf BC-123.pdf]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from base.errors import CchcError, ValidationError
from desktop.cli.common import EXIT_ERROR, EXIT_OK, Registry, emit_json, year_arg
from desktop.core.dossiers import custom_period
from desktop.core.office.vnformat import format_date, format_int, parse_date
from desktop.core.report.fields import blank_message, blanks
from desktop.core.report.layout import build_document, placeholders
from desktop.core.report.records import STATUS_LABELS, ReportInfo
from desktop.core.report.redraft import refresh_report
from desktop.core.report.status import attach_signed_scan, set_status
from desktop.core.report.store import (
    create_index_report,
    find_by_number,
    list_reports,
    report_data,
    update_header,
)
from desktop.core.workspace import Workspace


def _suffix(path: Path, suffix: str, what: str) -> Path:
    if path.suffix.lower() != suffix:
        raise ValidationError(f"Tệp {what} “{path.name}” phải có đuôi {suffix}.")
    return path


def _kept(info: ReportInfo) -> str:
    return (
        f"Bản nháp báo cáo số {info.number_text} đã được lưu trong sổ báo cáo "
        "(cchc report list); sửa xong chạy lại lệnh."
    )


def _draft(ws: Workspace, args: argparse.Namespace, report_date, period) -> tuple:
    """The register's report with this number and index year (figures refreshed, the
    officer's edits kept), or a new draft."""
    number = args.number.strip()
    with ws.sql_transaction() as s:
        existing = find_by_number(s, number, "BC-UBND", report_date.year) if number else None
        if (
            existing is not None
            and existing.kind == "index"
            and existing.index_year == args.index_year
            and existing.status in ("draft", "exported", "printed")
        ):
            update_header(s, existing.id, report_date=report_date, period=period)
            outcome = refresh_report(s, existing.id)
            return outcome.report, outcome.problems, outcome.warnings, outcome.offers
        created = create_index_report(
            s,
            index_year=args.index_year,
            period=period,
            number=number,
            report_date=report_date,
        )
    return created.report, created.problems, created.warnings, []


def _gui_for_pdf() -> None:
    """Qt lays the PDF out; without a display (a server, an SSH session) it runs offscreen."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication  # widgets too: the same process may show some

    if QApplication.instance() is None:
        QApplication([sys.argv[0] if sys.argv else "cchc"])


def cmd_index(ws: Workspace, args: argparse.Namespace) -> int:
    out = _suffix(Path(args.out), ".docx", "báo cáo")
    pdf = _suffix(Path(args.pdf), ".pdf", "PDF") if args.pdf else None
    period = custom_period(args.date_from, args.date_to)
    report_date = parse_date(args.date, what="Ngày báo cáo")
    info, problems, warnings, offers = _draft(ws, args, report_date, period)
    if problems:
        raise CchcError("Chưa xuất báo cáo: " + " ".join(problems) + " " + _kept(info))
    with ws.connection() as s:
        missing = blanks(report_data(s, info.id).fields)
    if missing and not args.allow_blanks:
        if args.json:
            emit_json({"blanks": [f.key for f in missing]})
        print(
            f"Chưa xuất báo cáo số {info.number_text} (mã {info.id}): còn trống "
            f"{blank_message(missing)}. Điền bằng “cchc report set --id {info.id} KHÓA "
            "GIÁ_TRỊ” (xem “cchc report fields --id "
            f"{info.id}”), hoặc thêm --allow-blanks để xuất bản nháp có chỗ trống “…”. "
            + _kept(info),
            file=sys.stderr,
        )
        return EXIT_ERROR
    doc = build_document(info)
    from desktop.core.report.docx_writer import write_docx

    try:
        write_docx(doc, out)
    except CchcError as exc:
        raise CchcError(f"{exc} {_kept(info)}") from exc
    with ws.sql_transaction() as s:
        info = set_status(s, info.id, "exported", path=out.resolve())
    pages = None
    if pdf is not None:
        _gui_for_pdf()
        from desktop.ui.report.printing import write_pdf

        try:
            pages = write_pdf(doc, pdf)
        except CchcError as exc:
            raise CchcError(f"{exc} Tệp {out.name} đã xuất xong.") from exc
        with ws.sql_transaction() as s:
            info = set_status(s, info.id, "exported", path=pdf.resolve())
    left = placeholders(info)
    if args.json:
        emit_json(
            {
                **_report_json(info),
                "docx": str(out),
                "pdf": str(pdf) if pdf else None,
                "pdf_pages": pages,
                "warnings": warnings,
                "blanks": [f.key for f in missing],
                "redraft_offers": [o.key for o in offers],
            }
        )
        return EXIT_OK
    for w in warnings:
        print(f"Lưu ý: {w}", file=sys.stderr)
    if missing:
        print(f"Lưu ý: bản nháp có chỗ trống “…”: {blank_message(missing)}.", file=sys.stderr)
    elif left:
        print(f"Lưu ý: còn dấu “…” trong mục: {', '.join(left)}.", file=sys.stderr)
    for o in offers:
        print(
            f"Lưu ý: mục “{o.name}” đã được sửa tay nên giữ nguyên; số liệu mới khác với bản "
            "đang có (mở Báo cáo trong ứng dụng → Soạn lại mục này để xem khác biệt).",
            file=sys.stderr,
        )
    print(f"Đã xuất báo cáo số {info.number_text} ra {out}.")
    if pdf is not None:
        print(f"Đã tạo tệp PDF {pdf} ({pages} trang).")
    return EXIT_OK


def _report_json(r: ReportInfo) -> dict:
    return {
        "id": r.id,
        "kind": r.kind,
        "kind_label": r.kind_label,
        "number": r.number,
        "number_text": r.number_text,
        "date": r.report_date.isoformat() if r.report_date else None,
        "index_year": r.index_year,
        "period_from": r.period_from.isoformat() if r.period_from else None,
        "period_to": r.period_to.isoformat() if r.period_to else None,
        "status": r.status,
        "status_label": r.status_label,
        "signed_file": r.signed_name or None,
        "uploaded_on": r.uploaded_on.isoformat() if r.uploaded_on else None,
        "upload_note": r.upload_note,
        "last_docx": r.last_docx or None,
        "last_pdf": r.last_pdf or None,
        "edited_sections": [s.key for s in r.sections if s.edited],
        "history": [{"status": e.status, "at": e.at.isoformat(), "note": e.note} for e in r.events],
    }


def cmd_list(ws: Workspace, args: argparse.Namespace) -> int:
    with ws.connection() as s:
        reports = list_reports(s)
    if args.json:
        emit_json({"reports": [_report_json(r) for r in reports]})
        return EXIT_OK
    if not reports:
        print("Sổ báo cáo chưa có báo cáo nào.")
    for r in reports:
        print(
            f"[{r.id}] {r.number_text}  {format_date(r.report_date) or '(chưa có ngày)'}  "
            f"{r.kind_label} năm {r.index_year}  kỳ {r.period_text or '-'}  {r.status_label}"
        )
    return EXIT_OK


def cmd_status(ws: Workspace, args: argparse.Namespace) -> int:
    on = parse_date(args.on, what="Ngày") if args.on else None
    with ws.sql_transaction() as s:
        info = set_status(s, args.id, args.to, note=args.note or "", on=on)
    if args.json:
        emit_json(_report_json(info))
    else:
        print(f"Báo cáo {info.number_text}: {info.status_label}.")
    return EXIT_OK


def cmd_sign(ws: Workspace, args: argparse.Namespace) -> int:
    with ws.sql_transaction() as s:
        info = attach_signed_scan(s, ws.store, args.id, Path(args.scan))
    if args.json:
        emit_json(_report_json(info))
    else:
        print(f"Đã lưu bản quét {info.signed_name}; báo cáo {info.number_text} đã ký.")
    return EXIT_OK


def cmd_evidence_index(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.core.report.evidence_index import evidence_index, export_evidence_index

    with ws.session() as s:
        index = evidence_index(s, args.year, ws.store)
    export_evidence_index(index, Path(args.out))
    if args.json:
        emit_json({"year": args.year, "file": str(args.out), "rows": len(index.rows)})
    else:
        print(
            f"Đã xuất danh mục tài liệu kiểm chứng năm {args.year} "
            f"({format_int(index.document_count)} tài liệu, {index.missing_count} tiêu chí chưa có "
            f"tài liệu) "
            f"ra {args.out}."
        )
    return EXIT_OK


def register(r: Registry) -> None:
    g = r.group("report", "báo cáo (BC-UBND): soạn, xuất Word/PDF, sổ báo cáo")
    sp = g.command("index", cmd_index, "báo cáo kết quả Chỉ số CCHC và nhiệm vụ năm sau")
    sp.add_argument("--index-year", type=year_arg, required=True, help="năm của Chỉ số CCHC")
    sp.add_argument("--from", dest="date_from", required=True, metavar="dd/mm/yyyy")
    sp.add_argument("--to", dest="date_to", required=True, metavar="dd/mm/yyyy")
    sp.add_argument("--number", required=True, help="số báo cáo, ví dụ 123")
    sp.add_argument("--date", required=True, metavar="dd/mm/yyyy", help="ngày báo cáo")
    sp.add_argument("--out", required=True, metavar="FILE.docx", help="tệp Word")
    sp.add_argument("--pdf", metavar="FILE.pdf", help="thêm tệp PDF do ứng dụng tạo")
    sp.add_argument(
        "--allow-blanks",
        action="store_true",
        help="xuất bản nháp dù còn trường bắt buộc để trống (ghi “…”)",
    )

    g.command("list", cmd_list, "sổ báo cáo: số, ngày, kỳ, trạng thái")

    sp = g.command("status", cmd_status, "chuyển trạng thái: đã in, đã chuyển, đã tải lên")
    sp.add_argument("--id", type=int, required=True, help="mã báo cáo (xem report list)")
    sp.add_argument(
        "--to",
        required=True,
        choices=("printed", "handed_off", "uploaded"),
        help=", ".join(f"{k}: {STATUS_LABELS[k]}" for k in ("printed", "handed_off", "uploaded")),
    )
    sp.add_argument("--on", metavar="dd/mm/yyyy", help="ngày tải lên (với uploaded)")
    sp.add_argument("--note", help="ghi chú")

    sp = g.command("sign", cmd_sign, "đính kèm bản quét báo cáo đã ký, đóng dấu")
    sp.add_argument("--id", type=int, required=True, help="mã báo cáo (xem report list)")
    sp.add_argument("scan", metavar="FILE", help="bản quét PDF/JPG")

    sp = g.command(
        "evidence-index", cmd_evidence_index, "danh mục tài liệu kiểm chứng (.docx hoặc .xlsx)"
    )
    sp.add_argument("--year", type=year_arg, required=True, help="năm đánh giá")
    sp.add_argument("--out", required=True, metavar="FILE.docx|FILE.xlsx")
