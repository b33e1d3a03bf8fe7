"""The connectivity probe and a pass's first contact, against a server that hangs (the fault proxy's `stall`).

A hanging server accepts the connection and says nothing: only a timeout ends the wait. The probe and the
quick first contact of a pass the officer waits for give up after `ClientConfig.probe_timeout`, without
retries; `motcua sync` still retries its first contact. Waits are bounded joins, never clock readings.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest

from desktop.services.accounts import SignedIn
from desktop.store.engine import Store
from desktop.store.events import CLOCK_OFFSET_KEY
from sync.client.config import ClientConfig, get_state, put_state
from sync.client.retry import RetryPolicy
from sync.engine import PassResult, SyncEngine
from tests.e2e.faultproxy import FaultProxy
from tests.sync_helpers import LoopbackServer, MemoryKeyring, enrol_store

T = TypeVar("T")
PROBE_TIMEOUT = ClientConfig("https://tinh.example").probe_timeout
F9_ANSWER = 3.0  # seconds: what the officer waits at most for F9's answer on a dead link


def within(seconds: float, fn: Callable[[], T]) -> T:
    """`fn()` on a thread; fails unless it returns within `seconds`."""
    results: list[T] = []
    thread = threading.Thread(target=lambda: results.append(fn()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"no answer within {seconds} s"
    return results[0]


@pytest.fixture
def link(
    ready_store: tuple[Store, SignedIn], sync_server: LoopbackServer, memory_keyring: MemoryKeyring
) -> Iterator[FaultProxy]:
    """This profile enrolled with the server through a proxy that can make the server hang."""
    proxy = FaultProxy(sync_server.port, stall=30.0)
    enrol_store(ready_store[0], proxy.url)
    yield proxy
    proxy.close()


def test_a_probe_gives_up_on_a_hanging_server_after_its_timeout(ready_store, link: FaultProxy) -> None:
    store, _officer = ready_store
    engine = SyncEngine(store)
    assert within(PROBE_TIMEOUT + 0.5, engine.probe)
    link.set_plan(["stall"] * 10)
    assert within(PROBE_TIMEOUT + 0.5, engine.probe) is False
    assert link.applied == ["stall"]  # one attempt, no retries


def test_a_quick_start_pass_says_offline_at_once_and_motcua_sync_retries(
    ready_store, link: FaultProxy
) -> None:
    store, _officer = ready_store
    link.set_plan(["stall"] * 10, match="/health")
    policy = RetryPolicy(base=0.01, cap=0.01, max_attempts=3)
    quick: PassResult = within(F9_ANSWER, lambda: SyncEngine(store).run_pass("manual", quick_start=True))
    assert quick.outcome == "offline" and quick.message.startswith("Không kết nối được máy chủ tỉnh")
    assert link.applied == ["stall"]
    patient = SyncEngine(store, policy=policy, read_timeout=0.2).run_pass("manual")
    assert patient.outcome == "offline"
    assert link.applied == ["stall"] * 4  # the CLI's pass tried its first contact three times


def test_a_probe_writes_the_clock_offset_only_when_it_moved(ready_store, link: FaultProxy) -> None:
    store, _officer = ready_store
    engine = SyncEngine(store)
    assert engine.probe()
    with store.transaction() as session:  # a marker: rewritten only when the measured offset moves
        put_state(session, CLOCK_OFFSET_KEY, "4242")
    assert engine.probe()
    with store.session() as session:
        assert get_state(session, CLOCK_OFFSET_KEY) == "4242"  # every few seconds: no write each time
    link.date_shift = -120
    assert engine.probe()
    with store.session() as session:
        assert abs(int(get_state(session, CLOCK_OFFSET_KEY)) + 120_000) <= 2500
