"""The first sync of a new workstation of a unit: time to bring down the unit's dossiers (records, no scans).

    .venv/bin/python benchmarks/sync_first_pull.py [--dossiers 50000] [--server-data DIR] [--runs 5]

The unit's history on the reference server (SQLite, served by `motcua-server` in a child process on
loopback, as a province runs it; `--in-process`: in a thread of this process, sharing its GIL) is built by
`benchmarks/unit_history.py`: workstation 1 receives up to 800 dossiers through the real intake service,
every third with a supplement cycle (two more events), and pushes them; a larger unit is that template
copied on earlier days (fresh UUIDs, codes, dates and hash chains). `--server-data DIR` keeps the built
database in DIR and reuses it on later runs with the same `--dossiers` (each run works on a copy). Then a
fresh workstation 2 of the same unit enrols and runs one pass: every dossier comes down as an item
`dossier` of `GET /changes` (a first pull asks pages of 500, `sync.engine.FIRST_PULL_PAGE`) and is built
in its store. Prints the pass's time, per dossier, against the issue's target (50,000 dossiers under
60 s), with the processor time of the client and of the server during the pass (in-process: both ends
together) and the load average, as the wall time on a shared machine is mostly waiting for others; then the
median of `--runs` passes of workstation 2 with nothing new (push and pull; the issue's target for a pull
with nothing new: under 200 ms); then, as a baseline measured in the same run, the first
`--replay-pages` pages workstation 2 received applied again in this process (no network) to two more
fresh workstations: whole, and one item per page (the per-item path: each item reads its events,
dossier, applicant, procedure itself), with the ratio. No assertions.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402
from sqlalchemy import func, select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from benchmarks import server_process  # noqa: E402
from benchmarks.unit_history import TEMPLATE, fresh_copy, server_data  # noqa: E402
from desktop.scan.blobstore import BlobStore  # noqa: E402
from desktop.services.accounts import complete_setup  # noqa: E402
from desktop.services.demo import DEMO_SETUP  # noqa: E402
from desktop.store.engine import open_store  # noqa: E402
from sync.client import changes  # noqa: E402
from sync.client.retry import RetryPolicy  # noqa: E402
from sync.engine import SyncEngine  # noqa: E402
from sync.protocol import ChangesPage  # noqa: E402
from sync.server.models import ServerEvent  # noqa: E402
from sync.server.store import ServerStore  # noqa: E402
from tests.sync_helpers import MemoryKeyring, enrol_store, loopback_server  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=800)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--server-data", type=Path, help="keep the built server database here, reuse it")
    parser.add_argument("--template", type=int, default=TEMPLATE, help="dossiers received for real")
    parser.add_argument("--replay-pages", type=int, default=2, help="pages applied again in-process")
    parser.add_argument(
        "--in-process", action="store_true", help="the server in a thread of this process (shares its GIL)"
    )
    args = parser.parse_args()
    count = args.dossiers
    keyring.set_keyring(MemoryKeyring())
    policy = RetryPolicy(base=0.05, cap=0.5, max_attempts=4)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        built = server_data(args.server_data or folder / "built", count, args.template)
        prepared = time.perf_counter() - started
        url = f"sqlite:///{fresh_copy(built, folder)}"
        server = ServerStore(url)
        with server.transaction() as session:
            events = session.scalar(select(func.count()).select_from(ServerEvent)) or 0
        two = open_store(folder / "ws2")
        complete_setup(two, replace(DEMO_SETUP, workstation=2, username="canbo2"))
        with serve(server, url, args.in_process) as (base, child):
            enrol_store(two, base)
            pages: list[ChangesPage] = []
            real = changes.apply_page

            def keep(session: Session, page: ChangesPage, *rest: Any) -> changes.PullTally:
                if len(pages) < args.replay_pages:
                    pages.append(page)
                return real(session, page, *rest)

            changes.apply_page = keep  # type: ignore[assignment]
            server_cpu = server_process.processor_seconds(child) if child else 0.0
            started, cpu = time.perf_counter(), time.process_time()
            result = SyncEngine(two, policy=policy).run_pass("cli")
            took, cpu = time.perf_counter() - started, time.process_time() - cpu
            server_cpu = server_process.processor_seconds(child) - server_cpu if child else 0.0
            changes.apply_page = real  # type: ignore[assignment]
            idle = []
            for _ in range(args.runs):
                started = time.perf_counter()
                assert SyncEngine(two, policy=policy).run_pass("cli").outcome == "ok"
                idle.append(time.perf_counter() - started)
        assert result.outcome == "ok" and len(result.received_dossiers) == count, result
        whole, alone = (
            replay(folder / name, number, pages, per_item)
            for name, number, per_item in (("ws3", 3, False), ("ws4", 4, True))
        )
        two.close()
        server.dispose()
    per = took / count
    print(f"server data: {count} dossiers, {events} events, ready in {prepared:.1f} s")
    print(f"first pull of {count} dossiers: {took:.2f} s, {per * 1000:.2f} ms each")
    print(f"at 50,000 dossiers: {per * 50_000:.0f} s (target: under 60 s)")
    where = "both ends (this process)" if args.in_process else "the client"
    print(
        f"processor time of that pass, {where}: {cpu:.2f} s, {cpu / count * 1000:.2f} ms a "
        f"dossier, {cpu / count * 50_000:.0f} s for 50,000 (what the pass costs without waiting for the "
        f"machine's other work; load average {os.getloadavg()[0]:.1f})"
    )
    if not args.in_process:
        print(
            f"processor time of the server (motcua-server, a child process) during that pass: {server_cpu:.2f} s"
        )
    print(
        f"a pass with nothing new: {statistics.median(idle) * 1000:.0f} ms, median of {args.runs} "
        f"({', '.join(f'{t * 1000:.0f}' for t in idle)}; target for the pull: under 200 ms)"
    )
    print(
        f"the first {len(pages)} pages ({sum(len(p.items) for p in pages)} items) applied in-process: {whole:.2f} s whole, {alone:.2f} s one item per page "
        f"(baseline; the page at once {alone / whole:.1f}x faster)"
    )
    return 0


@contextmanager
def serve(
    server: ServerStore, url: str, in_process: bool
) -> Iterator[tuple[str, subprocess.Popen[bytes] | None]]:
    """The server's base URL on loopback, and its child process (None: in a thread of this process)."""
    if in_process:
        with loopback_server(server) as loopback:
            yield loopback.url, None
        return
    with server_process.served(url) as (base, child):
        yield base, child


def replay(folder: Path, workstation: int, pages: list[ChangesPage], per_item: bool) -> float:
    """Apply `pages` to a fresh workstation of the unit, each in one transaction (`per_item`: each item as a
    page of its own inside it): seconds."""
    store = open_store(folder)
    complete_setup(store, replace(DEMO_SETUP, workstation=workstation, username=f"canbo{workstation}"))
    blobs = BlobStore(folder / "attachments")
    started = time.perf_counter()
    for page in pages:
        with store.transaction() as session:
            if not per_item:
                changes.apply_page(session, page, DEMO_SETUP.unit_code, blobs)
                continue
            for item in page.items:
                changes.apply_page(
                    session,
                    ChangesPage(items=[item], next_cursor="", more=False),
                    DEMO_SETUP.unit_code,
                    blobs,
                )
    took = time.perf_counter() - started
    store.close()
    return took


if __name__ == "__main__":
    raise SystemExit(main())
