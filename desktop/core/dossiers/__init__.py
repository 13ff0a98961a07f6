"""Dossier statistics (hồ sơ TTHC): import the portal's exports, compute a period's figures.

Qt-free. The screens and the CLI call these functions with a Session; the caller owns
the transaction.
"""

from desktop.core.dossiers.figures import FIGURE_KEYS, FIGURE_LABELS, UNKNOWN_FIELD
from desktop.core.dossiers.importer import (
    ImportSummary,
    import_dossiers,
    parse_overrides,
    preview_file,
)
from desktop.core.dossiers.locate import (
    ExportPreview,
    MappingRequiredError,
    NoDossierTableError,
    preview_export,
)
from desktop.core.dossiers.manual import ManualFigures, get_manual_figures, set_manual_figures
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

__all__ = [
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


def __getattr__(name: str):
    """``write_form06`` loads openpyxl: only when the form is actually exported."""
    if name == "write_form06":
        from desktop.core.dossiers.export import write_form06

        return write_form06
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
