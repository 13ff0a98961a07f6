"""The mapping dialog: when an export's header has a needed column the app does not
recognise, the officer picks, under each column of the file, which dossier field it holds.
The choice is saved as a named profile, so the same header is recognised next time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.dossiers import ExportPreview
from desktop.core.dossiers.synonyms import FIELDS, REQUIRED
from desktop.ui.vi import dialog_buttons

UNUSED = "(không dùng)"
PICK_ROW = 0


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (how Excel names columns)."""
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


def field_text(key: str) -> str:
    label = next(f.label for f in FIELDS if f.key == key)
    return f"{label} *" if key in REQUIRED else label


class MappingDialog(QDialog):
    def __init__(self, preview: ExportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(f"Chọn cột cho tệp {preview.file_label}")
        rows = ", ".join(str(r) for r in preview.header_rows)
        intro = QLabel(
            f"Tệp <b>{preview.file_label}</b>, trang “{preview.sheet}”: dòng tiêu đề là dòng "
            f"{rows}, nhưng chưa nhận ra một số cột cần thiết. Dưới tên mỗi cột, hãy chọn "
            f"cột đó là thông tin gì (* là cột bắt buộc; cột không cần thì để “{UNUSED}”). "
            "Bên dưới là vài dòng dữ liệu mẫu của tệp."
        )
        intro.setWordWrap(True)
        self.missing_label = QLabel()
        self.missing_label.setStyleSheet("color:#b00020;")
        self.missing_label.setWordWrap(True)

        width = len(preview.labels)
        self.table = QTableWidget(1 + len(preview.sample), width)
        self.table.setAccessibleName("Các cột của tệp và dữ liệu mẫu")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setHorizontalHeaderLabels(
            [
                f"{column_letter(c)}: {lbl}" if lbl else column_letter(c)
                for c, lbl in enumerate(preview.labels)
            ]
        )
        self.table.setVerticalHeaderLabels(
            ["Là thông tin"] + [f"Mẫu {i}" for i in range(1, len(preview.sample) + 1)]
        )
        self.combos: list[QComboBox] = []
        seen: set[str] = set()
        for c in range(width):
            combo = QComboBox()
            combo.addItem(UNUSED, "")
            for spec in FIELDS:
                combo.addItem(field_text(spec.key), spec.key)
            # narrow in the table, the full names in the open list
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
            combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
            key = preview.keys[c] if c < len(preview.keys) else ""
            current = preview.mapping.get(c, "")
            combo.setCurrentIndex(max(combo.findData(current), 0))
            if not key or key in seen:  # no header text, or the same header twice
                combo.setEnabled(False)
                combo.setToolTip("Cột không có tên riêng nên không chọn được.")
            seen.add(key)
            combo.setAccessibleName(f"Cột {column_letter(c)}")
            combo.currentIndexChanged.connect(lambda _i, col=c: self._picked(col))
            self.table.setCellWidget(PICK_ROW, c, combo)
            self.combos.append(combo)
        for r, row in enumerate(preview.sample, start=1):
            for c in range(width):
                item = QTableWidgetItem(row[c] if c < len(row) else "")
                item.setForeground(QColor("#333333"))
                self.table.setItem(r, c, item)
        fm = self.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(fm.height() + 10)
        self.table.verticalHeader().setMinimumWidth(fm.horizontalAdvance("Là thông tin") + 28)
        self.table.resizeColumnsToContents()
        for c in range(width):
            w = max(self.table.columnWidth(c), self.combos[c].sizeHint().width())
            self.table.setColumnWidth(c, min(w, 240))
        self.table.resizeRowToContents(PICK_ROW)

        self.profile_name = QLineEdit(f"Mẫu {Path(preview.file_label).stem}")
        self.profile_name.setAccessibleName("Tên mẫu ánh xạ cột")
        form = QFormLayout()
        lbl = QLabel("&Lưu cách chọn cột thành mẫu tên:")
        lbl.setBuddy(self.profile_name)
        form.addRow(lbl, self.profile_name)
        form.addRow(
            QLabel(
                "Lần sau, tệp có cùng dòng tiêu đề sẽ tự dùng mẫu này. "
                "Để trống tên nếu chỉ dùng một lần."
            )
        )

        self.buttons = dialog_buttons(self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Nhập với các cột này")
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.missing_label)
        lay.addLayout(form)
        lay.addWidget(self.buttons)
        avail = (parent.window() if parent else self).screen().availableGeometry()
        self.resize(min(1240, int(avail.width() * 0.92)), min(400, int(avail.height() * 0.8)))
        self._update_missing()

    # --- choices ----------------------------------------------------------------------------

    def set_field(self, column: int, key: str) -> None:
        """Choose the field of a column ("" = not used), as the drop-down does."""
        combo = self.combos[column]
        combo.setCurrentIndex(combo.findData(key))

    def chosen(self) -> dict[int, str]:
        return {
            c: combo.currentData() for c, combo in enumerate(self.combos) if combo.currentData()
        }

    def _picked(self, column: int) -> None:
        key = self.combos[column].currentData()
        if key:  # one column per field: the earlier choice of this field is cleared
            for c, combo in enumerate(self.combos):
                if c != column and combo.currentData() == key:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
        self._update_missing()

    def missing(self) -> list[str]:
        chosen = set(self.chosen().values())
        return [k for k in REQUIRED if k not in chosen]

    def _update_missing(self) -> None:
        missing = self.missing()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not missing)
        if missing:
            names = ", ".join(f"“{field_text(k).rstrip(' *')}”" for k in missing)
            self.missing_label.setText(f"Còn thiếu cột {names}: hãy chọn dưới tên cột tương ứng.")
        else:
            self.missing_label.setText("")

    # --- result -----------------------------------------------------------------------------

    def overrides(self) -> dict[str, str]:
        """Folded header label → field key ("" = ignore) for every nameable column."""
        out: dict[str, str] = {}
        for c, combo in enumerate(self.combos):
            key = self.preview.keys[c] if c < len(self.preview.keys) else ""
            if key and combo.isEnabled():
                out[key] = combo.currentData()
        return out

    def profile(self) -> str | None:
        name = " ".join(self.profile_name.text().split())
        return name or None
