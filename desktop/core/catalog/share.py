"""Making and sharing a catalog as an .xlsx that the catalog import reads back as is.

``write_template`` makes the blank table ("Tải tệp mẫu"): the columns, two example rows and
a sheet of instructions in Vietnamese, for an officer who retypes the province's annex.
``export_catalog`` writes a year's catalog (codes, titles, maxima, scoring guide, rule,
evidence required, the decision) so that one officer, or the province's office, prepares
it once and every commune imports it to the same nodes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from sqlalchemy import select
from sqlalchemy.orm import Session

from base.errors import ValidationError
from db.models_selfassess import BonusArea, NodeScoringRule
from desktop.core.catalog.read import catalog_info
from desktop.core.office.vnformat import format_date, format_points

SHEET = "Bộ tiêu chí"
HELP_SHEET = "Hướng dẫn"
HEADERS = (
    "Mã tiêu chí",
    "Nội dung",
    "Điểm tối đa",
    "Cách tính điểm",
    "Quy tắc tính điểm",
    "Tài liệu kiểm chứng",
)
WIDTHS = (12, 60, 12, 45, 28, 45)
EXAMPLES = (
    ("1", "Công tác chỉ đạo, điều hành cải cách hành chính", "2", "", "", ""),
    (
        "1.1",
        "Ban hành kế hoạch cải cách hành chính năm đúng thời hạn",
        "2",
        "Ban hành trước ngày 31/12 năm trước: 2 điểm; ban hành sau: 0 điểm.",
        "co/khong",
        "Kế hoạch CCHC năm của UBND xã",
    ),
)
INSTRUCTIONS = (
    "CÁCH ĐIỀN TỆP MẪU BỘ TIÊU CHÍ",
    "",
    "1. Mỗi dòng của sheet “Bộ tiêu chí” là một mục: lĩnh vực, tiêu chí hoặc tiêu chí thành "
    "phần. Giữ nguyên dòng tiêu đề cột.",
    "2. Cột “Mã tiêu chí”: mã có dấu chấm theo thứ tự của quyết định: lĩnh vực 1, 2, 3…; tiêu "
    "chí 1.1, 1.2…; tiêu chí thành phần 1.1.1, 1.1.2… (nếu có cấp thứ tư: 5.4.3.4). Phụ lục "
    "ghi I, II… hay a), b) thì đổi sang mã có dấu chấm.",
    "3. Cột “Điểm tối đa”: số điểm, dùng dấu phẩy cho phần thập phân (ví dụ 1,5). Điểm các mục "
    "con cộng lại phải bằng điểm mục cha; các lĩnh vực cộng lại thường là 100.",
    "4. Cột “Cách tính điểm”: chép nguyên cách tính điểm của quyết định (mỗi cách một dòng: "
    "Alt+Enter để xuống dòng trong ô).",
    "5. Cột “Quy tắc tính điểm” (không bắt buộc): cách tính theo ký hiệu để ứng dụng tự chấm: "
    "“co/khong”; “bac: 100=1; 98-<100=0,5; <98=0” (theo tỷ lệ %); “bac so: >=2=1; 1=0,5; "
    "0=0” (theo số lượng); “ty le”; “tru 0,25/loi”; “thu cong”. Để trống nếu không rõ.",
    "6. Cột “Tài liệu kiểm chứng”: các tài liệu cần có cho mục đó.",
    "7. Phần điểm thưởng/điểm cộng: một lĩnh vực riêng có tên bắt đầu bằng “Điểm thưởng” "
    "hoặc “Điểm cộng”, đặt sau các lĩnh vực khác.",
    "8. Hai dòng ví dụ (mã 1 và 1.1) có thể sửa hoặc xóa. Dòng 2 của sheet ghi số quyết định "
    "ban hành bộ tiêu chí, nếu có.",
    "9. Điền xong: Năm → Nhập bộ tiêu chí từ tệp… (hoặc lệnh “cchc catalog import TỆP --year "
    "NĂM”), xem lại từng dòng rồi lưu.",
)
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True)
class ExportOutcome:
    path: Path
    node_count: int
    rule_count: int


def _title_rows(ws, name: str, decision: str) -> None:
    ws.append([name])
    ws.append([decision])
    ws.append([])
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    ws.cell(row=2, column=1).font = Font(italic=True)


def _header(ws) -> None:
    ws.append(list(HEADERS))
    row = ws.max_row
    for col, width in enumerate(WIDTHS, start=1):
        cell = ws.cell(row=row, column=col)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = f"A{row + 1}"


def _body_row(ws, values, *, bold: bool = False) -> None:
    ws.append(list(values))
    row = ws.max_row
    for col in range(1, len(HEADERS) + 1):
        cell = ws.cell(row=row, column=col)
        cell.number_format = "@"  # codes and points stay as typed (1.10 is not 1.1)
        cell.alignment = Alignment(vertical="top", wrap_text=col in (2, 4, 6))
        cell.border = _BORDER
        if bold:
            cell.font = Font(bold=True)


def _save(wb: Workbook, out: Path) -> None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        wb.save(out)
    except PermissionError as exc:
        raise ValidationError(
            f"Không ghi được tệp {out.name}: tệp đang mở trong Excel hoặc thư mục không cho "
            "ghi. Hãy đóng tệp hoặc chọn nơi khác."
        ) from exc
    except OSError as exc:
        raise ValidationError(f"Không ghi được tệp {out.name} vào {out.parent}.") from exc


def write_template(out: Path) -> Path:
    """The blank catalog table with two example rows and the instructions sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    _title_rows(
        ws,
        "BỘ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA UBND CẤP XÃ (tệp mẫu)",
        "(Kèm theo Quyết định số …/QĐ-UBND ngày …/…/… của UBND tỉnh …)",
    )
    _header(ws)
    for values in EXAMPLES:
        _body_row(ws, values, bold="." not in values[0])
    help_ws = wb.create_sheet(HELP_SHEET)
    for line in INSTRUCTIONS:
        help_ws.append([line])
    help_ws.column_dimensions["A"].width = 120
    help_ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    for row in help_ws.iter_rows():
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    _save(wb, out)
    return out


