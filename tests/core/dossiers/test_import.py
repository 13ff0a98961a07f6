"""Importing exports: upsert by code, newer information wins, skipped rows listed."""

from __future__ import annotations

import pytest
from dossier_exports import write_export1, write_export2, write_export2_xls
from sqlalchemy import func, select

from base.errors import ValidationError
from db.models_dossiers import Dossier, DossierImport
from desktop.core.dossiers import ImportCancelled, import_dossiers, preview_file
from desktop.core.dossiers.importer import parse_overrides
from desktop.core.dossiers.locate import MappingRequiredError


def _import(ws, path, **kw):
    with ws.transaction() as s:
        return import_dossiers(s, path, **kw)


def _dossier(ws, code):
    with ws.session() as s:
        return s.scalar(select(Dossier).where(Dossier.code == code))


def test_export1_summary_lists_skipped_rows_with_sheet_row_and_reason(ws, tmp_path):
    summary = _import(ws, write_export1(tmp_path / "hai-duong.xlsx"))
    assert summary.sheet == "Danh sách"
    assert summary.header_rows == (5, 6)
    assert (summary.imported, summary.updated, summary.unchanged) == (13, 0, 0)
    assert summary.duplicates == 1
    assert [(s.sheet, s.row, s.code) for s in summary.skipped] == [
        ("Danh sách", 20, ""),
        ("Danh sách", 21, "A15"),
    ]
    assert summary.skipped[0].reason == "không có mã hồ sơ"
    assert "31/02/2023" in summary.skipped[1].reason
    assert "không tồn tại" in summary.skipped[1].reason
    # the totals row and the signature block are not dossiers
    with ws.session() as s:
        assert s.scalar(select(func.count()).select_from(Dossier)) == 13
    a08 = _dossier(ws, "A08")  # listed twice: the row with the result is newer
    assert a08.result_at.strftime("%d/%m/%Y %H:%M") == "12/03/2023 10:00"
    a05 = _dossier(ws, "A05")  # 02/01/2023 is the 2nd of January
    assert (a05.received_at.day, a05.received_at.month) == (2, 1)
    assert a05.channel == "online" and a05.field == "Đất đai"
    assert _dossier(ws, "A04").channel == "postal"
    assert _dossier(ws, "A07").due_at.strftime("%H:%M:%S") == "23:59:59"


def test_reimport_changes_nothing(ws, tmp_path):
    path = write_export1(tmp_path / "e1.xlsx")
    _import(ws, path)
    before = _dossier(ws, "A02")
    again = _import(ws, path)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 13)
    after = _dossier(ws, "A02")
    assert (after.updated_at, after.import_id) == (before.updated_at, before.import_id)


def test_overlapping_exports_store_each_dossier_once_newer_information_wins(ws, tmp_path):
    _import(ws, write_export1(tmp_path / "e1.xlsx"))
    second = _import(ws, write_export2(tmp_path / "e2.xlsx"))
    # B01-B03 new; A01 now has a result; A11 the same; A09 older in export 2
    assert (second.imported, second.updated, second.unchanged) == (3, 1, 2)
    assert [(s.row, s.code) for s in second.skipped] == [(8, ""), (9, "B05")]
    assert "ngày có kết quả" in second.skipped[1].reason
    a01 = _dossier(ws, "A01")
    assert a01.result_at.strftime("%d/%m/%Y %H:%M") == "20/12/2022 10:00"
    assert a01.status == "Đã trả kết quả"
    assert a01.digitised_on_receipt is True  # kept: export 2 has no such column
    assert _dossier(ws, "A09").result_at is not None  # the older export did not erase it
    # the older export imported last changes nothing either
    third = _import(ws, write_export1(tmp_path / "e1-again.xlsx"))
    assert (third.imported, third.updated, third.unchanged) == (0, 0, 13)
    assert _dossier(ws, "A01").result_at is not None


