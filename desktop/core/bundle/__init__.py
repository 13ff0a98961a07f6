"""Bundles (gói tài liệu kiểm chứng) for the USB handoff: export, verify, import.

Jobs by module: ``naming`` (Windows-safe names), ``layout`` (folders per area and
sub-criterion), ``plan`` (what goes in; the summary the screen shows), ``handoff`` (what left when), ``export`` +
``writers`` + ``index_xlsx`` (writing, reading back, renaming), ``manifest``, ``source``
(reading a folder or .zip without leaving it), ``verify``, ``import_preview`` +
``importer`` (preview, then one transaction), ``drives`` (removable drives).

Everything here is Qt-free; screens get plain dataclasses.
"""

from desktop.core.bundle.drives import DriveInfo, list_removable_drives
from desktop.core.bundle.export import ExportResult, export_bundle, write_bundle
from desktop.core.bundle.handoff import HandoffInfo, list_handoffs, record_handoff
from desktop.core.bundle.import_preview import (
    CHOICE_LABELS,
    BundleRejected,
    FieldDiff,
    ImportItem,
    ImportPreview,
    preview_import,
)
from desktop.core.bundle.importer import ImportResult, apply_import
from desktop.core.bundle.plan import (
    AreaSummary,
    ExportPlan,
    ExportScope,
    ExportSummary,
    ReportFile,
    plan_export,
)
from desktop.core.bundle.verify import BundleProblem, VerifyReport, verify_bundle

__all__ = [
    "CHOICE_LABELS",
    "AreaSummary",
    "BundleProblem",
    "BundleRejected",
    "DriveInfo",
    "ExportPlan",
    "ExportResult",
    "ExportScope",
    "ExportSummary",
    "FieldDiff",
    "HandoffInfo",
    "ImportItem",
    "ImportPreview",
    "ImportResult",
    "ReportFile",
    "VerifyReport",
    "apply_import",
    "export_bundle",
    "list_handoffs",
    "list_removable_drives",
    "plan_export",
    "preview_import",
    "record_handoff",
    "verify_bundle",
    "write_bundle",
]
