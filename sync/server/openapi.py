"""The server's OpenAPI document, committed as `sync/openapi.json` (the protocol's published contract).

    python -m sync.server.openapi            # print the current document
    python -m sync.server.openapi --write    # refresh sync/openapi.json after changing the API
    python -m sync.server.openapi --check    # exit 1 with a diff when sync/openapi.json has drifted

A test runs the check, so the API and its published document never disagree silently.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from sync.server.app import create_app
from sync.server.store import ServerStore

COMMITTED = Path(__file__).resolve().parents[1] / "openapi.json"


def document() -> str:
    """The OpenAPI document as stable, sorted JSON text."""
    store = ServerStore("sqlite://")
    try:
        schema = create_app(store).openapi()
    finally:
        store.dispose()
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def drift(path: Path = COMMITTED) -> str:
    """ "" when `path` holds the current document; otherwise a unified diff (committed → current)."""
    committed = path.read_text(encoding="utf-8") if path.exists() else ""
    current = document()
    if committed == current:
        return ""
    return "".join(
        difflib.unified_diff(
            committed.splitlines(keepends=True),
            current.splitlines(keepends=True),
            fromfile=str(path),
            tofile="current API",
            n=2,
        )
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sync.server.openapi")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--write", action="store_true", help=f"write {COMMITTED}")
    action.add_argument("--check", action="store_true", help=f"exit 1 when {COMMITTED} has drifted")
    args = parser.parse_args(argv)
    if args.write:
        COMMITTED.write_text(document(), encoding="utf-8")
    elif args.check:
        diff = drift()
        if diff:
            sys.stdout.write(diff)
            print(f"{COMMITTED} is out of date: run `python -m sync.server.openapi --write`", file=sys.stderr)
            return 1
    else:
        sys.stdout.write(document())
    return 0


if __name__ == "__main__":
    sys.exit(main())
