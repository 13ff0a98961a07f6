"""Hạn của năm: the self-assessment due date and the report's, typed or picked."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel

from desktop.core.todo.deadlines import DEADLINE_KINDS, deadlines, set_deadline
from desktop.core.workspace import Workspace
from desktop.ui.errors import show_error
from desktop.ui.inputs.date_input import DateInput, first_invalid
from desktop.ui.vi import dialog_buttons


class DeadlinesDialog(QDialog):
    def __init__(self, ws: Workspace, year: int, parent=None) -> None:
        super().__init__(parent)
        self.ws, self.year = ws, year
        self.setWindowTitle(f"Hạn của năm {year}")
        with ws.session() as s:
            due = deadlines(s, year)
        form = QFormLayout(self)
        self.boxes: dict[str, DateInput] = {}
        for kind, (label, _step) in DEADLINE_KINDS.items():
            box = DateInput(due[kind].due if kind in due else None, allow_empty=True, what=label)
            box.setAccessibleName(label)
            self.boxes[kind] = box
            form.addRow(f"{label}:", box)
        hint = QLabel(
            "Để trống nếu chưa có hạn. Trên tab Việc cần làm, bước còn dưới 7 ngày đến hạn "
            "(hoặc đã quá hạn) mà chưa xong được tô màu cam."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#555")
        form.addRow(hint)
        form.addRow(
            dialog_buttons(
                self,
                QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
            )
        )
        self.resize(460, 0)

    def accept(self) -> None:
        bad = first_invalid(*self.boxes.values())
        if bad is not None:  # said under the field
            bad.setFocus()
            return
        try:
            with self.ws.transaction() as s:
                for kind, box in self.boxes.items():
                    set_deadline(s, self.year, kind, box.value())
        except Exception as exc:  # noqa: BLE001 - shown to the officer
            show_error(self, exc)
            return
        super().accept()
