"""Who has a data folder open: one window per folder, and restores that need it alone.

Files under ``<data folder>/.khoa/``, each locked by the operating system while its
program runs (``fcntl.flock`` on Linux, ``msvcrt.locking`` on Windows), so a program that
died (kill, power cut) never keeps the folder: its lock is gone with it and the file it
left is taken over. Each file holds, as JSON, who holds it (pid, machine, program, since):

- ``cua-so.lock``: the window (``cchc-desktop``) for its whole life; a second window on the
  same folder is told which program has it;
- ``dang-dung-<id>.lock``: one per program at work in the folder (the window, each ``cchc``
  command), held while it works;
- ``cong.lock``: the gate. A program registers (above) while holding the gate for a moment;
  work that needs the folder to itself (restore, migration, history restore) holds the
  gate for its whole length, after checking that no one else is registered. A command that
  starts meanwhile waits a little, then refuses, naming who holds the folder.

Only exclusive locks are used: Windows' ``msvcrt`` has no shared ones.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import socket
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, TypeVar

from base.errors import FolderBusyError

T = TypeVar("T")

LOCK_DIR_NAME = ".khoa"
GATE = "cong.lock"
WINDOW = "cua-so.lock"
USER_PREFIX = "dang-dung-"
LOCK_OFFSET = 1 << 20  # the locked byte lies past the JSON, so others can still read it
WAIT_SECONDS = 10.0
POLL_SECONDS = 0.05

PROGRAM_WINDOW = "cửa sổ Sổ CCHC"


def program_name() -> str:
    """``lệnh cchc backup restore`` for a command; set by the programs at start."""
    return _PROGRAM["name"]


_PROGRAM = {"name": "Sổ CCHC"}


def set_program_name(name: str) -> None:
    _PROGRAM["name"] = name


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    program: str
    since: str  # ISO time

    def describe(self) -> str:
        try:
            when = datetime.fromisoformat(self.since).strftime("%H:%M %d/%m/%Y")
        except ValueError:
            when = self.since
        return f"{self.program} (tiến trình {self.pid} trên máy {self.host}, từ {when})"

    @classmethod
    def me(cls, program: str | None = None) -> Holder:
        return cls(
            os.getpid(),
            socket.gethostname(),
            program or program_name(),
            datetime.now().isoformat(timespec="seconds"),
        )


def _try_lock(fh: IO[bytes]) -> bool:
    """Lock the file without waiting; False when someone else holds it."""
    if os.name == "nt":
        import msvcrt

        fh.seek(LOCK_OFFSET)
        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):
        return False
    except OSError as exc:  # a file system without locks (some network shares): go on
        if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
            return True
        raise
    return True


def _unlock(fh: IO[bytes]) -> None:
    with contextlib.suppress(OSError):
        if os.name == "nt":
            import msvcrt

            fh.seek(LOCK_OFFSET)
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def read_holder(path: Path) -> Holder | None:
    try:
        with path.open("rb") as fh:
            doc = json.loads(fh.read(4096).rstrip(b"\x00").decode("utf-8"))
        return Holder(int(doc["pid"]), str(doc["host"]), str(doc["program"]), str(doc["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class HeldLock:
    """One lock file held by this process; ``release()`` (or ``with``) lets it go."""

    def __init__(self, path: Path, fh: IO[bytes], holder: Holder, *, remove: bool) -> None:
        self.path, self._fh, self.holder, self._remove = path, fh, holder, remove

    @property
    def held(self) -> bool:
        return self._fh is not None

    def release(self) -> None:
        fh, self._fh = self._fh, None
        if fh is None:
            return
        _OWN.discard(self.path)
        _unlock(fh)
        fh.close()
        if self._remove:  # after closing: Windows deletes no file that is open
            with contextlib.suppress(OSError):
                self.path.unlink()

    def __enter__(self) -> HeldLock:
        return self

    def __exit__(self, *_exc) -> None:
        self.release()


_OWN: set[Path] = set()  # lock files this process holds (its own work is not "someone else")


def _open_lock(path: Path, holder: Holder, *, remove: bool) -> HeldLock | None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = path.open("a+b")
    try:
        if not _try_lock(fh):
            fh.close()
            return None
        fh.seek(0)
        fh.truncate()
        fh.write(json.dumps(holder.__dict__, ensure_ascii=False).encode("utf-8"))
        fh.flush()
    except BaseException:
        _unlock(fh)
        fh.close()
        raise
    _OWN.add(path)
    return HeldLock(path, fh, holder, remove=remove)


def _wait(seconds: float | None) -> float:
    return WAIT_SECONDS if seconds is None else seconds


def lock_dir(data_dir: Path) -> Path:
    return Path(os.path.abspath(data_dir)) / LOCK_DIR_NAME


def _wait_for(
    attempt: Callable[[], T | None], seconds: float, busy: Callable[[], FolderBusyError]
) -> T:
    """``attempt()`` until it gives something; ``busy()`` is raised after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        got = attempt()
        if got is not None:
            return got
        if time.monotonic() >= deadline:
            raise busy()
        time.sleep(POLL_SECONDS)


