"""Starting a new year: copy or import, old → new code mapping, what is carried."""

from __future__ import annotations

from decimal import Decimal

from results_sheets import catalog_with_roman
from sqlalchemy import func, select

from db.models import EvidenceLink
from db.models_results import NodeAssignment
from desktop.core.catalog.importer import read_catalog_file
from desktop.core.catalog.store import NodeRow, catalog_info, load_builtin
from desktop.core.evidence.documents import NewDocument, add_document, nodes_by_code
from desktop.core.years.rollover import (
    MappingRow,
    mapping_rows,
    save_mapping,
    start_year,
    suggest_mapping,
)


def _rows(*items):
    return [NodeRow(code, title, Decimal(mx)) for code, title, mx in items]


def test_suggestion_follows_codes_and_titles():
    old = _rows(
        ("1", "Công tác chỉ đạo, điều hành CCHC", "15"),
        ("1.4", "Công tác tuyên truyền cải cách hành chính", "4"),
        ("1.5", "Sáng kiến trong cải cách hành chính", "1"),
        ("1.6", "Thực hiện nhiệm vụ cấp trên giao", "2"),
    )
    new = _rows(
        ("1", "Công tác chỉ đạo, điều hành cải cách hành chính", "14"),
        ("1.4", "Tổ chức đối thoại với người dân", "2"),
        ("1.5", "Tuyên truyền cải cách hành chính", "3"),
        ("1.6", "Sáng kiến, giải pháp mới trong cải cách hành chính", "1"),
    )
    got = {m.old_code: m for m in suggest_mapping(old, new)}
    assert (got["1"].new_code, got["1"].reason) == ("1", "cùng mã")
    assert (got["1.4"].new_code, got["1.4"].reason) == ("1.5", "nội dung gần giống")
    assert got["1.5"].new_code == "1.6"  # the initiative criterion moved down one
    assert got["1.4"].similarity >= 75
    assert (got["1.6"].new_code, got["1.6"].reason) == ("1.6", "cùng mã, nội dung khác")


def test_copy_last_year_carries_officers_and_notes_never_evidence(ws, tmp_path):
    scan = tmp_path / "kh.pdf"
    scan.write_bytes(b"%PDF-1.4 ke hoach 2023")
    with ws.transaction() as s:
        load_builtin(s, 2023, "mau-minh-hoa")
        (node,) = nodes_by_code(s, 2023, ["1.1.1"])
        s.add(
            NodeAssignment(node_id=node.id, officer="Văn phòng - Thống kê", note="nộp trước 31/12")
        )
        add_document(s, ws.store, NewDocument(year=2023, number="05/KH-UBND"), [scan], ["1.1.1"])
    with ws.transaction() as s:
        outcome = start_year(s, 2024, 2023)
    assert outcome.carried == 1 and outcome.unmapped == []
    with ws.session() as s:
        info = catalog_info(s, 2024)
        (new_node,) = nodes_by_code(s, 2024, ["1.1.1"])
        carried = s.get(NodeAssignment, new_node.id)
        links_2024 = s.scalar(
            select(func.count())
            .select_from(EvidenceLink)
            .where(EvidenceLink.node_id == new_node.id)
        )
    assert info.node_count == 72 and info.note.startswith("Chép từ bộ tiêu chí năm 2023")
    assert (carried.officer, carried.note) == ("Văn phòng - Thống kê", "nộp trước 31/12")
    assert links_2024 == 0


def test_new_year_from_an_imported_sheet_with_an_edited_mapping(ws, tmp_path):
    with ws.transaction() as s:
        load_builtin(s, 2023, "mau-minh-hoa")
        (node,) = nodes_by_code(s, 2023, ["1.4"])
        s.add(NodeAssignment(node_id=node.id, officer="Văn hóa - Xã hội"))
    preview = read_catalog_file(catalog_with_roman(tmp_path / "b.xlsx", year=2024), year=2024)
    with ws.transaction() as s:
        outcome = start_year(s, 2024, 2023, preview=preview)
    mapped = {m.old_code: m.new_code for m in outcome.mapping}
    assert mapped["1"] == "1" and mapped["3"] == "3"
    assert "5.4.3.4" in outcome.unmapped

    # the user corrects one line; the saved mapping is what later comparisons use
    with ws.transaction() as s:
        rows = mapping_rows(s, 2023, 2024)
        for r in rows:
            if r.old_code == "1.4":
                r.new_code, r.confirmed = "1.2", True
        save_mapping(s, 2023, 2024, rows)
    with ws.session() as s:
        again = {m.old_code: m for m in mapping_rows(s, 2023, 2024)}
    assert (again["1.4"].new_code, again["1.4"].confirmed) == ("1.2", True)
    assert again["1.4"].new_title == "Công tác tuyên truyền CCHC"


def test_mapping_to_a_code_that_does_not_exist_is_refused(ws):
    import pytest

    from base.errors import ValidationError

    with ws.transaction() as s:
        load_builtin(s, 2023, "mau-minh-hoa")
        start_year(s, 2024, 2023)
    bad = [MappingRow("1.1", "Kế hoạch", 2, "1.9")]
    with pytest.raises(ValidationError, match=r"1\.9 \(năm 2024\)"), ws.transaction() as s:
        save_mapping(s, 2023, 2024, bad)


def test_start_year_uses_the_mapping_as_the_user_edited_it(ws):
    """The officer corrects a suggestion before creating the year: officers follow it."""
    with ws.transaction() as s:
        load_builtin(s, 2023, "mau-minh-hoa")
        (node,) = nodes_by_code(s, 2023, ["1.4"])
        s.add(NodeAssignment(node_id=node.id, officer="Văn hóa - Xã hội"))
        old = catalog_info(s, 2023).nodes
    edited = suggest_mapping(old, old)
    for m in edited:
        if m.old_code == "1.4":
            m.new_code, m.confirmed = "1.2", True
    with ws.transaction() as s:
        outcome = start_year(s, 2024, 2023, mapping=edited)
    assert outcome.carried == 1
    with ws.session() as s:
        (moved,) = nodes_by_code(s, 2024, ["1.2"])
        (same,) = nodes_by_code(s, 2024, ["1.4"])
        saved = {m.old_code: m for m in mapping_rows(s, 2023, 2024)}
        assert s.get(NodeAssignment, moved.id).officer == "Văn hóa - Xã hội"
        assert s.get(NodeAssignment, same.id) is None
    assert (saved["1.4"].new_code, saved["1.4"].confirmed) == ("1.2", True)
