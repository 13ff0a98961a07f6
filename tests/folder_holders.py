"""Another program holding a data folder (a real process), for the lock tests."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

HOLDER = """
import sys, time
from pathlib import Path
from desktop.core import folderlock
mode, data, ready, release = sys.argv[1:5]
folderlock.set_program_name("lệnh thử")
if mode == "register":
    held = folderlock.register(Path(data))
elif mode == "window":
    held = folderlock.claim_window(Path(data))
else:
    held = folderlock.folder_alone(Path(data), "thử")
    held.__enter__()
Path(ready).write_text("ok")
while not Path(release).exists():
    time.sleep(0.02)
"""


class Holder:
    """Another program holding the folder, until ``release()`` (or ``kill()``)."""

    def __init__(self, tmp: Path, mode: str, data_dir: Path) -> None:
        self.ready, self.release_file = tmp / f"{mode}.ready", tmp / f"{mode}.release"
        args = [str(data_dir), str(self.ready), str(self.release_file)]
        self.proc = subprocess.Popen([sys.executable, "-c", HOLDER, mode, *args])
        deadline = time.monotonic() + 60
        while not self.ready.exists():
            assert self.proc.poll() is None, "the holder died"
            assert time.monotonic() < deadline, "the holder never got the lock"
            time.sleep(0.02)

    def release(self) -> None:
        self.release_file.write_text("go")
        assert self.proc.wait(60) == 0

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(60)


@pytest.fixture
def holders(tmp_path: Path):
    made: list[Holder] = []

    def start(mode: str, data_dir: Path) -> Holder:
        made.append(Holder(tmp_path, mode, data_dir))
        return made[-1]

    yield start
    for h in made:
        if h.proc.poll() is None:
            h.kill()
