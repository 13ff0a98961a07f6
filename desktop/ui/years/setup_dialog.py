"""Năm → Thiết lập năm đánh giá…: the selected year's appraising body (the district until
2025, the province's Sở Nội vụ since), the commune's name that year (the former name
before the merger), the decision that issued the year's catalog and the time the year's
evidence may be dated (the evidence checks' window).

A year has one appraising body: replacing one the officer already set shows the core's
message and asks Có/Không first; on Không nothing is saved."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from base.errors import CchcError, ValidationError
from desktop.core.catalog.store import catalog_for_year
from desktop.core.office.text import fold
from desktop.core.office.vnformat import format_date, parse_date
from desktop.core.workspace import Workspace
from desktop.core.years.eras import FIRST_PROVINCE_YEAR, default_appraiser, province_full
from desktop.core.years.evidence_window import (
    check_window,
    default_window,
    evidence_window,
    set_evidence_window,
)
from desktop.core.years.profile import get_profile
from desktop.core.years.setup import set_catalog_decision
from desktop.core.years.store import former_communes, set_year, year_settings
from desktop.ui.errors import show_error
from desktop.ui.inputs.date_input import DateInput
from desktop.ui.vi import ask_yes_no, dialog_buttons

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

CATALOG_DATE = "Ngày ban hành bộ tiêu chí"
CLI_HINT = " (dòng lệnh: --replace)"


def _unique(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in names:
        if n and fold(n) not in seen:
            seen.add(fold(n))
            out.append(n)
    return out


class YearSetupDialog(QDialog):
    def __init__(self, ws: Workspace, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.year = ws, year
        with ws.session() as s:
            self.current = year_settings(s, year)
            profile = get_profile(s)
            former = former_communes(s)
            cat = catalog_for_year(s, year)
            decision = (cat.decision_number, cat.decision_date, cat.issuer) if cat else None
            window = evidence_window(s, year)
        cur = self.current
        self.setWindowTitle(f"Thiết lập năm đánh giá {year}")

        era = QLabel(
            f"Năm {year} thuộc thời kỳ trước khi bỏ cấp huyện (01/7/2025): mặc định cơ quan "
            "thẩm định là UBND huyện."
            if year < FIRST_PROVINCE_YEAR
            else f"Từ năm {FIRST_PROVINCE_YEAR} (sau khi bỏ cấp huyện ngày 01/7/2025), xã do "
            f"tỉnh thẩm định qua Sở Nội vụ: đó là mặc định của năm {year}."
        )
        era.setWordWrap(True)
        era.setStyleSheet("color:#555")

        district = cur.district or (profile.district if profile else None)
        province = cur.province or (profile.province if profile else "")
        self.defaults = {
            "district": default_appraiser("district", district, province),
            "province": default_appraiser("province", None, province),
        }
        self.defaults[cur.appraiser_level] = cur.appraiser or self.defaults[cur.appraiser_level]
        self.by_district = QRadioButton("UBND &huyện (trước 7/2025)")
        self.by_province = QRadioButton("Sở Nội vụ &tỉnh/thành phố (từ 2025)")
        self.levels = QButtonGroup(self)
        self.levels.addButton(self.by_district)
        self.levels.addButton(self.by_province)
        self.appraiser = QLineEdit(cur.appraiser or self.defaults[cur.appraiser_level])
        self.appraiser.setPlaceholderText(
            "UBND huyện …" if cur.appraiser_level == "district" else "Sở Nội vụ tỉnh …"
        )
        self.appraiser.setAccessibleName("Tên cơ quan thẩm định")
        (self.by_district if cur.appraiser_level == "district" else self.by_province).setChecked(
            True
        )
        self.by_district.toggled.connect(self._level_changed)
        radios = QHBoxLayout()
        radios.addWidget(self.by_district)
        radios.addWidget(self.by_province)
        radios.addStretch(1)
        body = QGroupBox("Cơ quan thẩm định")
        bform = QFormLayout(body)
        bform.addRow("Cấp:", radios)
        bform.addRow("Tên cơ quan:", self.appraiser)
        if cur.confirmed:
            bform.addRow(QLabel(f"Đã đặt: {cur.appraiser}. Đổi sẽ được hỏi lại trước khi thay."))

        self.commune = QComboBox()
        self.commune.setEditable(True)
        names = [cur.commune_name]
        if profile:
            names.append(profile.commune_name)
        self.commune.addItems(_unique([*names, *former]))
        self.commune.setCurrentText(cur.commune_name)
        self.commune.setAccessibleName(f"Tên xã năm {year}")
        self.commune.setMinimumContentsLength(24)
        name_box = QGroupBox("Tên xã trong năm")
        nform = QFormLayout(name_box)
        nform.addRow(f"Tên xã năm {year}:", self.commune)
        if year < FIRST_PROVINCE_YEAR:
            hint = QLabel("Năm trước khi sáp nhập: chọn tên xã cũ trong danh sách hoặc gõ tên.")
            hint.setStyleSheet("color:#555")
            nform.addRow(hint)

        self.decision_number = QLineEdit()
        self.decision_number.setPlaceholderText("ví dụ: 3395/QĐ-UBND")
        self.decision_date = DateInput(None, allow_empty=True, what=CATALOG_DATE)
        self.issuer = QLineEdit()
        if province:
            self.issuer.setPlaceholderText(f"ví dụ: UBND {province_full(province)}")
        self.has_catalog = decision is not None
        if decision is not None:
            self.decision_number.setText(decision[0])
            self.decision_date.setText(format_date(decision[1]))
            self.issuer.setText(decision[2])
        cat_box = QGroupBox("Quyết định ban hành bộ tiêu chí của năm")
        cform = QFormLayout(cat_box)
        cform.addRow("Số quyết định:", self.decision_number)
        cform.addRow(f"{CATALOG_DATE}:", self.decision_date)
        cform.addRow("Cơ quan ban hành:", self.issuer)
        cat_box.setEnabled(self.has_catalog)

        d = default_window(year)
        self.window_from = DateInput(
            None if window.default else window.start,
            allow_empty=True,
            what="Tài liệu của năm tính từ ngày",
        )
        self.window_to = DateInput(
            None if window.default else window.end,
            allow_empty=True,
            what="Tài liệu của năm tính đến ngày",
        )
        for edit, default in ((self.window_from, d.start), (self.window_to, d.end)):
            edit.setPlaceholderText(format_date(default))  # empty: the default window
        self.window_from.setAccessibleName("Tài liệu của năm tính từ ngày")
        self.window_to.setAccessibleName("Tài liệu của năm tính đến ngày")
        window_box = QGroupBox("Thời gian tài liệu kiểm chứng của năm")
        wform = QFormLayout(window_box)
        wform.addRow("Từ ngày:", self.window_from)
        wform.addRow("Đến ngày:", self.window_to)
        hint = QLabel(
            f"Tài liệu ngày trong khoảng này không bị báo “không thuộc năm đánh giá”. Để trống: "
            f"mặc định {d.text} (kế hoạch của năm ban hành từ cuối năm trước, báo cáo năm "
            "có thể ban hành đầu năm sau)."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#555")
        wform.addRow(hint)

        buttons = dialog_buttons(
            self, QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        lay = QVBoxLayout(self)
        lay.addWidget(era)
        lay.addWidget(body)
        lay.addWidget(name_box)
        lay.addWidget(cat_box)
        lay.addWidget(window_box)
        lay.addWidget(buttons)
        self.resize(620, self.sizeHint().height())

    @property
    def level(self) -> str:
        return "district" if self.by_district.isChecked() else "province"

    def _level_changed(self) -> None:
        """The other era's default, unless the officer typed a name of their own."""
        text = fold(self.appraiser.text().strip())
        if not text or text in {fold(v) for v in self.defaults.values()}:
            self.appraiser.setText(self.defaults[self.level])
        self.appraiser.setPlaceholderText(
            "UBND huyện …" if self.level == "district" else "Sở Nội vụ tỉnh …"
        )

    def _window(self) -> tuple[date | None, date | None]:
        """The typed window (a wrong date raises the message, naming the field)."""
        a, b = self.window_from.text().strip(), self.window_to.text().strip()
        start = parse_date(a, what="Tài liệu của năm tính từ ngày") if a else None
        end = parse_date(b, what="Tài liệu của năm tính đến ngày") if b else None
        if start is not None or end is not None:
            d = default_window(self.year)
            check_window(self.year, start or d.start, end or d.end)
        return start, end

    def _save(self, when: date | None, replace: bool) -> None:
        appraiser = " ".join(self.appraiser.text().split())
        district = None
        if self.level == "district" and fold(appraiser).startswith("ubnd huyen "):
            district = appraiser[len("UBND huyện ") :]
        with self.ws.transaction() as s:
            set_year(
                s,
                self.year,
                appraiser=appraiser,
                level=self.level,
                commune_name=self.commune.currentText(),
                district=district,
                replace=replace,
            )
            if self.has_catalog:
                set_catalog_decision(
                    s,
                    self.year,
                    number=self.decision_number.text(),
                    decision_date=when,
                    issuer=self.issuer.text(),
                )
            set_evidence_window(s, self.year, *self.window_span)

    def _is_replacing(self) -> bool:
        cur, new = self.current, fold(self.appraiser.text().strip())
        return cur.confirmed and bool(new) and fold(cur.appraiser) != new

    def accept(self) -> None:
        text = self.decision_date.text().strip()
        try:
            when = parse_date(text, what=CATALOG_DATE) if text else None
        except CchcError as exc:
            show_error(self, exc)
            self.decision_date.setFocus()
            return
        try:
            self.window_span = self._window()
        except CchcError as exc:
            show_error(self, exc)
            self.window_from.setFocus()
            return
        try:
            self._save(when, replace=False)
        except ValidationError as exc:
            # set_year checks the appraiser before anything else it refuses
            if not self._is_replacing():
                show_error(self, exc)
                return
            question = exc.message.replace(CLI_HINT, "")
            if not ask_yes_no(
                self,
                "Thay cơ quan thẩm định?",
                f"{question}\n\nThay cơ quan thẩm định của năm {self.year}?",
            ):
                return
            try:
                self._save(when, replace=True)
            except CchcError as exc2:
                show_error(self, exc2)
                return
        except CchcError as exc:
            show_error(self, exc)
            return
        super().accept()


def setup_year(window: MainWindow) -> None:
    """Open the dialog for the year shown in the window."""
    if window.year is None:
        show_error(window, "Chưa có năm đánh giá. Hãy thêm năm trước (Năm → Thêm năm đánh giá…).")
        return
    if YearSetupDialog(window.ws, window.year, window).exec():
        window.dataChanged.emit()
