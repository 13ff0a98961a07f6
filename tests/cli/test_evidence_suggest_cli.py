"""``cchc evidence suggest FILE... --year YYYY --json`` and ``cchc evidence add … --auto``."""

from __future__ import annotations

import shutil
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "core" / "evidence" / "data"
KEYS = {
    "file",
    "number",
    "date",
    "kind",
    "summary",
    "issuer",
    "signer",
    "text_layer",
    "signature",
    "criteria",
    "duplicate_of",
}


def test_suggest_json_contract(cli, sample_year, tmp_path) -> None:
    files = [
        str(DATA / "ke-hoach-cchc-2023-ky-so.pdf"),
        str(DATA / "cong-van-ky-cuong-hanh-chinh.pdf"),
        str(DATA / "bao-cao-ban-quet.pdf"),
        str(tmp_path / "khong-co.pdf"),
    ]
    r = cli("evidence", "suggest", *files, "--year", sample_year, "--json")
    assert r.code == 0, r.err
    items = r.json()["items"]
    assert [set(i) for i in items] == [KEYS] * 4
    assert [i["file"] for i in items] == files
    plan, letter, scan, missing = items
    assert plan["number"] == "45/KH-UBND"
    assert plan["date"] == "2022-12-28"
    assert plan["kind"] == "Kế hoạch"
    assert plan["summary"] == "Cải cách hành chính nhà nước năm 2023 trên địa bàn xã Đồng Tâm"
    assert plan["issuer"] == "UBND xã Đồng Tâm"
    assert plan["signer"] == "Nguyễn Văn An"
    assert plan["text_layer"] is True
    assert plan["signature"]["present"] is True
    assert plan["signature"]["signer"] == "Nguyễn Văn An"
    assert plan["signature"]["signed_at"].startswith("20")
    assert plan["criteria"][0] == "1.1.1"
    assert plan["duplicate_of"] is None
    assert letter["kind"] == "Công văn" and letter["criteria"][0] == "5.4.1"
    assert letter["signature"] == {"present": False, "signer": "", "signed_at": None}
    # a scan and a missing file: fields unknown, never a failure
    assert scan["text_layer"] is False and scan["number"] == "" and scan["date"] is None
    assert missing["text_layer"] is False and missing["summary"] == ""
    assert "tệp ảnh, không đọc được chữ" in r.err
    assert "không tìm thấy tệp khong-co.pdf" in r.err


def test_suggest_text_output_in_vietnamese(cli, sample_year) -> None:
    r = cli(
        "evidence", "suggest", str(DATA / "ke-hoach-cchc-2023-ky-so.pdf"), "--year", sample_year
    )
    assert r.code == 0
    assert "Số ký hiệu: 45/KH-UBND" in r.out
    assert "Đã ký số: Nguyễn Văn An (chưa kiểm tra chuỗi chứng thư)" in r.out
    assert "Gợi ý tiêu chí 1.1.1" in r.out


def test_add_auto_takes_the_fields_from_the_document(cli, sample_year, tmp_path) -> None:
    src = tmp_path / "scan 01.pdf"
    shutil.copyfile(DATA / "quyet-dinh-huyen-cong-bo-chi-so.pdf", src)
    r = cli(
        "evidence",
        "add",
        str(src),
        "--year",
        sample_year,
        "--criterion",
        "1.5",
        "--auto",
        "--summary",
        "Công bố Chỉ số CCHC 2022",
        "--json",
    )
    assert r.code == 0, r.err
    doc = r.json()
    assert doc["number"] == "766/QĐ-UBND"
    assert doc["date"] == "2023-03-16"
    assert doc["kind"] == "Quyết định"
    assert doc["issuer"] == "UBND huyện Ninh Giang"
    assert doc["signer"] == "Trần Văn Bình"
    assert doc["summary"] == "Công bố Chỉ số CCHC 2022"  # given on the command line: kept
    assert doc["criteria"] == ["1.5"]
    # the same document again: suggest says which one it duplicates
    again = cli("evidence", "suggest", str(src), "--year", sample_year, "--json").json()
    assert again["items"][0]["duplicate_of"] == doc["id"]


def test_add_without_number_or_auto_is_a_usage_error(cli, sample_year, scan) -> None:
    r = cli("evidence", "add", scan("a.pdf"), "--year", sample_year, "--criterion", "1.1.1")
    assert r.code == 2
    assert "thiếu --number và --date" in r.err and "--auto" in r.err
