"""Import a former commune's bundle or backup as history of the merged commune.

``plan_history_import`` reads and checks everything and writes nothing; what needs the
officer's word comes back as ``questions`` (a commune not listed as former, data already
imported, a year whose appraising body differs). ``apply_history_import`` refuses while a
question is unanswered, then writes ONLY in the former commune's history folder (and, when
confirmed, adds the commune to the profile's list of former communes):

- a bundle: its files into that folder's store (hash checked), then every row of its year
  (catalog, documents, self-scores, appraised result, year settings) in ONE transaction; an
  update replaces that year in the same transaction;
- a backup: restored into that folder (checked, a copy of what was there kept, one rename,
  migrated like any data folder).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import delete, select

from base.errors import CchcError, ValidationError
from db.dbfile import DB_FILE_NAME, connect_read_only
from db.models import CatalogNode, EvidenceDocument, SelfScore
from db.models_results import AppraisalResult
from desktop.core.backup.restore import restore_backup
from desktop.core.bundle.importer import _copy_blobs, _create_catalog, _Rows
from desktop.core.bundle.year_data import apply_year_data
from desktop.core.catalog.store import catalog_for_year
from desktop.core.history.sources import HistorySource, read_source
from desktop.core.history.store import HistoryInfo, find_history, history_dir, list_histories
from desktop.core.office.text import fold
from desktop.core.office.vnformat import format_int
from desktop.core.progress import NO_PROGRESS, Progress
from desktop.core.settings import set_setting
from desktop.core.workspace import Workspace, open_workspace
from desktop.core.years.profile import get_profile, save_profile
from desktop.core.years.store import former_communes, set_former_communes, set_year, year_settings

FLAGS = {"not_former": "--add-former", "already": "--update", "appraiser": "--confirm-appraiser"}


@dataclass(frozen=True)
class Question:
    kind: str  # not_former | already | appraiser
    message: str

    @property
    def flag(self) -> str:
        return FLAGS[self.kind]


class HistoryRefused(CchcError):
    """Something needs the officer's confirmation first; nothing was changed."""

    def __init__(self, questions: list[Question]) -> None:
        super().__init__(" ".join(q.message for q in questions))
        self.questions = questions


@dataclass
class HistoryPlan:
    source: HistorySource
    former: str  # the name the history is filed under
    folder: Path
    listed: bool
    existing: HistoryInfo | None
    questions: list[Question] = field(default_factory=list)
    merged_province: str = ""


@dataclass(frozen=True)
class HistoryImportResult:
    former: str
    folder: Path
    kind: str
    years: tuple[int, ...]
    updated: bool
    added_former: bool
    documents: int
    files_copied: int
    files_missing: int = 0
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {**self.__dict__, "folder": str(self.folder), "years": list(self.years)}


def _confirmed_appraisers(folder: Path) -> dict[int, str]:
    db = folder / DB_FILE_NAME
    try:
        con = connect_read_only(db)
        try:
            return dict(
                con.execute(
                    "SELECT year, appraiser FROM assessment_year "
                    "WHERE appraiser_confirmed = 1 AND appraiser != ''"
                ).fetchall()
            )
        finally:
            con.close()
    except sqlite3.Error:
        return {}


def _appraiser_questions(ws: Workspace, plan: HistoryPlan) -> list[Question]:
    src, out = plan.source, []
    history = _confirmed_appraisers(plan.folder) if plan.existing else {}
    with ws.session() as s:
        for year, theirs in sorted(src.appraisers.items()):
            own = year_settings(s, year)
            for where, value in (
                (f"thông tin năm {year} của {own.commune_name or 'xã'}", own.appraiser)
                if own.confirmed
                else ("", ""),
                (f"lịch sử đã nhập của xã {plan.former}", history.get(year, "")),
            ):
                if value and fold(value) != fold(theirs):
                    out.append(
                        Question(
                            "appraiser",
                            f"Năm {year}: {src.kind_label} của xã {plan.former} ghi cơ quan "
                            f"thẩm định “{theirs}”, còn {where} ghi “{value}”. Một năm chỉ có "
                            "một cơ quan thẩm định; hãy kiểm tra lại trước khi nhập. "
                            "Chưa thay đổi gì.",
                        )
                    )
    return out


