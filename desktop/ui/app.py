"""``cchc-desktop``: start the GUI on a data folder (``--demo`` for the demo commune).

``--self-test`` opens the main window, waits until the first screen has painted with its
data, prints ``ready <milliseconds>`` and exits 0 (non-zero with the error otherwise).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence

_T0 = time.perf_counter()

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtGui import QIcon  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from base.errors import CchcError, CorruptDatabaseError  # noqa: E402
from desktop import APP_NAME, __version__  # noqa: E402
from desktop.core.paths import resolve_data_dir, resource_path  # noqa: E402
from desktop.core.workspace import Workspace, open_workspace  # noqa: E402
from desktop.ui.errors import install_crash_handler, set_log_dir, show_error  # noqa: E402
from desktop.ui.worker import run_job  # noqa: E402

SELF_TEST_TIMEOUT_MS = 60_000


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="cchc-desktop", description=f"{APP_NAME} (giao diện)")
    p.add_argument("--data-dir", help="thư mục dữ liệu")
    p.add_argument("--demo", action="store_true", help="mở xã mẫu trong thư mục dữ liệu riêng")
    p.add_argument("--self-test", action="store_true", help="mở cửa sổ, in 'ready <ms>' rồi thoát")
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    return p.parse_args(argv)


def _attach_windows_console() -> None:
    """A windowed .exe has no stdout; for --self-test borrow the parent console."""
    if os.name != "nt" or (sys.stdout is not None and sys.stdout.isatty()):
        return
    try:
        import ctypes

        if ctypes.windll.kernel32.AttachConsole(-1):  # type: ignore[attr-defined]
            sys.stdout = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115
            sys.stderr = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115
    except Exception:  # noqa: BLE001 - best effort only
        pass


def _setup_logging(ws: Workspace) -> None:
    try:
        ws.log_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(ws.log_dir / "so-cchc.log", encoding="utf-8")
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("cchc")
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    set_log_dir(ws.log_dir)


class _FirstPaint(QObject):
    """Calls back once the watched widget paints after the data was shown."""

    def __init__(self, widget, callback) -> None:
        super().__init__(widget)
        self.widget, self.callback = widget, callback
        widget.installEventFilter(self)
        widget.update()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.widget.removeEventFilter(self)
            QTimer.singleShot(0, self.callback)
        return False


def _out(text: str, *, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    if stream is not None:
        print(text, file=stream, flush=True)


def _server_name(data_dir) -> str:
    """The local channel a data folder's window listens on (its path, hashed)."""
    import hashlib
    from pathlib import Path

    key = os.path.normcase(str(Path(data_dir).absolute()))
    return "SoCCHC-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def listen_for_second_windows(window, data_dir):
    """The window that has the folder brings itself forward when a second one asks
    (``QLocalServer``: a named pipe on Windows). None when Qt's network module is absent."""
    try:
        from PySide6.QtNetwork import QLocalServer
    except ImportError:  # a build without QtNetwork: the second window only says who
        return None
    server = QLocalServer(window)
    server.raised = 0  # type: ignore[attr-defined]
    name = _server_name(data_dir)
    QLocalServer.removeServer(name)  # a channel left by a window that crashed (Unix)
    if not server.listen(name):
        return None

    def bring_forward() -> None:
        sock = server.nextPendingConnection()
        if sock is None:
            return
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()
        server.raised += 1  # type: ignore[attr-defined]
        sock.disconnectFromServer()

    server.newConnection.connect(bring_forward)
    return server


def ask_first_window_forward(data_dir) -> bool:
    """From a second window: ask the first one to come forward. False when it cannot be
    reached (an older version, a window on another machine, no QtNetwork)."""
    try:
        from PySide6.QtNetwork import QLocalSocket
    except ImportError:
        return False
    sock = QLocalSocket()
    sock.connectToServer(_server_name(data_dir))
    if not sock.waitForConnected(1000):
        return False
    sock.write(b"len-truoc")
    sock.waitForBytesWritten(1000)
    sock.disconnectFromServer()
    return True


def _second_window(data_dir, exc: CchcError) -> None:
    """Another window has the folder: say who, and offer to bring it forward."""
    from desktop.ui.vi import ask_yes_no

    if not ask_yes_no(
        None,
        "Sổ CCHC đang mở",
        f"{exc}\n\nĐưa cửa sổ Sổ CCHC đang mở thư mục này lên trước?",
        default_no=False,
    ):
        return
    if not ask_first_window_forward(data_dir):
        show_error(
            None,
            "Không gọi được cửa sổ kia (có thể nó ở máy khác hoặc là phiên bản cũ). "
            "Hãy tìm nó trên thanh tác vụ.",
            "Sổ CCHC đang mở",
        )


