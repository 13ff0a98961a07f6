"""``cchc score ...`` and ``cchc check --year``: scores, roll-up, findings, dismissals."""

from __future__ import annotations

import pytest


def _score(cli, year, code, value, *extra):
    return cli("score", "set", code, value, "--year", year, *extra)


def _nodes(cli, year) -> dict[str, dict]:
    r = cli("score", "show", "--year", year, "--json")
    assert r.code == 0, r.err
    return {n["code"]: n for n in r.json()["nodes"]}


def test_score_set_and_show_json(cli, sample_year) -> None:
    assert _score(cli, sample_year, "1.1.1", "1").code == 0
    assert _score(cli, sample_year, "1.4.2", "1,25").code == 0
    r = _score(cli, sample_year, "1.1.2", "na", "--json")
    assert r.code == 0 and r.json()["node"]["applicable"] is False
    doc = cli("score", "show", "--year", sample_year, "--json").json()
    nodes = {n["code"]: n for n in doc["nodes"]}
    assert {"max_points", "self_score", "applicable"} <= set(nodes["1.1.1"])
    assert all({"max_points", "self_score", "applicable"} <= set(n) for n in doc["nodes"])
    assert nodes["1.1.2"]["applicable"] is False and nodes["1.1.2"]["self_score"] is None
    assert nodes["1.1.1"]["self_score"] == 1 and nodes["1.1.1"]["effective_max"] == 3
    assert nodes["1.1"]["self_score"] == 3 and nodes["1.1"]["max_points"] == 3
    assert nodes["1.4"]["self_score"] == 1.25
    assert nodes["1"]["self_score"] == 4.25 and nodes["1"]["max_points"] == 15
    assert nodes["9"]["self_scored"] is False and nodes["9"]["self_score"] is None
    assert doc["total"] == {
        "max_points": 100,
        "effective_max": 100,
        "self_score": 4.25,
        "survey_max": 24,
    }
    assert doc["rule"]["name"] == "rescale" and doc["rule"]["description"]
    area1 = doc["areas"][0]
    assert (area1["code"], area1["self_score"], area1["gap"]) == ("1", 4.25, 10.75)
    text = cli("score", "show", "--year", sample_year)
    assert "1.1.2  Mức độ thực hiện kế hoạch CCHC  [không áp dụng]" in text.out
    assert "Tổng tự chấm: 4,25/100" in text.out and "Chia lại điểm theo tỷ lệ" in text.out


@pytest.mark.parametrize(
    "code, value, message",
    [
        ("1.1.1", "1,5", "vượt điểm tối đa 1"),
        ("1.1.1", "-1", "không được âm"),
        ("1.1.1", "0,0001", "quá 3 chữ số thập phân"),
        ("1.1", "1", "được cộng từ các tiêu chí thành phần"),
        ("7.7.7", "1", "không có tiêu chí 7.7.7"),
        ("10", "5", "do cơ quan thẩm định công bố"),
    ],
)
def test_bad_scores(cli, sample_year, code, value, message) -> None:
    _score(cli, sample_year, "1.1.1", "0,5")
    r = _score(cli, sample_year, code, value)
    assert r.code == 1 and message in r.err
    assert _nodes(cli, sample_year)["1.1.1"]["self_score"] == 0.5


def test_score_rule_and_clear(cli, sample_year) -> None:
    _score(cli, sample_year, "1.1.2", "na")
    _score(cli, sample_year, "1.1.1", "1")
    r = cli("score", "rule", "exclude", "--year", sample_year, "--json")
    assert r.code == 0 and r.json()["rule"]["name"] == "exclude"
    doc = cli("score", "show", "--year", sample_year, "--json").json()
    assert doc["total"]["effective_max"] == 98 and doc["total"]["self_score"] == 1
    assert cli("score", "clear", "1.1.1", "--year", sample_year).code == 0
    assert _nodes(cli, sample_year)["1.1.1"]["self_score"] is None
    assert cli("score", "rule", "tuy-y", "--year", sample_year).code == 2