def _history_years(existing: HistoryInfo, years: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(y for y in years if y in existing.years)


def plan_history_import(
    ws: Workspace, path: Path, *, former: str | None = None, progress: Progress = NO_PROGRESS
) -> HistoryPlan:
    """Check a bundle or backup for the history. Writes nothing (a zipped backup is
    unpacked to a temporary folder: call ``plan.source.cleanup()`` when done)."""
    src = read_source(Path(path), ws.data_dir, progress)
    try:
        name = " ".join((former or src.commune).split())
        if not name:
            raise ValidationError(
                f"{src.kind_label.capitalize()} {src.path.name} không ghi tên xã: hãy chỉ rõ "
                "đây là dữ liệu của xã cũ nào (dòng lệnh: --former TÊN). Chưa thay đổi gì."
            )
        with ws.session() as s:
            listed_names = former_communes(s)
            profile = get_profile(s)
        match = next((n for n in listed_names if fold(n) == fold(name)), None)
        plan = HistoryPlan(
            source=src,
            former=match or name,
            folder=history_dir(ws.data_dir, match or name),
            listed=match is not None,
            existing=find_history(ws.data_dir, match or name),
            merged_province=profile.province if profile else "",
        )
        _check_folder(plan)
        merged = profile.display_name if profile else "xã hiện tại"
        if not plan.listed:
            known = ", ".join(listed_names) or "chưa có xã cũ nào"
            plan.questions.append(
                Question(
                    "not_former",
                    f"{src.kind_label.capitalize()} {src.path.name} là dữ liệu của xã "
                    f"{plan.former}, không có trong danh sách xã cũ đã sáp nhập vào {merged} "
                    f"({known}). Chỉ nhập làm lịch sử khi xác nhận {plan.former} là xã cũ (sẽ "
                    "thêm vào danh sách). Chưa thay đổi gì.",
                )
            )
        if plan.existing is not None:
            years = (
                _history_years(plan.existing, src.years)
                if src.kind == "bundle"
                else plan.existing.years or src.years
            )
            if years or src.kind == "backup":
                what = (
                    f"năm {', '.join(map(str, years))} sẽ được thay bằng dữ liệu trong gói"
                    if src.kind == "bundle"
                    else "toàn bộ lịch sử của xã này sẽ được thay bằng bản sao lưu (bản cũ "
                    "được giữ lại trong thư mục sao lưu của lịch sử)"
                )
                plan.questions.append(
                    Question(
                        "already",
                        f"Lịch sử của xã cũ {plan.former} đã được nhập "
                        f"({format_int(plan.existing.documents)} tài liệu, năm "
                        f"{', '.join(map(str, plan.existing.years)) or 'chưa có'}). Nếu cập "
                        f"nhật, {what}. Chưa thay đổi gì.",
                    )
                )
        plan.questions += _appraiser_questions(ws, plan)
        return plan
    except BaseException:
        src.cleanup()
        raise


def _check_folder(plan: HistoryPlan) -> None:
    if plan.existing is None and (plan.folder / DB_FILE_NAME).exists():
        raise ValidationError(
            f"Thư mục lịch sử {plan.folder} đã có dữ liệu nhưng không đọc được (hoặc của xã "
            "khác): hãy chạy Kiểm tra dữ liệu. Chưa thay đổi gì."
        )


def _clear_year(s, year: int) -> None:
    for doc in s.scalars(select(EvidenceDocument).where(EvidenceDocument.year == year)):
        s.delete(doc)
    catalog = catalog_for_year(s, year)
    if catalog is not None:
        nodes = select(CatalogNode.id).where(CatalogNode.catalog_id == catalog.id)
        s.execute(delete(SelfScore).where(SelfScore.node_id.in_(nodes)))
    for result in s.scalars(select(AppraisalResult).where(AppraisalResult.year == year)):
        s.delete(result)
    s.flush()


def _copy(hws: Workspace, plan: HistoryPlan, shas: list[str], progress: Progress) -> int:
    """Into the history's store from the bundle, each file's hash checked."""
    assert plan.source.manifest is not None
    bundle = SimpleNamespace(bundle=plan.source.path)
    return _copy_blobs(hws, bundle, plan.source.manifest, shas, progress)  # type: ignore[arg-type]


def _import_bundle(hws: Workspace, plan: HistoryPlan, progress: Progress) -> tuple[int, list]:
    m = plan.source.manifest
    assert m is not None
    shas = list(dict.fromkeys(f.sha256 for d in m.documents for f in d.files))
    reports = [f for f in m.files if f.role == "report"]  # BaoCao/: kept with the year
    copied = _copy(hws, plan, shas + [f.sha256 for f in reports], progress)
    warnings: list[str] = []
    with hws.transaction() as s:
        _clear_year(s, m.year)
        if catalog_for_year(s, m.year) is None and m.catalog:
            _create_catalog(s, m)
        rows = _Rows(s, shas + [f.sha256 for f in reports])
        with s.no_autoflush:
            for d in m.documents:
                rows.add_document(d)
            for f in reports:
                rows.blob(f.sha256, f.size)
        s.flush()
        if m.year_data:
            unknown = apply_year_data(s, m.year, m.year_data)
            if unknown:
                warnings.append(
                    f"Bộ tiêu chí năm {m.year} không có {', '.join(unknown)}: điểm của các mục "
                    "đó không được giữ."
                )
        else:
            warnings.append(
                f"Gói năm {m.year} được tạo bởi phiên bản cũ: không có điểm tự chấm và kết "
                "quả thẩm định (nhập bản sao lưu của xã cũ để có đủ)."
            )
            appraiser = plan.source.appraisers.get(m.year)
            set_year(s, m.year, appraiser=appraiser, commune_name=plan.former, replace=True)
        record = {
            "kind": "bundle",
            "file": plan.source.path.name,
            "bundle_id": m.bundle_id,
            "imported_at": datetime.now().isoformat(timespec="seconds"),
            "reports": [{"name": f.path, "sha256": f.sha256, "size": f.size} for f in reports],
        }
        set_setting(s, f"history.source.{m.year}", json.dumps(record, ensure_ascii=False))
    return copied, warnings


def _import_backup(folder: Path, plan: HistoryPlan, progress: Progress) -> tuple[int, int]:
    assert plan.source.backup_db is not None
    result = restore_backup(folder, plan.source.backup_db, progress, journal=False)
    return result.files_copied, result.files_missing


def apply_history_import(
    ws: Workspace,
    plan: HistoryPlan,
    *,
    add_former: bool = False,
    update: bool = False,
    confirm_appraiser: bool = False,
    progress: Progress = NO_PROGRESS,
) -> HistoryImportResult:
    """Import what ``plan`` checked once every question is answered by a flag."""
    allowed = {"not_former": add_former, "already": update, "appraiser": confirm_appraiser}
    pending = [q for q in plan.questions if not allowed[q.kind]]
    if pending:
        raise HistoryRefused(pending)
    src, folder = plan.source, plan.folder
    new = not (folder / DB_FILE_NAME).exists()
    folder.mkdir(parents=True, exist_ok=True)
    missing, warnings = 0, []
    try:
        if src.kind == "backup":
            copied, missing = _import_backup(folder, plan, progress)
            if missing:
                warnings.append(
                    f"Bản sao lưu thiếu {format_int(missing)} tệp đính kèm (chỉ có cơ sở dữ liệu): "
                    f"hãy nhập "
                    "bản sao lưu ra USB (thư mục SoCCHC-SaoLuu) để có cả tệp."
                )
        hws = open_workspace(folder)
        try:
            with hws.transaction() as s:
                p = get_profile(s)
                if p is None or fold(p.commune_name) != fold(plan.former):
                    save_profile(
                        s,
                        commune_name=plan.former,
                        province=(p.province if p else src.province) or plan.merged_province,
                        district=None if p else (src.district or ""),
                        unit_kind=None if p else src.unit_kind,
                    )
            if src.kind == "bundle":
                copied, more = _import_bundle(hws, plan, progress)
                warnings += more
        finally:
            hws.close()
    except BaseException:
        if new:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        src.cleanup()
    added = False
    if not plan.listed:
        with ws.transaction() as s:
            set_former_communes(s, [*former_communes(s), plan.former])
        added = True
    return HistoryImportResult(
        former=plan.former,
        folder=folder,
        kind=src.kind,
        years=src.years,
        updated=any(q.kind == "already" for q in plan.questions),
        added_former=added,
        documents=src.documents,
        files_copied=copied,
        files_missing=missing,
        warnings=tuple(warnings),
    )


def histories_of(ws: Workspace) -> tuple[list[str], list[HistoryInfo]]:
    """The profile's former communes and the history folders that exist."""
    with ws.session() as s:
        names = former_communes(s)
    return names, list_histories(ws.data_dir)
