"""Bad files: a clear Vietnamese message naming the file, and nothing imported."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from dossier_exports import simulate_excel_lock, write_export1
from openpyxl import Workbook
from sqlalchemy import func, select

from db.models_dossiers import Dossier, DossierImport
from desktop.core.dossiers import DossierFileError, import_dossiers


@pytest.fixture
def seeded(ws, tmp_path):
    """A database that already holds export 1, to prove bad files leave it as it was."""
    with ws.transaction() as s:
        import_dossiers(s, write_export1(tmp_path / "e1.xlsx"))
    return ws


def _counts(ws):
    with ws.session() as s:
        return (
            s.scalar(select(func.count()).select_from(Dossier)),
            s.scalar(select(func.count()).select_from(DossierImport)),
        )


def _refused(ws, path, match, **kw):
    before = _counts(ws)
    with pytest.raises(DossierFileError, match=match) as err, ws.transaction() as s:
        import_dossiers(s, path, **kw)
    assert path.name in str(err.value)
    assert _counts(ws) == before == (13, 1)
    return str(err.value)


def test_password_protected_workbook(seeded, tmp_path):
    msoffcrypto = pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = write_export1(tmp_path / "plain.xlsx")
    locked = tmp_path / "co-mat-khau.xlsx"
    with plain.open("rb") as src, locked.open("wb") as dst:
        OOXMLFile(src).encrypt("123456", dst)
    assert msoffcrypto.OfficeFile(io.BytesIO(locked.read_bytes())).is_encrypted()
    _refused(seeded, locked, "được đặt mật khẩu")


def test_password_protected_legacy_xls(seeded, tmp_path):
    # a real Excel 97–2003 file with a password (see tests/core/data/README.md)
    src = Path(__file__).parents[1] / "data" / "co-mat-khau-123456.xls"
    locked = tmp_path / "ho-so-quy-1.xls"
    locked.write_bytes(src.read_bytes())
    message = _refused(seeded, locked, "được đặt mật khẩu")
    assert "gỡ mật khẩu" in message


def test_csv_renamed_xlsx(seeded, tmp_path):
    path = tmp_path / "danh-sach.xlsx"
    path.write_text("Mã hồ sơ,Ngày tiếp nhận\nH1,05/01/2023\n", encoding="utf-8")
    _refused(seeded, path, "CSV")


def test_html_saved_as_xls(seeded, tmp_path):
    path = tmp_path / "xuat-tu-cong.xls"
    path.write_text("<html><body><table><tr><td>Mã hồ sơ</td></tr></table></body></html>")
    _refused(seeded, path, "HTML")


def test_zero_byte_file(seeded, tmp_path):
    path = tmp_path / "rong.xlsx"
    path.write_bytes(b"")
    _refused(seeded, path, "0 byte")


def test_missing_file(seeded, tmp_path):
    _refused(seeded, tmp_path / "khong-co.xlsx", "Không tìm thấy tệp")


def test_broken_zip(seeded, tmp_path):
    path = tmp_path / "hong.xlsx"
    path.write_bytes(write_export1(tmp_path / "ok.xlsx").read_bytes()[:500])
    _refused(seeded, path, "bị hỏng")


def test_empty_sheet_and_sheet_without_a_dossier_table(seeded, tmp_path):
    wb = Workbook()
    wb.active.title = "Trống"
    notes = wb.create_sheet("Ghi chú")
    notes.append(["BÁO CÁO TÌNH HÌNH"])
    notes.append(["Nội dung", "Kết quả"])
    notes.append(["Họp giao ban", "Đã họp"])
    path = tmp_path / "khong-co-bang.xlsx"
    wb.save(path)
    msg = _refused(seeded, path, "Không tìm thấy bảng danh sách hồ sơ")
    assert "Mã hồ sơ" in msg
    msg = _refused(seeded, path, "trống", sheet="Trống")
    assert "“Trống”" in msg
    msg = _refused(seeded, path, "Không tìm thấy bảng", sheet="Ghi chú")
    assert "“Ghi chú”" in msg
    _refused(seeded, path, "không có trang tính “Sheet9”", sheet="Sheet9")


def test_workbook_whose_sheets_are_all_empty(seeded, tmp_path):
    path = tmp_path / "trang.xlsx"
    Workbook().save(path)
    _refused(seeded, path, "trống")


def test_picks_the_sheet_with_the_dossier_table(ws, tmp_path):
    path = write_export1(tmp_path / "e1.xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(path)
    cover = wb.create_sheet("Bìa", 0)
    cover.append(["DANH SÁCH HỒ SƠ QUÝ I"])
    wb.save(path)
    with ws.transaction() as s:
        summary = import_dossiers(s, path)
    assert summary.sheet == "Danh sách" and summary.imported == 13


def test_file_locked_by_excel(seeded, tmp_path, monkeypatch):
    """On Windows a workbook open in Excel cannot be read: PermissionError."""
    path = write_export1(tmp_path / "dang-mo.xlsx")
    simulate_excel_lock(monkeypatch, path)
    _refused(seeded, path, "đang được mở ở chương trình khác")
