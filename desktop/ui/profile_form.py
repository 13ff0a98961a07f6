"""The commune profile form (first-run wizard page and the "Hồ sơ xã" dialog)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.core.catalog import load_builtin
from desktop.core.errors import CchcError
from desktop.core.profile import ProfileInfo, save_profile
from desktop.core.settings import set_setting
from desktop.core.workspace import Workspace
from desktop.ui.errors import show_error
from desktop.ui.vi import dialog_buttons, translate_wizard

UNIT_KINDS = ("xã", "phường", "thị trấn", "đặc khu")


class ProfileForm(QWidget):
    def __init__(self, profile: ProfileInfo | None, *, ask_year: bool, parent=None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.unit_kind = QComboBox()
        self.unit_kind.addItems([k.capitalize() for k in UNIT_KINDS])
        self.commune = QLineEdit()
        self.commune.setPlaceholderText("ví dụ: Đồng Tâm")
        self.province = QLineEdit()
        self.province.setPlaceholderText("ví dụ: Hải Phòng")
        self.district = QLineEdit()
        self.district.setPlaceholderText("bỏ trống nếu không có (sau 01/7/2025)")
        self.chairman = QLineEdit()
        self.officer = QLineEdit()
        form.addRow("Loại đơn vị:", self.unit_kind)
        form.addRow("Tên xã (*):", self.commune)
        form.addRow("Tỉnh, thành phố (*):", self.province)
        form.addRow("Huyện (trước 01/7/2025):", self.district)
        form.addRow("Chủ tịch UBND:", self.chairman)
        form.addRow("Công chức phụ trách CCHC:", self.officer)
        self.year: QSpinBox | None = None
        if ask_year:
            self.year = QSpinBox()
            self.year.setRange(2000, 2100)
            self.year.setValue(date.today().year)
            form.addRow("Năm đánh giá:", self.year)
        if profile is not None:
            kinds = [k for k in UNIT_KINDS]
            if profile.unit_kind in kinds:
                self.unit_kind.setCurrentIndex(kinds.index(profile.unit_kind))
            self.commune.setText(profile.commune_name)
            self.province.setText(profile.province)
            self.district.setText(profile.district or "")
            self.chairman.setText(profile.chairman)
            self.officer.setText(profile.officer)

    def missing(self) -> str:
        if not self.commune.text().strip():
            return "Hãy nhập tên xã."
        if not self.province.text().strip():
            return "Hãy nhập tên tỉnh hoặc thành phố."
        return ""

    def save(self, ws: Workspace) -> int | None:
        """Save the profile (and load the year's built-in catalog when asked)."""
        with ws.transaction() as s:
            save_profile(
                s,
                commune_name=self.commune.text(),
                province=self.province.text(),
                district=self.district.text(),
                chairman=self.chairman.text(),
                officer=self.officer.text(),
                unit_kind=UNIT_KINDS[self.unit_kind.currentIndex()],
            )
            if self.year is not None:
                year = self.year.value()
                load_builtin(s, year)
                set_setting(s, "last_year", str(year))
                return year
        return None


class _ProfilePage(QWizardPage):
    def __init__(self, form: ProfileForm) -> None:
        super().__init__()
        self.setTitle("Hồ sơ của xã")
        self.setSubTitle(
            "Các mục có dấu (*) là bắt buộc. Có thể sửa lại sau ở menu Tệp → Hồ sơ xã."
        )
        self.form = form
        self.error = QLabel()
        self.error.setStyleSheet("color:#b00020")
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addWidget(self.error)
        form.commune.textChanged.connect(self.completeChanged)
        form.province.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802
        msg = self.form.missing()
        self.error.setText(msg)
        return not msg


class FirstRunWizard(QWizard):
    """Shown when the data folder has no commune profile yet."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("Sổ CCHC – Thiết lập lần đầu")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        translate_wizard(self)
        intro = QWizardPage()
        intro.setTitle("Chào mừng đến với Sổ CCHC")
        text = QLabel(
            "Sổ CCHC giúp công chức phụ trách cải cách hành chính của xã quản lý tài liệu "
            "kiểm chứng theo từng tiêu chí thành phần, tự chấm điểm, thống kê hồ sơ TTHC và "
            "lập báo cáo.\n\nBước tiếp theo: nhập hồ sơ của xã. Dữ liệu được lưu trên máy "
            f"này, tại:\n{ws.data_dir}"
        )
        text.setWordWrap(True)
        QVBoxLayout(intro).addWidget(text)
        self.form = ProfileForm(None, ask_year=True)
        self.addPage(intro)
        self.addPage(_ProfilePage(self.form))
        self.saved_year: int | None = None

    def accept(self) -> None:
        try:
            self.saved_year = self.form.save(self.ws)
        except CchcError as exc:
            show_error(self, exc)
            return
        super().accept()


class ProfileDialog(QDialog):
    """Edit the profile later (menu Tệp → Hồ sơ xã)."""

    def __init__(self, ws: Workspace, profile: ProfileInfo | None, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("Hồ sơ xã")
        self.form = ProfileForm(profile, ask_year=profile is None)
        buttons = dialog_buttons(
            self, QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        msg = self.form.missing()
        if msg:
            show_error(self, msg, "Thiếu thông tin")
            return
        try:
            self.form.save(self.ws)
        except CchcError as exc:
            show_error(self, exc)
            return
        super().accept()
