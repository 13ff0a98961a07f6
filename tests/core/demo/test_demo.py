"""The demo commune: two complete years (district era, province era), a former commune's
history, sample files marked "TÀI LIỆU MẪU", results, plan, dossiers, a report exported, a
locked self-assessment, a bundle handed off; the same every time; ``cchc todo`` mostly done."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from docx import Document

from db.dbfile import DB_FILE_NAME
from desktop.core.demo.build import build_demo
from desktop.core.demo.samples import SAMPLE_MARK
from desktop.core.workspace import open_workspace
from tests.history_fixtures import run

SNAPSHOT = {
    "docs": "SELECT year, number, issue_date, kind, summary FROM evidence_document ORDER BY id",
    "scores": "SELECT node_id, score FROM self_score ORDER BY node_id",
    "results": "SELECT node_id, score, rank FROM appraised_score ORDER BY node_id",
    "dossiers": "SELECT code, received_at, status FROM dossier ORDER BY code",
}


def _snapshot(folder: Path) -> dict[str, list]:
    con = sqlite3.connect(folder / DB_FILE_NAME)
    try:
        return {k: con.execute(sql).fetchall() for k, sql in SNAPSHOT.items()}
    finally:
        con.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("demo") / "du-lieu"
    code, out, err = run(folder, "demo", "--json")
    assert code == 0, err
    import json

    return folder, json.loads(out)


def test_cli_builds_two_years_with_files_and_refuses_a_used_folder(demo) -> None:
    folder, doc = demo
    assert doc["years"] == [2024, 2025] and doc["documents"] >= 40 and doc["dossiers"] >= 300
    for path in map(Path, doc["reports"]):
        assert path.is_file() and SAMPLE_MARK in path.name
        text = "\n".join(p.text for p in Document(str(path)).paragraphs)
        assert "BÁO CÁO" in text and "Đồng Tâm" in text
        assert "…" not in text  # finished as an officer finishes it: every field filled
    assert all(Path(p).is_dir() for p in doc["bundles"])
    code, _out, err = run(folder, "demo")
    assert code == 1 and "đã có hồ sơ xã" in err


def test_the_demo_reports_have_no_blank_field(demo) -> None:
    import json

    folder, _doc = demo
    code, out, _err = run(folder, "report", "list", "--json")
    ids = [r["id"] for r in json.loads(out)["reports"]]
    assert len(ids) == 2
    for report_id in ids:
        code, out, err = run(folder, "report", "fields", "--id", str(report_id), "--json")
        fields = json.loads(out)
        assert code == 0 and fields["blanks"] == [], err
        refs = {f["key"]: f["value"] for f in fields["fields"]}
        assert refs["guidance_letter"] and refs["next_plan"]


def test_years_eras_results_rounds_and_history(demo) -> None:
    from desktop.core.history.store import list_histories
    from desktop.core.results.plan_read import plan_info
    from desktop.core.results.read import results_info
    from desktop.core.selfassess.rounds import rounds
    from desktop.core.years.store import year_settings

    folder, _doc = demo
    ws = open_workspace(folder)
    try:
        with ws.session() as s:
            assert year_settings(s, 2024).appraiser_level == "district"
            assert year_settings(s, 2025).appraiser_level == "province"
            for year in (2024, 2025):
                info = results_info(s, year)
                assert info.total is not None and info.total_rank
                assert sum(1 for n in info.nodes if n.rank) >= 8  # areas ranked
                assert plan_info(s, year).rows
                assert rounds(s, year)  # locked as submitted
        names = [h.name for h in list_histories(folder)]
        assert names == ["Hồng Phong"]
        with ws.connection() as con:
            shas = [r[0] for r in con.execute("SELECT DISTINCT sha256 FROM evidence_file")]
        files = [ws.store.path_for(sha) for sha in shas]
        assert len(files) >= 40
        marked = [
            f
            for f in files
            if SAMPLE_MARK in "\n".join(p.text for p in Document(str(f)).paragraphs)
        ]
        assert len(marked) == len(files)
    finally:
        ws.close()


def test_todo_shows_most_steps_done(demo) -> None:
    import json

    folder, _doc = demo
    for year in ("2024", "2025"):
        code, out, err = run(folder, "todo", "--year", year, "--json")
        assert code == 0, err
        states = {s["key"]: s["state"] for s in json.loads(out)["steps"]}
        done = [k for k, v in states.items() if v == "done"]
        assert len(done) >= 8, states
        for key in ("self_assessment", "results", "plan", "dossiers", "bundle"):
            assert states[key] == "done", (year, key)


def test_the_same_demo_every_time(demo, tmp_path) -> None:
    folder, _doc = demo
    ws = open_workspace(tmp_path / "lan-hai")
    try:
        assert build_demo(ws) is not None
    finally:
        ws.close()
    assert _snapshot(tmp_path / "lan-hai") == _snapshot(folder)
