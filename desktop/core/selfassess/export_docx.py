"""The self-assessment report (báo cáo tự đánh giá) as .docx in the state format.

Portrait pages per ND 30/2020: header block, BÁO CÁO and trích yếu, Căn cứ, I. the result
(total without and with bonus points, one line per area), II. the explanations,
III. difficulties, IV. recommendations, Nơi nhận and the signature block. Then a landscape
appendix with the score table by area, criterion and sub-criterion (code, content,
maximum, declared figure, self-score, evidence numbers, explanation), its header row
repeated on every page, and the totals.

The ND 30 page itself comes from the BC-UBND report's writer (``desktop.core.report``).
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from base.errors import ValidationError
from desktop.core.office.docx_common import (
    cant_split,
    fill_cell,
    grid_table,
    write_atomic,
)
from desktop.core.office.text import fold
from desktop.core.office.vnformat import (
    format_date,
    format_long_date,
    format_place_date,
    format_points,
)
from desktop.core.progress import NO_PROGRESS, Progress
from desktop.core.report.docx_writer import build_docx, para
from desktop.core.report.layout import Block, ReportDocument
from desktop.core.selfassess.report import COLUMNS, SURVEY_TEXT, SelfAssessmentReport

SUMMARY = "Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {year}"
TABLE_WIDTHS_MM = (16, 78, 16, 24, 18, 48, 62)  # 262 = 297 − 20 − 15
TABLE_PT = 11
AREA_SHADE = "D9D9D9"


def document_of(report: SelfAssessmentReport) -> ReportDocument:
    """The portrait part: header, body and signature, as blocks of text."""
    t, texts, commune = report.tree, report.texts, report.commune
    unit_body = f"{report.unit.upper()} {commune.upper()}"
    can_cu = _can_cu(report)
    blocks = [Block("body", can_cu)] if can_cu else []
    blocks.append(
        Block(
            "body",
            f"Ủy ban nhân dân {report.unit} {commune} báo cáo kết quả tự đánh giá, chấm điểm "
            f"Chỉ số cải cách hành chính năm {report.year} như sau:",
        )
    )
    blocks.append(Block("h1", "I. KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM"))
    for label, value in report.total_lines():
        blocks.append(Block("body", f"{label}: {value} điểm."))
    for a in t.areas():
        if not a.applicable:
            value = "không áp dụng"
        elif not a.self_scored:
            value = f"{SURVEY_TEXT.lower()} ({format_points(a.max_points)} điểm)"
        else:
            value = f"{format_points(a.self_score or 0)}/{format_points(a.max_points)} điểm"
        name = f"Lĩnh vực {a.code} ({a.title})"
        if a.bonus:
            plain = fold(a.title) in ("diem cong", "diem thuong")
            name = "Phần điểm cộng" if plain else f"Phần điểm cộng ({a.title})"
        blocks.append(Block("body", f"- {name}: {value};"))
    unscored = report.unscored
    if unscored:
        blocks.append(
            Block(
                "body",
                f"- Còn {len(unscored)} tiêu chí thành phần chưa chấm điểm (chưa tính vào tổng "
                f"điểm): {', '.join(r.code for r in unscored)}.",
            )
        )
    blocks.append(Block("body", "(Chi tiết tại Phụ lục kèm theo Báo cáo này.)"))
    blocks.append(Block("h1", "II. GIẢI TRÌNH"))
    for r in report.explanations:
        lines = r.explanation.split("\n")
        blocks.append(Block("body", f"- Tiêu chí {r.code} ({r.title}): {lines[0]}"))
        blocks += [Block("body", line) for line in lines[1:]]
    for code, title in report.unexplained:  # still to write: a blank the officer fills in
        blocks.append(Block("body", f"- Tiêu chí {code} ({title}): …"))
    if not report.explanations and not report.unexplained:
        blocks.append(Block("body", "Không có nội dung cần giải trình."))
    blocks.append(Block("h1", "III. KHÓ KHĂN, VƯỚNG MẮC"))
    blocks += _text_blocks(texts.difficulties)
    blocks.append(Block("h1", "IV. KIẾN NGHỊ, ĐỀ XUẤT"))
    blocks += _text_blocks(texts.recommendations)
    blocks.append(
        Block(
            "body",
            f"Trên đây là báo cáo kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính "
            f"năm {report.year} của Ủy ban nhân dân {report.unit} {commune}./.",
        )
    )
    place = commune if report.profile else ""
    return ReportDocument(
        body_name=["ỦY BAN NHÂN DÂN", unit_body],
        number_line=f"Số: {texts.number or '       '}/BC-UBND",
        place_date=format_place_date(place, texts.report_date),
        title="BÁO CÁO",
        summary=[SUMMARY.format(year=report.year)],
        blocks=blocks,
        recipients=_recipients(report),
        sign_authority="TM. ỦY BAN NHÂN DÂN",
        sign_title="CHỦ TỊCH",
        signer=report.profile.chairman if report.profile else "",
        author=f"Ủy ban nhân dân {report.unit} {commune}",
        addressee=report.appraiser,
    )


def _can_cu(report: SelfAssessmentReport) -> str:
    """The catalog's decision; nothing when the catalog names none (a catalog's own name is
    no legal basis to cite)."""
    c = report.catalog
    if not c.decision_number:
        return ""
    when = f" ngày {format_date(c.decision_date)}" if c.decision_date else ""
    issuer = f" của {c.issuer}" if c.issuer else ""
    return f"Căn cứ Quyết định số {c.decision_number}{when}{issuer} ban hành {c.name};"


def _text_blocks(text: str) -> list[Block]:
    lines = [ln for ln in text.split("\n") if ln.strip()]
    return [Block("body", ln) for ln in lines] or [Block("body", "…")]


def _recipients(report: SelfAssessmentReport) -> list[str]:
    if report.texts.recipients.strip():
        return [ln.strip() for ln in report.texts.recipients.split("\n") if ln.strip()]
    return [
        f"- {report.appraiser};",
        "- TT Đảng ủy, HĐND xã;",
        "- Chủ tịch, các PCT UBND xã;",
        "- Lưu: VT.",
    ]


def build_selfassess_docx(report: SelfAssessmentReport):
    d = build_docx(document_of(report))
    _appendix(d, report)
    return d


def _appendix(d, report: SelfAssessmentReport) -> None:
    section = d.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.different_first_page_header_footer = False  # numbered: it is not page 1
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(20), Mm(15)
    for style, text in (
        ("title", "PHỤ LỤC"),
        ("summary", f"BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {report.year}"),
    ):
        para(d, style, text).paragraph_format.space_before = Pt(0)
    number = report.texts.number or "     "
    when = format_long_date(report.texts.report_date)
    note = para(
        d,
        "summary",
        f"(Kèm theo Báo cáo số {number}/BC-UBND {when} của UBND {report.unit} {report.commune})",
    )
    for run in note.runs:
        run.bold, run.italic = None, True
    note.paragraph_format.space_after = Pt(10)

    rows = report.rows
    totals = report.total_lines()
    table = grid_table(
        d, [name for name, _w in COLUMNS], TABLE_WIDTHS_MM, len(rows) + len(totals), TABLE_PT
    )
    trs = list(table.rows)  # once: table.rows[k] walks the table from the top each time
    for k, r in enumerate(rows, start=1):
        row = trs[k]
        cant_split(row)
        bold = r.level == 1 or (r.level == 2 and not r.bonus)
        values = (
            r.code,
            f"{r.title}\nCách tính: {r.rule}" if r.rule else r.title,
            format_points(r.max_points),
            r.declared if r.is_leaf else "",
            r.score_cell,
            r.documents,
            r.remark,
        )
        for i, text in enumerate(values):
            fill_cell(row.cells[i], text, TABLE_PT, center=i in (0, 2, 3, 4), bold=bold)
            if r.level == 1:
                _shade(row.cells[i], AREA_SHADE)
            if k > len(rows) - 2:  # the totals do not start a page on their own
                for p in row.cells[i].paragraphs:
                    p.paragraph_format.keep_with_next = True
    for k, (label, value) in enumerate(totals, start=1 + len(rows)):
        row = trs[k]
        cant_split(row)
        merged = row.cells[0].merge(row.cells[3])
        fill_cell(merged, label, TABLE_PT, center=False, bold=True)
        fill_cell(row.cells[4], value, TABLE_PT, center=True, bold=True)


def _shade(cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def write_docx(report: SelfAssessmentReport, path: Path, progress: Progress = NO_PROGRESS) -> Path:
    progress.update(0, 0, f"Đang ghi {path.name}…")
    document = build_selfassess_docx(report)
    write_atomic(path, lambda tmp: document.save(str(tmp)))
    return path


def export_self_assessment(
    report: SelfAssessmentReport, path: Path, progress: Progress = NO_PROGRESS
) -> Path:
    """Write ``path`` as .docx (the report) or .xlsx (the table) by its suffix."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return write_docx(report, path, progress)
    if suffix == ".xlsx":
        from desktop.core.selfassess.export_xlsx import write_xlsx  # openpyxl only when asked

        return write_xlsx(report, path, progress)
    raise ValidationError(
        f"Không xuất được báo cáo tự đánh giá ra “{path.name}”: chỉ hỗ trợ tệp .docx hoặc .xlsx."
    )
