"""What killed programs left behind is cleaned at the next start (never the work in
progress of a program still running) and reported by the integrity check."""

from __future__ import annotations

import os
import time
from pathlib import Path

from desktop.core.backup.integrity import check_integrity
from desktop.core.backup.leftovers import clean_leftovers
from desktop.core.workspace import Workspace


def _left(path: Path, size: int, *, hours_ago: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\0" * size)
    then = time.time() - hours_ago * 3600
    os.utime(path, (then, then))
    return path


def test_leftovers_are_reported_then_cleaned_but_not_work_in_progress(
    ws: Workspace, holders, monkeypatch
) -> None:
    from desktop.core.backup import leftovers

    monkeypatch.setattr(leftovers, "MIN_AGE_SECONDS", 0.0)  # only the holder protects
    d = ws.data_dir
    old = [
        _left(d / "files" / "tmp" / "a1b2.part", 600_000, hours_ago=3),
        _left(d / "so-cchc.sqlite3.khoi-phuc.part", 22_000, hours_ago=3),
        _left(d / "backups" / "so-cchc-thu-cong-20240101-101010.sqlite3.part", 500, hours_ago=3),
        _left(d / "lich-su" / "hong-phong" / "files" / "tmp" / "c3.part", 100, hours_ago=3),
    ]
    report = check_integrity(ws)
    left = [f for f in report.findings if f.kind == "temp_left"]
    assert len(left) == 1 and "4 tệp tạm" in left[0].message and "623 KB" in left[0].message
    assert report.ok  # a warning: nothing is lost

    holders("register", d)  # another program at work: its copy in progress stays
    live = _left(d / "files" / "tmp" / "dang-chep.part", 10, hours_ago=0)
    removed = clean_leftovers(d)
    assert sorted(removed.files) == sorted(old) and removed.size == 622_600
    assert live.is_file() and not any(p.exists() for p in old)


def test_the_next_command_cleans_and_says_so(cli, initialized, data_dir: Path) -> None:
    part = _left(data_dir / "files" / "tmp" / "a1b2.part", 2_000_000, hours_ago=1)
    r = cli("check")
    assert r.code == 0 and not part.exists()
    assert "Đã dọn 1 tệp tạm còn sót" in r.err and "2,0 MB" in r.err
    assert "tệp tạm" not in r.out
