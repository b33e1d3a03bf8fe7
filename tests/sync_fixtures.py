"""Pytest fixtures for sync tests (import them into a test module or conftest)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from desktop.services.accounts import SignedIn
from desktop.store.engine import Store
from sync.server.store import ServerStore
from tests.sync_helpers import LoopbackServer, MemoryKeyring, enrol_store, loopback_server, seed_server


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


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
