"""Sharing the catalog from the window: "Tải tệp mẫu…" (the blank table to retype an annex
into, which imports as is) and "Xuất bộ tiêu chí ra Excel…" (the year's catalog, for
colleagues and other communes to import to the same nodes)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.ui.errors import show_error
from desktop.ui.vi import info

XLSX_FILTER = "Bảng tính Excel (*.xlsx)"


def _save_path(parent: QWidget, title: str, name: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / name), XLSX_FILTER)
    if not path:
        return None
    out = Path(path)
    return out if out.suffix.lower() == ".xlsx" else out.with_suffix(".xlsx")


def save_template(window) -> Path | None:
    from desktop.core.catalog.share import write_template

    out = _save_path(window, "Lưu tệp mẫu bộ tiêu chí", "mau-bo-tieu-chi.xlsx")
    if out is None:
        return None
    try:
        write_template(out)
    except Exception as exc:  # noqa: BLE001 - shown to the officer
        show_error(window, exc, "Chưa lưu tệp mẫu")
        return None
    info(
        window,
        "Tải tệp mẫu",
        f"Đã lưu tệp mẫu {out.name}. Mở bằng Excel, gõ bộ tiêu chí theo sheet “Hướng dẫn”, "
        "lưu lại rồi chọn Năm → Nhập bộ tiêu chí từ tệp… để nhập.",
    )
    return out


def export_catalog_file(window) -> Path | None:
    from desktop.core.catalog.share import export_catalog

    year = window.year
    if year is None:
        info(window, "Xuất bộ tiêu chí", "Chưa có năm đánh giá nào để xuất bộ tiêu chí.")
        return None
    out = _save_path(window, f"Xuất bộ tiêu chí năm {year}", f"bo-tieu-chi-{year}.xlsx")
    if out is None:
        return None
    try:
        with window.ws.session() as s:
            outcome = export_catalog(s, year, out)
    except Exception as exc:  # noqa: BLE001 - shown to the officer
        show_error(window, exc, "Chưa xuất bộ tiêu chí")
        return None
    info(
        window,
        "Xuất bộ tiêu chí",
        f"Đã xuất bộ tiêu chí năm {year} ({outcome.node_count} mục, {outcome.rule_count} cách "
        f"tính điểm) ra {out.name}. Xã khác nhập tệp này bằng Năm → Nhập bộ tiêu chí từ tệp….",
    )
    return out
