"""`motcua dossier VERB …`: the steps of a dossier's life, headless, through the same services as the GUI.

Each verb is one module of this package with `register(subparsers)` (as the top-level commands in
`desktop/commands/`); modules whose name starts with `_` are helpers. A verb acts as `--officer USERNAME`
(default: the profile's only active officer, `accounts.acting_officer`). A refused action (wrong status, bad
input) prints its Vietnamese message and exits 2, with nothing changed (`desktop.cli`).
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "dossier", help="các bước của một hồ sơ (tiếp nhận, chuyển, trả kết quả, …)"
    )
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}").register(verbs)
