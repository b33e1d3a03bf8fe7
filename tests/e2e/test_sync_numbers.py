"""Dossier numbers against the real server (SQLite and PostgreSQL): after one pass a workstation whose link
is down from the morning of the next working day still takes in its offline range plus a server block of
50 reserved ahead (workstations 6-99, whose offline range is 50: 100 dossiers), every code unique across two
workstations, and the server's blocks never overlap; the server never hands out a number of the
workstations' offline ranges (1000 and up), and once its own numbers of the day are gone the workstations
go on from their own ranges."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from itertools import pairwise

import pytest
import requests
from sqlalchemy import select

from desktop.core.calendar import CalendarException
from desktop.core.code_ranges import SERVER_RANGE, offline_segments
from desktop.core.errors import ValidationError
from desktop.core.timeutil import VN_TZ, now_local
from desktop.services.accounts import SignedIn
from desktop.services.intake import receive_dossier
from desktop.store.calendar_repo import calendar_for, save_overrides
from desktop.store.engine import Store
from desktop.store.models import Dossier
from sync.client import credentials
from sync.client.config import DEVICE_ID, get_state
from sync.client.enrol import enrol
from sync.client.numbers import AHEAD_WORKING_DAYS, BLOCK_SIZE, reservation_days
from sync.engine import SyncEngine
from sync.protocol import API_PREFIX
from sync.server.models import IssuedBlock
from sync.server.store import ServerStore
from tests.sync_helpers import (
    CLIENT_RETRY,
    OFFICER,
    PASSWORD,
    LoopbackServer,
    MemoryKeyring,
    enrol_store,
    make_draft,
    receive_many,
)


def _receive(store: Store, officer: SignedIn, count: int, at: datetime, start: int) -> list[str]:
    return [
        receive_dossier(
            store, officer, make_draft(store, start + i), received_at=at + timedelta(minutes=i)
        ).code
        for i in range(count)
    ]


def test_a_workstation_offline_the_next_working_day_takes_in_more_than_its_offline_range(
    ready_store: tuple[Store, SignedIn],
    second_workstation: tuple[Store, SignedIn],
    e2e_server: LoopbackServer,
    backend_store: ServerStore,
    memory_keyring: MemoryKeyring,
) -> None:
    store, officer = ready_store
    other, other_officer = second_workstation
    enrol(store, e2e_server.url, OFFICER, PASSWORD, "quay-6", workstation=6)  # offline ranges of 50
    enrol(other, e2e_server.url, OFFICER, PASSWORD, "quay-7", workstation=7)
    for profile in (store, other):  # one pass each, today
        assert SyncEngine(profile, policy=CLIENT_RETRY).run_pass().all_acknowledged
    e2e_server.stop()  # the link is down from now on

    today = now_local().date()
    with store.session() as session:
        calendar = calendar_for(session)
    ahead = [calendar.add_working_days(today, n) for n in range(1, AHEAD_WORKING_DAYS + 1)]
    ahead = [day for day in ahead if day <= today + timedelta(days=7)]
    assert ahead, "no working day within the server's window"
    morning = datetime.combine(ahead[0], time(7, 30), VN_TZ)

    codes = _receive(store, officer, 2 * BLOCK_SIZE, morning, start=1)
    with pytest.raises(ValidationError, match="đã dùng hết"):
        _receive(store, officer, 1, morning + timedelta(hours=4), start=500)
    codes += _receive(other, other_officer, BLOCK_SIZE + 10, morning, start=1000)
    assert len(codes) == len(set(codes)) == 3 * BLOCK_SIZE + 10
    assert all(f"-{ahead[0]:%y%m%d}-" in code for code in codes)

    with backend_store.transaction() as session:
        blocks = session.scalars(select(IssuedBlock)).all()
    by_day: dict[date, list[tuple[int, int]]] = {}
    for block in blocks:
        by_day.setdefault(block.day, []).append((block.first, block.last))
    assert set(by_day) == {today, *ahead}
    for day, spans in by_day.items():
        assert len(spans) == 2, (day, spans)  # one block per workstation and day
        spans.sort()
        assert all(a_last < b_first for (_, a_last), (b_first, _) in pairwise(spans)), (day, spans)


def test_days_ahead_follow_the_units_calendar_and_the_servers_window(
    ready_store: tuple[Store, SignedIn],
) -> None:
    store, _ = ready_store
    friday = date(2026, 11, 27)
    assert reservation_days(store, friday) == [friday, date(2026, 11, 30), date(2026, 12, 1)]
    closed = [CalendarException(friday + timedelta(days=n), "off", "Nghỉ bão") for n in range(1, 10)]
    with store.transaction() as session:  # a long closure: no working day within today + 7
        save_overrides(session, closed, "test-1", source="local")
    assert reservation_days(store, friday) == [friday]


def test_the_server_never_hands_out_numbers_of_the_offline_ranges(
    ready_store: tuple[Store, SignedIn],
    second_workstation: tuple[Store, SignedIn],
    e2e_server: LoopbackServer,
    backend_store: ServerStore,
    memory_keyring: MemoryKeyring,
) -> None:
    store, officer = ready_store
    other, other_officer = second_workstation
    enrol_store(store, e2e_server.url)
    enrol(other, e2e_server.url, OFFICER, PASSWORD, "quay-2")
    today = now_local().date()
    with backend_store.transaction() as session:
        unit_id = backend_store.unit_by_code(session, "H21.55.10").id
    assert backend_store.reserve_numbers(unit_id, today, 920, None) == (1, 920)  # the province's own
    assert SyncEngine(store, policy=CLIENT_RETRY).run_pass().all_acknowledged  # today: 921-970
    assert SyncEngine(other, policy=CLIENT_RETRY).run_pass().all_acknowledged  # today: 971-999, cut short

    with other.session() as session:
        token = credentials.load_token(get_state(session, DEVICE_ID))
    refused = requests.post(
        f"{e2e_server.url}{API_PREFIX}/numbers:reserve",
        json={"day": today.isoformat(), "count": 1},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert refused.status_code == 409 and "Đã hết số hồ sơ" in refused.json()["detail"]
    with pytest.raises(OverflowError):
        backend_store.reserve_numbers(unit_id, today, 1, None)
    with backend_store.transaction() as session:
        blocks = [(b.day, b.first, b.last) for b in session.scalars(select(IssuedBlock))]
    assert (today, 971, SERVER_RANGE[1]) in blocks
    assert all(last <= SERVER_RANGE[1] for _day, _first, last in blocks)

    receive_many(store, officer, 60)  # 50 from the province's block, then its own range
    receive_many(other, other_officer, 40, start=100)  # 29, then its own
    codes: dict[str, int] = {}
    for profile, workstation in ((store, 1), (other, 2)):
        with profile.session() as session:
            for code in session.scalars(select(Dossier.code)):
                sequence = int(code.rsplit("-", 1)[1])
                assert sequence <= SERVER_RANGE[1] or any(
                    first <= sequence <= last for first, last in offline_segments(workstation)
                )
                assert code not in codes
                codes[code] = workstation
        assert SyncEngine(profile, policy=CLIENT_RETRY).run_pass().all_acknowledged
    assert len(codes) == 100 and backend_store.report("H21.55.10")["dossiers"] == 100
