"""Everything a report is drafted from, read in one session as plain data.

The index report of year Y uses the commune profile, the catalog of Y (its decision for
"Căn cứ"), the appraised results and losses of Y, the remediation plan answering Y (saved,
or drafted from the losses), and the dossier figures of the chosen period with the figures
entered by hand (service index, rank, online payment). Whatever is missing is listed in
``problems`` (the report cannot be issued without it) or ``warnings`` (a sentence of the
draft lacks a figure), never in the draft itself; the blanks are named fields
(``fields``) the officer fills on screen or with ``cchc report set``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from base.errors import NotFoundError
from desktop.core.catalog.read import catalog_id_for_year, catalog_info
from desktop.core.dossiers import DossierFigures, Period, compute_figures
from desktop.core.office.text import fold
from desktop.core.office.vnformat import format_doc_date
from desktop.core.records import CatalogInfo, ProfileInfo
from desktop.core.report.fields import FieldInfo, blanks, resolve_fields
from desktop.core.results.losses import LossReport, loss_report
from desktop.core.results.plan_read import PlanInfo, plan_info
from desktop.core.results.read import ResultsInfo, results_info
from desktop.core.years.profile_read import get_profile
from desktop.core.years.read import YearSettings, province_full, year_settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Appraiser:
    """Who appraises the commune in a year: the district before 2025, the province after."""

    level: str  # "huyện" | "tỉnh"
    name: str  # "UBND huyện Ninh Giang"
    place: str  # "huyện Ninh Giang"
    peers: str  # the units a rank is counted among: "xã, thị trấn"
    internal_affairs: str  # "Phòng Nội vụ huyện Ninh Giang"


def appraiser_of(settings: YearSettings | None) -> Appraiser:
    """The year's appraising body as the report names it (``cchc year set`` or the era's
    default: the district until 2024, the province's Sở Nội vụ from 2025)."""
    if settings is None:
        return Appraiser("huyện", "UBND huyện …", "huyện …", "xã, thị trấn", "Phòng Nội vụ huyện …")
    if settings.appraiser_level == "district":
        place = f"huyện {settings.district}" if settings.district else "huyện …"
        name = settings.appraiser or f"UBND {place}"
        return Appraiser("huyện", name, place, "xã, thị trấn", f"Phòng Nội vụ {place}")
    place = province_full(settings.province) if settings.province else "tỉnh …"
    name = settings.appraiser or f"UBND {place}"
    internal = name if fold(name).startswith("so noi vu") else f"Sở Nội vụ {place}"
    level = "thành phố" if place.startswith("thành phố") else "tỉnh"
    return Appraiser(level, name, place, "xã, phường", internal)


def period_name(period: Period) -> str:
    """How the text names the period: ``quý I năm 2023`` for 15/12/2022–30/3/2023 (the
    officer's range around a statistical quarter), else ``từ ngày … đến ngày …``."""
    if period.label:
        label = period.label.split(" (")[0]  # "Quý I năm 2023 (theo quý dương lịch)"
        return label[0].lower() + label[1:]
    s, e = period.start, period.end
    starts_year = (
        (s.month, s.day) == (12, 15)
        and s.year == e.year - 1
        or ((s.month, s.day) == (1, 1) and s.year == e.year)
    )
    if starts_year:
        names = {3: "quý I năm", 6: "6 tháng đầu năm", 9: "9 tháng năm", 12: "năm"}
        if e.month in names:
            return f"{names[e.month]} {e.year}"
    return f"từ ngày {format_doc_date(s)} đến ngày {format_doc_date(e)}"


@dataclass
class ReportData:
    index_year: int
    period: Period | None
    profile: ProfileInfo | None
    appraiser: Appraiser
    catalog: CatalogInfo | None = None
    next_catalog: CatalogInfo | None = None
    results: ResultsInfo | None = None
    losses: LossReport | None = None
    plan: PlanInfo | None = None
    figures: DossierFigures | None = None
    commune_name: str = ""  # the commune's name in the index year
    appraiser_confirmed: bool = False  # set for the year, not the era's default
    problems: list[str] = field(default_factory=list)  # the report cannot be issued
    warnings: list[str] = field(default_factory=list)  # a blank the officer fills
    fields: dict[str, FieldInfo] = field(default_factory=dict)

    def value(self, key: str) -> object:
        """A field's value (None when blank or not a field of this report)."""
        f = self.fields.get(key)
        return None if f is None or f.blank else f.value

    @property
    def blanks(self) -> list[FieldInfo]:
        return blanks(self.fields)

    @property
    def has_results(self) -> bool:
        return self.results is not None and self.results.has_scores

    @property
    def has_dossiers(self) -> bool:
        return self.figures is not None and self.figures.total["received.total"] > 0

    @property
    def commune(self) -> str:
        if self.commune_name:
            return self.commune_name
        return self.profile.commune_name if self.profile else "…"

    @property
    def unit(self) -> str:
        """``xã`` (or ``phường``, ``thị trấn``)."""
        return self.profile.unit_kind if self.profile else "xã"


def gather(
    session: Session,
    index_year: int,
    period: Period | None,
    *,
    report_id: int | None = None,
    signer: str | None = None,
) -> ReportData:
    """The data of a report; ``report_id`` and ``signer``: the stored report's fields."""
    profile = get_profile(session)
    settings = year_settings(session, index_year) if profile is not None else None
    data = ReportData(index_year, period, profile, appraiser_of(settings))
    if settings is not None and settings.commune_name:
        data.commune_name = settings.commune_name  # the name that year (before a merger)
    data.appraiser_confirmed = bool(settings and settings.confirmed)
    if profile is None:
        data.problems.append("Chưa có hồ sơ xã (tên xã, huyện, tỉnh, chủ tịch): hãy nhập trước.")
    try:
        data.catalog = catalog_info(session, index_year)
    except NotFoundError:
        data.problems.append(f"Năm {index_year} chưa có bộ tiêu chí.")
    if catalog_id_for_year(session, index_year + 1) is not None:
        data.next_catalog = catalog_info(session, index_year + 1)
    if data.catalog is not None:
        data.results = results_info(session, index_year)
        if data.has_results:
            data.losses = loss_report(session, index_year)
            data.plan = plan_info(session, index_year)  # saved; else the lost points
    if not data.has_results:
        data.problems.append(
            f"Năm {index_year} chưa có kết quả thẩm định Chỉ số CCHC (điểm, xếp hạng): "
            "hãy nhập kết quả trước."
        )
    if period is not None:
        data.figures = compute_figures(session, period)
        if not data.has_dossiers:
            data.problems.append(
                f"Kỳ từ ngày {format_doc_date(period.start)} đến ngày "
                f"{format_doc_date(period.end)} chưa có hồ sơ TTHC nào: hãy nhập danh sách "
                "hồ sơ từ hệ thống một cửa hoặc chọn kỳ khác."
            )
    data.fields = resolve_fields(session, data, report_id, signer)
    data.warnings += [f"Chưa nhập {f.label} ({f.key})." for f in data.blanks]
    return data
