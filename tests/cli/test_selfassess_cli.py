"""``cchc score set ... --declared``, ``cchc rule``, ``cchc explain``, ``cchc selfassess``,
``cchc report self-assessment``."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from db.models import CatalogNode
from desktop.core.scoring.scores import require_catalog
from desktop.core.workspace import open_workspace

STEPS = "bac: 100=3; 98-<100=2; <98=0"


def _leaves(data_dir: Path, year: int) -> list[str]:
    ws = open_workspace(data_dir)
    with ws.session() as s:
        cat = require_catalog(s, year)
        nodes = list(s.scalars(select(CatalogNode).where(CatalogNode.catalog_id == cat.id)))
    ws.close()
    parents = {n.parent_id for n in nodes}
    return [n.code for n in nodes if n.id not in parents and n.self_scored]


def test_declared_figure_and_auto_score(cli, sample_year) -> None:
    r = cli("rule", "set", "3.5.1", STEPS, "--year", sample_year)
    assert r.code == 0, r.err
    assert "Đạt 100%: 3 điểm; từ 98% đến dưới 100%: 2 điểm; dưới 98%: 0 điểm." in r.out
    r = cli("score", "set", "3.5.1", "auto", "--year", sample_year, "--declared", "98%", "--json")
    assert r.code == 0, r.err
    doc = r.json()
    assert doc["node"]["self_score"] == 2
    assert doc["entry"]["declared"] == "98%" and doc["entry"]["computed"] == 2
    assert doc["entry"]["rule"] == STEPS and not doc["entry"]["overridden"]
    r = cli("score", "set", "3.5.1", "auto", "--year", sample_year, "--declared", "97,99%")
    assert r.code == 0 and "3.5.1: 0/3." in r.out and "Số liệu kê khai: 97,99%." in r.out
    # numbers and na work as before
    assert cli("score", "set", "1.1.1", "1", "--year", sample_year).code == 0
    assert cli("score", "set", "1.1.2", "na", "--year", sample_year).code == 0


def test_override_needs_a_reason(cli, sample_year) -> None:
    cli("rule", "set", "3.5.1", STEPS, "--year", sample_year)
    cli("score", "set", "3.5.1", "auto", "--year", sample_year, "--declared", "99")
    r = cli("score", "set", "3.5.1", "3", "--year", sample_year)
    assert r.code == 1
    assert "Lỗi: Điểm 3 của 3.5.1 khác điểm tính theo cách tính (2 điểm" in r.err
    r = cli("score", "set", "3.5.1", "3", "--year", sample_year, "--reason", "Đã được xác nhận")
    assert r.code == 0 and "Chấm khác cách tính, lý do: Đã được xác nhận" in r.out


def test_bad_input_is_refused_with_a_message(cli, sample_year) -> None:
    cli("rule", "set", "3.5.1", STEPS, "--year", sample_year)
    r = cli("score", "set", "3.5.1", "auto", "--year", sample_year, "--declared", "120%")
    assert r.code == 1 and "Tỷ lệ kê khai của 3.5.1 là 120%, vượt quá 100%." in r.err
    r = cli("score", "set", "3.5.1", "auto", "--year", sample_year, "--declared", "nhiều")
    assert r.code == 1 and "phải là một tỷ lệ phần trăm" in r.err
    r = cli("rule", "set", "1.1.2", "bac: 100=2; 80-100=1; <80=0", "--year", sample_year)
    assert r.code == 1 and "“80-100” và “100” chồng lên nhau" in r.err
    r = cli("rule", "set", "1.1.2", "bac: 100=2; 90-<100=1; <80=0", "--year", sample_year)
    assert r.code == 1 and "bỏ sót giá trị từ 80% đến dưới 90%" in r.err
    shown = cli("rule", "show", "3.5.1", "--year", sample_year, "--json").json()
    assert shown["declared"] is None and shown["self_score"] is None
    assert cli("rule", "show", "1.1.2", "--year", sample_year, "--json").json()["rule"] is None


def test_explanations_ready_lock_rounds_and_diff(cli, sample_year, data_dir, tmp_path) -> None:
    year = int(sample_year)
    for code in _leaves(data_dir, year):
        assert cli("score", "set", code, "0,5", "--year", sample_year).code == 0
    ready = cli("selfassess", "ready", "--year", sample_year, "--json").json()
    assert ready["ready"] is False and "1.2.1" in ready["missing_explanations"]
    r = cli("selfassess", "lock", "--year", sample_year)
    assert r.code == 1 and "Chưa khóa được năm 2023 là đã nộp" in r.err
    for code in ready["missing_explanations"]:
        r = cli("explain", "set", code, f"Chưa có văn bản {code}", "--year", sample_year)
        assert r.code == 0
    listing = cli("explain", "list", "--year", sample_year)
    assert "còn thiếu 0." in listing.out
    r = cli("selfassess", "ready", "--year", sample_year)
    assert "đã sẵn sàng nộp" in r.out and "chưa nộp (đang soạn vòng 1)" in r.out
    r = cli("selfassess", "lock", "--year", sample_year, "--note", "Nộp lần đầu")
    assert r.code == 0 and "Đã khóa năm 2023 là đã nộp (vòng 1" in r.out
    r = cli("score", "set", "1.1.1", "1", "--year", sample_year, "--explanation", "Đã bổ sung")
    assert r.code == 0
    diff = cli("selfassess", "diff", "--year", sample_year, "--json").json()
    got = {(c["code"], c["what"]): (c["before"], c["after"]) for c in diff["changes"]}
    assert got[("1.1.1", "Điểm tự chấm")] == ("0,5", "1")
    assert got[("1.1.1", "Giải trình")] == ("Chưa có văn bản 1.1.1", "Đã bổ sung")
    assert "đang sửa vòng 2" in cli("selfassess", "ready", "--year", sample_year).out
    rounds = cli("selfassess", "rounds", "--year", sample_year, "--json").json()["rounds"]
    assert [x["round"] for x in rounds] == [1] and rounds[0]["note"] == "Nộp lần đầu"
    out = tmp_path / "vong-1.docx"
    r = cli("selfassess", "round-report", "--year", sample_year, "--round", "1", "--out", str(out))
    assert r.code == 0
    assert any("Chưa có văn bản 1.1.1" in c.text for c in Document(str(out)).tables[2]._cells)


def test_report_export_and_texts(cli, initialized, sample_year, tmp_path) -> None:
    r = cli(
        "selfassess",
        "text",
        "--year",
        sample_year,
        "--number",
        "15",
        "--date",
        "04/04/2024",
        "--difficulties",
        "Thiếu máy quét",
    )
    assert r.code == 0 and "Số: 15/BC-UBND, ngày 04/04/2024" in r.out
    cli("score", "set", "1.1.1", "1", "--year", sample_year, "--explanation", "Đủ hồ sơ")
    xlsx, docx = tmp_path / "bang.xlsx", tmp_path / "bao-cao.docx"
    assert cli("report", "self-assessment", "--year", sample_year, "--out", str(xlsx)).code == 0
    assert cli("report", "self-assessment", "--year", sample_year, "--out", str(docx)).code == 0
    rows = {r[0]: r for r in load_workbook(xlsx).active.iter_rows(min_row=5, values_only=True)}
    assert rows["1.1.1"][4] == 1 and rows["1.1.1"][6] == "Đủ hồ sơ"
    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert "Thiếu máy quét" in text and "- Tiêu chí 1.1.1" in text
    r = cli("report", "self-assessment", "--year", sample_year, "--out", str(tmp_path / "x.txt"))
    assert r.code == 1 and "chỉ hỗ trợ tệp .docx hoặc .xlsx" in r.err


def test_bonus_mark_and_offers_without_dossiers(cli, sample_year) -> None:
    r = cli("rule", "bonus", "1.1", "--year", sample_year)
    assert r.code == 1 and "1.1 không phải là lĩnh vực" in r.err
    r = cli("score", "offers", "3.5.1", "--year", sample_year)
    assert r.code == 0 and "chưa có số liệu hồ sơ TTHC" in r.out
    r = cli("score", "set", "3.5.1", "auto", "--year", sample_year, "--from-stats", "on_time")
    assert r.code == 1 and "Chưa có số liệu “Tỷ lệ hồ sơ giải quyết đúng hạn”" in r.err


def test_every_new_command_has_help(cli) -> None:
    for cmd in [
        ("score", "set"),
        ("score", "offers"),
        ("rule", "set"),
        ("rule", "bonus"),
        ("explain", "set"),
        ("explain", "list"),
        ("selfassess", "ready"),
        ("selfassess", "lock"),
        ("selfassess", "diff"),
        ("selfassess", "text"),
        ("selfassess", "round-report"),
        ("report", "self-assessment"),
    ]:
        r = cli(*cmd, "--help")
        assert r.code == 0 and "--year" in r.out, cmd


def test_score_show_gives_bonus_apart_and_combined(cli, data_dir) -> None:
    from selfassess_data import catalog_with_bonus

    ws = open_workspace(data_dir)
    catalog_with_bonus(ws, 2024)
    ws.close()
    assert cli("rule", "bonus", "11", "--year", "2024").code == 0
    cli("score", "set", "1.1.1", "1", "--year", "2024")
    cli("score", "set", "11.1", "2", "--year", "2024")
    doc = cli("score", "show", "--year", "2024", "--json").json()
    assert doc["total"]["self_score"] == 1 and doc["total"]["max_points"] == 100
    assert doc["bonus"] == {"max_points": 5, "self_score": 2, "combined": 3}
    assert next(n for n in doc["nodes"] if n["code"] == "11.1")["bonus"] is True
    text = cli("score", "show", "--year", "2024").out
    assert "Điểm cộng: 2/5; tổng gồm điểm cộng: 3." in text


def test_report_leaves_a_blank_for_each_missing_explanation(cli, sample_year, tmp_path) -> None:
    cli("score", "set", "1.1.1", "1", "--year", sample_year, "--explanation", "Đủ hồ sơ")
    docx = tmp_path / "bao-cao.docx"
    r = cli("report", "self-assessment", "--year", sample_year, "--out", str(docx), "--json")
    missing = r.json()["missing_explanations"]
    assert "1.1.1" not in missing and "1.1.2" in missing
    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert "- Tiêu chí 1.1.1" in text and "Đủ hồ sơ" in text
    line = next(t for t in text.splitlines() if t.startswith("- Tiêu chí 1.1.2 ("))
    assert line.endswith(": …")
    assert "Không có nội dung cần giải trình" not in text
    r = cli("report", "self-assessment", "--year", sample_year, "--out", str(docx))
    assert r.code == 0 and f"còn {len(missing)} tiêu chí thành phần chưa có giải trình" in r.err
