"""Background work, errors, crash log, first-run wizard, demo and --self-test."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWizard

from base.errors import ValidationError
from db.dbfile import DB_FILE_NAME
from desktop.core.catalog.store import catalog_info
from desktop.core.years.profile import get_profile
from desktop.ui import errors as ui_errors
from desktop.ui.vi import translate_buttons
from desktop.ui.worker import run_job


def test_job_success_reports_progress_and_result(qtbot) -> None:
    seen: list[int] = []
    results: list[int] = []

    def work(progress) -> int:
        for i in range(1, 4):
            progress.update(i, 3, f"Bước {i}")
        return 42

    job = run_job(None, work, label="Đang làm…", on_success=results.append)
    job.progressed.connect(lambda d, _t, _s: seen.append(d))
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert results == [42] and job.error is None


def test_job_failure_goes_to_show_error(qtbot, boxes) -> None:
    def work(progress):
        raise ValidationError("Điểm 7 vượt điểm tối đa 3 của tiêu chí 3.5.1.")

    job = run_job(None, work, label="Đang lưu…")
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert boxes.texts == ["Điểm 7 vượt điểm tối đa 3 của tiêu chí 3.5.1."]


def test_job_cancel_is_quiet(qtbot, boxes) -> None:
    started = threading.Event()
    release = threading.Event()

    def work(progress):
        started.set()
        release.wait(5)
        progress.update(1, 2)  # raises Cancelled: the job stops here
        return "not reached"

    results: list[str] = []
    job = run_job(None, work, label="Đang nhập…", on_success=results.append)
    assert started.wait(5)
    job.cancel()
    release.set()
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert job.cancelled and results == [] and boxes.texts == []


def test_unexpected_error_writes_log_and_shows_it(qtbot, boxes, tmp_path: Path) -> None:
    ui_errors.set_log_dir(tmp_path / "logs")
    try:
        raise RuntimeError("hỏng bất ngờ")
    except RuntimeError as exc:
        ui_errors._excepthook(type(exc), exc, exc.__traceback__)
    logs = list((tmp_path / "logs").glob("loi-*.log"))
    assert len(logs) == 1 and "hỏng bất ngờ" in logs[0].read_text(encoding="utf-8")
    assert "Lỗi không mong muốn" in boxes.shown[-1][0]
    assert str(logs[0]) in boxes.texts[-1]


def test_standard_buttons_are_vietnamese(qtbot) -> None:
    box = translate_buttons(
        QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Yes
            | QDialogButtonBox.StandardButton.No
        )
    )
    qtbot.addWidget(box)
    assert sorted(b.text() for b in box.buttons()) == ["Có", "Hủy", "Không", "Đồng ý"]


def test_question_box_defaults_to_no(qtbot, boxes) -> None:
    from desktop.ui.vi import ask_yes_no

    boxes.answer = QMessageBox.StandardButton.No
    assert ask_yes_no(None, "Xóa", "Xóa tài liệu 123/BC-UBND?") is False
    assert sorted(boxes.buttons) == ["Có", "Không"]


def test_first_run_wizard_saves_profile_and_year(qtbot, ws) -> None:
    from desktop.ui.years.profile_form import FirstRunWizard

    wiz = FirstRunWizard(ws)
    qtbot.addWidget(wiz)
    wiz.show()
    assert wiz.buttonText(QWizard.WizardButton.NextButton) == "Tiếp theo >"
    wiz.next()
    page = wiz.currentPage()
    assert not page.isComplete()  # commune and province are required
    form = wiz.form
    # QTest cannot type non-ASCII keys; insert() is what an input method does.
    form.commune.insert("Tân Tiến")
    form.province.insert("Hải Phòng")
    form.year.setValue(2026)
    assert page.isComplete()
    wiz.accept()
    with ws.session() as s:
        prof = get_profile(s)
        info = catalog_info(s, 2026)
    assert prof.commune_name == "Tân Tiến" and prof.district is None
    assert info.node_count == 10 and wiz.saved_year == 2026
    from desktop.core.bundle.signing import signing_key

    with ws.session() as s:  # the commune's bundle key is made at the first start
        assert len(signing_key(s).fingerprint) == 39


def _run_gui(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env_extra or {}))
    return subprocess.run(
        [sys.executable, "-m", "desktop.ui.app", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


def test_self_test_prints_ready(tmp_path: Path) -> None:
    proc = _run_gui("--self-test", "--demo", "--data-dir", str(tmp_path / "demo"))
    assert proc.returncode == 0, proc.stderr
    word, ms = proc.stdout.split()
    assert word == "ready" and int(ms) > 0
    # the automatic backup waits for a real start, never in --self-test
    assert not list((tmp_path / "demo" / "backups").glob("*tu-dong*"))


def test_self_test_fails_on_corrupt_database(tmp_path: Path) -> None:
    d = tmp_path / "data"
    d.mkdir()
    (d / DB_FILE_NAME).write_bytes(b"not sqlite" * 50)
    proc = _run_gui("--self-test", "--data-dir", str(d))
    assert proc.returncode != 0
    assert "bị hỏng" in proc.stderr
    assert (d / DB_FILE_NAME).read_bytes() == b"not sqlite" * 50


def test_first_screen_does_not_load_sqlalchemy() -> None:
    """Start-up stays fast: the first screen is drawn before SQLAlchemy/Alembic load."""
    code = (
        "import sys; import desktop.ui.app, desktop.ui.main_window; "
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sqlalchemy', 'alembic', 'docx', 'openpyxl')); print(heavy)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_gui_says_why_it_cannot_open_an_unwritable_folder(qtbot, boxes, tmp_path: Path) -> None:
    from desktop.ui.app import main

    blocker = tmp_path / "la-tep"
    blocker.write_text("x")
    assert main(["--data-dir", str(blocker / "du-lieu")]) == 1
    title, text = boxes.shown[-1]
    assert title == "Không mở được dữ liệu"
    assert "Không ghi được vào thư mục dữ liệu" in text


def test_gui_refuses_database_from_newer_app(qtbot, boxes, tmp_path: Path) -> None:
    import sqlite3

    from desktop.core.workspace import open_workspace
    from desktop.ui.app import main

    open_workspace(tmp_path).close()
    con = sqlite3.connect(tmp_path / DB_FILE_NAME)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    assert main(["--data-dir", str(tmp_path)]) == 1
    assert "phiên bản Sổ CCHC mới hơn" in boxes.texts[-1]


def test_job_outliving_its_window_is_quiet(qtbot, boxes) -> None:
    """A background job that ends after its window closed tells nobody and does not crash."""
    from PySide6.QtWidgets import QWidget

    started, release = threading.Event(), threading.Event()

    def work(progress):
        started.set()
        release.wait(5)
        raise ValidationError("lỗi muộn")

    parent = QWidget()
    results: list[str] = []
    job = run_job(parent, work, label="Đang làm…", on_failure=lambda e: results.append(str(e)))
    assert started.wait(5)
    parent.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(parent))
    release.set()
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert results == [] and boxes.texts == []


def test_a_second_window_on_the_folder_says_who_has_it(
    qtbot, boxes, tmp_path: Path, holders
) -> None:
    from desktop.ui.app import main

    data = tmp_path / "du-lieu"
    first = holders("window", data)
    boxes.answer = boxes.answer.No  # "bring it forward?": no
    assert main(["--data-dir", str(data)]) == 1
    title, text = boxes.shown[-1]
    assert title == "Sổ CCHC đang mở" and "Đưa cửa sổ Sổ CCHC đang mở" in text
    assert f"tiến trình {first.proc.pid}" in text and "cửa sổ Sổ CCHC" in text
    assert not (data / DB_FILE_NAME).exists()  # the second window opened nothing


def test_a_second_window_brings_the_first_forward(qtbot, boxes, tmp_path: Path, holders) -> None:
    from PySide6.QtWidgets import QWidget

    from desktop.ui.app import listen_for_second_windows, main

    data = tmp_path / "du-lieu"
    holders("window", data)  # the first window's lock (its own process)
    first = QWidget()  # ... and its window, listening
    qtbot.addWidget(first)
    server = listen_for_second_windows(first, data)
    assert server is not None
    assert main(["--data-dir", str(data)]) == 1  # boxes answer Có
    qtbot.waitUntil(lambda: server.raised == 1)
    assert [title for title, _ in boxes.shown] == ["Sổ CCHC đang mở"]


def test_a_sqlite_failure_is_said_in_vietnamese(qtbot, boxes) -> None:
    import sqlite3

    from desktop.ui.errors import show_error

    show_error(None, sqlite3.DatabaseError("database disk image is malformed"))
    title, text = boxes.shown[-1]
    assert "bị hỏng" in text and "malformed" not in text and title != "Lỗi không mong muốn"
    show_error(None, sqlite3.OperationalError("database or disk is full"))
    assert "đã đầy" in boxes.shown[-1][1] and "Còn trống" in boxes.shown[-1][1]
