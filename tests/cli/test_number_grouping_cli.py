"""Issue 16 in the CLI's plain text: ``1.234`` for a thousand and more; ``--json`` keeps
plain numbers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import insert

from db.models import EvidenceDocument
from desktop.core.workspace import open_workspace


def _bulk_documents(data_dir: Path, n: int) -> None:
    ws = open_workspace(data_dir)
    with ws.transaction() as s:
        s.execute(
            insert(EvidenceDocument),
            [
                {"year": 2023, "number": f"{i}/BC-UBND", "issue_date": date(2023, 3, 1)}
                for i in range(1, n + 1)
            ],
        )
    ws.close()


def test_evidence_list_footer_groups_the_total(cli, sample_year, data_dir) -> None:
    _bulk_documents(data_dir, 1234)
    r = cli("evidence", "list", "--year", sample_year)
    assert r.code == 0, r.err
    assert r.out.rstrip().endswith("Tổng: 1.234 tài liệu.")
    assert "1332/BC-UBND" not in r.out  # numbers of documents are left as written
    assert "1234/BC-UBND" in r.out
    listed = cli("evidence", "list", "--year", sample_year, "--json").json()
    assert listed["count"] == 1234 and listed["year"] == 2023
