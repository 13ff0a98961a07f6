"""Regenerate the committed evidence-reading fixtures (run from the repository root):

    python tests/core/evidence/data/make_fixtures.py

Needs LibreOffice (``soffice``) and pyHanko + cryptography (the test extra). Writes, next to
this script:

- ``<stem>.pdf`` for each document of ``tests/core/evidence/nd30_documents.DOCUMENTS`` and
  for ``TAB_DOCUMENT`` (a Tờ trình typed with tabs instead of the header table): the
  python-docx document exported by ``soffice --headless --convert-to pdf``;
- ``ke-hoach-cchc-2023-ky-so.pdf``: the Kế hoạch signed with a self-signed test certificate
  (CN "Nguyễn Văn An", O "UBND xã Đồng Tâm"), as the e-office system's signed copies are;
- ``bao-cao-ban-quet.pdf``: page 1 of the Báo cáo rendered to a grey image and wrapped in a
  PDF without any text (a scan);
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
sys.path.insert(0, str(ROOT))

from tests.core.evidence.nd30_documents import (  # noqa: E402
    BY_STEM,
    DOCUMENTS,
    TAB_DOCUMENT,
    build_docx,
    build_docx_tabs,
)

SIGNED = "ke-hoach-cchc-2023-ky-so.pdf"
SCANNED = "bao-cao-ban-quet.pdf"


def export_pdfs(tmp: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("soffice (LibreOffice) is needed to regenerate the PDFs")
    docs = [build_docx(d, tmp / f"{d.stem}.docx") for d in DOCUMENTS]
    docs.append(build_docx_tabs(TAB_DOCUMENT, tmp / f"{TAB_DOCUMENT.stem}.docx"))
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp), *map(str, docs)],
        check=True,
        capture_output=True,
    )
    for d in (*DOCUMENTS, TAB_DOCUMENT):
        shutil.copyfile(tmp / f"{d.stem}.pdf", HERE / f"{d.stem}.pdf")


def self_signed(tmp: Path, common_name: str, organisation: str) -> tuple[Path, Path]:
    """A test key and certificate (PEM files), valid for ten years."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), True
        )
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = tmp / "key.pem", tmp / "cert.pem"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


def sign_pdf(src: Path, dest: Path, common_name: str, organisation: str, tmp: Path) -> Path:
    """Sign ``src`` into ``dest`` with pyHanko and a fresh self-signed certificate."""
    import warnings

    from asn1crypto import cms, x509

    with warnings.catch_warnings():  # pyHanko still imports cryptography's DSA
        warnings.simplefilter("ignore")
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import signers

    # pyHanko adds attribute names to asn1crypto's tables; a table already used before
    # (the app read a signature first, in the same process) must rebuild its reverse map
    for table in (cms.CMSAttributeType, x509.ExtensionId):
        table._reverse_map = {name: oid for oid, name in table._map.items()}

    key_path, cert_path = self_signed(tmp, common_name, organisation)
    signer = signers.SimpleSigner.load(str(key_path), str(cert_path))
    with src.open("rb") as inf:
        writer = IncrementalPdfFileWriter(inf)
        meta = signers.PdfSignatureMetadata(field_name="ChuKySo1", reason="Ký số văn bản")
        out = signers.sign_pdf(writer, meta, signer=signer)
    dest.write_bytes(out.getvalue())
    return dest


def image_only_pdf(src: Path, dest: Path, scale: float = 1.0) -> Path:
    """Page 1 of ``src`` as a grey picture in a PDF with no text layer (what a scanner makes)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(src))
    page = pdf[0]
    width_pt, height_pt = page.get_size()
    bitmap = page.render(scale=scale, grayscale=True)
    w, h = bitmap.width, bitmap.height
    stride = bitmap.stride
    raw = bytes(bitmap.buffer)
    rows = b"".join(raw[y * stride : y * stride + w] for y in range(h))
    data = zlib.compress(rows, 9)
    pdf.close()
    content = f"q {width_pt:.2f} 0 0 {height_pt:.2f} 0 0 cm /Im0 Do Q".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width_pt:.2f} {height_pt:.2f}] "
            "/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>"
        ).encode(),
        (
            f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray "
            f"/BitsPerComponent 8 /Filter /FlateDecode /Length {len(data)} >>\nstream\n"
        ).encode()
        + data
        + b"\nendstream",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    dest.write_bytes(bytes(out))
    return dest


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        export_pdfs(tmp)
        plan = BY_STEM["ke-hoach-cchc-2023"]
        sign_pdf(HERE / f"{plan.stem}.pdf", HERE / SIGNED, plan.signer_name, plan.issuer, tmp)
        image_only_pdf(HERE / "bao-cao-ket-qua-chi-so-2022.pdf", HERE / SCANNED, scale=0.8)
    for p in sorted(HERE.glob("*.pdf")):
        print(f"{p.name}: {p.stat().st_size} bytes")


if __name__ == "__main__":
    main()
