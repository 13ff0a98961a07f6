"""Shared pieces of the ``cchc`` commands: exit codes, JSON output, the command registry."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from decimal import Decimal
from typing import Any, NoReturn

from desktop.core.years.eras import FIRST_YEAR, LAST_YEAR

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2

# argparse's own messages in Vietnamese (it looks its ``_`` up when it formats a message).
ARGPARSE_VI = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "show program's version number and exit": "hiện số phiên bản rồi thoát",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "tham số không nhận ra: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "lựa chọn %(value)r không có (chọn một trong: %(choices)s)"
    ),
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "giá trị %(value)r không hợp lệ",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "not allowed with argument %s": "không dùng cùng với %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tùy chọn %(option)s không rõ: có thể là %(matches)s"
    ),
    "ignored explicit argument %r": "bỏ qua giá trị %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "không có lệnh %(parser_name)r (các lệnh: %(choices)s)"
    ),
}
argparse._ = lambda message: ARGPARSE_VI.get(message, message)  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """argparse with the usage error in Vietnamese and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"Lỗi cú pháp lệnh: {message}\n")


class Registry:
    """Adds commands and command groups (``cchc catalog list``) to the parser.

    Each module under ``desktop.cli`` has ``register(registry)``; groups are shared, so two
    modules may both add actions to ``catalog``.
    """

    def __init__(self, subparsers: argparse._SubParsersAction, *, partial: bool = False) -> None:
        # partial: only some modules are loaded (the one command being run), so another
        # command a module extends may be absent; its extensions are then skipped.
        self.partial = partial
        self._sub = subparsers
        self._groups: dict[str, Registry] = {}
        self._commands: dict[str, argparse.ArgumentParser] = {}
        self._actions: dict[str, Registry] = {}

    def command(self, name: str, func: Callable, help_: str) -> argparse.ArgumentParser:
        sp = self._sub.add_parser(name, help=help_, description=help_)
        sp.set_defaults(func=func)
        sp.add_argument("--json", action="store_true", help="in một tài liệu JSON")
        # Also accepted after the command (``cchc init --data-dir D ...``).
        sp.add_argument("--data-dir", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        self._commands[name] = sp
        return sp

    def actions(self, command: str) -> Registry:
        """Optional actions under an existing command (``cchc check dismiss``); the command
        still runs on its own when no action is given."""
        if command not in self._actions:
            if self.partial and command not in self._commands:
                return _Skipped()
            sub = self._commands[command].add_subparsers(
                dest=f"{command}_action", metavar="ACTION", parser_class=Parser
            )
            sub.required = False
            self._actions[command] = Registry(sub)
        return self._actions[command]

    def group(self, name: str, help_: str = "") -> Registry:
        if name not in self._groups:
            gp = self._sub.add_parser(name, help=help_, description=help_)
            sub = gp.add_subparsers(dest=f"{name}_action", metavar="ACTION", parser_class=Parser)
            sub.required = True
            self._groups[name] = Registry(sub)
        return self._groups[name]


class _Skipped:
    """Stands for a command that is not loaded: whatever is added to it is dropped."""

    def __getattr__(self, _name: str):
        return lambda *a, **k: self


def json_number(value: Decimal | None) -> int | float | None:
    """Points as JSON numbers: ``15`` stays an integer, ``18.5`` a float."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def emit_json(doc: Any) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n")


def year_arg(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"năm “{text}” không hợp lệ") from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(f"năm {year} nằm ngoài khoảng {FIRST_YEAR}–{LAST_YEAR}")
    return year
