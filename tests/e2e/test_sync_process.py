"""`motcua enroll` and `motcua sync` as real processes; `kill -9` of a client in the middle of a pass."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.services.accounts import SignedIn
from desktop.store import settings
from desktop.store.engine import Store
from desktop.store.models import Applicant
from sync.server.store import ServerStore
from tests.e2e.faultproxy import FaultProxy
from tests.sync_helpers import (
    OFFICER,
    PASSWORD,
    UNIT_CODE,
    LoopbackServer,
    add_changes,
    client_state,
    local_event_uuids,
    profile_contains,
    receive_many,
    server_event_uuids,
    server_state,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def backend_url(tmp_path: Path) -> str:
    """The server on SQLite only: these are the client's processes; the server's databases have their own
    tests (test_sync_server_cli, test_sync_numbers, …)."""
    return f"sqlite:///{tmp_path / 'server.sqlite3'}"


def motcua(
    data_dir: Path, keyring_file: Path, *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=child_env(keyring_file),
        check=False,
    )


def child_env(keyring_file: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "tests.file_keyring.FileKeyring",
        "MOTCUA_TEST_KEYRING": str(keyring_file),
        "PYTHONPATH": str(ROOT),
        "NO_PROXY": "127.0.0.1",
    }


def test_enroll_and_sync_commands(
    ready_store: tuple[Store, SignedIn],
    e2e_server: LoopbackServer,
    backend_store: ServerStore,
    tmp_path: Path,
) -> None:
    store, officer = ready_store
    ring = tmp_path / "keyring.json"
    bad = motcua(store.profile.root, ring, "enroll", "--server", e2e_server.url, "--username", OFFICER,
                 "--password-stdin", stdin="sai\n")  # fmt: skip
    assert bad.returncode == 2 and "không đúng" in bad.stderr
    done = motcua(store.profile.root, ring, "enroll", "--server", e2e_server.url, "--username", OFFICER,
                  "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "H21.55.10" in done.stdout
    token = next(iter(json.loads(ring.read_text()).values()))
    assert token not in done.stdout + done.stderr
    assert not profile_contains(store, token)

    ids = receive_many(store, officer, 4)
    add_changes(store, officer, ids[:1])
    run = motcua(store.profile.root, ring, "sync")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Đã gửi: 6" in run.stdout and "Còn chờ gửi: 0" in run.stdout
    again = motcua(store.profile.root, ring, "sync", "--end-of-day")
    assert again.returncode == 0 and "Đã gửi: 0" in again.stdout
    assert "khớp 4 hồ sơ" in again.stdout

    with store.transaction() as session:  # the province is unreachable: exit 1, queue kept
        settings.put(session, settings.SERVER_URL, "http://127.0.0.1:9")
    receive_many(store, officer, 1, start=50)
    offline = motcua(store.profile.root, ring, "sync", "--attempts", "1")
    assert offline.returncode == 1 and "Còn chờ gửi: 1" in offline.stdout, offline.stdout + offline.stderr

    # what the OS scheduler runs leaves its trace in the profile's rotating log, without secrets
    log = (store.profile.logs_dir / "motcua.log").read_text(encoding="utf-8")
    assert log.count("motcua enroll (version") == 2 and log.count("motcua sync (version") == 3
    assert "sync pass (cli): ok; sent 6, already there 0, refused 0, pending 0" in log
    assert "sync pass (end_of_day): ok; sent 0" in log and "khớp 4 hồ sơ" in log
    assert "sync pass (cli): offline" in log and "pending 1" in log
    with store.session() as session:
        people = [v for row in session.execute(select(Applicant.full_name, Applicant.id_number)) for v in row]
    for secret in (token, PASSWORD, *people):
        assert secret not in log


def test_kill_9_mid_sync_then_restart(
    ready_store: tuple[Store, SignedIn],
    e2e_server: LoopbackServer,
    proxy: FaultProxy,
    backend_store: ServerStore,
    tmp_path: Path,
) -> None:
    store, officer = ready_store
    ring = tmp_path / "keyring.json"
    assert motcua(store.profile.root, ring, "enroll", "--server", e2e_server.url, "--username", OFFICER,
                  "--password-stdin", stdin=PASSWORD + "\n").returncode == 0  # fmt: skip
    with store.transaction() as session:
        settings.put(session, settings.SERVER_URL, proxy.url)
    ids = receive_many(store, officer, 15)
    add_changes(store, officer, ids[:5])
    # the first batch reaches the server and commits, its answer is lost; the client then backs off
    proxy.set_plan(["lose_response"] * 20, match="events:batch")
    child = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--data-dir", str(store.profile.root), "sync"],
        cwd=ROOT,
        env=child_env(ring),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while backend_store.report(UNIT_CODE)["events"] == 0:
        assert time.monotonic() < deadline and child.poll() is None, "the client never reached the server"
        time.sleep(0.02)
    os.kill(child.pid, signal.SIGKILL)
    assert child.wait(10) == -signal.SIGKILL
    held = backend_store.report(UNIT_CODE)["events"]
    assert held > 0

    proxy.set_plan([])
    restart = motcua(store.profile.root, ring, "sync")
    assert restart.returncode == 0, restart.stdout + restart.stderr
    assert f"Tỉnh đã có sẵn: {held}" in restart.stdout  # what the killed client had sent, answered once
    assert sorted(server_event_uuids(backend_store)) == sorted(local_event_uuids(store))
    assert backend_store.report(UNIT_CODE)["duplicates"] == 0
    assert server_state(backend_store) == client_state(store)


pytestmark = pytest.mark.slow
