"""Scoring rules and the bonus section read from a catalog sheet through the import preview."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import Workbook

from base.errors import ValidationError
from desktop.core.catalog.importer import edit_row, read_catalog_file, save_preview
from desktop.core.catalog.node_rules import rules_for_catalog
from desktop.core.catalog.store import catalog_years
from desktop.core.scoring.rollup import score_tree
from desktop.core.scoring.scores import require_catalog
from desktop.core.selfassess.entry import entry_info

AREAS = [
    ("1", "Công tác chỉ đạo, điều hành CCHC", 15),
    ("2", "Cải cách thể chế", 5),
    ("3", "Cải cách thủ tục hành chính", 18.5),
    ("4", "Cải cách tổ chức bộ máy", 6),
    ("5", "Cải cách chế độ công vụ", 11),
    ("6", "Cải cách tài chính công", 7),
    ("7", "Xây dựng chính quyền điện tử", 11.5),
    ("8", "Tác động đến phát triển kinh tế - xã hội", 2),
    ("9", "Đánh giá qua điều tra xã hội học", 14),
    ("10", "Chỉ số hài lòng (SIPAS)", 10),
]


def _sheet(path: Path, rows: list[list], *, header=None) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Bộ chỉ số"
    ws.append(["BỘ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CẤP XÃ NĂM 2024"])
    ws.append([])
    ws.append(header or ["Mã tiêu chí", "Nội dung", "Điểm tối đa", "Cách tính điểm"])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _rows(area1: list[list], extra: list[list] = ()) -> list[list]:
    out: list[list] = []
    for code, title, mx in AREAS:
        out.append([code, title, mx, ""])
        if code == "1":
            out += area1
    return out + list(extra)


AREA1 = [
    ["1.1", "Kế hoạch CCHC", 3, ""],
    ["1.1.1", "Ban hành kế hoạch CCHC kịp thời", 1, "co/khong"],
    ["1.1.2", "Tỷ lệ nhiệm vụ hoàn thành", 2, "Bậc: 100=2; 80-<100=1; <80=0"],
    ["1.2", "Kết quả giải quyết TTHC", 12, ""],
    [
        "1.2.1",
        "Tỷ lệ hồ sơ đúng hạn",
        3,
        "100%: 3 điểm; từ 98% đến dưới 100%: 2 điểm; dưới 98%: 0 điểm.",
    ],
    ["1.2.2", "Tỷ lệ hồ sơ trực tuyến", 4, "ty le"],
    ["1.2.3", "Chấp hành kỷ luật", 5, "tru 0,5/loi"],
]
BONUS = [
    ["11", "Điểm cộng", 3, ""],
    ["11.1", "Sáng kiến CCHC được công nhận", 2, "co/khong"],
    ["11.2", "Mô hình mới", 2, ""],
]


def test_rules_and_bonus_are_read_saved_and_shown_in_words(ws, tmp_path) -> None:
    preview = read_catalog_file(_sheet(tmp_path / "bo.xlsx", _rows(AREA1, BONUS)), year=2024)
    by = {r.code: r for r in preview.rows}
    assert by["1.1.1"].rule_text == "co/khong" and by["1.1.1"].scoring_guide == ""
    assert by["1.1.2"].rule_text == "Bậc: 100=2; 80-<100=1; <80=0"
    assert by["1.2.1"].rule_text == "bac: 100=3; 98-<100=2; <98=0"  # read from the prose
    assert by["1.2.1"].scoring_guide.startswith("100%: 3 điểm")  # the prose stays the guide
    assert [p.message for p in preview.problems] == [
        "Sheet “Bộ chỉ số”, dòng 21: lĩnh vực 11 “Điểm cộng” được tính là phần điểm cộng "
        "(tối đa 3 điểm), riêng ngoài tổng điểm Chỉ số."
    ]
    with ws.transaction() as s:
        save_preview(s, 2024, preview, accept_warnings=True)
    with ws.session() as s:
        rules = rules_for_catalog(s, require_catalog(s, 2024).id)
        assert sorted(r.kind for r in rules.values()) == [
            "deduction",
            "proportional",
            "steps",
            "steps",
            "yesno",
            "yesno",
        ]
        e = entry_info(s, 2024, "1.1.2")
        assert e.rule_words == "Đạt 100%: 2 điểm; từ 80% đến dưới 100%: 1 điểm; dưới 80%: 0 điểm."
        assert entry_info(s, 2024, "1.2.3").rule.per_fault == D("0.5")
        tree = score_tree(s, 2024)
    assert tree.max_points == D(100) and tree.bonus_max == D(3)
    assert tree.by_code["11"].bonus and tree.by_code["11.1"].bonus


def test_a_rule_that_does_not_hold_is_an_error_naming_the_row(ws, tmp_path) -> None:
    bad = [row[:] for row in AREA1]
    bad[2][3] = "bac: 100=2; 80-100=1; <80=0"
    preview = read_catalog_file(_sheet(tmp_path / "bo.xlsx", _rows(bad)), year=2024)
    [err] = preview.errors
    assert err.message == (
        "Sheet “Bộ chỉ số”, dòng 7: cách tính điểm của 1.1.2: Các bậc “80-100” và “100” chồng "
        "lên nhau: giá trị 100% thuộc cả hai bậc."
    )
    with pytest.raises(ValidationError), ws.transaction() as s:
        save_preview(s, 2024, preview, accept_warnings=True)
    with ws.session() as s:
        assert catalog_years(s) == []
    # fixed in the preview, it saves
    index = next(i for i, r in enumerate(preview.rows) if r.code == "1.1.2")
    edit_row(preview, index, rule_text="bac: 100=2; 80-<100=1; <80=0")
    assert preview.errors == []
    with ws.transaction() as s:
        save_preview(s, 2024, preview, accept_warnings=True)


def test_rule_column_of_its_own_and_rules_on_parents(ws, tmp_path) -> None:
    rows = [
        [c, t, m, "Hướng dẫn bằng lời", rule]
        for c, t, m, rule in [
            ["1.1", "Kế hoạch CCHC", 3, "co/khong"],
            ["1.1.1", "Ban hành kế hoạch", 1, "co/khong"],
            ["1.1.2", "Thực hiện kế hoạch", 2, "bac so: >=2=2; 1=1; 0=0"],
        ]
    ]
    path = _sheet(
        tmp_path / "bo.xlsx",
        _rows(rows),
        header=["Mã", "Nội dung", "Điểm tối đa", "Cách tính điểm", "Quy tắc tính điểm"],
    )
    preview = read_catalog_file(path, year=2024)
    by = {r.code: r for r in preview.rows}
    assert by["1.1.1"].scoring_guide == "Hướng dẫn bằng lời"
    assert by["1.1.2"].rule_text == "bac so: >=2=2; 1=1; 0=0"
    assert (
        "Sheet “Bộ chỉ số”, dòng 5: 1.1 có các mục con nên cách tính điểm “co/khong” không "
        "được dùng (điểm của mục được cộng từ các mục con)."
    ) in [p.message for p in preview.warnings]
    assert preview.errors == []


def test_prose_steps_above_the_maximum_are_left_as_prose(tmp_path) -> None:
    rows = [["1.1", "Tỷ lệ hồ sơ đúng hạn", 1, "100%: 3 điểm; dưới 100%: 0 điểm"]]
    preview = read_catalog_file(_sheet(tmp_path / "bo.xlsx", _rows(rows)), year=2024)
    row = next(r for r in preview.rows if r.code == "1.1")
    assert row.rule_text == "" and row.scoring_guide.startswith("100%: 3 điểm")
    assert any(
        "cách tính điểm trong lời văn không dùng được" in p.message for p in preview.problems
    )


def test_reimporting_replaces_the_rules_with_the_catalog(ws, tmp_path) -> None:
    path = _sheet(tmp_path / "bo.xlsx", _rows(AREA1))
    with ws.transaction() as s:
        save_preview(s, 2024, read_catalog_file(path, year=2024))
    changed = [row[:] for row in AREA1]
    changed[1][3] = "thu cong"
    path2 = _sheet(tmp_path / "bo2.xlsx", _rows(changed))
    with ws.transaction() as s:
        outcome = save_preview(s, 2024, read_catalog_file(path2, year=2024))
    assert outcome.replaced
    with ws.session() as s:
        assert entry_info(s, 2024, "1.1.1").rule.kind == "manual"
