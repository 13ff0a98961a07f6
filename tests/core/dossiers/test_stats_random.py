"""The one-pass figures agree with the per-figure SQL predicates on messy random data.

``compute_figures`` counts groups of (klass, field) in one pass; ``list_dossiers`` uses
the plain predicate of each figure. Random dossiers with every awkward case the exports
have (results before receipt, withdrawn and rejected rows, no due, due exactly at the
period's end, midnight stamps) must give the same number for every figure and field.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import insert

from db.models_dossiers import Dossier
from desktop.core.dossiers import FIGURE_KEYS, compute_figures, custom_period, list_dossiers
from desktop.core.dossiers.klass import klass_of

FIELDS = ["Hộ tịch", "Chứng thực", "Đất đai", ""]


def _random_rows(n: int, seed: int) -> list[dict]:
    rnd = random.Random(seed)
    start = datetime(2022, 11, 1)
    rows = []
    for i in range(n):
        rec = start + timedelta(days=rnd.randrange(0, 180), minutes=rnd.choice([0, 1, 600]))
        due = None
        if rnd.random() < 0.85:
            due = rec + timedelta(days=rnd.randrange(-1, 20))
            if rnd.random() < 0.5:
                due = due.replace(hour=23, minute=59, second=59)
        res = None
        if rnd.random() < 0.8:
            res = rec + timedelta(days=rnd.randrange(-3, 25), hours=rnd.randrange(0, 10))
        kind = rnd.choice(["done", "processing", "withdrawn", "rejected", "returned", ""])
        rows.append(
            {
                "code": f"R-{seed}-{i:04d}",
                "procedure": "Chứng thực bản sao",
                "field": rnd.choice(FIELDS),
                "applicant": "",
                "channel": rnd.choice(["online", "direct", "postal", None]),
                "received_at": rec,
                "due_at": due,
                "result_at": res,
                "returned_at": None,
                "status": kind,
                "status_kind": kind,
                "digitised_on_receipt": rnd.choice([True, False, None]),
                "result_digitised": rnd.choice([True, False, None]),
                "online_payment": rnd.choice([True, False, None]),
                "online_level": rnd.choice(["full", "partial", None]),
                "e_certified": rnd.random() < 0.2,
            }
        )
        rows[-1]["klass"] = klass_of(rows[-1])
    return rows


@pytest.mark.parametrize("seed", [1, 2])
def test_one_pass_figures_match_each_figures_own_query(ws, seed):
    with ws.transaction() as s:
        s.execute(insert(Dossier.__table__), _random_rows(600, seed))
    rnd = random.Random(seed)
    periods = [custom_period("01/11/2022", "30/04/2023"), custom_period("15/12/2022", "14/03/2023")]
    for _ in range(6):
        first = date(2022, 11, 1) + timedelta(days=rnd.randrange(0, 170))
        last = first + timedelta(days=rnd.randrange(0, 60))
        periods.append(custom_period(first.strftime("%d/%m/%Y"), last.strftime("%d/%m/%Y")))
    with ws.session() as s:
        for period in periods:
            fig = compute_figures(s, period)
            assert fig.total["received.total"] > 0
            for key in FIGURE_KEYS:
                assert fig.total[key] == len(list_dossiers(s, period, key)), (period, key)
            for row in fig.by_field:
                for key in ("received.carried_over", "resolved.late", "in_progress.overdue"):
                    listed = list_dossiers(s, period, key, field_name=row.field)
                    assert row[key] == len(listed), (period, row.field, key)
