"""Data for the bundle and backup command tests: a commune with evidence for 2023 on the
sample catalog. A test module imports the fixtures (``evidence``, ``usb``) by their
function names."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from db.dbfile import DB_FILE_NAME
from desktop.core.catalog.store import load_builtin
from desktop.core.evidence.documents import NewDocument, add_document
from desktop.core.workspace import open_workspace

DOCS = [
    (
        NewDocument(2023, "123/BC-UBND", date(2023, 4, 4), "Báo cáo", "Báo cáo kết quả CCHC"),
        "1.3.3",
    ),
    (
        NewDocument(2023, "5/KH-UBND", date(2023, 1, 9), "Kế hoạch", "Kế hoạch tuyên truyền"),
        "1.4.1",
    ),
]


@pytest.fixture(name="evidence")
def evidence_fixture(initialized, data_dir: Path, tmp_path: Path) -> None:
    ws = open_workspace(data_dir)
    with ws.transaction() as s:
        load_builtin(s, 2023, "mau-minh-hoa")
    for n, (doc, code) in enumerate(DOCS):
        f = tmp_path / f"tệp {n}.pdf"
        f.write_bytes(f"%PDF {doc.number}".encode())
        with ws.transaction() as s:
            add_document(s, ws.store, doc, [f], [code])
    ws.close()


@pytest.fixture(name="usb")
def usb_fixture(tmp_path: Path) -> Path:
    path = tmp_path / "USB"
    path.mkdir()
    return path


def count_documents(data_dir: Path) -> int:
    con = sqlite3.connect(data_dir / DB_FILE_NAME)
    try:
        return con.execute("SELECT count(*) FROM evidence_document").fetchone()[0]
    finally:
        con.close()
