"""Scans over a slow, flaky link: a day's dossiers with 2 text pages each through a 256 kbit/s loopback
link that drops every few seconds, against the line-rate floor (bytes ÷ rate).

    .venv/bin/python benchmarks/sync_scans.py [--dossiers 200] [--kbits 256] [--drop-every 5] [--page-kb 30]

A client profile gets `--dossiers` dossiers through the real intake service, each with 2 scans of about
`--page-kb` KB (random bytes: they do not compress, like a scanned PDF), then one `SyncEngine.run_pass()`
(what `motcua sync` does) pushes records and scans to the reference server on loopback through a proxy of
this script: a token bucket of `--kbits` shared by both directions, and every `--drop-every` seconds every
open connection is cut (mid-chunk, as a 3G link does). Printed: the floor (the scan bytes and record
bytes ÷ the rate), the time the pass took and its ratio to the floor (the issue's target: at most 1.15),
when the last record was acknowledged against when the first scan finished, the bytes that crossed the link
each way, scan bytes handed to the link again, and a pass with nothing left to send. No assertions: the
script prints. The figures and where the time goes are in the README ("Sync: protocol, provincial server
and command line", the workstation side): 200 dossiers cut every 5 s took 1.13x and 1.10x the floor in two
runs on 07/12/2026 (441 s and 430 s for 390 s, 85-88 cuts, load average 6 then 4 on 2 cores; 1.24x before
the server kept the bytes of a cut chunk); what is left is mostly the link idle while each scan's answer comes back.
"""

from __future__ import annotations

import argparse
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402

from desktop.services.accounts import complete_setup  # noqa: E402
from desktop.services.demo import DEMO_SETUP  # noqa: E402
from desktop.store import settings  # noqa: E402
from desktop.store.engine import open_store  # noqa: E402
from sync.client.retry import RetryPolicy  # noqa: E402
from sync.client.scans import ChunkSizer  # noqa: E402
from sync.engine import SyncEngine  # noqa: E402
from sync.server.blobstore import FileBlobStorage  # noqa: E402
from sync.server.store import ServerStore  # noqa: E402
from tests.e2e.scan_sync import local_scans, scan_dossiers  # noqa: E402
from tests.sync_helpers import MemoryKeyring, enrol_store, loopback_server, seed_server  # noqa: E402


class SlowLink:
    """A loopback TCP proxy: `rate` bytes a second in all (a token bucket), every connection cut every
    `drop_every` seconds."""

    def __init__(self, upstream: int, rate: float, drop_every: float) -> None:
        self.upstream, self.rate, self.drop_every = upstream, rate, drop_every
        self.lock = threading.Lock()
        self.next_free = time.monotonic()
        self.open: set[socket.socket] = set()
        self.drops = 0
        self.up = self.down = 0  # bytes that crossed the link each way
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.running = True
        threading.Thread(target=self._accept, daemon=True).start()
        threading.Thread(target=self._dropper, daemon=True).start()

    def _spend(self, count: int) -> None:
        with self.lock:
            start = max(self.next_free, time.monotonic())
            self.next_free = start + count / self.rate
            wait = self.next_free - time.monotonic()
        if wait > 0:
            time.sleep(wait)

    def _pump(self, source: socket.socket, target: socket.socket, up: bool) -> None:
        try:
            while data := source.recv(1024):
                self._spend(len(data))
                target.sendall(data)
                if up:
                    self.up += len(data)
                else:
                    self.down += len(data)
        except OSError:
            pass
        finally:
            for s in (source, target):
                try:
                    s.close()
                except OSError:
                    pass

    def _accept(self) -> None:
        while self.running:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.upstream))
            with self.lock:
                self.open |= {client, server}
            threading.Thread(target=self._pump, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, False), daemon=True).start()

    def _dropper(self) -> None:
        while self.running:
            time.sleep(self.drop_every)
            with self.lock:
                doomed, self.open = self.open, set()
            for s in doomed:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                    s.close()
                except OSError:
                    pass
            self.drops += 1

    def close(self) -> None:
        self.running = False
        self.listener.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=200)
    parser.add_argument("--kbits", type=float, default=256)
    parser.add_argument("--drop-every", type=float, default=5.0)
    parser.add_argument("--page-kb", type=int, default=30)
    parser.add_argument("--chunk-seconds", type=float, default=ChunkSizer().target, help="ChunkSizer.target")
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    rate = args.kbits * 1000 / 8
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        server_store = ServerStore(f"sqlite:///{folder / 'server.sqlite3'}")
        seed_server(server_store)
        store = open_store(folder / "client")
        officer = complete_setup(store, DEMO_SETUP)
        page = args.page_kb * 1024
        scan_dossiers(store, officer, args.dossiers, pages=2, sizes=(int(page * 0.7), int(page * 1.3)))
        scan_bytes = sum(local_scans(store).values())
        with loopback_server(server_store, blobs=FileBlobStorage(folder / "blobs")) as server:
            enrol_store(store, server.url)
            link = SlowLink(server.port, rate, args.drop_every)
            with store.transaction() as session:
                settings.put(session, settings.SERVER_URL, f"http://127.0.0.1:{link.port}")
            marks: dict[str, float] = {}
            started = time.monotonic()

            def progress(done: int, total: int, text: str, *_: object) -> None:
                now = time.monotonic() - started
                if "KB" not in text and done >= total:
                    marks.setdefault("records", now)
                elif "KB" in text and done > 0:
                    marks.setdefault("first_scan_bytes", now)

            engine = SyncEngine(
                store,
                policy=RetryPolicy(base=0.2, cap=2, max_attempts=20),
                read_timeout=30,
                chunks=lambda: ChunkSizer(target=args.chunk_seconds),
            )
            result = engine.run_pass("benchmark", progress)
            seconds = time.monotonic() - started
            link.close()
            with store.transaction() as session:
                settings.put(session, settings.SERVER_URL, server.url)
            quiet = time.monotonic()
            again = SyncEngine(store).run_pass("benchmark")
            quiet = time.monotonic() - quiet
        record_bytes = result.bytes_sent - result.scan_bytes
        floor = (scan_bytes + record_bytes) / rate
        print(f"{args.dossiers} dossiers, {2 * args.dossiers} scans, {scan_bytes / 1024:,.0f} KB of scans")
        print(f"link: {args.kbits:g} kbit/s, cut every {args.drop_every:g} s ({link.drops} cuts)")
        print(
            f"pass: {result.outcome}, all acknowledged: {result.all_acknowledged}, {result.scans_sent} scans"
        )
        print(f"line-rate floor (scans + {record_bytes / 1024:,.0f} KB of records): {floor:,.1f} s")
        print(f"pass took {seconds:,.1f} s = {seconds / floor:.2f} x the floor (target <= 1.15)")
        print(
            f"over the link: {link.up / 1024:,.0f} KB up, {link.down / 1024:,.0f} KB down; beyond the floor "
            f"{(link.up + link.down) / 1024 - floor * rate / 1024:,.0f} KB (heads, answers, bytes cut in flight)"
        )
        print(
            f"scan bytes handed to the link again: {(result.scan_bytes - scan_bytes) / 1024:,.0f} KB "
            "(a cut request counted whole: its tail never crossed the link)"
        )
        print(
            f"records all acknowledged at {marks.get('records', float('nan')):.1f} s; "
            f"scans started at {marks.get('first_scan_bytes', float('nan')):.1f} s"
        )
        print(f"a pass with nothing to send (loopback): {quiet * 1000:.0f} ms ({again.outcome})")
        store.close()
        server_store.dispose()


if __name__ == "__main__":
    main()
