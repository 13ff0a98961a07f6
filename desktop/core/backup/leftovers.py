"""Files a killed program left behind in a data folder: half-copied stored files
(``files/tmp/*.part``), a half-copied restore (``so-cchc.sqlite3.khoi-phuc.part``), half-
written backups and journals, write probes; the same in each history folder.

``clean_leftovers`` runs at each start and removes those older than every program now at
work in the folder (a file younger than one of them may be that program's work in
progress) and than a minute (a program about to register); ``find_leftovers`` lists them
all for the integrity check.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from db.dbfile import BACKUP_DIR_NAME, DB_FILE_NAME, PART_SUFFIX
from desktop.core.backup.files import DB_STEM, JOURNAL_NAME
from desktop.core.folderlock import others_at_work
from desktop.core.history.store import history_root
from desktop.core.targets import TEMP_SUFFIX
from desktop.core.workspace import FILES_DIR_NAME


@dataclass
class Leftovers:
    files: list[Path] = field(default_factory=list)
    size: int = 0

    def add(self, path: Path) -> None:
        with contextlib.suppress(OSError):
            self.size += path.stat().st_size
        self.files.append(path)


def _in_folder(folder: Path) -> list[Path]:
    found: list[Path] = []
    tmp = folder / FILES_DIR_NAME / "tmp"
    if tmp.is_dir():
        found += tmp.glob(f"*{PART_SUFFIX}")
    for name in (
        f"{DB_FILE_NAME}.khoi-phuc",
        f"{DB_FILE_NAME}.khoi-phuc{PART_SUFFIX}",
        f"{JOURNAL_NAME}{PART_SUFFIX}",
    ):
        if (folder / name).is_file():
            found.append(folder / name)
    if folder.is_dir():
        found += folder.glob(".ghi-thu-*")
    backups = folder / BACKUP_DIR_NAME
    if backups.is_dir():
        for suffix in (PART_SUFFIX, TEMP_SUFFIX):
            found += (p for p in backups.rglob(f"{DB_STEM}*{suffix}") if p.is_file())
    return found


def find_leftovers(data_dir: Path) -> Leftovers:
    """Every leftover in the data folder and its history folders."""
    out = Leftovers()
    folders = [data_dir]
    root = history_root(data_dir)
    if root.is_dir():
        folders += [p for p in sorted(root.iterdir()) if p.is_dir()]
    for folder in folders:
        for path in _in_folder(folder):
            out.add(path)
    return out


MIN_AGE_SECONDS = 60.0  # a program about to register (a write probe) is never raced


def _cutoff(data_dir: Path) -> float:
    """Leftovers older than this were left by programs no longer running."""
    starts = [time.time() - MIN_AGE_SECONDS]
    for holder in others_at_work(data_dir):
        try:
            starts.append(datetime.fromisoformat(holder.since).timestamp())
        except ValueError:
            return 0.0  # a program at work since when is unknown: remove nothing
    return min(starts)


def clean_leftovers(data_dir: Path) -> Leftovers:
    """Remove what killed programs left behind (see the module). Returns what went."""
    removed = Leftovers()
    found = find_leftovers(data_dir)
    if not found.files:
        return removed
    cutoff = _cutoff(data_dir)
    for path in found.files:
        try:
            if path.stat().st_mtime >= cutoff:
                continue
            size = path.stat().st_size
            path.unlink()
        except OSError:
            continue
        removed.files.append(path)
        removed.size += size
    return removed
