"""Every counter of the commune knows every dossier of the commune (issue 20, Deliver item 3): two
workstations of one unit against the reference server on loopback (SQLite and PostgreSQL), in-process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.core.worklists import Worklist
from desktop.scan.blobstore import BlobStore
from desktop.services.accounts import SignedIn
from desktop.services.attachments import blob_store
from desktop.services.end_of_day import load_end_of_day_view
from desktop.services.followup import hand_over
from desktop.services.result import record_result, return_result
from desktop.services.worklists import load_worklist, needs_review
from desktop.store import day_figures, settings
from desktop.store.engine import Store, open_store
from desktop.store.models import Dossier, Event
from desktop.store.queries import fetch_page
from sync.client import changes
from sync.client.reconcile import local_day
from sync.client.scan_fetch import fetch_scans, lacking_scans
from sync.client.status import dossier_sync
from sync.engine import PassResult, SyncEngine
from sync.events import event_hash
from sync.protocol import ChangesPage, DossierChange
from sync.server.models import ServerDossier, ServerEvent
from sync.server.store import ServerStore
from sync.server.upstream import changes_page, set_status
from sync.summary import summary_lines
from tests.e2e.test_sync_scans import scan_dossiers
from tests.sync_helpers import (
    CLIENT_RETRY,
    UNIT_CODE,
    LoopbackServer,
    MemoryKeyring,
    add_changes,
    enrol_store,
    receive_many,
    synthetic_name,
)

SQLITE_ONLY = pytest.mark.parametrize("backend_url", ["sqlite"], indirect=True)
Counter = tuple[Store, SignedIn]


@pytest.fixture
def counters(
    ready_store: Counter,
    second_workstation: Counter,
    e2e_server: LoopbackServer,
    memory_keyring: MemoryKeyring,
) -> tuple[Counter, Counter]:
    """Workstations 1 and 2 of the demo commune, both enrolled with the server."""
    enrol_store(ready_store[0], e2e_server.url)
    enrol_store(second_workstation[0], e2e_server.url)
    return ready_store, second_workstation


def sync(store: Store) -> PassResult:
    result = SyncEngine(store, policy=CLIENT_RETRY).run_pass("cli")
    assert result.outcome == "ok", result.message
    return result


def dossier(store: Store, code: str) -> Dossier:
    with store.session() as session:
        found = session.scalars(select(Dossier).where(Dossier.code == code)).one()
        session.expunge(found)
        return found


def papers(store: Store, code: str) -> list[tuple[str, int, int, list[str]]]:
    with store.session() as session:
        found = session.scalars(select(Dossier).where(Dossier.code == code)).one()
        return [
            (line.name, line.originals, line.copies, [scan.sha256 for scan in line.attachments])
            for line in found.documents
        ]


def dossier_code(store: Store, dossier_id: str) -> str:
    with store.session() as session:
        return session.get_one(Dossier, dossier_id).code


def chain_is_one_history(server: ServerStore, code: str) -> list[str]:
    """The province's chain of the dossier: sequences 1..n, each hash recomputed and linked; its UUIDs."""
    with server.transaction() as session:
        held = session.scalars(select(ServerDossier).where(ServerDossier.code == code)).one()
        events = session.scalars(
            select(ServerEvent).where(ServerEvent.dossier_id == held.id).order_by(ServerEvent.seq)
        ).all()
        before = ""
        for seq, event in enumerate(events, start=1):
            body = event.body
            assert event.seq == seq and body["prev_hash"] == before
            assert event_hash(before, event.uuid, seq, event.type, body["payload"]) == body["hash"]
            before = body["hash"]
        assert held.last_seq == len(events) and held.last_hash == before
        return [event.uuid for event in events]


