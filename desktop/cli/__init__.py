"""``cchc``: the command-line face of Sổ CCHC, a thin layer over ``desktop.core``.

Exit status: 0 success, 1 a user-facing error (Vietnamese message on stderr), 2 usage error.
With ``--json`` exactly one JSON document goes to stdout and nothing else.
Each module here registers its commands; this one parses, opens the data folder and
turns ``CchcError`` into a message and exit status 1.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from base.errors import CchcError
from desktop import __version__
from desktop.cli.common import EXIT_ERROR, EXIT_OK, Parser, Registry
from desktop.core.paths import resolve_data_dir
from desktop.core.workspace import Workspace, open_workspace

# The modules under desktop.cli that register commands, in registration order (a module may
# add actions to a command an earlier one made: ``score`` adds ``check dismiss``).
COMMAND_MODULES = [
    "foundation",
    "years",
    "assign",
    "evidence",
    "score",
    "selfassess",
    "results",
    "dossiers",
    "bundle",
    "report",
    "selfassess_report",
    "selfassess_export",
    "history",
    "todo",
    "demo",
]
# Which modules make or extend each top-level command: ``cchc report index`` imports only
# those, not every command's dependencies (openpyxl, Qt ...). A test keeps this in step
# with what the modules register.
COMMAND_WORDS = {
    "init": ("foundation",),
    "catalog": ("foundation", "results"),
    "check": ("foundation", "score"),
    "year": ("years",),
    "assign": ("assign",),
    "evidence": ("evidence",),
    "score": ("score", "selfassess"),
    "explain": ("selfassess",),
    "rule": ("selfassess",),
    "results": ("results",),
    "losses": ("results",),
    "plan": ("results",),
    "dossiers": ("dossiers",),
    "stats": ("dossiers",),
    "backup": ("bundle",),
    "bundle": ("bundle",),
    "report": ("report", "selfassess_export"),
    "selfassess": ("selfassess_report",),
    "history": ("history",),
    "todo": ("todo",),
    "demo": ("demo",),
}


def _command_word(argv: Sequence[str]) -> str | None:
    """The first word that is not an option (``--data-dir D`` takes a value)."""
    it = iter(argv)
    for arg in it:
        if arg == "--data-dir":
            next(it, None)
        elif not arg.startswith("-"):
            return arg
    return None


def build_parser(argv: Sequence[str] | None = None) -> Parser:
    """The parser; with ``argv`` naming a known command, only that command's modules."""
    p = Parser(prog="cchc", description="Sổ CCHC: dòng lệnh")
    p.add_argument(
        "--version",
        action="version",
        version=f"Sổ CCHC {__version__}",
        help="hiện số phiên bản rồi thoát",  # Python 3.11 does not pass this one to gettext
    )
    p.add_argument("--data-dir", help="thư mục dữ liệu (mặc định: CCHC_DATA_DIR hoặc AppData)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    sub.required = True
    word = _command_word(argv) if argv is not None else None
    wanted = COMMAND_WORDS.get(word or "")  # None: every command (help, a typo)
    registry = Registry(sub, partial=wanted is not None)
    for name in COMMAND_MODULES:
        if wanted is None or name in wanted:
            importlib.import_module(f"desktop.cli.{name}").register(registry)
    return p


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_streams()
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(argv).parse_args(argv)
    try:
        data_dir = resolve_data_dir(args.data_dir)
        # A command may work on the folder without opening the database (restore a damaged one).
        opened = getattr(args, "open_workspace", True)
        ws = open_workspace(data_dir) if opened else Workspace(data_dir)
    except CchcError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_ERROR
    try:
        return args.func(ws, args)
    except CchcError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # e.g. `cchc catalog list | head`
        return EXIT_OK
    finally:
        ws.close()


if __name__ == "__main__":
    sys.exit(main())
