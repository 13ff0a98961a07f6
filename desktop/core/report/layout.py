"""The report as laid out on paper, shared by the DOCX writer and the app's own PDF/printing
(Qt), so both show the same text with the same fonts, sizes and spacing.

ND 30/2020/ND-CP Phụ lục I: A4, Times New Roman; issuing body 13 pt caps bold with a short
rule; Quốc hiệu 13 pt caps bold; tiêu ngữ 14 pt bold with a rule as long as it; ``Số:``
13 pt; place and date 14 pt italic; kind 14 pt caps bold and trích yếu 14 pt bold with a
short rule; body 14 pt justified, first line indented 1,27 cm, 6 pt between paragraphs;
``Nơi nhận:`` 12 pt bold italic with an 11 pt list; signature block caps bold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.core.office.vnformat import format_place_date
from desktop.core.report.sections import heading_style, lines

if TYPE_CHECKING:
    from desktop.core.report.records import Margins, ReportInfo

FONT = "Times New Roman"
NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# Header table columns and rules (mm). The motto's rule is as long as the motto at 14 pt
# bold (62,7 mm measured); the short rules are about a third of the line above them.
LEFT_COL_MM = 60.0
RIGHT_COL_MM = 105.0
BODY_RULE_MM = 20.0
MOTTO_RULE_MM = 62.7
SUMMARY_RULE_MM = 40.0
RULE_PT = 0.75
RULE_GAP_PT = 6.0  # below the header's rules, above ``Số:`` and the date
SIGN_GAP_PT = 6.0  # above ``Nơi nhận:`` and the signature block
FIRST_LINE_INDENT_MM = 12.7
HEADER_DISTANCE_MM = 10.0
PAGE_NUMBER_PT = 13.0
SIGN_LEFT_MM = 80.0
SIGN_RIGHT_MM = 85.0
SIGN_SPACE_LINES = 5  # room for the signature and the seal
SINGLE_LINE_EM = 1.15  # Word's "single" line of Times New Roman (ascent + descent + gap)


@dataclass(frozen=True)
class TextStyle:
    size: float
    bold: bool = False
    italic: bool = False
    align: str = "justify"  # justify | center | left
    indent: bool = True  # first-line indent
    space_before: float = 0.0  # pt
    space_after: float = 6.0  # pt
    keep_with_next: bool = False


STYLES: dict[str, TextStyle] = {
    # header table
    "body_name": TextStyle(13, bold=True, align="center", indent=False, space_after=0),
    "number": TextStyle(13, align="center", indent=False, space_after=0),
    "national": TextStyle(13, bold=True, align="center", indent=False, space_after=0),
    "motto": TextStyle(14, bold=True, align="center", indent=False, space_after=0),
    "place_date": TextStyle(14, italic=True, align="center", indent=False, space_after=0),
    # title
    "title": TextStyle(14, bold=True, align="center", indent=False, space_before=18, space_after=0),
    "summary": TextStyle(14, bold=True, align="center", indent=False, space_after=0),
    "addressee": TextStyle(14, align="center", indent=False, space_after=12),
    # body
    "h1": TextStyle(14, bold=True, keep_with_next=True),
    "h2": TextStyle(14, bold=True, keep_with_next=True),
    "h3": TextStyle(14, bold=True, italic=True, keep_with_next=True),
    "h4": TextStyle(14, italic=True, keep_with_next=True),
    "body": TextStyle(14),
    # Nơi nhận and signature
    "recipients_label": TextStyle(
        12, bold=True, italic=True, align="left", indent=False, space_after=0
    ),
    "recipients": TextStyle(11, align="left", indent=False, space_after=0),
    "sign_authority": TextStyle(13, bold=True, align="center", indent=False, space_after=0),
    "sign_title": TextStyle(13, bold=True, align="center", indent=False, space_after=0),
    "signer": TextStyle(14, bold=True, align="center", indent=False, space_after=0),
    "page_number": TextStyle(PAGE_NUMBER_PT, align="center", indent=False, space_after=0),
}


@dataclass(frozen=True)
class Block:
    style: str  # a key of STYLES
    text: str


def _default_margins() -> Margins:
    """ND 30's margins. The register's records (and the drafting behind them) are not
    needed to write a laid-out document, so they are imported only for this default."""
    from desktop.core.report import records

    return records.Margins()


@dataclass(frozen=True)
class ReportDocument:
    body_name: list[str]
    number_line: str
    place_date: str
    title: str
    summary: list[str]
    blocks: list[Block]
    recipients: list[str]
    sign_authority: str
    sign_title: str
    signer: str
    margins: Margins = field(default_factory=_default_margins)
    file_stem: str = "bao-cao"
    problems: list[str] = field(default_factory=list)
    author: str = ""  # the unit, for the file's properties: "Ủy ban nhân dân xã Đồng Tâm"
    addressee: str = ""  # "Kính gửi: …" under the trích yếu (a report sent to one body)

    @property
    def addressee_line(self) -> str:
        return f"Kính gửi: {self.addressee}."

    def text_lines(self) -> list[str]:
        """Every line of text, in reading order (tests compare the DOCX and the PDF)."""
        return [
            *self.body_name,
            NATIONAL,
            MOTTO,
            self.number_line,
            self.place_date,
            self.title,
            *self.summary,
            *([self.addressee_line] if self.addressee else []),
            *(b.text for b in self.blocks),
            "Nơi nhận:",
            *self.recipients,
            self.sign_authority,
            self.sign_title,
            self.signer,
        ]


def build_document(info: ReportInfo) -> ReportDocument:
    h = info.header
    blocks: list[Block] = []
    for sec in info.sections:
        blocks += [Block(heading_style(ln), ln) for ln in lines(sec.heading)]
        blocks += [Block("body", ln) for ln in lines(sec.text)]
    return ReportDocument(
        body_name=lines(h.body_name.upper()),
        number_line=f"Số: {info.number_text}",
        place_date=format_place_date(h.place, info.report_date),
        title=h.title.upper(),
        summary=lines(h.summary),
        blocks=blocks,
        recipients=lines(h.recipients),
        sign_authority=h.sign_authority.upper(),
        sign_title=h.sign_title.upper(),
        signer=h.signer,
        margins=info.margins,
        file_stem=info.file_stem,
        author=unit_name(h.body_name, h.place),
    )


def unit_name(body_name: str, place: str) -> str:
    """``ỦY BAN NHÂN DÂN / XÃ ĐỒNG TÂM`` and ``Đồng Tâm`` → ``Ủy ban nhân dân xã Đồng
    Tâm`` (the issuing body as a sentence writes it)."""
    parts = lines(body_name)
    if not parts:
        return place
    words = " ".join(parts)
    if place and words.upper().endswith(place.upper()):
        words = words[: len(words) - len(place)].lower().strip() + " " + place
    else:
        words = words.lower() if words.isupper() else words
    return words[:1].upper() + words[1:]


def placeholders(info: ReportInfo) -> list[str]:
    """Names of the sections that still hold a blank ``…`` (a blank field, or one the
    officer typed), and "Người ký" while the signer is empty."""
    out = []
    for sec in info.sections:
        if "…" in sec.text or "…" in sec.heading:
            out.append(sec.name)
    if not info.header.signer.strip():
        out.append("Người ký")
    return out
