"""The province checks history, not only shape (issue 23, item 4), through the real server on loopback:
every honest history is taken, and a valid device token cannot rewrite one: a reception date moved to
2020, an officer of another commune, a status going backwards, a payload that does not match its hash,
a moment in the future or before the previous step, a channel, applicant or procedure changed after
reception. Each forgery is answered `rejected` with its reason and field, stored but not applied.

The explicit cases run on SQLite, and all of them once more on one PostgreSQL server; the property-based
ones (`hypothesis`, bounded: a few seconds) on SQLite.
"""

from __future__ import annotations

from datetime import timedelta
from itertools import count

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desktop.services.accounts import SignedIn
from desktop.services.intake import receive_dossier
from desktop.store.engine import Store
from desktop.store.models import Dossier, Event
from sync.client.status import dossier_sync
from sync.common.timeutil import now_local
from sync.engine import SyncEngine
from sync.server.models import ServerDossier, ServerEvent
from sync.server.store import ServerStore
from tests.e2e.history_streams import (
    FORGERIES,
    OTHER_OFFICER,
    OTHER_UNIT,
    honest_steps,
    new_dossier,
    on_the_wire,
    push,
)
from tests.sync_helpers import (
    CLIENT_RETRY,
    OFFICER,
    PASSWORD,
    LoopbackServer,
    MemoryKeyring,
    enrol_store,
    make_draft,
)

