"""Issue 16: counts of a thousand and more are grouped the Vietnamese way on screen
(``1.234 tài liệu``), the year never (``Năm 2023``, not ``2.023``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import insert

from db.models import EvidenceDocument
from desktop.core.bundle.importer import ImportResult
from desktop.core.catalog.store import load_builtin
from desktop.core.workspace import open_workspace
from desktop.ui.bundle.import_dialog import result_text

MANY = 1234


@pytest.fixture
def many_docs(data_dir: Path):
    ws = open_workspace(data_dir)
    with ws.transaction() as s:
        load_builtin(s, 2023, "mau-minh-hoa")
        s.execute(
            insert(EvidenceDocument),
            [
                {"year": 2023, "number": f"{i}/BC-UBND", "issue_date": date(2023, 3, 1)}
                for i in range(1, MANY + 1)
            ],
        )
    yield ws
    ws.close()


def test_status_bar_and_register_group_a_thousand_documents(show_window, many_docs):
    window = show_window(many_docs)
    assert window.status_year.text() == "Năm 2023 · 1.234 tài liệu kiểm chứng"
    tab = window.screens.open("RegisterTab")
    assert type(tab).__name__ == "RegisterTab"
    assert tab.count.text() == "1.234/1.234 tài liệu năm 2023"


def test_bundle_import_summary_groups_counts() -> None:
    r = ImportResult(added=1500, merged=2, updated=1000, identical=12, skipped=0, files_copied=4321)
    assert result_text(r).startswith(
        "Đã nhập: 1.500 tài liệu mới, 1.002 tài liệu được bổ sung hoặc cập nhật, "
        "12 đã có, 0 bỏ qua; 4.321 tệp mới."
    )
