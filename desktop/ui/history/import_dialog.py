"""Tệp → "Nhập lịch sử xã cũ…": choose a former commune's bundle or backup, check it in
the background, ask the questions it raises (Có/Không, default Không), then import it
into that commune's history folder. Nothing changes until every question is answered Có.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog

from desktop.core.history.importer import (
    HistoryImportResult,
    HistoryPlan,
    apply_history_import,
    plan_history_import,
)
from desktop.core.office.vnformat import format_int
from desktop.ui.files.dialogs import remember, start_dir
from desktop.ui.vi import ask_yes_no, info
from desktop.ui.worker import Job, run_job

if TYPE_CHECKING:
    from desktop.ui.history.units import UnitSelector

TITLE = "Nhập lịch sử xã cũ"
FILTER = (
    "Gói tài liệu hoặc bản sao lưu (*.zip manifest.json *.sqlite3);;"
    "Tệp gói .zip (*.zip);;Danh sách của thư mục gói (manifest.json);;"
    "Bản sao lưu (*.sqlite3);;Tất cả các tệp (*)"
)
ASK = {
    "not_former": "Xác nhận xã {former} là xã cũ (thêm vào danh sách) và nhập làm lịch sử?",
    "already": "Cập nhật lịch sử của xã {former}?",
    "appraiser": "Vẫn nhập dữ liệu này?",
}


def _question_text(plan: HistoryPlan, message: str, kind: str) -> str:
    body = message.removesuffix(" Chưa thay đổi gì.")
    return f"{body}\n\n{ASK[kind].format(former=plan.former)}"


def _done_text(r: HistoryImportResult) -> str:
    verb = "Đã cập nhật" if r.updated else "Đã nhập"
    years = ", ".join(map(str, r.years)) or "không rõ năm"
    lines = [
        f"{verb} lịch sử xã cũ {r.former} (năm {years}): {format_int(r.documents)} tài liệu, "
        f"chép {format_int(r.files_copied)} tệp."
    ]
    if r.added_former:
        lines.append(f"Đã thêm xã {r.former} vào danh sách xã cũ đã sáp nhập.")
    lines += [f"Lưu ý: {w}" for w in r.warnings]
    lines.append("Chọn xã ở ô “Đơn vị” trên thanh công cụ để xem.")
    return "\n\n".join(lines)


def import_history(selector: UnitSelector, path: Path | None = None) -> Job | None:
    """Returns the checking job (tests wait on it); the import job goes to
    ``selector.jobs`` once the questions are answered."""
    window = selector.window
    if path is None:
        picked, _ = QFileDialog.getOpenFileName(
            window,
            "Chọn gói tài liệu hoặc bản sao lưu của xã cũ",
            str(start_dir(window, "history")),
            FILTER,
        )
        if not picked:
            return None
        remember(window, "history", Path(picked))
        path = Path(picked)
    ws = selector.main_ws
    selector.jobs = []

    def checked(plan: HistoryPlan) -> None:
        # asked once the checking job's progress dialog has closed
        QTimer.singleShot(0, window, lambda: ask_then_import(plan))

    def ask_then_import(plan: HistoryPlan) -> None:
        answers = {"not_former": False, "already": False, "appraiser": False}
        for q in plan.questions:
            if not ask_yes_no(window, TITLE, _question_text(plan, q.message, q.kind)):
                plan.source.cleanup()
                window.statusBar().showMessage("Chưa nhập lịch sử xã cũ: chưa thay đổi gì.", 8000)
                return
            answers[q.kind] = True

        def imported(result: HistoryImportResult) -> None:
            selector.reload()
            if result.added_former:
                window.dataChanged.emit()
            info(window, TITLE, _done_text(result))

        selector.jobs.append(
            run_job(
                window,
                lambda progress: apply_history_import(
                    ws,
                    plan,
                    add_former=answers["not_former"],
                    update=answers["already"],
                    confirm_appraiser=answers["appraiser"],
                    progress=progress,
                ),
                label=f"Đang nhập lịch sử xã cũ {plan.former}…",
                on_success=imported,
            )
        )

    return run_job(
        window,
        lambda progress: plan_history_import(ws, path, progress=progress),
        label=f"Đang kiểm tra {path.name}…",
        on_success=checked,
    )
