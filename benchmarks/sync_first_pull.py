"""The first sync of a new workstation of a unit: time to bring down the unit's dossiers (records, no scans).

    .venv/bin/python benchmarks/sync_first_pull.py [--dossiers 1000]

Workstation 1 receives `--dossiers` dossiers through the real intake service, every third with a
supplement cycle (two more events), and pushes them to the reference server (SQLite, in this process,
on loopback). Then a fresh workstation 2 of the same unit enrols and runs one pass: every dossier comes
down as an item `dossier` of `GET /changes` (a first pull asks pages of 500, `sync.engine.FIRST_PULL_PAGE`)
and is built in its store. Prints the pass's
time, per dossier, and the issue's target scaled (50,000 dossiers under 60 s). No assertions.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402

from desktop.services.accounts import complete_setup  # noqa: E402
from desktop.services.demo import DEMO_SETUP  # noqa: E402
from desktop.store.engine import open_store  # noqa: E402
from sync.client.retry import RetryPolicy  # noqa: E402
from sync.engine import SyncEngine  # noqa: E402
from sync.server.store import ServerStore  # noqa: E402
from tests.sync_helpers import (  # noqa: E402
    MemoryKeyring,
    add_changes,
    enrol_store,
    loopback_server,
    receive_many,
    seed_server,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=1000)
    count = parser.parse_args().dossiers
    keyring.set_keyring(MemoryKeyring())
    policy = RetryPolicy(base=0.05, cap=0.5, max_attempts=4)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        server = ServerStore(f"sqlite:///{folder / 'server.sqlite3'}")
        seed_server(server)
        one = open_store(folder / "ws1")
        officer = complete_setup(one, DEMO_SETUP)
        ids = receive_many(one, officer, count)
        add_changes(one, officer, ids[::3])
        two = open_store(folder / "ws2")
        complete_setup(two, replace(DEMO_SETUP, workstation=2, username="canbo2"))
        with loopback_server(server) as loopback:
            enrol_store(one, loopback.url)
            assert SyncEngine(one, policy=policy).run_pass("cli").all_acknowledged
            enrol_store(two, loopback.url)
            started = time.perf_counter()
            result = SyncEngine(two, policy=policy).run_pass("cli")
            took = time.perf_counter() - started
        assert result.outcome == "ok" and len(result.received_dossiers) == count, result
        one.close()
        two.close()
        server.dispose()
    per = took / count
    print(
        f"first pull of {count} dossiers ({count + 2 * len(ids[::3])} events): {took:.2f} s, {per * 1000:.2f} ms each"
    )
    print(f"scaled to 50,000 dossiers: {per * 50_000:.0f} s (target: under 60 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
