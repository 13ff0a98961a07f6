"""A year with a bonus section, rules, declared figures, evidence and explanations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from desktop.core.catalog.node_rules import set_bonus
from desktop.core.catalog.store import NodeRow, read_catalog_csv, save_catalog
from desktop.core.evidence.documents import NewDocument, add_document
from desktop.core.paths import resource_path
from desktop.core.scoring.scores import set_score_text
from desktop.core.selfassess.entry import set_entry, set_node_rule
from desktop.core.selfassess.report import set_texts
from desktop.core.years.profile import save_profile

BONUS_ROWS = [
    NodeRow("11", "Điểm cộng", D(5)),
    NodeRow("11.1", "Có sáng kiến CCHC được công nhận", D(2)),
    NodeRow("11.2", "Được khen thưởng về CCHC", D(2)),
    NodeRow("11.3", "Mô hình mới được nhân rộng", D(3)),
]


def catalog_with_bonus(ws, year: int = 2024) -> None:
    rows = read_catalog_csv(resource_path("catalogs", "bo-tieu-chi-mau.csv")) + BONUS_ROWS
    with ws.transaction() as s:
        save_catalog(
            s, year, rows, name="Bộ có điểm cộng", survey_codes=("9", "10"), allow_warnings=True
        )
        set_bonus(s, year, "11")


def filled_year(ws, make_file, year: int = 2024) -> None:
    """Profile, catalog with bonus, rules, figures, scores, a document, explanations."""
    catalog_with_bonus(ws, year)
    with ws.transaction() as s:
        save_profile(
            s,
            commune_name="Đồng Tâm",
            province="Hải Dương",
            district="Ninh Giang",
            chairman="Nguyễn Văn A",
        )
        add_document(
            s,
            ws.store,
            NewDocument(year=year, number="05/KH-UBND", issue_date=date(year, 1, 12)),
            [make_file("kh.pdf")],
            ["1.1.1"],
        )
        set_node_rule(s, year, "3.5.1", "bac: 100=3; 98-<100=2; <98=0")
        set_node_rule(s, year, "1.1.1", "co/khong")
        set_entry(s, year, "3.5.1", declared="99,48%", value="auto")
        set_entry(s, year, "1.1.1", declared="Có", value="auto")
        set_entry(
            s, year, "1.2.1", value="1", explanation="Đã gửi đủ 4 báo cáo quý, lưu tại Văn phòng."
        )
        set_score_text(s, year, "11.1", "2")
        set_score_text(s, year, "2.1", "1,5")
        set_texts(
            s,
            year,
            number="15",
            report_date=date(year + 1, 1, 5),
            difficulties="Bộ phận Một cửa còn thiếu máy quét.",
            recommendations="Đề nghị hỗ trợ máy quét tài liệu.",
        )
