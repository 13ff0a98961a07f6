"""Importing a colleague's bundle from the GUI: preview first (nothing written), a conflict
shown side by side, the officer's choice applied, every screen refreshed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from bundle_ui_data import DOCS, add_doc, bundle_window_fixture, fill, usb_fixture, wait_job  # noqa: F401
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QRadioButton
from sqlalchemy import select

from db.models import EvidenceDocument
from desktop.core.bundle.export import export_bundle
from desktop.core.bundle.plan import ExportScope
from desktop.core.workspace import open_workspace
from desktop.ui.bundle.import_dialog import run_import


def summaries(ws) -> dict[str, str]:
    with ws.session() as s:
        return {d.number: d.summary for d in s.scalars(select(EvidenceDocument))}


@pytest.fixture
def colleague_bundle(tmp_path: Path, usb: Path) -> Path:
    """Another commune's PC: the same 12/KH-UBND with another summary, and one new document."""
    ws = open_workspace(tmp_path / "may-dong-nghiep")
    try:
        changed = [
            (n, d, "Kế hoạch CCHC năm 2023 (bản sửa)" if n == "12/KH-UBND" else s, c)
            for n, d, s, c in DOCS
        ]
        fill(ws, tmp_path / "nguon-dong-nghiep", commune="Tân Tiến", docs=changed)
        add_doc(
            ws,
            tmp_path / "nguon-dong-nghiep",
            "07/TB-UBND",
            date(2023, 3, 1),
            "Thông báo lịch tiếp dân",
            "1.4.1",
        )
        return export_bundle(ws, ExportScope(2023), usb).path
    finally:
        ws.close()


