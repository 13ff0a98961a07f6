"""Part II of the index report: the CCHC work and the dossier results of the chosen period,
in prose, with the figures written as seed 002 writes them (``192 hồ sơ``, ``03 hồ sơ``,
``188 hồ sơ đạt 97,9%``, ``84,89%``, ``65,67 điểm``, ``14/20``)."""

from __future__ import annotations

from desktop.core.dossiers import DossierFigures
from desktop.core.dossiers.stats import percent
from desktop.core.office.vnformat import (
    format_count,
    format_doc_date,
    format_dossiers,
    format_number,
    format_percent,
)
from desktop.core.report import stock
from desktop.core.report.data import ReportData, period_name
from desktop.core.report.fields import doc_ref
from desktop.core.report.sections import SectionDraft

B = stock.BLANK


def dossier_sections(data: ReportData) -> list[SectionDraft]:
    return [_trien_khai(data), _ho_so(data), _ho_so_han_che(data)]


def _name(data: ReportData) -> str:
    return period_name(data.period) if data.period else f"năm {data.index_year + 1}"


def _trien_khai(data: ReportData) -> SectionDraft:
    name = _name(data)
    year = data.period.end.year if data.period else data.index_year + 1
    heading = f"II. KẾT QUẢ THỰC HIỆN CÔNG TÁC CCHC {name.upper()}\n1. Kết quả công tác CCHC {name}"
    ap, unit = data.appraiser, data.unit
    out = [
        f"Thực hiện Kế hoạch {doc_ref(data, 'upper_plan', 'KH-UBND')} của {ap.name} về thực "
        f"hiện công tác cải cách hành chính nhà nước {ap.place} năm {year}.",
    ]
    catalog = data.next_catalog or data.catalog
    # The plan's contents are the reform areas; the assessments of impact and the surveys
    # ("Đánh giá …") are not tasks of the plan.
    areas = (
        [
            n.title
            for n in catalog.nodes
            if n.parent_id is None and n.self_scored and not n.title.startswith("Đánh giá")
        ]
        if catalog
        else []
    )
    ref = data.value("next_plan")
    number, when = (ref.number, format_doc_date(ref.issued)) if ref else (f"{B}/KH-UBND", B)
    plan = (
        f"Ngày {when}, Ủy ban nhân dân {unit} {data.commune} ban hành Kế hoạch số {number} về "
        f"cải cách hành chính nhà nước năm {year}."
    )
    if areas:
        plan += f" Trong đó, tập trung thực hiện {format_count(len(areas))} nội dung, cụ thể:"
        out.append(plan)
        out += [f"{i}. {t}{'.' if i == len(areas) else ';'}" for i, t in enumerate(areas, start=1)]
    else:
        out.append(plan)
    out.append(stock.FIVE_CLEAR)
    return SectionDraft("trien_khai", heading, "\n".join(out))


def _service_index(data: ReportData, fig: DossierFigures) -> str:
    name = _name(data)
    score = data.value("service_index")
    text = (
        f"{name[:1].upper()}{name[1:]}, kết quả Bộ chỉ số phục vụ người dân và doanh nghiệp "
        "trong thực hiện TTHC, cung cấp dịch vụ công trên Cổng Dịch vụ công quốc gia của "
        f"{data.unit} đạt {format_number(score) if score is not None else B} điểm"
    )
    rank = data.value("service_rank")
    if rank:
        text += f", đứng thứ {rank} {data.appraiser.peers} trong {data.appraiser.level}"
    return text + ", cụ thể:"


def _received(data: ReportData, fig: DossierFigures) -> str:
    t = fig.total
    p = data.period
    assert p is not None
    name = _name(data)
    if not name.startswith("từ ngày"):  # a custom range is named by its dates already
        name += f" từ ngày {format_doc_date(p.start)} đến ngày {format_doc_date(p.end)}"
    out = (
        f"- Kết quả tiếp nhận và giải quyết TTHC {name}: Ủy ban nhân dân {data.unit} đã tiếp "
        "nhận tổng số "
        f"{format_dossiers(t['received.total'])}, trong đó tiếp nhận trực tiếp "
        f"{format_dossiers(t['received.direct'])}, tiếp nhận trực tuyến "
        f"{format_dossiers(t['received.online'])}"
    )
    if t["received.postal"]:
        out += f", qua dịch vụ bưu chính công ích {format_dossiers(t['received.postal'])}"
    if t["received.unknown_channel"]:
        out += f", không rõ hình thức nộp {format_dossiers(t['received.unknown_channel'])}"
    out += f", {format_dossiers(t['received.carried_over'])} tồn kỳ trước chuyển sang; "
    out += f"đã giải quyết {format_dossiers(t['resolved.total'])}, trong đó "
    out += f"trước hạn và đúng hạn {format_dossiers(t['resolved.on_time'])}"
    late = t["resolved.late"]
    if late:
        out += f", trễ hạn {format_dossiers(late)}, tỷ lệ {format_percent(fig.total.late_percent)}"
    else:
        out += ", không có hồ sơ trễ hạn"
    out += f"; đang giải quyết {format_dossiers(t['in_progress.total'])}"
    if t["in_progress.overdue"]:
        out += f" (quá hạn {format_dossiers(t['in_progress.overdue'])})"
    if t["withdrawn"]:
        out += f"; rút, hủy {format_dossiers(t['withdrawn'])}"
    out += "."
    if t["digital.e_certified"]:
        out += f" Thực hiện chứng thực bản sao điện tử {format_dossiers(t['digital.e_certified'])}."
    return out


