"""The dossier view's data: header facts, pauses, sync state, allowed actions; returning the result."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, update

from desktop.core.actions import ACTIONS, Action, allowed_actions
from desktop.core.errors import ValidationError
from desktop.core.timeutil import VN_TZ
from desktop.services.accounts import SignedIn
from desktop.services.dossier_detail import current_letter, load_detail
from desktop.services.followup import hand_over
from desktop.services.intake import (
    MissingItem,
    receive_dossier,
    request_supplement,
)
from desktop.services.result import record_result, return_result
from desktop.store.engine import Store
from desktop.store.events import typed
from desktop.store.models import Dossier, Event
from sync.events import ResultReturned
from tests.factories import intake_draft

MONDAY_9 = datetime(2026, 10, 5, 9, 0, tzinfo=VN_TZ)  # received then: overdue by now


@pytest.fixture
def received(ready_store: tuple[Store, SignedIn]) -> str:
    store, officer = ready_store
    return receive_dossier(store, officer, intake_draft(store), received_at=MONDAY_9).code


def test_header_lines_and_actions_of_a_received_dossier(ready_store, received: str) -> None:  # type: ignore[no-untyped-def]
    store, _officer = ready_store
    detail = load_detail(store, received, now=MONDAY_9 + timedelta(hours=1))
    assert detail.code == received and detail.status == "received"
    assert detail.applicant_name == "Nguyễn Văn Mẫu" and detail.received_at == MONDAY_9
    assert detail.due_at is not None and detail.due_at > MONDAY_9 and not detail.overdue
    assert load_detail(store, detail.id, now=detail.due_at + timedelta(minutes=1)).overdue
    assert len(detail.lines) >= 2 and detail.digitised_lines == 0
    assert [line.number for line in detail.lines] == list(range(1, len(detail.lines) + 1))
    assert detail.sync.state == "pending" and detail.sync.pending == 1
    assert [e.type for e in detail.events] == ["received"] and detail.events[0].officer == "Nguyễn Thị Hằng"
    assert "supplement" in detail.actions and "supplement_received" not in detail.actions
    choices = detail.extension_choices
    assert len(choices) == 10 and choices[0] > detail.due_at and list(choices) == sorted(choices)
    assert all(c.weekday() < 6 for c in choices)  # never a Sunday


def test_a_supplement_request_shows_the_clock_stopped(ready_store, received: str) -> None:  # type: ignore[no-untyped-def]
    store, officer = ready_store
    at = MONDAY_9 + timedelta(hours=1)
    request_supplement(store, officer, received, [MissingItem("thiếu", position=2)], "Thiếu giấy", at=at)
    detail = load_detail(store, received, now=at + timedelta(hours=2))
    assert detail.paused == timedelta(hours=2) and detail.paused_since == at
    assert detail.reason == "Thiếu giấy" and not detail.overdue
    assert not detail.lines[1].received and detail.lines[1].missing_note == "thiếu"
    # the one table (test_actions); settling "Cần xem lại" only while flagged
    assert detail.actions == allowed_actions("supplement_requested") - {Action.RESOLVE_REVIEW}
    assert {"supplement_received", "refuse", "extend", "stop"} <= detail.actions
    assert not {"supplement", "hand_over", "return_result"} & detail.actions


def test_sync_state_comes_from_the_outbox(ready_store, received: str) -> None:  # type: ignore[no-untyped-def]
    store, _officer = ready_store
    with store.transaction() as session:
        session.execute(update(Event).values(push_status="accepted"))
    assert load_detail(store, received).sync.state == "synced"
    with store.transaction() as session:
        session.execute(update(Event).values(push_status="rejected", push_error="Mã hồ sơ không hợp lệ."))
    sync = load_detail(store, received).sync
    assert sync.state == "rejected" and [(p.seq, p.reason) for p in sync.problems] == [
        (1, "Mã hồ sơ không hợp lệ.")
    ]


def test_return_result_after_hand_over(ready_store, received: str) -> None:  # type: ignore[no-untyped-def]
    store, officer = ready_store
    with pytest.raises(ValidationError, match="không thể trả kết quả"):
        return_result(store, officer, received)
    hand_over(store, officer, received, "Công chức Tư pháp - Hộ tịch", at=MONDAY_9 + timedelta(hours=1))
    with pytest.raises(ValidationError, match="'Đang xử lý', không thể trả kết quả"):
        return_result(store, officer, received)
    record_result(store, officer, received, at=MONDAY_9 + timedelta(hours=5))
    state = return_result(store, officer, received, "Nguyễn Văn Mẫu", at=MONDAY_9 + timedelta(days=1))
    assert state.status == "returned" and state.status_code == 10
    with store.session() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.code == received)).one()
        assert dossier.returned_at == MONDAY_9 + timedelta(days=1) and dossier.result_ready_at is not None
        last = session.scalars(
            select(Event).where(Event.dossier_id == dossier.id).order_by(Event.seq.desc())
        ).first()
        assert (
            last is not None
            and last.type == "result_returned"
            and isinstance(returned := typed(last), ResultReturned)
            and returned.receiver == "Nguyễn Văn Mẫu"
        )
    actions = load_detail(store, received).actions
    assert {"reprint_receipt", "control_slip"} <= actions
    assert not [action for action in actions if ACTIONS[action].leads_to]  # nothing moves a returned one


def test_the_letter_that_can_be_printed_again() -> None:
    assert current_letter("supplement_requested", False) == "supplement"
    assert current_letter("refused", True) == "refusal"
    assert current_letter("stopped", True) == "stop"
    assert current_letter("processing", True) == "apology"
    assert current_letter("processing", False) == ""
    assert current_letter("returned", True) == ""  # the apology no longer applies
    assert current_letter("no-such-status", True) == ""
