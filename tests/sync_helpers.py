"""Helpers for sync tests: the reference server on loopback in a thread (HTTP or HTTPS), an in-memory keyring."""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import keyring.backend
import uvicorn
from keyring.errors import KeyringLocked
from sqlalchemy import Connection, Table, select

from desktop.services.accounts import SignedIn
from desktop.services.intake import (
    MissingItem,
    find_procedure,
    receive_dossier,
    request_supplement,
    supplement_received,
)
from desktop.services.intake_draft import ApplicantDraft, DocumentDraft, IntakeDraft
from desktop.store.engine import Store
from desktop.store.events import typed
from desktop.store.models import Event, Officer
from sync.client.enrol import enrol
from sync.client.records import to_record
from sync.client.retry import RetryPolicy
from sync.client.unit_dossiers import REMOTE
from sync.common.passwords import hasher
from sync.protocol import merge_record
from sync.server.app import create_app
from sync.server.blobstore import BlobStorage
from sync.server.models import ServerDossier, ServerEvent
from sync.server.store import ServerStore

UNIT_CODE = "H21.55.10"  # the demo commune of tests/conftest.py
OFFICER = "canbo.iagrai"
PASSWORD = "matkhau-tinh-1"


PORTS_PER_WORKER = 500
_PORT_BLOCKS = range(20000, 32000, PORTS_PER_WORKER)  # below Linux's ephemeral range (32768-60999)
_next_port: dict[str, int] = {}


def free_port() -> int:
    """A loopback port nothing listens on. Under pytest-xdist each worker (`PYTEST_XDIST_WORKER`, gw0, gw1…)
    takes its ports in turn from a block of its own, outside the range the kernel hands out, so two workers
    (a loopback server, a PostgreSQL cluster, a `motcua-server` process) never race for the same one."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    index = int(worker[2:]) if worker.startswith("gw") and worker[2:].isdigit() else -1
    if 0 <= index < len(_PORT_BLOCKS):
        block = _PORT_BLOCKS[index]
        for _ in range(PORTS_PER_WORKER):
            offset = _next_port.get(worker, random.randrange(PORTS_PER_WORKER))  # another session's gw0
            _next_port[worker] = (offset + 1) % PORTS_PER_WORKER
            if _bindable(block + offset):
                return block + offset
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _bindable(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


class LoopbackServer:
    """uvicorn serving the reference app on 127.0.0.1 in a daemon thread."""

    def __init__(
        self,
        store: ServerStore,
        certfile: str | None = None,
        keyfile: str | None = None,
        training: bool = False,
        blobs: BlobStorage | None = None,
        **app_options: Any,
    ) -> None:
        self.store = store
        self.port = free_port()
        self.scheme = "https" if certfile else "http"
        self.begun = self.finished = 0  # HTTP requests the app was called for, and those it has done with
        app = create_app(store, training, blobs, **app_options)
        app.add_middleware(_Counted, server=self)
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="off",
            ssl_certfile=certfile,
            ssl_keyfile=keyfile,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the sync server did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)

    def wait_handled(self, begun: int, timeout: float = 10.0) -> None:
        """Wait (at most `timeout` s) until the app has been called for a request after the first `begun`
        and has done with every request it was called for (a cut one too: its route ran on what arrived)."""
        deadline = time.monotonic() + timeout
        while (self.begun <= begun or self.finished < self.begun) and time.monotonic() < deadline:
            time.sleep(0.005)


class _Counted:
    """ASGI middleware counting the HTTP requests of a `LoopbackServer` as its app begins and ends them."""

    def __init__(self, app: Any, server: LoopbackServer) -> None:
        self.app, self.server = app, server

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.server.begun += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.server.finished += 1


@contextmanager
def loopback_server(
    store: ServerStore,
    certfile: str | None = None,
    keyfile: str | None = None,
    training: bool = False,
    blobs: BlobStorage | None = None,
    **app_options: Any,
) -> Iterator[LoopbackServer]:
    """The reference server on loopback; `training`: a training server (`motcua-server --training`);
    `blobs`: where it keeps scans (default: beside an SQLite database); `app_options`: `create_app`'s others."""
    server = LoopbackServer(store, certfile, keyfile, training, blobs, **app_options)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def seed_server(store: ServerStore, unit_code: str = UNIT_CODE) -> None:
    """The demo commune and one provincial account on the server."""
    store.create_unit(unit_code, "Xã Ia Grai")
    store.create_officer(unit_code, OFFICER, PASSWORD, "Trần Văn Tỉnh")


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that keeps secrets in a dict (stack §4): tests never touch the OS keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


class RefusingKeyring(MemoryKeyring):
    """Reads work, writes fail as a locked (or otherwise refusing) Secret Service does."""

    def __init__(self, error: type[Exception] = KeyringLocked) -> None:
        super().__init__()
        self.error = error

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error("Failed to unlock the collection!")


