"""The blanks of the index report as named fields: each reference or figure the draft needs
has a key, a Vietnamese label, a kind, a value, where the value came from and whether the
report may be issued without it.

One source of truth each: the catalog's decision lives in the catalog, the results'
decision and total in the results, the portal figures in the period's hand-entered
figures, the signer in the report's header; the commune's plans are found in the evidence
register (a Kế hoạch about CCHC of that year) unless the officer typed or picked one;
what has no other home (the guidance letter, the appraising body's plan, digitisation
rates an export did not carry) is kept with the report (``report_field``). Writing a
field back to its home is ``field_store``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from base.errors import ValidationError
from db.sqlconn import rows
from db.values import date_from_db
from desktop.core.office.text import fold, nfc
from desktop.core.office.vnformat import (
    format_date,
    format_doc_date,
    format_number,
    format_percent,
    parse_date,
    parse_points,
    parse_rank,
)

if TYPE_CHECKING:
    from db.sqlconn import Source
    from desktop.core.report.data import ReportData

KINDS = ("document", "number", "rank", "percent", "text", "person")
BLANK = "…"


@dataclass(frozen=True)
class DocRef:
    """A document reference: ``1332/KH-UBND`` of 31/12/2021."""

    number: str
    issued: date

    @property
    def text(self) -> str:
        return f"{self.number} {format_date(self.issued)}"


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    kind: str
    required: bool = True
    symbol: str = ""  # a bare number of a document gets this symbol: 1332 → 1332/KH-UBND


@dataclass(frozen=True)
class Candidate:
    """A document of the evidence register that may be the plan a field asks for."""

    document_id: int
    number: str
    issued: date | None
    summary: str

    @property
    def text(self) -> str:
        when = f" ngày {format_date(self.issued)}" if self.issued else ""
        return f"{self.number}{when}: {self.summary}"


@dataclass(frozen=True)
class FieldInfo:
    spec: FieldSpec
    value: object = None  # DocRef | Decimal | str (rank, text, person) | None
    source: str = ""  # where the value came from, in Vietnamese ("" when blank)
    options: tuple[Candidate, ...] = ()  # register documents to pick from
    document_id: int | None = None  # the register document the value is

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def label(self) -> str:
        return self.spec.label

    @property
    def blank(self) -> bool:
        return self.value is None or self.value == ""

    @property
    def text(self) -> str:
        """The value as the officer types it (``1332/KH-UBND 31/12/2021``, ``65,67``)."""
        return value_text(self.spec.kind, self.value)

    def to_json(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "kind": self.spec.kind,
            "value": None if self.blank else self.text,
            "required": self.spec.required,
            "source": self.source,
        }


def value_text(kind: str, value: object) -> str:
    if value is None or value == "":
        return ""
    if kind == "document":
        assert isinstance(value, DocRef)
        return value.text
    if kind == "number":
        return format_number(value)  # type: ignore[arg-type]
    if kind == "percent":
        return format_percent(value)  # type: ignore[arg-type]
    return str(value)


def doc_ref(data: ReportData, key: str, symbol: str) -> str:
    """``số 1332/KH-UBND ngày 31/12/2021``; ``số …/KH-UBND ngày …`` while the field is blank."""
    ref = data.value(key)
    if isinstance(ref, DocRef):
        return f"số {ref.number} ngày {format_doc_date(ref.issued)}"
    return f"số {BLANK}/{symbol} ngày {BLANK}"


# --- the fields of a report ---------------------------------------------------------------


def specs(data: ReportData) -> list[FieldSpec]:
    """The fields of the index report of ``data`` (portal figures only with a period;
    digitisation rates only when the exports lacked them)."""
    y = data.index_year
    ap = data.appraiser
    year = data.period.end.year if data.period else y + 1
    out = [
        FieldSpec("appraiser", f"Cơ quan thẩm định Chỉ số CCHC năm {y}", "text"),
        FieldSpec(
            "catalog_decision",
            f"Quyết định ban hành Bộ Chỉ số CCHC năm {y}",
            "document",
            symbol="QĐ-UBND",
        ),  # fmt: skip
        FieldSpec(
            "guidance_letter",
            f"Công văn hướng dẫn chấm điểm Chỉ số CCHC năm {y}",
            "document",
            symbol="UBND-NV",
        ),  # fmt: skip
        FieldSpec(
            "results_decision",
            f"Quyết định công bố Chỉ số CCHC năm {y}",
            "document",
            symbol="QĐ-UBND",
        ),  # fmt: skip
        FieldSpec("total_score", f"Tổng điểm Chỉ số CCHC năm {y}", "number"),
        FieldSpec(
            "commune_plan",
            f"Kế hoạch CCHC năm {y} của UBND {data.unit}",
            "document",
            symbol="KH-UBND",
        ),  # fmt: skip
        FieldSpec(
            "upper_plan",
            f"Kế hoạch CCHC năm {year} của {ap.name}",
            "document",
            symbol="KH-UBND",
        ),  # fmt: skip
        FieldSpec(
            "next_plan",
            f"Kế hoạch CCHC năm {year} của UBND {data.unit}",
            "document",
            symbol="KH-UBND",
        ),  # fmt: skip
    ]
    if data.period is not None and data.has_dossiers:
        out += [
            FieldSpec("service_index", "Chỉ số phục vụ người dân và doanh nghiệp (điểm)", "number"),
            FieldSpec(
                "service_rank",
                "Xếp hạng Chỉ số phục vụ người dân và doanh nghiệp",
                "rank",
                required=False,
            ),  # fmt: skip
            FieldSpec("online_payment_rate", "Tỷ lệ thanh toán trực tuyến phí, lệ phí", "percent"),
        ]
        t = data.figures.total if data.figures else None
        if t is not None and not t["digital.digitised_received_known"]:
            out.append(
                FieldSpec(
                    "digitised_received_rate",
                    "Tỷ lệ hồ sơ số hóa khi tiếp nhận",
                    "percent",
                    required=False,
                )  # fmt: skip
            )
        if t is not None and not t["digital.results_digitised_known"]:
            out.append(
                FieldSpec(
                    "results_digitised_rate",
                    "Tỷ lệ số hóa kết quả giải quyết TTHC",
                    "percent",
                    required=False,
                )  # fmt: skip
            )
    out.append(FieldSpec("signer", "Người ký (Chủ tịch UBND)", "person"))
    return out


FIELD_KEYS = (
    "appraiser",
    "catalog_decision",
    "guidance_letter",
    "results_decision",
    "total_score",
    "commune_plan",
    "upper_plan",
    "next_plan",
    "service_index",
    "service_rank",
    "online_payment_rate",
    "digitised_received_rate",
    "results_digitised_rate",
    "signer",
)


# --- parsing what the officer types -------------------------------------------------------

_DOC_RE = re.compile(r"^\s*(?:số\s+)?(\S+)\s+(?:ngày\s+)?(\S+)\s*$", re.IGNORECASE)


def parse_value(spec: FieldSpec, text: str) -> object:
    """The typed value of a field, or a ValidationError in Vietnamese."""
    raw = " ".join(nfc(text).split())
    what = f"Giá trị của “{spec.label}”"
    if not raw:
        raise ValidationError(f"{what} đang để trống.")
    if spec.kind == "document":
        m = _DOC_RE.match(raw)
        if not m:
            raise ValidationError(
                f"{what} “{raw}” phải có dạng SỐ dd/mm/yyyy, ví dụ "
                f"“1332/{spec.symbol or 'KH-UBND'} 31/12/2021”."
            )
        number, when = m.group(1).rstrip(","), m.group(2)
        issued = parse_date(when, what=f"Ngày ban hành của “{spec.label}”")
        if number.isdigit() and spec.symbol:
            number = f"{number}/{spec.symbol}"
        return DocRef(number, issued)
    if spec.kind in ("number", "percent"):
        value = parse_points(raw.rstrip("%").strip(), what=what, places=3)
        if spec.kind == "percent" and not Decimal(0) <= value <= Decimal(100):
            raise ValidationError(f"{what} “{raw}” phải nằm trong khoảng 0–100%.")
        if value < 0:
            raise ValidationError(f"{what} “{raw}” không được âm.")
        return value
    if spec.kind == "rank":
        return parse_rank(raw, what=what)
    return raw


# --- the register's plans -------------------------------------------------------------------

_YEAR_WORDS = re.compile(r"\bnam (\d{4})\b")


def plan_candidates(src: Source, year: int) -> list[Candidate]:
    """Kế hoạch documents about CCHC for ``year``: their trích yếu names the year, or they
    belong to the year's register and name no other year."""
    out = []
    for r in rows(
        src,
        "SELECT id, year, number, issue_date, kind, summary FROM evidence_document "
        "WHERE year IN (?, ?) ORDER BY issue_date, id",
        (year, year - 1),
    ):
        if fold(r["kind"]) != "ke hoach" and not fold(r["summary"]).startswith("ke hoach"):
            continue
        summary = fold(r["summary"])
        if "cai cach hanh chinh" not in summary and "cchc" not in summary.split():
            continue
        years = {int(y) for y in _YEAR_WORDS.findall(summary)}
        if year in years or (not years and r["year"] == year):
            out.append(Candidate(r["id"], r["number"], date_from_db(r["issue_date"]), r["summary"]))
    return out