def test_conflict_side_by_side_then_take_the_bundle(
    bundle_window, qtbot, boxes, monkeypatch, colleague_bundle
) -> None:
    window = bundle_window
    before = summaries(window.ws)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(colleague_bundle))
    job = wait_job(qtbot, window.safety.import_(as_zip=False))
    dlg = job.dialog
    assert summaries(window.ws) == before  # the preview wrote nothing
    assert dlg.import_button.isDefault()  # Enter imports, Esc cancels
    # another commune: a warning banner, import still allowed
    assert dlg.banner.isVisible() and "Xã Tân Tiến, Hải Dương" in dlg.banner.text()
    assert "không phải của Xã Đồng Tâm" in dlg.banner.text()
    statuses = {row[1]: (row[0], row[5]) for row in dlg.model.texts()}
    assert statuses == {
        "12/KH-UBND": ("Khác thông tin", "Giữ của máy này"),
        "45/BC-UBND": ("Đã có (giống hệt)", "Không cần nhập"),
        "01/QĐ-UBND": ("Đã có (giống hệt)", "Không cần nhập"),
        "07/TB-UBND": ("Mới", "Thêm mới"),
    }
    # the conflict is selected first and shown side by side
    assert dlg.current_item().bundle.number == "12/KH-UBND"
    rows = {
        dlg.compare.item(r, 0).text(): (
            dlg.compare.item(r, 1).text(),
            dlg.compare.item(r, 2).text(),
        )
        for r in range(dlg.compare.rowCount())
    }
    assert rows["Trích yếu"] == (
        "Kế hoạch cải cách hành chính năm 2023",
        "Kế hoạch CCHC năm 2023 (bản sửa)",
    )
    red = dlg.compare.item(list(rows).index("Trích yếu"), 2).background().color().name()
    assert red == "#fde7e7"
    radios = {b.text(): b for b in dlg.choice_box.findChildren(QRadioButton)}
    assert sorted(radios) == ["Bỏ qua", "Giữ cả hai", "Giữ của máy này", "Lấy theo gói"]
    take = radios["Lấy theo gói"]  # click on its circle, as the officer does
    qtbot.mouseClick(take, Qt.MouseButton.LeftButton, pos=QPoint(6, take.height() // 2))
    assert dlg.choices()[dlg.current_item().key] == "take_bundle"
    assert dict((r[1], r[5]) for r in dlg.model.texts())["12/KH-UBND"] == "Lấy theo gói"

    with qtbot.waitSignal(window.dataShown, timeout=15_000):
        qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
        wait_job(qtbot, dlg.apply_job)
    after = summaries(window.ws)
    assert after["12/KH-UBND"] == "Kế hoạch CCHC năm 2023 (bản sửa)"
    assert after["07/TB-UBND"] == "Thông báo lịch tiếp dân" and len(after) == 4
    assert "Năm 2023 · 4 tài liệu kiểm chứng" in window.status_year.text()
    assert boxes.texts[-1].startswith(
        "Đã nhập: 1 tài liệu mới, 1 tài liệu được bổ sung hoặc cập nhật"
    )


def test_cancel_writes_nothing(bundle_window, qtbot, boxes, colleague_bundle) -> None:
    before = summaries(bundle_window.ws)
    job = wait_job(qtbot, run_import(bundle_window, colleague_bundle))
    job.dialog.set_all_conflicts("take_bundle")
    job.dialog.reject()
    assert summaries(bundle_window.ws) == before


def test_a_tampered_bundle_is_refused_with_the_file(
    bundle_window, qtbot, boxes, colleague_bundle
) -> None:
    victim = next(colleague_bundle.rglob("07-TB-UBND*.pdf"))
    victim.write_bytes(b"%PDF sua")
    job = wait_job(qtbot, run_import(bundle_window, colleague_bundle))
    dlg = job.dialog
    assert "Không nhập gói này" in dlg.verdict.text()
    assert [r[0] for r in dlg.problem_rows()] == ["Bị thay đổi"]
    assert len(summaries(bundle_window.ws)) == 3


def test_own_bundle_has_nothing_new(bundle_window, qtbot, boxes, usb) -> None:
    path = export_bundle(bundle_window.ws, ExportScope(2023), usb).path
    wait_job(qtbot, run_import(bundle_window, path))
    assert boxes.texts == [
        "Không có gì mới để nhập: cả 3 tài liệu trong gói đã có trên máy, giống hệt."
    ]


def test_a_former_communes_bundle_cannot_be_imported_as_a_colleagues(
    bundle_window, qtbot, boxes, colleague_bundle
) -> None:
    from desktop.core.years.store import set_former_communes

    with bundle_window.ws.transaction() as s:  # Tân Tiến merged into this commune
        set_former_communes(s, ["Tân Tiến"])
    before = summaries(bundle_window.ws)
    job = wait_job(qtbot, run_import(bundle_window, colleague_bundle))
    dlg = job.dialog
    assert "Gói này của xã cũ Tân Tiến" in dlg.banner.text()
    assert "Nhập lịch sử xã cũ" in dlg.banner.text()
    assert not dlg.import_button.isEnabled()
    dlg.reject()
    assert summaries(bundle_window.ws) == before


def test_another_communes_bundle_asks_before_writing(
    bundle_window, qtbot, boxes, colleague_bundle
) -> None:
    before = summaries(bundle_window.ws)
    job = wait_job(qtbot, run_import(bundle_window, colleague_bundle))
    dlg = job.dialog
    boxes.answer = QMessageBox.StandardButton.No
    dlg.accept()
    assert boxes.shown and boxes.shown[-1][0] == "Gói của xã khác"
    assert "Tân Tiến" in boxes.texts[-1] and "Đồng Tâm" in boxes.texts[-1]
    assert getattr(dlg, "apply_job", None) is None
    assert summaries(bundle_window.ws) == before


def test_the_signer_is_shown_and_a_changed_key_asks(
    bundle_window, qtbot, boxes, colleague_bundle, tmp_path, usb
) -> None:
    from desktop.core.bundle.import_preview import preview_import
    from desktop.core.bundle.importer import apply_import

    ws = bundle_window.ws
    apply_import(ws, preview_import(ws, colleague_bundle), other_commune=True)  # key remembered
    impostor = open_workspace(tmp_path / "may-gia")
    try:
        forged = [(n, d, "Nội dung giả mạo", c) for n, d, _s, c in DOCS[:1]]
        fill(impostor, tmp_path / "nguon-gia", commune="Tân Tiến", docs=forged)
        fake = export_bundle(impostor, ExportScope(2023), usb, as_zip=True).path
    finally:
        impostor.close()
    before = summaries(ws)
    job = wait_job(qtbot, run_import(bundle_window, fake))
    dlg = job.dialog
    assert "CẢNH BÁO: KHÓA KÝ CỦA TÂN TIẾN ĐÃ THAY ĐỔI" in dlg.banner.text()
    assert "Mã khóa người ký:" in dlg.signer.text() and "KHÁC" in dlg.signer.text()
    boxes.answer = QMessageBox.StandardButton.No
    dlg.accept()
    assert boxes.shown[-1][0] == "Khóa ký đã thay đổi"
    assert getattr(dlg, "apply_job", None) is None
    assert summaries(ws) == before
