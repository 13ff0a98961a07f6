"""The lines of a document in the places Nghị định 30 prescribes.

A reader (``pdf``, ``docx``) hands over a ``DocumentText``: the header's left column (the
organ, "Số: …", "V/v …" for a công văn), its right column (the national motto, "place,
ngày … tháng … năm …"), the body of the first page (the kind in capitals and the trích yếu
under it), and the closing block (the signing title and the signer's name). A reader that
cannot tell the columns apart (OCR text, a document without a header table) leaves the
header empty and puts every line in the body; ``fields`` then reads the same fields from
the plain lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.office.text import nfc


@dataclass
class Line:
    text: str
    centered: bool = False  # a centred line (the kind, the trích yếu)
    gap_before: bool = False  # an empty line or a wider space above it


@dataclass
class DocumentText:
    header_left: list[str] = field(default_factory=list)
    header_right: list[str] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    pages: int = 0
    text_layer: bool = True
    content: str = ""  # the whole text read, folded later for duplicate detection

    @property
    def has_header(self) -> bool:
        return bool(self.header_left or self.header_right)


def clean_line(text: str) -> str:
    """NFC, no control characters, single spaces."""
    text = nfc(text).replace("\u00a0", " ").replace("\ufffe", "").replace("\x00", "")
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())


def is_rule(text: str) -> bool:
    """The short line under the organ or the motto (``_______``, ``-----``)."""
    stripped = text.replace(" ", "")
    return bool(stripped) and all(ch in "-_=–—.*~" for ch in stripped)


def plain_text(text: str) -> DocumentText:
    """Lines of plain text (OCR output, a pasted text): no columns known; blank lines are
    gaps; the last lines are where the signature block is looked for."""
    out = DocumentText(pages=1)
    gap = False
    for raw in text.splitlines():
        line = clean_line(raw.replace("*", " ").replace("#", " "))
        if not line:
            gap = True
            continue
        out.body.append(Line(line, gap_before=gap))
        gap = False
    out.closing = [ln.text for ln in out.body[-15:]]
    out.content = "\n".join(ln.text for ln in out.body)
    out.text_layer = bool(out.body)
    return out
