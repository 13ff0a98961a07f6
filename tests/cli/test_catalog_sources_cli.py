"""``cchc catalog import`` from Word, PDF and web pages; ``catalog export`` / ``template``."""

from __future__ import annotations

from pathlib import Path

import pytest
from catalog_annexes import DECISION_NUMBER, EXPECTED, portal_html, whole_decision_docx
from openpyxl import load_workbook

PDF = Path(__file__).parents[1] / "core" / "data" / "phu-luc-chi-so-cchc.pdf"
KEYS = {
    "code",
    "level",
    "title",
    "max_points",
    "parent",
    "self_scored",
    "scoring_guide",
    "evidence_required",
}


def _listed(cli, year: str) -> dict:
    r = cli("catalog", "list", "--year", year, "--json")
    assert r.code == 0, r.err
    return r.json()


@pytest.mark.parametrize("source", ["docx", "pdf", "html"])
def test_import_each_source_then_list(cli, initialized, tmp_path, source):
    path = {
        "docx": lambda: whole_decision_docx(tmp_path / "qd.docx"),
        "pdf": lambda: PDF,
        "html": lambda: portal_html(tmp_path / "trang.html"),
    }[source]()
    # a warning (the bonus area) is said, and nothing is saved without --accept
    r = cli("catalog", "import", str(path), "--year", "2025")
    assert r.code == 1
    assert "Cảnh báo:" in r.err and "ĐIỂM THƯỞNG" in r.err and "--accept" in r.err
    assert cli("catalog", "list", "--year", "2025").code == 1  # still no catalog for 2025
    r = cli("catalog", "import", str(path), "--year", "2025", "--accept", "--json")
    assert r.code == 0, r.err
    report = r.json()
    assert report["saved"] is True and report["node_count"] == 21
    assert report["decision_number"] == DECISION_NUMBER
    listed = _listed(cli, "2025")
    assert listed["catalog"]["decision_number"] == DECISION_NUMBER
    assert listed["catalog"]["issuer"] == "UBND tỉnh Hải Dương"
    nodes = listed["nodes"]
    assert all(set(n) == KEYS for n in nodes)
    assert [(n["code"], n["title"], n["max_points"], n["parent"]) for n in nodes] == [
        (c, t, float(m) if "." in m else int(m), p) for c, t, m, p in EXPECTED
    ]
    by_code = {n["code"]: n for n in nodes}
    assert by_code["1.1.1"]["evidence_required"] == "Kế hoạch CCHC năm của UBND xã"
    assert by_code["1.1.2"]["scoring_guide"].startswith("- Hoàn thành 100% kế hoạch: 4 điểm")
    assert [n["level"] for n in nodes[:3]] == [1, 2, 3]
    assert all(n["self_scored"] for n in nodes)


def test_export_then_import_gives_the_same_nodes(cli, initialized, tmp_path):
    assert cli("catalog", "import", str(PDF), "--year", "2025", "--accept").code == 0
    out = tmp_path / "chia-se" / "bo-tieu-chi-2025.xlsx"
    r = cli("catalog", "export", "--year", "2025", "--out", str(out), "--json")
    assert r.code == 0, r.err
    assert r.json() == {"year": 2025, "out": str(out), "node_count": 21, "rule_count": 4}
    first = _listed(cli, "2025")
    # another commune (here: another year of the same data folder) imports the file
    r = cli("catalog", "import", str(out), "--year", "2026", "--accept", "--json")
    assert r.code == 0, r.err
    again = _listed(cli, "2026")
    assert again["nodes"] == first["nodes"]
    for key in ("name", "decision_number", "decision_date", "issuer", "total_points"):
        assert again["catalog"][key] == first["catalog"][key]
    for year in ("2025", "2026"):  # the rules travelled with the catalog
        shown = cli("rule", "show", "1.1.2", "--year", year, "--json")
        assert shown.code == 0, shown.err
        assert shown.json()["rule"] == "bac: 100=4; 80-<100=2; <80=0"
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[4]][:3] == ["Mã tiêu chí", "Nội dung", "Điểm tối đa"]
    assert [c.value for c in sheet[5]][:3] == [
        "1",
        "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
        "40",
    ]


