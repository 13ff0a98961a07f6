"""Two former communes built through the command line (init, catalog import, evidence with
files, self-scores, appraised results for 2023 and 2024), their bundles exported, and a
merged commune that absorbed them. Built once per test module (``formers``). A history
folder can also be built directly, without an import (``make_history``)."""

from __future__ import annotations

import contextlib
import io
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from results_sheets import catalog_with_codes, results_areas, results_full

from db.dbfile import DB_FILE_NAME

YEARS = (2023, 2024)
# Per commune: (number, date, criterion, summary); 05/KH-UBND is in both communes.
DOCS = {
    "Hồng Phong": [
        ("05/KH-UBND", "10/01/{y}", "1.1.1", "Kế hoạch CCHC năm {y} của xã Hồng Phong"),
        ("12/BC-UBND", "20/06/{y}", "1.3.3", "Báo cáo CCHC 6 tháng năm {y} (Hồng Phong)"),
    ],
    "Đồng Tâm": [
        ("05/KH-UBND", "12/01/{y}", "1.1.1", "Kế hoạch CCHC năm {y} của xã Đồng Tâm"),
        ("30/QĐ-UBND", "03/03/{y}", "1.4.1", "Quyết định kiện toàn bộ phận một cửa {y}"),
        ("41/TB-UBND", "15/09/{y}", "3.5.1", "Thông báo niêm yết TTHC {y} (Đồng Tâm)"),
    ],
}
SCORES = {"Hồng Phong": {"1.1.1": "1", "1.3.3": "0,5"}, "Đồng Tâm": {"1.1.1": "0", "1.4.1": "1"}}
RESULTS = {"Hồng Phong": results_full, "Đồng Tâm": results_areas}
RESULT_ROWS = {"Hồng Phong": 72, "Đồng Tâm": 10}
DISTRICTS = {"Hồng Phong": "Ninh Giang", "Đồng Tâm": "Thanh Miện"}
# The same scan (a province document) kept by both communes.
SHARED = b"%PDF-1.4 cong van chung cua tinh"


@dataclass
class Former:
    name: str
    folder: Path
    bundles: dict[int, Path] = field(default_factory=dict)


def run(data_dir: Path, *argv: str) -> tuple[int, str, str]:
    from desktop.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["--data-dir", str(data_dir), *argv])
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def ok(data_dir: Path, *argv: str) -> str:
    code, out, err = run(data_dir, *argv)
    assert code == 0, f"{argv}: {err}"
    return out


def build_former(root: Path, name: str) -> Former:
    folder = root / f"may-{len(name)}-{name}"
    f = Former(name, folder)
    district = DISTRICTS[name]
    ok(folder, "init", "--commune", name, "--district", district, "--province", "Hải Dương")
    scans = root / f"scans-{name}"
    scans.mkdir()
    for year in YEARS:
        sheet = catalog_with_codes(root / f"bo-{name}-{year}.xlsx", year=year)
        ok(folder, "catalog", "import", str(sheet), "--year", str(year))
        for n, (number, day, code, summary) in enumerate(DOCS[name]):
            scan = scans / f"{year}-{n}.pdf"
            scan.write_bytes(f"%PDF {name} {year} {number}".encode())
            files = [str(scan)]
            if n == 0:
                shared = scans / f"{year}-chung.pdf"
                shared.write_bytes(SHARED + str(year).encode())
                files.append(str(shared))
            ok(
                folder,
                *("evidence", "add", "--year", str(year), "--criterion", code),
                *("--number", number, "--date", day.format(y=year)),
                *("--summary", summary.format(y=year), *files),
            )
        for code, value in SCORES[name].items():
            ok(folder, "score", "set", "--year", str(year), code, value)
        # Hồng Phong's decision scores every node; Đồng Tâm's only the areas (seed 002).
        sheet = RESULTS[name](root / f"kq-{name}-{year}.xlsx", year=year)
        ok(folder, "results", "import", str(sheet), "--year", str(year))
        usb = root / f"usb-{name}-{year}"
        usb.mkdir()
        args = ["bundle", "export", str(usb), "--year", str(year)]
        f.bundles[year] = Path(ok(folder, *args, *(["--zip"] if year == 2024 else [])).strip())
    return f


@pytest.fixture(name="formers", scope="module")
def formers_fixture(tmp_path_factory) -> dict[str, Former]:
    root = tmp_path_factory.mktemp("xa-cu")
    return {name: build_former(root, name) for name in DOCS}


def merged_commune(data_dir: Path, *former: str) -> None:
    args = [a for name in former for a in ("--former-commune", name)]
    ok(
        data_dir,
        "init",
        "--commune",
        "Tân Hưng",
        "--province",
        "Hải Phòng",
        "--year",
        "2025",
        *args,
    )


def rows(db: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


DOC_SQL = """
SELECT d.year, d.number, d.issue_date, d.summary,
       (SELECT group_concat(sha256, ',') FROM (SELECT f.sha256 FROM evidence_file f
         WHERE f.document_id = d.id ORDER BY f.sha256)),
       (SELECT group_concat(code, ',') FROM (SELECT n.code FROM evidence_link l
         JOIN catalog_node n ON n.id = l.node_id WHERE l.document_id = d.id ORDER BY n.code))
FROM evidence_document d ORDER BY d.year, d.number"""
SELF_SQL = """
SELECT c.year, n.code, s.score, s.applicable FROM self_score s
JOIN catalog_node n ON n.id = s.node_id JOIN catalog c ON c.id = n.catalog_id
ORDER BY c.year, n.code"""
RESULT_SQL = """
SELECT r.year, r.total, r.total_rank, n.code, a.score, a.rank FROM appraised_score a
JOIN appraisal_result r ON r.id = a.result_id JOIN catalog_node n ON n.id = a.node_id
ORDER BY r.year, n.code"""


def snapshot(folder: Path) -> dict[str, list[tuple]]:
    db = folder / DB_FILE_NAME
    return {
        k: rows(db, sql) for k, sql in (("docs", DOC_SQL), ("self", SELF_SQL), ("res", RESULT_SQL))
    }


def make_history(data_dir: Path, name: str, years=(2023,), tmp: Path | None = None) -> Path:
    """A former commune's history folder built directly (no import): its profile, the
    sample catalog and one document (05/KH-UBND, 1.1.1) with its file per year."""
    from desktop.core.catalog.store import load_builtin
    from desktop.core.evidence.documents import NewDocument, add_document
    from desktop.core.history.store import history_dir
    from desktop.core.workspace import open_workspace
    from desktop.core.years.profile import save_profile

    folder = history_dir(data_dir, name)
    ws = open_workspace(folder)
    try:
        with ws.transaction() as s:
            save_profile(s, commune_name=name, province="Hải Dương")
            for year in years:
                load_builtin(s, year, "mau-minh-hoa")
                scan = (tmp or data_dir.parent) / f"{name}-{year}.pdf"
                scan.write_bytes(f"%PDF kế hoạch {name} {year}".encode())
                doc = NewDocument(
                    year, "05/KH-UBND", date(year, 1, 10), summary=f"Kế hoạch CCHC {name}"
                )
                add_document(s, ws.store, doc, [scan], ["1.1.1"])
    finally:
        ws.close()
    return folder
