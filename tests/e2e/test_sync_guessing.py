"""Enrolment resists guessing (issue 23 item 5): after 5 wrong passwords for one username, or from one
address, `POST /devices` answers 429 with `Retry-After` (the right password too) for 15 minutes, each
refusal is in the server's audit log (username and address, never the password), and the client says so in
Vietnamese. Before, 40 wrong passwords in 5 s were answered and the next right one enrolled."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import pytest
import requests

from desktop.core.errors import SyncError
from desktop.core.timeutil import VN_TZ
from desktop.services.accounts import SignedIn
from desktop.store.engine import Store
from sync.client.enrol import enrol
from tests.clock import Clock
from tests.sync_helpers import OFFICER, PASSWORD, UNIT_CODE, LoopbackServer, MemoryKeyring


def _attempt(server: LoopbackServer, username: str, password: str, workstation: int = 1) -> requests.Response:
    body = {"unit_code": UNIT_CODE, "username": username, "password": password, "device_name": "Máy 1",
            "workstation": workstation}  # fmt: skip
    return requests.post(f"{server.url}/api/v1/devices", json=body, timeout=10)


def test_five_wrong_passwords_lock_the_username_for_fifteen_minutes(
    e2e_server: LoopbackServer, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    start = clock.set(datetime(2026, 12, 3, 9, 30, tzinfo=VN_TZ))
    caplog.set_level(logging.WARNING, logger="motcua.server.audit")
    for guess in range(5):
        assert _attempt(e2e_server, OFFICER, f"doan-{guess}").status_code == 401
    locked = _attempt(e2e_server, OFFICER, PASSWORD)  # even the right one, for now
    assert locked.status_code == 429, locked.text
    assert 14 * 60 <= int(locked.headers["Retry-After"]) <= 15 * 60 + 1
    assert "thử lại sau khoảng 15 phút" in locked.json()["detail"]
    refusals = [r.getMessage() for r in caplog.records if r.name == "motcua.server.audit"]
    assert len(refusals) == 5 and all(OFFICER in line for line in refusals)
    assert not any("doan-" in line for line in refusals)  # never the password
    clock.set(start + timedelta(minutes=15))
    assert _attempt(e2e_server, OFFICER, PASSWORD).status_code == 201


def test_an_address_guessing_at_many_usernames_is_held_back_too(e2e_server: LoopbackServer) -> None:
    for name in ("a", "b", "c", "d", "e"):
        assert _attempt(e2e_server, f"khong-co-{name}", "x").status_code == 401
    assert _attempt(e2e_server, "khong-co-f", "x").status_code == 429  # from the same address


def test_the_client_says_to_wait_in_vietnamese(
    ready_store: tuple[Store, SignedIn], e2e_server: LoopbackServer, memory_keyring: MemoryKeyring
) -> None:
    store, _ = ready_store
    for guess in range(5):
        _attempt(e2e_server, OFFICER, f"doan-{guess}")
    with pytest.raises(SyncError) as refused:
        enrol(store, e2e_server.url, OFFICER, PASSWORD, "Máy 1")
    assert "thử lại sau" in str(refused.value)
