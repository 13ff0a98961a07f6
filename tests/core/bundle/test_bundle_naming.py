"""File and folder names that Windows (and the upload portal) accept."""

from __future__ import annotations

from datetime import date

import pytest

from base.errors import ValidationError
from desktop.core.bundle.layout import MAX_PATH, BundleLayout, document_stem, short_title
from desktop.core.bundle.naming import UniqueNames, ascii_fold, is_reserved, safe_name

FORBIDDEN = '/\\:*?"<>|'


def test_document_file_name_as_in_the_issue() -> None:
    stem = document_stem("123/BC-UBND", date(2023, 4, 4), "Báo cáo kết quả công tác CCHC quý I")
    assert stem == "123-BC-UBND_04-04-2023_Bao cao ket qua cong tac CCHC quy I"


@pytest.mark.parametrize(
    "raw",
    ['a/b\\c:d*e?f"g<h>i|j', "Số 5/QĐ-UBND: “trích yếu”?", "tab\there\nnewline\x00nul"],
)
def test_no_forbidden_or_control_characters(raw: str) -> None:
    for fold in (False, True):
        name = safe_name(raw, fold=fold)
        assert not set(name) & set(FORBIDDEN), name
        assert all(ord(ch) >= 32 for ch in name)


@pytest.mark.parametrize(
    "raw",
    [
        "CON",
        "con",
        "PRN",
        "AUX",
        "NUL",
        "COM1",
        "com9",
        "LPT1",
        "LPT9",
        "CON.pdf",
        "aux.tar.gz",
        "Nul .txt",
    ],
)
def test_reserved_device_names_are_changed(raw: str) -> None:
    assert is_reserved(raw)
    name = safe_name(raw)
    assert not is_reserved(name)
    assert name.lstrip("_").lower() == raw.lower()


def test_names_that_only_look_reserved_are_kept() -> None:
    for raw in ("CONG VAN", "console.pdf", "COM10", "LPT", "Auxiliary"):
        assert safe_name(raw) == raw


def test_trailing_dots_and_spaces_are_dropped() -> None:
    assert safe_name("Báo cáo...  ") == "Báo cáo"
    assert safe_name("  . ") == "_"


def test_vietnamese_kept_in_nfc_or_folded() -> None:
    nfd = "Ch\u1ec9 \u0111a\u0323o"  # "Chỉ đạo" with a decomposed dot below
    assert safe_name(nfd) == "Chỉ đạo"
    assert ascii_fold("Đồng Tâm – Ninh Giang") == "Dong Tam - Ninh Giang"


def test_area_folder_title_is_shortened() -> None:
    assert short_title("Công tác chỉ đạo, điều hành cải cách hành chính", 30) == "Chỉ đạo điều hành"


def test_duplicates_are_numbered_case_insensitively() -> None:
    names = UniqueNames()
    assert names.claim("Bao cao.pdf") == "Bao cao.pdf"
    assert names.claim("BAO CAO.pdf") == "BAO CAO (2).pdf"
    assert names.claim("bao cao.pdf") == "bao cao (3).pdf"
    assert names.claim("Bao cao.docx") == "Bao cao.docx"


def test_duplicate_in_layout_gets_a_number() -> None:
    layout = BundleLayout(10)
    folder = layout.node_folder("1", "Chỉ đạo", "1.1.1", "Kế hoạch")
    first = layout.file_path(folder, "12-KH-UBND", "a.PDF")
    second = layout.file_path(folder, "12-KH-UBND", "b.pdf")
    assert first.endswith("/12-KH-UBND.pdf")
    assert second.endswith("/12-KH-UBND (2).pdf")


def test_paths_stay_under_240_characters_from_a_deep_target() -> None:
    root = "C:\\Users\\Nguyen Van An\\Documents\\Ho so cai cach hanh chinh\\Goi CCHC Dong Tam 2023"
    layout = BundleLayout(len(root))
    long_title = "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trước hạn và đúng hạn " * 4
    folder = layout.node_folder("3", long_title, "3.5.1", long_title)
    for i in range(30):
        path = layout.file_path(folder, document_stem(f"{i}/BC-UBND", None, long_title), "x.pdf")
        assert len(root) + 1 + len(path) < MAX_PATH
        assert path.endswith(".pdf")


def test_a_target_too_deep_is_refused_with_a_message() -> None:
    with pytest.raises(ValidationError) as exc:
        BundleLayout(200)
    assert "thư mục ngắn hơn" in str(exc.value)
