"""The selected year's commune name and appraising body where the main window shows them
(title bar, status bar, the catalog tab's header): a year before the merger shows the
former name and the district, a year since 2025 the province.

Reads with sqlite3 (``year_view``), so the first screen stays free of SQLAlchemy."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from desktop import APP_NAME
from desktop.core.office.vnformat import format_date
from desktop.core.records import CatalogInfo, ProfileInfo
from desktop.core.years.eras import YearSettings
from desktop.core.years.view import year_view

if TYPE_CHECKING:
    from desktop.core.years.overview import YearOverview
    from desktop.ui.main_window import MainWindow

NO_PROFILE = "Chưa có hồ sơ xã – mở Tệp → Hồ sơ xã… để nhập."


def year_place(profile: ProfileInfo, ys: YearSettings) -> str:
    """``Xã Đồng Tâm, Ninh Giang, Hải Dương`` as it was that year."""
    parts = [f"{profile.unit_kind.capitalize()} {ys.commune_name or profile.commune_name}"]
    if ys.district:
        parts.append(ys.district)
    if ys.province:
        parts.append(ys.province)
    return ", ".join(parts)


def catalog_decision(cat: CatalogInfo | None) -> str:
    if cat is None or not cat.decision_number:
        return ""
    when = f" ngày {format_date(cat.decision_date)}" if cat.decision_date else ""
    issuer = f" của {cat.issuer}" if cat.issuer else ""
    return f"Quyết định số {cat.decision_number}{when}{issuer}"


def year_texts(
    profile: ProfileInfo | None, ys: YearSettings | None, cat: CatalogInfo | None
) -> tuple[str, str, str]:
    """(window title, status bar text, catalog tab header as HTML)."""
    if profile is None:
        return APP_NAME, NO_PROFILE, ""
    if ys is None:
        return f"{APP_NAME} – {profile.display_name}", profile.place_line, ""
    place = year_place(profile, ys)
    name = place.split(",")[0]
    appraiser = ys.appraiser or "chưa đặt (Năm → Thiết lập năm đánh giá…)"
    title = f"{APP_NAME} – {name} – năm {ys.year}"
    status = f"{place} · Cơ quan thẩm định năm {ys.year}: {appraiser}"
    header = (
        f"<b>Năm {ys.year}</b> · {escape(name)} · Cơ quan thẩm định ({ys.level_label}): "
        f"<b>{escape(appraiser)}</b>"
    )
    decision = catalog_decision(cat)
    if decision:
        header += f" · Bộ tiêu chí: {escape(decision)}"
    return title, status, header


def show_year_values(window: MainWindow, ov: YearOverview) -> None:
    ys = year_view(window.ws.db_path, ov.year) if ov.profile and ov.year is not None else None
    window.year_values = ys
    title, status, header = year_texts(ov.profile, ys, ov.catalog)
    window.setWindowTitle(title)
    window.status_commune.setText(status)
    window.catalog_tab.header.setText(header)
    window.catalog_tab.header.setVisible(bool(header))
