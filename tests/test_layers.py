"""The layers: base ← db ← desktop.core ← desktop.ui / desktop.cli.

- ``base`` imports nothing of the app; ``db`` imports nothing from ``desktop``;
- ``db``, ``base`` and ``desktop/core`` never import Qt nor ``desktop.ui``/``desktop.cli``;
- no import cycle runs through modules of different packages;
- every package says in its docstring what lives there; each folder keeps few loose modules.

Checked on the source, so imports inside functions count too; imports only done for type
checkers (``if TYPE_CHECKING:``) are not run and do not count for cycles.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["base", "db", "desktop"]
QT = {"PySide6", "shiboken6", "PyQt5", "PyQt6"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(p): p
        for base in PACKAGES
        for p in (ROOT / base).rglob("*.py")
        if "migrations" not in p.parts
    }


def _imports(path: Path, *, typing_too: bool = True) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    if not typing_too:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skip.update(id(n) for sub in node.body for n in ast.walk(sub))
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def _offenders(folders: list[Path], forbidden) -> list[str]:
    files = [p for base in folders for p in base.rglob("*.py")]
    assert len(files) > 5
    return [
        f"{p.relative_to(ROOT)}: {name}"
        for p in files
        for name in sorted(_imports(p))
        if forbidden(name)
    ]


def test_qt_free_layers_do_not_import_qt_or_the_screens() -> None:
    def forbidden(name: str) -> bool:
        return name.split(".")[0] in QT or name.startswith(("desktop.ui", "desktop.cli"))

    assert _offenders([ROOT / "base", ROOT / "db", ROOT / "desktop" / "core"], forbidden) == []


def test_db_imports_nothing_from_desktop_and_base_nothing_of_the_app() -> None:
    assert _offenders([ROOT / "db"], lambda n: n.split(".")[0] == "desktop") == []
    files = list((ROOT / "base").rglob("*.py"))
    assert [f for f in files for n in _imports(f) if n.split(".")[0] in {"db", "desktop"}] == []


def _package(module: str) -> str:
    return module.rsplit(".", 1)[0] if "." in module else module


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in mods.items():
        deps = set()
        for imp in _imports(path, typing_too=False):
            parts = imp.split(".")
            # importing a.b.c runs a/__init__ and a/b/__init__ too
            deps.update(
                ".".join(parts[:i]) for i in range(1, len(parts) + 1) if ".".join(parts[:i]) in mods
            )
        deps.discard(name)
        graph[name] = deps
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    comp.append(top)
                    if top == node:
                        break
                if len(comp) > 1:
                    found.append(sorted(comp))
    return found


def test_no_import_cycle_between_packages() -> None:
    mixed = [c for c in _cycles(_graph()) if len({_package(m) for m in c}) > 1]
    assert mixed == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a.x": {"b.y"}, "b.y": {"b.z"}, "b.z": {"a.x"}, "c": set()}
    assert _cycles(graph) == [["a.x", "b.y", "b.z"]]


def test_every_package_says_what_lives_there() -> None:
    packages = [
        p.parent
        for base in PACKAGES
        for p in (ROOT / base).rglob("__init__.py")
        if "migrations" not in p.parts
    ]
    silent = [
        str(p.relative_to(ROOT))
        for p in packages
        if not ast.get_docstring(ast.parse((p / "__init__.py").read_text(encoding="utf-8")))
    ]
    assert silent == []


def test_core_and_ui_keep_few_loose_modules() -> None:
    for folder in (ROOT / "desktop" / "core", ROOT / "desktop" / "ui"):
        loose = [p.name for p in folder.glob("*.py") if p.name != "__init__.py"]
        assert len(loose) <= 15, (folder.name, sorted(loose))
