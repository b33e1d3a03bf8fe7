"""The way back (issue 20): steps made upstream come down to the counter through `GET /changes`, against the
reference server on loopback (SQLite and PostgreSQL): applied once, in one transaction per page with its
cursor, bad items refused with their reason in the pass history, conflicts settled by the lifecycle rules."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from desktop.core.worklists import Worklist
from desktop.services.accounts import SignedIn
from desktop.services.followup import hand_over
from desktop.services.result import return_result
from desktop.services.withdrawal import withdraw
from desktop.services.worklists import load_worklist
from desktop.store.engine import Store
from desktop.store.models import Dossier, Event, SyncRun
from sync.client import changes
from sync.client.config import put_state
from sync.client.http import SyncHttp
from sync.engine import PassResult, SyncEngine
from sync.protocol import ChangesPage
from sync.server.cli import main as server_main
from sync.server.models import ServerChange, ServerDossier
from sync.server.store import ServerStore
from sync.server.upstream import set_status
from tests.sync_helpers import (
    CLIENT_RETRY,
    UNIT_CODE,
    LoopbackServer,
    MemoryKeyring,
    enrol_store,
    receive_many,
)

SQLITE_ONLY = pytest.mark.parametrize("backend_url", ["sqlite"], indirect=True)


@pytest.fixture
def counter(
    ready_store: tuple[Store, SignedIn], e2e_server: LoopbackServer, memory_keyring: MemoryKeyring
) -> tuple[Store, SignedIn]:
    store, officer = ready_store
    enrol_store(store, e2e_server.url)
    return store, officer


def handed_over(store: Store, officer: SignedIn, count: int) -> list[str]:
    """`count` dossiers received and handed over at the counter, and synced: their codes."""
    codes = []
    for dossier_id in receive_many(store, officer, count):
        codes.append(hand_over(store, officer, dossier_id, "Phòng Tư pháp").code)
    assert sync(store).all_acknowledged
    return codes


def sync(store: Store) -> PassResult:
    return SyncEngine(store, policy=CLIENT_RETRY).run_pass("cli")


def dossier(store: Store, code: str) -> Dossier:
    with store.session() as session:
        found = session.scalars(select(Dossier).where(Dossier.code == code)).one()
        session.expunge(found)
        return found


def upstream_events(store: Store) -> list[tuple[str, str]]:
    with store.session() as session:
        rows = session.execute(
            select(Dossier.code, Event.push_status)
            .join(Dossier, Dossier.id == Event.dossier_id)
            .where(Event.type == "upstream_step")
            .order_by(Event.rowid)
        )
        return [(code, status) for code, status in rows]


@SQLITE_ONLY
def test_a_result_ready_upstream_shows_at_the_counter_and_is_returned_there(
    counter: tuple[Store, SignedIn],
    backend_url: str,
    backend_store: ServerStore,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from desktop.cli import main

    store, officer = counter
    [code] = handed_over(store, officer, 1)
    assert (
        server_main(["--db", backend_url, "admin", "set-status", code, "9", "--note", "Đã ký giấy phép"]) == 0
    )
    capsys.readouterr()
    assert main(["--data-dir", str(store.profile.root), "sync"]) == 0
    out = capsys.readouterr().out
    assert "Nhận về từ tỉnh: 1" in out and "Còn chờ gửi: 0" in out
    ready = dossier(store, code)
    assert (ready.status, ready.status_code, ready.delivery_status) == ("result_ready", 9, "at_counter")
    assert ready.finished_at is not None and ready.result_ready_at == ready.finished_at
    assert [row.code for row in load_worklist(store, Worklist.READY).rows] == [code]
    assert upstream_events(store) == [(code, "accepted")]  # in the chain, and back at the province
    return_result(store, officer, code)
    assert main(["--data-dir", str(store.profile.root), "sync"]) == 0
    with backend_store.transaction() as session:
        held = session.scalars(select(ServerDossier).where(ServerDossier.code == code)).one()
        assert held.status_code == 10 and held.record["NgayKetThucXuLy"] == ready.finished_at.strftime(
            "%Y%m%d%H%M%S"
        )
    assert backend_store.report(UNIT_CODE)["rejected_events"] == 0


def test_what_comes_back_is_applied_once_per_page_and_bad_items_are_refused_with_their_reason(
    counter: tuple[Store, SignedIn], backend_store: ServerStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, officer = counter
    first, second, _third = handed_over(store, officer, 3)
    with backend_store.transaction() as session:
        set_status(session, first, 9, "Đã ký")
        unit_id = backend_store.unit_by_code(session, UNIT_CODE).id
        # what a broken or newer server could send: another unit's dossier, a kind this client does not know
        foreign = set_status(session, second, 5, "Thiếu bản sao").model_dump(mode="json")
        session.add(
            ServerChange(unit_id=unit_id, kind="step", body={**foreign, "dossier_code": "H99.1-261203-0001"})
        )
        session.add(ServerChange(unit_id=unit_id, kind="catalogue", body={"version": "2027.01"}))
    monkeypatch.setattr("sync.engine.CHANGES_PAGE", 2)  # two pages of two

    # a page that fails half-way (its second item cannot be written) applies nothing and keeps the cursor
    real = changes.apply_step
    on_step(monkeypatch, 2, disk_error)
    with store.session() as session:
        before = changes.cursor(session)
    broken = sync(store)
    assert broken.outcome == "error" and "chưa áp dụng gì" in broken.message
    assert dossier(store, first).status == "processing" and upstream_events(store) == []
    with store.session() as session:
        assert changes.cursor(session) == before
    monkeypatch.setattr(changes, "apply_step", real)

    done = sync(store)
    assert (done.outcome, done.received, done.received_refused, done.pending) == ("ok", 2, 2, 0)
    notes = "\n".join(done.received_notes)
    assert "H99.1-261203-0001 không thuộc đơn vị" in notes and "'catalogue'" in notes
    assert dossier(store, first).status == "result_ready"
    waiting = dossier(store, second)
    assert (waiting.status, waiting.reason) == ("supplement_requested", "Thiếu bản sao")
    with store.session() as session:
        run = session.scalars(select(SyncRun).order_by(SyncRun.id.desc())).first()
        assert run is not None and (run.received, run.received_refused) == (2, 2)
        assert "không thuộc đơn vị" in run.message

    # the same pages delivered again (the cursor lost): nothing is applied twice
    with store.transaction() as session:
        put_state(session, changes.CURSOR, "")
    again = sync(store)
    assert (again.outcome, again.received, again.received_refused) == ("ok", 0, 2)
    assert upstream_events(store) == [(first, "accepted"), (second, "accepted")]
    with store.session() as session:
        assert (
            session.scalar(select(func.count()).select_from(Event).where(Event.push_status != "accepted"))
            == 0
        )
    assert backend_store.report(UNIT_CODE)["rejected_events"] == 0


def on_step(monkeypatch: pytest.MonkeyPatch, number: int, action: Callable[[], None]) -> None:
    """`action` run just before the `number`-th step is applied (it may raise)."""
    real = changes.apply_step
    calls = 0

    def wrapped(*args: object) -> object:
        nonlocal calls
        calls += 1
        if calls == number:
            action()
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(changes, "apply_step", wrapped)


def disk_error() -> None:
    raise OperationalError("INSERT", {}, Exception("disk I/O error"))


def changes_fetched(monkeypatch: pytest.MonkeyPatch) -> tuple[list[ChangesPage], threading.Event]:
    """Every `GET /changes` page the client receives, in order, and an event set once a third has come."""
    pages: list[ChangesPage] = []
    third = threading.Event()
    real = SyncHttp.call

    def call(self: SyncHttp, method: str, path: str, *args: Any, **kwargs: Any) -> Any:
        answer = real(self, method, path, *args, **kwargs)
        if path == "/changes":
            pages.append(answer)
            if len(pages) == 3:
                third.set()
        return answer

    monkeypatch.setattr(SyncHttp, "call", call)
    return pages, third


def three_pages_ready(
    counter: tuple[Store, SignedIn], backend_store: ServerStore, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[str], tuple[list[ChangesPage], threading.Event]]:
    """Five dossiers handed over, made result-ready upstream, coming down in pages [1, 2], [3, 4], [5]
    (their codes), and the pages the client receives (`changes_fetched`)."""
    store, officer = counter
    codes = handed_over(store, officer, 5)
    with backend_store.transaction() as session:
        for code in codes:
            set_status(session, code, 9, "Đã ký")
    monkeypatch.setattr("sync.engine.CHANGES_PAGE", 2)
    return codes, changes_fetched(monkeypatch)


def prefetch_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("sync-prefetch")]


def test_a_page_failing_while_the_next_was_prefetched_applies_nothing_of_it_and_keeps_the_cursor(
    counter: tuple[Store, SignedIn], backend_store: ServerStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, _officer = counter
    codes, (pages, third) = three_pages_ready(counter, backend_store, monkeypatch)
    real = changes.apply_step

    def fetched_then_failing() -> None:
        assert third.wait(30)
        disk_error()

    on_step(monkeypatch, 4, fetched_then_failing)  # the second page's second item, the third page fetched
    broken = sync(store)
    assert broken.outcome == "error" and "chưa áp dụng gì" in broken.message
    assert len(pages) == 3 and prefetch_threads() == []
    assert [dossier(store, code).status for code in codes] == ["result_ready"] * 2 + ["processing"] * 3
    assert [code for code, _ in upstream_events(store)] == codes[:2]
    with store.session() as session:
        assert changes.cursor(session) == pages[0].next_cursor  # the first page's, not the prefetched one's

    monkeypatch.setattr(changes, "apply_step", real)
    done = sync(store)
    assert (done.outcome, done.received, done.received_refused) == ("ok", 3, 0)
    assert [dossier(store, code).status for code in codes] == ["result_ready"] * 5
    assert prefetch_threads() == []


def test_a_pass_stopped_while_a_page_is_applied_stops_the_prefetch(
    counter: tuple[Store, SignedIn], backend_store: ServerStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, _officer = counter
    codes, (pages, _third) = three_pages_ready(counter, backend_store, monkeypatch)
    engine = SyncEngine(store, policy=CLIENT_RETRY)
    on_step(monkeypatch, 1, engine.cancel)  # the officer stops the pass while the first page is applied
    stopped = engine.run_pass("cli")
    assert stopped.outcome == "cancelled" and prefetch_threads() == []
    assert len(pages) == 2  # the second page was fetched ahead, never applied, and nothing after it
    assert [dossier(store, code).status for code in codes] == ["result_ready"] * 2 + ["processing"] * 3
    with store.session() as session:
        assert changes.cursor(session) == pages[0].next_cursor


@SQLITE_ONLY
def test_a_step_the_rules_cannot_settle_flags_the_dossier_for_review_keeping_both_facts(
    counter: tuple[Store, SignedIn], backend_store: ServerStore, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.cli import main

    store, officer = counter
    [code] = handed_over(store, officer, 1)
    withdraw(store, officer, code)  # offline: the citizen took the dossier back at the counter
    with backend_store.transaction() as session:
        set_status(session, code, 9, "Đã ký")  # meanwhile the body issued the result
    result = sync(store)
    assert (result.received, result.received_review) == (1, 1)
    flagged = dossier(store, code)
    assert flagged.status == "withdrawn"  # what the counter recorded stands
    assert "Đã xử lý xong" in flagged.review_note and "Công dân yêu cầu rút hồ sơ" in flagged.review_note
    with store.session() as session:
        kinds = list(
            session.scalars(select(Event.type).where(Event.dossier_id == flagged.id).order_by(Event.seq))
        )
    assert kinds[-2:] == ["withdrawn", "upstream_step"]  # both facts in the history
    capsys.readouterr()
    assert main(["--data-dir", str(store.profile.root), "worklist", "needs-review", "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert (listed["code"], listed["status"], listed["review_note"]) == (
        code,
        "withdrawn",
        flagged.review_note,
    )


def test_a_server_without_the_feed_still_takes_the_push_and_the_pass_ends_well(
    ready_store: tuple[Store, SignedIn], server_store: ServerStore, memory_keyring: MemoryKeyring
) -> None:
    store, officer = ready_store
    older = LoopbackServer(server_store)  # a provincial server from before `GET /changes`
    app = older.server.config.app
    app.router.routes = [r for r in app.router.routes if getattr(r, "path", "") != "/api/v1/changes"]
    older.start()
    try:
        enrol_store(store, older.url)
        receive_many(store, officer, 1)
        result = sync(store)
    finally:
        older.stop()
    assert (result.outcome, result.pushed, result.received, result.all_acknowledged) == ("ok", 1, 0, True)
