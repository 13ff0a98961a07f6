"""Dropping real documents: the add dialog filled in from the document; many files → the
review table read in the background, edited, "Lưu tất cả"; the register's Ký số column."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desktop.core.evidence.query import RegisterFilter, list_register
from desktop.ui.evidence.dialog import DocumentDialog
from desktop.ui.evidence.review import (
    C_CODES,
    C_DATE,
    C_FILE,
    C_ISSUER,
    C_KIND,
    C_NOTE,
    C_NUMBER,
    C_SAVE,
    C_SIGNED,
    C_SIGNER,
    C_SUMMARY,
    ReviewDialog,
)

DATA = Path(__file__).resolve().parents[2] / "core" / "evidence" / "data"
YEAR = 2023


def open_register(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    return window.tabs.currentWidget()


def _copies(tmp_path: Path, *names: str) -> list[Path]:
    folder = tmp_path / "tai-ve"
    folder.mkdir(exist_ok=True)
    out = []
    for name in names:
        shutil.copyfile(DATA / name, folder / name)
        out.append(folder / name)
    return out


def test_one_signed_pdf_dropped_fills_the_dialog(ev_window, qtbot, drop, tmp_path) -> None:
    w = ev_window
    tab = open_register(w, qtbot)
    (pdf,) = _copies(tmp_path, "ke-hoach-cchc-2023-ky-so.pdf")
    assert drop(tab.table.viewport(), [pdf])
    (dlg,) = w.findChildren(DocumentDialog)
    assert dlg.number.text() == "45/KH-UBND"
    assert dlg.date.text() == "28/12/2022"
    assert dlg.kind.currentText() == "Kế hoạch"
    assert dlg.summary.text() == "Cải cách hành chính nhà nước năm 2023 trên địa bàn xã Đồng Tâm"
    assert dlg.issuer.text() == "UBND xã Đồng Tâm"
    assert dlg.signer.text() == "Nguyễn Văn An"
    assert dlg.summary.toolTip() == "Đọc từ tài liệu: hãy kiểm tra lại."
    hints = dlg.hints.text()
    assert "Đã đọc từ tài liệu “ke-hoach-cchc-2023-ky-so.pdf”" in hints
    assert "Đã ký số: Nguyễn Văn An (chưa kiểm tra chuỗi chứng thư)" in hints
    assert "1.1.1" in hints and "đúng loại tài liệu cần có (Kế hoạch)" in hints
    # the best sub-criterion is ticked; the officer confirms (or unticks)
    assert dlg.picker.checked_codes() == ["1.1.1"]
    # typing over a field read from the document takes its mark off
    dlg.signer.end(False)
    qtbot.keyClicks(dlg.signer, " - CT")
    assert dlg.signer.toolTip() == ""
    with qtbot.waitSignal(w.dataShown, timeout=10_000):
        dlg.save_btn.click()
    with w.ws.session() as s:
        (row,) = list_register(s, RegisterFilter(year=YEAR, search="45/KH"))
    assert row.codes == ("1.1.1",) and row.signer == "Nguyễn Văn An - CT"
    assert row.signature == "signed" and row.signed_by == "Nguyễn Văn An"
    texts = {r[0]: r for r in tab.model.texts()}
    assert texts["45/KH-UBND"][8] == "Đã ký"


def test_a_document_already_in_the_register_is_pointed_out(ev_window, qtbot, tmp_path) -> None:
    from desktop.ui.evidence.actions import add_documents

    w = ev_window
    (pdf,) = _copies(tmp_path, "thong-bao-ket-luan-kiem-tra.pdf")
    first = add_documents(w, [pdf])
    with qtbot.waitSignal(w.dataShown, timeout=10_000):
        first.save_btn.click()
    again = add_documents(w, [pdf])
    assert "Sổ đã có tài liệu này: 18/TB-PNV" in again.hints.text()
    assert "Tài liệu PDF chưa ký số." in again.hints.text()
    again.reject()


def test_a_scan_keeps_the_file_name_hints(ev_window, qtbot, tmp_path) -> None:
    from desktop.ui.evidence.actions import add_documents

    scan = tmp_path / "123-BC-UBND 04.4.2023.pdf"
    shutil.copyfile(DATA / "bao-cao-ban-quet.pdf", scan)
    dlg = add_documents(ev_window, [scan], ["1.1.2"])
    assert dlg.number.text() == "123/BC-UBND" and dlg.date.text() == "04/04/2023"
    assert dlg.number.toolTip() == "Gợi ý từ tên tệp: hãy kiểm tra lại."
    assert "tệp ảnh, không đọc được chữ" in dlg.hints.text()
    assert dlg.picker.checked_codes() == ["1.1.2"]
    dlg.reject()


FILES = (
    "ke-hoach-cchc-2023-ky-so.pdf",
    "bao-cao-ket-qua-chi-so-2022.pdf",
    "quyet-dinh-huyen-cong-bo-chi-so.pdf",
    "cong-van-ky-cuong-hanh-chinh.pdf",
    "thong-bao-ket-luan-kiem-tra.pdf",
    "bao-cao-ban-quet.pdf",
)


def _review(w, qtbot, drop, tmp_path) -> ReviewDialog:
    tab = open_register(w, qtbot)
    files = _copies(tmp_path, *FILES)
    assert drop(tab.table.viewport(), files)
    (dlg,) = w.findChildren(ReviewDialog)
    qtbot.waitUntil(lambda: dlg.reading is None, timeout=20_000)
    return dlg


def test_many_files_dropped_open_the_review_table(ev_window, qtbot, drop, tmp_path) -> None:
    w = ev_window
    dlg = _review(w, qtbot, drop, tmp_path)
    assert w.findChildren(DocumentDialog) == []
    assert dlg.table.rowCount() == len(FILES)
    rows = {dlg.cell(r, C_FILE): r for r in range(dlg.table.rowCount())}
    plan = rows["ke-hoach-cchc-2023-ky-so.pdf"]
    assert [dlg.cell(plan, c) for c in (C_NUMBER, C_DATE, C_KIND, C_ISSUER, C_SIGNER)] == [
        "45/KH-UBND",
        "28/12/2022",
        "Kế hoạch",
        "UBND xã Đồng Tâm",
        "Nguyễn Văn An",
    ]
    assert dlg.cell(plan, C_SIGNED) == "Đã ký: Nguyễn Văn An"
    assert dlg.cell(plan, C_CODES) == "1.1.1"
    assert dlg.table.item(plan, C_NUMBER).toolTip() == "Đọc từ tài liệu: hãy kiểm tra lại."
    qd = rows["quyet-dinh-huyen-cong-bo-chi-so.pdf"]
    assert dlg.cell(qd, C_SIGNER) == "Trần Văn Bình"
    assert dlg.cell(qd, C_ISSUER) == "UBND huyện Ninh Giang"
    cv = rows["cong-van-ky-cuong-hanh-chinh.pdf"]
    assert dlg.cell(cv, C_KIND) == "Công văn" and dlg.cell(cv, C_SIGNED) == "Chưa ký số"
    scan = rows["bao-cao-ban-quet.pdf"]
    assert dlg.cell(scan, C_NOTE) == "tệp ảnh, không đọc được chữ"
    assert "Đã đọc 6/6 tệp." in dlg.status.text()
    assert "1 tài liệu đã ký số" in dlg.status.text()


def test_review_edit_cells_then_save_all(ev_window, qtbot, drop, tmp_path) -> None:
    w = ev_window
    dlg = _review(w, qtbot, drop, tmp_path)
    rows = {dlg.cell(r, C_FILE): r for r in range(dlg.table.rowCount())}
    scan = rows["bao-cao-ban-quet.pdf"]
    # the scan: typed in by hand, the way an officer types (F2, then the text)
    dlg.table.setCurrentCell(scan, C_NUMBER)
    qtbot.keyClick(dlg.table, Qt.Key.Key_F2)
    editor = dlg.table.viewport().findChild(QLineEdit)
    qtbot.keyClicks(editor, "130/BC-UBND")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # leaves the cell: the text is kept
    dlg.table.item(scan, C_DATE).setText("31/02/2023")
    dlg.table.item(scan, C_SUMMARY).setText("Báo cáo CCHC quý I năm 2023")
    dlg.table.item(scan, C_CODES).setText("1.2.1")
    # the Thông báo is not wanted
    dlg.table.item(rows["thong-bao-ket-luan-kiem-tra.pdf"], C_SAVE).setCheckState(
        Qt.CheckState.Unchecked
    )
    assert dlg.save_all() is None  # the impossible date is refused, nothing saved
    assert "bao-cao-ban-quet.pdf" in dlg.error.text() and "không có ngày 31" in dlg.error.text()
    dlg.table.item(scan, C_DATE).setText("31/03/2023")
    with qtbot.waitSignal(dlg.saved, timeout=20_000):
        dlg.save_btn.click()
    assert len(dlg.saved_ids) == 5
    with w.ws.session() as s:
        rows_now = list_register(s, RegisterFilter(year=YEAR))
    by_number = {r.number: r for r in rows_now}
    assert by_number["130/BC-UBND"].summary == "Báo cáo CCHC quý I năm 2023"
    assert by_number["130/BC-UBND"].codes == ("1.2.1",)
    assert by_number["766/QĐ-UBND"].signer == "Trần Văn Bình"
    assert by_number["45/KH-UBND"].signature == "signed"
    assert by_number["215/UBND-VP"].signature == "unsigned_pdf"
    assert "18/TB-PNV" not in by_number


def test_register_filters_unsigned_pdfs(ev_window, qtbot, drop, tmp_path) -> None:
    w = ev_window
    dlg = _review(w, qtbot, drop, tmp_path)
    with qtbot.waitSignal(dlg.saved, timeout=20_000):
        dlg.save_btn.click()
    tab = open_register(w, qtbot)
    tab.signed.setCurrentIndex(tab.signed.findData("unsigned_pdf"))
    numbers = sorted(r[0] for r in tab.model.texts())
    # the scan (no number read) is an unsigned PDF too
    assert numbers == ["", "123/BC-UBND", "18/TB-PNV", "215/UBND-VP", "766/QĐ-UBND"]
    tab.signed.setCurrentIndex(tab.signed.findData("signed"))
    assert [r[0] for r in tab.model.texts()] == ["45/KH-UBND"]


def test_old_files_signatures_are_read_on_request(ev_window, qtbot) -> None:
    w = ev_window
    tab = open_register(w, qtbot)
    assert [r[8] for r in tab.model.texts()] == ["?", "?", "?"]
    assert tab.read_signatures_btn.isVisible()
    job = tab.read_signatures()
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: not tab.read_signatures_btn.isVisible(), timeout=10_000)
    assert [r[8] for r in tab.model.texts()] == ["Chưa ký", "Chưa ký", "Chưa ký"]


def test_the_year_asks_for_signed_pdfs_in_the_checks_panel(ev_window, qtbot, tmp_path) -> None:
    from desktop.ui.evidence.actions import add_documents

    w = ev_window
    (pdf,) = _copies(tmp_path, "cong-van-ky-cuong-hanh-chinh.pdf")
    dlg = add_documents(w, [pdf])
    with qtbot.waitSignal(w.dataShown, timeout=10_000):
        dlg.save_btn.click()
    w.act_checks.trigger()  # F7
    panel = w.checks
    qtbot.waitUntil(lambda: panel.job is None and panel.report is not None, timeout=10_000)
    assert not panel.require_signed.isChecked()
    assert not any(line.finding.kind == "unsigned_pdf" for line in panel.model.rows)
    panel.require_signed.setChecked(True)  # Alt+S, as the officer ticks it
    qtbot.waitUntil(lambda: panel.job is None, timeout=10_000)
    (line,) = [ln for ln in panel.model.rows if ln.finding.kind == "unsigned_pdf"]
    assert line.document == "215/UBND-VP"
    assert "chưa ký số (năm đánh giá yêu cầu tài liệu có chữ ký số)" in line.finding.message
    assert "Tài liệu PDF chưa ký số" in panel.model.texts()[panel.model.rows.index(line)]


def test_many_files_dropped_on_a_sub_criterion_are_filed_under_it(
    ev_window, qtbot, drop, tmp_path
) -> None:
    w = ev_window
    files = _copies(tmp_path, "bao-cao-ket-qua-chi-so-2022.pdf", "thong-bao-ket-luan-kiem-tra.pdf")
    view = w.tree.view
    view.expandAll()
    w.tree.select_node(w.node_by_code("1.2.1"))
    rect = view.visualRect(view.currentIndex())
    assert drop(view.viewport(), files, rect.center())
    (dlg,) = w.findChildren(ReviewDialog)
    qtbot.waitUntil(lambda: dlg.reading is None, timeout=20_000)
    assert [dlg.cell(r, C_CODES) for r in range(dlg.table.rowCount())] == ["1.2.1", "1.2.1"]
    # suggestions stay in the tooltip, the officer's choice in the cell
    assert "1.1.2" in dlg.table.item(0, C_CODES).toolTip()


def test_the_files_are_one_document_after_all(ev_window, qtbot, drop, tmp_path) -> None:
    w = ev_window
    tab = open_register(w, qtbot)
    files = _copies(tmp_path, "quyet-dinh-huyen-cong-bo-chi-so.pdf", "bao-cao-ban-quet.pdf")
    assert drop(tab.table.viewport(), files)
    (review,) = w.findChildren(ReviewDialog)
    qtbot.waitUntil(lambda: review.reading is None, timeout=20_000)
    review.one_btn.click()
    assert not review.isVisible()
    (dlg,) = [d for d in w.findChildren(DocumentDialog) if d.isVisible()]
    assert [dlg.files.item(i).text() for i in range(dlg.files.count())] == [
        "quyet-dinh-huyen-cong-bo-chi-so.pdf",
        "bao-cao-ban-quet.pdf",
    ]
    assert dlg.number.text() == "766/QĐ-UBND"
    dlg.reject()


def test_closing_the_review_table_asks_first(ev_window, qtbot, drop, boxes, tmp_path) -> None:
    w = ev_window
    dlg = _review(w, qtbot, drop, tmp_path)
    boxes.answer = boxes.answer.No
    qtbot.keyClick(dlg.table, Qt.Key.Key_Escape)
    assert dlg.isVisible()
    assert "Đóng bảng mà không lưu các tài liệu đã đọc?" in boxes.texts[-1]
    boxes.answer = boxes.answer.Yes
    dlg.reject()
    assert not dlg.isVisible()
    with w.ws.session() as s:
        assert len(list_register(s, RegisterFilter(year=YEAR))) == 3  # nothing added


def test_cancelling_the_reading_keeps_what_was_read(
    ev_window, qtbot, drop, tmp_path, monkeypatch
) -> None:
    """Hủy while the second file is being read: the first row is filled in from its
    document, the others from their names only."""
    import threading

    from desktop.ui.evidence import review

    w = ev_window
    reading_second = threading.Event()
    go_on = threading.Event()
    real = review.suggest_one

    def slow(session, year, path, matcher):
        if path.name != FILES[0]:
            reading_second.set()
            go_on.wait(10)
        return real(session, year, path, matcher)

    monkeypatch.setattr(review, "suggest_one", slow)
    tab = open_register(w, qtbot)
    files = _copies(tmp_path, *FILES[:3])
    files[2] = files[2].rename(files[2].with_name("766-QD-UBND 16.3.2023.pdf"))
    assert drop(tab.table.viewport(), files)
    (dlg,) = w.findChildren(ReviewDialog)
    assert reading_second.wait(10)
    dlg.reading.cancel()  # the progress dialog's Hủy
    go_on.set()
    qtbot.waitUntil(lambda: dlg.reading is None, timeout=20_000)
    assert dlg.table.rowCount() == 3
    assert "Đã đọc 2/3 tệp." in dlg.status.text() and "Đã dừng đọc" in dlg.status.text()
    assert dlg.cell(0, C_SIGNER) == "Nguyễn Văn An"  # read from the document
    assert dlg.cell(2, C_NUMBER) == "766/QĐ-UBND"  # from its name only
    assert dlg.cell(2, C_NOTE) == "chưa đọc (đã dừng)"
