"""``cchc report`` runs without loading SQLAlchemy (nor openpyxl, Alembic or Qt): the
register and the report's data are read and written in plain SQL, so the command costs
little more than python-docx itself (issue 7's benchmark, ``bench/bench_report.py``)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from docx import Document
from report_seed import fill_seed_002

HEAVY = ("sqlalchemy", "alembic", "openpyxl", "PySide6", "python_calamine")

# Runs ``cchc ARGS...`` and then prints, on the last line, the heavy packages it loaded.
RUN = """
import sys
from desktop.cli import main
try:
    code = main(sys.argv[1:])
finally:
    heavy = sorted({m.split('.')[0] for m in sys.modules} & set(__HEAVY__))
    print("\\nHEAVY=" + ",".join(heavy))
sys.exit(code)
""".replace("__HEAVY__", repr(HEAVY))


def _cchc(data_dir, *args: str) -> tuple[str, list[str]]:
    r = subprocess.run(
        [sys.executable, "-c", RUN, "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert r.returncode == 0, r.stderr
    out, _, heavy = r.stdout.rpartition("HEAVY=")
    return out, [h for h in heavy.strip().split(",") if h]


@pytest.fixture
def seeded_dir(ws, tmp_path):
    fill_seed_002(ws, tmp_path)
    ws.close()
    return ws.data_dir


def test_report_index_and_list_load_no_heavy_package(seeded_dir, tmp_path) -> None:
    out = tmp_path / "BC-123.docx"
    args = ["report", "index", "--index-year", "2022", "--from", "15/12/2022"]
    args += ["--to", "30/03/2023", "--number", "123", "--date", "04/04/2023", "--allow-blanks"]
    printed, heavy = _cchc(seeded_dir, *args, "--out", str(out))
    assert heavy == []
    assert "Đã xuất báo cáo số 123/BC-UBND" in printed
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "87,75/100" in text and "xếp thứ 9/20" in text

    printed, heavy = _cchc(seeded_dir, "report", "list", "--json")
    assert heavy == []
    (report,) = json.loads(printed)["reports"]
    assert (report["number_text"], report["status"]) == ("123/BC-UBND", "exported")
    assert report["last_docx"] == str(out.resolve())

    seen = []
    for command in (
        ["report", "set", "--id", "1", "guidance_letter", "01/UBND-NV", "10/01/2023"],
        ["report", "fields", "--id", "1", "--json"],
        ["report", "sections", "--id", "1", "--json"],
    ):
        printed, heavy = _cchc(seeded_dir, *command)
        assert heavy == [], command
        seen.append(printed)
    assert '"01/UBND-NV 10/01/2023"' in seen[1]
    assert "Công văn số 01/UBND-NV ngày 10/01/2023" in seen[2]