def _candidate_ref(c: Candidate) -> DocRef | None:
    return DocRef(c.number, c.issued) if c.number and c.issued else None


# --- resolving -----------------------------------------------------------------------------


def stored_fields(src: Source, report_id: int | None) -> dict[str, tuple[str, int | None]]:
    """{key: (typed value, picked document id)} kept with the report."""
    if report_id is None:
        return {}
    return {
        r["key"]: (r["value"], r["document_id"])
        for r in rows(
            src,
            "SELECT key, value, document_id FROM report_field WHERE report_id = ?",
            (report_id,),
        )
    }


def _typed(spec: FieldSpec, text: str) -> object:
    try:
        return parse_value(spec, text)
    except ValidationError:
        return None


def resolve_fields(
    src: Source, data: ReportData, report_id: int | None, signer: str | None
) -> dict[str, FieldInfo]:
    """Every field of the report with its value and source."""
    stored = stored_fields(src, report_id)
    out: dict[str, FieldInfo] = {}
    manual = data.figures.manual if data.figures else None
    for spec in specs(data):
        k = spec.key
        typed, picked = stored.get(k, ("", None))
        info = FieldInfo(spec)
        if k == "appraiser":
            name = data.appraiser.name
            if name and BLANK not in name:
                where = "thiết lập năm" if data.appraiser_confirmed else "mặc định theo thời kỳ"
                info = FieldInfo(spec, name, where)
        elif k == "catalog_decision":
            cat = data.catalog
            if cat is not None and cat.decision_number and cat.decision_date:
                info = FieldInfo(
                    spec, DocRef(cat.decision_number, cat.decision_date), "bộ tiêu chí"
                )
        elif k == "results_decision":
            res = data.results
            if res is not None and res.decision_number and res.decision_date:
                info = FieldInfo(
                    spec, DocRef(res.decision_number, res.decision_date), "kết quả thẩm định"
                )
        elif k == "total_score":
            res = data.results
            if res is not None and res.total is not None:
                info = FieldInfo(spec, res.total, "kết quả thẩm định")
        elif k in ("commune_plan", "next_plan"):
            year = data.index_year if k == "commune_plan" else data.index_year + 1
            if data.period is not None and k == "next_plan":
                year = data.period.end.year
            options = tuple(plan_candidates(src, year))
            chosen = next((c for c in options if c.document_id == picked), None)
            if chosen is None and picked is not None:
                chosen = next(iter(plan_candidates_by_id(src, picked)), None)
            if typed:
                info = FieldInfo(spec, _typed(spec, typed), "nhập tay", options)
            elif chosen is not None and _candidate_ref(chosen):
                info = FieldInfo(
                    spec,
                    _candidate_ref(chosen),
                    f"sổ tài liệu kiểm chứng (đã chọn): {chosen.text}",
                    options,
                    chosen.document_id,
                )
            elif len(options) == 1 and _candidate_ref(options[0]):
                c = options[0]
                info = FieldInfo(
                    spec,
                    _candidate_ref(c),
                    f"sổ tài liệu kiểm chứng: {c.text}",
                    options,
                    c.document_id,
                )
            else:
                info = FieldInfo(spec, None, "", options)
        elif k == "service_index":
            if manual is not None and manual.service_index is not None:
                info = FieldInfo(spec, manual.service_index, "số liệu nhập tay của kỳ")
        elif k == "service_rank":
            if manual is not None and manual.rank_text:
                info = FieldInfo(spec, manual.rank_text, "số liệu nhập tay của kỳ")
        elif k == "online_payment_rate":
            rate, how = data.figures.online_payment_rate if data.figures else (None, "")
            if rate is not None:
                where = "số liệu nhập tay của kỳ" if how == "manual" else "danh sách hồ sơ"
                info = FieldInfo(spec, rate, where)
        elif k == "signer":
            name = signer if signer is not None else (data.profile.chairman if data.profile else "")
            if name:
                info = FieldInfo(
                    spec, name, "hồ sơ xã" if signer is None else "thông tin chung của báo cáo"
                )
        elif typed:
            info = FieldInfo(spec, _typed(spec, typed), "nhập tay")
        out[k] = info
    return out


def plan_candidates_by_id(src: Source, document_id: int) -> list[Candidate]:
    return [
        Candidate(r["id"], r["number"], date_from_db(r["issue_date"]), r["summary"])
        for r in rows(
            src,
            "SELECT id, number, issue_date, summary FROM evidence_document WHERE id = ?",
            (document_id,),
        )
    ]


def blanks(fields: dict[str, FieldInfo]) -> list[FieldInfo]:
    """The required fields still empty."""
    return [f for f in fields.values() if f.spec.required and f.blank]


def blank_message(missing: list[FieldInfo]) -> str:
    return "; ".join(f"{f.label} ({f.key})" for f in missing)
