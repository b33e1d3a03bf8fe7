"""The one table of allowed actions: the services refuse exactly what it refuses, and lead where it says."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from desktop.core.actions import (
    ACTIONS,
    Action,
    allowed_actions,
    allowed_steps,
    is_allowed,
    require_allowed,
)
from desktop.core.errors import ValidationError
from desktop.core.status import FINAL, STATUSES, Status, label_vi, national_code
from desktop.core.timeutil import VN_TZ
from desktop.services.accounts import SignedIn
from desktop.services.apology import apologise
from desktop.services.fees import collect_fees
from desktop.services.followup import extend_due, hand_over, stop_processing
from desktop.services.intake import (
    MissingItem,
    receive_dossier,
    refuse,
    request_supplement,
    supplement_received,
)
from desktop.services.obligation import obligation_met, request_obligation
from desktop.services.online_intake import accept_online
from desktop.services.result import post_result, record_delivery, record_result, return_result
from desktop.services.withdrawal import rate, withdraw
from desktop.store.engine import Store
from desktop.store.models import Dossier, Event, FeeLine
from tests.factories import intake_draft

MONDAY_9 = datetime(2026, 10, 5, 9, 0, tzinfo=VN_TZ)
LATER = MONDAY_9 + timedelta(days=60)
# an appointment no test date reaches: the return is on time and needs no apology
FAR = datetime(2099, 12, 31, 17, 0, tzinfo=VN_TZ)

Service = Callable[[Store, SignedIn, str], object]


def _set(store: Store, code: str, **values: object) -> str:
    """The dossier `code` with `values` written on its row (what the action needs besides its status)."""
    with store.transaction() as session:
        session.execute(update(Dossier).where(Dossier.code == code).values(**values))
    return code


def _pay(store: Store, officer: SignedIn, code: str) -> object:
    """Collect a fee line of 10.000 đồng added to the dossier (the factory's procedure is free)."""
    with store.transaction() as session:
        dossier_id = session.scalars(select(Dossier.id).where(Dossier.code == code)).one()
        session.add(FeeLine(dossier_id=dossier_id, name="Phí chứng thực", kind="phi", amount=10_000))
    return collect_fees(store, officer, code)


# every action a service performs today, driven with valid input (only the status can make it fail)
SERVICES: dict[Action, Service] = {
    Action.ACCEPT_ONLINE: accept_online,
    Action.HAND_OVER: lambda s, o, code: hand_over(s, o, code, "Công chức Tư pháp"),
    Action.REQUEST_SUPPLEMENT: lambda s, o, code: request_supplement(
        s, o, code, [MissingItem("Thiếu bản sao", position=1)], "Thiếu giấy tờ"
    ),
    Action.SUPPLEMENT_RECEIVED: supplement_received,
    Action.REFUSE: lambda s, o, code: refuse(s, o, code, "Không đúng thẩm quyền"),
    Action.EXTEND: lambda s, o, code: extend_due(s, o, code, LATER, "Chờ xác minh"),
    Action.STOP: lambda s, o, code: stop_processing(s, o, code, "Công dân rút"),
    Action.RESULT_READY: lambda s, o, code: record_result(s, o, code, document_number="12/QĐ-UBND"),
    Action.APOLOGISE: lambda s, o, code: apologise(s, o, code, "Chờ xác minh", "Chủ tịch UBND xã"),
    Action.RETURN_RESULT: lambda s, o, code: return_result(s, o, _set(s, code, due_at=FAR), "Nguyễn Văn Mẫu"),
    Action.WITHDRAW: withdraw,
    Action.RATE: lambda s, o, code: rate(s, o, code, "very_satisfied"),
    Action.POST_RESULT: lambda s, o, code: post_result(
        s, o, _set(s, code, delivery="postal", due_at=FAR), "EV123456789VN"
    ),
    Action.RESULT_DELIVERED: lambda s, o, code: record_delivery(
        s, o, _set(s, code, delivery_status="with_post")
    ),
    Action.REQUEST_OBLIGATION: lambda s, o, code: request_obligation(s, o, code, "12/TB", "Thuế", 100_000),
    Action.OBLIGATION_MET: lambda s, o, code: obligation_met(s, o, code, "BL-1", amount=100_000),
    Action.COLLECT_FEE: _pay,
}
PRINTS = {Action.REPRINT_RECEIPT, Action.CONTROL_SLIP}  # printing again is never refused by a service
# undo reverses the latest step (tests/unit/test_withdraw_rate_undo.py): allowed wherever a receipt exists
CORRECTIONS = {Action.UNDO}
# settling "Cần xem lại": only while the dossier is flagged (tests/e2e/test_sync_review.py)
REVIEWS = {Action.RESOLVE_REVIEW}
# rows whose service comes with the dossier's life after intake (the lifecycle rule book, §1.3)
NO_SERVICE_YET = {
    Action.MOVE_STEP,
    Action.DECLINE,
    Action.SEND_RESULT_ONLINE,
    Action.RETURN_PAPERS,
}


def test_every_action_has_a_row_and_is_either_performed_printed_or_waiting_for_its_service() -> None:
    assert set(ACTIONS) == set(Action)
    assert set(SERVICES) | PRINTS | CORRECTIONS | REVIEWS | NO_SERVICE_YET == set(Action)
    assert not set(SERVICES) & NO_SERVICE_YET


def test_the_performed_actions_keep_their_statuses() -> None:
    """Pinned by national code (the lifecycle rule book §1.3, and today's behaviour where it differs:
    refuse from 1, 2, 5): changing one of these changes what the officer can do."""
    codes = {action: {national_code(s) for s in ACTIONS[action].allowed_from} for action in SERVICES}
    assert codes == {
        Action.ACCEPT_ONLINE: {1},
        Action.HAND_OVER: {2},
        Action.REQUEST_SUPPLEMENT: {2, 4},
        Action.SUPPLEMENT_RECEIVED: {5},
        Action.REFUSE: {1, 2, 5},
        Action.EXTEND: {2, 4, 5, 6},
        Action.APOLOGISE: {2, 4, 5, 6, 9},
        Action.STOP: {2, 4, 5, 6},
        Action.RESULT_READY: {4},
        Action.RETURN_RESULT: {9},
        Action.POST_RESULT: {9},
        Action.RESULT_DELIVERED: {10},
        Action.WITHDRAW: {2, 4, 5, 6},
        Action.RATE: {2, 4, 5, 6, 7, 8, 9, 10},
        Action.REQUEST_OBLIGATION: {4},
        Action.OBLIGATION_MET: {6},
        Action.COLLECT_FEE: {2, 4, 5, 6, 9},
    }
    for action in PRINTS | CORRECTIONS:
        assert {national_code(s) for s in ACTIONS[action].allowed_from} == set(range(2, 11))


def test_the_table_keeps_the_lifecycle_rules() -> None:
    for status in FINAL:  # an ended dossier never changes status again
        assert all(not ACTIONS[action].leads_to for action in allowed_actions(status))
    # an online dossier is checked first: accepted (form 01) or refused (form 03)
    assert allowed_actions(Status.REGISTERED) == {Action.ACCEPT_ONLINE, Action.REFUSE}
    assert allowed_actions("no-such-status") == frozenset()
    for action, rule in ACTIONS.items():
        assert rule.allowed_from and rule.verb, action
        assert all(to not in rule.allowed_from for to in rule.leads_to), action


def test_a_refusal_names_the_dossier_its_status_and_the_action() -> None:
    class Row:
        code = "H01-261005-5000"
        status = "returned"

    with pytest.raises(ValidationError) as refused:
        require_allowed(Action.STOP, Row())
    assert str(refused.value) == (
        "Hồ sơ H01-261005-5000 đang ở trạng thái 'Đã trả kết quả', không thể dừng giải quyết. "
        "Có thể: ghi nhận bưu chính đã phát kết quả, ghi nhận đánh giá, hoàn tác bước vừa ghi."
    )
    assert refused.value.field == "status"
    require_allowed(Action.RATE, Row())  # allowed: nothing raised


def _dossier_in(store: Store, officer: SignedIn, status: Status) -> str:
    code = receive_dossier(store, officer, intake_draft(store), received_at=MONDAY_9).code
    with store.transaction() as session:
        session.execute(
            update(Dossier)
            .where(Dossier.code == code)
            .values(status=status.value, status_code=national_code(status))
        )
    return code


def _status_and_events(store: Store, code: str) -> tuple[str, int]:
    with store.session() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.code == code)).one()
        events = session.scalar(select(func.count()).select_from(Event).where(Event.dossier_id == dossier.id))
        return dossier.status, int(events or 0)


