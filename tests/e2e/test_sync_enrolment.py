"""Enrolment that cannot leave debris, against the real server on SQLite and PostgreSQL: a lost answer, a
keyring that refuses, a wrong password or another unit's account leave no device holding the workstation
number; a retry from the same profile reuses its pending enrolment; the number of an enrolment that never
completed is free for another workstation; the device a profile replaces keeps working until the new one
is confirmed; an older client (no enrolment id) is live at once; a server database of the previous
revision keeps its devices live and their numbers held."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import keyring
import pytest
from alembic import command
from keyring.backends import fail
from keyring.errors import PasswordSetError
from sqlalchemy import MetaData, create_engine, select, update

from desktop.core.errors import SyncError, SyncErrorKind
from desktop.services.accounts import SignedIn, complete_setup
from desktop.store.engine import Store, open_store
from sync.client import credentials
from sync.client.config import DEVICE_ID, PENDING_ENROLMENT, get_state
from sync.client.enrol import enrol
from sync.engine import SyncEngine
from sync.server.migrations import _config
from sync.server.models import ServerDevice, utcnow
from sync.server.store import ServerStore, WorkstationTaken, normalise_url, token_digest
from tests.conftest import DEMO_SETUP
from tests.e2e.faultproxy import FaultProxy
from tests.sync_helpers import (
    CLIENT_RETRY,
    OFFICER,
    PASSWORD,
    UNIT_CODE,
    LoopbackServer,
    MemoryKeyring,
    RefusingKeyring,
    insert_old_unit,
    receive_many,
)

OLD_DEVICE = "00000000-0000-4000-8000-000000000001"
WHEN = datetime(2026, 11, 20, 8, 30, tzinfo=UTC)


def _devices(server: ServerStore) -> list[dict[str, Any]]:
    with server.transaction() as session:
        return [
            {
                "id": d.id,
                "workstation": d.workstation,
                "confirmed": d.confirmed_at is not None,
                "revoked": d.revoked_at is not None,
            }
            for d in session.scalars(select(ServerDevice).order_by(ServerDevice.created_at))
        ]


def _state(store: Store, key: str) -> str:
    with store.session() as session:
        return get_state(session, key)


@pytest.fixture
def another_pc(tmp_path: Path) -> Any:
    """A second profile of the commune that also calls itself workstation 1."""
    store = open_store(tmp_path / "another-pc")
    complete_setup(store, replace(DEMO_SETUP, username="canbo3"))
    yield store
    store.close()


def test_a_lost_answer_then_a_refusing_keyring_then_success_leave_exactly_one_device(
    ready_store: tuple[Store, SignedIn],
    e2e_server: LoopbackServer,
    backend_store: ServerStore,
    proxy: FaultProxy,
    memory_keyring: MemoryKeyring,
) -> None:
    store, officer = ready_store
    proxy.set_plan(
        ["lose_response"], match="/api/v1/devices"
    )  # the enrol call: the server commits, no answer
    with pytest.raises(SyncError) as lost:
        enrol(store, proxy.url, OFFICER, PASSWORD, "quay-1")
    assert lost.value.kind is SyncErrorKind.NETWORK and proxy.applied == ["lose_response"]
    pending = _devices(backend_store)
    assert [(d["workstation"], d["confirmed"]) for d in pending] == [(1, False)]  # holds nothing yet
    enrolment = _state(store, PENDING_ENROLMENT)
    assert enrolment

    keyring.set_keyring(RefusingKeyring())
    try:
        with pytest.raises(SyncError) as locked:
            enrol(store, proxy.url, OFFICER, PASSWORD, "quay-1")
    finally:
        keyring.set_keyring(memory_keyring)
    message = str(locked.value)
    assert "khoá" in message and "Mở khoá" in message and "KeyringLocked" not in message
    assert _devices(backend_store) == pending  # the same pending device, reused
    assert (_state(store, PENDING_ENROLMENT), _state(store, DEVICE_ID)) == (enrolment, "")

    done = enrol(store, proxy.url, OFFICER, PASSWORD, "quay-1")
    devices = _devices(backend_store)
    assert devices == [{"id": done.device_id, "workstation": 1, "confirmed": True, "revoked": False}]
    assert done.device_id == pending[0]["id"]
    assert (_state(store, DEVICE_ID), _state(store, PENDING_ENROLMENT)) == (done.device_id, "")
    assert backend_store.report(UNIT_CODE)["devices"] == 1
    receive_many(store, officer, 2)
    assert SyncEngine(store, policy=CLIENT_RETRY).run_pass().all_acknowledged


def test_the_number_of_an_enrolment_never_completed_is_free_for_another_workstation(
    ready_store: tuple[Store, SignedIn],
    another_pc: Store,
    e2e_server: LoopbackServer,
    backend_store: ServerStore,
    memory_keyring: MemoryKeyring,
) -> None:
    store, _ = ready_store
    keyring.set_keyring(RefusingKeyring(PasswordSetError))
    try:
        with pytest.raises(SyncError, match="từ chối lưu") as refused:
            enrol(store, e2e_server.url, OFFICER, PASSWORD, "quay-hong-kho")
    finally:
        keyring.set_keyring(memory_keyring)
    assert "PasswordSetError" not in str(refused.value)

    other = enrol(another_pc, e2e_server.url, OFFICER, PASSWORD, "quay-khac")  # also workstation 1
    assert other.workstation == 1
    with pytest.raises(SyncError, match="Số máy trạm 1") as taken:  # now the first PC is the late one
        enrol(store, e2e_server.url, OFFICER, PASSWORD, "quay-hong-kho")
    assert taken.value.kind is SyncErrorKind.CONFLICT
    live = [d for d in _devices(backend_store) if d["confirmed"]]
    assert [(d["id"], d["workstation"]) for d in live] == [(other.device_id, 1)]
    done = enrol(store, e2e_server.url, OFFICER, PASSWORD, "quay-hong-kho", workstation=2)
    assert sorted(d["workstation"] for d in _devices(backend_store)) == [1, 2]  # still one device per PC
    assert done.workstation == 2


def test_a_wrong_password_another_units_account_or_no_keyring_create_nothing(
    ready_store: tuple[Store, SignedIn],
    e2e_server: LoopbackServer,
    backend_store: ServerStore,
    memory_keyring: MemoryKeyring,
) -> None:
    store, _ = ready_store
    with pytest.raises(SyncError, match="không đúng"):
        enrol(store, e2e_server.url, OFFICER, "sai-mat-khau")
    backend_store.create_unit("H21.55.11", "Xã Bên Cạnh")
    backend_store.create_officer("H21.55.11", "canbo.bencanh", "matkhau-khac")
    with pytest.raises(SyncError, match="thuộc đơn vị H21.55.11"):
        enrol(store, e2e_server.url, "canbo.bencanh", "matkhau-khac")
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(SyncError, match="chưa có kho mật khẩu") as none:
            enrol(store, e2e_server.url, OFFICER, PASSWORD)
    finally:
        keyring.set_keyring(memory_keyring)
    assert "gnome-keyring" in str(none.value) and "NoKeyringError" not in str(none.value)
    assert _devices(backend_store) == []
    assert memory_keyring.secrets == {}


def test_the_replaced_device_keeps_working_until_the_new_enrolment_is_confirmed(
    ready_store: tuple[Store, SignedIn],
    e2e_server: LoopbackServer,
    backend_store: ServerStore,
    proxy: FaultProxy,
    memory_keyring: MemoryKeyring,
) -> None:
    store, officer = ready_store
    first = enrol(store, proxy.url, OFFICER, PASSWORD, "quay-1")
    proxy.set_plan(["lose_response"], match="/devices:confirm")  # confirmed, but the answer is lost
    with pytest.raises(SyncError, match="đăng ký lại"):
        enrol(store, proxy.url, OFFICER, PASSWORD, "quay-1")
    assert _state(store, DEVICE_ID) == first.device_id
    keyring.set_keyring(RefusingKeyring())
    try:
        with pytest.raises(SyncError, match="khoá"):
            enrol(store, proxy.url, OFFICER, PASSWORD, "quay-1")
    finally:
        keyring.set_keyring(memory_keyring)
    second = enrol(store, proxy.url, OFFICER, PASSWORD, "quay-1")
    assert second.device_id != first.device_id
    devices = {d["id"]: (d["workstation"], d["confirmed"], d["revoked"]) for d in _devices(backend_store)}
    assert devices == {first.device_id: (1, True, True), second.device_id: (1, True, False)}
    assert credentials.load_token(first.device_id) is None
    receive_many(store, officer, 1)
    assert SyncEngine(store, policy=CLIENT_RETRY).run_pass().all_acknowledged


def test_pending_enrolments_hold_nothing_cannot_push_and_expire_after_a_day(
    backend_store: ServerStore,
) -> None:
    enrolment = "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f"
    pending = backend_store.enrol(OFFICER, PASSWORD, "x", 1, enrolment_id=enrolment)
    assert backend_store.device_for_token(pending.token) is None  # no push, no numbers before confirm
    again = backend_store.enrol(OFFICER, PASSWORD, "x", 1, enrolment_id=enrolment)
    assert again.device_id == pending.device_id and again.token != pending.token
    assert backend_store.confirm(pending.token) is None  # the first token was replaced
    legacy = backend_store.enrol(OFFICER, PASSWORD, "cu", 1)  # an older client: live at once, takes 1
    assert backend_store.device_for_token(legacy.token) is not None
    with pytest.raises(WorkstationTaken):  # the pending one lost the number meanwhile
        backend_store.confirm(again.token)
    with backend_store.transaction() as session:
        session.execute(update(ServerDevice).values(created_at=utcnow() - timedelta(days=2)))
    other = backend_store.enrol(OFFICER, PASSWORD, "khac", 2)
    assert {d["id"] for d in _devices(backend_store)} == {legacy.device_id, other.device_id}  # stale one gone


def test_devices_of_the_previous_revision_stay_live_and_keep_their_numbers(backend_url: str) -> None:
    engine = create_engine(normalise_url(backend_url))
    with engine.begin() as conn:
        command.upgrade(_config(conn), "0002_device_workstation")
    meta = MetaData()
    meta.reflect(engine)
    t = meta.tables
    with engine.begin() as conn:
        insert_old_unit(
            conn,
            t,
            WHEN,
            {"id": OLD_DEVICE, "token_hash": token_digest("cu"), "last_seen_at": None, "workstation": 1},
        )
    engine.dispose()
    server = ServerStore(backend_url)  # upgrades to the newest revision
    try:
        assert server.device_for_token("cu") is not None  # still live
        with pytest.raises(WorkstationTaken):
            server.enrol(OFFICER, PASSWORD, "quay-moi", 1, enrolment_id=str(uuid.uuid4()))
        assert _devices(server) == [{"id": OLD_DEVICE, "workstation": 1, "confirmed": True, "revoked": False}]
    finally:
        server.dispose()
