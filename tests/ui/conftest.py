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


@pytest.fixture
def evidence_ws(data_dir, make_file):
    """Year 2023 with the sample catalog and three documents: 12/KH-UBND (1.4.1),
    45/BC-UBND (1.2.1, 1.2.2) and 08/BB-UBND dated 2022 (3.1.1)."""
    from datetime import date

    from desktop.core.catalog.store import load_builtin
    from desktop.core.evidence.documents import NewDocument, add_document
    from desktop.core.workspace import open_workspace
    from desktop.core.years.profile import save_profile

    ws = open_workspace(data_dir)
    issuer = "UBND xã Đồng Tâm"
    docs = [
        (
            NewDocument(
                2023,
                "12/KH-UBND",
                date(2023, 1, 20),
                "Kế hoạch",
                "Kế hoạch tuyên truyền cải cách hành chính năm 2023",
                issuer,
                responsible="Trần Thị Bình",
            ),
            "12-KH-UBND.pdf",
            ["1.4.1"],
        ),
        (
            NewDocument(
                2023,
                "45/BC-UBND",
                date(2023, 6, 15),
                "Báo cáo",
                "Báo cáo công tác cải cách hành chính 6 tháng đầu năm",
                issuer,
                responsible="Phạm Thị Dung",
            ),
            "45-BC-UBND.pdf",
            ["1.2.1", "1.2.2"],
        ),
        (
            NewDocument(
                2023,
                "08/BB-UBND",
                date(2022, 9, 5),
                "Biên bản",
                "Biên bản kiểm tra niêm yết thủ tục hành chính",
                issuer,
                responsible="Phạm Thị Dung",
            ),
            "08-BB-UBND.pdf",
            ["3.1.1"],
        ),
    ]
    with ws.transaction() as s:
        save_profile(
            s,
            commune_name="Đồng Tâm",
            district="Ninh Giang",
            province="Hải Dương",
            officer="Trần Thị Bình",
        )
        load_builtin(s, 2023, "mau-minh-hoa")
        for doc, name, codes in docs:
            add_document(s, ws.store, doc, [make_file(name)], codes)
    yield ws
    ws.close()


@pytest.fixture
def show_window(qtbot):
    """The main window on a workspace, loaded and shown at 1366×768."""
    from desktop.ui.main_window import MainWindow

    def show(ws):
        w = MainWindow(ws)
        qtbot.addWidget(w)
        w.load()
        w.resize(1366, 768)
        w.show()
        qtbot.waitExposed(w)
        return w

    return show


@pytest.fixture
def ev_window(show_window, evidence_ws):
    return show_window(evidence_ws)


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """Files "opened in their default program" (recorded instead)."""
    from PySide6.QtGui import QDesktopServices

    seen: list[str] = []

    def fake_open(url) -> bool:
        seen.append(url.toLocalFile())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", fake_open)
    return seen


@pytest.fixture
def drop():
    """Drop files from Explorer onto a widget at a point: drag enter, move, drop, as Qt
    delivers them. Returns whether the widget accepted the drop."""
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    def do(widget, paths, pos: QPoint | None = None) -> bool:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
        at = pos if pos is not None else widget.rect().center()
        args = (
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )

        def event(cls):  # Qt ≥ 6.12 takes a QPointF (QPoint is deprecated), older a QPoint
            try:
                return cls(QPointF(at), *args)
            except TypeError:
                return cls(at, *args)

        enter = event(QDragEnterEvent)
        QApplication.sendEvent(widget, enter)
        if not enter.isAccepted():
            return False
        move = event(QDragMoveEvent)
        QApplication.sendEvent(widget, move)
        if not move.isAccepted():
            return False
        dropped = QDropEvent(QPointF(at), *args)
        QApplication.sendEvent(widget, dropped)
        return dropped.isAccepted()

    return do
