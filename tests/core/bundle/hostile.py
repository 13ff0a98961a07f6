"""Helpers for hostile-bundle tests: rewrite a bundle's manifest the way an attacker
would, recomputing its (unkeyed) checksum so that only the new checks can catch it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from desktop.core.bundle.manifest import MANIFEST_NAME


def checksum(body: dict[str, Any]) -> str:
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def rewrite(bundle: Path, change) -> dict[str, Any]:
    """Apply ``change(body)`` to the folder bundle's manifest, with a matching checksum
    (any signature is dropped: it could not be forged)."""
    path = bundle / MANIFEST_NAME
    body = json.loads(path.read_bytes())
    body.pop("checksum", None)
    body.pop("signature", None)
    change(body)
    body["checksum"] = checksum(body)
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    return body
