"""The "Gói nộp USB" screen: target, scope, plan before writing, export, read-back result,
history; and "Kiểm tra gói…" on a tampered bundle."""

from __future__ import annotations

import json
from pathlib import Path

from bundle_ui_data import bundle_window_fixture, usb_fixture, wait_job  # noqa: F401
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desktop.core.bundle import drives
from desktop.core.bundle.drives import DriveInfo
from desktop.core.bundle.export import export_bundle
from desktop.core.bundle.plan import ExportScope
from desktop.ui.bundle import tab as bundle_tab


def open_tab(window):
    return window.screens.open("BundleTab")


def choose_folder(tab, qtbot, monkeypatch, folder: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    qtbot.mouseClick(tab.targets.folder_button, Qt.MouseButton.LeftButton)
    assert tab.targets.target() == folder


def test_removable_drives_are_listed_with_free_space(bundle_window, monkeypatch, usb) -> None:
    stick = DriveInfo(usb, "KINGSTON", 3_200_000_000, 8_000_000_000)
    monkeypatch.setattr(drives, "list_removable_drives", lambda: [stick])
    tab = open_tab(bundle_window)
    tab.targets.reload()
    texts = [tab.targets.list.item(i).text() for i in range(tab.targets.list.count())]
    assert texts == [f"{usb} KINGSTON (còn 3,2 GB)"]
    assert tab.targets.target() == usb


def test_plan_then_export_to_a_folder_and_see_the_check(
    bundle_window, qtbot, boxes, monkeypatch, usb
) -> None:
    tab = open_tab(bundle_window)
    assert not tab.export_button.isEnabled()
    assert "Chưa chọn nơi ghi" in tab.warnings.text()
    choose_folder(tab, qtbot, monkeypatch, usb)
    tab.update_plan()
    assert tab.export_button.isEnabled() and not tab.warnings.isVisible()
    assert "3 tài liệu, 3 tệp" in tab.plan_label.text()
    rows = sorted(tab.area_model.texts())
    assert rows == [
        ["1 Chỉ đạo điều hành", "2", "2", "1 KB"],
        ["3 Cải cách thủ tục hành chính", "1", "1", "1 KB"],
    ]

    job = wait_job(qtbot, tab.export())
    assert job.error is None and boxes.texts == []
    bundles = [p for p in usb.iterdir()]
    assert len(bundles) == 1 and bundles[0].is_dir()
    manifest = json.loads((bundles[0] / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(d["number"] for d in manifest["documents"]) == [
        "01/QĐ-UBND",
        "12/KH-UBND",
        "45/BC-UBND",
    ]
    text = tab.result_label.text()
    assert bundles[0].name in text and "so mã băm: 5/5 tệp đúng – gói nguyên vẹn" in text
    # the handoff is in the history, and "only what changed" now offers its date
    assert len(tab.history_model.rows) == 1
    assert tab.history_model.texts()[0][1] == bundles[0].name
    assert (
        tab.scope.changed_only.isEnabled()
        and "lần bàn giao trước (" in tab.scope.changed_only.text()
    )
    tab.scope.changed_only.setChecked(True)
    tab.update_plan()
    assert "Không có tài liệu nào thay đổi từ lần bàn giao trước" in tab.plan_label.text()
    assert not tab.export_button.isEnabled()

    check = wait_job(qtbot, tab.recheck())
    assert "Gói nguyên vẹn: cả 4 tệp trong danh sách đúng mã băm" in check.dialog.verdict.text()


def test_scope_by_area_and_zip(bundle_window, qtbot, boxes, monkeypatch, usb) -> None:
    tab = open_tab(bundle_window)
    choose_folder(tab, qtbot, monkeypatch, usb)
    tab.scope.check_all(False)
    tab.update_plan()
    assert tab.plan_label.text() == "Chưa chọn lĩnh vực nào." and not tab.export_button.isEnabled()
    area3 = next(
        tab.scope.areas.item(i)
        for i in range(tab.scope.areas.count())
        if tab.scope.areas.item(i).text().startswith("3.")
    )
    area3.setCheckState(Qt.CheckState.Checked)
    tab.update_plan()
    assert tab.scope.scope().areas == ("3",)
    assert [r[0] for r in tab.area_model.texts()] == ["3 Cải cách thủ tục hành chính"]
    tab.as_zip.setChecked(True)
    wait_job(qtbot, tab.export())
    (bundle,) = usb.iterdir()
    assert bundle.suffix == ".zip" and "tệp .zip" in tab.result_label.text()


def test_not_enough_free_space_is_shown_before_writing(
    bundle_window, qtbot, monkeypatch, usb
) -> None:
    tab = open_tab(bundle_window)
    choose_folder(tab, qtbot, monkeypatch, usb)
    monkeypatch.setattr(bundle_tab, "free_space", lambda path: 20_000)
    tab.update_plan()
    assert (
        f"Không đủ chỗ trống ở {usb}" in tab.warnings.text() and "còn 20 KB" in tab.warnings.text()
    )
    assert not tab.export_button.isEnabled()


def test_verify_lists_the_changed_file(bundle_window, qtbot, boxes, monkeypatch, usb) -> None:
    bundle = export_bundle(bundle_window.ws, ExportScope(2023), usb).path
    changed = next(bundle.rglob("45-BC-UBND*.pdf"))
    changed.write_bytes(b"%PDF-1.4 sua tay")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(bundle))
    job = wait_job(qtbot, bundle_window.safety.verify(as_zip=False))
    dlg = job.dialog
    assert dlg.verdict.text().startswith("Gói KHÔNG nguyên vẹn: 1 lỗi")
    rel = changed.relative_to(bundle).as_posix()
    assert dlg.problem_rows() == [["Bị thay đổi", rel, "Nội dung khác lúc tạo gói (mã băm khác)."]]
    assert "3 tài liệu" in dlg.info.text()


def test_verify_of_an_intact_zip(bundle_window, qtbot, boxes, monkeypatch, usb) -> None:
    bundle = export_bundle(bundle_window.ws, ExportScope(2023), usb, as_zip=True).path
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bundle), ""))
    job = wait_job(qtbot, bundle_window.safety.verify(as_zip=True))
    assert (
        job.dialog.verdict.text().startswith("Gói nguyên vẹn") and job.dialog.problem_rows() == []
    )


