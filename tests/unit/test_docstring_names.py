"""Docstrings and comments that name a module, class or function in backticks (`desktop.x.y`, `sync.a.b`)
name one that exists (issue 14: stale docstrings naming functions that no longer exist)."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NAMED = re.compile(r"`((?:desktop|sync)\.[A-Za-z_][\w.]*?)\.?(?:\(\))?`")


def _exists(dotted: str) -> bool:
    """The longest importable module prefix of `dotted`, then its attributes; an instance attribute set in
    its class's code (`self.name = …`) counts."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            if hasattr(obj, name):
                obj = getattr(obj, name)
            elif inspect.isclass(obj) and re.search(rf"self\.{name}\b", inspect.getsource(obj)):
                return True
            else:
                return False
        return True
    return False


def stale_names(text: str) -> list[str]:
    return [m.group(1) for m in NAMED.finditer(text) if not _exists(m.group(1))]


def test_every_named_module_class_or_function_exists() -> None:
    stale = [
        f"{path.relative_to(ROOT)}: {name}"
        for folder in ("desktop", "sync")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for name in stale_names(path.read_text(encoding="utf-8"))
    ]
    assert stale == []


def test_the_check_finds_a_stale_name() -> None:
    text = "see `desktop.core.indicators.span_days` and `desktop.core.indicators.first_after()`"
    assert stale_names(text) == ["desktop.core.indicators.span_days"]
    assert stale_names("`desktop.scan.blobstore.BlobStore.locked`, `sync.nothing_here`") == [
        "sync.nothing_here"
    ]