# known-flag, done, whole, sentence; the field and the sentence with the officer's rate
# when the exports did not tell (left out while that field is blank)
_DIGITISED = (
    (
        "digital.digitised_received_known",
        "digital.digitised_received",
        "received.total",
        "+ Số hóa hồ sơ TTHC khi tiếp nhận: số hồ sơ chưa số hóa thành phần khi tiếp nhận: "
        "{left}, số hồ sơ số hóa đầy đủ thành phần hồ sơ: {done} đạt {rate};",
        "digitised_received_rate",
        "+ Số hóa hồ sơ TTHC khi tiếp nhận: tỷ lệ hồ sơ số hóa đầy đủ thành phần hồ sơ đạt {rate};",
    ),
    (
        "digital.results_digitised_known",
        "digital.results_digitised",
        "resolved.total",
        "+ Số hóa kết quả giải quyết TTHC: số hồ sơ chưa số hóa kết quả: {left}, số hồ sơ có "
        "số hóa kết quả: {done} đạt {rate}.",
        "results_digitised_rate",
        "+ Số hóa kết quả giải quyết TTHC: tỷ lệ hồ sơ có số hóa kết quả đạt {rate}.",
    ),
)


def _digitised(data: ReportData, fig: DossierFigures) -> list[str]:
    t = fig.total
    out = []
    for known, part, whole_key, sentence, key, typed in _DIGITISED:
        if not t[known]:
            rate = data.value(key)
            if rate is not None:
                out.append(typed.format(rate=format_percent(rate)))
            continue
        done, whole = t[part], t[whole_key]
        out.append(
            sentence.format(
                left=format_dossiers(whole - done),
                done=format_dossiers(done),
                rate=format_percent(percent(done, whole)),
            )
        )
    return ["- Kết quả số hóa hồ sơ:", *out] if out else []


def _ho_so(data: ReportData) -> SectionDraft:
    fig = data.figures
    if data.period is None or fig is None or not data.has_dossiers:
        return SectionDraft("ho_so", "", "")  # a problem: the report cannot be issued
    t = fig.total
    out = [_service_index(data, fig), _received(data, fig), *_digitised(data, fig)]
    if t["digital.fully_online"] or t["digital.partly_online"]:
        out.append(
            "- Kết quả tiếp nhận và giải quyết hồ sơ trực tuyến: hồ sơ trực tuyến toàn trình "
            f"(mức độ 4): {format_dossiers(t['digital.fully_online'])}, hồ sơ trực tuyến một "
            f"phần (mức độ 3): {format_dossiers(t['digital.partly_online'])}."
        )
    rate = data.value("online_payment_rate")
    out.append(
        "- Kết quả thanh toán phí, lệ phí trên Cổng Dịch vụ công quốc gia: "
        f"đạt {format_percent(rate) if rate is not None else B}."
    )
    return SectionDraft("ho_so", "", "\n".join(out))


def _ho_so_han_che(data: ReportData) -> SectionDraft:
    heading = "2. Tồn tại, hạn chế"
    fig = data.figures
    if fig is None or not data.has_dossiers:
        return SectionDraft("ho_so_han_che", heading, "")
    t = fig.total
    out = []
    late = [(f.field, f["resolved.late"]) for f in fig.by_field if f["resolved.late"]]
    if late:
        fields = "; ".join(
            f"lĩnh vực {name}" + (f": {format_dossiers(n)}" if len(late) > 1 else "")
            for name, n in late
        )
        out.append(
            f"- Có {format_dossiers(t['resolved.late'])} giải quyết quá hạn trên hệ thống ({fields})."
        )
    if t["in_progress.overdue"]:
        out.append(f"- Còn {format_dossiers(t['in_progress.overdue'])} đang giải quyết đã quá hạn.")
    if t["digital.digitised_received_known"]:
        left = t["received.total"] - t["digital.digitised_received"]
        if left:
            out.append(
                f"- Còn {format_dossiers(left)} chưa được số hóa đầy đủ thành phần khi tiếp nhận."
            )
    if t["digital.results_digitised_known"]:
        left = t["resolved.total"] - t["digital.results_digitised"]
        if left:
            out.append(
                f"- Việc số hóa kết quả giải quyết TTHC chưa đảm bảo (còn {format_dossiers(left)})."
            )
    if not out:
        out.append(
            "- Không có hồ sơ giải quyết quá hạn; hồ sơ, kết quả giải quyết được số hóa đầy đủ."
        )
    return SectionDraft("ho_so_han_che", heading, "\n".join(out))
