"""``year_todo``: the steps of the officer's year, in order, each with its state, one line
of detail with the figures, and a count out of a total. The "Việc cần làm" tab and
``cchc todo`` both show exactly this, so the screen and the command line never disagree.

States: ``done`` (nothing left), ``todo`` (not started or under way), ``attention``
(something that costs points or a deadline close or past).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.filestore import FileStore
from db.models_bundles import Handoff
from db.models_dossiers import Dossier
from desktop.core.catalog.read import catalog_years
from desktop.core.dossiers.periods import Period, nd09_period
from desktop.core.office.vnformat import format_date, format_int, format_points
from desktop.core.todo.deadlines import DEADLINE_KINDS, Deadline, deadlines
from desktop.core.years.profile_read import get_profile

STATES = ("done", "todo", "attention")
STATE_LABELS = {"done": "Đã xong", "todo": "Cần làm", "attention": "Cần chú ý"}

# key -> title, in the order of the year
STEP_TITLES: dict[str, str] = {
    "profile": "Hồ sơ xã",
    "catalog": "Bộ tiêu chí của năm",
    "evidence": "Tài liệu kiểm chứng",
    "self_scores": "Điểm tự chấm",
    "explanations": "Giải trình",
    "checks": "Kiểm tra trước khi nộp",
    "self_assessment": "Tự đánh giá: sẵn sàng, khóa – đã nộp",
    "results": "Kết quả thẩm định",
    "plan": "Điểm bị mất và kế hoạch khắc phục",
    "dossiers": "Hồ sơ TTHC của kỳ báo cáo",
    "report": "Báo cáo kết quả Chỉ số CCHC (BC-UBND)",
    "bundle": "Gói nộp USB",
}
STEP_KEYS = tuple(STEP_TITLES)


@dataclass(frozen=True)
class TodoStep:
    key: str
    title: str
    state: str
    detail: str
    count: int | None = None
    total: int | None = None
    deadline: Deadline | None = None

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    def to_json(self) -> dict:
        return {
            "key": self.key,
            "title": self.title,
            "state": self.state,
            "detail": self.detail,
            "count": self.count,
            "total": self.total,
        }


@dataclass(frozen=True)
class TodoList:
    year: int
    steps: list[TodoStep]

    def step(self, key: str) -> TodoStep:
        return next(s for s in self.steps if s.key == key)

    @property
    def done(self) -> int:
        return sum(s.state == "done" for s in self.steps)

    def to_json(self) -> dict:
        return {"year": self.year, "steps": [s.to_json() for s in self.steps]}


def _step(key: str, state: str, detail: str, count=None, total=None) -> TodoStep:
    return TodoStep(key, STEP_TITLES[key], state, detail, count, total)


def default_report_period(year: int) -> Period:
    """The report on year N's index carries the dossiers of quarter I of N+1 (ND 09)."""
    return nd09_period("q1", year + 1)


def _profile(session: Session) -> TodoStep:
    p = get_profile(session)
    if p is None:
        return _step("profile", "todo", "Chưa có hồ sơ xã: tên xã, tỉnh, Chủ tịch UBND…", 0, 4)
    fields = {
        "tên xã": p.commune_name,
        "tỉnh/thành phố": p.province,
        "Chủ tịch UBND": p.chairman,
        "công chức phụ trách CCHC": p.officer,
    }
    missing = [name for name, value in fields.items() if not (value or "").strip()]
    filled = len(fields) - len(missing)
    if missing:
        return _step("profile", "todo", "Còn thiếu: " + ", ".join(missing) + ".", filled, 4)
    detail = f"{p.unit_kind.capitalize()} {p.commune_name}, {p.province}; Chủ tịch {p.chairman}."
    return _step("profile", "done", detail, filled, 4)


def _no_catalog(year: int) -> list[TodoStep]:
    waiting = "Chờ bộ tiêu chí của năm."
    out = [
        _step(
            "catalog",
            "todo",
            f"Năm {year} chưa có bộ tiêu chí: thêm năm hoặc nhập bộ tiêu chí từ Excel.",
            0,
            0,
        )
    ]
    for key in ("evidence", "self_scores", "explanations", "checks", "self_assessment"):
        out.append(_step(key, "todo", waiting))
    return out


