"""The migration chain read straight from ``db/migrations/versions`` without importing
Alembic, so that opening an up-to-date database at start-up stays cheap. A test checks
that this reading agrees with Alembic's own."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_REV = re.compile(r"^revision\s*(?::\s*str\s*)?=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision\s*(?::[^=]+)?=\s*(None|['\"]([^'\"]+)['\"])", re.M)


@cache
def scan(versions_dir: Path) -> dict[str, str | None]:
    """{revision: down_revision} of every migration file."""
    chain: dict[str, str | None] = {}
    for path in sorted(versions_dir.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        rev, down = _REV.search(text), _DOWN.search(text)
        if rev and down:
            chain[rev.group(1)] = down.group(2)
    return chain


def chain(migrations_dir: Path | None = None) -> dict[str, str | None]:
    return scan((migrations_dir or MIGRATIONS_DIR) / "versions")


def head(migrations_dir: Path | None = None) -> str:
    revs = chain(migrations_dir)
    heads = set(revs) - {d for d in revs.values() if d}
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have exactly one head, found {sorted(heads)}")
    return heads.pop()
