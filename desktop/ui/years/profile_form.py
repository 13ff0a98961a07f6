"""The commune profile form (first-run wizard page and the "Hồ sơ xã" dialog)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from base.errors import CchcError
from desktop.core.bundle.signing import ensure_signing_key
from desktop.core.catalog.store import load_builtin
from desktop.core.office.vnformat import format_date, parse_date
from desktop.core.settings import set_setting
from desktop.core.workspace import Workspace
from desktop.core.years.eras import default_assessed_year
from desktop.core.years.profile import ProfileInfo, clear_merger_date, get_profile, save_profile
from desktop.core.years.setup import save_former_communes
from desktop.core.years.store import former_communes
from desktop.ui.errors import show_error
from desktop.ui.inputs.date_input import DateInput
from desktop.ui.vi import dialog_buttons, translate_wizard
from desktop.ui.years.former_list import FormerCommuneList

UNIT_KINDS = ("xã", "phường", "thị trấn", "đặc khu")
MERGER_DATE = "Ngày quyết định sáp nhập"
PAST_YEARS_NOTE = (
    "Sửa hồ sơ không làm thay đổi các năm đã có: tên xã và cơ quan thẩm định của từng năm "
    "được giữ nguyên (sửa riêng ở Năm → Thiết lập năm đánh giá…)."
)


class ProfileForm(QWidget):
    def __init__(
        self,
        profile: ProfileInfo | None,
        *,
        ask_year: bool,
        former: list[str] | None = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.unit_kind = QComboBox()
        self.unit_kind.addItems([k.capitalize() for k in UNIT_KINDS])
        self.commune = QLineEdit()
        self.commune.setPlaceholderText("ví dụ: Đồng Tâm")
        self.province = QLineEdit()
        self.province.setPlaceholderText("ví dụ: Hải Phòng")
        self.district = QLineEdit()
        self.district.setPlaceholderText("bỏ trống nếu không có")
        self.chairman = QLineEdit()
        self.officer = QLineEdit()
        form.addRow("Loại đơn vị:", self.unit_kind)
        form.addRow("Tên xã (*):", self.commune)
        form.addRow("Tỉnh hoặc thành phố trực thuộc TW (*):", self.province)
        form.addRow("Huyện cũ (nếu có, trước 7/2025):", self.district)
        form.addRow("Chủ tịch UBND:", self.chairman)
        form.addRow("Công chức phụ trách CCHC:", self.officer)
        self.merger_number = QLineEdit()
        self.merger_number.setPlaceholderText("ví dụ: 1669/NQ-UBTVQH15")
        self.merger_date = DateInput(None, allow_empty=True, what=MERGER_DATE)
        self.former = FormerCommuneList(former or [])
        merger = QGroupBox("Sáp nhập xã (nếu có, từ 01/7/2025)")
        mform = QFormLayout(merger)
        mform.addRow("Số quyết định (nghị quyết):", self.merger_number)
        mform.addRow(f"{MERGER_DATE}:", self.merger_date)
        mform.addRow("Các xã cũ đã sáp nhập:", self.former)
        form.addRow(merger)
        self.year: QSpinBox | None = None
        if ask_year:
            self.year = QSpinBox()
            self.year.setRange(2000, 2100)
            self.year.setValue(default_assessed_year(date.today()))
            self.year.setAccessibleName("Năm đánh giá")
            form.addRow("Năm đánh giá (năm được chấm điểm):", self.year)
            year_hint = QLabel(
                "Từ tháng 1 đến tháng 4 thường là năm trước: đang tự đánh giá, chờ thẩm định "
                "và làm báo cáo kết quả. Có thể thêm năm khác sau (Ctrl+N)."
            )
            year_hint.setWordWrap(True)
            year_hint.setStyleSheet("color:#555")
            form.addRow(year_hint)
        else:
            self.note = QLabel(PAST_YEARS_NOTE)
            self.note.setWordWrap(True)
            self.note.setStyleSheet("color:#555")
            form.addRow(self.note)
        if profile is not None:
            kinds = [k for k in UNIT_KINDS]
            if profile.unit_kind in kinds:
                self.unit_kind.setCurrentIndex(kinds.index(profile.unit_kind))
            self.commune.setText(profile.commune_name)
            self.province.setText(profile.province)
            self.district.setText(profile.district or "")
            self.chairman.setText(profile.chairman)
            self.officer.setText(profile.officer)
            self.merger_number.setText(profile.merger_decision_number or "")
            self.merger_date.setText(format_date(profile.merger_decision_date))

    def missing(self) -> str:
        if not self.commune.text().strip():
            return "Hãy nhập tên xã."
        if not self.province.text().strip():
            return "Hãy nhập tên tỉnh hoặc thành phố."
        return ""

    def save(self, ws: Workspace) -> int | None:
        """Save the profile and the former communes (and load the year's built-in catalog
        when asked). Years already created keep their own values."""
        text = self.merger_date.text().strip()
        merger_date = parse_date(text, what=MERGER_DATE) if text else None
        with ws.transaction() as s:
            save_profile(
                s,
                commune_name=self.commune.text(),
                province=self.province.text(),
                district=self.district.text(),
                chairman=self.chairman.text(),
                officer=self.officer.text(),
                unit_kind=UNIT_KINDS[self.unit_kind.currentIndex()],
                merger_decision_number=self.merger_number.text(),
                merger_decision_date=merger_date,
            )
            if merger_date is None:
                clear_merger_date(s)
            save_former_communes(s, self.former.edits())
            if self.year is not None:  # the first start: the commune's bundle key too
                ensure_signing_key(s)
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

    def __init__(self, ws: Workspace, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("Hồ sơ xã")
        with ws.session() as s:
            profile, former = get_profile(s), former_communes(s)
        self.form = ProfileForm(profile, ask_year=profile is None, former=former)
        buttons = dialog_buttons(
            self, QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.resize(620, self.sizeHint().height())

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