def _catalog(catalog, leaves: int) -> TodoStep:
    areas = sum(1 for n in catalog.nodes if n.parent_id is None)
    if catalog.is_sample:
        return _step(
            "catalog",
            "attention",
            f"“{catalog.name}” là bộ tiêu chí mẫu, chỉ để minh họa: nhập bộ tiêu chí của tỉnh "
            "(Năm → Nhập bộ tiêu chí từ tệp…: tệp Word, PDF, trang web hoặc Excel của quyết định).",
            leaves,
            leaves,
        )
    if not catalog.complete:
        return _step(
            "catalog",
            "attention",
            f"Bộ tiêu chí có sẵn mới có {areas} lĩnh vực, chưa đủ tiêu chí thành phần: nhập "
            "bộ đầy đủ của tỉnh (Năm → Nhập bộ tiêu chí từ tệp…: phụ lục quyết định của tỉnh "
            "bằng Word, PDF hoặc Excel, trang cổng chấm điểm, hoặc dán bảng).",
            leaves,
            leaves,
        )
    decision = f" ({catalog.decision_number})" if catalog.decision_number else ""
    return _step(
        "catalog",
        "done",
        f"{catalog.name}{decision}: {leaves} tiêu chí thành phần.",
        leaves,
        leaves,
    )


def _with_deadline(step: TodoStep, due: Deadline | None) -> TodoStep:
    if due is None:
        return step
    state = step.state
    if state != "done" and due.soon:
        state = "attention"
    detail = f"{step.detail} ({due.label.lower()}: {due.text()})"
    return TodoStep(step.key, step.title, state, detail, step.count, step.total, due)


def _self_steps(session: Session, store: FileStore, year: int) -> list[TodoStep]:
    from desktop.core.catalog.read import catalog_info
    from desktop.core.evidence.checks import run_checks
    from desktop.core.scoring.rollup import score_tree
    from desktop.core.selfassess.readiness import readiness
    from desktop.core.selfassess.ready_mark import ready_marked
    from desktop.core.selfassess.rounds import year_status

    catalog = catalog_info(session, year)
    tree = score_tree(session, year)
    leaves = sum(1 for n in catalog.nodes if n.is_leaf)
    out = [_catalog(catalog, leaves)]

    total = tree.leaves
    with_ev = tree.with_evidence
    if total and with_ev == total:
        out.append(
            _step(
                "evidence", "done", f"Cả {total} tiêu chí thành phần có tài liệu.", with_ev, total
            )
        )
    else:
        docs = f"{with_ev}/{total} tiêu chí thành phần có tài liệu kiểm chứng"
        out.append(
            _step("evidence", "todo", f"{docs}; còn {total - with_ev} mục chưa có.", with_ev, total)
        )

    scored = tree.scored
    score = f"tổng tự chấm {format_points(tree.self_score)}" if tree.self_score is not None else ""
    if total and scored == total:
        out.append(_step("self_scores", "done", f"Đã chấm cả {total} mục; {score}.", scored, total))
    else:
        more = f"; {score}" if score else ""
        out.append(
            _step(
                "self_scores",
                "todo",
                f"Đã chấm {scored}/{total} tiêu chí thành phần{more}.",
                scored,
                total,
            )
        )

    report = run_checks(session, store, year)
    ready = readiness(session, store, year, report)
    need = len(ready.needs)
    written = need - len(ready.missing)
    if not ready.missing:
        detail = f"Đã viết đủ {need} giải trình." if need else "Không có mục nào cần giải trình."
        out.append(_step("explanations", "done", detail, written, need))
    else:
        codes = ", ".join(n.code for n in ready.missing[:5])
        more = "…" if len(ready.missing) > 5 else ""
        out.append(
            _step(
                "explanations",
                "todo",
                f"Còn {len(ready.missing)}/{need} mục cần giải trình ({codes}{more}).",
                written,
                need,
            )
        )

    errors = [f for f in report.findings if f.severity == "error"]
    warnings = len(report.findings) - len(errors)
    dismissed = len(report.dismissed)
    if errors:
        out.append(
            _step(
                "checks",
                "attention",
                f"{len(errors)} lỗi có thể bị trừ điểm, {warnings} cảnh báo "
                f"({dismissed} mục đã bỏ qua có lý do).",
                len(report.findings),
                len(report.findings) + dismissed,
            )
        )
    else:
        extra = f", {warnings} cảnh báo cần xem" if warnings else ""
        out.append(
            _step(
                "checks",
                "done",
                f"Không còn lỗi{extra} ({dismissed} mục đã bỏ qua có lý do).",
                len(report.findings),
                len(report.findings) + dismissed,
            )
        )

    status = year_status(session, year)
    marked = ready_marked(session, year)
    if status.submitted is not None and not status.changes:
        r = status.submitted
        out.append(
            _step(
                "self_assessment",
                "done",
                f"Đã khóa – đã nộp {r.label}.",
                r.number,
                r.number,
            )
        )
    elif status.submitted is not None:
        out.append(_step("self_assessment", "todo", status.summary(), status.changes, None))
    elif ready.ready:
        when = f" (đánh dấu ngày {format_date(marked)})" if marked else ""
        out.append(
            _step(
                "self_assessment",
                "todo",
                f"Đã sẵn sàng nộp{when}: khóa – đã nộp khi gửi đi.",
            )
        )
    else:
        parts = []
        if ready.missing:
            parts.append(f"{len(ready.missing)} mục cần giải trình")
        if ready.unscored:
            parts.append(f"{len(ready.unscored)} mục chưa chấm điểm")
        out.append(
            _step("self_assessment", "todo", "Chưa sẵn sàng nộp: còn " + ", ".join(parts) + ".")
        )
    return out


