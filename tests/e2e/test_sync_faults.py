"""Pushing through a hostile network, for real: the reference server on SQLite and PostgreSQL behind a
loopback proxy that drops, cuts, loses, delays, stalls and throttles. Whatever happens, one clean pass
later the province holds every event exactly once and every dossier as the commune has it."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from desktop.services.accounts import SignedIn
from desktop.store import settings
from desktop.store.engine import Store
from desktop.store.models import Dossier
from sync.client.retry import RetryPolicy
from sync.engine import SyncEngine
from sync.server.store import ServerStore
from tests.e2e.faultproxy import FAULTS, FaultProxy
from tests.sync_helpers import (
    UNIT_CODE,
    LoopbackServer,
    add_changes,
    client_state,
    local_event_uuids,
    receive_many,
    server_event_uuids,
    server_state,
)


class RecordingEngine(SyncEngine):
    """The real engine, with its waits recorded (and shortened) so backoff can be checked."""

    def __init__(self, store: Store, **kwargs: object) -> None:
        super().__init__(
            store,
            policy=RetryPolicy(base=0.02, cap=0.1, max_attempts=4),
            batch_size=5,
            read_timeout=1,
            **kwargs,
        )  # type: ignore[arg-type]
        self.slept: list[float] = []

    def _sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        super()._sleep(min(seconds, 0.05))


def assert_exactly_once(store: Store, server: ServerStore) -> None:
    local = local_event_uuids(store)
    remote = server_event_uuids(server)
    assert sorted(remote) == sorted(local)
    report = server.report(UNIT_CODE)
    assert report["duplicates"] == 0 and report["events"] == len(local)
    assert server_state(server) == client_state(store)
    with store.session() as session:
        assert {d.sync_status for d in session.scalars(select(Dossier))} == {"synced"}


def test_every_fault_then_one_clean_pass(
    proxied_client: tuple[Store, SignedIn], proxy: FaultProxy, backend_store: ServerStore
) -> None:
    store, officer = proxied_client
    proxy.stall = 1.5
    ids = receive_many(store, officer, 14)
    add_changes(store, officer, ids[:3])
    proxy.set_plan([f for f in FAULTS if f != "pass"], match="events:batch")
    passes = []
    while proxy.plan and len(passes) < 5:  # a pass gives up after 4 failed attempts: run the next one
        passes.append(RecordingEngine(store).run_pass())
        assert passes[-1].outcome in ("ok", "offline")
    assert set(proxy.applied) == set(FAULTS) - {"pass"}
    proxy.set_plan([])
    passes.append(RecordingEngine(store).run_pass())
    assert passes[-1].all_acknowledged, passes[-1]
    # every event acknowledged exactly once locally: accepted, or duplicate when the answer was lost
    assert sum(p.pushed + p.duplicates for p in passes) == len(local_event_uuids(store))
    assert sum(p.duplicates for p in passes) >= 1  # answers lost after the commit came back as duplicates
    assert_exactly_once(store, backend_store)


@pytest.mark.parametrize("seed", [1, 2])
def test_random_fault_sequences_across_passes(
    proxied_client: tuple[Store, SignedIn], proxy: FaultProxy, backend_store: ServerStore, seed: int
) -> None:
    store, officer = proxied_client
    proxy.stall = 1.2
    rng = random.Random(seed)
    numbers = iter(range(1, 10_000))
    for _round in range(3):
        ids = receive_many(store, officer, rng.randint(3, 8), start=next(numbers) * 20)
        add_changes(store, officer, rng.sample(ids, 2))
        proxy.set_plan([rng.choice(FAULTS) for _ in range(6)], match=rng.choice(["events:batch", ""]))
        RecordingEngine(store, rng=rng).run_pass()
    proxy.set_plan([])
    clean = RecordingEngine(store).run_pass()
    assert clean.all_acknowledged, clean
    assert_exactly_once(store, backend_store)


def test_busy_server_retry_after_is_honoured(
    proxied_client: tuple[Store, SignedIn], proxy: FaultProxy, backend_store: ServerStore
) -> None:
    store, officer = proxied_client
    receive_many(store, officer, 2)
    proxy.set_plan(["busy", "busy"], match="events:batch")
    engine = RecordingEngine(store)
    result = engine.run_pass()
    assert result.all_acknowledged
    assert engine.slept == [1.0, 1.0]  # exactly the server's Retry-After, twice
    assert_exactly_once(store, backend_store)


def test_unreachable_server_keeps_everything_pending(
    proxied_client: tuple[Store, SignedIn], proxy: FaultProxy, backend_store: ServerStore
) -> None:
    store, officer = proxied_client
    receive_many(store, officer, 3)
    proxy.set_plan(["drop_request"] * 50)
    engine = RecordingEngine(store)
    result = engine.run_pass()
    assert (result.outcome, result.pending, result.pushed) == ("offline", 3, 0)
    assert "Không kết nối được" in result.message
    waits = engine.slept
    # 4 attempts: the first retry at once (a fresh connection), then a jittered, capped backoff
    assert len(waits) == 2 and all(0 <= w <= 0.1 for w in waits)
    assert backend_store.report(UNIT_CODE)["events"] == 0


def test_another_units_revoked_and_forged_tokens_are_refused(
    proxied_client: tuple[Store, SignedIn], e2e_server: LoopbackServer, backend_store: ServerStore
) -> None:
    from sync.client import credentials
    from sync.client.config import DEVICE_ID, get_state
    from sync.client.enrol import enrol

    store, officer = proxied_client
    receive_many(store, officer, 2)
    with store.session() as session:
        device = get_state(session, DEVICE_ID)
    token = credentials.load_token(device)
    assert token
    credentials.save_token(device, "forged-" + token[7:])
    forged = RecordingEngine(store).run_pass()
    assert forged.outcome == "auth" and forged.pending == 2

    backend_store.create_unit("H21.55.11", "Xã Bên Cạnh")
    backend_store.create_officer("H21.55.11", "canbo.bencanh", "matkhau-khac")
    other = backend_store.enrol("canbo.bencanh", "matkhau-khac", "x")
    credentials.save_token(device, other.token)
    wrong_unit = RecordingEngine(store).run_pass()
    assert wrong_unit.outcome == "auth" and "đơn vị khác" in wrong_unit.message

    credentials.save_token(device, token)
    backend_store.revoke_device(device)
    revoked = RecordingEngine(store).run_pass()
    assert revoked.outcome == "auth" and revoked.pending == 2
    assert backend_store.report(UNIT_CODE)["events"] == 0

    enrol(store, e2e_server.url, "canbo.iagrai", "matkhau-tinh-1")
    with store.transaction() as session:
        settings.put(session, settings.SERVER_URL, e2e_server.url)
    assert RecordingEngine(store).run_pass().all_acknowledged
    assert_exactly_once(store, backend_store)
