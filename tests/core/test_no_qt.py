"""The core runs where Qt cannot be imported at all: headless servers, the validate command, CI without a display."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORE = REPO / "hjk_desktop" / "core"
FORBIDDEN = ("PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6", "PySide2")

PROBE = textwrap.dedent(
    """
    import importlib, importlib.abc, pkgutil, sys

    BLOCKED = {blocked!r}

    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ImportError(f"{{name}} is blocked in this test")
            return None

    sys.meta_path.insert(0, Block())
    for name in BLOCKED:
        try:
            __import__(name)
        except ImportError:
            pass
        else:
            raise SystemExit(f"the blocker let {{name}} through")

    import hjk_desktop.core as core
    modules = sorted(m.name for m in pkgutil.walk_packages(core.__path__, "hjk_desktop.core."))
    for name in modules:
        importlib.import_module(name)

    from hjk_desktop.core import bundled_package_path, load_package
    from hjk_desktop.core.clipboard import mime_payload, to_markdown
    from hjk_desktop.core.query import query
    from hjk_desktop.core.table import build_table

    pkg = load_package(bundled_package_path())
    cells = 0
    for ex in pkg.exhibit_ids():
        table = build_table(pkg, query(pkg, ex), "nb", difference=False)
        payload = mime_payload(table, decimal="comma")
        assert payload["text/plain"] and "<table" in payload["text/html"]
        assert to_markdown(table).startswith("**")
        cells += len(table.rows)
    leaked = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
    assert not leaked, leaked
    print("modules", len(modules), "exhibits", len(pkg.exhibit_ids()), "rows", cells)
    """
)


def test_core_works_without_qt():
    env = {k: v for k, v in os.environ.items() if k != "PYTHONSTARTUP"}
    env["PYTHONPATH"] = str(REPO)
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(blocked=FORBIDDEN)],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    words = done.stdout.split()
    assert words[0] == "modules" and int(words[1]) >= 6  # package, query, selection, table, clipboard, formatting…
    assert int(words[3]) > 0 and int(words[5]) > 0


def _imported_names(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in ("import_module", "__import__"):
            names += [arg.value for arg in node.args[:1] if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
    return names


def test_no_core_file_imports_qt():
    files = sorted(CORE.rglob("*.py"))
    assert len(files) >= 6
    offenders = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for name in _imported_names(tree):
            if name.split(".")[0] in FORBIDDEN:
                offenders.append(f"{path.relative_to(REPO)} imports {name}")
        # also catch an environment switch such as PYQTGRAPH_QT_LIB that would pull Qt in later
        if "PYQTGRAPH_QT_LIB" in path.read_text(encoding="utf-8"):
            offenders.append(f"{path.relative_to(REPO)} mentions PYQTGRAPH_QT_LIB")
    assert not offenders, "\n".join(offenders)
