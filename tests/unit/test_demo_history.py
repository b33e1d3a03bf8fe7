"""A demo dossier's history matches its status (the events the services would have appended to get there),
and its sync state agrees with the status bar: nothing of a demo profile was ever sent, so every event is
waiting and every dossier says so."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest
from sqlalchemy import func, select

from desktop.core.status import NATIONAL_CODES, Status
from desktop.services import demo_rows
from desktop.services.accounts import sign_in
from desktop.services.demo import DEMO_PASSWORD, DEMO_USERNAME, seed_demo
from desktop.services.form_data import load_dossier_view
from desktop.services.intake import supplement_received
from desktop.services.sync_control import read_overview
from desktop.store.engine import Store
from desktop.store.events import typed
from desktop.store.models import Dossier, Event
from sync.client.records import to_record
from sync.client.status import dossier_sync
from sync.events import (
    Change,
    DueExtended,
    HandedOver,
    Rated,
    Received,
    Refused,
    ResultReady,
    ResultReturned,
    Stopped,
    SupplementReceived,
    SupplementRequested,
    Withdrawn,
    event_hash,
)

HISTORIES = {
    Status.RECEIVED: [Received.kind],
    Status.PROCESSING: [Received.kind, HandedOver.kind],
    Status.RESULT_READY: [Received.kind, HandedOver.kind, ResultReady.kind],
    Status.RETURNED: [Received.kind, HandedOver.kind, ResultReady.kind, ResultReturned.kind],
    Status.SUPPLEMENT_REQUESTED: [Received.kind, SupplementRequested.kind],
    Status.REFUSED: [Received.kind, Refused.kind],
    Status.STOPPED: [Received.kind, Stopped.kind],
    Status.WITHDRAWN: [Received.kind, Withdrawn.kind],
}
ROUND = [SupplementRequested.kind, SupplementReceived.kind]  # a closed supplement round during processing
OPTIONAL = {DueExtended.kind, Rated.kind}  # besides a closed round: an extension, a rating


def without_extras(kinds: list[str]) -> list[str]:
    """The kinds a dossier's status implies: its optional closed supplement round, extension and rating left out."""
    text = "|".join(k for k in kinds if k not in OPTIONAL)
    return text.replace("|" + "|".join(ROUND), "").split("|")


@pytest.fixture
def seeded(store: Store) -> Store:
    """A demo profile with every status: the statuses are dealt in turn instead of drawn by age (the moments
    and events of each are still made by the seeder)."""
    statuses = itertools.cycle(HISTORIES)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(demo_rows, "_status", lambda _roll, _age: next(statuses))
        patch.setattr(demo_rows, "KEPT_DUE", 0.0)  # no status changed for a passed appointment
        seed_demo(store, 12 * len(HISTORIES), seed=11, history_synced=False)
    return store


def test_each_dossier_has_the_events_of_its_status_in_order(seeded: Store) -> None:
    with seeded.session() as s:
        dossiers = s.scalars(select(Dossier)).all()
        by_dossier: dict[str, list[Event]] = {}
        for event in s.scalars(select(Event).order_by(Event.dossier_id, Event.seq)):
            by_dossier.setdefault(event.dossier_id, []).append(event)
        assert Counter(Status(d.status) for d in dossiers) == dict.fromkeys(HISTORIES, 12)
        for d in dossiers:
            history = by_dossier[d.id]
            kinds = [e.type for e in history]
            assert without_extras(kinds) == HISTORIES[Status(d.status)], d.code
            if Rated.kind in kinds:  # asked at the return
                assert kinds[-2:] == [ResultReturned.kind, Rated.kind]
            if (
                SupplementRequested.kind in kinds and d.status != Status.SUPPLEMENT_REQUESTED
            ):  # a closed round
                start = kinds.index(SupplementRequested.kind)
                assert kinds[start - 1 : start + 2] == [HandedOver.kind, *ROUND]
            prev = ""
            for seq, event in enumerate(history, start=1):
                assert (event.seq, event.prev_hash) == (seq, prev)
                assert event.hash == event_hash(prev, event.uuid, seq, event.type, event.payload)
                prev = event.hash
            times = [e.device_time for e in history]
            assert times == sorted(times), d.code
            last = typed([e for e in history if e.type != Rated.kind][-1])
            assert isinstance(last, Change | Received)
            assert (last.status, last.status_code) == (d.status, NATIONAL_CODES[Status(d.status)])
            record = to_record(last)
            assert record.TrangThaiHoSo == d.status_code  # the province's record ends where the dossier is
            if d.status == Status.RETURNED.value:
                assert (
                    record.NgayTra is not None
                    and d.returned_at == history[kinds.index(ResultReturned.kind)].device_time
                )
            if d.handed_over_at is not None:
                handed = typed(history[1])
                assert isinstance(handed, HandedOver) and handed.to_unit == d.processing_unit


def test_a_returned_demo_dossier_prints_its_hand_over_on_form_06(seeded: Store) -> None:
    with seeded.session() as s:
        code = s.scalars(select(Dossier.code).where(Dossier.status == Status.RETURNED.value)).first()
        assert code is not None
        view = load_dossier_view(s, code)
    assert len(view.handovers) == 1 and view.handovers[0].from_name == "BỘ PHẬN MỘT CỬA"
    assert view.handovers[0].result  # "Trước hạn" / "Đúng hạn" / "Quá hạn"


def test_every_demo_event_waits_and_the_badges_add_up_to_the_status_bar(seeded: Store) -> None:
    pending = read_overview(seeded).pending  # what the status bar shows
    with seeded.session() as s:
        assert set(s.scalars(select(Event.push_status))) == {"pending"}
        assert set(s.scalars(select(Dossier.sync_status))) == {"pending"}
        badges = [dossier_sync(s, d) for d in s.scalars(select(Dossier.id))]
        total = s.scalar(select(func.count()).select_from(Event))
    assert {b.state for b in badges} == {"pending"}
    assert sum(b.pending for b in badges) == pending == total


def test_a_dossier_awaiting_a_supplement_looks_as_the_service_leaves_it(seeded: Store) -> None:
    """Status 5 in the demo: the clock paused, the missing paper named, the event after the receipt; and
    the officer can practise "supplement received" on it (the appointment moves)."""
    with seeded.session() as s:
        waiting = s.scalars(select(Dossier).where(Dossier.status == Status.SUPPLEMENT_REQUESTED.value)).all()
        assert waiting
        for d in waiting:
            assert d.reason and [p.ended_at for p in d.pauses] == [None]
            assert d.pauses[0].started_at >= d.received_at
            assert [line.missing_note != "" for line in d.documents].count(True) == 1
            assert not next(line for line in d.documents if line.missing_note).received
            first, second = s.scalars(select(Event).where(Event.dossier_id == d.id).order_by(Event.seq))
            assert second.type == "supplement_requested" and second.prev_hash == first.hash
            assert second.hash == event_hash(
                first.hash, second.uuid, 2, "supplement_requested", second.payload
            )
            requested = typed(second)
            assert isinstance(requested, SupplementRequested)
            assert requested.paused_at == d.pauses[0].started_at
        code, due = waiting[0].code, waiting[0].due_at
    officer = sign_in(seeded, DEMO_USERNAME, DEMO_PASSWORD)
    state = supplement_received(seeded, officer, code)
    assert state.status == Status.RECEIVED.value and state.due_at is not None and state.due_at > due