def test_a_dossier_received_at_one_workstation_is_returned_at_another(
    counters: tuple[Counter, Counter], backend_store: ServerStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    (one, officer1), (two, officer2) = counters
    *handed, waiting = receive_many(one, officer1, 3)
    codes = [hand_over(one, officer1, i, "Phòng Tư pháp").code for i in handed]
    codes.append(dossier_code(one, waiting))
    assert sync(one).all_acknowledged
    assert sync(one).received_dossiers == ()  # its own dossiers never come back to it

    monkeypatch.setattr("sync.engine.CHANGES_PAGE", 2)  # the first pull of a new workstation, paged
    first = sync(two)
    assert sorted(first.received_dossiers) == sorted(codes) and first.received_refused == 0
    assert f"Hồ sơ từ máy trạm khác: 3 ({', '.join(first.received_dossiers)})" in summary_lines(first)
    assert first.pushed == 0 and first.pending == 0  # held by workstation 1: nothing to send from here
    code = codes[0]
    with two.session() as session:  # found by the applicant's name in the list's search
        assert [row.code for row in fetch_page(session, 0, 5, synthetic_name(1))] == [code]
    found = dossier(two, code)
    assert (found.status, found.processing_unit, found.sync_status) == (
        "processing",
        "Phòng Tư pháp",
        "synced",
    )
    assert papers(two, code) == papers(one, code) != []
    assert [row.code for row in load_worklist(two, Worklist.TO_HAND_OVER).rows] == [codes[2]]
    assert local_day(two, found.received_at.date()).dossiers == {}  # not in its end-of-day check

    record_result(two, officer2, code, document_number="12/GP")
    return_result(two, officer2, code, "Nguyễn Văn Nhận")
    back = sync(two)
    assert back.pushed == 2 and back.rejected == 0 and back.received_dossiers == ()

    after = sync(one)
    assert after.received_dossiers == (code,) and after.pushed == 0
    returned = dossier(one, code)
    assert (returned.status, returned.status_code, returned.delivery_status) == ("returned", 10, "delivered")
    assert returned.result_number == "12/GP" and returned.returned_at is not None
    assert code in {row.code for row in load_worklist(one, Worklist.RETURNED_TODAY).rows}
    day = returned.received_at.date()
    with one.session() as session, two.session() as other:  # each sheet counts its own workstation's work
        mine, theirs = load_end_of_day_view(session, day), load_end_of_day_view(other, day)
    assert (mine.received, mine.handed_over, mine.returned) == (3, 2, 0)
    assert (theirs.received, theirs.handed_over, theirs.returned) == (0, 0, 1)
    uuids = chain_is_one_history(backend_store, code)
    for store in (one, two):
        with store.session() as session:
            held = session.scalars(
                select(Event.uuid).join(Dossier, Dossier.id == Event.dossier_id).where(Dossier.code == code)
            ).all()
        assert sorted(held) == sorted(uuids)
    assert backend_store.report(UNIT_CODE)["rejected_events"] == 0


@SQLITE_ONLY
def test_two_workstations_returning_the_same_dossier_offline_keep_both_facts_and_one_history(
    counters: tuple[Counter, Counter], backend_store: ServerStore
) -> None:
    (one, officer1), (two, officer2) = counters
    [dossier_id] = receive_many(one, officer1, 1)
    code = hand_over(one, officer1, dossier_id, "Phòng Tư pháp").code
    sync(one)
    sync(two)
    for store, officer, taker in ((one, officer1, "Người Thứ Nhất"), (two, officer2, "Người Thứ Hai")):
        record_result(store, officer, code)  # both offline
        return_result(store, officer, code, taker)
    sync(one)  # the first takes the positions in the chain

    second = sync(two)  # answered `conflict`, then the first's events come down
    assert second.received_dossiers == (code,) and second.received_review == 1
    late = dossier(two, code)
    assert late.status == "returned" and late.sync_status == "rejected"
    assert "Máy trạm khác đã ghi hồ sơ ở 'Đã trả kết quả'" in late.review_note
    assert "Cần xem lại" in late.review_note
    assert late.id in {row.id for row in needs_review(two)}
    with two.session() as session:  # nothing it entered is lost: set aside with the reason
        kept = session.execute(
            select(Event.type, Event.push_status, Event.push_error)
            .where(Event.dossier_id == late.id)
            .order_by(Event.seq)
        ).all()
    assert [(kind, status) for kind, status, _ in kept[-2:]] == [
        ("result_ready", "conflict"),
        ("result_returned", "conflict"),
    ]
    assert "chưa gửi lên tỉnh" in kept[-1][2]
    uuids = chain_is_one_history(backend_store, code)
    assert sync(two).received == 0 and dossier(two, code).review_note == late.review_note  # settled once
    assert sync(one).received == 0
    with one.session() as session:
        assert sorted(session.scalars(select(Event.uuid).where(Event.dossier_id == late.id))) == sorted(uuids)
        assert session.get_one(Dossier, late.id).review_note == ""


@SQLITE_ONLY
def test_the_scans_of_another_workstations_dossier_come_down_when_it_is_opened_verified_by_hash(
    counters: tuple[Counter, Counter], e2e_server: LoopbackServer
) -> None:
    (one, officer1), (two, _officer2) = counters
    [dossier_id] = scan_dossiers(one, officer1, 1, pages=2)
    assert sync(one).scans_sent == 2
    assert sync(two).scans_sent == 0  # the scans' rows come with the records, their files on demand
    wanted = lacking_scans(two, dossier_id)
    assert len(wanted) == 2

    with two.transaction() as session:  # offline: a clear message, nothing kept
        settings.put(session, settings.SERVER_URL, "http://127.0.0.1:9")
    offline = fetch_scans(two, dossier_id)
    assert (offline.fetched, offline.lacking) == (0, 2)
    assert offline.message.startswith("Chưa tải được bản số hóa của hồ sơ từ máy chủ tỉnh (2 bản)")
    assert lacking_scans(two, dossier_id) == wanted

    with two.transaction() as session:
        settings.put(session, settings.SERVER_URL, e2e_server.url)
    fetched = fetch_scans(two, dossier_id)
    assert (fetched.fetched, fetched.lacking, fetched.message) == (2, 0, "")
    blobs, theirs = blob_store(two), blob_store(one)
    for sha256, _pages, _mime in wanted:
        assert blobs.verify(sha256) and blobs.read(sha256) == theirs.read(sha256)
    assert lacking_scans(two, dossier_id) == [] and fetch_scans(two, dossier_id).fetched == 0


@SQLITE_ONLY
def test_an_upstream_step_reaches_the_other_workstations_with_the_holders_chain(
    counters: tuple[Counter, Counter], backend_store: ServerStore
) -> None:
    (one, officer1), (two, _officer2) = counters
    [dossier_id] = receive_many(one, officer1, 1)
    code = hand_over(one, officer1, dossier_id, "Phòng Tư pháp").code
    sync(one)
    sync(two)
    with backend_store.transaction() as session:
        set_status(session, code, 9, "Đã ký giấy phép")
    early = sync(two)  # not its chain: the step waits for the holder's, nothing appended here
    assert (early.received, early.pushed, dossier(two, code).status) == (0, 0, "processing")
    assert sync(one).received == 1  # the holder appends it and sends it back
    later = sync(two)
    assert later.received_dossiers == (code,) and later.pushed == 0
    ready = dossier(two, code)
    assert (ready.status, ready.delivery_status, ready.review_note) == ("result_ready", "at_counter", "")
    chain_is_one_history(backend_store, code)


@SQLITE_ONLY
def test_a_dossier_whose_chain_does_not_verify_is_refused_with_its_reason_and_nothing_kept(
    counters: tuple[Counter, Counter], backend_store: ServerStore
) -> None:
    (one, officer1), (two, _officer2) = counters
    receive_many(one, officer1, 2)
    sync(one)
    with backend_store.transaction() as session:
        unit_id = backend_store.unit_by_code(session, UNIT_CODE).id
        page = changes_page(session, unit_id, 0, 10)
    first, second = page.items
    assert isinstance(first, DossierChange) and isinstance(second, DossierChange)
    altered = first.events[0].payload | {"summary": "Nội dung bị sửa trên đường truyền"}
    forged = first.model_copy(update={"events": [first.events[0].model_copy(update={"payload": altered})]})
    with two.transaction() as session:
        forged_page = page.model_copy(update={"items": [forged, second]})
        tally = changes.apply_page(session, forged_page, UNIT_CODE, blob_store(two))
    assert (tally.applied, tally.refused, tally.dossiers) == (1, 1, [second.dossier_code])
    assert tally.reasons == [
        f"Lịch sử hồ sơ {first.dossier_code} tỉnh gửi về không khớp mã kiểm tra (thay đổi #1): đã bỏ qua, "
        "hãy báo quản trị hệ thống tỉnh."
    ]
    with two.session() as session:
        assert session.get(Dossier, first.dossier_id) is None
        assert session.scalars(select(Event.dossier_id)).all() == [second.dossier_id]
    with two.transaction() as session:  # the same page again: nothing more
        again = changes.apply_page(
            session, page.model_copy(update={"items": [second]}), UNIT_CODE, blob_store(two)
        )
    assert (again.applied, again.repeated, again.refused) == (0, 1, 0)


def _rows(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every row a first pull writes, without the moments it was written and the papers' local ids."""
    volatile = {"created_at", "updated_at", "uploaded_at", "pushed_at", "id", "rowid"}
    tables = {
        "dossiers": "code",
        "applicants": "full_name, id",
        "document_lines": "dossier_id, position",
        "attachments": "dossier_id, sha256",
        "dossier_pauses": "dossier_id, started_at",
        "events": "dossier_id, seq",
    }
    out: dict[str, list[tuple[object, ...]]] = {}
    with store.engine.connect() as conn:
        for table, order in tables.items():
            result = conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY {order}")
            keep = [n for n, column in enumerate(result.keys()) if column not in volatile or column == order]
            out[table] = [tuple(row[n] for n in keep) for row in result]
    return out


@SQLITE_ONLY
def test_a_page_of_dossiers_applied_at_once_equals_its_items_one_by_one_and_the_first_workstation(
    counters: tuple[Counter, Counter], backend_store: ServerStore, tmp_path: Path
) -> None:
    (one, officer1), (two, _officer2) = counters
    handed, paused, waiting = receive_many(one, officer1, 3)
    hand_over(one, officer1, handed, "Phòng Tư pháp")
    add_changes(one, officer1, [paused])  # a supplement requested, then received: a pause, closed
    scanned = scan_dossiers(one, officer1, 1, pages=2)
    assert sync(one).all_acknowledged
    with backend_store.transaction() as session:
        unit = ServerStore.unit_by_code(session, UNIT_CODE)
        items = changes_page(session, unit.id, 0, 500).items
    assert len({item.dossier_code for item in items if isinstance(item, DossierChange)}) == 4
    items = [*items, items[0]]  # a dossier again in the same page
    root = two.profile.root
    two.close()
    shutil.copytree(root, tmp_path / "by-one")
    blobs = BlobStore(tmp_path / "blobs")
    at_once, by_one = open_store(root), open_store(tmp_path / "by-one")
    try:
        with at_once.transaction() as session:
            whole = changes.apply_page(session, ChangesPage(items=items, next_cursor="9"), UNIT_CODE, blobs)
        alone = changes.PullTally()
        with by_one.transaction() as session:
            for n, item in enumerate(items):
                page = ChangesPage(items=[item], next_cursor=str(n))
                alone.add(changes.apply_page(session, page, UNIT_CODE, blobs))
        assert whole == alone and (whole.applied, whole.repeated, whole.refused) == (4, 1, 0)
        made = _rows(at_once)
        assert made == _rows(by_one)
        with at_once.session() as session:  # the sync state written with the dossiers is the rule's
            states = {d.id: (d.sync_status, d.sync_error) for d in session.scalars(select(Dossier))}
            assert states == {
                i: ((state := dossier_sync(session, i)).state, state.message) for i in states
            } and set(states.values()) == {("synced", "")}
        for store in (at_once, by_one):
            with store.engine.connect() as conn:
                assert day_figures.differences(conn) == 0
        source = _rows(one)
        for table in ("dossiers", "document_lines", "attachments", "dossier_pauses"):
            assert len(made[table]) == len(source[table]) > 0, table
        for dossier_id in (handed, paused, waiting, *scanned):
            theirs, mine = (
                dossier(at_once, dossier_code(one, dossier_id)),
                dossier(one, dossier_code(one, dossier_id)),
            )
            for field in ("status", "status_code", "received_at", "due_at", "processing_unit", "reason"):
                assert getattr(theirs, field) == getattr(mine, field), field
            assert papers(at_once, theirs.code) == papers(one, mine.code)
        with at_once.session() as session, one.session() as source_session:
            pauses = [
                [(p.started_at, p.ended_at, p.reason) for p in s.get_one(Dossier, paused).pauses]
                for s in (session, source_session)
            ]
        assert pauses[0] == pauses[1] != []
    finally:
        at_once.close()
        by_one.close()
