"""End-to-end sync fixtures: the reference server on SQLite and on a real PostgreSQL, behind a fault proxy."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.services.accounts import SignedIn, complete_setup
from desktop.store import settings
from desktop.store.engine import Store, open_store
from sync.server.blobstore import FileBlobStorage
from sync.server.store import ServerStore
from tests.conftest import DEMO_SETUP
from tests.e2e.faultproxy import FaultProxy
from tests.e2e.postgres import TempPostgres, find_bin, unavailable
from tests.sync_helpers import LoopbackServer, MemoryKeyring, enrol_store, loopback_server, seed_server


@pytest.fixture(scope="session")
def postgres() -> Iterator[TempPostgres]:
    bindir = find_bin()
    if bindir is None:
        unavailable(
            "PostgreSQL binaries (initdb, pg_ctl) not found under /usr/lib/postgresql: apt-get install postgresql"
        )
    pg = TempPostgres(bindir)
    pg.start()
    yield pg
    pg.stop()


@pytest.fixture
def second_workstation(tmp_path: Path) -> Iterator[tuple[Store, SignedIn]]:
    """Another profile of the same commune: workstation 2, its own officer."""
    store = open_store(tmp_path / "workstation-2")
    officer = complete_setup(store, replace(DEMO_SETUP, workstation=2, username="canbo2"))
    yield store, officer
    store.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty server database on SQLite and on PostgreSQL: every e2e test runs on both."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.sqlite3'}"
    database: str = request.getfixturevalue("postgres").new_database()
    return database


@pytest.fixture
def backend_store(backend_url: str) -> Iterator[ServerStore]:
    """The server's database (SQLite or PostgreSQL) with the demo commune and one provincial account."""
    store = ServerStore(backend_url)
    seed_server(store)
    yield store
    store.dispose()


@pytest.fixture
def e2e_server(backend_store: ServerStore, tmp_path: Path) -> Iterator[LoopbackServer]:
    with loopback_server(backend_store, blobs=FileBlobStorage(tmp_path / "server-blobs")) as server:
        yield server


@pytest.fixture
def proxy(e2e_server: LoopbackServer) -> Iterator[FaultProxy]:
    p = FaultProxy(e2e_server.port)
    p.server = e2e_server  # a cut reaches the client once the server has handled it
    yield p
    p.close()


@pytest.fixture
def proxied_client(
    ready_store: tuple[Store, SignedIn],
    e2e_server: LoopbackServer,
    proxy: FaultProxy,
    memory_keyring: MemoryKeyring,
) -> tuple[Store, SignedIn]:
    """An enrolled profile whose server URL goes through the fault proxy."""
    store, officer = ready_store
    enrol_store(store, e2e_server.url)
    with store.transaction() as session:
        settings.put(session, settings.SERVER_URL, proxy.url)
    return store, officer
