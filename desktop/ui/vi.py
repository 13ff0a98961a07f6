"""Vietnamese text for Qt's standard buttons and message boxes (Qt ships no qtbase_vi)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget, QWizard

BUTTON_TEXT = {
    QDialogButtonBox.StandardButton.Ok: "Đồng ý",
    QDialogButtonBox.StandardButton.Cancel: "Hủy",
    QDialogButtonBox.StandardButton.Yes: "Có",
    QDialogButtonBox.StandardButton.No: "Không",
    QDialogButtonBox.StandardButton.Close: "Đóng",
    QDialogButtonBox.StandardButton.Save: "Lưu",
    QDialogButtonBox.StandardButton.Discard: "Không lưu",
    QDialogButtonBox.StandardButton.Apply: "Áp dụng",
    QDialogButtonBox.StandardButton.Open: "Mở",
    QDialogButtonBox.StandardButton.Retry: "Thử lại",
    QDialogButtonBox.StandardButton.Ignore: "Bỏ qua",
    QDialogButtonBox.StandardButton.Abort: "Dừng",
    QDialogButtonBox.StandardButton.Help: "Trợ giúp",
    QDialogButtonBox.StandardButton.Reset: "Đặt lại",
    QDialogButtonBox.StandardButton.RestoreDefaults: "Khôi phục mặc định",
}

_MSG_BUTTON = {
    QMessageBox.StandardButton.Ok: "Đồng ý",
    QMessageBox.StandardButton.Cancel: "Hủy",
    QMessageBox.StandardButton.Yes: "Có",
    QMessageBox.StandardButton.No: "Không",
    QMessageBox.StandardButton.Close: "Đóng",
    QMessageBox.StandardButton.Save: "Lưu",
    QMessageBox.StandardButton.Discard: "Không lưu",
    QMessageBox.StandardButton.Retry: "Thử lại",
    QMessageBox.StandardButton.Ignore: "Bỏ qua",
}

WIZARD_BUTTON = {
    QWizard.WizardButton.BackButton: "< Quay lại",
    QWizard.WizardButton.NextButton: "Tiếp theo >",
    QWizard.WizardButton.FinishButton: "Hoàn tất",
    QWizard.WizardButton.CancelButton: "Hủy",
    QWizard.WizardButton.CommitButton: "Xác nhận",
    QWizard.WizardButton.HelpButton: "Trợ giúp",
}


def translate_buttons(box: QDialogButtonBox) -> QDialogButtonBox:
    for std, text in BUTTON_TEXT.items():
        button = box.button(std)
        if button is not None:
            button.setText(text)
    return box


def dialog_buttons(
    dialog: QDialog,
    buttons: QDialogButtonBox.StandardButton = (
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    ),
) -> QDialogButtonBox:
    """Vietnamese standard buttons wired to the dialog's accept (Ok, Save …) and reject
    (Cancel, Close …), so Enter and Esc do what they say."""
    box = translate_buttons(QDialogButtonBox(buttons))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def translate_wizard(wizard: QWizard) -> None:
    for which, text in WIZARD_BUTTON.items():
        wizard.setButtonText(which, text)


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
    default: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton,
    detail: str = "",
) -> QMessageBox:
    box = QMessageBox(icon, title, text, buttons, parent)
    if default != QMessageBox.StandardButton.NoButton:
        box.setDefaultButton(default)
    if detail:
        box.setDetailedText(detail)
        for b in box.buttons():
            if box.buttonRole(b) == QMessageBox.ButtonRole.ActionRole:
                b.setText("Chi tiết…")
    for std, label in _MSG_BUTTON.items():
        b = box.button(std)
        if b is not None:
            b.setText(label)
    return box


def ask_yes_no(parent: QWidget | None, title: str, text: str, *, default_no: bool = True) -> bool:
    """A Có/Không question; destructive questions default to Không."""
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    box = message_box(
        parent, QMessageBox.Icon.Question, title, text, yes | no, no if default_no else yes
    )
    return box.exec() == yes


def info(parent: QWidget | None, title: str, text: str) -> None:
    message_box(parent, QMessageBox.Icon.Information, title, text).exec()


def install_qt_translation(app) -> bool:
    """Qt's own texts in Vietnamese (right-click menus of text boxes, standard buttons, Qt's
    file dialog, wizards), from ``resources/translations/qt_vi.qm`` (built from the
    ``qt_vi.ts`` the app owns). False when the file is missing: Qt then speaks English."""
    from PySide6.QtCore import QTranslator

    from desktop.core.paths import resource_path

    translator = QTranslator(app)
    if not translator.load(str(resource_path("translations", "qt_vi.qm"))):
        return False
    app.installTranslator(translator)
    app.setProperty("cchc_qt_vi", True)
    return True