def export_catalog(session: Session, year: int, out: Path) -> ExportOutcome:
    """The year's catalog as the template's table, re-importable to the same nodes."""
    if out.suffix.lower() != ".xlsx":
        raise ValidationError(f"Tệp xuất {out.name} phải có đuôi .xlsx.")
    info = catalog_info(session, year)
    rules = dict(
        session.execute(
            select(NodeScoringRule.node_id, NodeScoringRule.notation).where(
                NodeScoringRule.node_id.in_([n.id for n in info.nodes])
            )
        ).all()
    )
    bonus = set(
        session.scalars(
            select(BonusArea.node_id).where(BonusArea.node_id.in_([n.id for n in info.nodes]))
        )
    )
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    decision = ""
    if info.decision_number:
        when = f" ngày {format_date(info.decision_date)}" if info.decision_date else ""
        by = f" của {info.issuer}" if info.issuer else ""
        decision = f"(Kèm theo Quyết định số {info.decision_number}{when}{by})"
    _title_rows(ws, info.name, decision)
    _header(ws)
    for n in info.nodes:
        title = n.title
        if n.id in bonus and not _is_bonus(title):
            title = f"Điểm cộng: {title}"  # read back as the bonus area
        _body_row(
            ws,
            (
                n.code,
                title,
                format_points(n.max_points),
                n.scoring_guide,
                rules.get(n.id, "") if n.is_leaf else "",
                n.evidence_required,
            ),
            bold=n.level == 1,
        )
    _save(wb, out)
    return ExportOutcome(out, len(info.nodes), sum(1 for n in info.nodes if n.id in rules))


def _is_bonus(title: str) -> bool:
    from desktop.core.catalog.rules_import import is_bonus_title

    return is_bonus_title(title)
