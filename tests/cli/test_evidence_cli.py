"""``cchc evidence ...``: the contract of add and list --json, and bad input."""

from __future__ import annotations

import hashlib
import unicodedata


def _add(cli, year, files, *extra: str):
    return cli(
        "evidence",
        "add",
        *files,
        "--year",
        year,
        *extra,
    )


def test_add_then_list_json_contract(cli, sample_year, scan) -> None:
    a = scan("123-BC-UBND 04.4.2023.pdf", b"%PDF bao cao quy I")
    b = scan("Phụ lục.xlsx", b"PK phu luc")
    r = _add(
        cli,
        sample_year,
        [a, b],
        "--criterion",
        "1.2.1",
        "--criterion",
        "1,2.2",
        "--number",
        "123/BC-UBND",
        "--date",
        "04/04/2023",
        "--kind",
        "Báo cáo",
        "--summary",
        "Báo cáo kết quả CCHC quý I năm 2023",
        "--issuer",
        "UBND xã Đồng Tâm",
        "--signer",
        "Nguyễn Văn A",
        "--json",
    )
    assert r.code == 0, r.err
    added = r.json()
    listed = cli("evidence", "list", "--year", sample_year, "--json").json()
    assert listed["count"] == 1
    item = listed["items"][0]
    assert item == added
    assert {"id", "number", "date", "kind", "summary", "criteria", "files"} <= set(item)
    assert item["number"] == "123/BC-UBND" and item["date"] == "2023-04-04"
    assert item["kind"] == "Báo cáo" and item["criteria"] == ["1.2.1", "1.2.2"]
    assert item["summary"] == "Báo cáo kết quả CCHC quý I năm 2023"
    assert item["files"] == [
        {
            "name": "123-BC-UBND 04.4.2023.pdf",
            "sha256": hashlib.sha256(b"%PDF bao cao quy I").hexdigest(),
            "size": len(b"%PDF bao cao quy I"),
        },
        {
            "name": "Phụ lục.xlsx",
            "sha256": hashlib.sha256(b"PK phu luc").hexdigest(),
            "size": len(b"PK phu luc"),
        },
    ]
    text = cli("evidence", "list", "--year", sample_year)
    assert "123/BC-UBND" in text.out and "04/04/2023" in text.out and "Tổng: 1 tài liệu" in text.out


def _two_documents(cli, year, scan) -> tuple[int, int]:
    kh = _add(
        cli,
        year,
        [scan("kh.pdf")],
        "--criterion",
        "1.1.1",
        "--number",
        "05/KH-UBND",
        "--date",
        "12/01/2023",
        "--kind",
        "ke hoach",
        "--summary",
        "Kế hoạch cải cách hành chính năm 2023",
        "--json",
    ).json()["id"]
    bb = _add(
        cli,
        year,
        [scan("bb.pdf")],
        "--criterion",
        "3.3.1",
        "--number",
        "7/BB-UBND",
        "--date",
        "01/03/2023",
        "--kind",
        "Biên bản",
        "--summary",
        "Biên bản kiểm tra Bộ phận Một cửa",
        "--json",
    ).json()["id"]
    return kh, bb


def test_list_search_and_criterion_filter(cli, sample_year, scan) -> None:
    kh, bb = _two_documents(cli, sample_year, scan)

    def ids(*args: str) -> list[int]:
        r = cli("evidence", "list", "--year", sample_year, *args, "--json")
        assert r.code == 0, r.err
        return [i["id"] for i in r.json()["items"]]

    assert ids("--search", "ke hoach") == [kh]
    assert ids("--search", unicodedata.normalize("NFD", "BIÊN BẢN")) == [bb]
    assert ids("--criterion", "3") == [bb]
    assert ids("--criterion", "1.1.1") == [kh]
    assert ids("--sort", "date", "--desc") == [bb, kh]
    assert ids("--search", "khong co") == []


def test_link_unlink_show_edit_delete(cli, sample_year, scan) -> None:
    kh, _bb = _two_documents(cli, sample_year, scan)
    r = cli("evidence", "link", str(kh), "--criterion", "1.4.1", "--json")
    assert r.code == 0 and r.json()["criteria"] == ["1.1.1", "1.4.1"]
    r = cli("evidence", "unlink", str(kh), "--criterion", "1.1.1", "--json")
    assert r.json()["criteria"] == ["1.4.1"]
    r = cli("evidence", "edit", str(kh), "--number", "06/KH-UBND", "--date", "13/01/2023", "--json")
    assert (r.json()["number"], r.json()["date"]) == ("06/KH-UBND", "2023-01-13")
    assert r.json()["summary"] == "Kế hoạch cải cách hành chính năm 2023"  # untouched
    shown = cli("evidence", "show", str(kh))
    assert "06/KH-UBND" in shown.out and "kh.pdf" in shown.out
    refused = cli("evidence", "delete", str(kh))
    assert refused.code == 1 and "--yes" in refused.err
    r = cli("evidence", "delete", str(kh), "--yes", "--json")
    assert r.code == 0 and r.json() == {"deleted": kh, "files_removed": 1, "files_kept": 0}
    gone = cli("evidence", "show", str(kh))
    assert gone.code == 1 and f"Không có tài liệu số {kh}" in gone.err


def test_hints(cli, sample_year) -> None:
    r = cli("evidence", "hints", "05_KH-UBND_12-01-2023.docx", "--json")
    assert r.json()["hints"] == [
        {
            "file": "05_KH-UBND_12-01-2023.docx",
            "number": "05/KH-UBND",
            "date": "2023-01-12",
            "kind": "Kế hoạch",
        }
    ]


def _count(cli, year) -> int:
    return cli("evidence", "list", "--year", year, "--json").json()["count"]


def test_bad_input_gives_a_message_and_saves_nothing(cli, sample_year, scan, data_dir) -> None:
    good = scan("tot.pdf")
    cases = [
        (["--criterion", "1.1.1", "--date", "31/02/2023"], [good], "31/02/2023"),
        (["--criterion", "9.9", "--date", "01/02/2023"], [good], "không có tiêu chí 9.9"),
        (["--criterion", "1.1.1", "--date", "01/02/2023"], [good, scan("rong.pdf", b"")], "0 byte"),
        (["--criterion", "1.1.1", "--date", "1/2/2023", "--kind", "Thư"], [good], "Thư"),
        (["--criterion", "1.1.1", "--date", "01/02/2023"], [good, "khong-co.pdf"], "khong-co"),
    ]
    for extra, files, message in cases:
        r = _add(cli, sample_year, files, "--number", "1/KH-UBND", *extra, "--json")
        assert r.code == 1 and r.out == "", (extra, r.err)
        assert r.err.startswith("Lỗi: ") and message in r.err
    assert _count(cli, sample_year) == 0
    assert not list((data_dir / "files").glob("??/*"))  # nothing copied into the store
    usage = cli("evidence", "add", good, "--year", sample_year, "--number", "1/KH")
    assert usage.code == 2  # --criterion and --date are required


def test_windows_awkward_names_are_kept(cli, sample_year, scan) -> None:
    files = [scan("CON.pdf", b"1"), scan('bao<cao>:"1"|?*.pdf', b"2")]
    r = _add(
        cli,
        sample_year,
        files,
        "--criterion",
        "1.1.1",
        "--number",
        "1/KH-UBND",
        "--date",
        "1/1/2023",
        "--json",
    )
    assert r.code == 0, r.err
    assert [f["name"] for f in r.json()["files"]] == ["CON.pdf", 'bao<cao>:"1"|?*.pdf']