def _results_steps(session: Session, year: int) -> list[TodoStep]:
    from desktop.core.results.losses import loss_report
    from desktop.core.results.plan_read import plan_info
    from desktop.core.results.read import results_info

    info = results_info(session, year)
    if not info.has_scores and info.total is None:
        return [
            _step(
                "results",
                "todo",
                "Chưa nhập kết quả thẩm định: nhập tệp Excel của cơ quan thẩm định hoặc gõ điểm.",
                0,
                None,
            ),
            _step("plan", "todo", "Chờ kết quả thẩm định."),
        ]
    scored = sum(1 for n in info.nodes if n.score is not None)
    rank = f", xếp hạng {info.total_rank}" if info.total_rank else ""
    total = f"Tổng điểm {info.total_text}{rank}" if info.total is not None else "Chưa có tổng điểm"
    decision = f" (QĐ {info.decision_number})" if info.decision_number else ""
    out = [_step("results", "done", f"{total}{decision}.", scored, len(info.nodes))]

    losses = loss_report(session, year)
    lost = len(losses.rows)
    plan = plan_info(session, year)
    if plan is None or not plan.saved:
        if not lost:
            out.append(_step("plan", "done", "Không mất điểm mục nào.", 0, 0))
        else:
            out.append(
                _step(
                    "plan",
                    "todo",
                    f"Mất {format_points(losses.lost_total)} điểm ở {lost} mục; chưa lập kế "
                    "hoạch khắc phục.",
                    0,
                    lost,
                )
            )
        return out
    rows = len(plan.rows)
    done_rows = sum(1 for r in plan.rows if r.status == "done")
    out.append(
        _step(
            "plan",
            "done",
            f"Mất {format_points(losses.lost_total)} điểm ở {lost} mục; kế hoạch khắc phục "
            f"{rows} dòng, {done_rows} dòng đã xong.",
            rows,
            lost,
        )
    )
    return out


def _report_of(session: Session, year: int):
    from desktop.core.report.store import list_reports

    mine = [r for r in list_reports(session) if r.index_year == year and r.kind == "index"]
    return max(mine, key=lambda r: r.id) if mine else None


def report_period(session: Session, year: int, report=None) -> Period:
    """The dossiers' period of the year's report (its own, else quarter I of the next year)."""
    report = report if report is not None else _report_of(session, year)
    if report is not None and report.period_from and report.period_to:
        return Period(report.period_from, report.period_to, report.period_label)
    return default_report_period(year)


