"""Import a portal export into the dossier table: upsert by dossier code.

The caller owns the transaction (``with ws.transaction() as s: import_dossiers(s, ...)``):
the whole file lands or nothing does, whether the import fails, is cancelled or killed.
The same dossier in two overlapping exports is stored once; the newer information wins
(a result date beats none, a later stage beats an earlier one, at equal stage the later
import wins) and a value the newer export lacks is kept. Re-importing a file changes
nothing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from base.errors import ValidationError
from db.models_dossiers import Dossier, DossierImport, stamp_of
from desktop.core.dossiers.header import label_key
from desktop.core.dossiers.klass import klass_of
from desktop.core.dossiers.locate import ExportPreview, locate_table, preview_export
from desktop.core.dossiers.periods import Period
from desktop.core.dossiers.profiles import get_profile, profiles_by_signature, save_profile
from desktop.core.dossiers.reader import DossierFileError, ImportCancelled, open_workbook
from desktop.core.dossiers.rows import DATA_COLUMNS, RowReader, SkippedRow
from desktop.core.dossiers.synonyms import FIELD_KEYS, FIELD_LABELS

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
BATCH = 500
_STAGE = {"": 0, "processing": 1, "rejected": 2, "withdrawn": 3, "done": 3, "returned": 4}
_IMPORTANT = ("procedure", "field", "channel", "due", "result", "status")


@dataclass
class ImportSummary:
    file: str
    sheet: str
    header_rows: tuple[int, ...]
    columns: dict[str, str]  # field key -> header label found in the file
    profile: str | None
    rows_read: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0  # rows repeating a code already seen in the same file
    skipped: list[SkippedRow] = field(default_factory=list)
    missing_columns: list[str] = field(default_factory=list)  # optional fields not found
    saved_profile: str | None = None
    import_id: int | None = None

    @property
    def dossiers(self) -> int:
        return self.imported + self.updated + self.unchanged

    def to_json(self) -> dict:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "header_rows": list(self.header_rows),
            "profile": self.profile,
            "saved_profile": self.saved_profile,
            "columns": self.columns,
            "missing_columns": self.missing_columns,
            "rows_read": self.rows_read,
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "skipped": len(self.skipped),
            "skipped_rows": [
                {"sheet": s.sheet, "row": s.row, "code": s.code, "reason": s.reason}
                for s in self.skipped
            ],
        }


def _stage(rec: dict) -> tuple[bool, bool, int]:
    return (
        rec["result_at"] is not None,
        rec["returned_at"] is not None,
        _STAGE.get(rec["status_kind"], 0),
    )


def _blank(v: object) -> bool:
    return v is None or v == ""


def merge(old: dict, new: dict) -> dict:
    """The stored values after seeing ``new`` for a dossier already known as ``old``."""
    if _stage(new) >= _stage(old):
        winner, other = new, old
    else:
        winner, other = old, new
    merged = {}
    for col in DATA_COLUMNS:
        v = winner[col]
        merged[col] = other[col] if _blank(v) else v
    # A status word and its kind travel together.
    if _blank(winner["status"]):
        merged["status_kind"] = other["status_kind"]
    return merged


def parse_overrides(pairs: list[str] | None) -> dict[str, str]:
    """``["Số biên nhận=code", "Ghi chú="]`` → folded label → field ("" ignores a column)."""
    out: dict[str, str] = {}
    for pair in pairs or []:
        label, sep, key = pair.rpartition("=")
        key = key.strip()
        if not sep or not label.strip() or (key and key not in FIELD_KEYS):
            fields = ", ".join(FIELD_KEYS)
            raise ValidationError(
                f"Ánh xạ cột “{pair}” không hợp lệ: cần dạng “Tên cột=trường”, "
                f"trường là một trong: {fields}."
            )
        out[label_key(label)] = key
    return out


def preview_file(
    session: Session,
    path: Path | str,
    *,
    sheet: str | None = None,
    profile: str | None = None,
    overrides: dict[str, str] | None = None,
) -> ExportPreview:
    """What a mapping dialog shows before importing: sheets, header labels, the detected
    (or saved-profile) mapping, sample rows and the needed fields still missing."""
    forced = get_profile(session, profile).as_pair if profile else None
    book = open_workbook(Path(path))
    try:
        return preview_export(
            book,
            sheet,
            profiles=profiles_by_signature(session),
            forced=forced,
            overrides=overrides,
        )
    finally:
        book.close()


@dataclass
class ReadExport:
    """An export read and checked, not yet written (``read_dossier_export``)."""

    summary: ImportSummary
    records: dict[str, dict]
    sha256: str
    header: object
    total_rows: int


def import_dossiers(
    session: Session,
    path: Path | str,
    *,
    sheet: str | None = None,
    profile: str | None = None,
    overrides: dict[str, str] | None = None,
    save_profile_as: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportSummary:
    """Read the export at ``path`` and upsert its dossiers. Raises ``DossierFileError``
    (no table, unreadable file, no dossier row), ``ImportCancelled``; the caller then rolls
    back. Programs that write read first in a read session (``read_dossier_export``), then
    write in a short transaction (``write_dossier_export``): other writers wait less."""
    read = read_dossier_export(
        session,
        path,
        sheet=sheet,
        profile=profile,
        overrides=overrides,
        progress=progress,
        cancel=cancel,
    )
    return write_dossier_export(
        session, read, save_profile_as=save_profile_as, progress=progress, cancel=cancel
    )


def read_dossier_export(
    session: Session,
    path: Path | str,
    *,
    sheet: str | None = None,
    profile: str | None = None,
    overrides: dict[str, str] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ReadExport:
    """Read and check the export at ``path`` (the session only reads column profiles)."""
    path = Path(path)
    forced = get_profile(session, profile).as_pair if profile else None
    book = open_workbook(path)
    try:
        table = locate_table(
            book,
            sheet,
            profiles=profiles_by_signature(session),
            forced=forced,
            overrides=overrides,
        )
        header = table.header
        summary = ImportSummary(
            file=book.label,
            sheet=table.sheet.name,
            header_rows=tuple(r + 1 for r in header.rows),
            columns={k: header.labels[c] for c, k in header.mapping.items()},
            profile=header.profile,
            missing_columns=[
                FIELD_LABELS[k] for k in _IMPORTANT if k not in header.mapping.values()
            ],
        )
        reader = RowReader(header, table.sheet.name)
        total_rows = max(table.sheet.height - header.first_data_row, 1)
        records: dict[str, dict] = {}
        for n, out in enumerate(reader.read_all(table.data_rows()), 1):
            if isinstance(out, SkippedRow):
                summary.skipped.append(out)
            else:
                summary.rows_read += 1
                seen = records.get(out["code"])
                if seen is not None:
                    summary.duplicates += 1
                    out = {**seen, **merge(seen, out), "source_row": out["source_row"]}
                records[out["code"]] = out
            if n % BATCH == 0:
                _tick(progress, cancel, min(n, total_rows), 2 * total_rows)
        sha = book.sha256
    finally:
        book.close()
    if not records and not summary.skipped:  # headers only: nothing to record
        raise DossierFileError(
            f"Trang “{summary.sheet}” của {summary.file}: tệp không có dòng hồ sơ nào (chỉ có "
            "dòng tiêu đề). Chưa ghi gì; hãy xuất lại danh sách hồ sơ từ hệ thống."
        )
    _tick(progress, cancel, total_rows, 2 * total_rows)
    return ReadExport(summary, records, sha, header, total_rows)


def write_dossier_export(
    session: Session,
    read: ReadExport,
    *,
    save_profile_as: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportSummary:
    """Upsert what ``read_dossier_export`` read (the caller owns the transaction)."""
    summary, records, total_rows = read.summary, read.records, read.total_rows
    if save_profile_as:
        summary.saved_profile = save_profile(session, save_profile_as, read.header).name
    imp = DossierImport(
        file_name=summary.file,
        sheet=summary.sheet,
        sha256=read.sha256,
        profile_name=summary.profile or "",
    )
    session.add(imp)
    session.flush()
    summary.import_id = imp.id
    _write(
        session,
        records,
        imp.id,
        summary,
        lambda done: _tick(
            progress, cancel, total_rows + done * total_rows // max(len(records), 1), 2 * total_rows
        ),
    )
    imp.rows_read = summary.rows_read
    imp.imported, imp.updated = summary.imported, summary.updated
    imp.unchanged, imp.skipped = summary.unchanged, len(summary.skipped)
    session.flush()
    _tick(progress, cancel, 2 * total_rows, 2 * total_rows)
    return summary


def _tick(progress: Progress | None, cancel: Cancel | None, done: int, total: int) -> None:
    if cancel is not None and cancel():
        raise ImportCancelled("Đã hủy nhập tệp; dữ liệu không thay đổi.")
    if progress is not None:
        progress(done, total)


_LOAD_COLS = [
    Dossier.id,
    Dossier.code,
    Dossier.klass,
    *(getattr(Dossier, c) for c in DATA_COLUMNS),
]
# Rows are written with the driver's executemany (plain tuples, stamps already integers):
# at 50,000 rows the ORM's per-row bind processing would cost more than reading the file.
_WRITE_COLS = (*DATA_COLUMNS, "klass", "import_id", "source_row", "updated_at")
_STAMPS = {"received_at", "due_at", "result_at", "returned_at"}
_INSERT_SQL = (
    f"INSERT INTO dossier (code, {', '.join(_WRITE_COLS)}) "
    f"VALUES ({', '.join('?' * (len(_WRITE_COLS) + 1))})"
)
_UPDATE_SQL = f"UPDATE dossier SET {', '.join(f'{c} = ?' for c in _WRITE_COLS)} WHERE id = ?"


def _values(rec: dict) -> list:
    out = []
    for col in _WRITE_COLS:
        v = rec[col]
        if col in _STAMPS and v is not None:
            v = stamp_of(v)
        elif isinstance(v, str):
            v = unicodedata.normalize("NFC", v)  # a Mac's export is NFD
        out.append(v)
    return out


def _write(
    session: Session,
    records: dict[str, dict],
    import_id: int,
    summary: ImportSummary,
    tick: Callable[[int], None],
) -> None:
    # The text form SQLAlchemy's DateTime uses on SQLite, so the ORM reads it back.
    now = datetime.now().strftime("%Y-%m-%d %H:%M:%S.000000")
    codes = list(records)
    conn = session.connection()
    for start in range(0, len(codes), BATCH):
        chunk = codes[start : start + BATCH]
        existing = {
            row.code: row._asdict()
            for row in conn.execute(select(*_LOAD_COLS).where(Dossier.code.in_(chunk)))
        }
        inserts, updates = [], []
        for code in chunk:
            rec = records[code]
            extra = {"import_id": import_id, "source_row": rec["source_row"], "updated_at": now}
            old = existing.get(code)
            if old is None:
                inserts.append(
                    (
                        unicodedata.normalize("NFC", code),
                        *_values({**rec, "klass": klass_of(rec), **extra}),
                    )
                )
                continue
            merged = merge(old, rec)
            merged["klass"] = klass_of(merged)
            if merged["klass"] == old["klass"] and all(merged[c] == old[c] for c in DATA_COLUMNS):
                summary.unchanged += 1
                continue
            updates.append((*_values({**merged, **extra}), old["id"]))
        if inserts:
            conn.exec_driver_sql(_INSERT_SQL, inserts)
            summary.imported += len(inserts)
        if updates:
            conn.exec_driver_sql(_UPDATE_SQL, updates)
            summary.updated += len(updates)
        tick(start + len(chunk))


def imported_span(session: Session, import_id: int) -> tuple[Period, int] | None:
    """The days the dossiers of one import were received over (first to last), and how
    many they are; ``None`` when the import saved none."""
    first, last, count = session.execute(
        select(
            func.min(Dossier.received_at), func.max(Dossier.received_at), func.count(Dossier.id)
        ).where(Dossier.import_id == import_id)
    ).one()
    if not count or first is None or last is None:
        return None
    return Period(first.date(), last.date()), count


def imported_in(session: Session, import_id: int, period: Period) -> int:
    """How many dossiers of one import were received within ``period``."""
    return (
        session.scalar(
            select(func.count(Dossier.id)).where(
                Dossier.import_id == import_id,
                Dossier.received_at >= period.start_at,
                Dossier.received_at < period.end_at,
            )
        )
        or 0
    )
