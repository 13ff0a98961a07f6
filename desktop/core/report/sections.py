"""The sections of the index report (seed 002), in document order.

A section has heading lines (``I. KẾT QUẢ …``, ``2.1. Ưu điểm``; styled by their
numbering) and body paragraphs (one per line). Both are drafted from the data and then
belong to the officer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# key -> the name the editor shows
SECTIONS: dict[str, str] = {
    "can_cu": "Căn cứ",
    "mo_dau": "Mở đầu",
    "ket_qua": "I.1. Kết quả Chỉ số CCHC",
    "uu_diem": "I.2.1. Ưu điểm",
    "han_che": "I.2.2. Tồn tại, hạn chế",
    "nguyen_nhan_kq": "I.2.3. Nguyên nhân khách quan",
    "nguyen_nhan_cq": "I.2.3. Nguyên nhân chủ quan",
    "trien_khai": "II.1. Triển khai công tác CCHC",
    "ho_so": "II.1. Kết quả giải quyết hồ sơ TTHC",
    "ho_so_han_che": "II.2. Tồn tại, hạn chế của kỳ",
    "nhiem_vu": "III. Nhiệm vụ, giải pháp",
    "ket_luan": "Kết luận",
}
SECTION_KEYS = tuple(SECTIONS)


@dataclass(frozen=True)
class SectionDraft:
    key: str
    heading: str
    text: str

    @property
    def name(self) -> str:
        return SECTIONS.get(self.key, self.key)


_ROMAN = re.compile(r"^[IVXLC]+\.\s")
_NUMBER = re.compile(r"^\d+\.\s")
_SUBNUMBER = re.compile(r"^\d+\.\d+\.?\s")


def heading_style(line: str) -> str:
    """``I. …`` → h1, ``1. …`` → h2, ``2.1. …`` → h3, ``* …`` (or anything else) → h4."""
    if _ROMAN.match(line):
        return "h1"
    if _SUBNUMBER.match(line):
        return "h3"
    if _NUMBER.match(line):
        return "h2"
    return "h4"


def lines(text: str) -> list[str]:
    """The paragraphs of a body: one per non-blank line, trimmed."""
    return [ln.strip() for ln in text.splitlines() if ln.strip()]