def _add(cli, year, scan, number, date, *codes, content=None) -> int:
    crit = [x for c in codes for x in ("--criterion", c)]
    r = cli(
        "evidence",
        "add",
        scan(f"{number.replace('/', '_')}.pdf", content),
        "--year",
        year,
        *crit,
        "--number",
        number,
        "--date",
        date,
        "--json",
    )
    assert r.code == 0, r.err
    return r.json()["id"]


def test_check_year_lists_findings_with_code_and_document(cli, sample_year, scan) -> None:
    old = _add(cli, sample_year, scan, "05/KH-UBND", "28/09/2022", "1.1.1")
    odd = _add(cli, sample_year, scan, "12 BC", "04/04/2023", "1.2.1")
    _score(cli, sample_year, "1.1.1", "1")
    r = cli("check", "--year", sample_year, "--json")
    assert r.code == 0, r.err
    doc = r.json()
    assert doc["ok"] is True and doc["quick_check"] == ["ok"] and "files" in doc  # integrity
    assert doc["ready"] is False
    findings = doc["findings"]
    assert all({"kind", "code", "evidence_id", "message"} <= set(f) for f in findings)
    by = {(f["kind"], f["code"], f["evidence_id"]) for f in findings}
    assert ("wrong_year", "1.1.1", old) in by
    assert ("number_malformed", "1.2.1", odd) in by
    assert ("score_missing", "1.2.1", None) in by
    assert ("no_evidence", "1.2.2", None) in by
    assert ("no_evidence", "1.1.1", None) not in by
    text = cli("check", "--year", sample_year)
    assert "28/09/2022" in text.out and "Dữ liệu nguyên vẹn" in text.out


def test_check_without_year_is_unchanged(cli, sample_year, scan) -> None:
    _add(cli, sample_year, scan, "05/KH-UBND", "28/09/2022", "1.1.1")
    doc = cli("check", "--json").json()
    assert set(doc) == {"ok", "quick_check", "files", "findings"}
    assert doc["findings"] == []


def test_missing_file_is_reported_once_with_its_sub_criterion(
    cli, sample_year, scan, data_dir
) -> None:
    doc_id = _add(cli, sample_year, scan, "05/KH-UBND", "12/01/2023", "1.1.1", content=b"kh")
    for blob in (data_dir / "files").glob("??/*"):
        blob.unlink()
    r = cli("check", "--year", sample_year, "--json")
    assert r.code == 1  # integrity is broken: exit status as before
    missing = [f for f in r.json()["findings"] if f["evidence_id"] == doc_id]
    assert [(f["kind"], f["code"]) for f in missing] == [("file_missing", "1.1.1")]
    assert cli("check", "--json").json()["findings"][0]["kind"] == "blob_missing"


def test_dismiss_and_restore(cli, sample_year, scan) -> None:
    _add(cli, sample_year, scan, "05/KH-UBND", "28/09/2022", "1.1.1")
    doc = cli("check", "--year", sample_year, "--json").json()
    key = next(f["key"] for f in doc["findings"] if f["kind"] == "wrong_year")
    reason = "Kế hoạch năm 2023 ban hành cuối năm 2022 theo hướng dẫn"
    r = cli("check", "dismiss", key, "--year", sample_year, "--reason", reason, "--json")
    assert r.code == 0, r.err
    doc = cli("check", "--year", sample_year, "--json").json()
    assert all(f["kind"] != "wrong_year" for f in doc["findings"])
    [d] = [f for f in doc["dismissed"] if f["key"] == key]
    assert d["dismissed_reason"] == reason
    assert cli("check", "dismiss", "khong|co||", "--year", sample_year, "--reason", "x").code == 1
    no_reason = cli("check", "dismiss", key, "--year", sample_year, "--reason", " ")
    assert no_reason.code == 1 and "lý do" in no_reason.err
    assert cli("check", "restore", key, "--year", sample_year).code == 0
    doc = cli("check", "--year", sample_year, "--json").json()
    assert any(f["key"] == key for f in doc["findings"]) and doc["dismissed"] == []
