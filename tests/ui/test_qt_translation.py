"""Qt's own texts in Vietnamese: the right-click menu of a text box has no English, and the
committed .qm is what the app's .ts builds to."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPlainTextEdit, QWizard

from desktop.core.paths import resource_path
from desktop.ui.vi import install_qt_translation

ENGLISH = re.compile(r"\b(Undo|Redo|Cut|Copy|Paste|Delete|Select All|OK|Cancel|Next|Back)\b")


@pytest.fixture
def translated(qapp):
    from PySide6.QtCore import QTranslator

    assert install_qt_translation(qapp)
    yield qapp
    for tr in qapp.findChildren(QTranslator):  # other tests pin Qt's English where they do
        qapp.removeTranslator(tr)
        tr.deleteLater()


def _texts(menu) -> list[str]:
    return [a.text().split("\t")[0].replace("&", "") for a in menu.actions() if a.text()]


def test_line_edit_context_menu_has_no_english(qtbot, translated) -> None:
    edit = QLineEdit("Đồng Tâm")
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    texts = _texts(menu)
    assert texts == ["Hoàn tác", "Làm lại", "Cắt", "Sao chép", "Dán", "Xóa", "Chọn tất cả"]
    assert not any(ENGLISH.search(t) for t in texts)


def test_text_edit_menu_buttons_and_wizard_in_vietnamese(qtbot, translated) -> None:
    edit = QPlainTextEdit("Báo cáo")
    qtbot.addWidget(edit)
    assert "Chọn tất cả" in _texts(edit.createStandardContextMenu())
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(box)
    assert sorted(b.text() for b in box.buttons()) == ["Hủy", "Đồng ý"]
    wiz = QWizard()
    qtbot.addWidget(wiz)
    assert wiz.buttonText(QWizard.WizardButton.NextButton).replace("&", "") == "Tiếp theo >"
    assert QCoreApplication.translate("QFileDialog", "File &name:") == "&Tên tệp:"


def test_committed_qm_is_built_from_the_ts(tmp_path) -> None:
    lrelease = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).with_name("pyside6-lrelease")
    )
    if not Path(lrelease).exists():
        pytest.skip("pyside6-lrelease is not installed")
    out = tmp_path / "qt_vi.qm"
    subprocess.run(
        [lrelease, str(resource_path("translations", "qt_vi.ts")), "-qm", str(out)],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == resource_path("translations", "qt_vi.qm").read_bytes(), (
        "resources/translations/qt_vi.qm is older than qt_vi.ts: run "
        "pyside6-lrelease resources/translations/qt_vi.ts -qm resources/translations/qt_vi.qm"
    )


def test_qt_file_dialog_speaks_vietnamese(qtbot, translated, tmp_path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QTreeView

    dlg = QFileDialog(None, "Chọn tệp", str(tmp_path), "Bảng tính Excel (*.xlsx)")
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # Qt's own (Linux)
    qtbot.addWidget(dlg)
    dlg.show()
    texts = {w.text() for w in dlg.findChildren(QLabel)}
    texts |= {b.text() for b in dlg.findChildren(QAbstractButton)}
    texts |= {a.text() for a in dlg.findChildren(QAction)}
    for view in dlg.findChildren(QTreeView):
        model = view.model()
        texts |= {
            str(model.headerData(i, Qt.Orientation.Horizontal)) for i in range(model.columnCount())
        }
    words = {t.replace("&", "") for t in texts if t}
    assert {"Tìm trong:", "Tên tệp:", "Loại tệp:", "Mở", "Hủy", "Tên", "Ngày sửa"} <= words
    english = re.compile(r"\b(Look|File|Files|Open|Cancel|Name|Size|Date|Show|New|Delete)\b")
    assert not [t for t in words if english.search(t)]
