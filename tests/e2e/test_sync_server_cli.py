"""`motcua-server` as a province runs it: the admin commands exactly as documented, then the server itself
(`motcua-server --db URL --host 127.0.0.1 --port N`) taking a workstation's push; on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path
from unittest.mock import patch

import pytest
import requests

from desktop.services.accounts import SignedIn
from desktop.services.demo import seed_demo
from desktop.store.engine import Store, open_store
from sync.client.config import DEVICE_ID, get_state
from sync.engine import SyncEngine
from sync.server.cli import main as server_main
from tests.sync_helpers import (
    CLIENT_RETRY,
    MemoryKeyring,
    add_changes,
    enrol_store,
    free_port,
    receive_many,
)

SERVER = Path(sys.executable).with_name(
    "motcua-server"
)  # the console script of sync/pyproject.toml [project.scripts]
UNIT = "H21.55.10"


def server_cmd(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SERVER), "--db", url, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def report(url: str) -> dict[str, int]:
    """`motcua-server admin --db URL report`, as a process (`--db` may also follow `admin`)."""
    done = subprocess.run(
        [str(SERVER), "admin", "--db", url, "report", "--unit", UNIT],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data: dict[str, int] = json.loads(done.stdout)  # one JSON object, nothing else on stdout
    return data


def admin(url: str, *args: str, stdin: str = "") -> str:
    """The same commands through the console script's `main` in this process (its process is proved above
    and in `serve`): what it printed on stdout."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err), patch.object(sys, "stdin", io.StringIO(stdin)):
        code = server_main(["--db", url, "admin", *args])
    assert code == 0, err.getvalue()
    return out.getvalue()


def counts(url: str) -> dict[str, int]:
    data: dict[str, int] = json.loads(admin(url, "report", "--unit", UNIT))
    return data


@pytest.fixture
def served(backend_url: str, tmp_path: Path) -> Iterator[str]:
    """`motcua-server --db URL --host 127.0.0.1 --port N` in a child process; yields its base URL."""
    with serve(backend_url, tmp_path) as base:
        yield base


@contextmanager
def serve(backend_url: str, tmp_path: Path, *options: str, processes: bool = True) -> Iterator[str]:
    """The demo commune and its account made with the admin commands (as processes, or with `main` in this
    process), then the server with `options`."""
    assert SERVER.exists(), f"{SERVER} missing: the venv is not synced (uv sync)"
    for args, stdin in (
        (["create-unit", "--code", UNIT, "--name", "Xã Ia Grai"], ""),
        (["create-officer", "--unit", UNIT, "--username", "canbo.iagrai", "--password-stdin"], "matkhau-tinh-1\n"),
    ):  # fmt: skip
        if processes:
            done = server_cmd(backend_url, "admin", *args, stdin=stdin)
            assert done.returncode == 0, done.stderr
        else:
            admin(backend_url, *args, stdin=stdin)
    port = free_port()
    log = (tmp_path / "server.log").open("wb")
    child = subprocess.Popen(
        [str(SERVER), "--db", backend_url, "--host", "127.0.0.1", "--port", str(port), *options],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        assert child.poll() is None, (tmp_path / "server.log").read_text()
        try:
            if requests.get(base + "/api/v1/health", timeout=2).ok:
                break
        except requests.ConnectionError:
            pass
        assert time.monotonic() < deadline, "motcua-server did not answer /health"
        time.sleep(0.1)
    try:
        yield base
    finally:
        child.terminate()
        child.wait(30)
        log.close()


@pytest.mark.slow
def test_admin_commands_and_the_served_endpoint(
    served: str,
    backend_url: str,
    ready_store: tuple[Store, SignedIn],
    memory_keyring: MemoryKeyring,
) -> None:
    store, officer = ready_store
    assert report(backend_url) == {
        "unit": UNIT, "dossiers": 0, "events": 0, "rejected_events": 0, "duplicates": 0, "devices": 0,
        "pending_devices": 0,
        "attachments": 0,
        "attachment_bytes": 0,
    }  # fmt: skip
    enrol_store(store, served)
    ids = receive_many(store, officer, 5)
    add_changes(store, officer, ids[:2])
    assert SyncEngine(store, policy=CLIENT_RETRY).run_pass().all_acknowledged
    now = counts(backend_url)
    assert (now["dossiers"], now["events"], now["duplicates"], now["devices"]) == (5, 9, 0, 1)

    with store.session() as session:
        device = get_state(session, DEVICE_ID)
    # by its number in the commune, as a refused enrolment tells the province to
    revoked = server_cmd(backend_url, "admin", "revoke-device", "--unit", UNIT, "--workstation", "1")
    assert revoked.returncode == 0 and device in revoked.stdout, revoked.stderr
    receive_many(store, officer, 1, start=40)
    refused = SyncEngine(store, policy=CLIENT_RETRY).run_pass()
    assert (refused.outcome, refused.pending) == ("auth", 1)
    assert counts(backend_url)["events"] == 9


@pytest.mark.slow
@pytest.mark.parametrize(
    "backend_url", ["sqlite"], indirect=True
)  # the flag is the server's, not its database's
def test_a_training_server_started_as_documented_takes_a_demo_profile(
    backend_url: str, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    demo = open_store(tmp_path / "motcua-demo")
    try:
        seed_demo(demo, 5, history_synced=False)
        with serve(backend_url, tmp_path, "--training", processes=False) as base:
            assert requests.get(base + "/api/v1/health", timeout=10).json()["training"] is True
            enrol_store(demo, base)
            assert SyncEngine(demo, policy=CLIENT_RETRY).run_pass().all_acknowledged
    finally:
        demo.close()
    assert counts(backend_url)["dossiers"] == 5


def test_admin_mistakes_get_a_vietnamese_message_and_exit_2(
    backend_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The console script's own `main`, in this process: the processes of the tests above prove the script;
    here the messages, on both databases (a duplicate unit is each one's own constraint error)."""
    admin(backend_url, "create-unit", "--code", UNIT, "--name", "Xã Ia Grai")
    cases = [
        (["admin", "create-unit", "--code", UNIT, "--name", "Lần hai"], "", "đã tồn tại"),
        (["admin", "create-officer", "--unit", UNIT, "--username", "u", "--password-stdin"], "\n", "mật khẩu"),
        (["admin", "create-officer", "--unit", "H99", "--username", "u", "--password-stdin"], "dai-du-6\n",
         "Không có đơn vị"),
        (["admin", "revoke-device", "khong-co"], "", "Không có máy trạm"),
        (["admin", "revoke-device", "--unit", UNIT, "--workstation", "7"], "", "không có máy trạm số 7"),
        (["admin", "revoke-device"], "", "--unit và --workstation"),
        (["admin", "report", "--unit", "H99"], "", "Không có đơn vị"),
    ]  # fmt: skip
    for args, stdin, message in cases:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = server_main(["--db", backend_url, *args])
        out, err = capsys.readouterr()
        assert (code, out) == (2, ""), (args, out, err)
        assert message in err and "Traceback" not in err, (args, err)


def test_unreachable_database_is_one_clear_line() -> None:
    done = server_cmd("postgresql://postgres@127.0.0.1:9/none", "admin", "report", "--unit", UNIT)
    assert done.returncode == 2 and "không mở được cơ sở dữ liệu" in done.stderr
    assert "Traceback" not in done.stderr
