"""Figures only the portal knows (service index score and rank, online payment rate),
edited in place and saved for the shown period when a field is left or Enter is pressed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from base.errors import CchcError
from desktop.core.dossiers import ManualFigures, Period, set_manual_figures
from desktop.core.office.vnformat import format_points, parse_points, parse_rank
from desktop.core.workspace import Workspace
from desktop.ui.errors import show_error


def _points(text: str, what: str) -> dict:
    return {"service_index": parse_points(text, what=what) if text else None}


def _rate(text: str, what: str) -> dict:
    raw = text.rstrip("% ")
    return {"online_payment_rate": parse_points(raw, what=what) if raw else None}


def _rank(text: str, what: str) -> dict:
    if not text:
        return {"service_rank": None, "service_rank_of": None}
    place, _, out_of = parse_rank(text, what=what).partition("/")
    return {"service_rank": int(place), "service_rank_of": int(out_of) if out_of else None}


def _note(text: str, what: str) -> dict:
    return {"note": text}


@dataclass(frozen=True)
class ManualField:
    label: str
    placeholder: str
    what: str  # the figure's name in messages
    parse: Callable[[str, str], dict]  # text -> keyword arguments of set_manual_figures


FIELDS: dict[str, ManualField] = {
    "service_index": ManualField(
        "Chỉ số &phục vụ (điểm):", "ví dụ 65,67", "Chỉ số phục vụ", _points
    ),
    "rank": ManualField("Xếp &hạng:", "ví dụ 14/20", "Xếp hạng chỉ số phục vụ", _rank),
    "online_payment": ManualField(
        "Thanh toán t&rực tuyến (%):", "trống: theo tệp", "Tỷ lệ thanh toán trực tuyến", _rate
    ),
    "note": ManualField("Gh&i chú:", "", "Ghi chú", _note),
}


def manual_texts(m: ManualFigures | None) -> dict[str, str]:
    if m is None:
        return dict.fromkeys(FIELDS, "")
    rate = m.online_payment_rate
    return {
        "service_index": format_points(m.service_index),
        "rank": m.rank_text,
        "online_payment": format_points(rate) if rate is not None else "",
        "note": m.note,
    }


class ManualFiguresBox(QGroupBox):
    """``saved`` after a figure was written (the screen then refreshes)."""

    saved = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("Số liệu trên cổng dịch vụ công (nhập tay, theo kỳ)", parent)
        self.ws = ws
        self.period: Period | None = None
        self.shown: dict[str, str] = dict.fromkeys(FIELDS, "")
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        for name, spec in FIELDS.items():
            edit = QLineEdit()
            edit.setPlaceholderText(spec.placeholder)
            edit.setAccessibleName(spec.what)
            edit.setToolTip(spec.what)
            edit.editingFinished.connect(lambda n=name: self.save(n))
            lbl = QLabel(spec.label)
            lbl.setBuddy(edit)
            form.addRow(lbl, edit)
            self.edits[name] = edit
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color:#555;")
        form.addRow(self.status)
        self._saving = False

    def show_period(self, period: Period, manual: ManualFigures | None) -> None:
        if period != self.period:
            self.status.setText("Lưu tự động khi rời ô hoặc nhấn Enter.")
        self.period = period
        self.shown = manual_texts(manual)
        for name, edit in self.edits.items():
            edit.setText(self.shown[name])

    def save(self, name: str) -> bool:
        """Save one field if its text changed; False (and the old text back) on an error."""
        edit = self.edits[name]
        text = " ".join(edit.text().split())
        if self._saving or self.period is None or text == self.shown[name]:
            return True
        what = FIELDS[name].what
        self._saving = True
        try:
            values: dict[str, Decimal | int | str | None] = FIELDS[name].parse(text, what)
            with self.ws.transaction() as s:
                manual = set_manual_figures(s, self.period, **values)
        except CchcError as exc:
            edit.setText(self.shown[name])
            show_error(self, exc)
            return False
        finally:
            self._saving = False
        self.shown = {**self.shown, name: manual_texts(manual)[name]}
        edit.setText(self.shown[name])
        self.status.setText(f"Đã lưu “{what}” cho kỳ này.")
        self.saved.emit()
        return True
