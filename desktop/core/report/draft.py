"""Draft the index report (seed 002) from the data: header fields and every section as
editable text. Figures are written the Vietnamese way through ``vnformat``. A reference or
figure the data lacks is a named field (``fields``) written as ``…`` until the officer
fills it; nothing the app says to the officer is ever written into the text."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.office.vnformat import (
    format_count,
    format_fraction,
    format_points,
)
from desktop.core.report import stock
from desktop.core.report.data import ReportData
from desktop.core.report.draft_dossiers import dossier_sections
from desktop.core.report.fields import doc_ref
from desktop.core.report.sections import SectionDraft
from desktop.core.results.losses import AreaLoss, LossRow
from desktop.core.results.plan_read import PlanRowData

B = stock.BLANK


@dataclass(frozen=True)
class HeaderDraft:
    body_name: str
    place: str
    title: str
    summary: str
    recipients: str
    sign_authority: str
    sign_title: str
    signer: str


def draft_header(data: ReportData) -> HeaderDraft:
    y = data.index_year
    unit = data.unit
    return HeaderDraft(
        body_name=f"ỦY BAN NHÂN DÂN\n{unit.upper()} {data.commune.upper()}",
        place=data.commune,
        title="BÁO CÁO",
        summary=(
            f"Kết quả đánh giá Chỉ số cải cách hành chính năm {y}\n"
            f"và nhiệm vụ trọng tâm năm {y + 1}"
        ),
        recipients="\n".join(
            r.format(unit=unit, internal_affairs=data.appraiser.internal_affairs)
            for r in stock.RECIPIENTS
        ),
        sign_authority="TM. ỦY BAN NHÂN DÂN",
        sign_title="CHỦ TỊCH",
        signer=data.profile.chairman if data.profile else "",
    )


def draft_sections(data: ReportData) -> list[SectionDraft]:
    return [
        _can_cu(data),
        _mo_dau(data),
        _ket_qua(data),
        _uu_diem(data),
        _han_che(data),
        _causes(data),
        SectionDraft(
            "nguyen_nhan_cq", "* Nguyên nhân chủ quan", "\n".join(stock.CAUSES_SUBJECTIVE)
        ),
        *dossier_sections(data),
        _nhiem_vu(data),
        _ket_luan(data),
    ]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


# --- I. Căn cứ, mở đầu -------------------------------------------------------------------


def _can_cu(data: ReportData) -> SectionDraft:
    y, ap = data.index_year, data.appraiser
    cat = data.catalog
    province = data.profile.province if data.profile else ""
    issuer = (cat.issuer if cat is not None else "") or (
        f"UBND tỉnh {province}" if province else "UBND tỉnh"
    )
    what = (
        cat.name
        if cat is not None and cat.name
        else "Bộ Chỉ số cải cách hành chính của UBND cấp xã"
    )
    first = (
        f"Căn cứ Quyết định {doc_ref(data, 'catalog_decision', 'QĐ-UBND')} của {issuer} "
        f"ban hành {what};"
    )
    guidance = (
        f"Căn cứ Công văn {doc_ref(data, 'guidance_letter', 'UBND-NV')} của {ap.name} hướng "
        f"dẫn đánh giá, chấm điểm Chỉ số cải cách hành chính của UBND các {ap.peers} năm {y};"
    )
    res = data.results
    by = (res.publisher if res is not None else "") or ap.name
    published = (
        f"Căn cứ Quyết định {doc_ref(data, 'results_decision', 'QĐ-UBND')} của {by} về việc "
        f"phê duyệt và công bố Chỉ số cải cách hành chính năm {y} của Ủy ban nhân dân các "
        f"{ap.peers};"
    )
    return SectionDraft("can_cu", "", "\n".join((first, guidance, published)))


def _mo_dau(data: ReportData) -> SectionDraft:
    y, unit = data.index_year, data.unit
    text = (
        f"Thực hiện Kế hoạch {doc_ref(data, 'commune_plan', 'KH-UBND')} của UBND {unit} về "
        f"thực hiện công tác cải cách hành chính {unit} {data.commune} năm {y};\n"
        f"Ủy ban nhân dân {unit} báo cáo kết quả đánh giá Chỉ số CCHC năm {y} và triển khai "
        f"Kế hoạch CCHC năm {y + 1}, cụ thể như sau:"
    )
    return SectionDraft("mo_dau", "", text)


# --- I.1 results ---------------------------------------------------------------------------


def _areas(data: ReportData) -> list[AreaLoss]:
    return data.losses.areas if data.losses else []


def _ket_qua(data: ReportData) -> SectionDraft:
    y, unit, ap = data.index_year, data.unit, data.appraiser
    heading = f"I. KẾT QUẢ CHỈ SỐ CCHC NĂM {y}\n1. Kết quả đạt được"
    res = data.results
    if not data.has_results or res is None:
        return SectionDraft("ket_qua", heading, "")  # a problem: the report cannot be issued
    opening = (
        f"Năm {y}, công tác CCHC của {unit} được Ban Thường vụ Đảng ủy quan tâm, lãnh đạo, chỉ "
        f"đạo sát sao; sự chỉ đạo quyết liệt của tập thể lãnh đạo UBND {unit}; sự vào cuộc tích "
        f"cực của các công chức chuyên môn UBND {unit}."
    )
    total = f"Theo kết quả công bố Chỉ số cải cách hành chính cấp xã năm {y} của {ap.name}, UBND {unit} đạt "
    total += (
        f"{res.total_text} điểm"
        if res.total is not None
        else f"{B}/{format_points(res.max_total)} điểm"
    )
    if res.total_rank:
        total += f", xếp thứ {res.total_rank} {ap.peers}"
    if res.group_label:
        total += f", thuộc nhóm {lower_first(res.group_label)}"
    total += ", cụ thể:"
    areas = _areas(data)
    area_lines = []
    for i, a in enumerate(areas):
        end = "." if i == len(areas) - 1 else ";"
        if a.score is None:
            area_lines.append(f"- {a.title}: chưa có kết quả thẩm định{end}")
            continue
        line = f"- {a.title}: đạt {format_fraction(a.score, a.max_points)} điểm"
        if a.rank:
            line += f", xếp hạng {a.rank}"
        area_lines.append(line + end)
    return SectionDraft("ket_qua", heading, "\n".join([f"{opening} {total}", *area_lines]))


# --- I.2 assessment --------------------------------------------------------------------------


def _uu_diem(data: ReportData) -> SectionDraft:
    heading = "2. Đánh giá chung\n2.1. Ưu điểm"
    y, cat = data.index_year, data.catalog
    first = (
        f"- Việc triển khai chấm điểm Chỉ số CCHC năm {y} cơ bản đảm bảo tiến độ thời gian, bám "
        "sát các tiêu chí, tiêu chí thành phần"
    )
    if cat is not None:
        issuer = cat.issuer or (
            f"UBND tỉnh {data.profile.province}" if data.profile else "UBND tỉnh"
        )
        first += (
            " được quy định tại Quyết định "
            f"{doc_ref(data, 'catalog_decision', 'QĐ-UBND')} của {issuer}"
        )
    out = [first + "."]
    areas = [a for a in _areas(data) if a.score is not None]
    full = [a for a in areas if a.lost == 0]
    if full:
        named = ", ".join(
            f"{lower_first(a.title)} ({format_fraction(a.score, a.max_points)} điểm)" for a in full
        )
        out.append(f"- Đạt điểm tối đa ở {format_count(len(full))} lĩnh vực: {named}.")
    high = [a for a in areas if a.lost and _rank_place(a.rank) in (1, 2, 3)]
    if high:
        named = ", ".join(f"{lower_first(a.title)} (xếp hạng {a.rank})" for a in high)
        out.append(f"- Xếp hạng cao ở các lĩnh vực: {named}.")
    out += [s.format(unit=data.unit) for s in stock.STRENGTHS]
    return SectionDraft("uu_diem", heading, "\n".join(out))


def _rank_place(rank: str) -> int | None:
    head = rank.partition("/")[0]
    return int(head) if head.isdigit() else None


def _lost_rows(data: ReportData, area_code: str) -> list[LossRow]:
    rows = (
        [r for r in data.losses.rows if r.area_code == area_code and r.level > 1]
        if data.losses
        else []
    )
    return sorted(rows, key=lambda r: tuple(int(p) for p in r.code.split(".") if p.isdigit()))


def _han_che(data: ReportData) -> SectionDraft:
    heading = "2.2. Tồn tại, hạn chế"
    if not data.has_results:
        return SectionDraft("han_che", heading, stock.WEAKNESS_INTRO)
    lost_areas = [a for a in _areas(data) if a.lost]
    if not lost_areas:
        return SectionDraft(
            "han_che",
            heading,
            f"- Năm {data.index_year}, {data.unit} đạt điểm tối đa ở tất cả các lĩnh vực.",
        )
    out = [stock.WEAKNESS_INTRO]
    for a in lost_areas:
        line = (
            f"+ Trong lĩnh vực {lower_first(a.title)}: đạt "
            f"{format_fraction(a.score, a.max_points)} điểm, bị trừ {format_points(a.lost)} điểm"
        )
        if a.rank:
            line += f", xếp hạng {a.rank}"
        rows = _lost_rows(data, a.code)
        if rows:
            named = "; ".join(_named_loss(r) for r in rows)
            line += f"; các tiêu chí, tiêu chí thành phần bị trừ điểm: {named}."
        else:
            line += "."
        out.append(line)
    return SectionDraft("han_che", heading, "\n".join(out))


def _named_loss(r: LossRow) -> str:
    text = f"{r.code} {r.title} (đạt {format_fraction(r.score, r.max_points)} điểm"
    if r.note:
        text += f": {r.note.rstrip('.')}"
    return text + ")"


def _causes(data: ReportData) -> SectionDraft:
    heading = "2.3. Nguyên nhân tồn tại, hạn chế\n* Nguyên nhân khách quan"
    text = "\n".join(
        s.format(unit=data.unit, previous=data.index_year - 1) for s in stock.CAUSES_OBJECTIVE
    )
    return SectionDraft("nguyen_nhan_kq", heading, text)


# --- III. tasks -------------------------------------------------------------------------------


def _nhiem_vu(data: ReportData) -> SectionDraft:
    y, unit = data.index_year, data.unit
    heading = "III. MỘT SỐ NHIỆM VỤ VÀ GIẢI PHÁP TRONG THỜI GIAN TỚI"
    intro = (
        f"Để khắc phục những tồn tại, hạn chế năm {y} và triển khai có hiệu quả Kế hoạch CCHC "
        f"năm {y + 1}, cần tập trung đẩy mạnh thực hiện một số nhiệm vụ, giải pháp như sau:"
    )
    tasks: list[str] = []
    if data.plan is not None:
        tasks += _plan_tasks(data, data.plan.rows)
    else:
        tasks += _loss_tasks(data)
    tasks += [s.format(unit=unit) for s in stock.TASKS_CLOSING]
    numbered = [t if t.startswith("(") else f"{n}. {t}" for n, t in enumerate(tasks, start=1)]
    return SectionDraft("nhiem_vu", heading, "\n".join([intro, *numbered]))


def _loss_tasks(data: ReportData) -> list[str]:
    """Without a saved remediation plan: one task per area that lost points, naming the
    sub-criteria lost (with the officer responsible where one is assigned); then one for
    the areas at full marks."""
    tasks = []
    for a in _areas(data):
        if not a.lost:
            continue
        text = f"Đối với lĩnh vực {lower_first(a.title)} (đạt {format_fraction(a.score, a.max_points)} điểm)"
        rows = _lost_rows(data, a.code)
        if rows:
            named = []
            for r in rows:
                item = f"{r.code} {r.title} (đạt {format_fraction(r.score, r.max_points)} điểm"
                item += f"; công chức phụ trách: {r.responsible})" if r.responsible else ")"
                named.append(item)
            text += ": khắc phục các tiêu chí, tiêu chí thành phần bị trừ điểm " + "; ".join(named)
        else:
            text += f": khắc phục để không bị trừ {format_points(a.lost)} điểm như năm {data.index_year}"
        tasks.append(text + ".")
    full = [a.title for a in _areas(data) if a.score is not None and a.lost == 0]
    if full:
        tasks.append(
            "Tiếp tục giữ vững kết quả các lĩnh vực đạt điểm tối đa: "
            + "; ".join(lower_first(t) for t in full)
            + "."
        )
    return tasks


def _plan_tasks(data: ReportData, rows: list[PlanRowData]) -> list[str]:
    """One task per area of the plan that lost points, naming its sub-criteria, the
    solutions, who leads and when; then one for what reached full marks; then the rows the
    officer added by hand."""
    scores = {a.code: a for a in _areas(data)}
    by_area: dict[str, list[PlanRowData]] = {}
    for r in rows:
        if r.kind == "loss":
            by_area.setdefault(r.area_code, []).append(r)
    tasks = []
    for code, group in by_area.items():
        area = scores.get(code)
        text = f"Đối với lĩnh vực {lower_first(group[0].area_title)}"
        if area is not None and area.score is not None:
            text += f" (đạt {format_fraction(area.score, area.max_points)} điểm)"
        named = [r for r in group if r.criterion and r.criterion != code]
        if named:
            codes = ", ".join(
                f"{r.criterion} (đạt {r.result_text})" if r.result_text else r.criterion
                for r in named
            )
            text += f": khắc phục các tiêu chí, tiêu chí thành phần bị trừ điểm {codes}"
        else:
            text += ": phấn đấu nâng cao kết quả của lĩnh vực"
        solutions = [
            (f"{r.criterion}: " if r.criterion and len(group) > 1 else "")
            + lower_first(r.solution.rstrip("."))
            for r in group
            if r.solution
        ]
        if solutions:
            text += "; giải pháp: " + "; ".join(solutions)
        text += _who_when(group)
        tasks.append(text + ".")
    kept = [r.area_title for r in rows if r.kind == "keep" and r.area_code not in by_area]
    if kept:
        tasks.append(
            "Tiếp tục giữ vững kết quả các lĩnh vực đạt điểm tối đa: "
            + "; ".join(lower_first(t) for t in kept)
            + "."
        )
    tasks += [r.solution.rstrip(".") + "." for r in rows if r.kind == "manual" and r.solution]
    return tasks


def _who_when(group: list[PlanRowData]) -> str:
    leads = list(dict.fromkeys(r.lead for r in group if r.lead))
    times = list(dict.fromkeys(r.timeframe for r in group if r.timeframe))
    out = ""
    if leads:
        out += f"; chủ trì: {', '.join(leads)}"
    if times:
        out += f"; thời gian thực hiện: {lower_first('; '.join(times))}"
    return out


def _ket_luan(data: ReportData) -> SectionDraft:
    y, unit = data.index_year, data.unit
    text = (
        f"Trên đây là báo cáo kết quả Chỉ số CCHC của UBND {unit} {data.commune} năm {y} và "
        f"nhiệm vụ trọng tâm để duy trì và nâng cao Chỉ số CCHC năm {y + 1}./."
    )
    return SectionDraft("ket_luan", "", text)