def test_template_imports_as_is_and_once_filled(cli, initialized, tmp_path):
    out = tmp_path / "mau.xlsx"
    r = cli("catalog", "template", "--out", str(out))
    assert r.code == 0, r.err
    assert "Đã tạo tệp mẫu" in r.out
    wb = load_workbook(out)
    assert wb.sheetnames == ["Bộ tiêu chí", "Hướng dẫn"]
    assert "Mã tiêu chí" in wb["Hướng dẫn"]["A4"].value
    r = cli("catalog", "import", str(out), "--year", "2027", "--accept", "--json")
    assert r.code == 0, r.err
    assert [n["code"] for n in r.json()["nodes"]] == ["1", "1.1"]
    # filled in: the officer types an area with two sub-criteria under the examples
    ws = wb["Bộ tiêu chí"]
    ws["C5"] = "100"
    ws["C6"] = "40"
    ws.append(["1.2", "Công tác tuyên truyền cải cách hành chính", "60", "", "", "Báo cáo"])
    wb.save(out)
    r = cli("catalog", "import", str(out), "--year", "2028", "--json")
    assert r.code == 0, r.err
    listed = _listed(cli, "2028")
    assert [(n["code"], n["max_points"]) for n in listed["nodes"]] == [
        ("1", 100),
        ("1.1", 40),
        ("1.2", 60),
    ]
    assert listed["nodes"][2]["evidence_required"] == "Báo cáo"


def test_bad_files_are_refused_with_their_name(cli, initialized, tmp_path):
    broken = tmp_path / "phu-luc.pdf"
    broken.write_bytes(b"%PDF-1.4\n%%EOF")
    r = cli("catalog", "import", str(broken), "--year", "2025")
    assert r.code == 1
    assert r.err.startswith("Lỗi: ") and "phu-luc.pdf" in r.err and "Traceback" not in r.err
    odd = tmp_path / "bang.odt"
    odd.write_bytes(b"x")
    r = cli("catalog", "import", str(odd), "--year", "2025")
    assert r.code == 1 and "Word (.docx)" in r.err
    r = cli("catalog", "export", "--year", "2030", "--out", str(tmp_path / "x.xlsx"))
    assert r.code == 1 and "Năm 2030 chưa có bộ tiêu chí" in r.err


def test_a_colleagues_bundle_offers_its_full_catalog(cli, tmp_path):
    """The receiving PC has only the built-in 10 areas for 2025: the bundle's catalog is
    offered (taken by default, kept with --keep-catalog) and the document is linked."""
    mine, theirs, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for d in (mine, theirs, other):
        r = cli("--data-dir", str(d), "init", "--commune", "Đồng Tâm", "--province", "Hải Dương",
                "--year", "2025")  # fmt: skip
        assert r.code == 0, r.err
    assert cli("--data-dir", str(mine), "catalog", "import", str(PDF), "--year", "2025",
               "--accept").code == 0  # fmt: skip
    scan = tmp_path / "kh-cchc.pdf"
    scan.write_bytes(b"%PDF-1.4 ke hoach cai cach hanh chinh")
    r = cli("--data-dir", str(mine), "evidence", "add", str(scan), "--year", "2025",
            "--number", "12/KH-UBND", "--date", "20/12/2024", "--criterion", "1.1.1")  # fmt: skip
    assert r.code == 0, r.err
    usb = tmp_path / "usb"
    usb.mkdir()
    path = cli("--data-dir", str(mine), "bundle", "export", str(usb), "--year", "2025",
               "--zip").out.strip()  # fmt: skip
    r = cli("--data-dir", str(theirs), "bundle", "import", path)
    assert r.code == 0
    assert "mới có bộ tiêu chí có sẵn" in r.out and "(21 mục)" in r.out
    assert "Sẽ dùng bộ tiêu chí trong gói" in r.out
    r = cli("--data-dir", str(theirs), "bundle", "import", path, "--yes", "--json")
    assert r.code == 0, r.err
    assert r.json()["result"]["catalog_created"] is True
    nodes = cli("--data-dir", str(theirs), "catalog", "list", "--year", "2025", "--json").json()
    assert [n["code"] for n in nodes["nodes"]] == [c for c, *_ in EXPECTED]
    assert nodes["catalog"]["complete"] is True
    listed = cli("--data-dir", str(theirs), "evidence", "list", "--year", "2025",
                 "--criterion", "1.1.1", "--json")  # fmt: skip
    assert "12/KH-UBND" in listed.out
    # declined: the built-in set stays
    r = cli("--data-dir", str(other), "bundle", "import", path, "--yes", "--keep-catalog")
    assert r.code == 0, r.err
    kept = cli("--data-dir", str(other), "catalog", "list", "--year", "2025", "--json").json()
    assert len(kept["nodes"]) == 10 and kept["catalog"]["complete"] is False
