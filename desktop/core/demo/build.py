"""``create_demo``: the demo commune, built through the same core functions the screens use.

xã Đồng Tâm (formerly of huyện Ninh Giang, tỉnh Hải Dương; since the 2025 merger in thành
phố Hải Phòng, absorbing xã Hồng Phong). Year 2024 is appraised by the district, 2025 by
the province. Each year: the sample catalog with a bonus section and scoring rules, 20+
documents with sample files, self-scores and explanations, the self-assessment locked as
submitted, appraised results with ranks and lost points, the remediation plan, the portal's
dossiers of the report's period with the hand-entered portal figures, the BC-UBND report
drafted and exported to Word, and a USB bundle handed off (into ``demo-usb`` in the data
folder). Hồng Phong's 2024 is kept as a former commune's history.

Everything comes from a fixed seed, so the same folder is built every time.
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from desktop.core.demo.samples import SAMPLE_MARK, dossier_export, dossier_rows, sample_docx
from desktop.core.workspace import Workspace, open_workspace

SEED = 17
COMMUNE = "Đồng Tâm"
FORMER = "Hồng Phong"
CHAIRMAN = "Nguyễn Văn An"
OFFICER = "Trần Thị Bình"
OFFICERS = ("Trần Thị Bình", "Phạm Thị Dung", "Lê Văn Cường", "Đỗ Minh Hải")
YEARS = (2024, 2025)
APPRAISERS = {
    2024: ("UBND huyện Ninh Giang", "district"),
    2025: ("Sở Nội vụ thành phố Hải Phòng", "province"),
}
CATALOG_NAME = "Bộ tiêu chí mẫu (minh họa, không phải bộ chính thức)"
KINDS = (
    ("KH", "Kế hoạch"),
    ("BC", "Báo cáo"),
    ("QĐ", "Quyết định"),
    ("TB", "Thông báo"),
    ("CV", "Công văn"),
    ("BB", "Biên bản"),
)
# sub-criteria left without a document (explained instead) and points lost at appraisal
WITHOUT_DOCS = 3
LOST = 6
DOSSIERS_PER_PERIOD = 180
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class DemoSummary:
    data_dir: Path
    years: tuple[int, ...]
    documents: int
    dossiers: int
    reports: list[Path]
    bundles: list[Path]


def demo_year() -> int:
    """The year the demo opens on (the province-era one)."""
    return YEARS[-1]


def _catalog(s, year: int) -> None:
    from desktop.core.catalog.node_rules import set_bonus
    from desktop.core.catalog.store import NodeRow, read_catalog_csv, save_catalog
    from desktop.core.paths import resource_path

    rows = read_catalog_csv(resource_path("catalogs", "bo-tieu-chi-mau.csv"))
    rows += [
        NodeRow("11", "Điểm cộng", Decimal(5)),
        NodeRow("11.1", "Có sáng kiến CCHC được cấp có thẩm quyền công nhận", Decimal(2)),
        NodeRow("11.2", "Được khen thưởng về công tác CCHC", Decimal(3)),
    ]
    save_catalog(
        s,
        year,
        rows,
        name=CATALOG_NAME,
        decision_number=f"{90 + year % 10}/QĐ-UBND (mẫu)",
        decision_date=date(year - 1, 12, 20),
        issuer="UBND tỉnh (mẫu)",
        source="sample",
        survey_codes=("9", "10"),
        allow_warnings=True,
    )
    set_bonus(s, year, "11")


def _leaves(s, year: int):
    from desktop.core.scoring.rollup import score_tree

    return [
        n
        for n in score_tree(s, year).nodes
        if n.is_leaf and n.self_scored and n.applicable and not n.bonus
    ]


def _points(value: Decimal) -> str:
    return format(value.quantize(TWO_PLACES, ROUND_HALF_UP).normalize(), "f").replace(".", ",")


def _documents(s, ws: Workspace, year: int, rng: random.Random, folder: Path) -> int:
    from desktop.core.evidence.documents import NewDocument, add_document

    leaves = _leaves(s, year)
    covered = leaves[: len(leaves) - WITHOUT_DOCS]
    issuer = f"UBND xã {COMMUNE}"
    count = 0
    for i in range(0, len(covered), 2):
        codes = [n.code for n in covered[i : i + 2]]
        symbol, kind = KINDS[count % len(KINDS)]
        number = f"{count * 7 + 3:02d}/{symbol}-UBND"
        issued = (
            date(year - 1, 12, 26)
            if i == 0
            else date(year, 1 + (i * 11) // len(covered), 5 + rng.randrange(20))
        )
        summary = f"{kind} về {covered[i].title[0].lower()}{covered[i].title[1:]} năm {year}"
        path = folder / f"{number.replace('/', '-')} {issued:%d.%m.%Y} ({SAMPLE_MARK}).docx"
        sample_docx(
            path,
            issuer=issuer,
            number=number,
            kind=kind,
            summary=summary,
            issued=issued,
            signer=CHAIRMAN,
        )
        doc = NewDocument(
            year,
            number,
            issued,
            kind,
            summary,
            issuer,
            CHAIRMAN,
            OFFICERS[count % len(OFFICERS)],
        )
        add_document(s, ws.store, doc, [path], codes)
        count += 1
    return count


def _self_assessment(s, ws: Workspace, year: int, rng: random.Random) -> dict[str, Decimal]:
    from desktop.core.scoring.scores import set_score_text
    from desktop.core.selfassess.entry import set_explanation, set_node_rule
    from desktop.core.selfassess.readiness import readiness
    from desktop.core.selfassess.report import set_texts

    set_node_rule(s, year, "1.1.1", "co/khong")
    scores: dict[str, Decimal] = {}
    for n in _leaves(s, year):
        roll = rng.random()
        value = n.max_points if roll < 0.8 else (n.max_points / 2 if roll < 0.95 else Decimal(0))
        scores[n.code] = value
        set_score_text(s, year, n.code, _points(value))
    set_score_text(s, year, "11.1", "2")
    for need in readiness(s, ws.store, year).missing:
        set_explanation(
            s,
            year,
            need.code,
            f"Năm {year} xã đã thực hiện nội dung này; tài liệu đang lưu tại Văn phòng - "
            f"Thống kê, sẽ bổ sung khi có yêu cầu ({', '.join(need.reasons).lower()}).",
        )
    set_texts(
        s,
        year,
        number=f"{10 + year % 10}",
        report_date=date(year, 12, 20),
        difficulties="Bộ phận Một cửa còn thiếu máy quét; đường truyền chậm vào giờ cao điểm.",
        recommendations="Đề nghị hỗ trợ máy quét tài liệu và tập huấn số hóa hồ sơ.",
    )
    return scores


def _results(s, year: int, rng: random.Random, scores: dict[str, Decimal]) -> None:
    from desktop.core.results.plan import create_plan
    from desktop.core.results.store import set_result, set_result_header
    from desktop.core.scoring.rollup import score_tree

    tree = score_tree(s, year)
    leaves = [n for n in tree.nodes if n.is_leaf and not n.bonus]
    lost = set(rng.sample([n.code for n in leaves if scores.get(n.code)], LOST))
    appraised: dict[str, Decimal] = {}
    for n in leaves:
        if not n.self_scored:  # survey parts: the appraising body's own figure
            value = (n.max_points * Decimal("0.8")).quantize(TWO_PLACES)
        else:
            value = scores.get(n.code, Decimal(0))
            if n.code in lost:
                value = (value / 2).quantize(TWO_PLACES)
        appraised[n.code] = value
        set_result(
            s,
            year,
            n.code,
            value,
            note="Tài liệu kiểm chứng chưa đầy đủ" if n.code in lost else "",
        )
    by_id = {n.node_id: n for n in tree.nodes}
    totals: dict[int, Decimal] = {n.node_id: appraised[n.code] for n in leaves}
    for n in leaves:
        parent = n.parent_id
        while parent is not None:
            totals[parent] = totals.get(parent, Decimal(0)) + appraised[n.code]
            parent = by_id[parent].parent_id
    areas = [n for n in tree.nodes if n.parent_id is None and not n.bonus]
    for i, area in enumerate(areas):
        of = 18 + i % 3
        set_result(s, year, area.code, totals[area.node_id], rank=f"{1 + (i * 7) % of}/{of}")
    for n in tree.nodes:
        if n.parent_id is not None and not n.is_leaf and n.node_id in totals:
            set_result(s, year, n.code, totals[n.node_id])
    total = sum((totals[a.node_id] for a in areas), Decimal(0))
    body, _level = APPRAISERS[year]
    set_result_header(
        s,
        year,
        decision_number=f"{700 + year % 100}/QĐ-UBND",
        decision_date=date(year + 1, 3, 10),
        publisher=body,
        total=total,
        total_rank="9/20" if year == 2024 else "7/21",
        group_label="Tốt",
    )
    plan = create_plan(s, year)
    _fill_plan(s, plan, rng)


SOLUTIONS = (
    "Rà soát, bổ sung tài liệu kiểm chứng ngay khi ban hành; lưu theo từng tiêu chí thành phần.",
    "Ban hành văn bản đúng thời hạn; phân công công chức theo dõi, nhắc hạn hằng tháng.",
    "Số hóa hồ sơ, kết quả giải quyết TTHC ngay khi tiếp nhận và trả kết quả.",
    "Tăng cường tuyên truyền, hướng dẫn người dân nộp hồ sơ trực tuyến.",
)


def _fill_plan(s, plan, rng: random.Random) -> None:
    """What an officer writes into the drafted plan: solutions, partners, some progress."""
    from desktop.core.results.plan import set_progress, update_row

    losses = [r for r in plan.rows if r.kind == "loss" and r.id is not None]
    for i, row in enumerate(losses):
        update_row(
            s,
            row.id,
            solution=row.solution or SOLUTIONS[i % len(SOLUTIONS)],
            partners=row.partners or "Văn phòng - Thống kê",
        )
        if i % 4 == 0:
            set_progress(s, row.id, "doing")


def _dossiers(s, folder: Path, rng: random.Random) -> int:
    from desktop.core.dossiers import import_dossiers, nd09_period, set_manual_figures

    rows = []
    for year in YEARS:
        period = nd09_period("q1", year + 1)
        rows += dossier_rows(rng, period.start, period.end, DOSSIERS_PER_PERIOD)
    path = dossier_export(
        folder / f"DanhSachHoSo ({SAMPLE_MARK}).xlsx",
        f"DANH SÁCH HỒ SƠ TIẾP NHẬN - UBND XÃ {COMMUNE.upper()}",
        rows,
    )
    summary = import_dossiers(s, path)
    portal = ((Decimal("65.67"), 14), (Decimal("78.2"), 6))
    for year, (index, rank) in zip(YEARS, portal, strict=True):
        set_manual_figures(
            s,
            nd09_period("q1", year + 1),
            service_index=index,
            service_rank=rank,
            service_rank_of=20,
            online_payment_rate=Decimal("84.89"),
        )
    return summary.dossiers


def _report(ws: Workspace, year: int, out_dir: Path) -> Path:
    from desktop.core.dossiers import nd09_period
    from desktop.core.report.docx_writer import write_docx
    from desktop.core.report.layout import build_document
    from desktop.core.report.status import set_status
    from desktop.core.report.store import create_index_report

    with ws.transaction() as s:
        outcome = create_index_report(
            s,
            index_year=year,
            period=nd09_period("q1", year + 1),
            number=f"{20 + year % 10}",
            report_date=date(year + 1, 3, 20),
        )
    report = _fill_report_fields(ws, outcome.report.id, year)
    path = out_dir / f"{report.file_stem} ({SAMPLE_MARK}).docx"
    write_docx(build_document(report), path)
    with ws.transaction() as s:
        set_status(s, outcome.report.id, "exported", path=path)
    return path


# Sample references for the report fields the demo data cannot know, written out whole: the
# guidance letter comes from the district's Phòng Nội vụ until 2024, from the province's Sở
# Nội vụ after the July 2025 reform. Every one is a sample like the rest.
def _demo_field_values(year: int) -> dict[str, str]:
    guidance = "1520/UBND-NV" if year <= 2024 else "1520/SNV-CCHC"
    return {
        "guidance_letter": f"{guidance} 15/11/{year}",
        "upper_plan": f"3850/KH-UBND 25/12/{year}",
        "commune_plan": f"145/KH-UBND 28/12/{year - 1}",
        "next_plan": f"152/KH-UBND 28/12/{year}",
    }


def _fill_report_fields(ws: Workspace, report_id: int, year: int):
    """The demo's report is finished as an officer finishes it: every required field that
    its data leaves blank gets a sample value (``cchc report set``), so it exports whole."""
    from desktop.core.report.field_store import report_fields, set_field
    from desktop.core.report.fields import blanks
    from desktop.core.report.store import report_info

    values = _demo_field_values(year)
    with ws.transaction() as s:
        for f in blanks(report_fields(s, report_id)):
            if f.key in values:
                set_field(s, report_id, f.key, values[f.key])
        return report_info(s, report_id)


def _history(data_dir: Path, folder: Path, rng: random.Random) -> None:
    """Hồng Phong's 2024, kept as a former commune's history."""
    from desktop.core.history.store import history_dir
    from desktop.core.years.profile import save_profile

    hws = open_workspace(history_dir(data_dir, FORMER))
    try:
        with hws.transaction() as s:
            save_profile(
                s,
                commune_name=FORMER,
                district="Ninh Giang",
                province="Hải Dương",
                chairman="Vũ Văn Thắng",
                officer="Ngô Thị Lan",
            )
            _catalog(s, 2024)
            sub = folder / FORMER
            sub.mkdir()
            _documents(s, hws, 2024, rng, sub)
            scores = _self_assessment(s, hws, 2024, rng)
            _results(s, 2024, rng, scores)
    finally:
        hws.close()


def build_demo(ws: Workspace) -> DemoSummary | None:
    """Fill an empty data folder with the demo commune (None if it already has a commune)."""
    from desktop.core.bundle.export import export_bundle
    from desktop.core.bundle.plan import ExportScope
    from desktop.core.selfassess.rounds import lock_year
    from desktop.core.settings import set_setting
    from desktop.core.years.profile import get_profile, save_profile
    from desktop.core.years.setup import FormerEdit, save_former_communes
    from desktop.core.years.store import set_year

    with ws.session() as s:
        if get_profile(s) is not None:
            return None
    rng = random.Random(SEED)
    documents = 0
    with tempfile.TemporaryDirectory(prefix="so-cchc-demo-") as tmp:
        folder = Path(tmp)
        with ws.transaction() as s:
            save_profile(
                s,
                commune_name=COMMUNE,
                district="Ninh Giang",
                province="Hải Phòng",
                chairman=CHAIRMAN,
                officer=OFFICER,
                merger_decision_number="1669/NQ-UBTVQH15",
                merger_decision_date=date(2025, 6, 16),
            )
            save_former_communes(s, [FormerEdit(None, FORMER)])
            for year in YEARS:
                body, level = APPRAISERS[year]
                set_year(s, year, appraiser=body, level=level, commune_name=COMMUNE)
                _catalog(s, year)
                sub = folder / str(year)
                sub.mkdir()
                documents += _documents(s, ws, year, rng, sub)
        with ws.transaction() as s:
            for year in YEARS:
                scores = _self_assessment(s, ws, year, rng)
                lock_year(s, ws.store, year, note="Đã nộp trên phần mềm chấm điểm (mẫu)")
                _results(s, year, rng, scores)
            dossiers = _dossiers(s, folder, rng)
            set_setting(s, "last_year", str(demo_year()))
        _history(ws.data_dir, folder, rng)
    out = ws.data_dir / "demo-bao-cao"
    out.mkdir(exist_ok=True)
    reports = [_report(ws, year, out) for year in YEARS]
    usb = ws.data_dir / "demo-usb"
    usb.mkdir(exist_ok=True)
    bundles = [export_bundle(ws, ExportScope(year), usb).path for year in YEARS]
    return DemoSummary(ws.data_dir, YEARS, documents, dossiers, reports, bundles)


def create_demo(ws: Workspace) -> bool:
    """``build_demo`` for the GUI: False when the folder already has a commune."""
    return build_demo(ws) is not None
