"""Importing portal exports from the statistics screen: summary with skipped rows, the
sheet picker, drag-and-drop, the mapping dialog saving a profile that is applied next
time, bad files refused with a message, and cancel."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from dossier_exports import EXPORT1_ROWS, simulate_excel_lock, write_export1, write_export2
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog
from stats_screen import EXPORT1_Q1_FORM06, import_file, screen, stats_ws  # noqa: F401

from desktop.core.dossiers import list_profiles
from desktop.ui.dossiers.import_dialog import ImportSummaryDialog, SheetDialog
from desktop.ui.dossiers.mapping import MappingDialog


def _total(screen) -> list[str]:  # noqa: F811
    return screen.table.row_texts()[0][2:]


def test_import_summary_lists_skipped_rows(qtbot, screen, tmp_path, monkeypatch) -> None:  # noqa: F811
    path = write_export1(tmp_path / "xuat-q1.xlsx")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), "Bảng tính Excel")
    )
    with qtbot.waitSignal(screen.importer.dialogShown, timeout=20_000) as shown:
        screen.btn_import.click()
    dlg = shown.args[0]
    assert isinstance(dlg, ImportSummaryDialog)
    # 16 data rows: A08 twice (merged), one without a code, A15 with 31/02/2023
    assert dlg.counts() == {
        "Hồ sơ mới:": "13",
        "Cập nhật:": "0",
        "Không đổi:": "0",
        "Dòng bỏ qua:": "2",
    }
    skipped = dlg.skipped.texts()
    assert [row[:3] for row in skipped] == [["Danh sách", "20", ""], ["Danh sách", "21", "A15"]]
    assert skipped[0][3] == "không có mã hồ sơ"
    assert "ngày tiếp nhận" in skipped[1][3]
    dlg.accept()
    assert screen.table.row_texts() == EXPORT1_Q1_FORM06

    # the same file again changes nothing; an overlapping export updates what is newer
    again = import_file(qtbot, screen, path)
    assert again.counts()["Không đổi:"] == "13" and again.counts()["Hồ sơ mới:"] == "0"
    again.accept()
    second = import_file(qtbot, screen, write_export2(tmp_path / "xuat-2.xlsx"))
    assert second.counts() == {
        "Hồ sơ mới:": "3",  # B01, B02, B03
        "Cập nhật:": "1",  # A01 now has a result (A11 the same, A09 older)
        "Không đổi:": "2",
        "Dòng bỏ qua:": "2",
    }
    second.accept()
    # tests/dossier_exports.py BOTH_Q1: received 12 (online 5, direct+postal 5, carried 2),
    # resolved 8 (before due 3, on due 3, late 2), in progress 3 (in time 1, overdue 2)
    assert _total(screen) == ["12", "5", "5", "2", "8", "3", "3", "2", "3", "1", "2"]


def test_sheet_picker_defaults_to_the_dossier_table(qtbot, screen, tmp_path, boxes) -> None:  # noqa: F811
    path = write_export1(tmp_path / "nhieu-trang.xlsx")
    wb = load_workbook(path)
    notes = wb.create_sheet("Hướng dẫn", 0)
    notes["A1"] = "Tệp xuất từ Hệ thống thông tin giải quyết TTHC tỉnh"
    wb.create_sheet("Tổng hợp")["A1"] = "Tổng hợp theo lĩnh vực"
    wb.save(path)
    with qtbot.waitSignal(screen.importer.dialogShown, timeout=20_000) as shown:
        screen.import_files([path])
    picker = shown.args[0]
    assert isinstance(picker, SheetDialog)
    assert picker.sheet() == "Danh sách"
    assert picker.list.count() == 3
    assert "(có bảng hồ sơ)" in picker.list.currentItem().text()
    # choosing a sheet without a table: a message, nothing imported
    picker.choose("Hướng dẫn")
    with qtbot.waitSignal(screen.importer.done, timeout=20_000) as done:
        picker.accept()
    assert done.args == [None]
    assert "Không tìm thấy bảng danh sách hồ sơ trong trang tính “Hướng dẫn”" in boxes.texts[-1]
    assert _total(screen)[0] == "0"
    # again, keeping the suggested sheet
    with qtbot.waitSignal(screen.importer.dialogShown, timeout=20_000) as shown:
        screen.import_files([path])
    with qtbot.waitSignal(screen.importer.dialogShown, timeout=20_000) as shown2:
        shown.args[0].accept()
    assert isinstance(shown2.args[0], ImportSummaryDialog)
    assert shown2.args[0].summary.sheet == "Danh sách"
    assert screen.table.row_texts() == EXPORT1_Q1_FORM06


def _drop_event(cls, paths: list[Path]):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # QDragEnterEvent takes a QPoint, QDropEvent a QPointF (as in C++).
    pos = QPoint(20, 20) if cls is QDragEnterEvent else QPointF(20, 20)
    return cls(pos, *args), mime


def test_drag_and_drop_imports_excel_files_only(qtbot, screen, tmp_path) -> None:  # noqa: F811
    text = tmp_path / "ghi-chu.txt"
    text.write_text("không phải Excel")
    enter, _m1 = _drop_event(QDragEnterEvent, [text])
    QApplication.sendEvent(screen, enter)
    assert not enter.isAccepted()

    path = write_export1(tmp_path / "keo-tha.xlsx")
    enter, _m2 = _drop_event(QDragEnterEvent, [path])
    QApplication.sendEvent(screen, enter)
    assert enter.isAccepted()
    drop, _m3 = _drop_event(QDropEvent, [text, path])
    with qtbot.waitSignal(screen.importer.dialogShown, timeout=20_000) as shown:
        QApplication.sendEvent(screen, drop)
    assert shown.args[0].summary.file == "keo-tha.xlsx"
    shown.args[0].accept()
    assert screen.table.row_texts() == EXPORT1_Q1_FORM06


# An export whose code column is headed "Số phiếu", which the app does not know.
PHIEU_HEADER = [
    "STT",
    "Số phiếu",
    "Tên thủ tục",
    "Lĩnh vực",
    "Hình thức nộp",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày có kết quả",
    "Trạng thái",
]


def _write_phieu(path: Path, rows) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Phiếu"
    ws.append(["DANH SÁCH PHIẾU TIẾP NHẬN"])
    ws.append(PHIEU_HEADER)
    for n, row in enumerate(rows, start=1):
        ws.append([n, *row[:8]])
    wb.save(path)
    return path


def test_mapping_dialog_saves_a_profile_used_next_time(qtbot, screen, stats_ws, tmp_path) -> None:  # noqa: F811
    first = [r for r in EXPORT1_ROWS if r[0] in ("A01", "A02", "A04", "A05", "A06")]
    rest = [r for r in EXPORT1_ROWS if r[0] in ("A07", "A08", "A09", "A11")]
    with qtbot.waitSignal(screen.importer.dialogShown, timeout=20_000) as shown:
        screen.import_files([_write_phieu(tmp_path / "phieu-1.xlsx", first)])
    dlg = shown.args[0]
    assert isinstance(dlg, MappingDialog)
    ok = dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dlg.missing() == ["code"] and not ok.isEnabled()
    assert "“Mã hồ sơ”" in dlg.missing_label.text()
    # the dialog shows the file's columns and sample rows; the known ones are preset
    assert dlg.table.horizontalHeaderItem(1).text() == "B: Số phiếu"
    assert dlg.table.item(1, 1).text() == "A01"
    assert dlg.combos[5].currentData() == "received"
    assert dlg.combos[5].currentText() == "Ngày tiếp nhận *"
    # a field goes to one column only
    dlg.set_field(1, "procedure")
    assert dlg.combos[2].currentData() == ""
    dlg.set_field(2, "procedure")
    dlg.set_field(1, "code")
    assert ok.isEnabled() and dlg.missing_label.text() == ""
    dlg.profile_name.setText("Mẫu phiếu tiếp nhận")
    with qtbot.waitSignal(screen.importer.dialogShown, timeout=20_000) as shown:
        ok.click()
    summary = shown.args[0]
    assert isinstance(summary, ImportSummaryDialog)
    assert summary.summary.saved_profile == "Mẫu phiếu tiếp nhận"
    assert summary.counts()["Hồ sơ mới:"] == "5"
    summary.accept()
    with stats_ws.session() as s:
        assert [p.name for p in list_profiles(s)] == ["Mẫu phiếu tiếp nhận"]

    # the same header next time: recognised by the saved profile, no dialog
    again = import_file(qtbot, screen, _write_phieu(tmp_path / "phieu-2.xlsx", rest))
    assert again.summary.profile == "Mẫu phiếu tiếp nhận"
    assert again.counts()["Hồ sơ mới:"] == "4"
    again.accept()
    # the nine dossiers counted in Q1 (A03, A10, A12, A13 were left out of both files)
    assert _total(screen) == ["9", "4", "3", "2", "5", "2", "2", "1", "3", "1", "2"]


def test_mapping_dialog_cancel_imports_nothing(qtbot, screen, tmp_path) -> None:  # noqa: F811
    with qtbot.waitSignal(screen.importer.dialogShown, timeout=20_000) as shown:
        screen.import_files([_write_phieu(tmp_path / "phieu.xlsx", EXPORT1_ROWS[:3])])
    with qtbot.waitSignal(screen.importer.done, timeout=5_000) as done:
        shown.args[0].reject()
    assert done.args == [None] and not screen.importer.busy
    assert _total(screen)[0] == "0"


def _zero_byte(tmp_path: Path) -> Path:
    path = tmp_path / "rong.xlsx"
    path.write_bytes(b"")
    return path


def _csv_renamed(tmp_path: Path) -> Path:
    path = tmp_path / "danh-sach.xlsx"
    path.write_text("Mã hồ sơ,Ngày tiếp nhận\nH1,05/01/2023\n", encoding="utf-8")
    return path


def _password(tmp_path: Path) -> Path:
    pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = write_export1(tmp_path / "plain.xlsx")
    locked = tmp_path / "co-mat-khau.xlsx"
    out = io.BytesIO()
    with plain.open("rb") as src:
        OOXMLFile(src).encrypt("123456", out)
    locked.write_bytes(out.getvalue())
    return locked


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_zero_byte, "Tệp rong.xlsx rỗng (0 byte)"),
        (_csv_renamed, "Tệp danh-sach.xlsx là tệp văn bản (CSV) bị đổi đuôi"),
        (_password, "Tệp co-mat-khau.xlsx được đặt mật khẩu"),
    ],
)
def test_bad_file_shows_message_and_imports_nothing(
    qtbot,
    screen,  # noqa: F811
    boxes,
    tmp_path,
    make,
    message,
) -> None:
    import_file(qtbot, screen, write_export1(tmp_path / "truoc.xlsx")).accept()
    before = screen.table.row_texts()
    with qtbot.waitSignal(screen.importer.done, timeout=20_000) as done:
        screen.import_files([make(tmp_path)])
    assert done.args == [None]
    assert message in boxes.texts[-1]
    assert boxes.shown[-1][0] == "Không nhập được tệp"
    assert screen.table.row_texts() == before


def test_file_locked_by_excel(qtbot, screen, boxes, tmp_path, monkeypatch) -> None:  # noqa: F811
    path = write_export1(tmp_path / "dang-mo.xlsx")
    simulate_excel_lock(monkeypatch, path)
    with qtbot.waitSignal(screen.importer.done, timeout=20_000):
        screen.import_files([path])
    assert "đang được mở ở chương trình khác" in boxes.texts[-1]
    assert _total(screen)[0] == "0"


def test_cancel_during_import_keeps_the_data(qtbot, screen, boxes, tmp_path) -> None:  # noqa: F811
    def cancel_on_progress(job) -> None:
        # cancel from the worker thread at the import's first progress report
        job.progressed.connect(job.cancel, Qt.ConnectionType.DirectConnection)

    screen.importer.jobStarted.connect(cancel_on_progress)
    with qtbot.waitSignal(screen.importer.done, timeout=20_000) as done:
        screen.import_files([write_export1(tmp_path / "huy.xlsx")])
    assert done.args == [None]
    assert screen.importer.job.cancelled
    assert boxes.texts == []  # a cancel is quiet
    assert _total(screen)[0] == "0"