NUMBERS = count(1)
PROPERTY = settings(
    max_examples=80,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _token(store: ServerStore) -> str:
    store.create_unit(OTHER_UNIT, "Xã Ia Khai")
    store.create_officer(OTHER_UNIT, OTHER_OFFICER, PASSWORD, "Cán bộ xã khác")
    return store.enrol(OFFICER, PASSWORD, "kiểm thử lịch sử").token


def _held(store: ServerStore, dossier_id: str) -> tuple[int | None, dict[str, object]]:
    with store.transaction() as session:
        dossier = session.get_one(ServerDossier, dossier_id)
        return dossier.status_code, dict(dossier.record)


def _check_forgery(
    server: LoopbackServer, store: ServerStore, token: str, name: str, choices: list[int], at: int
) -> None:
    """Push an honest history whose event `at` (1-based among the later events) is forged by `name`:
    everything before is accepted, the forgery is rejected on its field and changes nothing."""
    field, forge = FORGERIES[name]
    dossier_id, code = new_dossier(next(NUMBERS))
    steps = honest_steps(dossier_id, code, now_local() - timedelta(days=3), choices)
    events = on_the_wire(dossier_id, steps)
    if len(events) < 2:
        return
    i = 1 + (at - 1) % (len(events) - 1)
    before = steps[i - 1][0].status
    forged = forge(events[i], events[i - 1], before)
    honest_prefix = events[:i]
    results = push(server.url, token, [*honest_prefix, forged])
    assert [r["status"] for r in results[:i]] == ["accepted"] * i
    assert (results[i]["status"], results[i]["field"]) == ("rejected", field), (name, forged, results[i])
    assert results[i]["reason"]
    status, record = _held(store, dossier_id)
    assert status == before
    assert record["NgayTiepNhan"] == events[0].record.NgayTiepNhan
    assert record["ChuHoSo"] == events[0].record.ChuHoSo and record["MaTTHC"] == events[0].record.MaTTHC


# --- the findings, one by one (SQLite), then all on one server (SQLite and PostgreSQL) -----------


@pytest.mark.parametrize("name", list(FORGERIES))
def test_a_forged_later_event_is_rejected_with_its_field_and_changes_nothing(
    name: str, sync_server: LoopbackServer, server_store: ServerStore
) -> None:
    token = _token(server_store)
    # received -> handed over -> result ready -> returned: the forgery is the return (seq 4)
    _check_forgery(sync_server, server_store, token, name, [0, 0, 0], at=3)


def test_every_forgery_is_rejected_on_each_backend(
    e2e_server: LoopbackServer, backend_store: ServerStore
) -> None:
    token = _token(backend_store)
    for name in FORGERIES:
        _check_forgery(e2e_server, backend_store, token, name, [0, 0, 0], at=3)


def test_the_rejection_is_stored_with_its_reason_and_the_history_goes_on(
    sync_server: LoopbackServer, server_store: ServerStore
) -> None:
    token = _token(server_store)
    dossier_id, code = new_dossier(next(NUMBERS))
    steps = honest_steps(dossier_id, code, now_local() - timedelta(days=1), [0, 0])
    events = on_the_wire(dossier_id, steps)
    backwards = events[2].model_copy(
        update={"record": events[2].record.model_copy(update={"TrangThaiHoSo": 1})}
    )
    results = push(sync_server.url, token, [events[0], events[1], backwards])
    assert [r["status"] for r in results] == ["accepted", "accepted", "rejected"]
    assert "trạng thái 4 sang 1" in results[2]["reason"]
    with server_store.transaction() as session:
        stored = session.get_one(ServerEvent, backwards.uuid)
        assert (stored.status, stored.field) == ("rejected", "TrangThaiHoSo")
    assert _held(server_store, dossier_id)[0] == 4
    # the same event again gets the same answer; nothing is applied twice
    assert push(sync_server.url, token, [backwards])[0]["status"] == "rejected"


def test_a_dossier_cannot_start_at_a_later_status(
    sync_server: LoopbackServer, server_store: ServerStore
) -> None:
    """A first event that says the result was already returned, or one after a refused intake, is not a
    reception: refused on the status (the first event is stored as rejected and creates nothing)."""
    token = _token(server_store)
    dossier_id, code = new_dossier(next(NUMBERS))
    steps = honest_steps(dossier_id, code, now_local() - timedelta(days=1), [0, 0, 0])
    events = on_the_wire(dossier_id, steps)
    returned_at_once = events[0].model_copy(
        update={"record": events[0].record.model_copy(update={"TrangThaiHoSo": 10})}
    )
    results = push(sync_server.url, token, [returned_at_once])
    assert (results[0]["status"], results[0]["field"]) == ("rejected", "TrangThaiHoSo")
    # the next event carries every creation field and a later status: not a reception either
    then = events[1].model_copy(update={"record": events[0].record.model_copy(update={"TrangThaiHoSo": 10})})
    assert (push(sync_server.url, token, [then])[0]["field"]) == "TrangThaiHoSo"
    assert _held(server_store, dossier_id)[0] is None


# --- property-based: honest streams taken, every forgery refused (SQLite) ---------------------------------

CHOICES = st.lists(st.integers(min_value=0, max_value=50), min_size=0, max_size=7)


@pytest.mark.slow
def test_every_honest_history_is_accepted(sync_server: LoopbackServer, server_store: ServerStore) -> None:
    token = _token(server_store)

    @PROPERTY
    @given(choices=CHOICES, days_ago=st.integers(min_value=1, max_value=400))
    def run(choices: list[int], days_ago: int) -> None:
        dossier_id, code = new_dossier(next(NUMBERS))
        steps = honest_steps(dossier_id, code, now_local() - timedelta(days=days_ago), choices)
        results = push(sync_server.url, token, on_the_wire(dossier_id, steps))
        assert [r["status"] for r in results] == ["accepted"] * len(steps), results
        assert _held(server_store, dossier_id)[0] == steps[-1][0].status

    run()


@pytest.mark.slow
def test_every_forgery_of_one_field_is_refused(
    sync_server: LoopbackServer, server_store: ServerStore
) -> None:
    token = _token(server_store)

    @settings(PROPERTY, max_examples=150)
    @given(
        name=st.sampled_from(sorted(FORGERIES)),
        choices=CHOICES.filter(lambda c: len(c) >= 1),
        at=st.integers(min_value=1, max_value=8),
    )
    def run(name: str, choices: list[int], at: int) -> None:
        _check_forgery(sync_server, server_store, token, name, choices, at)

    run()


# --- the workstation's side: a refused change is kept and shown on its dossier ---------------------------


def test_a_change_the_province_refuses_is_kept_and_shown_on_its_dossier(
    second_workstation: tuple[Store, SignedIn],
    sync_server: LoopbackServer,
    server_store: ServerStore,
    memory_keyring: MemoryKeyring,
) -> None:
    """This workstation's officer (`canbo2`) has the username of a provincial account of another commune:
    the province refuses the intake on the officer; the workstation keeps the change, says why on the
    dossier, and sends nothing again."""
    store, officer = second_workstation
    server_store.create_unit(OTHER_UNIT, "Xã Ia Khai")
    server_store.create_officer(OTHER_UNIT, officer.username, PASSWORD, "Cán bộ xã khác")
    enrol_store(store, sync_server.url)
    dossier_id = receive_dossier(store, officer, make_draft(store, 1)).id
    result = SyncEngine(store, policy=CLIENT_RETRY).run_pass()
    assert (result.pushed, result.rejected, result.pending) == (0, 1, 0)
    with store.session() as session:
        shown = dossier_sync(session, dossier_id)
        kept = session.scalars(select(Event).where(Event.dossier_id == dossier_id)).all()
        dossier = session.get_one(Dossier, dossier_id)
    assert shown.state == "rejected" and shown.problems[0].seq == 1
    assert f"Cán bộ '{officer.username}' không thuộc đơn vị" in shown.message
    assert "cán bộ ghi nhận" in shown.message and dossier.sync_error == shown.message
    assert [(e.seq, e.push_status) for e in kept] == [(1, "rejected")]
    again = SyncEngine(store, policy=CLIENT_RETRY).run_pass()
    assert (again.pushed, again.rejected, again.pending) == (0, 0, 0)
