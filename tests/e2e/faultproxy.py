"""A loopback HTTP/1.1 proxy that injects network faults into chosen requests (test-only).

It sits between the client and the reference server on 127.0.0.1 and understands just enough HTTP
(request/response heads and Content-Length bodies) to apply one fault to one request:

- `pass`            forward both ways;
- `drop_request`    close the client's connection before anything reaches the server;
- `cut_request`     forward half of the request, then close both sides (the server sees a truncated body;
                    its side first, the client's `cut_notice` later, as a real link's client reconnects no
                    sooner than a round trip; with `server` set, the client's side only once the server has
                    handled what arrived, however loaded the machine);
- `lose_response`   forward the request, let the server answer (it has committed), close without replying;
- `cut_response`    forward the request, relay half of the answer, close;
- `delay`           wait `delay` seconds, then forward;
- `stall`           read the request and say nothing for `stall` seconds (the client times out);
- `throttle`        forward the answer in 256-byte pieces, sleeping between them;
- `busy`            answer 503 with `Retry-After: 1` without forwarding;
- `corrupt_request` flip one byte in the middle of the body, then forward (not in `FAULTS`: the tests that
                    walk every fault push gzipped records, which a flipped byte only makes a 400).

Faults are taken in order from a plan, one per request whose path contains `match`; other requests
pass. Whatever the plan, the link itself may be slow and flaky: `rate` (bytes a second, each request and
each answer waits its size ÷ rate before it goes on) and `drop_every` (after every so many request bytes
the link drops, mid-request: the bytes up to that point reach the server, then both sides are closed;
`drops` counts them). Bytes relayed in each direction are counted, for the benchmark, and the bodies of the tus requests
(PATCH, and POST under `/blobs/`, which may carry the first chunk) the client put on the link
(`upload_bytes`, forwarded or not: scan chunks, re-sent ones included). `date_shift` (seconds) rewrites
the `Date` header of every answer, as if the server's clock were that far ahead (or behind).
"""

from __future__ import annotations

import select
import socket
import threading
import time
from collections import deque
from collections.abc import Iterable
from email.utils import formatdate, parsedate_to_datetime
from typing import Protocol

FAULTS = (
    "pass",
    "drop_request",
    "cut_request",
    "lose_response",
    "cut_response",
    "delay",
    "stall",
    "throttle",
    "busy",
)


class Watched(Protocol):
    """The server behind the proxy, when the proxy can tell when it has handled a request (`LoopbackServer`)."""

    begun: int

    def wait_handled(self, begun: int, timeout: float = 10.0) -> None: ...


def _dropped(sock: socket.socket) -> bool:
    """The server closed this idle kept-alive connection (uvicorn does after 5 s): a real client or proxy
    finds that before reusing it and connects again, so the request it was about to send is not lost."""
    readable, _, _ = select.select([sock], [], [], 0)
    if not readable:
        return False
    try:
        return sock.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True


def _read_head(sock: socket.socket, buffer: bytearray) -> bytes | None:
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        buffer.extend(chunk)
    end = buffer.index(b"\r\n\r\n") + 4
    head = bytes(buffer[:end])
    del buffer[:end]
    return head


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip())
    return 0


def _read_body(sock: socket.socket, buffer: bytearray, length: int) -> bytes | None:
    while len(buffer) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        buffer.extend(chunk)
    body = bytes(buffer[:length])
    del buffer[:length]
    return body