def test_only_reports(bundle_window, qtbot, boxes, monkeypatch, usb, tmp_path) -> None:
    report = tmp_path / "Báo cáo CCHC năm 2023 (đã ký).pdf"
    report.write_bytes(b"%PDF-1.4 bao cao da ky")
    tab = open_tab(bundle_window)
    choose_folder(tab, qtbot, monkeypatch, usb)
    tab.scope.reports_only.setChecked(True)
    tab.update_plan()
    assert tab.plan_label.text() == "Chưa có báo cáo nào để đưa vào gói."
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(report)], ""))
    tab.scope.add_reports()
    tab.update_plan()
    assert "0 tài liệu, 1 tệp" in tab.plan_label.text() and "1 báo cáo" in tab.plan_label.text()
    wait_job(qtbot, tab.export())
    (bundle,) = usb.iterdir()
    # file names are folded to ASCII for the portal
    assert [p.name for p in (bundle / "BaoCao").iterdir()] == ["Bao cao CCHC nam 2023 (da ky).pdf"]


def test_cancelled_export_leaves_nothing(bundle_window, qtbot, boxes, monkeypatch, usb) -> None:
    import threading

    started, release = threading.Event(), threading.Event()
    real = bundle_tab.export_bundle

    def slow_export(*args, **kwargs):
        started.set()
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(bundle_tab, "export_bundle", slow_export)
    tab = open_tab(bundle_window)
    choose_folder(tab, qtbot, monkeypatch, usb)
    tab.update_plan()
    job = tab.export()
    assert started.wait(10) and not tab.export_button.isEnabled()
    job.cancel()  # what "Hủy" in the progress dialog does
    release.set()
    wait_job(qtbot, job)
    assert job.cancelled and boxes.texts == []
    assert list(usb.iterdir()) == []
    assert tab.result_label.text().startswith("Đã hủy: không có gói nào được ghi")
    assert tab.history_model.rows == [] and tab.export_button.isEnabled()


def test_ctrl_9_opens_the_screen(bundle_window, qtbot) -> None:
    qtbot.keyClick(bundle_window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    tab = bundle_window.tabs.currentWidget()
    assert type(tab).__name__ == "BundleTab" and tab.heading.text() == "Gói nộp USB – năm 2023"


def test_signed_report_from_the_register(
    bundle_window, qtbot, boxes, monkeypatch, usb, tmp_path
) -> None:
    from datetime import date

    from desktop.core.dossiers.periods import custom_period
    from desktop.core.report.status import attach_signed_scan, set_status
    from desktop.core.report.store import create_index_report

    ws = bundle_window.ws
    scan = tmp_path / "BC 5 đã ký.pdf"
    scan.write_bytes(b"%PDF-1.4 ban giay da ky va dong dau")
    with ws.transaction() as s:
        period = custom_period("15/12/2022", "30/03/2023")
        rid = create_index_report(
            s, index_year=2023, period=period, number="5", report_date=date(2023, 4, 4)
        ).report.id
        set_status(s, rid, "exported", path=tmp_path / "bc.docx")
        set_status(s, rid, "printed")
        attach_signed_scan(s, ws.store, rid, scan)
    tab = open_tab(bundle_window)
    choose_folder(tab, qtbot, monkeypatch, usb)
    assert tab.scope.add_register_reports() == 1
    assert tab.scope.reports.item(0).text().startswith("05/BC-UBND")  # Số pads numbers below 10
    assert tab.scope.add_register_reports() == 0  # listed once
    tab.update_plan()
    assert "trong đó 1 báo cáo" in tab.plan_label.text()
    wait_job(qtbot, tab.export())
    (bundle,) = usb.iterdir()
    (copied,) = (bundle / "BaoCao").iterdir()
    assert copied.name.startswith("05-BC-UBND") and copied.name.endswith("(ban da ky).pdf")
    assert copied.read_bytes() == scan.read_bytes()


def test_verify_shows_the_signers_key(bundle_window, qtbot, boxes, monkeypatch, usb) -> None:
    from desktop.core.bundle.signing import signing_key

    bundle = export_bundle(bundle_window.ws, ExportScope(2023), usb, as_zip=True).path
    with bundle_window.ws.session() as s:
        mine = signing_key(s).fingerprint
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bundle), ""))
    job = wait_job(qtbot, bundle_window.safety.verify(as_zip=True))
    assert f"Chữ ký số hợp lệ, mã khóa người ký: {mine}" in job.dialog.info.text()