@pytest.mark.parametrize("status", list(Status))
def test_the_services_refuse_exactly_what_the_table_refuses(ready_store, status: Status) -> None:  # type: ignore[no-untyped-def]
    """Every performed action from this status: allowed -> done, leading where the table says;
    refused -> the officer's Vietnamese message, and the dossier is left as it was."""
    store, officer = ready_store
    for action, service in SERVICES.items():
        rule = ACTIONS[action]
        code = _dossier_in(store, officer, status)
        before = _status_and_events(store, code)
        if is_allowed(action, status):
            service(store, officer, code)
            after, events = _status_and_events(store, code)
            assert after in (rule.leads_to or (status,)), (action, status, after)
            assert events > before[1], (action, status)
        else:
            with pytest.raises(ValidationError) as refused:
                service(store, officer, code)
            assert str(refused.value) == (
                f"Hồ sơ {code} đang ở trạng thái '{label_vi(status)}', không thể {rule.verb}. "
                + allowed_steps(status)
            ), (action, status)
            assert refused.value.field == "status"
            assert _status_and_events(store, code) == before, (action, status)


def test_every_status_has_one_row_of_codes_and_labels() -> None:
    assert set(STATUSES) == set(Status)
    assert sorted(national_code(s) for s in STATUSES) == list(range(1, 11))
    assert len({info.label for info in STATUSES.values()}) == len(Status)
    assert len({info.label_vi for info in STATUSES.values()}) == len(Status)