def _claim_folder(data_dir) -> list:
    """One window per data folder, for its whole life (a second one is told who has it);
    and "at work" in it, so a restore from the command line waits for this window."""
    from base.errors import WindowOpenError
    from desktop.core import folderlock
    from desktop.core.workspace import ensure_writable_dir

    ensure_writable_dir(data_dir)
    folderlock.set_program_name(folderlock.PROGRAM_WINDOW)
    window = folderlock.claim_window(data_dir)
    if isinstance(window, folderlock.Holder):
        raise WindowOpenError(folderlock.window_holder_message(data_dir, window))
    try:
        locks = [window, folderlock.register(data_dir)]
    except BaseException:
        window.release()
        raise
    try:
        _finish_what_was_cut_short(data_dir)
    except BaseException:
        for lock in reversed(locks):
            lock.release()
        raise
    return locks


def _finish_what_was_cut_short(data_dir) -> None:
    """A restore killed half-way is finished (or rolled back) before the data is shown."""
    from desktop.core.backup.files import JOURNAL_NAME
    from desktop.core.backup.leftovers import clean_leftovers

    if (data_dir / JOURNAL_NAME).exists():
        from desktop.core.backup.restore import finish_interrupted_restore
        from desktop.ui.vi import info

        note = finish_interrupted_restore(data_dir)
        if note:
            logging.getLogger("cchc").warning("%s", note)
            info(None, "Khôi phục dữ liệu", note)
    removed = clean_leftovers(data_dir)  # what killed programs left behind
    if removed.files:
        logging.getLogger("cchc").info("Đã dọn %d tệp tạm còn sót", len(removed.files))


def _restore_damaged(data_dir, exc: CorruptDatabaseError) -> Workspace | None:
    """The database is damaged: offer the newest good backup; restore it and go on if the
    officer agrees (the damaged file is kept beside the backups)."""
    from desktop.core.backup.files import backup_info
    from desktop.core.backup.restore import newest_good_backup, restore_backup
    from desktop.ui.vi import ask_yes_no

    newest = newest_good_backup(data_dir)
    if newest is None:
        show_error(None, f"{exc}\n\nKhông có bản sao lưu nào dùng được.", "Không mở được dữ liệu")
        return None
    info = backup_info(newest)
    when = f"{info.created:%d/%m/%Y %H:%M} ({info.description})" if info else newest.name
    if not ask_yes_no(
        None,
        "Dữ liệu bị hỏng",
        f"{exc}\n\nBản sao lưu tốt gần nhất: {when}.\nKhôi phục từ bản này rồi mở tiếp? "
        "Tệp bị hỏng vẫn được giữ lại trong thư mục backups (loại “Dữ liệu hỏng”).",
        default_no=False,
    ):
        return None
    restore_backup(data_dir, newest)
    return open_workspace(data_dir)


def _start_backup(window) -> None:
    """The automatic backup at start, in the background after the first paint; a failure
    is said in the status bar (the officer can still work, and back up by hand)."""
    from desktop.core.backup.store import auto_backup

    ws = window.ws

    def failed(exc: BaseException) -> None:
        logging.getLogger("cchc").warning("Sao lưu tự động không được: %s", exc)
        window.statusBar().showMessage(f"Chưa sao lưu tự động được: {exc}", 15_000)

    window.startup_backup = run_job(
        window,
        lambda progress: auto_backup(ws, "khoi-dong", progress),
        label="Đang sao lưu tự động…",
        on_failure=failed,
        show_progress=False,
    )


def _fail_self_test(exc_type, exc, tb) -> None:
    """--self-test has nobody to read an error dialog: print the error, exit at once."""
    import traceback

    _out("error " + "".join(traceback.format_exception(exc_type, exc, tb)), err=True)
    os._exit(70)


def _open_screens(window, name: str) -> None:
    """``CCHC_OPEN_TAB=ResultsTab`` shows that screen; ``all`` builds every screen in turn
    (the frozen build's smoke test: a screen module left out of the build fails here)."""
    from desktop.ui.tabs import TABS

    for cls in [spec.cls for spec in TABS] if name == "all" else [name]:
        try:
            window.screens.open(cls)
        except KeyError:
            _out(f"Không có màn hình {cls}", err=True)
    if name == "all":
        window.show_todo()  # back to the first screen (--self-test waits for it)