def _gate_busy(data_dir: Path, doing: str) -> FolderBusyError:
    holder = read_holder(lock_dir(data_dir) / GATE)
    who = holder.describe() if holder else "một chương trình khác"
    return FolderBusyError(
        f"Chưa {doing} được: thư mục dữ liệu {data_dir} đang được {who} dùng riêng "
        "(khôi phục hoặc nâng cấp dữ liệu). Hãy chờ việc đó xong rồi chạy lại."
    )


def _take_gate(data_dir: Path, holder: Holder, wait: float, doing: str) -> HeldLock:
    path = lock_dir(data_dir) / GATE
    if path in _OWN:
        raise FolderBusyError(f"Chưa {doing} được: đang có một việc khác dùng riêng {data_dir}.")
    return _wait_for(
        lambda: _open_lock(path, holder, remove=False),
        wait,
        lambda: _gate_busy(data_dir, doing),
    )


def register(data_dir: Path, program: str | None = None, *, wait: float | None = None) -> HeldLock:
    """Say "this program is at work in the folder" until ``release()``. Waits up to
    ``wait`` seconds while the folder is held alone (a restore), then refuses."""
    holder = Holder.me(program)
    folder = lock_dir(data_dir)
    try:
        with _take_gate(data_dir, holder, _wait(wait), "mở dữ liệu"):
            got = _open_lock(folder / f"{USER_PREFIX}{uuid.uuid4().hex}.lock", holder, remove=True)
    except OSError as exc:
        return _unlocked_folder(data_dir, exc)
    assert got is not None  # a fresh name nobody else can hold
    return got


def _unlocked_folder(data_dir: Path, exc: OSError) -> HeldLock:
    from base.errors import DataDirError
    from base.os_reason import os_reason

    raise DataDirError(
        f"Không tạo được tệp khóa trong thư mục dữ liệu {data_dir} ({os_reason(exc)})."
    ) from exc


def others_at_work(data_dir: Path) -> list[Holder]:
    """The other programs registered in the folder now (dead ones' files are removed)."""
    found = []
    folder = lock_dir(data_dir)
    if not folder.is_dir():
        return []
    for path in sorted(folder.glob(f"{USER_PREFIX}*.lock")):
        if path in _OWN:
            continue
        try:
            fh = path.open("a+b")
        except OSError:
            continue
        with fh:
            gone = _try_lock(fh)  # its program is gone: a leftover
            if gone:
                _unlock(fh)
        if gone:
            with contextlib.suppress(OSError):
                path.unlink()
            continue
        holder = read_holder(path)
        found.append(holder or Holder(0, "?", "một chương trình khác", ""))
    return found


@contextlib.contextmanager
def folder_alone(
    data_dir: Path, doing: str, program: str | None = None, *, wait: float | None = None
) -> Iterator[None]:
    """Hold the folder alone while ``doing`` (e.g. "khôi phục"): refuses, naming who,
    when another program is at work in it (this process's own registrations do not count).
    Waits up to ``wait`` seconds for them to finish."""
    if (lock_dir(data_dir) / GATE) in _OWN:  # already alone (a restore's history folders)
        yield
        return
    holder = Holder.me(program)
    wait = _wait(wait)
    try:
        gate = _take_gate(data_dir, holder, wait, doing)
    except OSError as exc:
        _unlocked_folder(data_dir, exc)
    with gate:
        others = _wait_for(
            lambda: None if others_at_work(data_dir) else [],
            wait,
            lambda: _others_busy(data_dir, doing),
        )
        assert others == []
        yield


def _others_busy(data_dir: Path, doing: str) -> FolderBusyError:
    who = "; ".join(h.describe() for h in others_at_work(data_dir))
    return FolderBusyError(
        f"Chưa {doing} được: thư mục dữ liệu {data_dir} đang được dùng bởi {who}. "
        "Việc này cần thư mục dữ liệu không có chương trình nào khác đang mở: hãy đóng "
        "chương trình đó (hoặc chờ lệnh đó chạy xong) rồi thử lại. Chưa thay đổi gì."
    )


def claim_window(data_dir: Path) -> HeldLock | Holder:
    """The window's lock for its whole life, or who has it already."""
    path = lock_dir(data_dir) / WINDOW
    holder = Holder.me(PROGRAM_WINDOW)
    try:
        got = _open_lock(path, holder, remove=False)
    except OSError as exc:
        _unlocked_folder(data_dir, exc)
    if got is not None:
        return got
    return read_holder(path) or Holder(0, "?", PROGRAM_WINDOW, "")


def window_holder_message(data_dir: Path, holder: Holder) -> str:
    return (
        f"Thư mục dữ liệu {data_dir} đang được mở bởi {holder.describe()}. Mỗi thư mục dữ "
        "liệu chỉ mở được trong một cửa sổ Sổ CCHC: hãy dùng cửa sổ đang mở (tìm trên thanh "
        "tác vụ) hoặc đóng nó rồi mở lại."
    )
