"""Two workstations of one commune pushing at the same moment, on SQLite and PostgreSQL: their number blocks
never overlap, every event lands exactly once, every dossier as its workstation has it."""

from __future__ import annotations

import threading

from desktop.services.accounts import SignedIn
from desktop.store.engine import Store
from sync.engine import PassResult, SyncEngine
from sync.server.store import ServerStore
from tests.sync_helpers import (
    CLIENT_RETRY,
    UNIT_CODE,
    LoopbackServer,
    MemoryKeyring,
    add_changes,
    client_state,
    enrol_store,
    local_event_uuids,
    receive_many,
    server_event_uuids,
    server_state,
)


def test_two_workstations_push_at_once(
    ready_store: tuple[Store, SignedIn],
    second_workstation: tuple[Store, SignedIn],
    e2e_server: LoopbackServer,
    backend_store: ServerStore,
    memory_keyring: MemoryKeyring,
) -> None:
    stations = [ready_store, second_workstation]
    for store, _officer in stations:
        enrol_store(store, e2e_server.url)
        assert SyncEngine(store, policy=CLIENT_RETRY).run_pass().outcome == "ok"  # today's number block
    for index, (store, officer) in enumerate(stations):
        ids = receive_many(store, officer, 12, start=100 * index)
        add_changes(store, officer, ids[:4])
    results: list[PassResult] = []
    start = threading.Barrier(2)

    def push(store: Store) -> None:
        start.wait()
        results.append(SyncEngine(store, policy=CLIENT_RETRY, batch_size=4).run_pass())

    threads = [threading.Thread(target=push, args=(store,)) for store, _ in stations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert len(results) == 2 and all(r.all_acknowledged for r in results), results
    assert sum(r.pushed for r in results) == 2 * (12 + 8)

    local = [u for store, _ in stations for u in local_event_uuids(store)]
    assert sorted(server_event_uuids(backend_store)) == sorted(local)
    report = backend_store.report(UNIT_CODE)
    assert (report["dossiers"], report["events"], report["duplicates"]) == (24, 40, 0)
    expected = {**client_state(stations[0][0]), **client_state(stations[1][0])}
    held = server_state(backend_store)
    assert held == expected
    codes = [record["MaHoSo"] for record in held.values()]
    assert len(set(codes)) == 24  # server blocks of the two workstations never overlap