def _demo_failed(exc: BaseException, strict: bool) -> None:
    if strict:
        _out(f"error: không tạo được xã mẫu: {exc!r}", err=True)
        os._exit(70)
    show_error(None, exc, "Không tạo được xã mẫu")


def _make_demo(ws: Workspace, *, strict: bool = False) -> None:
    """The demo commune, built in the background with a progress box (it takes a while).
    ``strict`` (--self-test): a failure ends the run with the error, nobody reads a box."""
    from PySide6.QtCore import QEventLoop

    from desktop.core.demo.build import create_demo
    from desktop.core.years.profile_read import get_profile

    with ws.connection() as con:
        if get_profile(con) is not None:
            return
    loop = QEventLoop()
    job = run_job(
        None,
        lambda progress: create_demo(ws),
        label="Đang tạo xã mẫu: tài liệu mẫu, hồ sơ TTHC, kết quả, báo cáo…",
        cancellable=False,
        on_failure=lambda exc: _demo_failed(exc, strict),
    )
    job.finished.connect(loop.quit)
    loop.exec()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.self_test:
        _attach_windows_console()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    if args.self_test:
        sys.excepthook = _fail_self_test
    else:
        install_crash_handler()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("SoCCHC")
    from desktop.ui.vi import install_qt_translation

    install_qt_translation(app)
    icon = resource_path("icons", "so-cchc.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))

    data_dir = resolve_data_dir(args.data_dir, demo=args.demo)
    try:
        locks = _claim_folder(data_dir)
    except CchcError as exc:
        from base.errors import WindowOpenError

        if args.self_test:
            _out(f"error {exc}", err=True)
        elif isinstance(exc, WindowOpenError):
            _second_window(data_dir, exc)
        else:
            show_error(None, exc, "Không mở được dữ liệu")
        return 1
    try:
        return _run(args, app, data_dir)
    finally:
        for lock in reversed(locks):
            lock.release()


def _run(args: argparse.Namespace, app: QApplication, data_dir) -> int:
    try:
        try:
            ws = open_workspace(data_dir)
        except CorruptDatabaseError as exc:
            if args.self_test:
                raise
            ws = _restore_damaged(data_dir, exc)
    except CchcError as exc:
        if args.self_test:
            _out(f"error {exc}", err=True)
        else:
            show_error(None, exc, "Không mở được dữ liệu")
        return 1
    if ws is None:
        return 1
    _setup_logging(ws)
    if args.demo:
        _make_demo(ws, strict=args.self_test)

    from desktop.ui.main_window import MainWindow

    window = MainWindow(ws)
    window.second_windows = listen_for_second_windows(window, data_dir)
    window.load()
    if window.overview.profile is None and not args.self_test:
        from desktop.ui.years.profile_form import FirstRunWizard

        wizard = FirstRunWizard(ws)
        if wizard.exec():
            window.load(wizard.saved_year)
    window.show_todo()  # where the officer's year starts
    screen = app.primaryScreen()
    if screen is not None and screen.availableGeometry().width() < 1400:
        window.setGeometry(screen.availableGeometry())  # also without a window manager
        window.showMaximized()  # 1366×768 office screens: use all of it
    else:
        window.show()
    if os.environ.get("CCHC_OPEN_TAB"):  # show one screen at start (screenshots, support)
        _open_screens(window, os.environ["CCHC_OPEN_TAB"])

    exit_code = {"value": 0}
    if args.self_test:

        def ready() -> None:
            _out(f"ready {round((time.perf_counter() - _T0) * 1000)}")
            app.exit(0)

        def too_slow() -> None:
            _out("error: cửa sổ chính không hiển thị dữ liệu trong 60 giây", err=True)
            exit_code["value"] = 3
            app.exit(3)

        # the first screen painted with the year's steps (read just after the window shows)
        window.todo_tab.loaded.connect(lambda: _FirstPaint(window.todo_tab.body, ready))
        QTimer.singleShot(SELF_TEST_TIMEOUT_MS, too_slow)
    else:

        def after_first_paint() -> None:
            window.run_integrity_check(full=False, quiet_when_ok=True)
            _start_backup(window)

        _FirstPaint(window.tabs, after_first_paint)  # whichever tab is shown first
    code = app.exec()
    ws.close()
    return code or exit_code["value"]


if __name__ == "__main__":
    sys.exit(main())
