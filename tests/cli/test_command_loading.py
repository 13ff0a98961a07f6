"""``cchc`` imports only the modules of the command it runs; the map stays complete."""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections import defaultdict

from desktop.cli import COMMAND_MODULES, COMMAND_WORDS, build_parser
from desktop.cli.common import Parser, Registry


class _Recording(Registry):
    """A registry noting which top-level command each module makes or extends."""

    def __init__(self, sub, log, module=None):
        super().__init__(sub)
        self.log, self.module = log, module

    def _note(self, name):
        self.log[name].append(self.module)

    def command(self, name, func, help_):
        self._note(name)
        return super().command(name, func, help_)

    def group(self, name, help_=""):
        self._note(name)
        return super().group(name, help_)

    def actions(self, command):
        self._note(command)
        return super().actions(command)


def test_every_command_word_names_exactly_the_modules_that_register_it():
    sub = Parser(prog="cchc").add_subparsers(dest="command", parser_class=Parser)
    log: dict[str, list[str]] = defaultdict(list)
    registry = _Recording(sub, log)
    for name in COMMAND_MODULES:
        registry.module = name
        importlib.import_module(f"desktop.cli.{name}").register(registry)
    touched = {word: tuple(dict.fromkeys(mods)) for word, mods in log.items()}
    assert touched == COMMAND_WORDS


def test_parser_for_one_command_still_parses_it_and_help_lists_all():
    args = build_parser(["report", "list", "--json"]).parse_args(["report", "list", "--json"])
    assert args.command == "report" and args.json
    everything = build_parser().format_help()
    for word in COMMAND_WORDS:
        assert word in everything


def test_report_list_does_not_load_the_other_commands(tmp_path):
    code = (
        "import sys; from desktop.cli import main; "
        f"rc = main(['--data-dir', {str(tmp_path)!r}, 'report', 'list', '--json']); "
        "loaded = [m for m in ('desktop.cli.bundle', 'desktop.cli.dossiers', 'openpyxl') "
        "if m in sys.modules]; print(rc, loaded)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "0 []"


def test_each_command_builds_alone_with_all_its_actions():
    full = build_parser()._subparsers._group_actions[0].choices
    for word in COMMAND_WORDS:
        alone = build_parser([word])._subparsers._group_actions[0].choices
        assert word in alone, word
        assert alone[word].format_help() == full[word].format_help(), word


def test_usage_errors_are_in_vietnamese(cli, initialized) -> None:
    r = cli("catalog", "list")
    assert r.code == 2 and "thiếu tham số bắt buộc: --year" in r.err and "required" not in r.err
    r = cli("stats", "--quarter", "5", "--year", "2023")
    assert r.code == 2 and "lựa chọn 5 không có" in r.err and "cách dùng: cchc stats" in r.err
    r = cli("losses", "--year", "2023", "--thua")
    assert r.code == 2 and "tham số không nhận ra: --thua" in r.err


def test_help_has_no_english_left() -> None:
    text = build_parser().format_help()
    assert "hiện số phiên bản rồi thoát" in text
    for english in ("show program", "show this help", "options:", "usage:"):
        assert english not in text
