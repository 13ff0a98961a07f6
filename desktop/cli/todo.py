"""``cchc todo --year YYYY [--json]``: the year's steps as the "Việc cần làm" tab shows them
(one core function, ``desktop.core.todo.steps.year_todo``, feeds both).

``--deadline KIND=dd/mm/yyyy`` sets a deadline of the year first (``KIND=`` clears it);
kinds: ``self_assessment`` (hạn nộp tự đánh giá), ``report`` (hạn gửi báo cáo).
"""

from __future__ import annotations

import argparse

from base.errors import ValidationError
from desktop.cli.common import EXIT_OK, Registry, emit_json, year_arg
from desktop.core.workspace import Workspace

MARKS = {"done": "[x]", "todo": "[ ]", "attention": "[!]"}


def _deadline(text: str) -> tuple[str, str]:
    kind, sep, value = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError(text)
    return kind.strip(), value.strip()


def cmd_todo(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.core.office.vnformat import parse_date
    from desktop.core.todo.deadlines import DEADLINE_KINDS, set_deadline
    from desktop.core.todo.steps import year_todo

    if args.deadline:
        with ws.transaction() as s:
            for kind, value in args.deadline:
                if kind not in DEADLINE_KINDS:
                    raise ValidationError(
                        f"Không có loại hạn “{kind}” (chọn: {', '.join(DEADLINE_KINDS)})."
                    )
                due = parse_date(value, what=DEADLINE_KINDS[kind][0]) if value else None
                set_deadline(s, args.year, kind, due)
    with ws.session() as s:
        todo = year_todo(s, ws.store, args.year)
    if args.json:
        emit_json(todo.to_json())
        return EXIT_OK
    print(f"Việc cần làm năm {todo.year}: xong {todo.done}/{len(todo.steps)} bước.")
    for i, step in enumerate(todo.steps, 1):
        print(f"{MARKS[step.state]} {i:2d}. {step.title} – {step.state_label}: {step.detail}")
    return EXIT_OK


def register(r: Registry) -> None:
    sp = r.command("todo", cmd_todo, "việc cần làm của năm đánh giá, từng bước theo thứ tự")
    sp.add_argument("--year", type=year_arg, required=True, metavar="YYYY")
    sp.add_argument(
        "--deadline",
        type=_deadline,
        action="append",
        metavar="LOẠI=dd/mm/yyyy",
        help="đặt hạn của năm: self_assessment (nộp tự đánh giá), report (gửi báo cáo); "
        "để trống sau dấu = để bỏ hạn",
    )
