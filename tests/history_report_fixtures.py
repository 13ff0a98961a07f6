"""A former commune's bundle whose ``BaoCao/`` holds signed reports, imported as history of
the merged commune Tân Hưng (built directly, faster than ``history_fixtures.formers``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from history_fixtures import merged_commune, ok

REPORT_NAME = "Báo cáo kết quả CCHC 2024 (đã ký)"
REPORT_BYTES = b"%PDF-1.4 bao cao ket qua CCHC 2024 da ky"
PLAN_BYTES = b"%PDF-1.4 ke hoach CCHC 2024"


def former_bundle(root: Path, name: str, reports: dict[str, bytes], year: int = 2024) -> Path:
    """A bundle of ``name``'s ``year`` (one document) with ``reports`` (display name →
    content, saved as .pdf) in BaoCao/."""
    from desktop.core.bundle.export import export_bundle
    from desktop.core.bundle.plan import ExportScope, ReportFile
    from desktop.core.catalog.store import load_builtin
    from desktop.core.evidence.documents import NewDocument, add_document
    from desktop.core.workspace import open_workspace
    from desktop.core.years.profile import save_profile

    folder = root / f"may-{name}"
    ws = open_workspace(folder)
    try:
        with ws.transaction() as s:
            save_profile(s, commune_name=name, province="Hải Dương", district="Ninh Giang")
            load_builtin(s, year, "mau-minh-hoa")
            scan = root / f"kh-{name}.pdf"
            scan.write_bytes(PLAN_BYTES + name.encode())
            doc = NewDocument(year, "05/KH-UBND", date(year, 1, 10), summary="Kế hoạch CCHC")
            add_document(s, ws.store, doc, [scan], ["1.1.1"])
        files = []
        for n, (display, content) in enumerate(reports.items()):
            path = root / f"bc-{name}-{n}.pdf"
            path.write_bytes(content)
            files.append(ReportFile(path, display))
        usb = root / f"usb-{name}-{year}"
        usb.mkdir()
        return export_bundle(ws, ExportScope(year), usb, reports=files).path
    finally:
        ws.close()


def merged_with_reports(data_dir: Path, root: Path) -> None:
    """Tân Hưng, formed from Đồng Tâm (one report file) and Hồng Phong (two)."""
    merged_commune(data_dir, "Hồng Phong", "Đồng Tâm")
    bundles = [
        former_bundle(root, "Đồng Tâm", {REPORT_NAME: REPORT_BYTES}),
        former_bundle(
            root,
            "Hồng Phong",
            {"Kế hoạch CCHC 2024": b"%PDF ke hoach HP", "Báo cáo 6 tháng": b"%PDF 6 thang HP"},
        ),
    ]
    for bundle in bundles:
        ok(data_dir, "history", "import", str(bundle))
