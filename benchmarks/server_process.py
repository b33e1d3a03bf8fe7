"""The reference server in a child process (`motcua-server` on loopback), as a province runs it: the
benchmarks measure the client against it without sharing the client's interpreter (and its GIL).

`served(url)` yields the base URL and the child; `processor_seconds(child)` reads the child's processor time
(user + system) from `/proc` (Linux only, which is where the benchmarks run; no psutil in the lock)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

from tests.sync_helpers import free_port

SERVER = Path(sys.executable).with_name("motcua-server")


@contextmanager
def served(url: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`motcua-server --db URL` on a free loopback port, until it answers `/health`; stopped on exit."""
    port = free_port()
    child = subprocess.Popen(
        [str(SERVER), "--db", url, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(base + "/api/v1/health", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline or child.poll() is not None:
                raise RuntimeError("motcua-server did not start")
            time.sleep(0.05)
        yield base, child
    finally:
        child.terminate()
        child.wait(30)


def processor_seconds(child: subprocess.Popen[bytes]) -> float:
    """User plus system processor time the child has used so far, in seconds."""
    fields = Path(f"/proc/{child.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