# --- the client side ---------------------------------------------------------------------------------

CLIENT_RETRY = RetryPolicy(base=0.02, cap=0.2, max_attempts=8)


_GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Lan", "Minh", "Nga", "Phúc"]


def insert_old_unit(conn: Connection, tables: dict[str, Table], when: Any, device: dict[str, Any]) -> None:
    """The demo commune, its provincial officer and one device, written as rows of an older server schema
    (reflected `tables`: the ORM models are the newest revision's). `device` gives the device's own columns."""
    conn.execute(
        tables["units"].insert(), {"id": 1, "code": UNIT_CODE, "name": "Xã Ia Grai", "created_at": when}
    )
    conn.execute(
        tables["officers"].insert(),
        {"id": 1, "unit_id": 1, "username": OFFICER, "full_name": "Trần Văn Tỉnh",
         "password_hash": hasher().hash(PASSWORD), "active": True},
    )  # fmt: skip
    conn.execute(
        tables["devices"].insert(),
        {"unit_id": 1, "officer_id": 1, "name": "quay-cu", "created_at": when, "revoked_at": None, **device},
    )


def synthetic_name(number: int) -> str:
    """A made-up, letters-only name that differs for every number (intake refuses digits in names)."""
    parts = []
    while True:
        number, digit = divmod(number, 10)
        parts.append(_GIVEN[digit])
        if not number:
            break
    return "Nguyễn " + " ".join(parts)


def make_draft(store: Store, number: int, procedure_code: str = "1.004884") -> IntakeDraft:
    """A complete intake draft for a synthetic applicant (all required papers received)."""
    with store.session() as session:
        procedure = find_procedure(session, procedure_code)
        assert procedure is not None
        docs = [
            DocumentDraft(d.name, d.originals, d.copies, True, d.id, d.required) for d in procedure.documents
        ]
    applicant = ApplicantDraft(
        full_name=synthetic_name(number),
        id_number=f"064091{number:06d}",
        date_of_birth="12/03/1991",
        gender="male",
        phone="0912 345 678",
        email="",
        address="Thôn Thử, Xã Ia Grai, Tỉnh Gia Lai",
    )
    return IntakeDraft(procedure_code=procedure_code, applicant=applicant, documents=docs)


def receive_many(store: Store, officer: SignedIn, count: int, start: int = 1) -> list[str]:
    """Receive `count` dossiers through the real intake service; returns their ids."""
    return [receive_dossier(store, officer, make_draft(store, start + i)).id for i in range(count)]


def add_changes(store: Store, officer: SignedIn, dossier_ids: list[str]) -> None:
    """A supplement request then its receipt on each dossier: two more events each."""
    for dossier_id in dossier_ids:
        request_supplement(
            store, officer, dossier_id, [MissingItem("Thiếu bản chính", position=1)], "Thiếu giấy tờ"
        )
        supplement_received(store, officer, dossier_id)


def client_state(store: Store) -> dict[str, dict[str, Any]]:
    """Each dossier's record as the province should hold it: the client's own events folded in order."""
    with store.session() as session:
        events = session.execute(
            select(Event, Officer.username)
            .outerjoin(Officer, Officer.id == Event.officer_id)
            .where(Event.push_status != REMOTE)  # the unit's other workstations' dossiers: theirs to fold
            .order_by(Event.dossier_id, Event.seq)
        ).all()
        states: dict[str, dict[str, Any]] = {}
        for event, username in events:
            states[event.dossier_id] = merge_record(
                states.get(event.dossier_id, {}), to_record(typed(event), username)
            )
        return states


def server_state(server: ServerStore) -> dict[str, dict[str, Any]]:
    with server.transaction() as session:
        return {d.id: d.record for d in session.scalars(select(ServerDossier))}


def server_event_uuids(server: ServerStore) -> list[str]:
    with server.transaction() as session:
        return list(session.scalars(select(ServerEvent.uuid)))


def local_event_uuids(store: Store) -> list[str]:
    """The events this workstation made (not those of the unit's other workstations that came down)."""
    with store.session() as session:
        return list(session.scalars(select(Event.uuid).where(Event.push_status != REMOTE)))


def enrol_store(store: Store, server_url: str) -> None:
    enrol(store, server_url, OFFICER, PASSWORD, "test-workstation")


def profile_contains(store: Store, needle: str) -> bool:
    """Whether any file of the profile (database, WAL, logs…) holds `needle`, read in a child process.

    In a child because reading an open SQLite file from this process would drop this process's POSIX
    locks on it, and another process could then delete the WAL under our feet.
    """
    code = (
        "import sys, pathlib\n"
        "needle = sys.argv[2].encode()\n"
        "print(any(needle in p.read_bytes() for p in pathlib.Path(sys.argv[1]).rglob('*') if p.is_file()))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(store.profile.root), needle],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip() == "True"
