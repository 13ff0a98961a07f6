"""Benchmark: reading evidence documents (the fields and the signature) from 300 PDFs.

Builds ``--docs`` typical PDFs of 2–10 pages in a temporary folder from the committed
LibreOffice fixtures (``tests/core/evidence/data``): each one a fixture's first page (the
header, the kind, the trích yếu), body pages, and a signature page; one in six signed.
Then measures, on the same files:

- ``read_document`` (what ``cchc evidence suggest`` and the dialogs do per file): target
  300 PDFs under 15 s; baseline: merely opening each PDF and counting its pages with the
  same library (pypdfium2);
- for the README's choice of library, the same first/last-page text read with pypdf
  (``extract_text`` with a visitor that keeps positions) and its own open-only baseline,
  and whether each library's text keeps the Vietnamese letters (NFC) of the header.

Run: ``python bench/bench_evidence_reading.py [--docs 300]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402

from desktop.core.evidence.reading.pdf import open_only  # noqa: E402
from desktop.core.evidence.reading.read import read_document  # noqa: E402

DATA = ROOT / "tests" / "core" / "evidence" / "data"
BASES = (
    "ke-hoach-cchc-2023.pdf",
    "bao-cao-ket-qua-chi-so-2022.pdf",
    "quyet-dinh-huyen-cong-bo-chi-so.pdf",
    "cong-van-ky-cuong-hanh-chinh.pdf",
    "thong-bao-ket-luan-kiem-tra.pdf",
    "ke-hoach-cchc-2023-ky-so.pdf",
)
HEADER_WORDS = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số:", "tháng")


def build(folder: Path, count: int) -> list[Path]:
    """``count`` PDFs of 2..10 pages; the signed fixture is copied as it is (its signature
    must stay intact), the others are assembled page by page."""
    plan = pdfium.PdfDocument(str(DATA / "ke-hoach-cchc-2023.pdf"))  # 3 pages of body
    out = []
    for i in range(count):
        base = BASES[i % len(BASES)]
        path = folder / f"{i:04d}-{base}"
        if base.endswith("ky-so.pdf"):
            path.write_bytes((DATA / base).read_bytes())
            out.append(path)
            continue
        src = pdfium.PdfDocument(str(DATA / base))
        doc = pdfium.PdfDocument.new()
        doc.import_pages(src, [0])
        pages = 2 + i % 9
        while len(doc) < pages - 1:
            doc.import_pages(plan, [1])
        doc.import_pages(src, [len(src) - 1])
        doc.save(str(path))
        doc.close()
        src.close()
        out.append(path)
    plan.close()
    return out


def timed(fn, files: list[Path]) -> tuple[float, list]:
    start = time.perf_counter()
    results = [fn(p) for p in files]
    return time.perf_counter() - start, results


def pypdf_open(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def pypdf_read(path: Path) -> str:
    """First and last page text with positions (what the reader needs), with pypdf."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    parts: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            parts.append((tm[5] + cm[5], tm[4] + cm[4], text))

    pages = [reader.pages[0]] + ([reader.pages[-1]] if len(reader.pages) > 1 else [])
    for page in pages:
        page.extract_text(visitor_text=visit)
    return "\n".join(t for _y, _x, t in parts)


def pdfium_text(path: Path) -> str:
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[0]
        tp = page.get_textpage()
        return tp.get_text_range()
    finally:
        pdf.close()


def vietnamese_ok(text: str) -> bool:
    text = unicodedata.normalize("NFC", text)
    return all(w in text for w in HEADER_WORDS)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=300)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as name:
        files = build(Path(name), args.docs)
        pages = [open_only(p) for p in files]
        n = len(files)
        print(f"{n} PDFs, {min(pages)}–{max(pages)} pages (median {statistics.median(pages)})")

        base, _ = timed(open_only, files)
        read, results = timed(read_document, files)
        ok = sum(1 for r in results if r.fields.number and r.fields.issue_date and r.fields.signer)
        signed = sum(1 for r in results if r.signature.present)
        print(
            f"pypdfium2  open only: {base:6.2f} s ({base / n * 1000:5.1f} ms/doc)   "
            f"read_document: {read:6.2f} s ({read / n * 1000:5.1f} ms/doc)   "
            f"ratio {read / base:4.1f}×   target < 15 s: {'OK' if read < 15 else 'MISSED'}"
        )
        print(f"  number, date and signer read in {ok}/{n}; signed {signed}/{n}")

        try:
            import pypdf  # noqa: F401
        except ImportError:
            print("pypdf is not installed: pip install pypdf to compare")
            return
        sample = files[: min(n, 60)]
        p_base, _ = timed(pypdf_open, sample)
        p_read, texts = timed(pypdf_read, sample)
        f_read, _ = timed(read_document, sample)
        m = len(sample)
        print(
            f"pypdf      open only: {p_base / m * 1000:5.1f} ms/doc   first+last page text "
            f"with positions: {p_read / m * 1000:5.1f} ms/doc   (pypdfium2 read_document on the "
            f"same {m}: {f_read / m * 1000:5.1f} ms/doc)"
        )
        print(
            "Vietnamese header text kept: "
            f"pypdfium2 {sum(vietnamese_ok(pdfium_text(p)) for p in sample)}/{m}, "
            f"pypdf {sum(vietnamese_ok(t) for t in texts)}/{m}"
        )


if __name__ == "__main__":
    main()
