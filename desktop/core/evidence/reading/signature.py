"""Digital signatures in a document: present or not, the signer named in the certificate,
the signing time.

PDF: the signature dictionaries PDFium finds (pypdfium2), each one's CMS blob read with
asn1crypto (the signer's certificate, the signed ``signingTime`` attribute, else the
dictionary's ``/M``). DOCX: the package's ``_xmlsignatures`` parts and the X.509 certificate
in them. Nothing is verified: checking the certificate chain needs the CA lists and the
revocation servers, which an offline commune office does not have; the screen says
"đã ký số (chưa kiểm tra chuỗi chứng thư)".
"""

from __future__ import annotations

import base64
import ctypes
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from desktop.core.office.text import nfc

NOT_VERIFIED = "chưa kiểm tra chuỗi chứng thư"


@dataclass(frozen=True)
class SignatureInfo:
    present: bool = False
    signer: str = ""
    signed_at: datetime | None = None
    count: int = 0

    def label(self) -> str:
        """``Đã ký số: Nguyễn Văn An (chưa kiểm tra chuỗi chứng thư)``."""
        if not self.present:
            return "Chưa ký số"
        who = f": {self.signer}" if self.signer else ""
        return f"Đã ký số{who} ({NOT_VERIFIED})"


def _cert_name(cert) -> str:
    subject = cert.subject.native
    name = subject.get("common_name") or subject.get("organization_name") or ""
    if isinstance(name, list):
        name = name[0] if name else ""
    return nfc(str(name)).strip()


def signer_from_cms(data: bytes) -> tuple[str, datetime | None]:
    """The signer's name and the signed signing time from a CMS/PKCS#7 SignedData blob."""
    from asn1crypto import cms

    info = cms.ContentInfo.load(data)
    signed = info["content"]
    certs = [c.chosen for c in signed["certificates"] if c.name == "certificate"]
    name, when = "", None
    for si in signed["signer_infos"]:
        sid = si["sid"]
        cert = None
        if sid.name == "issuer_and_serial_number":
            serial = sid.chosen["serial_number"].native
            cert = next((c for c in certs if c.serial_number == serial), None)
        else:
            key_id = sid.chosen.native
            cert = next((c for c in certs if c.key_identifier == key_id), None)
        cert = cert or (certs[0] if certs else None)
        if cert is not None:
            name = _cert_name(cert)
        for attr in si["signed_attrs"] if si["signed_attrs"].native else []:
            if attr["type"].native == "signing_time":
                when = attr["values"][0].native
        if name:
            break
    return name, when


_PDF_DATE = re.compile(
    r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([+\-Z])(\d{2})?'?(\d{2})?'?)?"
)


def parse_pdf_date(text: str) -> datetime | None:
    m = _PDF_DATE.match(text.strip())
    if not m:
        return None
    y, mo, d, h, mi, s = (
        int(g) if g else dflt for g, dflt in zip(m.groups()[:6], (0, 1, 1, 0, 0, 0), strict=True)
    )
    tz = timezone.utc
    if m.group(7) in ("+", "-"):
        delta = timedelta(hours=int(m.group(8) or 0), minutes=int(m.group(9) or 0))
        tz = timezone(delta if m.group(7) == "+" else -delta)
    try:
        return datetime(y, mo, d, h, mi, s, tzinfo=tz)
    except ValueError:
        return None


def pdf_signatures(pdf) -> SignatureInfo:
    """From an open ``pypdfium2.PdfDocument``."""
    import pypdfium2.raw as pdfium_c

    count = pdfium_c.FPDF_GetSignatureCount(pdf.raw)
    if count <= 0:
        return SignatureInfo()
    signer, when = "", None
    for i in range(count):
        sig = pdfium_c.FPDF_GetSignatureObject(pdf.raw, i)
        size = pdfium_c.FPDFSignatureObj_GetContents(sig, None, 0)
        if size > 0:
            buf = ctypes.create_string_buffer(size)
            pdfium_c.FPDFSignatureObj_GetContents(sig, buf, size)
            try:
                signer, when = signer_from_cms(buf.raw)
            except Exception:  # a damaged or unusual blob: still signed, name unknown
                signer, when = "", None
        if when is None:
            size = pdfium_c.FPDFSignatureObj_GetTime(sig, None, 0)
            if size > 0:
                buf = ctypes.create_string_buffer(size)
                pdfium_c.FPDFSignatureObj_GetTime(sig, buf, size)
                when = parse_pdf_date(buf.value.decode("latin-1", "replace"))
        if signer:
            break
    return SignatureInfo(present=True, signer=signer, signed_at=when, count=count)


_X509 = re.compile(rb"<(?:\w+:)?X509Certificate>\s*([A-Za-z0-9+/=\s]+?)\s*</", re.S)
# XAdES <xades:SigningTime>, or Word's <mdssi:SignatureTime><mdssi:Value>
_SIGNING_TIME = re.compile(
    rb"<(?:\w+:)?SigningTime>\s*([^<]+?)\s*</|<(?:\w+:)?SignatureTime[^>]*>\s*"
    rb"<(?:\w+:)?Value>\s*([^<]+?)\s*</",
    re.S,
)


def docx_signatures(path: Path) -> SignatureInfo:
    """An Office document signed in Word: the parts under ``_xmlsignatures/``."""
    from asn1crypto import x509

    with zipfile.ZipFile(path) as zf:
        parts = [n for n in zf.namelist() if n.startswith("_xmlsignatures/sig")]
        if not parts:
            return SignatureInfo()
        signer, when = "", None
        for name in parts:
            xml = zf.read(name)
            m = _X509.search(xml)
            if m and not signer:
                try:
                    cert = x509.Certificate.load(base64.b64decode(b"".join(m.group(1).split())))
                    signer = _cert_name(cert)
                except Exception:  # a certificate that does not parse: still signed
                    signer = ""
            t = _SIGNING_TIME.search(xml)
            if t and when is None:
                try:
                    stamp = (t.group(1) or t.group(2)).decode().replace("Z", "+00:00")
                    when = datetime.fromisoformat(stamp)
                except ValueError:
                    when = None
    return SignatureInfo(present=True, signer=signer, signed_at=when, count=len(parts))
