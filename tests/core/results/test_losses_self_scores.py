"""The loss analysis shows the same self-scores as the self-scoring screen, N/A included."""

from __future__ import annotations

from decimal import Decimal

from desktop.core.catalog.store import load_builtin
from desktop.core.results.losses import loss_report
from desktop.core.results.store import set_result
from desktop.core.scoring.rollup import score_tree
from desktop.core.scoring.scores import set_score_text


def test_not_applicable_is_rescaled_the_same_way(ws) -> None:
    with ws.transaction() as s:
        load_builtin(s, 2023, "mau-minh-hoa")
        set_score_text(s, 2023, "1.1.1", "1")
        set_score_text(s, 2023, "1.1.2", "na")
        set_result(s, 2023, "1", Decimal("12"))
    with ws.session() as s:
        tree = score_tree(s, 2023)
        report = loss_report(s, 2023)
    # 1.1.2 does not apply: criterion 1.1 (max 3) is scored on 1.1.1 alone, 1/1 → 3/3.
    assert tree.by_code["1.1"].self_score == Decimal("3")
    area1 = next(a for a in report.areas if a.code == "1")
    assert area1.self_score == tree.by_code["1"].self_score


def test_officer_taken_from_the_evidence_when_none_is_assigned(ws, tmp_path) -> None:
    from desktop.core.evidence.documents import NewDocument, add_document

    f = tmp_path / "kh.pdf"
    f.write_bytes(b"%PDF ke hoach")
    with ws.transaction() as s:
        load_builtin(s, 2023, "mau-minh-hoa")
        add_document(
            s,
            ws.store,
            NewDocument(year=2023, number="05/KH-UBND", responsible="Trần Thị B"),
            [f],
            ["1.1.1"],
        )
        set_result(s, 2023, "1.1.1", Decimal("0"))
    with ws.session() as s:
        report = loss_report(s, 2023)
    row = next(r for r in report.rows if r.code == "1.1.1")
    assert row.responsible == "Trần Thị B"
    assert [o.officer for o in report.officers if o.officer == "Trần Thị B"]
