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
from db.sqlerrors import as_cchc_error
from desktop import __version__
from desktop.cli.common import EXIT_ERROR, EXIT_OK, Parser, Registry
from desktop.core import folderlock
from desktop.core.paths import resolve_data_dir
from desktop.core.workspace import Workspace, ensure_writable_dir, open_workspace

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
    "catalog",
    "dossiers",
    "bundle",
    "report",
    "report_fields",
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
    "catalog": ("foundation", "results", "catalog"),
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
    "report": ("report", "report_fields", "selfassess_export"),
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


def _finish_what_was_cut_short(data_dir) -> None:
    """A restore killed half-way is finished (or rolled back) before anything else, and
    what killed programs left behind is cleaned."""
    from desktop.core.backup.files import JOURNAL_NAME

    if (data_dir / JOURNAL_NAME).exists():
        from desktop.core.backup.restore import finish_interrupted_restore

        note = finish_interrupted_restore(data_dir)
        if note:
            print(f"Lưu ý: {note}", file=sys.stderr)
    from desktop.core.backup.leftovers import clean_leftovers
    from desktop.core.office.vnformat import format_size

    removed = clean_leftovers(data_dir)
    if removed.files:
        print(
            f"Đã dọn {len(removed.files)} tệp tạm còn sót từ lần ghi bị gián đoạn "
            f"({format_size(removed.size)}).",
            file=sys.stderr,
        )


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_streams()
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(argv).parse_args(argv)
    at_work = None
    action = getattr(args, f"{args.command}_action", None) or ""
    folderlock.set_program_name(f"lệnh cchc {args.command} {action}".strip())
    try:
        data_dir = resolve_data_dir(args.data_dir)
        # A command may work on the folder without opening the database (restore a damaged one).
        opened = getattr(args, "open_workspace", True)
        if opened:
            # Say who works in the folder, so a restore elsewhere waits for this command
            # (and this one waits a little for a restore under way, then says so).
            ensure_writable_dir(data_dir)
            at_work = folderlock.register(data_dir)
            _finish_what_was_cut_short(data_dir)
        ws = open_workspace(data_dir) if opened else Workspace(data_dir)
    except CchcError as exc:
        if at_work is not None:
            at_work.release()
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_ERROR
    try:
        return args.func(ws, args)
    except CchcError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # e.g. `cchc catalog list | head`
        return EXIT_OK
    except Exception as exc:
        known = as_cchc_error(exc, ws.db_path)  # SQLite's own errors, said in Vietnamese
        if known is None:
            raise
        print(f"Lỗi: {known}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        ws.close()
        if at_work is not None:
            at_work.release()


if __name__ == "__main__":
    sys.exit(main())
