"""GUI test helpers: message boxes are recorded instead of blocking the test."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from PySide6.QtWidgets import QMessageBox


@dataclass
class Boxes:
    shown: list[tuple[str, str]] = field(default_factory=list)
    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes

    @property
    def texts(self) -> list[str]:
        return [t for _title, t in self.shown]


@pytest.fixture
def boxes(monkeypatch) -> Boxes:
    rec = Boxes()

    def fake_exec(self: QMessageBox) -> int:
        buttons = [b.text() for b in self.buttons()]
        rec.shown.append((self.windowTitle(), self.text()))
        rec.buttons = buttons  # type: ignore[attr-defined]
        return (
            int(rec.answer.value)
            if self.button(rec.answer)
            else int(QMessageBox.StandardButton.Ok.value)
        )

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return rec
