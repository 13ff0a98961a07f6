"""Integrity of a data folder: SQLite quick_check, foreign keys, and the file store."""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import select

from db.models import Blob, EvidenceFile
from db.models_reports import Report
from db.sqlerrors import is_corruption
from desktop.core.backup.leftovers import clean_leftovers, find_leftovers
from desktop.core.office.vnformat import format_size
from desktop.core.workspace import Workspace

STARTUP_SAMPLE = 20


@dataclass
class Finding:
    kind: str  # db_corrupt | foreign_key | blob_missing | blob_corrupt | blob_orphaned | temp_left
    message: str
    severity: str = "error"  # error | warning
    code: str | None = None
    evidence_id: int | None = None
    sha256: str | None = None


@dataclass
class IntegrityReport:
    quick_check: list[str] = field(default_factory=list)
    blobs_total: int = 0
    blobs_verified: int = 0
    kept_for_backups: int = 0  # files no document uses, kept because a backup needs them
    good_backup: Path | None = None  # the newest good backup, when the database is damaged
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)

    def to_json(self) -> dict:
        return {
            "ok": self.ok,
            "quick_check": self.quick_check,
            "files": {
                "total": self.blobs_total,
                "verified": self.blobs_verified,
                "kept_for_backups": self.kept_for_backups,
            },
            "findings": [asdict(f) for f in self.findings],
            **({"good_backup": str(self.good_backup)} if self.good_backup else {}),
        }


def check_integrity(ws: Workspace, *, full: bool = False) -> IntegrityReport:
    """``full`` re-hashes every blob; otherwise a random sample (the startup check).
    A damaged database is reported (never raised) with the newest good backup."""
    report = IntegrityReport()
    try:
        _check(ws, report, full)
    except Exception as exc:
        if not is_corruption(exc):
            raise
        if report.quick_check in ([], ["ok"]):
            report.quick_check = [str(getattr(exc, "orig", exc))]
    if report.quick_check != ["ok"]:
        _report_damage(ws, report)
    _report_unfinished_restore(ws, report)
    return report


def _report_unfinished_restore(ws: Workspace, report: IntegrityReport) -> None:
    from desktop.core.backup.restore import read_journal

    doc = read_journal(ws.data_dir)
    if doc is None:
        return
    name = Path(doc.get("backup") or "").name or "một bản sao lưu"
    report.findings.insert(
        0,
        Finding(
            "restore_unfinished",
            f"Lần khôi phục từ {name} còn dở dang (máy tắt hoặc chương trình bị đóng giữa "
            "chừng): dữ liệu chính và lịch sử xã cũ có thể không cùng một thời điểm. Hãy "
            "đóng rồi mở lại ứng dụng (hoặc chạy một lệnh cchc) để làm xong hoặc trả lại "
            "như trước khi khôi phục.",
        ),
    )


def _report_damage(ws: Workspace, report: IntegrityReport) -> None:
    from desktop.core.backup.files import backup_info
    from desktop.core.backup.restore import newest_good_backup

    report.good_backup = newest_good_backup(ws.data_dir)
    text = (
        f"Cơ sở dữ liệu bị hỏng: SQLite thấy {len(report.quick_check)} chỗ không đọc được "
        "(chi tiết trong kết quả kiểm tra)."
    )
    if report.good_backup is not None:
        info = backup_info(report.good_backup)
        when = f" ({info.created:%d/%m/%Y %H:%M}, {info.description})" if info else ""
        text += (
            f" Bản sao lưu tốt gần nhất: {report.good_backup.name}{when}. Hãy khôi phục từ "
            "bản này (Tệp → Khôi phục từ bản sao lưu…)."
        )
    else:
        text += " Không có bản sao lưu nào dùng được."
    report.findings.insert(0, Finding("db_corrupt", text, "error"))


def _check(ws: Workspace, report: IntegrityReport, full: bool) -> None:
    with ws.engine.connect() as conn:
        report.quick_check = [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check")]
        if report.quick_check != ["ok"]:
            return  # nothing else can be read reliably
        for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check"):
            report.findings.append(
                Finding(
                    "foreign_key",
                    f"Bảng {table}, dòng {rowid} trỏ tới bản ghi không còn trong bảng {parent}.",
                )
            )
    with ws.session() as s:
        known = list(s.scalars(select(Blob.sha256)))
        users: dict[str, list[tuple[int, str]]] = {}
        for sha, doc_id, name in s.execute(
            select(EvidenceFile.sha256, EvidenceFile.document_id, EvidenceFile.original_name)
        ):
            users.setdefault(sha, []).append((doc_id, name))
        for sha, name, number, symbol in s.execute(
            select(Report.signed_sha256, Report.signed_name, Report.number, Report.symbol).where(
                Report.signed_sha256.is_not(None)
            )
        ):
            users.setdefault(sha, []).append(
                (None, f"{name} (bản đã ký của báo cáo {number}/{symbol})")
            )
    report.blobs_total = len(known)
    verify = known if full else random.sample(known, min(STARTUP_SAMPLE, len(known)))
    report.blobs_verified = len(verify)
    audit = ws.store.audit(known, verify)
    for sha in audit.missing:
        for doc_id, name in users.get(sha, [(None, sha[:12])]):
            report.findings.append(
                Finding(
                    "blob_missing",
                    f"Thiếu tệp “{name}” trong kho tệp (mã băm {sha[:12]}…).",
                    evidence_id=doc_id,
                    sha256=sha,
                )
            )
    for sha in audit.corrupt:
        for doc_id, name in users.get(sha, [(None, sha[:12])]):
            report.findings.append(
                Finding(
                    "blob_corrupt",
                    f"Tệp “{name}” trong kho tệp đã bị thay đổi hoặc hỏng (mã băm {sha[:12]}…).",
                    evidence_id=doc_id,
                    sha256=sha,
                )
            )
    kept = ws.store.kept_for_backups() if audit.orphaned else set()
    report.kept_for_backups = len(set(audit.orphaned) & kept)
    for sha in audit.orphaned:
        if sha in kept:  # a kept backup needs it: restoring that backup brings it back
            continue
        report.findings.append(
            Finding(
                "blob_orphaned",
                f"Tệp {sha[:12]}… trong kho không thuộc tài liệu nào (còn lại sau một lần "
                "ghi bị gián đoạn); có thể xóa an toàn.",
                "warning",
                sha256=sha,
            )
        )
    left = find_leftovers(ws.data_dir)
    if left.files:
        report.findings.append(
            Finding(
                "temp_left",
                f"Còn {len(left.files)} tệp tạm ({format_size(left.size)}) từ lần ghi hoặc "
                "khôi phục bị gián đoạn; sẽ được dọn khi mở lại ứng dụng.",
                "warning",
            )
        )


def known_blobs(ws: Workspace) -> set[str]:
    with ws.session() as s:
        return set(s.scalars(select(Blob.sha256)))


def remove_orphans(ws: Workspace) -> int:
    """Delete orphaned blobs (not those a kept backup needs) and leftover temp files.
    Returns how many files went."""
    audit = ws.store.audit(known_blobs(ws))
    kept = ws.store.kept_for_backups()
    # Not a file stored in the last hour: an add under way may be about to write its row.
    orphaned = [s for s in audit.orphaned if s not in kept and not ws.store.is_recent(s)]
    for sha in orphaned:
        ws.store.remove(sha)
    return len(orphaned) + len(clean_leftovers(ws.data_dir).files)
