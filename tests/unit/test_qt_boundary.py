"""Nothing outside desktop/ui/ may import PySide6 (design §1)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _qt_imports(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        if any(n.split(".")[0] in {"PySide6", "shiboken6"} for n in names):
            lines.append(node.lineno)
    return lines


def test_no_pyside6_outside_ui() -> None:
    offenders = []
    for package in ("desktop", "sync"):
        for path in (ROOT / package).rglob("*.py"):
            rel = path.relative_to(ROOT)
            if rel.parts[:2] == ("desktop", "ui"):
                continue
            offenders += [f"{rel}:{line}" for line in _qt_imports(path)]
    assert offenders == []


def test_core_packages_import_with_pyside6_blocked() -> None:
    """Import every non-UI module in a process where importing PySide6 fails."""
    code = (
        "import sys, importlib, pkgutil\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'): raise ImportError('blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import desktop, sync\n"
        "for pkg in (desktop, sync):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if m.name.startswith(('desktop.ui', 'sync.server')) or m.name.endswith('__main__'): continue\n"
        "        importlib.import_module(m.name)\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
