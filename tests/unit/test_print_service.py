"""The print service probe: a CUPS scheduler that accepts a connection but never answers is told apart from
one that answers and from none at all, within the probe's timeout (real sockets on loopback)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.forms import print_service


@pytest.fixture(autouse=True)
def _no_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(print_service, "_last", [])
    monkeypatch.setattr(print_service, "TIMEOUT", 0.5)
    monkeypatch.setattr(print_service, "PROBE", True)


@pytest.fixture
def silent_scheduler(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Listens and accepts, never answers: how a hung cupsd looks to libcups."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        address = f"127.0.0.1:{server.getsockname()[1]}"
        monkeypatch.setenv("CUPS_SERVER", address)
        yield address


def _answering(reply: bytes) -> tuple[socket.socket, threading.Thread]:
    server = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        try:
            client, _ = server.accept()
        except OSError:
            return
        with client:
            client.recv(1024)
            client.sendall(reply)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return server, thread


def test_a_scheduler_that_never_answers_is_found_out_within_the_timeout(silent_scheduler: str) -> None:
    started = time.monotonic()
    assert not print_service.answers()
    assert time.monotonic() - started < 2
    assert print_service.scheduler() == silent_scheduler


def test_a_scheduler_that_answers_http_is_fine(monkeypatch: pytest.MonkeyPatch) -> None:
    server, thread = _answering(b"HTTP/1.1 403 Forbidden\r\n\r\n")
    with server:
        monkeypatch.setenv("CUPS_SERVER", f"127.0.0.1:{server.getsockname()[1]}")
        assert print_service.answers()
    thread.join(5)


def test_no_scheduler_at_all_is_fine_libcups_gives_up_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]  # closed again: nothing listens there
    monkeypatch.setenv("CUPS_SERVER", f"127.0.0.1:{port}")
    assert print_service.answers()


def test_the_answer_is_remembered_briefly_then_asked_again(silent_scheduler: str) -> None:
    assert not print_service.answers(now=100.0)
    print_service._last[:] = [(100.0, silent_scheduler, True)]  # as if it had answered then
    assert print_service.answers(now=105.0)  # reused
    assert not print_service.answers(now=111.0)  # asked again


def test_the_scheduler_is_found_where_libcups_looks(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CUPS_SERVER", raising=False)
    conf = tmp_path / "client.conf"
    conf.write_text("# the province's print server\nServerName in.xa.local:632\n")
    monkeypatch.setattr(print_service, "CLIENT_CONF", conf)
    assert print_service.scheduler() == "in.xa.local:632"
    monkeypatch.setattr(print_service, "CLIENT_CONF", tmp_path / "none.conf")
    monkeypatch.setattr(print_service, "DOMAIN_SOCKET", tmp_path / "cups.sock")
    assert print_service.scheduler() == "localhost"
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(tmp_path / "cups.sock"))
        listener.listen(1)
        assert print_service.scheduler() == str(tmp_path / "cups.sock")
        assert not print_service.answers()  # accepts (the backlog) but never answers


def test_other_systems_are_not_probed(monkeypatch: pytest.MonkeyPatch, silent_scheduler: str) -> None:
    monkeypatch.setattr(print_service, "PROBE", False)
    assert print_service.answers()
