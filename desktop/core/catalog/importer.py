"""Importing a year's catalog from what the officer has, through a preview.

``read_catalog_file`` reads the province's table from an .xlsx/.xls workbook, a Word
document (.docx: the whole decision or its annex), a PDF with a text layer, a saved web
page (.html/.htm), and ``read_catalog_paste`` from the clipboard (HTML or tab-separated
text). Each source has its reader in ``desktop.core.office`` handing over ``Grid``s;
``annex`` finds and reads the criteria table into one ``CatalogPreview`` (plain, editable
rows and the problems found, each naming its place: sheet and row, table and row, page
and row). Nothing touches the database until ``save_preview`` is called with the user's
acceptance. A screen edits rows with ``edit_row``/``remove_row`` and calls ``revalidate``
to refresh the problem list.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from base.errors import ValidationError
from desktop.core.catalog.annex import (  # noqa: F401 - CodeResolver, CATALOG_FIELDS re-exported
    CATALOG_FIELDS,
    CODE_FIELDS,
    CodeResolver,
    apply_opening,
    fill_blank_parents,
    is_survey,
    is_total_label,
    pick_parts,
    pick_table,
    read_rows,
)
from desktop.core.catalog.preview import CatalogPreview, PreviewRow  # noqa: F401 - re-exported
from desktop.core.catalog.replace import ReplaceOutcome, save_or_replace_catalog
from desktop.core.catalog.rules_import import bonus_codes, save_rules
from desktop.core.catalog.store import CatalogProblem, normalize_code  # noqa: F401
from desktop.core.office.sheet_reader import EXCEL_SUFFIXES, read_grids
from desktop.core.office.tables import KIND_PASTE, Grid
from desktop.core.office.vnformat import parse_points
from desktop.core.progress import NO_PROGRESS, Progress

WORD_SUFFIXES = (".docx", ".docm")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
PDF_SUFFIXES = (".pdf",)
CATALOG_SUFFIXES = (*EXCEL_SUFFIXES, *WORD_SUFFIXES, ".doc", *PDF_SUFFIXES, *HTML_SUFFIXES)
PASTE_NAME = "Bảng dán"


def read_source_grids(path: Path) -> list[Grid]:
    """The tables of a catalog source file, by its kind (one reader per kind)."""
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return read_grids(path)
    if suffix in (*WORD_SUFFIXES, ".doc"):
        from desktop.core.office.docx_tables import read_docx_tables

        return read_docx_tables(path)[0]
    if suffix in PDF_SUFFIXES:
        from desktop.core.office.pdf_tables import read_pdf_tables

        return read_pdf_tables(path)
    if suffix in HTML_SUFFIXES:
        from desktop.core.office.html_tables import read_html_file

        return read_html_file(path)
    if not path.is_file():
        raise ValidationError(f"Không tìm thấy tệp {path}.")
    raise ValidationError(
        f"Tệp {path.name} không đọc được làm bộ tiêu chí: hãy dùng bảng tính Excel (.xlsx, "
        ".xls), tài liệu Word (.docx), tệp PDF có chữ, hoặc trang web đã lưu (.html)."
    )


def read_catalog_file(
    path: Path,
    *,
    year: int | None = None,
    sheet: str | None = None,
    progress: Progress = NO_PROGRESS,
) -> CatalogPreview:
    """Read a catalog table into a preview (no database involved)."""
    progress.update(0, 0, f"Đang đọc {path.name}…")
    grids = read_source_grids(path)
    return preview_from_grids(grids, path, year=year, sheet=sheet, progress=progress)


def read_catalog_paste(
    html: str = "", text: str = "", *, year: int | None = None
) -> CatalogPreview:
    """A table pasted from the clipboard: its HTML when it has a table, else its text
    (tab-separated, as Excel, Word and PDF readers copy tables)."""
    from desktop.core.office.html_tables import read_html, read_tsv

    grids: list[Grid] = []
    if html.strip():
        grids = read_html(html, name=PASTE_NAME, kind=KIND_PASTE)
    if not grids and "\t" in text:
        grids = [read_tsv(text)]
    if not grids:
        raise ValidationError(
            "Bộ nhớ tạm không có bảng nào. Hãy bôi đen cả bảng tiêu chí (kể cả dòng tiêu đề "
            "cột) trong Word, Excel, trình duyệt hoặc trình đọc PDF, nhấn Ctrl+C rồi bấm "
            "“Dán bảng” lại."
        )
    name = f"Bộ tiêu chí năm {year}" if year else "Bộ tiêu chí"
    return preview_from_grids(grids, Path(PASTE_NAME), year=year, fallback_name=name)


def preview_from_grids(
    grids: list[Grid],
    path: Path,
    *,
    year: int | None = None,
    sheet: str | None = None,
    progress: Progress = NO_PROGRESS,
    fallback_name: str = "",
) -> CatalogPreview:
    """The criteria table among ``grids`` (a source's tables) read into a preview."""
    parts = pick_parts(grids, path.name, sheet)
    first = parts[0].grid
    preview = CatalogPreview(
        path=path, sheet=first.name, rows=[], kind=first.kind, parts=[p.grid.name for p in parts]
    )
    apply_opening(preview, grids, parts, year, fallback_name or path.stem)
    read_rows(parts, preview, progress)
    fill_blank_parents(preview)
    preview.revalidate()
    return preview


def edit_row(
    preview: CatalogPreview,
    index: int,
    *,
    code: str | None = None,
    title: str | None = None,
    max_text: str | None = None,
    scoring_guide: str | None = None,
    evidence_required: str | None = None,
    rule_text: str | None = None,
) -> list[CatalogProblem]:
    """Change a preview row as the user typed it, then re-check the whole preview."""
    row = preview.rows[index]
    if code is not None:
        row.code = normalize_code(code)
    if title is not None:
        row.title = " ".join(title.split())
    if max_text is not None:
        row.max_text = max_text.strip()
        try:
            row.max_points = (
                parse_points(row.max_text, what="Điểm tối đa") if row.max_text else None
            )
        except ValidationError:
            row.max_points = None
    if scoring_guide is not None:
        row.scoring_guide = scoring_guide
    if evidence_required is not None:
        row.evidence_required = evidence_required
    if rule_text is not None:
        row.rule_text = " ".join(rule_text.split())
    # A problem noted while reading is about the row as read; drop those of an edited row.
    preview.notes = [n for n in preview.notes if n.row != row.row or n.sheet != row.sheet]
    return preview.revalidate()


def remove_row(preview: CatalogPreview, index: int) -> list[CatalogProblem]:
    del preview.rows[index]
    return preview.revalidate()


def save_preview(
    session: Session,
    year: int,
    preview: CatalogPreview,
    *,
    name: str | None = None,
    accept_warnings: bool = False,
) -> ReplaceOutcome:
    """Save the previewed catalog as the catalog of ``year`` (the caller owns the transaction).

    Errors always refuse; warnings refuse unless the user accepted them. An existing
    catalog of the year is replaced only when that is safe (see ``catalog_replace``).
    """
    preview.revalidate()
    if preview.errors:
        listed = " ".join(p.message for p in preview.errors[:5])
        more = f" (và {len(preview.errors) - 5} lỗi khác)" if len(preview.errors) > 5 else ""
        raise ValidationError(
            f"Bộ tiêu chí trong {_source_label(preview)} có lỗi, chưa lưu: {listed}{more}"
        )
    if preview.warnings and not accept_warnings:
        raise ValidationError(
            f"Bộ tiêu chí trong {_source_label(preview)} có {len(preview.warnings)} cảnh báo; "
            "hãy xem lại và chấp nhận (--accept) để lưu."
        )
    # Tree order (parents before children) whatever order the rows were edited into.
    rows = sorted((r.to_node_row() for r in preview.rows), key=lambda r: _code_key(r.code))
    surveys = tuple(r.code for r in rows if r.level == 1 and is_survey(r.title))
    bonus = bonus_codes(preview.rows)
    scored_areas = {r.code for r in rows if r.level == 1 and r.code not in (*surveys, *bonus)}
    with_children = {r.code.split(".")[0] for r in rows if r.level > 1}
    outcome = save_or_replace_catalog(
        session,
        year,
        rows,
        name=(name or preview.name or preview.path.stem).strip(),
        decision_number=preview.decision_number,
        decision_date=preview.decision_date,
        issuer=preview.issuer,
        source="imported",
        complete=scored_areas <= with_children,
        note=_import_note(preview),
        survey_codes=surveys,
        allow_warnings=True,
    )
    save_rules(session, outcome.catalog_id, preview.rows)
    return outcome


def _source_label(preview: CatalogPreview) -> str:
    return "bảng dán" if preview.path.name == PASTE_NAME else f"tệp {preview.path.name}"


def _code_key(code: str) -> tuple[int, ...]:
    return tuple(int(p) for p in code.split("."))


def _import_note(preview: CatalogPreview) -> str:
    if preview.path.name == PASTE_NAME:
        return "Nhập từ bảng dán."
    if preview.kind == "sheet":
        return f"Nhập từ tệp {preview.path.name}, sheet “{preview.sheet}”."
    parts = preview.parts
    shown = parts[0] if len(parts) == 1 else f"{parts[0]} – {parts[-1]}"
    return f"Nhập từ tệp {preview.path.name} ({shown})."
