"""The report register's records as screens and the CLI see them (plain data), and the
rules they follow: statuses and the moves between them, ND 30/2020 margin ranges."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from base.errors import NotFoundError
from desktop.core.dossiers.periods import Period
from desktop.core.office.vnformat import format_date
from desktop.core.report.draft import HeaderDraft
from desktop.core.report.sections import SECTIONS

STATUSES = ("draft", "exported", "printed", "signed", "handed_off", "uploaded")
STATUS_LABELS = {
    "draft": "Bản nháp",
    "exported": "Đã xuất tệp",
    "printed": "Đã in",
    "signed": "Đã ký (có bản quét)",
    "handed_off": "Đã chuyển đi",
    "uploaded": "Đã tải lên",
}
# status -> the statuses it may be reached from
ALLOWED_FROM = {
    "exported": {"draft", "exported"},
    "printed": {"draft", "exported", "printed"},
    "signed": {"exported", "printed", "signed"},
    "handed_off": {"signed", "handed_off"},
    "uploaded": {"signed", "handed_off", "uploaded"},
}
EDITABLE_STATUSES = {"draft", "exported", "printed"}
KIND_LABELS = {"index": "Kết quả Chỉ số CCHC"}
SCAN_SUFFIXES = {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"}
# ND 30/2020 Phụ lục I: margin ranges in mm
MARGIN_RANGES = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
MARGIN_NAMES = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
HEADER_FIELDS = (
    "body_name",
    "place",
    "title",
    "summary",
    "recipients",
    "sign_authority",
    "sign_title",
    "signer",
)


@dataclass(frozen=True)
class Margins:
    top: int = 20
    bottom: int = 20
    left: int = 30
    right: int = 15


@dataclass(frozen=True)
class SectionInfo:
    key: str
    heading: str
    text: str
    draft_heading: str
    draft_text: str

    @property
    def name(self) -> str:
        return SECTIONS.get(self.key, self.key)

    @property
    def edited(self) -> bool:
        return self.text != self.draft_text or self.heading != self.draft_heading


@dataclass(frozen=True)
class EventInfo:
    status: str
    at: datetime
    note: str

    @property
    def label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class ReportInfo:
    id: int
    kind: str
    index_year: int
    number: str
    symbol: str
    report_date: date | None
    period_from: date | None
    period_to: date | None
    period_label: str
    status: str
    header: HeaderDraft
    margins: Margins
    signed_sha256: str | None = None
    signed_name: str = ""
    uploaded_on: date | None = None
    upload_note: str = ""
    last_docx: str = ""
    last_pdf: str = ""
    updated_at: datetime | None = None
    sections: list[SectionInfo] = field(default_factory=list)
    events: list[EventInfo] = field(default_factory=list)

    @property
    def number_text(self) -> str:
        """``123/BC-UBND``, ``07/BC-UBND`` (ND 30/2020 numbers from 01 each year; blank
        spaces before the slash while there is no number)."""
        number = self.number
        if number.isdigit() and int(number) < 10:
            number = f"{int(number):02d}"
        return f"{number or '      '}/{self.symbol}"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def period(self) -> Period | None:
        if self.period_from is None or self.period_to is None:
            return None
        return Period(self.period_from, self.period_to, self.period_label)

    @property
    def period_text(self) -> str:
        if self.period_from is None or self.period_to is None:
            return ""
        return f"{format_date(self.period_from)} – {format_date(self.period_to)}"

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def section(self, key: str) -> SectionInfo:
        for s in self.sections:
            if s.key == key:
                return s
        raise NotFoundError(f"Báo cáo không có mục “{SECTIONS.get(key, key)}”.")

    @property
    def file_stem(self) -> str:
        """A Windows-safe file name: ``BC-123-UBND-2023-chi-so-CCHC-2022``."""
        num = self.number or "chua-so"
        year = self.report_date.year if self.report_date else self.index_year + 1
        sym = self.symbol.replace("/", "-")
        return f"{sym.split('-')[0]}-{num}-{'-'.join(sym.split('-')[1:])}-{year}-chi-so-CCHC-{self.index_year}"


@dataclass(frozen=True)
class DraftOutcome:
    report: ReportInfo
    problems: list[str]
    warnings: list[str]
    reused: bool = False
