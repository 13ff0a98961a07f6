"""Regenerates ``phu-luc-chi-so-cchc.pdf``: the whole decision of ``tests/catalog_annexes.py``
(``whole_decision_docx``) exported to PDF by LibreOffice, as provinces publish it; and
``phu-luc-co-mat-khau.pdf``: a one-line annex exported with the open password ``123456``.

Run from the repository root when the annex in ``catalog_annexes.py`` changes:

    python tests/core/data/make_annex_pdf.py

Needs LibreOffice (``soffice``) on the PATH; CI does not: the PDF is committed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # tests/, for catalog_annexes

from catalog_annexes import whole_decision_docx  # noqa: E402

OUT = HERE / "phu-luc-chi-so-cchc.pdf"
LOCKED = HERE / "phu-luc-co-mat-khau.pdf"
PASSWORD_FILTER = (
    'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
    '"DocumentOpenPassword":{"type":"string","value":"123456"}}'
)


def _convert(soffice: str, tmp: str, docx: Path, target: str = "pdf") -> Path:
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
         "--convert-to", target, "--outdir", tmp, str(docx)],
        check=True,
        capture_output=True,
        timeout=300,
    )  # fmt: skip
    return Path(tmp) / docx.with_suffix(".pdf").name


def main() -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) không có trên máy này.")
    with tempfile.TemporaryDirectory() as tmp:
        docx = whole_decision_docx(Path(tmp) / OUT.with_suffix(".docx").name)
        shutil.copyfile(_convert(soffice, tmp, docx), OUT)
    with tempfile.TemporaryDirectory() as tmp:
        from docx import Document

        doc = Document()
        doc.add_paragraph("Phụ lục II: Bộ chỉ số cải cách hành chính (bản có mật khẩu)")
        locked = Path(tmp) / LOCKED.with_suffix(".docx").name
        doc.save(locked)
        shutil.copyfile(_convert(soffice, tmp, locked, PASSWORD_FILTER), LOCKED)
    print(f"{LOCKED} ({LOCKED.stat().st_size} bytes)")
    print(f"{OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
