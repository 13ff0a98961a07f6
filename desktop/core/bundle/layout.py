"""Where each file goes in a bundle: one folder per area and sub-criterion, made for
uploading sub-criterion by sub-criterion.

```
Goi CCHC Dong Tam 2023 - 2024-01-05 15h30/
  Danh muc tai lieu kiem chung.xlsx
  manifest.json
  1 Chỉ đạo điều hành/
    1.3.3 Xử lý các vấn đề phát hiện qua kiểm tra/
      123-BC-UBND_04-04-2023_Bao cao ket qua kiem tra.pdf
  BaoCao/
```
Folder names keep Vietnamese (``ascii_folders`` folds them for old unzip tools); file names
are folded to ASCII as the portal expects. Every path stays under 240 characters counted
from the drive letter.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from base.errors import ValidationError
from desktop.core.bundle.naming import (
    UniqueNames,
    ascii_fold,
    safe_extension,
    safe_file_name,
    safe_name,
)
from desktop.core.office.text import nfc

MAX_PATH = 240
# Room kept for unzipping somewhere deeper than where the bundle was written.
MAX_RELATIVE = 160
MIN_RELATIVE = 60
AREA_TITLE_LEN = 30
NODE_TITLE_LEN = 45
FILE_NAME_LEN = 110
SUMMARY_LEN = 60
REPORTS_DIR = "BaoCao"
UNLINKED_DIR = "Chưa gắn tiêu chí"
BUNDLE_PREFIX = "Goi CCHC"

_DROP_PREFIXES = ("công tác ", "thực hiện ")
_DROP_SUFFIXES = (" cải cách hành chính", " cchc")
_PUNCT = re.compile(r"[,;()\[\]{}]+")


def short_title(title: str, max_len: int) -> str:
    """``Công tác chỉ đạo, điều hành cải cách hành chính`` → ``Chỉ đạo điều hành``."""
    text = " ".join(_PUNCT.sub(" ", nfc(title)).split())
    lower = text.lower()
    for prefix in _DROP_PREFIXES:
        if lower.startswith(prefix) and len(text) > len(prefix) + 3:
            text, lower = text[len(prefix) :], lower[len(prefix) :]
    for suffix in _DROP_SUFFIXES:
        if lower.endswith(suffix) and len(text) > len(suffix) + 3:
            text, lower = text[: -len(suffix)], lower[: -len(suffix)]
    text = text.strip()
    if text:
        text = text[0].upper() + text[1:]
    return safe_name(text, max_len=max_len, fallback="")


def bundle_name(commune_name: str, year: int, when: datetime) -> str:
    """``Goi CCHC Dong Tam 2023 - 2024-01-05 15h30`` (ASCII: it is typed and read out)."""
    who = f" {ascii_fold(commune_name)}" if commune_name else ""
    return safe_name(f"{BUNDLE_PREFIX}{who} {year} - {when:%Y-%m-%d %Hh%M}", max_len=70)


def document_stem(number: str, issue_date: date | None, summary: str) -> str:
    """``123/BC-UBND``, 04/04/2023, ``Báo cáo kết quả ...`` → ``123-BC-UBND_04-04-2023_Bao cao ...``."""
    parts = []
    if number.strip():
        parts.append(safe_name(number, fold=True, max_len=40))
    if issue_date:
        parts.append(issue_date.strftime("%d-%m-%Y"))
    if summary.strip():
        parts.append(safe_name(summary, fold=True, max_len=SUMMARY_LEN))
    return "_".join(parts)


class BundleLayout:
    """Gives out the relative paths of one bundle, keeping each under the length budget.

    ``root_len`` is the length of the bundle's absolute path on the target (``E:\\Goi ...``).
    """

    def __init__(self, root_len: int = 0, *, ascii_folders: bool = False) -> None:
        self.budget = min(MAX_RELATIVE, MAX_PATH - root_len - 1)
        if self.budget < MIN_RELATIVE:
            raise ValidationError(
                f"Đường dẫn thư mục đích quá dài ({root_len} ký tự): tên tệp trong gói sẽ "
                f"vượt {MAX_PATH} ký tự. Hãy chọn thư mục ngắn hơn, ví dụ thư mục gốc của USB."
            )
        self.ascii_folders = ascii_folders
        self._names: dict[str, UniqueNames] = {}

    def _folder_name(self, code: str, title: str, max_len: int) -> str:
        short = short_title(title, max_len)
        name = f"{code} {short}" if short else code
        return safe_name(name, fold=self.ascii_folders, max_len=len(code) + 1 + max_len)

    def node_folder(
        self, area_code: str, area_title: str, node_code: str | None, node_title: str
    ) -> str:
        """``1 Chỉ đạo điều hành/1.3.3 Xử lý ...``; the area alone when the link is to it."""
        area = self._folder_name(area_code, area_title, AREA_TITLE_LEN)
        if not node_code or node_code == area_code:
            return area
        return f"{area}/{self._folder_name(node_code, node_title, NODE_TITLE_LEN)}"

    def unlinked_folder(self) -> str:
        return safe_name(UNLINKED_DIR, fold=self.ascii_folders)

    def file_path(self, folder: str, stem: str, original_name: str) -> str:
        """A unique path in ``folder`` for a file named from ``stem`` and its extension."""
        ext = safe_extension(original_name)
        if not stem:
            stem = original_name.rpartition(".")[0] or original_name
        room = self.budget - len(folder) - 1
        if room < 30:  # very deep folder: keep the codes, drop the titles
            folder = "/".join(part.split(" ", 1)[0] for part in folder.split("/"))
            room = self.budget - len(folder) - 1
        max_len = min(FILE_NAME_LEN, room)
        name = safe_file_name(stem, ext, fold=True, max_len=max_len)
        unique = self._names.setdefault(folder, UniqueNames()).claim(name, max_len)
        return f"{folder}/{unique}"

    def report_path(self, display_name: str, source_name: str) -> str:
        """``BaoCao/<display name>`` with the extension of the file on disk."""
        stem = display_name
        if safe_extension(display_name) == safe_extension(source_name):
            stem = display_name.rpartition(".")[0] or display_name
        return self.file_path(REPORTS_DIR, stem, source_name)
