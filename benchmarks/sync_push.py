"""Sync push: bytes on the wire per dossier, server ingest rate (SQLite, PostgreSQL), time to push 1,000 dossiers.

    .venv/bin/python benchmarks/sync_push.py [--dossiers 1000] [--runs 3] [--no-postgres]

A client profile is filled once through the real intake service: `--dossiers` dossiers, every third one
with a supplement cycle (request + receipt, two more events), as a commune's day looks. Then, for each
backend and run, on a fresh server database served by a real `motcua-server` process on loopback:

- ingest: the same kind of events, pre-encoded as gzip batches of 200 (the client's batch size) for a
  second unit, posted one after the other over one keep-alive connection; events per second of wall time
  (HTTP, JSON validation, the ingest rules and the commit: everything the server does);
- push: the client profile enrolled and pushed by `SyncEngine.run_pass()` (what `motcua sync` does),
  from the first `/health` to the last answer recorded locally.

Figures are medians over the runs. PostgreSQL is a throw-away cluster (tests/e2e/postgres.py) with its
production defaults (fsync and synchronous commit on), on this machine's disk; the SQLite server runs as
`motcua-server` configures it (WAL, synchronous=NORMAL). No assertions: the script prints.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402
import requests  # noqa: E402
from sqlalchemy import update  # noqa: E402

from benchmarks import server_process  # noqa: E402
from desktop.core.timeutil import now_local  # noqa: E402
from desktop.services.accounts import SignedIn, complete_setup  # noqa: E402
from desktop.services.demo import DEMO_SETUP  # noqa: E402
from desktop.store.engine import Store, open_store  # noqa: E402
from desktop.store.models import Event, NumberBlock  # noqa: E402
from sync.client.outbox import next_batch  # noqa: E402
from sync.client.retry import RetryPolicy  # noqa: E402
from sync.engine import SyncEngine  # noqa: E402
from sync.events import event_hash  # noqa: E402
from sync.protocol import EventBatch, WireEvent  # noqa: E402
from sync.server.store import ServerStore  # noqa: E402
from tests.e2e.postgres import TempPostgres, find_bin  # noqa: E402
from tests.sync_helpers import (  # noqa: E402
    UNIT_CODE,
    MemoryKeyring,
    add_changes,
    enrol_store,
    receive_many,
    seed_server,
)

BATCH = 200
OTHER_UNIT = "H21.55.11"


def client_profile(folder: Path, dossiers: int) -> tuple[Store, SignedIn, list[WireEvent]]:
    store = open_store(folder)
    officer = complete_setup(store, DEMO_SETUP)
    with store.transaction() as session:  # as if the province had handed out today's numbers
        session.add(
            NumberBlock(
                unit_code=UNIT_CODE, day=now_local().date(), first=1, last=999, next=1, source="server"
            )
        )
    started = time.perf_counter()
    ids = receive_many(store, officer, dossiers)
    add_changes(store, officer, ids[::3])
    with store.session() as session:
        events = next_batch(session, 10**9, set())
    print(
        f"client profile: {dossiers:,} dossiers, {len(events):,} events in {time.perf_counter() - started:.1f} s"
    )
    return store, officer, events


def body(events: list[WireEvent], unit: str = UNIT_CODE) -> bytes:
    """The request body exactly as `SyncHttp.call` sends it."""
    raw = EventBatch(unit_code=unit, events=events).model_dump_json(exclude_defaults=True).encode("utf-8")
    return gzip.compress(raw, compresslevel=6)


def wire_sizes(events: list[WireEvent], dossiers: int) -> list[tuple[str, str]]:
    by_dossier: dict[str, list[WireEvent]] = {}
    for event in events:
        by_dossier.setdefault(event.dossier_id, []).append(event)
    singles = [len(body(evs)) for evs in by_dossier.values() if len(evs) == 1]
    cycles = [len(body(evs)) for evs in by_dossier.values() if len(evs) == 3]
    batched = sum(len(body(events[i : i + BATCH])) for i in range(0, len(events), BATCH))
    return [
        ("one dossier, intake event alone (gzip body)", f"{statistics.median(singles):,.0f} B"),
        ("one dossier, intake + supplement cycle, 3 events", f"{statistics.median(cycles):,.0f} B"),
        (
            f"per dossier in batches of {BATCH} events ({len(events):,} events)",
            f"{batched / dossiers:,.0f} B",
        ),
    ]


def for_other_unit(events: list[WireEvent]) -> list[WireEvent]:
    """The same events as another commune's: new UUIDs, dossier ids and codes, each chain hashed again
    (the server recomputes every hash)."""
    ids: dict[str, str] = {}
    last: dict[str, str] = {}
    out = []
    for e in events:
        record = e.record
        if record.MaHoSo:
            record = record.model_copy(update={"MaHoSo": record.MaHoSo.replace(UNIT_CODE, OTHER_UNIT, 1)})
        new_uuid, prev = str(uuid.uuid4()), last.get(e.dossier_id, "")
        last[e.dossier_id] = event_hash(prev, new_uuid, e.seq, e.type, e.payload or {})
        out.append(
            e.model_copy(
                update={
                    "uuid": new_uuid,
                    "dossier_id": ids.setdefault(e.dossier_id, str(uuid.uuid4())),
                    "record": record,
                    "prev_hash": prev,
                    "hash": last[e.dossier_id],
                }
            )
        )
    return out


@contextmanager
def served(url: str) -> Iterator[str]:
    """A fresh server database with both communes, served by `motcua-server` in a child process."""
    store = ServerStore(url)
    seed_server(store)
    store.create_unit(OTHER_UNIT, "Xã Bên Cạnh")
    store.create_officer(OTHER_UNIT, "canbo.bencanh", "matkhau-khac")
    store.dispose()
    with server_process.served(url) as (base, _child):
        yield base


def ingest_rate(base: str, bodies: list[bytes], events: int) -> float:
    with requests.Session() as http:
        token = http.post(
            base + "/api/v1/devices",
            json={"username": "canbo.bencanh", "password": "matkhau-khac"},
            timeout=30,
        ).json()["token"]
        headers = {
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Content-Encoding": "gzip",
            "Accept-Encoding": "gzip",
        }
        started = time.perf_counter()
        for data in bodies:
            answer = http.post(base + "/api/v1/events:batch", data=data, headers=headers, timeout=120)
            answer.raise_for_status()
            statuses = {r["status"] for r in answer.json()["results"]}
            if statuses != {"accepted"}:
                raise RuntimeError(f"unexpected answers: {statuses}")
        return events / (time.perf_counter() - started)


def push_time(store: Store, base: str) -> tuple[float, int]:
    with store.transaction() as session:  # the same outbox, unsent again
        session.execute(update(Event).values(push_status="pending", push_error="", pushed_at=None))
    enrol_store(store, base)
    engine = SyncEngine(store, policy=RetryPolicy(base=0.05, cap=1, max_attempts=8), batch_size=BATCH)
    started = time.perf_counter()
    result = engine.run_pass("benchmark")
    seconds = time.perf_counter() - started
    if not result.all_acknowledged:
        raise RuntimeError(f"push incomplete: {result}")
    return seconds, result.bytes_sent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    work = Path(tempfile.mkdtemp(prefix="motcua-syncbench-"))
    store, _officer, events = client_profile(work / "client", args.dossiers)
    other = for_other_unit(events)
    bodies = [body(other[i : i + BATCH], OTHER_UNIT) for i in range(0, len(other), BATCH)]
    rows = wire_sizes(events, args.dossiers)

    backends: list[tuple[str, Callable[[int], str]]] = [
        ("SQLite", lambda run: f"sqlite:///{work / f'server-{run}.sqlite3'}")
    ]
    postgres: TempPostgres | None = None
    bindir = find_bin()
    if not args.no_postgres and bindir is not None:
        postgres = TempPostgres(bindir, durable=True)
        postgres.start()
        backends.append(("PostgreSQL", lambda _run: postgres.new_database() if postgres else ""))
    elif not args.no_postgres:
        print("PostgreSQL binaries not found: PostgreSQL skipped")
    try:
        for name, url_for in backends:
            rates, pushes, sent = [], [], 0
            for run in range(args.runs):
                with served(url_for(run)) as base:
                    rates.append(ingest_rate(base, bodies, len(other)))
                    seconds, sent = push_time(store, base)
                    pushes.append(seconds)
                print(f"  {name} run {run + 1}: ingest {rates[-1]:,.0f} events/s, push {pushes[-1]:.2f} s")
            rows.append((f"server ingest on {name} (batches of {BATCH}, HTTP included)",
                         f"{statistics.median(rates):,.0f} events/s"))  # fmt: skip
            rows.append((f"push {args.dossiers:,} dossiers ({len(events):,} events) to {name}, loopback",
                         f"{statistics.median(pushes):.2f} s"))  # fmt: skip
            rows.append(
                ("  bytes sent in that push (gzip bodies) per dossier", f"{sent / args.dossiers:,.0f} B")
            )
    finally:
        store.close()
        if postgres is not None:
            postgres.stop()
    width = max(len(label) for label, _ in rows)
    print(f"\nmedian of {args.runs} runs")
    for label, value in rows:
        print(f"  {label:<{width}}  {value:>16}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
