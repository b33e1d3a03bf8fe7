"""How the client reaches the province: TLS always verified (a private CA through the `ca_bundle`
setting), an HTTP proxy through the `proxy_url` setting (ahead of the environment's), and the
workstation's clock skew read from the server's `Date` header, stored and stamped on later events."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import select

from desktop.services.accounts import SignedIn
from desktop.store import settings
from desktop.store.engine import Store
from desktop.store.events import CLOCK_OFFSET_KEY
from desktop.store.models import Event
from sync.client.config import get_state
from sync.client.enrol import enrol
from sync.client.http import TlsError
from sync.engine import SyncEngine
from sync.server.models import ServerEvent
from sync.server.store import ServerStore
from tests.e2e.faultproxy import FaultProxy
from tests.sync_helpers import (
    CLIENT_RETRY,
    OFFICER,
    PASSWORD,
    LoopbackServer,
    MemoryKeyring,
    enrol_store,
    loopback_server,
    receive_many,
)

HOST = "motcua.tinh.invalid"  # never resolves: only a proxy that knows it can reach the server


def _name(text: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])


def make_pki(folder: Path, label: str) -> tuple[Path, Path, Path]:
    """A private CA and a server certificate it signed (for HOST and 127.0.0.1): (ca, cert, key)."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name(f"CA {label}"))
        .issuer_name(_name(f"CA {label}"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(HOST))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName(HOST), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .add_extension(x509.ExtendedKeyUsage([x509.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    paths = folder / f"{label}-ca.pem", folder / f"{label}-cert.pem", folder / f"{label}-key.pem"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return paths


class ConnectProxy:
    """A forward proxy that only does `CONNECT host:port` (what HTTPS through a proxy uses).

    It resolves HOST to 127.0.0.1 itself and records every tunnel it opened.
    """

    def __init__(self) -> None:
        self.tunnels: list[str] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._tunnel, args=(client,), daemon=True).start()

    def _tunnel(self, client: socket.socket) -> None:
        with client:
            head = b""
            while b"\r\n\r\n" not in head:
                chunk = client.recv(4096)
                if not chunk:
                    return
                head += chunk
            method, target, _ = head.split(b" ", 2)
            if method != b"CONNECT":
                client.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
                return
            host, _, port = target.decode().rpartition(":")
            self.tunnels.append(target.decode())
            address = "127.0.0.1" if host == HOST else host
            with socket.create_connection((address, int(port))) as upstream:
                client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                threading.Thread(target=_pipe, args=(upstream, client), daemon=True).start()
                _pipe(client, upstream)


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    try:
        while chunk := source.recv(65536):
            sink.sendall(chunk)
    except OSError:
        pass
    finally:
        try:
            sink.shutdown(socket.SHUT_WR)
        except OSError:
            pass


@pytest.fixture
def pki(tmp_path: Path) -> tuple[Path, Path, Path]:
    return make_pki(tmp_path, "tinh")


@pytest.fixture
def tls_server(server_store: ServerStore, pki: tuple[Path, Path, Path]) -> Iterator[LoopbackServer]:
    _ca, cert, key = pki
    with loopback_server(server_store, str(cert), str(key)) as server:
        yield server


@pytest.fixture
def connect_proxy() -> Iterator[ConnectProxy]:
    proxy = ConnectProxy()
    yield proxy
    proxy.close()


def put(store: Store, key: str, value: str) -> None:
    with store.transaction() as session:
        settings.put(session, key, value)


def test_tls_is_verified_and_a_private_ca_is_trusted_through_the_setting(
    ready_store: tuple[Store, SignedIn],
    tls_server: LoopbackServer,
    memory_keyring: MemoryKeyring,
    pki: tuple[Path, Path, Path],
    tmp_path: Path,
) -> None:
    store, officer = ready_store
    with pytest.raises(TlsError, match="chứng chỉ"):  # a private CA the system does not know: refused
        enrol(store, tls_server.url, OFFICER, PASSWORD)
    assert memory_keyring.secrets == {}
    put(store, settings.CA_BUNDLE, str(pki[0]))
    enrol(store, tls_server.url, OFFICER, PASSWORD)
    receive_many(store, officer, 2)
    assert SyncEngine(store, policy=CLIENT_RETRY).run_pass().all_acknowledged

    other_ca = make_pki(tmp_path, "khac")[0]  # a bundle that does not vouch for this server
    put(store, settings.CA_BUNDLE, str(other_ca))
    receive_many(store, officer, 1, start=30)
    refused = SyncEngine(store, policy=CLIENT_RETRY).run_pass()
    assert (refused.outcome, refused.pending) == ("offline", 1)
    assert "chứng chỉ" in refused.message


def test_proxy_setting_carries_the_traffic_ahead_of_the_environment(
    ready_store: tuple[Store, SignedIn],
    tls_server: LoopbackServer,
    connect_proxy: ConnectProxy,
    memory_keyring: MemoryKeyring,
    pki: tuple[Path, Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store, officer = ready_store
    target = f"{HOST}:{tls_server.port}"
    put(store, settings.CA_BUNDLE, str(pki[0]))
    put(store, settings.PROXY_URL, connect_proxy.url)
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")  # a stale system proxy: the setting wins
    enrol(store, f"https://{target}", OFFICER, PASSWORD)
    receive_many(store, officer, 3)
    assert SyncEngine(store, policy=CLIENT_RETRY).run_pass().all_acknowledged
    assert connect_proxy.tunnels and set(connect_proxy.tunnels) == {target}

    put(store, settings.PROXY_URL, "")  # no setting: the environment's proxy is used
    monkeypatch.setenv("HTTPS_PROXY", connect_proxy.url)
    used = len(connect_proxy.tunnels)
    receive_many(store, officer, 1, start=20)
    assert SyncEngine(store, policy=CLIENT_RETRY).run_pass().all_acknowledged
    assert len(connect_proxy.tunnels) > used

    put(store, settings.PROXY_URL, "http://127.0.0.1:9")  # the proxy is down: said so, queue kept
    receive_many(store, officer, 1, start=40)
    down = SyncEngine(store, policy=CLIENT_RETRY).run_pass()
    assert (down.outcome, down.pending) == ("offline", 1) and "proxy" in down.message


def test_clock_skew_is_measured_from_the_date_header_and_stamped_on_events(
    ready_store: tuple[Store, SignedIn],
    sync_server: LoopbackServer,
    server_store: ServerStore,
    memory_keyring: MemoryKeyring,
) -> None:
    store, officer = ready_store
    proxy = FaultProxy(sync_server.port)
    try:
        enrol_store(store, proxy.url)
        proxy.date_shift = -300  # the province's clock reads five minutes earlier than this workstation
        assert SyncEngine(store).probe()
        with store.session() as session:
            offset = int(get_state(session, CLOCK_OFFSET_KEY))
        assert abs(offset + 300_000) <= 1500  # Date has whole seconds
        (dossier,) = receive_many(store, officer, 1)
        assert SyncEngine(store, policy=CLIENT_RETRY).run_pass().all_acknowledged
        with store.session() as session:
            assert (
                session.scalars(select(Event.clock_offset_ms).where(Event.dossier_id == dossier)).one()
                == offset
            )
        with server_store.transaction() as session:  # the province can correct the device time
            body = session.scalars(select(ServerEvent.body).where(ServerEvent.dossier_id == dossier)).one()
        assert body["clock_offset_ms"] == offset

        proxy.date_shift = 90  # the next pass measures again and stores the new skew
        assert SyncEngine(store, policy=CLIENT_RETRY).run_pass().outcome == "ok"
        with store.session() as session:
            assert abs(int(get_state(session, CLOCK_OFFSET_KEY)) - 90_000) <= 1500
    finally:
        proxy.close()
