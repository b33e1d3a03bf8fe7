"""Withdrawal, rating and undo by a correcting event (issue 16 items 1, 3, 6; lifecycle §2, §4, §1.4)."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from desktop.core.errors import ValidationError
from desktop.services.accounts import SignedIn
from desktop.services.corrections import undo_last_step
from desktop.services.followup import hand_over
from desktop.services.intake import MissingItem, receive_dossier, request_supplement
from desktop.services.result import record_result, return_result
from desktop.services.withdrawal import WithdrawalRequest, rate, withdraw
from desktop.store.engine import Store
from desktop.store.events import typed
from desktop.store.models import Dossier, DossierPause, Event, Officer
from sync.events import Corrected, Rated, Withdrawn
from tests.clock import Clock
from tests.factories import intake_draft

MONDAY_9 = datetime(2026, 10, 5, 9, 0)


@pytest.fixture
def counter(ready_store: tuple[Store, SignedIn], clock: Clock) -> tuple[Store, SignedIn, str]:
    store, officer = ready_store
    clock.set(MONDAY_9)
    code = receive_dossier(store, officer, intake_draft(store)).code
    return store, officer, code


def _dossier(store: Store, code: str) -> Dossier:
    with store.session() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.code == code)).one()
        session.expunge(dossier)
        return dossier


def _events(store: Store, code: str) -> list[Event]:
    with store.session() as session:
        dossier_id = session.scalars(select(Dossier.id).where(Dossier.code == code)).one()
        rows = list(session.scalars(select(Event).where(Event.dossier_id == dossier_id).order_by(Event.seq)))
        for row in rows:
            session.expunge(row)
        return rows


def _all_events(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(Event)) or 0)


def test_withdrawal_ends_the_dossier_with_its_request(counter, clock: Clock) -> None:  # type: ignore[no-untyped-def]
    store, officer, code = counter
    hand_over(store, officer, code, "Công chức Tư pháp")
    clock.advance(timedelta(hours=2))
    state = withdraw(store, officer, code)
    assert (state.status, state.status_code) == ("withdrawn", 7)
    dossier = _dossier(store, code)
    assert dossier.finished_at is not None and dossier.finished_at.replace(
        tzinfo=None
    ) == MONDAY_9 + timedelta(hours=2)
    assert dossier.reason == "Theo đề nghị của người nộp hồ sơ"
    event = typed(_events(store, code)[-1])
    assert isinstance(event, Withdrawn)
    assert event.previous_status == "processing" and event.paper_request_kept and event.originals_returned
    assert event.requester_kind == "owner" and event.requester_id_number  # the owner, as received
    assert event.requester_name and event.finished_at == event.withdrawn_at


def test_an_authorised_requester_needs_the_authorisation(counter) -> None:  # type: ignore[no-untyped-def]
    store, officer, code = counter
    before = _all_events(store)
    with pytest.raises(ValidationError) as refused:
        withdraw(
            store,
            officer,
            code,
            WithdrawalRequest(
                requester_kind="authorised", requester_name="Trần Thị B", requester_id_number="001"
            ),
        )
    assert "ủy quyền" in str(refused.value)
    assert _all_events(store) == before and _dossier(store, code).status == "received"
    withdraw(
        store,
        officer,
        code,
        WithdrawalRequest(
            requester_kind="authorised",
            requester_name="Trần Thị B",
            requester_id_number="001090000123",
            authorisation_ref="Giấy ủy quyền số 12/UQ ngày 04/10/2026",
        ),
    )
    event = typed(_events(store, code)[-1])
    assert isinstance(event, Withdrawn) and event.requester_name == "Trần Thị B"
    assert event.authorisation_ref.startswith("Giấy ủy quyền")


def test_withdrawing_a_returned_dossier_is_refused_and_changes_nothing(counter) -> None:  # type: ignore[no-untyped-def]
    store, officer, code = counter
    hand_over(store, officer, code, "Tư pháp")
    record_result(store, officer, code)
    return_result(store, officer, code)
    before = _all_events(store)
    with pytest.raises(ValidationError) as refused:
        withdraw(store, officer, code)
    assert str(refused.value).startswith(
        f"Hồ sơ {code} đang ở trạng thái 'Đã trả kết quả', không thể rút hồ sơ. Có thể: "
    )
    assert "ghi nhận đánh giá" in str(refused.value)
    assert _all_events(store) == before and _dossier(store, code).status == "returned"


def test_withdrawal_closes_the_supplement_pause_and_undo_reopens_it(counter, clock: Clock) -> None:  # type: ignore[no-untyped-def]
    store, officer, code = counter
    request_supplement(
        store, officer, code, [MissingItem("Bản sao giấy khai sinh", position=1)], "Thiếu giấy"
    )
    clock.advance(timedelta(hours=1))
    withdraw(store, officer, code)
    with store.session() as session:
        pauses = list(session.scalars(select(DossierPause)))
        assert [p.ended_at is not None for p in pauses] == [True]
    state = undo_last_step(store, officer, code, "Công dân đổi ý, không rút nữa")
    assert state.status == "supplement_requested"
    dossier = _dossier(store, code)
    assert dossier.finished_at is None and dossier.reason == "Thiếu giấy"
    with store.session() as session:
        assert [p.ended_at for p in session.scalars(select(DossierPause))] == [None]


def test_rating_once_a_reason_for_dissatisfied_and_never_before_intake(counter) -> None:  # type: ignore[no-untyped-def]
    store, officer, code = counter
    with pytest.raises(ValidationError) as no_reason:
        rate(store, officer, code, "dissatisfied")
    assert "lý do" in str(no_reason.value) and "Không hài lòng" in str(no_reason.value)
    with pytest.raises(ValidationError) as bad_level:
        rate(store, officer, code, "happy")
    assert "không hợp lệ" in str(bad_level.value)
    rate(store, officer, code, "satisfied")
    assert _dossier(store, code).rating == 4
    before = _all_events(store)
    with pytest.raises(ValidationError) as twice:
        rate(store, officer, code, "very_satisfied")
    assert "đã được đánh giá ('Hài lòng')" in str(twice.value)
    assert _all_events(store) == before and _dossier(store, code).rating == 4
    event = typed(_events(store, code)[-1])
    assert isinstance(event, Rated) and (event.level, event.stage, event.source) == (
        "satisfied",
        "reception",  # rated before any result
        "officer_screen",
    )


def test_a_rating_entered_by_mistake_is_corrected_then_rated_again(counter) -> None:  # type: ignore[no-untyped-def]
    store, officer, code = counter
    rate(store, officer, code, "dissatisfied", "Chờ lâu")
    undo_last_step(store, officer, code, "Bấm nhầm phím")
    assert _dossier(store, code).rating is None
    rate(store, officer, code, "very_satisfied")
    assert _dossier(store, code).rating == 5
    kinds = [e.type for e in _events(store, code)]
    assert kinds == ["received", "rated", "corrected", "rated"]
    corrected = typed(_events(store, code)[2])
    assert (
        isinstance(corrected, Corrected) and corrected.corrected_kind == "rated" and corrected.rating is None
    )


def test_undo_a_hand_over_goes_back_to_received_and_nothing_is_deleted(counter) -> None:  # type: ignore[no-untyped-def]
    store, officer, code = counter
    hand_over(store, officer, code, "Nhầm bộ phận")
    handed = _events(store, code)[-1]
    counts = [_all_events(store)]
    state = undo_last_step(store, officer, code, "Chuyển nhầm hồ sơ")
    counts.append(_all_events(store))
    assert state.status == "received" and state.status_code == 2
    dossier = _dossier(store, code)
    assert dossier.handed_over_at is None and dossier.processing_unit == ""
    corrected = typed(_events(store, code)[-1])
    assert isinstance(corrected, Corrected)
    assert (corrected.corrected_uuid, corrected.corrected_seq, corrected.corrected_kind) == (
        handed.uuid,
        handed.seq,
        "handed_over",
    )
    assert corrected.previous_status == "processing" and corrected.status == "received"
    assert corrected.reason == "Chuyển nhầm hồ sơ"
    hand_over(store, officer, code, "Công chức Tư pháp")  # the right hand-over
    counts.append(_all_events(store))
    assert counts == sorted(set(counts))  # only grows
    assert [e.type for e in _events(store, code)] == ["received", "handed_over", "corrected", "handed_over"]


def test_undo_is_refused_for_another_officer_another_day_or_twice(counter, clock: Clock) -> None:  # type: ignore[no-untyped-def]
    store, officer, code = counter
    with pytest.raises(ValidationError) as nothing:
        undo_last_step(store, officer, code, "Nhầm")
    assert "chưa có bước nào" in str(nothing.value)
    withdraw(store, officer, code)
    with store.transaction() as session:
        other = Officer(unit_id=officer.unit_id, username="canbo2", full_name="Lê Văn C", password_hash="x")
        session.add(other)
        session.flush()
        other_id = other.id
    colleague = dataclasses.replace(officer, officer_id=other_id, username="canbo2")
    before = _all_events(store)
    with pytest.raises(ValidationError) as not_mine:
        undo_last_step(store, colleague, code, "Nhầm")
    assert "cán bộ khác" in str(not_mine.value) and "rút hồ sơ" in str(not_mine.value)
    clock.advance(timedelta(days=1))
    with pytest.raises(ValidationError) as next_day:
        undo_last_step(store, officer, code, "Nhầm")
    assert "05/10/2026" in str(next_day.value) and "trong ngày" in str(next_day.value)
    assert _all_events(store) == before and _dossier(store, code).status == "withdrawn"
    with pytest.raises(ValidationError) as no_reason:
        undo_last_step(store, officer, code, "  ")
    assert "lý do" in str(no_reason.value)
    clock.set(MONDAY_9 + timedelta(hours=3))
    undo_last_step(store, officer, code, "Rút nhầm hồ sơ")
    with pytest.raises(ValidationError) as twice:
        undo_last_step(store, officer, code, "Nhầm")
    assert "đã được hoàn tác" in str(twice.value)
    assert _dossier(store, code).status == "received"


def test_undo_a_return_back_to_ready_keeps_the_processing_end(counter, clock: Clock) -> None:  # type: ignore[no-untyped-def]
    store, officer, code = counter
    hand_over(store, officer, code, "Tư pháp")
    clock.advance(timedelta(hours=1))
    record_result(store, officer, code)
    ready_end = _dossier(store, code).finished_at
    clock.advance(timedelta(hours=1))
    return_result(store, officer, code, "Nguyễn Văn Mẫu")
    undo_last_step(store, officer, code, "Trả nhầm hồ sơ")
    dossier = _dossier(store, code)
    assert dossier.status == "result_ready" and dossier.returned_at is None
    assert ready_end is not None and dossier.finished_at == ready_end
    return_result(store, officer, code, "Nguyễn Văn Mẫu")
    rate(store, officer, code, "very_satisfied")
    rated = typed(_events(store, code)[-1])
    assert isinstance(rated, Rated) and rated.stage == "return"
