"""Workstation numbers at enrolment, against the real server on loopback: two workstations of a commune
never enrol under the same number (their offline dossier codes would collide), re-enrolling a workstation
replaces its old device, and the number is changed by enrolling under another one."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import requests

from desktop.cli import main
from desktop.core.errors import SyncError, SyncErrorKind, ValidationError
from desktop.services.accounts import SignedIn, complete_setup
from desktop.store.engine import Store, open_store
from desktop.store.models import Dossier
from desktop.store.workstation import current_workstation
from sync.client import credentials
from sync.client.config import DEVICE_ID, get_state
from sync.client.enrol import enrol
from sync.engine import SyncEngine
from sync.protocol import API_PREFIX
from sync.server.store import ServerStore
from tests.conftest import DEMO_SETUP
from tests.sync_helpers import (
    CLIENT_RETRY,
    OFFICER,
    PASSWORD,
    LoopbackServer,
    MemoryKeyring,
    receive_many,
)


@pytest.fixture
def twin(tmp_path: Path) -> Iterator[tuple[Store, SignedIn]]:
    """A second profile of the same commune, set up with the same workstation number (1)."""
    store = open_store(tmp_path / "twin")
    officer = complete_setup(store, replace(DEMO_SETUP, username="canbo2"))
    yield store, officer
    store.close()


def _device(store: Store) -> str:
    with store.session() as session:
        return get_state(session, DEVICE_ID)


def test_a_number_held_by_another_workstation_is_refused_until_another_is_chosen(
    ready_store: tuple[Store, SignedIn],
    twin: tuple[Store, SignedIn],
    sync_server: LoopbackServer,
    server_store: ServerStore,
    memory_keyring: MemoryKeyring,
) -> None:
    first, _ = ready_store
    second, officer = twin
    enrol(first, sync_server.url, OFFICER, PASSWORD, "quay-1")
    with pytest.raises(SyncError) as refused:
        enrol(second, sync_server.url, OFFICER, PASSWORD, "quay-2")
    assert refused.value.kind is SyncErrorKind.CONFLICT
    message = str(refused.value)
    assert message.startswith("Số máy trạm 1 đang được một máy trạm khác của đơn vị H21.55.10 sử dụng")
    assert "'quay-1'" in message and "replace-device --unit H21.55.10 --workstation 1" in message
    assert _device(first) not in message  # never the other device's id (it could be used to replace it)
    assert _device(second) == "" and len(memory_keyring.secrets) == 1  # nothing kept

    done = enrol(second, sync_server.url, OFFICER, PASSWORD, "quay-2", workstation=2)
    assert done.workstation == 2 and current_workstation(second) == 2
    # offline (no server block for the day yet), its codes come from workstation 2's range
    (dossier,) = receive_many(second, officer, 1)
    with second.session() as session:
        assert session.get_one(Dossier, dossier).code.endswith("-5050")
    assert server_store.report("H21.55.10")["devices"] == 2


def test_re_enrolling_replaces_the_old_device_and_a_revoked_one_frees_its_number(
    ready_store: tuple[Store, SignedIn],
    twin: tuple[Store, SignedIn],
    sync_server: LoopbackServer,
    server_store: ServerStore,
    memory_keyring: MemoryKeyring,
) -> None:
    store, officer = ready_store
    enrol(store, sync_server.url, OFFICER, PASSWORD)
    old, old_token = _device(store), credentials.load_token(_device(store))
    receive_many(store, officer, 2)
    assert SyncEngine(store, policy=CLIENT_RETRY).run_pass().all_acknowledged
    enrol(store, sync_server.url, OFFICER, PASSWORD)  # same number: not a conflict with itself
    assert _device(store) != old and credentials.load_token(old) is None
    refused = requests.post(
        f"{sync_server.url}{API_PREFIX}/numbers:reserve",
        json={"day": "2026-01-01", "count": 1},
        headers={"Authorization": f"Bearer {old_token}"},
        timeout=10,
    )
    assert refused.status_code == 401  # the replaced device was revoked
    receive_many(store, officer, 1, start=10)
    result = SyncEngine(store, policy=CLIENT_RETRY).run_pass("end_of_day")
    assert result.reconciled is True and "khớp 3 hồ sơ" in result.message  # 2 sent as the old device

    twin_store, _ = twin
    server_store.revoke_device(_device(store))
    assert enrol(twin_store, sync_server.url, OFFICER, PASSWORD).workstation == 1


def test_the_number_cannot_change_on_a_day_offline_codes_were_printed(
    ready_store: tuple[Store, SignedIn], sync_server: LoopbackServer, memory_keyring: MemoryKeyring
) -> None:
    store, officer = ready_store
    receive_many(store, officer, 1)  # not enrolled: an offline code of workstation 1
    with pytest.raises(ValidationError) as refused:
        enrol(store, sync_server.url, OFFICER, PASSWORD, workstation=3)
    assert "đã cấp 1 mã hồ sơ dự phòng với số máy trạm 1" in str(refused.value)
    assert current_workstation(store) == 1 and memory_keyring.secrets == {}
    assert enrol(store, sync_server.url, OFFICER, PASSWORD, workstation=1).workstation == 1


def test_enroll_command_takes_another_number(
    ready_store: tuple[Store, SignedIn],
    twin: tuple[Store, SignedIn],
    sync_server: LoopbackServer,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    enrol(ready_store[0], sync_server.url, OFFICER, PASSWORD)
    root = str(twin[0].profile.root)
    args = [
        "--data-dir",
        root,
        "enroll",
        "--server",
        sync_server.url,
        "--username",
        OFFICER,
        "--password-stdin",
    ]
    monkeypatch.setattr("sys.stdin", _Lines(PASSWORD))
    assert main(args) == 2
    assert "Số máy trạm 1 đang được" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", _Lines(PASSWORD))
    assert main([*args, "--workstation", "4"]) == 0
    assert "máy trạm số 4" in capsys.readouterr().out
    assert current_workstation(twin[0]) == 4


def test_replacing_a_workstation_needs_the_unit_administrator(
    ready_store: tuple[Store, SignedIn],
    twin: tuple[Store, SignedIn],
    sync_server: LoopbackServer,
    server_store: ServerStore,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    first, _ = ready_store
    enrol(first, sync_server.url, OFFICER, PASSWORD, "quay-1")
    old_token = credentials.load_token(_device(first))
    assert old_token is not None
    with pytest.raises(SyncError) as refused:
        enrol(twin[0], sync_server.url, OFFICER, PASSWORD, "quay-moi", replace_workstation=True)
    assert refused.value.kind is SyncErrorKind.AUTH
    assert str(refused.value).startswith("Chỉ quản trị đơn vị mới được thay máy trạm số 1 ('quay-1')")
    args = [
        "--data-dir",
        str(twin[0].profile.root),
        "enroll",
        "--server",
        sync_server.url,
        "--password-stdin",
    ]
    monkeypatch.setattr("sys.stdin", _Lines(PASSWORD))
    assert main([*args, "--username", OFFICER, "--replace-workstation"]) == 2
    err = capsys.readouterr().err
    assert "Chỉ quản trị đơn vị mới được thay máy trạm số 1" in err and "Traceback" not in err

    server_store.create_officer("H21.55.10", "quantri", "matkhau-quantri", "Quản trị xã")
    server_store.set_unit_admin("H21.55.10", "quantri", True)
    monkeypatch.setattr("sys.stdin", _Lines("matkhau-quantri"))
    assert main([*args, "--username", "quantri", "--replace-workstation"]) == 0
    assert "máy trạm số 1" in capsys.readouterr().out
    revoked = requests.post(
        f"{sync_server.url}{API_PREFIX}/numbers:reserve",
        json={"day": "2026-01-01", "count": 1},
        headers={"Authorization": f"Bearer {old_token}"},
        timeout=10,
    )
    assert revoked.status_code == 401  # the replaced workstation's token


def test_a_workstation_that_lost_its_token_needs_the_administrator_to_re_enrol(
    ready_store: tuple[Store, SignedIn], sync_server: LoopbackServer, memory_keyring: MemoryKeyring
) -> None:
    store, _ = ready_store
    enrol(store, sync_server.url, OFFICER, PASSWORD, "quay-1")
    memory_keyring.secrets.clear()  # no proof that this is the same workstation any more
    with pytest.raises(SyncError) as refused:
        enrol(store, sync_server.url, OFFICER, PASSWORD, "quay-1")
    assert "Chỉ quản trị đơn vị mới được thay máy trạm số 1" in str(refused.value)


def test_older_clients_enrol_without_a_number(sync_server: LoopbackServer) -> None:
    for _ in range(2):
        answer = requests.post(
            f"{sync_server.url}{API_PREFIX}/devices",
            json={"username": OFFICER, "password": PASSWORD},
            timeout=10,
        )
        assert answer.status_code == 201, answer.text


class _Lines:
    def __init__(self, *lines: str) -> None:
        self.lines = [line + "\n" for line in lines]

    def readline(self) -> str:
        return self.lines.pop(0) if self.lines else ""
