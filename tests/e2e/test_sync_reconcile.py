"""The end-of-day check with two workstations of one commune (SQLite and PostgreSQL): each compares its own
dossiers with what the province holds from it, not with the whole unit's day."""

from __future__ import annotations

import uuid

import requests

from desktop.cli import main
from desktop.core.timeutil import now_local
from desktop.services.accounts import SignedIn
from desktop.store.engine import Store
from sync.client import credentials
from sync.client.config import DEVICE_ID, get_state
from sync.engine import SyncEngine
from sync.protocol import API_PREFIX, to_dvcqg_time
from tests.sync_helpers import (
    CLIENT_RETRY,
    UNIT_CODE,
    LoopbackServer,
    MemoryKeyring,
    enrol_store,
    receive_many,
)


def _token(store: Store) -> str:
    with store.session() as session:
        device = get_state(session, DEVICE_ID)
    token = credentials.load_token(device)
    assert token
    return token


def test_each_workstation_reconciles_its_own_dossiers(
    ready_store: tuple[Store, SignedIn],
    second_workstation: tuple[Store, SignedIn],
    e2e_server: LoopbackServer,
    memory_keyring: MemoryKeyring,
) -> None:
    stations = [ready_store, second_workstation]
    for index, (store, officer) in enumerate(stations):
        enrol_store(store, e2e_server.url)
        receive_many(store, officer, 2, start=10 * index)
    for store, _officer in stations:
        result = SyncEngine(store, policy=CLIENT_RETRY).run_pass("end_of_day")
        assert result.all_acknowledged and result.reconciled is True, result
        assert "khớp 2 hồ sơ" in result.message

    today = now_local().date().isoformat()
    url = f"{e2e_server.url}{API_PREFIX}/reconciliation"
    auth = {"Authorization": f"Bearer {_token(ready_store[0])}"}
    unit = requests.get(url, params={"date": today}, headers=auth, timeout=10).json()
    assert unit["dossiers"] == 4 and "scope" not in unit  # the unit's answer, as older clients read it
    own = requests.get(url, params={"date": today, "scope": "device"}, headers=auth, timeout=10).json()
    assert (own["dossiers"], own["scope"]) == (2, "device")


def test_a_mismatch_fails_the_scheduled_end_of_day_run(
    ready_store: tuple[Store, SignedIn],
    second_workstation: tuple[Store, SignedIn],
    e2e_server: LoopbackServer,
    memory_keyring: MemoryKeyring,
) -> None:
    """The province holds a dossier this workstation sent that its profile no longer has (e.g. restored
    from an older backup): everything is acknowledged, but `motcua sync --end-of-day` exits 1."""
    (store, officer), (other, other_officer) = ready_store, second_workstation
    for profile, who in ((store, officer), (other, other_officer)):
        enrol_store(profile, e2e_server.url)
        receive_many(profile, who, 2, start=50 if profile is other else 1)
        assert SyncEngine(profile, policy=CLIENT_RETRY).run_pass().all_acknowledged
    now = now_local()
    lost = {
        "uuid": str(uuid.uuid4()),
        "dossier_id": str(uuid.uuid4()),
        "seq": 1,
        "type": "received",
        "occurred_at": now.isoformat(),
        "hash": "ab" * 32,
        "record": {
            "MaHoSo": f"{UNIT_CODE}-{now:%y%m%d}-4998",
            "MaTTHC": "1.004884",
            "ChuHoSo": "Hồ sơ thất lạc",
            "NgayTiepNhan": to_dvcqg_time(now),
            "TrangThaiHoSo": 2,
        },
    }
    answer = requests.post(
        f"{e2e_server.url}{API_PREFIX}/events:batch",
        json={"unit_code": UNIT_CODE, "events": [lost]},
        headers={"Authorization": f"Bearer {_token(store)}"},
        timeout=10,
    )
    assert answer.json()["results"][0]["status"] == "accepted"

    assert main(["--data-dir", str(other.profile.root), "sync", "--end-of-day"]) == 0  # its own 2 match
    assert main(["--data-dir", str(store.profile.root), "sync"]) == 0  # a plain pass does not check
    assert main(["--data-dir", str(store.profile.root), "sync", "--end-of-day"]) == 1
    result = SyncEngine(store, policy=CLIENT_RETRY).run_pass("end_of_day")
    assert result.all_acknowledged and result.reconciled is False
    assert "hệ thống tỉnh có 3 hồ sơ từ máy này, máy này có 2 (chưa khớp)" in result.message
    assert f"Tỉnh có mà máy này không có hồ sơ: {lost['record']['MaHoSo']}" in result.reconcile_details