def test_other_order_gives_the_same_dossiers(ws, tmp_path, data_dir):
    from desktop.core.workspace import open_workspace

    first = _import(ws, write_export2(tmp_path / "e2.xlsx"))
    assert first.imported == 6
    second = _import(ws, write_export1(tmp_path / "e1.xlsx"))
    # A01 (digitised flags filled in), A09 (result) and A11 (flags) updated
    assert (second.imported, second.updated, second.unchanged) == (10, 3, 0)
    other = open_workspace(tmp_path / "other")
    try:
        with other.transaction() as s:
            import_dossiers(s, tmp_path / "e1.xlsx")
            import_dossiers(s, tmp_path / "e2.xlsx")
        cols = [
            c
            for c in Dossier.__table__.c
            if c.name not in ("id", "import_id", "source_row", "updated_at")
        ]
        with ws.session() as a, other.session() as b:
            rows_a = a.execute(select(*cols).order_by(Dossier.code)).all()
            rows_b = b.execute(select(*cols).order_by(Dossier.code)).all()
        assert rows_a == rows_b
    finally:
        other.close()


def test_legacy_xls(ws, tmp_path):
    pytest.importorskip("xlwt")
    summary = _import(ws, write_export2_xls(tmp_path / "tinh-khac.xls"))
    assert summary.header_rows == (2,)
    assert (summary.imported, len(summary.skipped)) == (6, 2)
    b01 = _dossier(ws, "B01")
    assert b01.received_at.strftime("%d/%m/%Y %H:%M") == "03/01/2023 09:15"
    assert b01.due_at.strftime("%d/%m/%Y %H:%M:%S") == "06/01/2023 23:59:59"
    assert b01.online_level == "full" and b01.online_payment is True
    assert _dossier(ws, "B02").received_at.strftime("%d/%m/%Y") == "07/02/2023"


def _write_unknown_header(path, codes=("X-001", "X-002")):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Mã số phiếu", "Ngày nộp", "Lĩnh vực", "Ngày hẹn trả", "Trạng thái"])
    for code in codes:
        ws.append([code, "03/01/2023", "Hộ tịch", "05/01/2023", "Đang xử lý"])
    wb.save(path)
    return path


def test_unrecognised_columns_need_a_mapping_which_is_saved_and_reused(ws, tmp_path):
    path = _write_unknown_header(tmp_path / "tinh-x.xlsx")
    with pytest.raises(MappingRequiredError) as err:
        _import(ws, path)
    msg = str(err.value)
    assert "tinh-x.xlsx" in msg and "“Mã hồ sơ”" in msg and "“Ngày tiếp nhận”" in msg
    preview = err.value.preview
    assert preview.labels[:2] == ["Mã số phiếu", "Ngày nộp"]
    assert preview.sample[0][:2] == ["X-001", "03/01/2023"]
    assert preview.missing == ["code", "received"]
    with ws.session() as s:
        assert s.scalar(select(func.count()).select_from(DossierImport)) == 0

    with ws.session() as s:
        shown = preview_file(s, path)
    assert shown.missing == ["code", "received"] and shown.mapping == {
        2: "field",
        3: "due",
        4: "status",
    }
    overrides = parse_overrides(["Mã số phiếu=code", "ngay nop=received"])
    summary = _import(ws, path, overrides=overrides, save_profile_as="Tỉnh X")
    assert summary.imported == 2 and summary.saved_profile == "Tỉnh X"

    # the same header again: the saved profile applies by itself
    later = _import(ws, _write_unknown_header(tmp_path / "tinh-x-2.xlsx", ("X-003",)))
    assert later.profile == "Tỉnh X" and later.imported == 1
    # and can be named explicitly
    with ws.session() as s:
        assert preview_file(s, path).profile == "Tỉnh X"
    named = _import(ws, path, profile="Tỉnh X")
    assert named.profile == "Tỉnh X" and named.unchanged == 2


def test_bad_mapping_syntax_is_refused():
    with pytest.raises(ValidationError, match="Tên cột=trường"):
        parse_overrides(["Mã số phiếu"])
    with pytest.raises(ValidationError, match="không hợp lệ"):
        parse_overrides(["Mã số phiếu=ma"])


def test_progress_and_cancel_leave_nothing(ws, tmp_path):
    path = write_export1(tmp_path / "e1.xlsx")
    seen = []
    _import(ws, path, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1] and len(seen) >= 2
    assert all(d <= t for d, t in seen)

    path2 = write_export2(tmp_path / "e2.xlsx")
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) >= 2

    with pytest.raises(ImportCancelled, match="dữ liệu không thay đổi"):
        _import(ws, path2, cancel=cancel)
    assert _dossier(ws, "B01") is None
    with ws.session() as s:
        assert s.scalar(select(func.count()).select_from(DossierImport)) == 1
