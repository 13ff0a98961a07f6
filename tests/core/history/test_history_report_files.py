"""The former communes' report files (BaoCao/ of their bundles) listed and copied out."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from history_report_fixtures import REPORT_BYTES, merged_with_reports

from base.errors import FileStoreError, MissingBlobError, NotFoundError
from desktop.core.history.report_files import (
    find_report_file,
    history_report_files,
    save_report_file,
)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    data = tmp_path / "tan-hung"
    merged_with_reports(data, tmp_path)
    return data


def test_lists_each_former_communes_report_files_in_order(data: Path) -> None:
    files = history_report_files(data)
    # the profile's order of former communes (Hồng Phong first), then year, then name
    assert [(f.commune, f.year, f.name, f.size, f.present) for f in files] == [
        ("Hồng Phong", 2024, "Bao cao 6 thang.pdf", 15, True),
        ("Hồng Phong", 2024, "Ke hoach CCHC 2024.pdf", 16, True),
        ("Đồng Tâm", 2024, "Bao cao ket qua CCHC 2024 (da ky).pdf", len(REPORT_BYTES), True),
    ]
    assert files[2].sha256 == hashlib.sha256(REPORT_BYTES).hexdigest()
    assert files[2].stored.read_bytes() == REPORT_BYTES


def test_no_history_no_report_files(tmp_path: Path) -> None:
    assert history_report_files(tmp_path / "trong") == []


def test_save_keeps_the_name_and_never_overwrites(data: Path, tmp_path: Path) -> None:
    f = find_report_file(data, "dong tam", 2024, "BaoCao/Bao cao ket qua CCHC 2024 (da ky).pdf")
    out = tmp_path / "Tải về"
    first = save_report_file(f, out)
    assert first == out / "Bao cao ket qua CCHC 2024 (da ky).pdf"
    assert first.read_bytes() == REPORT_BYTES
    first.write_bytes(b"ban da sua")  # the officer's own copy, edited
    second = save_report_file(f, out)
    assert second.name == "Bao cao ket qua CCHC 2024 (da ky) (2).pdf"
    assert first.read_bytes() == b"ban da sua" and second.read_bytes() == REPORT_BYTES
    assert {p.name for p in out.iterdir()} == {first.name, second.name}  # no temp file left


def test_a_damaged_stored_file_is_not_saved(data: Path, tmp_path: Path) -> None:
    f = history_report_files(data)[2]
    f.stored.write_bytes(b"hong")
    with pytest.raises(FileStoreError, match="đã bị hỏng") as exc:
        save_report_file(f, tmp_path / "ra")
    assert "Bao cao ket qua CCHC 2024 (da ky).pdf năm 2024 của xã cũ Đồng Tâm" in str(exc.value)
    assert list((tmp_path / "ra").iterdir()) == []


def test_a_missing_stored_file_names_commune_year_and_file(data: Path, tmp_path: Path) -> None:
    f = history_report_files(data)[0]
    f.stored.unlink()
    f = history_report_files(data)[0]
    assert not f.present
    with pytest.raises(MissingBlobError) as exc:
        save_report_file(f, tmp_path / "ra")
    assert str(exc.value).startswith(
        "Không còn tệp báo cáo Bao cao 6 thang.pdf năm 2024 của xã cũ Hồng Phong trong kho tệp"
    )
    assert not (tmp_path / "ra").exists()


def test_an_unwritable_target_says_why_in_vietnamese(data: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "la-tep"
    blocker.write_bytes(b"")
    with pytest.raises(FileStoreError, match="Không lưu được tệp báo cáo .* vào thư mục"):
        save_report_file(history_report_files(data)[0], blocker / "con")


def test_an_unknown_file_lists_what_there_is(data: Path) -> None:
    with pytest.raises(NotFoundError, match="các tệp có: 2024: Bao cao ket qua"):
        find_report_file(data, "Đồng Tâm", 2023, "Bao cao ket qua CCHC 2024 (da ky).pdf")
    with pytest.raises(NotFoundError, match="Xã cũ Phú Lộc không có tệp báo cáo nào"):
        find_report_file(data, "Phú Lộc", 2024, "x.pdf")
