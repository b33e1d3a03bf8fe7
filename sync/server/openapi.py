"""Write the server's OpenAPI document: `python -m sync.server.openapi > sync/openapi.json`.

The committed `sync/openapi.json` is the protocol's published contract; a test fails when it drifts.
"""

from __future__ import annotations

import json
import sys
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


if __name__ == "__main__":
    sys.stdout.write(document())
