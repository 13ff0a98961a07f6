"""Who made a bundle: an Ed25519 signature over its manifest, and the colleagues' keys
this PC has learnt.

Each installation has its own key pair, generated at ``init`` (or on the first export of
a data folder made before) and kept in the data folder's database, so every backup
carries it and a restore brings it back. The manifest's ``signature`` holds the public
key and the signature over the manifest's body (everything but ``checksum`` and
``signature``); the unkeyed checksum is then computed over the body *with* the signature,
so older versions still read signed bundles. PyNaCl (libsodium) does the arithmetic: a
1 MB library where ``cryptography`` would add 15 MB to the one-folder build.

The receiving PC remembers a commune's key the first time it imports one of its bundles
(trust on first use); a later bundle of that commune signed with another key is flagged
loudly and needs the officer's explicit yes. Bundles from older versions carry no
signature: they still import, with a warning.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from nacl.exceptions import BadSignatureError, CryptoError
from nacl.signing import SigningKey as NaclSigningKey
from nacl.signing import VerifyKey
from sqlalchemy.orm import Session

from desktop.core.office.text import fold
from desktop.core.settings import get_setting, set_setting

ALGORITHM = "Ed25519"
KEY_SETTING = "bundle_signing_key"  # the private key (raw, base64)
TRUSTED_SETTING = "bundle_trusted_keys"  # JSON: commune → remembered key


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any, size: int) -> bytes | None:
    if not isinstance(text, str) or len(text) > 200:
        return None
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        return None
    return data if len(data) == size else None


def fingerprint(public_key: bytes) -> str:
    """What the officer compares by phone: 8 groups of 4 hex digits of the key's SHA-256."""
    digest = hashlib.sha256(public_key).hexdigest()[:32].upper()
    return "-".join(digest[i : i + 4] for i in range(0, 32, 4))


@dataclass(frozen=True)
class SigningKey:
    private: bytes  # the 32-byte seed

    @property
    def public(self) -> bytes:
        return bytes(NaclSigningKey(self.private).verify_key)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public)

    def sign(self, message: bytes) -> dict[str, str]:
        value = NaclSigningKey(self.private).sign(message).signature
        return {"algorithm": ALGORITHM, "public_key": _b64(self.public), "value": _b64(value)}


def _generate() -> bytes:
    return bytes(NaclSigningKey.generate())  # the 32-byte seed


def signing_key(session: Session) -> SigningKey | None:
    raw = _unb64(get_setting(session, KEY_SETTING), 32)
    return SigningKey(raw) if raw else None


def ensure_signing_key(session: Session) -> SigningKey:
    """This installation's key, made now if the data folder has none (in the caller's
    transaction)."""
    key = signing_key(session)
    if key is None:
        key = SigningKey(_generate())
        set_setting(session, KEY_SETTING, _b64(key.private))
    return key


@dataclass(frozen=True)
class SignatureCheck:
    """``status``: unsigned | valid | invalid."""

    status: str
    fingerprint: str = ""
    public_key: str = ""  # base64, as in the manifest

    @property
    def signed(self) -> bool:
        return self.status != "unsigned"

    def to_json(self) -> dict:
        return {
            "signed": self.signed,
            "valid": self.status == "valid",
            "algorithm": ALGORITHM if self.signed else "",
            "fingerprint": self.fingerprint,
        }


def check_signature(signature: Any, message: bytes) -> SignatureCheck:
    if signature is None:
        return SignatureCheck("unsigned")
    if not isinstance(signature, dict) or signature.get("algorithm") != ALGORITHM:
        return SignatureCheck("invalid")
    public = _unb64(signature.get("public_key"), 32)
    value = _unb64(signature.get("value"), 64)
    if public is None or value is None:
        return SignatureCheck("invalid")
    check = SignatureCheck("valid", fingerprint(public), signature["public_key"])
    try:
        VerifyKey(public).verify(message, value)
    except (BadSignatureError, CryptoError, ValueError):
        return SignatureCheck("invalid", check.fingerprint, check.public_key)
    return check


# --- colleagues' keys ---------------------------------------------------------------------


def commune_key(commune: dict[str, Any]) -> str:
    return (
        f"{fold(str(commune.get('commune_name') or ''))}|{fold(str(commune.get('province') or ''))}"
    )


def trusted_keys(session: Session) -> dict[str, dict[str, str]]:
    try:
        data = json.loads(get_setting(session, TRUSTED_SETTING) or "{}")
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


@dataclass(frozen=True)
class KeyTrust:
    """``status``: unsigned | own | new (first bundle of this commune) | trusted | changed."""

    status: str
    fingerprint: str = ""
    known_fingerprint: str = ""  # the key remembered before (changed)
    since: str = ""  # when it was remembered

    def to_json(self) -> dict:
        return dict(self.__dict__)


def key_trust(session: Session, commune: dict[str, Any], check: SignatureCheck) -> KeyTrust:
    if not check.signed:
        return KeyTrust("unsigned")
    own = signing_key(session)
    if own is not None and own.fingerprint == check.fingerprint:
        return KeyTrust("own", check.fingerprint)
    known = trusted_keys(session).get(commune_key(commune))
    if known is None:
        return KeyTrust("new", check.fingerprint)
    if known.get("public_key") == check.public_key:
        return KeyTrust("trusted", check.fingerprint, since=known.get("since", ""))
    return KeyTrust(
        "changed", check.fingerprint, known.get("fingerprint", ""), known.get("since", "")
    )


def remember_key(session: Session, commune: dict[str, Any], check: SignatureCheck) -> None:
    """Trust this key for that commune from now on (first import, or a change the officer
    accepted)."""
    if not check.signed or check.status != "valid":
        return
    keys = trusted_keys(session)
    keys[commune_key(commune)] = {
        "commune": str(commune.get("commune_name") or ""),
        "province": str(commune.get("province") or ""),
        "public_key": check.public_key,
        "fingerprint": check.fingerprint,
        "since": datetime.now().isoformat(timespec="seconds"),
    }
    set_setting(session, TRUSTED_SETTING, json.dumps(keys, ensure_ascii=False, sort_keys=True))


def trust_warning(trust: KeyTrust, commune: str) -> str:
    """The officer's words for a key status ("" when nothing needs saying)."""
    if trust.status == "unsigned":
        return (
            "Gói không có chữ ký số (tạo bởi phiên bản Sổ CCHC cũ): không xác nhận được ai "
            "đã tạo gói. Chỉ nhập khi chắc chắn gói do đồng nghiệp trao tận tay."
        )
    if trust.status == "new":
        return (
            f"Lần đầu nhận gói có chữ ký của {commune or 'xã này'}: mã khóa {trust.fingerprint}. "
            "Máy này sẽ ghi nhớ khóa đó sau khi nhập; hãy đối chiếu mã khóa với người gửi "
            "(gọi điện) nếu có thể."
        )
    if trust.status == "changed":
        return (
            f"CẢNH BÁO: KHÓA KÝ CỦA {(commune or 'xã này').upper()} ĐÃ THAY ĐỔI. Gói được ký "
            f"bằng khóa {trust.fingerprint}, khác với khóa {trust.known_fingerprint} đã ghi "
            "nhớ. Có thể đồng nghiệp đã cài lại máy, nhưng cũng có thể gói do người khác làm "
            "giả. Hãy gọi điện hỏi người gửi mã khóa trên máy của họ trước khi nhập."
        )
    return ""
