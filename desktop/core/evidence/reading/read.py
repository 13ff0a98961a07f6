"""One file → what it says about itself (``Reading``); never raises on a file it cannot read.

A PDF with a text layer and a .docx are read; an image-only PDF, a photo or a scan says
"tệp ảnh, không đọc được chữ"; other files (.doc, .xlsx …) and damaged ones say why in
Vietnamese with the file's name. In every case the file-name hints (``filename_hints``)
fill the fields the document did not give, and ``from_document`` / ``from_filename`` say
where each field came from, so the screen can mark them for the officer to check.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from desktop.core.evidence.filename_hints import hints_from_filename
from desktop.core.evidence.reading.fields import Fields, read_fields
from desktop.core.evidence.reading.layout import DocumentText
from desktop.core.evidence.reading.signature import SignatureInfo, docx_signatures
from desktop.core.office.text import fold

IMAGE_NOTE = "tệp ảnh, không đọc được chữ"
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".gif", ".webp", ".heic"}
FIELD_NAMES = tuple(f.name for f in fields(Fields))
FIELD_LABELS = {
    "number": "số",
    "issue_date": "ngày",
    "kind": "loại",
    "summary": "trích yếu",
    "issuer": "cơ quan ban hành",
    "signer": "người ký",
}


@dataclass(frozen=True)
class Reading:
    path: Path
    fields: Fields = field(default_factory=Fields)
    from_document: frozenset[str] = frozenset()
    from_filename: frozenset[str] = frozenset()
    text_layer: bool = False
    signature: SignatureInfo = field(default_factory=SignatureInfo)
    note: str = ""  # why nothing (or little) was read, for the officer
    pages: int = 0
    content_key: str = ""  # the folded text's hash: the same document, re-exported

    @property
    def name(self) -> str:
        return self.path.name

    def read_labels(self) -> list[str]:
        """``["số", "ngày", …]``: the fields read from the document itself."""
        return [FIELD_LABELS[n] for n in FIELD_NAMES if n in self.from_document]


def _read_text(path: Path, suffix: str) -> tuple[DocumentText | None, SignatureInfo, str]:
    if suffix == ".pdf":
        from desktop.core.evidence.reading.pdf import read_pdf

        text, signature = read_pdf(path)
        return text, signature, "" if text.text_layer else IMAGE_NOTE
    if suffix in (".docx", ".docm"):
        from desktop.core.evidence.reading.docx import read_docx

        text = read_docx(path)
        return text, docx_signatures(path), "" if text.text_layer else "tệp Word không có chữ"
    if suffix in IMAGE_SUFFIXES:
        return None, SignatureInfo(), IMAGE_NOTE
    return None, SignatureInfo(), f"chưa đọc được nội dung tệp {suffix or 'không có phần mở rộng'}"


def _reason(path: Path, exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return f"không tìm thấy tệp {path.name}"
    if isinstance(exc, PermissionError):
        return f"không mở được tệp {path.name} (đang bị khóa hoặc không có quyền đọc)"
    text = str(exc).lower()
    if "password" in text or "encrypt" in text:
        return f"tệp {path.name} có mật khẩu, không đọc được nội dung"
    return f"không đọc được nội dung tệp {path.name} (tệp hỏng hoặc không đúng định dạng)"


def read_document(path: Path, name: str = "") -> Reading:
    """``name``: the file's own name when ``path`` has none (a blob in the store)."""
    path = Path(path)
    suffix = Path(name or path.name).suffix.lower()
    try:
        text, signature, note = _read_text(path, suffix)
    except Exception as exc:  # any library's refusal becomes a note; the file-name hints stay
        text, signature, note = None, SignatureInfo(), _reason(path, exc)
    found = read_fields(text) if text is not None and text.text_layer else Fields()
    from_document = frozenset(n for n in FIELD_NAMES if getattr(found, n))
    hints = hints_from_filename(name or path.name)
    fill: dict = {}
    for name, value in (
        ("number", hints.number),
        ("issue_date", hints.issue_date),
        ("kind", hints.kind),
    ):
        if value and not getattr(found, name):
            fill[name] = value
    content_key = ""
    if text is not None and text.content.strip():
        content_key = hashlib.sha256(fold(text.content).encode()).hexdigest()
    return Reading(
        path=path,
        fields=replace(found, **fill),
        from_document=from_document,
        from_filename=frozenset(fill),
        text_layer=bool(text is not None and text.text_layer),
        signature=signature,
        note=note,
        pages=text.pages if text is not None else 0,
        content_key=content_key,
    )
