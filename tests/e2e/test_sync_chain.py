"""The province verifies each dossier's chain of events through the real server (SQLite and PostgreSQL):
it recomputes every event's hash from the payload it receives (`sync.events`), takes an honest history
and refuses a change whose content was altered after it was written, with a Vietnamese reason the
officer sees on the dossier."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select, text

from desktop.core.timeutil import VN_TZ
from desktop.services.accounts import SignedIn
from desktop.services.intake import receive_dossier, refuse
from desktop.store.engine import Store
from desktop.store.models import Event
from sync.client.records import to_wire
from sync.client.status import dossier_sync
from sync.engine import SyncEngine
from sync.events import HASH_MISMATCH
from sync.server.models import ServerEvent
from sync.server.store import ServerStore
from tests.e2e.test_sync_supplements import _push
from tests.sync_helpers import (
    CLIENT_RETRY,
    OFFICER,
    LoopbackServer,
    MemoryKeyring,
    client_state,
    enrol_store,
    make_draft,
    server_state,
)

MONDAY_8 = datetime(2026, 11, 30, 8, 0, tzinfo=VN_TZ)


def _refused_dossier(store: Store, officer: SignedIn, n: int) -> str:
    result = receive_dossier(store, officer, make_draft(store, n), received_at=MONDAY_8)
    refuse(store, officer, result.code, "Không thuộc thẩm quyền của xã", at=MONDAY_8.replace(hour=9))
    return result.id


def test_an_honest_history_is_taken_and_every_hash_was_recomputed(
    ready_store: tuple[Store, SignedIn],
    e2e_server: LoopbackServer,
    backend_store: ServerStore,
    memory_keyring: MemoryKeyring,
) -> None:
    store, officer = ready_store
    enrol_store(store, e2e_server.url)
    ids = [_refused_dossier(store, officer, n) for n in (1, 2)]
    assert SyncEngine(store, policy=CLIENT_RETRY).run_pass().all_acknowledged
    assert {k: v for k, v in server_state(backend_store).items() if k in ids} == {
        k: v for k, v in client_state(store).items() if k in ids
    }
    with backend_store.transaction() as session:
        stored = session.scalars(select(ServerEvent).where(ServerEvent.dossier_id.in_(ids))).all()
    assert len(stored) == 4 and {e.status for e in stored} == {"accepted"}
    assert all(e.body["payload"] for e in stored)  # the server had what it needed to check each hash


def test_a_payload_altered_after_it_was_written_is_refused_with_its_reason(
    ready_store: tuple[Store, SignedIn],
    e2e_server: LoopbackServer,
    memory_keyring: MemoryKeyring,
) -> None:
    store, officer = ready_store
    enrol_store(store, e2e_server.url)
    tampered_id = _refused_dossier(store, officer, 1)
    honest_id = _refused_dossier(store, officer, 2)
    with store.transaction() as session:  # someone edits the profile's file outside the application
        session.execute(text("DROP TRIGGER events_no_rewrite"))
        event = session.scalars(select(Event).where(Event.dossier_id == tampered_id, Event.seq == 2)).one()
        altered = {**event.payload, "reason": "Lý do đã bị sửa"}
        session.execute(
            text("UPDATE events SET payload = :payload WHERE uuid = :uuid"),
            {"payload": json.dumps(altered, ensure_ascii=False), "uuid": event.uuid},
        )
    result = SyncEngine(store, policy=CLIENT_RETRY).run_pass()
    assert (result.pushed, result.rejected) == (3, 1)
    with store.session() as session:
        tampered, honest = dossier_sync(session, tampered_id), dossier_sync(session, honest_id)
    assert honest.state == "synced"
    assert tampered.state == "rejected" and tampered.problems[0].seq == 2
    assert HASH_MISMATCH in tampered.problems[0].reason and "không khớp" in tampered.message


def test_a_wire_payload_that_does_not_match_its_hash_is_rejected_on_field_hash(
    ready_store: tuple[Store, SignedIn],
    e2e_server: LoopbackServer,
    memory_keyring: MemoryKeyring,
) -> None:
    store, officer = ready_store
    enrol_store(store, e2e_server.url)
    dossier_id = _refused_dossier(store, officer, 1)
    with store.session() as session:
        events = [
            to_wire(e, OFFICER)
            for e in session.scalars(select(Event).where(Event.dossier_id == dossier_id).order_by(Event.seq))
        ]
    assert events[1].payload is not None
    events[1] = events[1].model_copy(update={"payload": {**events[1].payload, "reason": "khác"}})
    results = _push(store, e2e_server, events)
    assert [r["status"] for r in results] == ["accepted", "rejected"]
    assert (results[1]["field"], results[1]["reason"]) == ("hash", HASH_MISMATCH)