def _dossiers(session: Session, report, year: int) -> TodoStep:
    period = report_period(session, year, report)
    count = (
        session.scalar(
            select(func.count(Dossier.id)).where(
                Dossier.received_at >= period.start_at, Dossier.received_at < period.end_at
            )
        )
        or 0
    )
    when = f"{format_date(period.start)}–{format_date(period.end)}"
    if count:
        return _step(
            "dossiers", "done", f"{format_int(count)} hồ sơ tiếp nhận trong kỳ {when}.", count, None
        )
    return _step(
        "dossiers",
        "todo",
        f"Chưa có hồ sơ nào trong kỳ {when}: nhập tệp xuất từ hệ thống giải quyết TTHC.",
        0,
        None,
    )


def _report(session: Session, report) -> TodoStep:
    if report is None:
        return _step(
            "report",
            "todo",
            "Chưa soạn báo cáo: soạn từ kết quả thẩm định, kế hoạch và số liệu hồ sơ.",
        )
    from desktop.core.report.records import STATUS_LABELS, STATUSES

    number = f"số {report.number}/{report.symbol}" if report.number else "chưa có số"
    missing = []
    if not report.number:
        missing.append("số")
    if report.report_date is None:
        missing.append("ngày")
    stage = STATUSES.index(report.status) if report.status in STATUSES else 0
    label = STATUS_LABELS.get(report.status, report.status)
    if report.status in ("draft", "exported", "printed"):
        from desktop.core.report.store import report_data

        problems = report_data(session, report.id).problems
        if problems:
            missing.append(f"{len(problems)} số liệu ({problems[0].rstrip('.')}…)")
    if missing:
        return _step(
            "report",
            "attention",
            f"Báo cáo {number}: {label.lower()}, còn thiếu {', '.join(missing)}.",
            stage,
            len(STATUSES) - 1,
        )
    nxt = {
        "draft": "xuất Word hoặc PDF rồi in",
        "exported": "in, trình ký",
        "printed": "trình ký rồi đính kèm bản quét",
        "signed": "chuyển đi hoặc tải lên",
    }.get(report.status)
    state = "done" if report.status in ("signed", "handed_off", "uploaded") else "todo"
    detail = f"Báo cáo {number}: {label.lower()}"
    detail += f"; tiếp theo: {nxt}." if nxt else "."
    return _step("report", state, detail, stage, len(STATUSES) - 1)


def _bundle(session: Session, year: int) -> TodoStep:
    rows = session.execute(
        select(Handoff.created_at, Handoff.file_count)
        .where(Handoff.year == year)
        .order_by(Handoff.created_at)
    ).all()
    if not rows:
        return _step("bundle", "todo", "Chưa ghi gói nộp USB nào cho năm này.", 0, None)
    last, files = rows[-1]
    return _step(
        "bundle",
        "done",
        f"Đã bàn giao {len(rows)} lần; lần gần nhất ngày {format_date(last.date())} "
        f"({format_int(files)} tệp).",
        len(rows),
        None,
    )


def year_todo(session: Session, store: FileStore, year: int, today: date | None = None) -> TodoList:
    """The twelve steps of ``year`` (``STEP_KEYS``), in order."""
    steps = [_profile(session)]
    has_catalog = year in catalog_years(session)
    if has_catalog:
        steps += _self_steps(session, store, year)
    else:
        steps += _no_catalog(year)
    if has_catalog:
        steps += _results_steps(session, year)
    else:
        steps += [
            _step("results", "todo", "Chờ bộ tiêu chí của năm."),
            _step("plan", "todo", "Chờ kết quả thẩm định."),
        ]
    report = _report_of(session, year)
    steps.append(_dossiers(session, report, year))
    steps.append(_report(session, report))
    steps.append(_bundle(session, year))
    due = deadlines(session, year, today)
    for kind, (_label, key) in DEADLINE_KINDS.items():
        if kind in due:
            i = next(i for i, s in enumerate(steps) if s.key == key)
            steps[i] = _with_deadline(steps[i], due[kind])
    return TodoList(year, steps)
