"""The pre-upload checks: every finding kind, naming the sub-criterion and the document;
dismissals with a reason, kept in the database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from base.errors import NotFoundError, ValidationError
from db.models import CatalogNode, SelfScore
from desktop.core.evidence.checks import (
    dismiss_finding,
    dismissals,
    find_by_key,
    number_well_formed,
    restore_finding,
    run_checks,
)
from desktop.core.evidence.documents import DocumentFields, unlink_document, update_document
from desktop.core.scoring.scores import set_score_text
from desktop.core.workspace import open_workspace

YEAR = 2023


def _report(ws):
    with ws.session() as s:
        return run_checks(s, ws.store, YEAR)


def _of(report, kind: str) -> list:
    return [f for f in report.findings if f.kind == kind]


def _node(s, code: str) -> CatalogNode:
    return s.scalar(select(CatalogNode).where(CatalogNode.code == code))


def test_sub_criterion_without_evidence(sample_ws, add_doc) -> None:
    add_doc("05/KH-UBND", ("1.1.1",))
    with sample_ws.transaction() as s:
        set_score_text(s, YEAR, "1.1.2", "na")
    missing = {f.code for f in _of(_report(sample_ws), "no_evidence")}
    assert "1.2.1" in missing and "5.4.3.4" in missing
    assert "1.1.1" not in missing  # has a document
    assert "1.1.2" not in missing  # không áp dụng
    assert "1.1" not in missing and "9" not in missing  # not a sub-criterion / survey part
    f = next(f for f in _of(_report(sample_ws), "no_evidence") if f.code == "1.2.1")
    assert f.evidence_id is None and f.node_id is not None
    assert (
        f.message
        == "1.2.1 “Báo cáo định kỳ đầy đủ về số lượng và nội dung” chưa có tài liệu kiểm chứng."
    )


def test_document_of_the_wrong_year(sample_ws, add_doc) -> None:
    doc_id = add_doc("123/BC-UBND", ("1.2.1", "1.2.2"), issue_date=date(2022, 9, 20))
    [f] = _of(_report(sample_ws), "wrong_year")
    assert (f.code, f.evidence_id, f.codes) == ("1.2.1", doc_id, ("1.2.1", "1.2.2"))
    assert "20/09/2022" in f.message and "năm đánh giá 2023" in f.message
    assert "(tài liệu của năm được tính từ 01/10/2022 đến 31/01/2024)" in f.message
    assert "123/BC-UBND" in f.message and f.severity == "error"


def test_document_after_the_deadline(sample_ws, add_doc) -> None:
    with sample_ws.transaction() as s:
        _node(s, "1.1.1").deadline = date(2023, 1, 15)
    late = add_doc("9/KH-UBND", ("1.1.1",), issue_date=date(2023, 2, 1))
    add_doc("5/KH-UBND", ("1.1.1",), issue_date=date(2023, 1, 10))
    [f] = _of(_report(sample_ws), "after_deadline")
    assert (f.code, f.evidence_id) == ("1.1.1", late)
    assert "01/02/2023" in f.message and "15/01/2023" in f.message


def test_number_and_date_missing_or_malformed(sample_ws, add_doc, make_file) -> None:
    no_number = add_doc("", ("1.3.1",), files=[make_file("bb.pdf")])
    no_date = add_doc("7/BB-UBND", ("1.3.2",), issue_date=None)
    bad = add_doc("12 BC UBND", ("1.3.3",))
    r = _report(sample_ws)
    assert [(f.evidence_id, f.code) for f in _of(r, "number_missing")] == [(no_number, "1.3.1")]
    assert [f.evidence_id for f in _of(r, "date_missing")] == [no_date]
    [m] = _of(r, "number_malformed")
    assert m.evidence_id == bad and "“12 BC UBND”" in m.message and "123/BC-UBND" in m.message


@pytest.mark.parametrize(
    "number, ok",
    [
        ("123/BC-UBND", True),
        ("05/KH-UBND", True),
        ("3395/QĐ-UBND", True),
        ("45/TTr-UBND", True),
        ("01/2020/TT-VPCP", True),
        ("123/UBND-VP", True),
        ("15/NQ-HĐND", True),
        ("60-NQ/TW", True),
        ("123-BC-UBND", False),
        ("123/bc-ubnd", False),
        ("123 / BC-UBND", False),
        ("BC-UBND", False),
        ("số 5", False),
    ],
)
def test_number_format(number, ok) -> None:
    assert number_well_formed(number) is ok


def test_same_file_under_two_documents(sample_ws, add_doc, make_file) -> None:
    a = add_doc("1/KH-UBND", ("1.1.1",), files=[make_file("a.pdf", b"cung mot ban scan")])
    b = add_doc("2/KH-UBND", ("1.4.1",), files=[make_file("b.pdf", b"cung mot ban scan")])
    found = _of(_report(sample_ws), "duplicate_content")
    assert [(f.evidence_id, f.code) for f in found] == [(a, "1.1.1"), (b, "1.4.1")]
    assert f"#{b}" in found[0].message and "a.pdf" in found[0].message


def test_file_missing_from_the_store(sample_ws, add_doc, make_file) -> None:
    doc_id = add_doc("1/KH-UBND", ("1.1.1",), files=[make_file("ke-hoach.pdf", b"kh")])
    sha = next(sample_ws.store.iter_stored())
    sample_ws.store.remove(sha)
    [f] = _of(_report(sample_ws), "file_missing")
    assert (f.evidence_id, f.code, f.sha256) == (doc_id, "1.1.1", sha)
    assert "ke-hoach.pdf" in f.message


def test_document_without_file_or_sub_criterion(sample_ws, add_doc) -> None:
    doc_id = add_doc("1/KH-UBND", ("1.1.1",), files=[])
    with sample_ws.transaction() as s:
        unlink_document(s, doc_id, ["1.1.1"])
    r = _report(sample_ws)
    assert [f.evidence_id for f in _of(r, "no_file")] == [doc_id]
    [u] = _of(r, "unlinked")
    assert u.evidence_id == doc_id and u.code is None


def test_scores_above_max_or_missing(sample_ws, add_doc) -> None:
    add_doc("1/KH-UBND", ("1.1.1", "1.1.2"))
    with sample_ws.transaction() as s:
        set_score_text(s, YEAR, "1.1.1", "1")
        # a score entered before the catalog's maximum was corrected downwards
        s.add(SelfScore(node_id=_node(s, "1.2.1").id, score=Decimal("1.5"), applicable=True))
    r = _report(sample_ws)
    assert [f.code for f in _of(r, "score_missing")] == ["1.1.2"]
    [over] = _of(r, "score_above_max")
    assert over.code == "1.2.1" and "1,5" in over.message and "tối đa 1" in over.message


def test_dismissal_is_kept_with_its_reason(sample_ws, data_dir, add_doc) -> None:
    doc_id = add_doc("05/KH-UBND", ("1.1.1",), issue_date=date(2022, 9, 28))
    [f] = _of(_report(sample_ws), "wrong_year")
    with pytest.raises(ValidationError), sample_ws.transaction() as s:
        dismiss_finding(s, YEAR, f, "   ")
    reason = "Kế hoạch năm 2023 ban hành sớm theo chỉ đạo của huyện"
    with sample_ws.transaction() as s:
        dismiss_finding(s, YEAR, f, reason)
    sample_ws.close()
    again = open_workspace(data_dir)
    try:
        r = _report(again)
        assert _of(r, "wrong_year") == []
        [d] = [x for x in r.dismissed if x.kind == "wrong_year"]
        assert d.dismissed_reason == reason and d.evidence_id == doc_id
        with again.session() as s:
            assert [x.reason for x in dismissals(s, YEAR)] == [reason]
        # the same document gets another wrong date: the finding is back
        with again.transaction() as s:
            update_document(
                s, doc_id, DocumentFields(number="05/KH-UBND", issue_date=date(2021, 1, 1))
            )
        assert len(_of(_report(again), "wrong_year")) == 1
        with again.transaction() as s:
            restore_finding(s, YEAR, f.key)
        with pytest.raises(NotFoundError), again.transaction() as s:
            restore_finding(s, YEAR, f.key)
        assert find_by_key(_report(again), _of(_report(again), "wrong_year")[0].key)
    finally:
        again.close()


def test_a_sound_year_is_ready(sample_ws, add_doc) -> None:
    r = _report(sample_ws)
    assert not r.ready  # every sub-criterion lacks evidence
    no_ev = _of(r, "no_evidence")
    with sample_ws.transaction() as s:
        for f in no_ev:
            dismiss_finding(s, YEAR, f, "Không phát sinh trong năm")
    r = _report(sample_ws)
    assert r.ready and r.findings == [] and len(r.dismissed) == len(no_ev)


def test_deleting_a_document_drops_its_dismissals(sample_ws, add_doc) -> None:
    from desktop.core.evidence.documents import delete_document

    doc_id = add_doc("12 BC", ("1.2.1",))
    [f] = _of(_report(sample_ws), "number_malformed")
    with sample_ws.transaction() as s:
        dismiss_finding(s, YEAR, f, "Số cũ, đã hỏi lại văn thư")
        assert len(dismissals(s, YEAR)) == 1
    with sample_ws.transaction() as s:
        delete_document(s, doc_id)
    with sample_ws.session() as s:
        assert dismissals(s, YEAR) == []


def test_a_plan_issued_before_its_year_is_not_outside_it(sample_ws, add_doc) -> None:
    """Seed 002: plan 1332/KH-UBND of 31/12/2021 for 2022 (here 28/12/2022 for 2023); a
    yearly report of January N+1 too. The window is the year's own when set."""
    from desktop.core.years.evidence_window import evidence_window, set_evidence_window

    add_doc("1332/KH-UBND", ("1.1.1",), issue_date=date(2022, 12, 28))
    add_doc("15/BC-UBND", ("1.1.1",), issue_date=date(2024, 1, 20))
    early = add_doc("3/KH-UBND", ("1.1.1",), issue_date=date(2022, 9, 30))
    late = add_doc("16/BC-UBND", ("1.1.1",), issue_date=date(2024, 2, 1))
    assert sorted(f.evidence_id for f in _of(_report(sample_ws), "wrong_year")) == [early, late]

    with sample_ws.transaction() as s:
        set_evidence_window(s, YEAR, date(2022, 12, 1), date(2023, 12, 31))
    found = {f.evidence_id: f for f in _of(_report(sample_ws), "wrong_year")}
    assert early in found and late in found and len(found) == 3  # 15/BC of 20/01/2024 too
    assert "từ 01/12/2022 đến 31/12/2023" in found[late].message
    with sample_ws.transaction() as s:
        set_evidence_window(s, YEAR, None, None)  # back to the default
        assert evidence_window(s, YEAR).default
    with pytest.raises(ValidationError, match="sau ngày kết thúc"), sample_ws.transaction() as s:
        set_evidence_window(s, YEAR, date(2023, 12, 1), date(2023, 1, 1))


def test_a_sub_criterion_with_a_deadline_has_its_own_window(sample_ws, add_doc) -> None:
    """The catalog gives 1.1.1 a deadline of 15/01/2023 ("ban hành trước"): a plan issued in
    September 2022 for it is in its own window though outside the year's default one; the
    same date under a sub-criterion without a deadline still is not."""
    with sample_ws.transaction() as s:
        _node(s, "1.1.1").deadline = date(2023, 1, 15)
    own = add_doc("3/KH-UBND", ("1.1.1",), issue_date=date(2022, 9, 30))
    other = add_doc("4/KH-UBND", ("1.2.1",), issue_date=date(2022, 9, 30))
    too_old = add_doc("2/KH-UBND", ("1.1.1",), issue_date=date(2022, 1, 10))
    assert sorted(f.evidence_id for f in _of(_report(sample_ws), "wrong_year")) == sorted(
        [other, too_old]
    )
    assert own not in {f.evidence_id for f in _of(_report(sample_ws), "after_deadline")}
