"""Pytest fixtures for sync tests (import them into a test module or conftest)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import pytest
from keyring.backends import null

from desktop.services.accounts import SignedIn
from desktop.store.engine import Store
from sync.server.store import ServerStore
from tests.sync_helpers import (
    LoopbackServer,
    MemoryKeyring,
    RefusingKeyring,
    enrol_store,
    loopback_server,
    seed_server,
)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


@pytest.fixture(params=["absent", "refusing"])
def keyless(request: pytest.FixtureRequest) -> Iterator[keyring.backend.KeyringBackend]:
    """A keyring that cannot keep the store key, both ways a counter PC has one: none at all (keyring's null
    backend: nothing kept, nothing found) and one that refuses to store (locked, as a Secret Service
    without an unlocked collection); this process has unlocked no store key either."""
    from desktop.services import store_key

    previous = keyring.get_keyring()
    ring: keyring.backend.KeyringBackend = null.Keyring() if request.param == "absent" else RefusingKeyring()
    keyring.set_keyring(ring)
    store_key.forget_unlocked()
    yield ring
    keyring.set_keyring(previous)
    store_key.forget_unlocked()


@pytest.fixture
def server_store(tmp_path: Path) -> Iterator[ServerStore]:
    store = ServerStore(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    seed_server(store)
    yield store
    store.dispose()


@pytest.fixture
def sync_server(server_store: ServerStore) -> Iterator[LoopbackServer]:
    with loopback_server(server_store) as server:
        yield server


@pytest.fixture
def enrolled(
    ready_store: tuple[Store, SignedIn], sync_server: LoopbackServer, memory_keyring: MemoryKeyring
) -> tuple[Store, SignedIn, LoopbackServer]:
    store, officer = ready_store
    enrol_store(store, sync_server.url)
    return store, officer, sync_server
