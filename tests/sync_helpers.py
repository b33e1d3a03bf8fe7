"""Helpers for sync tests: the reference server on loopback in a thread, an in-memory keyring."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import keyring.backend
import uvicorn

from sync.server.app import create_app
from sync.server.store import ServerStore

UNIT_CODE = "H21.55.10"  # the demo commune of tests/conftest.py
OFFICER = "canbo.iagrai"
PASSWORD = "matkhau-tinh-1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LoopbackServer:
    """uvicorn serving the reference app on 127.0.0.1 in a daemon thread."""

    def __init__(self, store: ServerStore) -> None:
        self.store = store
        self.port = free_port()
        config = uvicorn.Config(
            create_app(store), host="127.0.0.1", port=self.port, log_level="warning", lifespan="off"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

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


@contextmanager
def loopback_server(store: ServerStore) -> Iterator[LoopbackServer]:
    server = LoopbackServer(store)
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
