"""What a file brought for the history is: a bundle (folder, its ``manifest.json``, or
.zip) or a backup (``.sqlite3`` from ``cchc backup create``, a stick's ``SoCCHC-SaoLuu``
folder, or a .zip of either), whose data it is, and which years and appraising bodies it
claims. Reads only; a zipped backup is unpacked to a temporary folder the caller removes.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from base.errors import BackupError, BundleError, NotFoundError
from base.os_reason import log_original
from db.dbfile import DB_FILE_NAME, connect_read_only
from desktop.core.backup.files import list_backups
from desktop.core.bundle.import_preview import verified_bundle
from desktop.core.bundle.manifest import MANIFEST_NAME, Manifest
from desktop.core.bundle.source import (
    capped_reader,
    ensure_room,
    unsafe_reason,
    zip_entry_problem,
)
from desktop.core.history.store import covered_years, history_root
from desktop.core.progress import NO_PROGRESS, Progress
from desktop.core.years.store import default_appraiser, default_level

_STAMP = re.compile(r"\d{8}-\d{6}")
_BLOB = re.compile(r"(?:^|/)files/([0-9a-f]{2})/([0-9a-f]{64})$")


@dataclass
class HistorySource:
    path: Path  # as chosen
    kind: str  # bundle | backup
    commune: str  # the name the data gives its commune
    province: str = ""
    district: str | None = None
    unit_kind: str = "xã"
    years: tuple[int, ...] = ()
    appraisers: dict[int, str] = field(default_factory=dict)  # year → appraising body
    documents: int = 0
    manifest: Manifest | None = None  # bundle
    backup_db: Path | None = None  # backup: the .sqlite3 to restore
    temp_dir: Path | None = None  # a zipped backup unpacked here

    @property
    def kind_label(self) -> str:
        return "gói tài liệu" if self.kind == "bundle" else "bản sao lưu"

    def cleanup(self) -> None:
        if self.temp_dir is not None:
            shutil.rmtree(self.temp_dir, ignore_errors=True)
            self.temp_dir = None


def _bundle(path: Path, progress: Progress) -> HistorySource:
    report = verified_bundle(path, progress, then=" Chưa thay đổi gì.")
    m = report.manifest
    assert m is not None
    partial = [
        text
        for key, text in (
            ("areas", "chỉ một số lĩnh vực"),
            ("changed_only", "chỉ tài liệu thay đổi từ lần bàn giao trước"),
            ("reports_only", "chỉ báo cáo"),
        )
        if m.scope.get(key)
    ]
    if partial:
        raise BundleError(
            f"Gói {path.name} chỉ gồm một phần dữ liệu năm {m.year} ({', '.join(partial)}): "
            "lịch sử của xã cũ phải đầy đủ. Hãy xuất lại gói của cả năm (mọi lĩnh vực, mọi "
            "tài liệu) trên máy của xã cũ. Chưa thay đổi gì."
        )
    c = m.commune
    settings = (m.year_data or {}).get("settings") or {}
    district = settings.get("district") or c.get("district")
    appraiser = settings.get("appraiser") or default_appraiser(
        default_level(m.year), district, str(c.get("province") or "")
    )
    return HistorySource(
        path=path,
        kind="bundle",
        commune=str(settings.get("commune_name") or c.get("commune_name") or ""),
        province=str(c.get("province") or ""),
        district=c.get("district"),
        unit_kind=str(c.get("unit_kind") or "xã"),
        years=(m.year,),
        appraisers={m.year: appraiser} if appraiser else {},
        documents=len(m.documents),
        manifest=m,
    )


def read_backup(path: Path) -> HistorySource:
    """The commune, years and appraising bodies of a backup database (read-only)."""
    try:
        con = connect_read_only(path, immutable=True)
        try:
            row = con.execute(
                "SELECT commune_name, province, district, unit_kind FROM commune_profile "
                "WHERE id = 1"
            ).fetchone()
            years = covered_years(con)
            documents = con.execute("SELECT count(*) FROM evidence_document").fetchone()[0]
            try:
                claimed = dict(
                    con.execute(
                        "SELECT year, appraiser FROM assessment_year WHERE appraiser != ''"
                    ).fetchall()
                )
            except sqlite3.OperationalError:  # a backup from before the year settings
                claimed = {}
        finally:
            con.close()
    except sqlite3.Error as exc:
        log_original(exc, path.name)
        raise BackupError(
            f"Tệp {path.name} không đọc được như bản sao lưu của Sổ CCHC: tệp bị hỏng hoặc "
            "là cơ sở dữ liệu của chương trình khác. Chưa thay đổi gì."
        ) from None
    if row is None:
        raise BackupError(f"Bản sao lưu {path.name} chưa có hồ sơ xã: không biết là của xã nào.")
    name, province, district, unit_kind = row
    appraisers = {
        y: claimed.get(y) or default_appraiser(default_level(y), district, province or "")
        for y in years
    }
    return HistorySource(
        path=path,
        kind="backup",
        commune=name,
        province=province or "",
        district=district,
        unit_kind=unit_kind or "xã",
        years=tuple(sorted(years)),
        appraisers={y: a for y, a in appraisers.items() if a},
        documents=documents,
        backup_db=path,
    )


def _newest_in(folder: Path) -> Path:
    backups = list_backups(folder)
    if backups:
        return backups[0].path
    if (folder / DB_FILE_NAME).is_file():
        return folder / DB_FILE_NAME
    raise NotFoundError(
        f"Thư mục {folder} không phải gói tài liệu (không có {MANIFEST_NAME}) và không có "
        "bản sao lưu Sổ CCHC (.sqlite3)."
    )


def _unpack(zf: zipfile.ZipFile, info: zipfile.ZipInfo, dest: Path) -> None:
    """One entry, streamed with a running cap at the size its directory declares."""
    with zf.open(info) as src, dest.open("wb") as out:
        read = capped_reader(src, info.file_size, info.filename)
        for chunk in iter(lambda: read(1024 * 1024), b""):
            out.write(chunk)


def _unzip_backup(path: Path, zf: zipfile.ZipFile, data_dir: Path) -> Path:
    """Unpack the newest database and the stored files of a zipped backup; returns the
    temporary folder (``<data>/lich-su/.tam-…``)."""
    dbs = sorted(
        (n for n in zf.namelist() if n.endswith(".sqlite3") and not unsafe_reason(n)),
        # a data folder's own database first, else the newest backup by its time stamp
        key=lambda n: (Path(n).name == DB_FILE_NAME, _STAMP.findall(Path(n).name), n),
    )
    if not dbs:
        raise BackupError(
            f"Tệp {path.name} không chứa gói tài liệu (manifest.json) hay bản sao lưu (.sqlite3)."
        )
    wanted = [zf.getinfo(dbs[-1])] + [
        info
        for info in zf.infolist()
        if _BLOB.search(info.filename) and not unsafe_reason(info.filename)
    ]
    # Judged by the zip's directory before anything is unpacked: no entry inflating
    # beyond reason, and the whole must fit with room to spare.
    for info in wanted:
        bomb = zip_entry_problem(info)
        if bomb:
            raise BackupError(
                f"Tệp {path.name}: mục “{info.filename}” bị từ chối: {bomb}. Chưa thay đổi gì."
            )
    ensure_room(
        data_dir,
        sum(info.file_size for info in wanted),
        f"bản sao lưu giải nén từ {path.name}. Chưa thay đổi gì",
        BackupError,
    )
    temp = history_root(data_dir) / f".tam-{uuid.uuid4().hex[:8]}"
    (temp / "files").mkdir(parents=True)
    try:
        target = temp / Path(dbs[-1]).name
        _unpack(zf, wanted[0], target)
        for info in wanted[1:]:
            m = _BLOB.search(info.filename)
            dest = temp / "files" / m[1] / m[2]
            dest.parent.mkdir(exist_ok=True)
            _unpack(zf, info, dest)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return target


def read_source(path: Path, data_dir: Path, progress: Progress = NO_PROGRESS) -> HistorySource:
    """Identify and check what the officer chose. A damaged or edited bundle is refused
    with the verify messages; nothing is written (but a zipped backup's temp folder)."""
    path = Path(path)
    if not path.exists():
        raise NotFoundError(f"Không tìm thấy {path}.")
    if path.is_file() and path.name == MANIFEST_NAME:
        path = path.parent
    if path.is_dir():
        if (path / MANIFEST_NAME).is_file():
            return _bundle(path, progress)
        return read_backup(_newest_in(path))
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            if MANIFEST_NAME not in zf.namelist():
                db = _unzip_backup(path, zf, data_dir)
                try:
                    source = read_backup(db)
                except BaseException:
                    shutil.rmtree(db.parent, ignore_errors=True)
                    raise
                source.path, source.temp_dir = path, db.parent
                return source
        return _bundle(path, progress)
    if path.suffix.lower() == ".zip":
        return _bundle(path, progress)  # a damaged .zip: the verify messages say so
    return read_backup(path)
