"""Explanations gate "ready"; locking keeps a copy (a round); later edits show as a diff."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from io import BytesIO

import pytest
from docx import Document
from sqlalchemy import select

from base.errors import ValidationError
from db.models import CatalogNode
from desktop.core.evidence.checks import dismiss_finding, run_checks
from desktop.core.scoring.scores import require_catalog, set_score_text
from desktop.core.selfassess.entry import set_entry, set_explanation, set_node_rule
from desktop.core.selfassess.readiness import explanation_findings, readiness
from desktop.core.selfassess.rounds import lock_year, round_diff, round_report, rounds, year_status

YEAR = 2023


def _leaves(ws) -> list[str]:
    with ws.session() as s:
        cat = require_catalog(s, YEAR)
        nodes = list(s.scalars(select(CatalogNode).where(CatalogNode.catalog_id == cat.id)))
    parents = {n.parent_id for n in nodes}
    return [n.code for n in nodes if n.id not in parents and n.self_scored]


def _state(ws):
    with ws.session() as s:
        return readiness(s, ws.store, YEAR)


def _score_all(ws, value="0,5") -> None:
    with ws.transaction() as s:
        for code in _leaves(ws):
            set_score_text(s, YEAR, code, value)


def _explain_all(ws) -> None:
    with ws.transaction() as s:
        for n in readiness(s, ws.store, YEAR).missing:
            set_explanation(s, YEAR, n.code, f"Giải trình cho {n.code}")


def test_missing_evidence_and_open_findings_need_explanations(sample_ws, add_doc) -> None:
    add_doc("05/KH-UBND", ("1.1.1",))  # evidence, sound
    add_doc("Kế hoạch 7", ("1.3.1",))  # evidence with a malformed number (open finding)
    add_doc("09/BC-UBND", ("1.4.1",), issue_date=date(2022, 9, 1))  # before the year's window
    _score_all(sample_ws)
    r = _state(sample_ws)
    codes = [n.code for n in r.missing]
    assert "1.1.1" not in codes  # evidence and no open finding: nothing to explain
    assert "1.2.1" in codes  # no evidence
    n131 = next(n for n in r.missing if n.code == "1.3.1")
    assert n131.reasons == ("Số ký hiệu sai dạng",)
    n121 = next(n for n in r.missing if n.code == "1.2.1")
    assert n121.reasons == ("Chưa có tài liệu kiểm chứng",)
    assert not r.ready and r.unscored == []
    assert r.summary().startswith(f"Năm {YEAR} chưa sẵn sàng nộp: còn {len(codes)} tiêu chí")
    # a dismissed finding needs no explanation any more
    with sample_ws.transaction() as s:
        report = run_checks(s, sample_ws.store, YEAR)
        f = next(f for f in report.findings if f.kind == "number_malformed")
        dismiss_finding(s, YEAR, f, "Số ghi theo sổ văn thư cũ")
    assert "1.3.1" not in [n.code for n in _state(sample_ws).missing]
    # written explanations make the year ready
    _explain_all(sample_ws)
    r = _state(sample_ws)
    assert r.ready and r.summary() == (
        f"Năm {YEAR} đã sẵn sàng nộp: đã chấm đủ điểm và có đủ giải trình."
    )
    assert any(n.code == "1.4.1" and n.explanation for n in r.needs)


def test_unscored_sub_criteria_keep_the_year_from_ready(sample_ws) -> None:
    _explain_all(sample_ws)
    r = _state(sample_ws)
    assert r.missing == [] and ("1.1.1", "Ban hành kế hoạch CCHC năm kịp thời") in r.unscored
    assert not r.ready
    found = explanation_findings(_state_with_missing(sample_ws))
    assert found and found[0].kind == "explanation_missing" and found[0].severity == "warning"
    assert "cần giải trình (chưa có tài liệu kiểm chứng)" in found[0].message


def _state_with_missing(ws):
    with ws.transaction() as s:
        set_explanation(s, YEAR, "1.2.2", "")
        return readiness(s, ws.store, YEAR)


def test_lock_refuses_with_missing_explanations_and_saves_nothing(sample_ws) -> None:
    _score_all(sample_ws)
    with pytest.raises(ValidationError) as exc, sample_ws.transaction() as s:
        lock_year(s, sample_ws.store, YEAR)
    assert str(exc.value).startswith(f"Chưa khóa được năm {YEAR} là đã nộp. Năm {YEAR} chưa")
    assert "cần giải trình (1.1.1, 1.1.2" in str(exc.value)
    with sample_ws.session() as s:
        assert rounds(s, YEAR) == []


def test_lock_keeps_a_copy_and_later_edits_are_the_next_round(sample_ws) -> None:
    with sample_ws.transaction() as s:
        set_node_rule(s, YEAR, "3.5.1", "bac: 100=3; 98-<100=2; <98=0")
    _score_all(sample_ws)
    with sample_ws.transaction() as s:
        set_entry(s, YEAR, "3.5.1", declared="98%", value="auto")
    _explain_all(sample_ws)
    with sample_ws.transaction() as s:
        first = lock_year(s, sample_ws.store, YEAR, note="Nộp qua phần mềm của tỉnh")
    assert first.number == 1 and first.self_score is not None
    with sample_ws.session() as s:
        assert year_status(s, YEAR).summary().endswith("chưa sửa gì sau đó.")
        content, name = round_report(s, sample_ws.store, YEAR, 1)
    assert name == f"bao-cao-tu-danh-gia-{YEAR}-vong-1.docx"
    text = "\n".join(p.text for p in Document(BytesIO(content)).paragraphs)
    assert "Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2023" in text
    # nothing changed: no second submission
    with pytest.raises(ValidationError) as exc, sample_ws.transaction() as s:
        lock_year(s, sample_ws.store, YEAR)
    assert "không có thay đổi nào so với vòng 1" in str(exc.value)
    # edits after submission: the difference from round 1
    with sample_ws.transaction() as s:
        set_entry(s, YEAR, "3.5.1", declared="100%")
        set_explanation(s, YEAR, "1.2.1", "Đã bổ sung báo cáo quý IV")
    with sample_ws.session() as s:
        diff = round_diff(s, YEAR)
        status = year_status(s, YEAR)
    got = {(c.code, c.what): (c.before, c.after) for c in diff.changes}
    assert got[("3.5.1", "Điểm tự chấm")] == ("2", "3")
    assert got[("3.5.1", "Số liệu kê khai")] == ("98%", "100%")
    assert got[("1.2.1", "Giải trình")] == ("Giải trình cho 1.2.1", "Đã bổ sung báo cáo quý IV")
    assert len(diff.changes) == 3
    [total] = diff.totals
    assert total.what == "Tổng điểm tự đánh giá"
    assert D(total.after.replace(",", ".")) - D(total.before.replace(",", ".")) == D(1)
    assert status.current_round == 2 and "đang sửa vòng 2 (3 thay đổi" in status.summary()
    with sample_ws.transaction() as s:
        second = lock_year(s, sample_ws.store, YEAR)
    assert second.number == 2
    with sample_ws.session() as s:
        assert [r.number for r in rounds(s, YEAR)] == [1, 2]
        assert round_diff(s, YEAR, 1).changed and not round_diff(s, YEAR).changed