class FaultProxy:
    def __init__(self, upstream_port: int, delay: float = 0.3, stall: float = 3.0) -> None:
        self.upstream_port = upstream_port
        self.delay = delay
        self.stall = stall
        self.plan: deque[str] = deque()
        self.match = ""
        self.applied: list[str] = []
        self.bytes_up = 0
        self.bytes_down = 0
        self.upload_bytes = 0
        self.date_shift = 0.0
        self.rate = 0.0  # bytes a second each way; 0: loopback speed
        self.drop_every = 0  # request bytes between two drops of the link; 0: never
        self.drops = 0
        self.cut_notice = 0.05  # seconds between the server's side of a cut and the client's
        # the server, when set: a cut reaches the client once the server has handled it (a loaded machine
        # schedules the server's handler late; a client that resumed first would find the offset from before it)
        self.server: Watched | None = None
        self._since_drop = 0
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._closing = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def set_plan(self, faults: Iterable[str], match: str = "") -> None:
        with self._lock:
            self.plan = deque(faults)
            self.match = match

    def close(self) -> None:
        self._closing = True
        self._listener.close()

    def _next_fault(self, head: bytes) -> str:
        path = head.split(b" ", 2)[1].decode("latin-1") if head.count(b" ") >= 2 else ""
        with self._lock:
            if self.plan and self.match in path:
                fault = self.plan.popleft()
                self.applied.append(fault)
                return fault
        return "pass"

    def _bytes_before_drop(self, size: int) -> int | None:
        """With `drop_every`: how many of the next `size` request bytes go before the link drops (None: all)."""
        if not self.drop_every:
            return None
        with self._lock:
            room = self.drop_every - self._since_drop
            if size < room:
                self._since_drop += size
                return None
            self._since_drop = 0
            self.drops += 1
            return room

    def _pace(self, size: int) -> None:
        if self.rate:
            time.sleep(size / self.rate)

    def _shift_date(self, head: bytes) -> bytes:
        if not self.date_shift:
            return head
        lines = head.split(b"\r\n")
        for i, line in enumerate(lines):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"date":
                moved = parsedate_to_datetime(value.strip().decode()).timestamp() + self.date_shift
                lines[i] = b"date: " + formatdate(moved, usegmt=True).encode()
        return b"\r\n".join(lines)

    def _accept(self) -> None:
        while not self._closing:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        buffer, upbuffer = bytearray(), bytearray()
        try:
            while True:
                head = _read_head(client, buffer)
                if head is None:
                    return
                body = _read_body(client, buffer, _content_length(head))
                if body is None:
                    return
                if (
                    head.startswith(b"PATCH ")
                    or head.startswith(b"POST ")
                    and b"/blobs/" in head.split(b" ", 2)[1]
                ):
                    self.upload_bytes += len(body)
                fault = self._next_fault(head)
                if fault == "corrupt_request" and body:
                    middle = len(body) // 2
                    body = body[:middle] + bytes([body[middle] ^ 0xFF]) + body[middle + 1 :]
                request = head + body
                if fault == "drop_request":
                    return
                if fault == "busy":
                    client.sendall(
                        b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Type: application/json\r\n"
                        b'Content-Length: 20\r\n\r\n{"detail":"ban qua"}'
                    )
                    continue
                if fault == "stall":
                    time.sleep(self.stall)
                    return
                if fault == "delay":
                    time.sleep(self.delay)
                if upstream is not None and _dropped(upstream):
                    upstream.close()
                    upstream = None
                if upstream is None:
                    upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
                cut = self._bytes_before_drop(len(request))
                if fault == "cut_request" or cut is not None:
                    part = request[: max(1, len(request) // 2) if cut is None else cut]
                    begun = self.server.begun if self.server is not None else 0
                    self._pace(len(part))
                    upstream.sendall(part)
                    upstream.close()  # the server sees the cut first, as over a real link where the
                    upstream = None  # client notices it and reconnects no sooner than a round trip
                    if self.server is not None and len(part) > len(head):  # a request it began
                        self.server.wait_handled(begun)
                    time.sleep(self.cut_notice)
                    return
                self._pace(len(request))
                upstream.sendall(request)
                self.bytes_up += len(request)
                rhead = _read_head(upstream, upbuffer)
                if rhead is None:
                    return
                rbody = _read_body(upstream, upbuffer, _content_length(rhead))
                if rbody is None:
                    return
                response = self._shift_date(rhead) + rbody
                if fault == "lose_response":
                    return
                if fault == "cut_response":
                    client.sendall(response[: len(response) // 2])
                    return
                self._pace(len(response))
                if fault == "throttle":
                    for i in range(0, len(response), 256):
                        client.sendall(response[i : i + 256])
                        time.sleep(0.01)
                else:
                    client.sendall(response)
                self.bytes_down += len(response)
        except OSError:
            return
        finally:
            client.close()
            if upstream is not None:
                upstream.close()
