"""Dossier statistics (hồ sơ TTHC): import the portal's exports, compute a period's figures.

Qt-free. The screens and the CLI call these functions with a Session (the figures also
with a plain connection); the caller owns the transaction.

The names below are loaded on first use (PEP 562): importing one submodule, say
``periods`` or ``stats`` for the report, must not load what the others need (openpyxl,
calamine, SQLAlchemy).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# name -> submodule that defines it
_SOURCES = {
    "FIGURE_KEYS": "figures",
    "FIGURE_LABELS": "figures",
    "UNKNOWN_FIELD": "figures",
    "ImportSummary": "importer",
    "import_dossiers": "importer",
    "read_dossier_export": "importer",
    "write_dossier_export": "importer",
    "imported_span": "importer",
    "imported_in": "importer",
    "parse_overrides": "importer",
    "preview_file": "importer",
    "ExportPreview": "locate",
    "MappingRequiredError": "locate",
    "NoDossierTableError": "locate",
    "preview_export": "locate",
    "ManualFigures": "manual_read",
    "get_manual_figures": "manual_read",
    "set_manual_figures": "manual",
    "Period": "periods",
    "calendar_quarter": "periods",
    "custom_period": "periods",
    "nd09_period": "periods",
    "nd09_quarter": "periods",
    "presets": "periods",
    "MappingProfile": "profiles",
    "list_profiles": "profiles",
    "save_profile": "profiles",
    "DossierFileError": "reader",
    "ImportCancelled": "reader",
    "open_workbook": "reader",
    "DossierFigures": "stats",
    "DossierRow": "stats",
    "FieldFigures": "stats",
    "MonthFigures": "stats",
    "compute_figures": "stats",
    "list_dossiers": "stats",
    "monthly": "stats",
    "write_form06": "export",  # openpyxl: only when the form is actually exported
}

__all__ = [  # the same names as _SOURCES (a test holds them together)
    "FIGURE_KEYS",
    "FIGURE_LABELS",
    "UNKNOWN_FIELD",
    "DossierFigures",
    "DossierFileError",
    "DossierRow",
    "ExportPreview",
    "FieldFigures",
    "ImportCancelled",
    "ImportSummary",
    "ManualFigures",
    "MappingProfile",
    "MappingRequiredError",
    "MonthFigures",
    "NoDossierTableError",
    "Period",
    "calendar_quarter",
    "compute_figures",
    "custom_period",
    "get_manual_figures",
    "import_dossiers",
    "read_dossier_export",
    "write_dossier_export",
    "imported_span",
    "imported_in",
    "list_dossiers",
    "list_profiles",
    "monthly",
    "nd09_period",
    "nd09_quarter",
    "open_workbook",
    "parse_overrides",
    "presets",
    "preview_export",
    "preview_file",
    "save_profile",
    "set_manual_figures",
    "write_form06",
]

if TYPE_CHECKING:
    from desktop.core.dossiers.export import write_form06
    from desktop.core.dossiers.figures import FIGURE_KEYS, FIGURE_LABELS, UNKNOWN_FIELD
    from desktop.core.dossiers.importer import (
        ImportSummary,
        import_dossiers,
        parse_overrides,
        preview_file,
        read_dossier_export,
        write_dossier_export,
    )
    from desktop.core.dossiers.locate import (
        ExportPreview,
        MappingRequiredError,
        NoDossierTableError,
        preview_export,
    )
    from desktop.core.dossiers.manual import set_manual_figures
    from desktop.core.dossiers.manual_read import ManualFigures, get_manual_figures
    from desktop.core.dossiers.periods import (
        Period,
        calendar_quarter,
        custom_period,
        nd09_period,
        nd09_quarter,
        presets,
    )
    from desktop.core.dossiers.profiles import MappingProfile, list_profiles, save_profile
    from desktop.core.dossiers.reader import DossierFileError, ImportCancelled, open_workbook
    from desktop.core.dossiers.stats import (
        DossierFigures,
        DossierRow,
        FieldFigures,
        MonthFigures,
        compute_figures,
        list_dossiers,
        monthly,
    )


def __getattr__(name: str):
    source = _SOURCES.get(name)
    if source is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{source}"), name)
    globals()[name] = value  # once loaded, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_SOURCES})
