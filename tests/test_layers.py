"""db/ and desktop/core/ never import Qt (checked on the source, so lazy imports count too)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT_FREE = [ROOT / "db", ROOT / "desktop" / "core"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_qt_free_layers_do_not_import_qt() -> None:
    offenders = []
    files = [p for base in QT_FREE for p in base.rglob("*.py")]
    assert len(files) > 5
    for path in files:
        for name in _imports(path):
            if name.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"} or name.startswith(
                "desktop.ui"
            ):
                offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert offenders == []
