"""WordprocessingML written as text, for the .docx exports that have many paragraphs or
cells: building them one python-docx property at a time costs most of an export's time,
while parsing the same elements from text once costs little. The elements are the ones
python-docx writes, in the schema's order."""

from __future__ import annotations

import re
import unicodedata

from docx.oxml import parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FONT = "Times New Roman"
FONTS = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}"/>'
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BREAKS = re.compile("([\t\r\n])")


def parse_wml(tag: str, inner: str):
    """One element ``tag`` holding ``inner`` (WordprocessingML without declarations)."""
    return parse_xml(f'<{tag} xmlns:w="{W_NS}">{inner}</{tag}>')


def run_text(text: str) -> str:
    """A run's content as python-docx writes it: a tab as ``w:tab``, a line end as
    ``w:br``, the rest in ``w:t`` (spaces kept at either end); text written as NFC."""
    text = unicodedata.normalize("NFC", text)
    if _CONTROL.search(text):  # what lxml says of such a string
        raise ValueError(
            "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control "
            "characters"
        )
    if "\t" not in text and "\r" not in text and "\n" not in text:
        return _t(text)
    out = []
    for piece in _BREAKS.split(text):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            out.append("<w:br/>")
        else:
            out.append(_t(piece))
    return "".join(out)


def _t(text: str) -> str:
    if not text:
        return ""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if len(text.strip()) < len(text):
        return f'<w:t xml:space="preserve">{escaped}</w:t>'
    return f"<w:t>{escaped}</w:t>"


def run_props(size: float, *, bold: bool = False, italic: bool = False) -> str:
    """Times New Roman (also for East Asian text) at ``size`` points."""
    return (
        f"<w:rPr>{FONTS}{'<w:b/>' if bold else ''}{'<w:i/>' if italic else ''}"
        f'<w:sz w:val="{round(size * 2)}"/></w:rPr>'
    )
