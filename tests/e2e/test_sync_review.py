"""Settling "Cần xem lại" (issue 20, lifecycle §7 rule 7): the officer keeps the counter's status or takes
the province's; a `review_resolved` event records the choice with both facts, clears the flag, leaves the
worklist and reaches the province with the next push (reference server on loopback, SQLite)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.cli import main
from desktop.core.errors import ValidationError
from desktop.services.accounts import SignedIn
from desktop.services.review import resolve_review
from desktop.services.withdrawal import withdraw
from desktop.services.worklists import needs_review as review_list
from desktop.store.engine import Store
from desktop.store.models import Event
from sync.server.models import ServerDossier
from sync.server.store import ServerStore
from sync.server.upstream import set_status
from tests.e2e.test_sync_changes import SQLITE_ONLY, counter, dossier, handed_over, sync

__all__ = ["counter"]  # the fixture, reused


def flagged(store: Store, officer: SignedIn, backend_store: ServerStore) -> str:
    """A dossier the counter withdrew offline while the province recorded its result: flagged."""
    [code] = handed_over(store, officer, 1)
    withdraw(store, officer, code)
    with backend_store.transaction() as session:
        set_status(session, code, 9, "Đã ký")
    assert sync(store).received_review == 1
    return code


def needs_review(store: Store) -> list[str]:
    return [row.code for row in review_list(store)]


def server_status(backend_store: ServerStore, code: str) -> int | None:
    with backend_store.transaction() as session:
        return session.scalars(select(ServerDossier.status_code).where(ServerDossier.code == code)).one()


@SQLITE_ONLY
def test_taking_the_provinces_status_settles_the_review_and_reaches_the_province(
    counter: tuple[Store, SignedIn], backend_store: ServerStore
) -> None:
    store, officer = counter
    code = flagged(store, officer, backend_store)
    assert needs_review(store) == [code]
    with pytest.raises(ValidationError, match="giữ trạng thái"):
        resolve_review(store, officer, code, "both")
    state = resolve_review(store, officer, code, "province", "Công dân nhận kết quả, không rút nữa")
    assert state.status == "result_ready"
    settled = dossier(store, code)
    assert (settled.review_note, settled.delivery_status) == ("", "at_counter")
    assert needs_review(store) == []
    with pytest.raises(ValidationError, match="không có gì cần xem lại"):
        resolve_review(store, officer, code, "counter")
    after = sync(store)
    assert (after.pushed, after.rejected) == (1, 0)  # the withdrawal the province refused stays refused
    with store.session() as session:
        last = session.execute(
            select(Event.type, Event.push_status, Event.payload)
            .where(Event.dossier_id == settled.id)
            .order_by(Event.seq.desc())
            .limit(1)
        ).one()
    assert (last.type, last.push_status) == ("review_resolved", "accepted")
    assert "Công dân yêu cầu rút hồ sơ" in last.payload["review_note"]
    assert server_status(backend_store, code) == 9


@SQLITE_ONLY
def test_keeping_the_counters_status_from_the_command_line(
    counter: tuple[Store, SignedIn], backend_store: ServerStore, capsys: pytest.CaptureFixture[str]
) -> None:
    store, officer = counter
    code = flagged(store, officer, backend_store)
    capsys.readouterr()
    args = ["--data-dir", str(store.profile.root), "dossier", "resolve-review", code, "--keep", "counter"]
    assert main([*args, "--note", "Công dân đã rút hồ sơ có đơn"]) == 0
    assert "Công dân yêu cầu rút hồ sơ" in capsys.readouterr().out
    assert (dossier(store, code).status, needs_review(store)) == ("withdrawn", [])
    after = sync(store)
    assert (after.pushed, after.rejected) == (1, 0)
    assert server_status(backend_store, code) == 7  # the counter's withdrawal, through the officer's choice
    assert main(args) == 2  # nothing left to settle: a Vietnamese message, exit 2
    assert "không có gì cần xem lại" in capsys.readouterr().err
