"""A DOCX the app writes says what it is in its properties (File → Info in Word): the title
is the trích yếu, the author and last editor the unit, created and modified the export
time; nothing of python-docx's template (its "python-docx", its 2013 dates)."""

from __future__ import annotations

import zipfile
from datetime import datetime, timedelta, timezone

from docx import Document
from report_seed import YEAR, export_seed_report, fill_seed_002


def _props_text(path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("docProps/core.xml").decode("utf-8") + z.read("docProps/app.xml").decode(
            "utf-8"
        )


def _fresh(when: datetime) -> bool:
    return abs(datetime.now(timezone.utc) - when) < timedelta(minutes=5)


def test_report_docx_properties(tmp_path) -> None:
    path, _doc = export_seed_report(tmp_path)
    cp = Document(str(path)).core_properties
    assert cp.title == (
        "Kết quả đánh giá Chỉ số cải cách hành chính năm 2022 và nhiệm vụ trọng tâm năm 2023"
    )
    assert cp.author == cp.last_modified_by == "Ủy ban nhân dân xã Đồng Tâm"
    assert _fresh(cp.created) and _fresh(cp.modified)
    text = _props_text(path)
    assert "python-docx" not in text and "2013" not in text


def test_plan_and_evidence_index_properties(ws, tmp_path) -> None:
    from desktop.core.report.evidence_index import evidence_index, export_evidence_index
    from desktop.core.results.plan_export import export_plan
    from desktop.core.results.plan_read import plan_for_export

    fill_seed_002(ws, tmp_path)
    with ws.session() as s:
        plan = plan_for_export(s, YEAR)
        index = evidence_index(s, YEAR)
    for path in (
        export_plan(plan, tmp_path / "kh.docx"),
        export_evidence_index(index, tmp_path / "dm.docx"),
    ):
        cp = Document(str(path)).core_properties
        assert cp.title and "Đồng Tâm" in cp.author
        assert _fresh(cp.created)
        text = _props_text(path)
        assert "python-docx" not in text and "2013" not in text
