"""``cchc todo --year YYYY [--json]``: exactly the issue's keys, the same steps as the tab."""

from __future__ import annotations

from datetime import date, timedelta

KEYS = [
    "profile",
    "catalog",
    "evidence",
    "self_scores",
    "explanations",
    "checks",
    "self_assessment",
    "results",
    "plan",
    "dossiers",
    "report",
    "bundle",
]


def test_empty_commune_json_has_the_issue_keys(cli) -> None:
    r = cli("todo", "--year", "2024", "--json")
    assert r.code == 0, r.err
    doc = r.json()
    assert set(doc) == {"year", "steps"} and doc["year"] == 2024
    assert [s["key"] for s in doc["steps"]] == KEYS
    for step in doc["steps"]:
        assert set(step) == {"key", "title", "state", "detail", "count", "total"}
        assert step["state"] == "todo" and step["title"] and step["detail"]


def test_after_init_profile_done_and_builtin_catalog_needs_attention(cli) -> None:
    assert cli("init", "--commune", "Đồng Tâm", "--province", "Hải Dương", "--chairman",
               "Nguyễn Văn An", "--officer", "Trần Thị Bình", "--year", "2024").code == 0  # fmt: skip
    steps = {s["key"]: s for s in cli("todo", "--year", "2024", "--json").json()["steps"]}
    assert steps["profile"]["state"] == "done"
    assert steps["profile"]["count"] == steps["profile"]["total"] == 4
    assert steps["catalog"]["state"] == "attention"
    assert "Nhập bộ tiêu chí từ tệp…" in steps["catalog"]["detail"]
    text = cli("todo", "--year", "2024")
    assert text.code == 0
    assert text.out.splitlines()[0] == "Việc cần làm năm 2024: xong 1/12 bước."
    assert "[!]  2. Bộ tiêu chí của năm – Cần chú ý" in text.out


def test_deadline_set_shown_and_cleared(cli) -> None:
    cli("init", "--commune", "Đồng Tâm", "--province", "Hải Dương", "--year", "2024")
    due = date.today() + timedelta(days=5)
    r = cli("todo", "--year", "2024", "--deadline", f"self_assessment={due:%d/%m/%Y}", "--json")
    assert r.code == 0, r.err
    step = next(s for s in r.json()["steps"] if s["key"] == "self_assessment")
    assert step["state"] == "attention"
    assert f"hạn {due:%d/%m/%Y}, còn 5 ngày" in step["detail"]
    r = cli("todo", "--year", "2024", "--deadline", "self_assessment=", "--json")
    step = next(s for s in r.json()["steps"] if s["key"] == "self_assessment")
    assert "còn 5 ngày" not in step["detail"]


def test_bad_deadline_said_in_vietnamese(cli) -> None:
    r = cli("todo", "--year", "2024", "--deadline", "nop=01/01/2025")
    assert r.code == 1 and "Không có loại hạn “nop”" in r.err
    r = cli("todo", "--year", "2024", "--deadline", "report=31/02/2025")
    assert r.code == 1 and "không tồn tại" in r.err
