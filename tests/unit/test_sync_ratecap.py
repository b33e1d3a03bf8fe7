"""The optional upload cap (`sync.client.http.TokenBucket`, `PacedBody`): a fake clock shows the pace; a pass
with the cap set still delivers everything to the real server on loopback."""

from __future__ import annotations

import pytest

from desktop.services.accounts import SignedIn
from desktop.services.sync_screen import set_upload_rate
from desktop.store.engine import Store
from sync.client import http as client_http
from sync.client.http import PacedBody, TokenBucket
from sync.engine import SyncEngine
from sync.server.store import ServerStore
from tests.sync_helpers import (
    CLIENT_RETRY,
    LoopbackServer,
    local_event_uuids,
    receive_many,
    server_event_uuids,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def read_all(body: PacedBody, request: int = 16384) -> bytes:
    """Read as http.client does (blocks of `request` bytes); the sending itself takes no time."""
    out = bytearray()
    while piece := body.read(request):
        out += piece
    return bytes(out)


def test_a_body_goes_out_no_faster_than_the_cap() -> None:
    clock = FakeClock()
    rate = 32_000.0  # 256 kbit/s
    bucket = TokenBucket(rate, clock=clock, sleep=clock.sleep)
    data = bytes(i % 251 for i in range(320_000))
    start = clock.now
    assert read_all(PacedBody(data, bucket)) == data  # every byte, in order
    elapsed = clock.now - start
    # 10 s of line for 320 KB, less the initial burst (a quarter of a second of the rate)
    assert (len(data) - bucket.burst) / rate <= elapsed <= len(data) / rate
    assert max(clock.slept) <= 0.11  # short waits: the pass stays responsive to a pause


def test_the_cap_lets_the_link_rest_between_bodies() -> None:
    clock = FakeClock()
    bucket = TokenBucket(10_000.0, clock=clock, sleep=clock.sleep)
    read_all(PacedBody(b"x" * 50_000, bucket))
    after_first = clock.now
    clock.now += 60.0  # a minute of other work on the link: only one burst is saved up, not 60 s of it
    read_all(PacedBody(b"y" * 50_000, bucket))
    assert clock.now - (after_first + 60.0) >= (50_000 - bucket.burst) / 10_000


def test_a_bucket_needs_a_rate() -> None:
    with pytest.raises(ValueError):
        TokenBucket(0)


def test_a_pass_with_the_cap_set_delivers_everything(
    enrolled: tuple[Store, SignedIn, LoopbackServer], server_store: ServerStore, monkeypatch
) -> None:
    store, officer, _server = enrolled
    receive_many(store, officer, 5)
    set_upload_rate(store, 2000)  # 250 KB/s: the batch goes at once, but through the bucket
    paced: list[int] = []
    real_take = TokenBucket.take

    def take(self: TokenBucket, count: int) -> None:
        paced.append(count)
        real_take(self, count)

    monkeypatch.setattr(client_http.TokenBucket, "take", take)
    result = SyncEngine(store, policy=CLIENT_RETRY).run_pass("manual")
    assert (result.outcome, result.pushed, result.pending) == ("ok", 5, 0)
    assert sum(paced) == result.bytes_sent > 0  # every byte of the bodies through the bucket
    assert sorted(server_event_uuids(server_store)) == sorted(local_event_uuids(store))
