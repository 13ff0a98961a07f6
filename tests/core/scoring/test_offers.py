"""Figures the app knows (dossier statistics) offered as declared values, with their source."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from dossier_exports import write_export1

from base.errors import NotFoundError
from desktop.core.dossiers import import_dossiers, nd09_period
from desktop.core.scoring.offers import offers, use_offer
from desktop.core.selfassess.entry import set_node_rule

YEAR = 2023
Q1 = nd09_period("q1", YEAR)


@pytest.fixture
def with_dossiers(sample_ws, tmp_path):
    with sample_ws.transaction() as s:
        import_dossiers(s, write_export1(tmp_path / "e1.xlsx"))
    return sample_ws


def test_on_time_rate_is_offered_first_for_an_on_time_sub_criterion(with_dossiers) -> None:
    with with_dossiers.session() as s:
        found = offers(s, YEAR, "3.5.1", Q1)
    first = found[0]
    assert (first.key, first.suggested, first.text) == ("on_time", True, "80%")
    assert first.source == (
        "Thống kê hồ sơ TTHC, Quý I năm 2023 (từ ngày 15/12/2022 đến ngày 14/03/2023): "
        "4/5 hồ sơ giải quyết đúng hạn"
    )
    online = next(o for o in found if o.key == "online")
    assert (online.part, online.whole, online.text, online.suggested) == (4, 7, "57,14%", False)
    with with_dossiers.session() as s:
        assert offers(s, YEAR, "7.3.3", Q1)[0].key == "online"


def test_using_an_offer_declares_it_with_its_source_and_scores_it(with_dossiers) -> None:
    with with_dossiers.transaction() as s:
        set_node_rule(s, YEAR, "3.5.1", "bac: 100=3; 98-<100=2; <98=0")
        e = use_offer(s, YEAR, "3.5.1", "on_time", Q1)
    assert (e.declared_text, e.self_score) == ("80%", D(0))
    assert e.declared_source.endswith("4/5 hồ sơ giải quyết đúng hạn")


def test_no_dossiers_in_the_period_says_so(sample_ws) -> None:
    with pytest.raises(NotFoundError) as exc, sample_ws.transaction() as s:
        use_offer(s, YEAR, "3.5.1", "on_time", Q1)
    assert "Chưa có số liệu “Tỷ lệ hồ sơ giải quyết đúng hạn” của kỳ Quý I năm 2023" in str(
        exc.value
    )
